package io.scalper.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared recorded market data the benchmarks replay. In order: the system property
 * {@value #PROPERTY}, the environment variable {@value #ENV}, else {@code ../shared/data} beside the project root
 * (the nearest folder upwards from the working directory that holds {@code mvnw}). The data is never bundled into
 * the benchmark jar.
 */
final class SharedData {
    static final String PROPERTY = "scalper.shared.data";
    static final String ENV = "SCALPER_SHARED_DATA";

    /** The recorded Bybit linear stream (4 symbols, 45 s) every frame benchmark replays. */
    static final String BYBIT_LINEAR_STREAM = "bybit/linear-4sym-2026-08-09.jsonl";

    private SharedData() {}

    /**
     * A readable file under the shared data folder.
     *
     * @throws IllegalStateException naming where it looked, when the folder or the file is missing
     */
    static Path require(String relative) {
        final Path root = root();
        final Path file = root.resolve(relative);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("shared data file not found: " + file.toAbsolutePath() + " (set -D"
                    + PROPERTY + "=<folder> or " + ENV + " to the folder holding " + relative + ")");
        }
        return file;
    }

    private static Path root() {
        String configured = System.getProperty(PROPERTY);
        String origin = "system property " + PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
            origin = "environment variable " + ENV;
        }
        if (configured != null && !configured.isBlank()) {
            final Path p = Paths.get(configured);
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException(origin + " points to " + p.toAbsolutePath() + ", not a folder");
            }
            return p;
        }
        final Path cwd = Paths.get("").toAbsolutePath();
        Path dir = cwd;
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            throw new IllegalStateException("shared data not found: no folder holding mvnw above " + cwd
                    + "; run from the project, or set -D" + PROPERTY + "=<folder> or " + ENV);
        }
        final Path data = dir.getParent().resolve("shared").resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("shared data not found at " + data + " (beside the project root " + dir
                    + "); set -D" + PROPERTY + "=<folder> or " + ENV);
        }
        return data;
    }
}
