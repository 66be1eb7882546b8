package io.scalper.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared recorded Bybit data ({@code ../shared/data} beside the project root) for tests. The project root is
 * the nearest folder upwards holding {@code mvnw}; the system property {@code scalper.shared.data} or the environment
 * variable {@code SCALPER_SHARED_DATA} point elsewhere. Tests call {@link #require(String)}, which skips the test when
 * the data is absent, so a fresh clone still builds — and fails it instead under CI (see {@link Ci}).
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder, or {@code null} when it cannot be found. */
    public static Path root() {
        return root(configured(), workingDir());
    }

    /** A file under the shared data folder; skips the calling test when it is absent, fails it under CI. */
    public static Path require(String relative) {
        return require(relative, configured(), workingDir(), System.getenv("CI"));
    }

    static Path root(String configured, Path workingDir) {
        if (configured != null && !configured.isBlank()) {
            final Path p = Paths.get(configured);
            return Files.isDirectory(p) ? p : null;
        }
        final Path data = besideProjectRoot(workingDir);
        return data != null && Files.isDirectory(data) ? data : null;
    }

    static Path require(String relative, String configured, Path workingDir, String ciValue) {
        final Path root = root(configured, workingDir);
        Ci.require(root != null, missingRoot(configured, workingDir), ciValue);
        final Path file = root.resolve(relative);
        Ci.require(
                Files.isReadable(file),
                "shared data file " + relative + " not found in " + root
                        + " (the shared data folder is incomplete: copy the full shared/data there)",
                ciValue);
        return file;
    }

    private static String missingRoot(String configured, Path workingDir) {
        if (configured != null && !configured.isBlank()) {
            return "shared data folder not found: SCALPER_SHARED_DATA (or -Dscalper.shared.data) is " + configured
                    + ", which is not a folder; point it at the shared data folder (shared/data)";
        }
        final Path expected = besideProjectRoot(workingDir);
        return "shared data folder not found: expected ../shared/data beside the project root"
                + (expected == null ? " (no folder holding mvnw above " + workingDir + ")" : " at " + expected)
                + "; put the shared data there or point SCALPER_SHARED_DATA at it";
    }

    /** {@code ../shared/data} relative to the nearest folder upwards holding {@code mvnw}, or {@code null}. */
    private static Path besideProjectRoot(Path workingDir) {
        Path dir = workingDir.toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        return dir.getParent().resolve("shared").resolve("data");
    }

    private static String configured() {
        return System.getProperty("scalper.shared.data", System.getenv("SCALPER_SHARED_DATA"));
    }

    private static Path workingDir() {
        return Paths.get("").toAbsolutePath();
    }
}
