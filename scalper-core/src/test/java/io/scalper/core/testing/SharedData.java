package io.scalper.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared recorded Bybit data ({@code ../shared/data} beside the project root) for tests. The project root is
 * the nearest folder upwards holding {@code mvnw}; the system property {@code scalper.shared.data} or the environment
 * variable {@code SCALPER_SHARED_DATA} point elsewhere. Tests call {@link #require(String)}, which skips the test
 * (JUnit assumption) when the data is absent, so a fresh clone still builds.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder, or {@code null} when it cannot be found. */
    public static Path root() {
        final String configured = System.getProperty("scalper.shared.data", System.getenv("SCALPER_SHARED_DATA"));
        if (configured != null && !configured.isBlank()) {
            final Path p = Paths.get(configured);
            return Files.isDirectory(p) ? p : null;
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        final Path data = dir.getParent().resolve("shared").resolve("data");
        return Files.isDirectory(data) ? data : null;
    }

    /** A file under the shared data folder; skips the calling test when it is absent. */
    public static Path require(String relative) {
        final Path root = root();
        assumeTrue(root != null, "shared data folder not found; skipping");
        final Path file = root.resolve(relative);
        assumeTrue(Files.isReadable(file), "shared data file " + relative + " not found; skipping");
        return file;
    }
}
