package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.testing.Ci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium through {@code scripts/check-report.sh} (Chromium at {@code $CHROMIUM}, default
 * {@code /usr/bin/chromium}, as the script takes it). Without Chromium or the script a test is skipped, and fails
 * under CI (see {@link Ci}). Public for the report tests of other packages and modules (the drift report's).
 */
public final class ChromiumCheck {
    private static final Path CHROMIUM = Path.of(Optional.ofNullable(System.getenv("CHROMIUM"))
            .filter(path -> !path.isBlank())
            .orElse("/usr/bin/chromium"));
    private static final long TIMEOUT_S = 60;

    private final Path script;

    private ChromiumCheck(Path script) {
        this.script = script;
    }

    /** Finds Chromium and the script (above the working directory); skips, or fails under CI, when either is missing. */
    public static ChromiumCheck require() {
        Ci.require(
                Files.isExecutable(CHROMIUM),
                "Chromium is not installed at " + CHROMIUM
                        + " (needed to open reports in a real browser): apt-get install chromium, as .ci/run does,"
                        + " or point CHROMIUM at one");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("scripts/check-report.sh");
            if (Files.isRegularFile(candidate)) {
                return new ChromiumCheck(candidate);
            }
        }
        Ci.require(false, "scripts/check-report.sh not found above the working directory");
        throw new IllegalStateException("unreachable");
    }

    /** Runs the check on {@code html}; returns its exit status and puts its output in {@code output}. */
    public int check(Path html, StringBuilder output) throws IOException, InterruptedException {
        final Path log = html.resolveSibling(html.getFileName() + ".log");
        final Process process = new ProcessBuilder("bash", script.toString(), html.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        try {
            assertThat(process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
                    .as("check-report.sh finished within %d s", TIMEOUT_S)
                    .isTrue();
            output.append(Files.readString(log, StandardCharsets.UTF_8));
            return process.exitValue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
