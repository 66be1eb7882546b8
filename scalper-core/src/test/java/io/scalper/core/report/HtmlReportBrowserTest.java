package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium through {@code scripts/check-report.sh} (Chromium at {@code $CHROMIUM}, default
 * {@code /usr/bin/chromium}, as the script takes it); skipped where it is not installed, failed there under CI (see
 * {@link Ci}).
 */
class HtmlReportBrowserTest {
    private static ChromiumCheck chromium;

    @BeforeAll
    static void findChromiumAndScript() {
        chromium = ChromiumCheck.require();
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
        final int status = chromium.check(html, output);

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

        assertThat(chromium.check(html, output))
                .as("check-report.sh output:%n%s", output)
                .isZero();
    }

    @Test
    void shouldFailTheCheckWhenAChartIsEmpty(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("broken.html");
        final String page = HtmlReport.render(new ReportFixtures(2_000, 5, 22).data());
        Files.writeString(html, page.replace("class=\"series equity-line\"", "class=\"equity-line\""));

        final StringBuilder output = new StringBuilder();
        final int status = chromium.check(html, output);

        assertThat(status).isEqualTo(1);
        assertThat(output).contains("equity-chart is empty");
    }
}
