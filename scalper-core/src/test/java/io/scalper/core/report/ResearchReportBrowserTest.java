package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.research.ResearchRunner;
import io.scalper.core.synthetic.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens research pages in headless Chromium through {@code scripts/check-report.sh} (the same check as the backtest
 * report); skipped without Chromium, failed there under CI (see {@link ChromiumCheck}).
 */
class ResearchReportBrowserTest {
    private static ChromiumCheck chromium;

    @BeforeAll
    static void findChromiumAndScript() {
        chromium = ChromiumCheck.require();
    }

    @Test
    void shouldRenderAResearchPageInChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        final Path html = dir.resolve("research.html");
        ResearchReport.write(ResearchReportTest.research(10, "generated"), Map.of("seed", "3"), html);

        final StringBuilder output = new StringBuilder();
        assertThat(chromium.check(html, output))
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
        assertThat(chromium.check(html, output))
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
        assertThat(chromium.check(html, output)).isEqualTo(1);
        assertThat(output).contains("ic-chart is empty");
    }
}
