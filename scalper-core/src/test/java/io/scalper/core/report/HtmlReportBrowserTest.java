package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.testing.Ci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium through {@code scripts/check-report.sh} (Chromium at {@code $CHROMIUM}, default
 * {@code /usr/bin/chromium}, as the script takes it); skipped where it is not installed, failed there under CI (see
 * {@link Ci}).
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of(Optional.ofNullable(System.getenv("CHROMIUM"))
            .filter(path -> !path.isBlank())
            .orElse("/usr/bin/chromium"));
    private static final long TIMEOUT_S = 60;

    private static Path script;

    @BeforeAll
    static void findChromiumAndScript() {
        Ci.require(
                Files.isExecutable(CHROMIUM),
                "Chromium is not installed at " + CHROMIUM
                        + " (needed to open reports in a real browser): apt-get install chromium, as .ci/run does,"
                        + " or point CHROMIUM at one");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("scripts/check-report.sh");
            if (Files.isRegularFile(candidate)) {
                script = candidate;
                break;
            }
        }
        Ci.require(script != null, "scripts/check-report.sh not found above the working directory");
    }

    /** Runs the check; returns its exit status and puts its output in {@code output}. */
    private static int check(Path html, StringBuilder output) throws IOException, InterruptedException {
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

    @Test
    void shouldRenderInChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("report.html");
        HtmlReport.write(
                new ReportFixtures(20_000, 30, 21)
                        .builder("BTCUSDT backtest")
                        .research(ResearchReportTest.research(5, "generated"))
                        .build(),
                html);

        final StringBuilder output = new StringBuilder();
        final int status = check(html, output);

        assertThat(status).as("check-report.sh output:%n%s", output).isZero();
        assertThat(output).contains("check-report: OK");
    }

    @Test
    void shouldRenderAnEmptyReportInChromium(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("empty.html");
        HtmlReport.write(
                ReportData.builder("empty", PerformanceStats.of(List.of(), 100, new ExecutionCounts(), 0))
                        .build(),
                html);

        final StringBuilder output = new StringBuilder();

        assertThat(check(html, output))
                .as("check-report.sh output:%n%s", output)
                .isZero();
    }

    @Test
    void shouldFailTheCheckWhenAChartIsEmpty(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("broken.html");
        final String page = HtmlReport.render(new ReportFixtures(2_000, 5, 22).data());
        Files.writeString(html, page.replace("class=\"series equity-line\"", "class=\"equity-line\""));

        final StringBuilder output = new StringBuilder();
        final int status = check(html, output);

        assertThat(status).isEqualTo(1);
        assertThat(output).contains("equity-chart is empty");
    }
}
