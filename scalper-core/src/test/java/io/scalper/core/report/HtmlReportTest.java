package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final List<String> SECTION_IDS =
            List.of("run", "stats", "equity", "drawdown", "price", "signals", "refusals", "trades");

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The text of the element with this id, up to its closing tag (sections and svgs do not nest in themselves). */
    static String element(String html, String tag, String id) {
        final int start =
                html.indexOf("<" + tag + " " + (tag.equals("svg") ? "class=\"chart\" " : "") + "id=\"" + id + "\"");
        assertThat(start).as("<%s id=%s>", tag, id).isNotNegative();
        final int end = html.indexOf("</" + tag + ">", start);
        return html.substring(start, end);
    }

    /** The number of x,y pairs in the {@code points} of the polyline with this class. */
    static int polylinePoints(String svg, String cssClass) {
        final Matcher m = Pattern.compile("<polyline class=\"" + cssClass + "\" points=\"([^\"]*)\"")
                .matcher(svg);
        assertThat(m.find()).as("polyline %s", cssClass).isTrue();
        return m.group(1).isEmpty() ? 0 : m.group(1).split(" ").length;
    }

    @Test
    void shouldContainEverySectionAndChart() {
        final String html = HtmlReport.render(new ReportFixtures(3_000, 20, 1).data());

        for (final String id : SECTION_IDS) {
            assertThat(html).contains("id=\"" + id + "\"");
        }
        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(3);
        assertThat(html)
                .contains("id=\"equity-chart\"", "id=\"drawdown-chart\"", "id=\"price-chart\"")
                .contains("<h2>Statistics</h2>", "Profit factor", "Max drawdown %", "Maker fills", "Fill ratio")
                .contains("eventsPerSecond", "250,000.5", "1,234,567")
                .contains("generated random walk", "config/example.toml")
                .doesNotContain("No data")
                .startsWith("<!DOCTYPE html>")
                .endsWith("</html>\n");
    }

    @Test
    void shouldLoadNothingFromElsewhere() {
        final String html = HtmlReport.render(new ReportFixtures(500, 5, 2).data());

        assertThat(html).doesNotContain("http://", "https://", "src=", "href=", "@import", "url(");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none';");
    }

    @Test
    void shouldEscapeTextFromTheData() {
        final ReportFixtures f = new ReportFixtures(500, 6, 3);
        final String html = HtmlReport.render(f.builder("<script>alert(1)</script> & \"co\"")
                .runInfo("<i>path</i>", "a'b<c")
                .build());

        assertThat(html)
                .doesNotContain("<script>alert(1)</script>", "<i>path</i>", "<b>spread</b>")
                .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</title>")
                .contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</h1>")
                .contains("<dt>&lt;i&gt;path&lt;/i&gt;</dt><dd>a&#39;b&lt;c</dd>")
                .contains("&lt;b&gt;spread&lt;/b&gt;");
        assertThat(count(html, "<script")).as("only the page's own script").isEqualTo(1);
    }

    @Test
    void shouldShowNoDataNotesWhenThereIsNothingToShow() {
        final PerformanceStats stats = PerformanceStats.of(List.of(), 1_000, new ExecutionCounts(), 0);
        final String html = HtmlReport.render(ReportData.builder("empty", stats).build());

        for (final String id : SECTION_IDS) {
            assertThat(html).contains("id=\"" + id + "\"");
        }
        assertThat(html).doesNotContain("<svg class=\"chart\"", "<polyline", "NaN", "Infinity");
        assertThat(count(html, "<p class=\"nodata\">")).isEqualTo(6);
        assertThat(element(html, "section", "trades")).contains("No data: no closed trades.");
        assertThat(element(html, "section", "price")).contains("No data: no price samples and no trades.");
        assertThat(element(html, "section", "equity")).contains("No data: no equity samples.");
        assertThat(element(html, "section", "stats")).contains("<td>n/a</td>");
    }

    @Test
    void shouldDrawASingleSampleWithoutBreakingTheChart() {
        final PerformanceStats stats = PerformanceStats.of(List.of(), 1_000, new ExecutionCounts(), 0);
        final EquityCurve curve = new EquityCurve();
        curve.add(ReportFixtures.T0, 1_000);
        final String html = HtmlReport.render(ReportData.builder("one", stats)
                .equityCurve(curve)
                .prices(new long[] {ReportFixtures.T0}, new double[] {5})
                .build());

        assertThat(polylinePoints(element(html, "svg", "equity-chart"), "series equity-line"))
                .isEqualTo(1);
        assertThat(polylinePoints(element(html, "svg", "price-chart"), "series price-line"))
                .isEqualTo(1);
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void shouldMarkTheEntryAndExitOfEveryTrade() {
        final ReportFixtures f = new ReportFixtures(5_000, 37, 4);
        final String price = element(HtmlReport.render(f.data()), "svg", "price-chart");

        final long buys = f.trades.stream().filter(t -> t.side() == Side.BUY).count();
        assertThat(count(price, "class=\"marker ")).isEqualTo(2 * 37);
        assertThat(count(price, "class=\"marker entry buy\"")).isEqualTo(buys);
        assertThat(count(price, "class=\"marker entry sell\"")).isEqualTo(37 - buys);
        assertThat(count(price, "class=\"marker exit ")).isEqualTo(37);
        assertThat(count(price, "class=\"link ")).isEqualTo(37);
    }

    @Test
    void shouldBoundThePointsOfLongSeries() {
        final ReportFixtures f = new ReportFixtures(86_400, 3_000, 5);
        final String html = HtmlReport.render(f.data());

        final int pricePoints = polylinePoints(element(html, "svg", "price-chart"), "series price-line");
        assertThat(pricePoints).isBetween(HtmlReport.MAX_CHART_POINTS / 2, HtmlReport.MAX_CHART_POINTS);
        // a step line has two points per sample after the first
        final int equityPoints = polylinePoints(element(html, "svg", "equity-chart"), "series equity-line");
        assertThat(equityPoints).isLessThanOrEqualTo(2 * HtmlReport.MAX_CHART_POINTS - 1);
        assertThat(count(element(html, "svg", "price-chart"), "class=\"marker "))
                .isEqualTo(2 * HtmlReport.MAX_MARKED_TRADES);
        assertThat(element(html, "section", "price")).contains("markers for the first 2,000 of 3,000 trades");
        assertThat(html.length()).isLessThan(2_000_000);
    }

    @Test
    void shouldListTheFirstRowsOfManyTradesWithANote() {
        final ReportFixtures f = new ReportFixtures(20_000, 600, 6);
        final String trades = element(HtmlReport.render(f.data()), "section", "trades");

        assertThat(count(trades, "<tr><td>")).isEqualTo(HtmlReport.MAX_TRADE_ROWS);
        assertThat(trades).contains("Showing the first 500 of 600 trades.");
        assertThat(trades).contains("<tr><td>500</td>").doesNotContain("<tr><td>501</td>");
    }

    @Test
    void shouldSortSignalsByPnlAndRefusalsByCount() {
        final ReportFixtures f = new ReportFixtures(1_000, 4, 7);
        final String html = HtmlReport.render(f.builder("sorted")
                .signalPnl(Map.of("small", 1.0, "big", 9.5, "loser", -3.25))
                .refusals(Map.of("b_rare", 2L, "a_common", 50L, "c_mid", 10L))
                .build());

        final String signals = element(html, "section", "signals");
        assertThat(signals.indexOf(">big<")).isLessThan(signals.indexOf(">small<"));
        assertThat(signals.indexOf(">small<")).isLessThan(signals.indexOf(">loser<"));
        assertThat(signals).contains("<td class=\"neg\">-3.2500</td>", "<th class=\"pos\">+7.2500</th>");
        final String refusals = element(html, "section", "refusals");
        assertThat(refusals.indexOf(">a_common<")).isLessThan(refusals.indexOf(">c_mid<"));
        assertThat(refusals.indexOf(">c_mid<")).isLessThan(refusals.indexOf(">b_rare<"));
        assertThat(refusals).contains("<th>Total</th><th>62</th>", "80.65%");
    }

    @Test
    void shouldLabelTheTimeAxisInUtc() {
        // 3,000 samples of 100 ms: 00:00:00 to 00:04:59.9, so one-minute labels
        final String equity = element(HtmlReport.render(new ReportFixtures(3_000, 10, 8).data()), "svg", "price-chart");

        assertThat(equity).contains(">00:01:00</text>", ">00:02:00</text>", ">00:04:00</text>");
    }

    @Test
    void shouldRenderTheSameTextForTheSameDataInAnyLocaleAndZone() {
        final String first = HtmlReport.render(new ReportFixtures(10_000, 50, 9).data());
        final Locale locale = Locale.getDefault();
        final TimeZone zone = TimeZone.getDefault();
        final String second;
        try {
            Locale.setDefault(Locale.GERMANY);
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            second = HtmlReport.render(new ReportFixtures(10_000, 50, 9).data());
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }

        assertThat(second).isEqualTo(first);
        assertThat(HtmlReport.render(new ReportFixtures(10_000, 50, 10).data())).isNotEqualTo(first);
    }

    @Test
    void shouldNotChangeWhenTheInputsChangeAfterBuild() {
        final ReportFixtures f = new ReportFixtures(1_000, 5, 11);
        final ReportData data = f.data();
        final String before = HtmlReport.render(data);

        f.pricesTicks[10] = 1e9;
        f.timesNs[999] += 1_000_000_000_000L;
        f.curve.add(f.timesNs[999], 1e9);

        assertThat(HtmlReport.render(data)).isEqualTo(before);
    }

    @Test
    void shouldWriteTheWholePageAndLeaveNoTemporaryFile(@TempDir Path dir) throws IOException {
        final Path file = dir.resolve("report.html");
        Files.writeString(file, "old page");
        final ReportData data = new ReportFixtures(2_000, 12, 12).data();

        HtmlReport.write(data, file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(data));
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(files::add);
        }
        assertThat(files).containsExactly(file);
    }

    @Test
    void shouldShowDecisionQualityOnlyWhenResearchIsGiven() throws IOException {
        final io.scalper.core.research.ResearchResult research = ResearchReportTest.research(5, "generated");
        final String with = HtmlReport.render(new ReportFixtures(2_000, 5, 23)
                .builder("bt")
                .research(research)
                .build());
        final String without = HtmlReport.render(new ReportFixtures(2_000, 5, 23).data());

        assertThat(without).doesNotContain("id=\"decision-quality\"");
        assertThat(with).contains("<section id=\"decision-quality\">\n<h2>Decision quality</h2>");
        final String section = with.substring(
                with.indexOf("id=\"decision-quality\""),
                with.indexOf("</section>", with.indexOf("id=\"decision-quality\"")));
        // one row per horizon in the fused table and one per signal in the IC table, with research's own figures
        for (String label : research.horizonLabels()) {
            assertThat(section).contains("<tr><td>" + label + "</td>");
        }
        for (String signal : research.signalNames()) {
            assertThat(section).contains("<tr><td>" + signal + "</td>");
        }
        assertThat(section).contains("Clears costs: " + ResearchReport.verdict(research));
        assertThat(section).contains(Fmt.count(research.samples()) + " decisions");
    }
}
