package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.research.ResearchResult;
import io.scalper.core.research.ResearchRunner;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResearchReportTest {
    private static final long MINUTE = 60_000_000_000L;

    /** A research result over a generated market (martingale model, patterns followed by a move). */
    static ResearchResult research(long minutes, String description) throws IOException {
        final long ns = minutes * MINUTE;
        return ResearchRunner.builder()
                .source(new GeneratedSource(
                        GeneratorConfig.btcusdt().withPredictability(1).withPatternMoveBps(20),
                        Scenarios.rich(ns, 3),
                        ns))
                .description(description)
                .build()
                .run();
    }

    @Test
    void shouldRenderEverySectionWithChartsThatHaveSeries() throws IOException {
        final String page = ResearchReport.render(research(10, "generated"), Map.of("config", "defaults"));

        for (String id : List.of(
                "run", "stats", "signals", "calibration", "equity", "drawdown", "price", "refusals", "trades")) {
            assertThat(page).contains("id=\"" + id + "\"");
        }
        for (String chart : List.of("ic-chart", "calibration-chart", "equity-chart", "drawdown-chart", "price-chart")) {
            final int at = page.indexOf("<svg class=\"chart\" id=\"" + chart + "\"");
            assertThat(at).as(chart).isPositive();
            final String svg = page.substring(at, page.indexOf("</svg>", at));
            assertThat(svg).as(chart).containsPattern("class=\"(series|marker)[ \"]");
        }
        // the calibration chart carries the three cost lines, both signs
        assertThat(page).contains("maker/maker</text>", "maker/taker</text>", "taker/taker</text>");
        assertThat(page).contains("Clears costs");
    }

    @Test
    void shouldLoadNothingAndAllowOnlyItsOwnScript() throws IOException {
        final String page = ResearchReport.render(research(3, "generated"), Map.of());

        assertThat(page).doesNotContain("http://", "https://", "src=", "href=");
        final Matcher script =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(script.find()).isTrue();
        final String hash = "sha256-" + Base64.getEncoder().encodeToString(sha256(script.group(1)));
        assertThat(page).contains("script-src '" + hash + "'").contains("default-src 'none'");
        assertThat(script.find()).as("a second script").isFalse();
    }

    @Test
    void shouldBeDeterministicAndEscapeWhatItShows() throws IOException {
        final ResearchResult r = research(3, "a <b>&\"c\" market");
        final String page = ResearchReport.render(r, Map.of("note", "<i>"));

        assertThat(page).isEqualTo(ResearchReport.render(r, Map.of("note", "<i>")));
        assertThat(page).contains("a &lt;b&gt;&amp;&quot;c&quot; market").contains("&lt;i&gt;");
        assertThat(page).doesNotContain("<b>&", "<i>");
    }

    @Test
    void shouldSayNoDataWhereNothingCanBeDrawn() throws IOException {
        // two seconds of market: no decision resolves at the longer horizons, no paper trade
        final ResearchResult r = ResearchRunner.builder()
                .source(new GeneratedSource(GeneratorConfig.btcusdt(), List.of(), 2_000_000_000L))
                .build()
                .run();
        final String page = ResearchReport.render(r, Map.of());

        assertThat(page).contains("No data: no paper trades").doesNotContain("id=\"equity-chart\"");
        assertThat(page).contains("id=\"price-chart\"");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
