package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.research.ResearchRunner;
import io.scalper.core.synthetic.GeneratorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens research pages in headless Chromium through {@code scripts/check-report.sh} (the same check as the backtest
 * report); skipped where {@code /usr/bin/chromium} is not installed.
 */
class ResearchReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_S = 60;

    private static Path script;

    @BeforeAll
    static void findChromiumAndScript() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("scripts/check-report.sh");
            if (Files.isRegularFile(candidate)) {
                script = candidate;
                break;
            }
        }
        assumeTrue(script != null, "scripts/check-report.sh not found above the working directory");
    }

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
    void shouldRenderAResearchPageInChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("research.html");
        ResearchReport.write(ResearchReportTest.research(10, "generated"), Map.of("seed", "3"), html);

        final StringBuilder output = new StringBuilder();
        assertThat(check(html, output))
                .as("check-report.sh output:%n%s", output)
                .isZero();
        assertThat(output).contains("check-report: OK");
    }

    @Test
    void shouldRenderAnAlmostEmptyResearchPage(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("short.html");
        ResearchReport.write(
                ResearchRunner.builder()
                        .source(new GeneratedSource(GeneratorConfig.btcusdt(), List.of(), 2_000_000_000L))
                        .build()
                        .run(),
                Map.of(),
                html);

        final StringBuilder output = new StringBuilder();
        assertThat(check(html, output))
                .as("check-report.sh output:%n%s", output)
                .isZero();
    }

    @Test
    void shouldFailTheCheckWhenAChartIsEmpty(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("broken.html");
        final String page = ResearchReport.render(ResearchReportTest.research(3, "generated"), Map.of());
        final int at = page.indexOf("id=\"ic-chart\"");
        final int end = page.indexOf("</svg>", at);
        final String ic =
                page.substring(at, end).replace("class=\"series ", "class=\"").replace("class=\"marker ", "class=\"");
        Files.writeString(html, page.substring(0, at) + ic + page.substring(end));

        final StringBuilder output = new StringBuilder();
        assertThat(check(html, output)).isEqualTo(1);
        assertThat(output).contains("ic-chart is empty");
    }
}
