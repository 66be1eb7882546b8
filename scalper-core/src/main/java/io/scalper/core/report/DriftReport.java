package io.scalper.core.report;

import io.scalper.core.drift.Distribution;
import io.scalper.core.drift.DriftResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The page of {@code scalper drift --report}: a live session against its replay through the backtester, with the look
 * and guarantees of {@link HtmlReport} (inline SVG, nothing loaded, a Content-Security-Policy forbidding any load, one
 * inline script that sets {@code data-rendered="ok"} once every chart has content and every section is there).
 *
 * <p>Sections (ids): {@code run} (the session, the models, the headline figures), {@code stats} (live and backtest
 * side by side), {@code equity} (both cumulative net PnL curves on one chart), {@code drawdown} (where the PnL parts:
 * backtest minus live), {@code price} (the mid with both sides' entries), {@code signals} (decision agreement over
 * time, and the decisions that differed), {@code latency} (order round trips live and of the model, histograms side by
 * side; feed ages), {@code queue} (fill probability of resting entries by queue position, live and simulated, and the
 * fit), {@code refusals} (both sides' refusals), {@code trades} (matched, live only, backtest only, with causes) and
 * {@code differences} (every place they part, with its cause). The ids {@code equity} … {@code trades} are those of
 * the backtest report, so {@code scripts/check-report.sh} checks this page too.
 */
public final class DriftReport {
    /** Most rows in the trades and differences tables. */
    public static final int MAX_ROWS = 500;

    private static final String[] SECTIONS = {
        "run",
        "stats",
        "equity",
        "drawdown",
        "price",
        "signals",
        "latency",
        "queue",
        "refusals",
        "trades",
        "differences"
    };

    private static final String SCRIPT = HtmlReport.checkScript(SECTIONS);

    private static final String CSP = HtmlReport.csp(SCRIPT);

    private static final long[] LATENCY_BOUNDS_NS = {
        100_000L,
        200_000L,
        500_000L,
        1_000_000L,
        2_000_000L,
        5_000_000L,
        10_000_000L,
        20_000_000L,
        50_000_000L,
        100_000_000L,
        200_000_000L,
        500_000_000L,
        1_000_000_000L
    };

    private static final String EXTRA_CSS = ".live-line{stroke:#0969da;stroke-width:2}"
            + ".bt-line{stroke:#bc4c00;stroke-width:2;stroke-dasharray:6 3}\n"
            + ".diff-line{stroke:#8250df}.agree-line{stroke:#1a7f37}.zero{stroke:#6e7781;stroke-width:1}\n"
            + ".marker.live{fill:#0969da}.marker.bt{fill:#bc4c00}\n"
            + ".swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}\n"
            + ".swatch.live{background:#0969da}.swatch.bt{background:#bc4c00}\n"
            + "td.cause{text-align:left;white-space:normal;max-width:520px}\n"
            + "td.what{text-align:left;white-space:normal;max-width:520px}\n"
            + ".split{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}\n";

    private DriftReport() {}

    /** UTC {@code HH:mm:ss.SSS} of a session time (for text output beside the page). */
    public static String time(long timeNs) {
        return Fmt.timeMs(timeNs);
    }

    /** The page as HTML text. */
    public static String render(DriftResult r) {
        Objects.requireNonNull(r, "result");
        final StringBuilder out = new StringBuilder(64 * 1024);
        final String title =
                "Scalper drift — " + r.run().symbol() + " on " + r.run().venue();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n<title>");
        Fmt.escape(out, title)
                .append("</title>\n<style>\n")
                .append(HtmlReport.CSS)
                .append(EXTRA_CSS)
                .append("</style>\n</head>\n<body>\n");
        header(out, r, title);
        out.append("<main>\n");
        stats(out, r);
        equity(out, r);
        parting(out, r);
        price(out, r);
        signals(out, r);
        latency(out, r);
        queue(out, r);
        refusals(out, r);
        trades(out, r);
        differences(out, r);
        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Writes the page atomically, readable by all on POSIX file systems; the directory must exist. */
    public static void write(DriftResult r, Path file) throws IOException {
        HtmlReport.writeAtomically(render(r), file);
    }

    private static void header(StringBuilder out, DriftResult r, String title) {
        final DriftResult.Run run = r.run();
        out.append("<header id=\"run\">\n<h1>");
        Fmt.escape(out, title).append("</h1>\n<dl class=\"info\">\n");
        info(out, "session", run.sessionId());
        info(
                out,
                "period",
                Fmt.dateTime(run.startNs()) + " – " + Fmt.dateTime(run.endNs()) + " UTC ("
                        + Fmt.duration(run.endNs() - run.startNs()) + ", " + Fmt.count(run.messages()) + " messages)");
        info(out, "backtest latency", run.latencyModel());
        info(out, "backtest queue", run.queueModel());
        info(
                out,
                "calibration",
                run.calibration().isEmpty()
                        ? "none: the recorded configuration"
                        : run.calibration().toString());
        for (String n : run.notes()) {
            info(out, "note", n);
        }
        out.append("</dl>\n<div class=\"kpis\">\n");
        kpi(out, "Decisions agreeing", Fmt.percent(r.decisions().agreement()));
        kpi(
                out,
                "Trades live / backtest",
                r.trades().live() + " / " + r.trades().backtest());
        kpi(out, "Matched trades", Fmt.count(r.trades().matched()));
        kpi(out, "Net PnL live", Fmt.signed(r.trades().liveNetPnl(), 2));
        kpi(out, "Net PnL backtest", Fmt.signed(r.trades().backtestNetPnl(), 2));
        final DriftResult.Divergence first = r.first();
        kpi(out, "First parting", first == null ? "none" : Fmt.timeMs(first.timeNs()));
        out.append("</div>\n</header>\n");
    }

    private static void info(StringBuilder out, String key, String value) {
        out.append("<dt>");
        Fmt.escape(out, key).append("</dt><dd>");
        Fmt.escape(out, value).append("</dd>\n");
    }

    private static void kpi(StringBuilder out, String label, String value) {
        out.append("<div class=\"kpi\"><span>");
        Fmt.escape(out, label).append("</span><b>");
        Fmt.escape(out, value).append("</b></div>\n");
    }

    private static void stats(StringBuilder out, DriftResult r) {
        out.append("<section id=\"stats\">\n<h2>Live and backtest</h2>\n<table>\n<thead><tr><th class=\"l\"></th>"
                + "<th>Live</th><th>Backtest</th><th>Matched</th></tr></thead>\n<tbody>\n");
        final DriftResult.Entries e = r.entries();
        final DriftResult.Fills f = r.fills();
        final DriftResult.Trades t = r.trades();
        final DriftResult.Latency l = r.latency();
        row(
                out,
                "Decisions compared",
                "",
                "",
                Fmt.count(r.decisions().compared()) + " ("
                        + Fmt.percent(r.decisions().agreement()) + " same direction)");
        row(out, "Entries placed", Fmt.count(e.live()), Fmt.count(e.backtest()), Fmt.count(e.matched()));
        row(
                out,
                "Entries filled",
                Fmt.count(e.liveFilled()),
                Fmt.count(e.backtestFilled()),
                Fmt.count(e.filledBoth()) + " both, " + e.filledLiveOnly() + " live only, " + e.filledBacktestOnly()
                        + " backtest only");
        row(out, "Fills", Fmt.count(f.live()), Fmt.count(f.backtest()), Fmt.count(f.matched()));
        row(
                out,
                "Maker / taker fills",
                f.liveMaker() + " / " + f.liveTaker(),
                f.backtestMaker() + " / " + f.backtestTaker(),
                f.sameLiquidity() + " with the same liquidity");
        row(
                out,
                "Fill price, backtest − live",
                "",
                "",
                Double.isNaN(f.meanPriceDifferenceTicks())
                        ? Fmt.NOT_AVAILABLE
                        : Fmt.signed(f.meanPriceDifferenceTicks(), 2) + " ticks in the order's favour");
        row(
                out,
                "Fill time, backtest − live",
                "",
                "",
                Double.isNaN(f.meanTimeDifferenceMs())
                        ? Fmt.NOT_AVAILABLE
                        : Fmt.signed(f.meanTimeDifferenceMs(), 1) + " ms");
        row(
                out,
                "Round trips",
                Fmt.count(t.live()),
                Fmt.count(t.backtest()),
                Fmt.count(t.matched()) + " (" + t.sameExit() + " with the same exit)");
        row(
                out,
                "Net PnL",
                Fmt.signed(t.liveNetPnl(), 4),
                Fmt.signed(t.backtestNetPnl(), 4),
                "live " + Fmt.signed(t.matchedLiveNetPnl(), 4) + ", backtest "
                        + Fmt.signed(t.matchedBacktestNetPnl(), 4));
        row(out, "Exits", counts(t.liveExits()), counts(t.backtestExits()), "");
        row(
                out,
                "Order round trip, median",
                ms(l.liveRoundTrips().medianMs()),
                ms(l.modelRoundTrips().medianMs()),
                "");
        row(
                out,
                "Order round trip, p90",
                ms(l.liveRoundTrips().quantileMs(0.9)),
                ms(l.modelRoundTrips().quantileMs(0.9)),
                "");
        row(out, "Feed age, median", ms(l.liveFeedAges().medianMs()), "the recorded receive times", "");
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static String counts(Map<String, Long> m) {
        final StringBuilder sb = new StringBuilder();
        m.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? Fmt.NOT_AVAILABLE : Fmt.num(v, 3) + " ms";
    }

    private static void row(StringBuilder out, String label, String live, String bt, String matched) {
        out.append("<tr><th class=\"l\" scope=\"row\">");
        Fmt.escape(out, label).append("</th><td>");
        Fmt.escape(out, live).append("</td><td>");
        Fmt.escape(out, bt).append("</td><td class=\"l\">");
        Fmt.escape(out, matched).append("</td></tr>\n");
    }

    private static void noData(StringBuilder out, String what) {
        out.append("<p class=\"nodata\">No data: ");
        Fmt.escape(out, what).append(".</p>\n");
    }

    private static void equity(StringBuilder out, DriftResult r) {
        out.append("<section id=\"equity\">\n<h2>Cumulative net PnL, live and backtest</h2>\n");
        final DriftResult.Curves c = r.curves();
        final long from = r.run().startNs();
        final long to = Math.max(r.run().endNs(), Math.max(last(c.liveTimesNs()), last(c.backtestTimesNs())));
        double low = 0;
        double high = 0;
        for (double v : c.liveNet()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        for (double v : c.backtestNet()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        final Chart chart = new Chart(from, to, low, high);
        out.append("<figure>\n");
        chart.begin(out, "equity-chart", "Cumulative net PnL, live and backtest");
        chart.level(out, "zero", 0);
        line(out, chart, "live-line", c.liveTimesNs(), c.liveNet(), to);
        line(out, chart, "bt-line", c.backtestTimesNs(), c.backtestNet(), to);
        chart.end(out);
        out.append("<figcaption>Net PnL of the round trips closed so far (after fees and funding), by exit time.")
                .append("</figcaption>\n");
        legend(out);
        out.append("</figure>\n</section>\n");
    }

    private static long last(long[] times) {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }

    /** A step line through the points, held to {@code to}. */
    private static void line(StringBuilder out, Chart chart, String css, long[] times, double[] values, long to) {
        final long[] t = java.util.Arrays.copyOf(times, times.length + 1);
        final double[] v = java.util.Arrays.copyOf(values, values.length + 1);
        t[times.length] = Math.max(to, times.length == 0 ? to : times[times.length - 1]);
        v[values.length] = values.length == 0 ? 0 : values[values.length - 1];
        final int[] all = new int[t.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        out.append("<polyline class=\"series ").append(css).append("\" points=\"");
        chart.points(out, t, v, all, true);
        out.append("\"/>\n");
    }

    private static void legend(StringBuilder out) {
        out.append("<div class=\"legend\"><span><span class=\"swatch live\"></span>live</span>"
                + "<span><span class=\"swatch bt\"></span>backtest</span></div>\n");
    }

    /** Backtest minus live cumulative net PnL over time: where, and by how much, the PnL parts. */
    private static void parting(StringBuilder out, DriftResult r) {
        out.append("<section id=\"drawdown\">\n<h2>Where the PnL parts</h2>\n");
        final DriftResult.Curves c = r.curves();
        final TreeSet<Long> times = new TreeSet<>();
        for (long t : c.liveTimesNs()) {
            times.add(t);
        }
        for (long t : c.backtestTimesNs()) {
            times.add(t);
        }
        times.add(r.run().startNs());
        times.add(Math.max(r.run().endNs(), times.last()));
        final long[] ts = new long[times.size()];
        final double[] diff = new double[times.size()];
        int i = 0;
        double low = 0;
        double high = 0;
        for (long t : times) {
            ts[i] = t;
            diff[i] = valueAt(c.backtestTimesNs(), c.backtestNet(), t) - valueAt(c.liveTimesNs(), c.liveNet(), t);
            low = Math.min(low, diff[i]);
            high = Math.max(high, diff[i]);
            i++;
        }
        final Chart chart = new Chart(ts[0], ts[ts.length - 1], low, high);
        final int[] all = new int[ts.length];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        out.append("<figure>\n");
        chart.begin(out, "parting-chart", "Backtest minus live cumulative net PnL");
        chart.level(out, "zero", 0);
        out.append("<polyline class=\"series diff-line\" points=\"");
        chart.points(out, ts, diff, all, true);
        out.append("\"/>\n");
        chart.end(out);
        out.append("<figcaption>Backtest minus live cumulative net PnL (quote currency): above zero the backtest"
                + " promised more than live delivered.</figcaption>\n</figure>\n</section>\n");
    }

    private static double valueAt(long[] times, double[] values, long t) {
        double v = 0;
        for (int i = 0; i < times.length && times[i] <= t; i++) {
            v = values[i];
        }
        return v;
    }

    private static void price(StringBuilder out, DriftResult r) {
        out.append("<section id=\"price\">\n<h2>Mid and entries</h2>\n");
        final DriftResult.Curves c = r.curves();
        if (c.priceTimesNs().length == 0 && c.liveEntryTimesNs().length == 0 && c.backtestEntryTimesNs().length == 0) {
            noData(out, "no price samples and no trades");
            out.append("</section>\n");
            return;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        long from = r.run().startNs();
        long to = r.run().endNs();
        for (double p : c.prices()) {
            low = Math.min(low, p);
            high = Math.max(high, p);
        }
        for (double[] ps : new double[][] {c.liveEntryPrices(), c.backtestEntryPrices()}) {
            for (double p : ps) {
                low = Math.min(low, p);
                high = Math.max(high, p);
            }
        }
        for (long[] ts : new long[][] {c.priceTimesNs(), c.liveEntryTimesNs(), c.backtestEntryTimesNs()}) {
            for (long t : ts) {
                from = Math.min(from, t);
                to = Math.max(to, t);
            }
        }
        final Chart chart = new Chart(from, to, low, high);
        out.append("<figure>\n");
        chart.begin(out, "price-chart", "Mid with live and backtest entries");
        if (c.prices().length > 0) {
            final int[] drawn = Downsample.indices(c.prices(), HtmlReport.MAX_CHART_POINTS);
            out.append("<polyline class=\"series price-line\" points=\"");
            chart.points(out, c.priceTimesNs(), c.prices(), drawn, false);
            out.append("\"/>\n");
        }
        marks(out, chart, "live", c.liveEntryTimesNs(), c.liveEntryPrices(), -1);
        marks(out, chart, "bt", c.backtestEntryTimesNs(), c.backtestEntryPrices(), 1);
        chart.end(out);
        out.append("<figcaption>The mid of the replayed market; dots: round-trip entries (live above, backtest below"
                + " the price they filled at).</figcaption>\n");
        legend(out);
        out.append("</figure>\n</section>\n");
    }

    private static void marks(StringBuilder out, Chart chart, String css, long[] times, double[] prices, int shift) {
        for (int i = 0; i < Math.min(times.length, HtmlReport.MAX_MARKED_TRADES); i++) {
            out.append("<circle class=\"marker ").append(css).append("\" cx=\"");
            Fmt.coord(out, chart.x(times[i])).append("\" cy=\"");
            Fmt.coord(out, chart.y(prices[i]) + 5 * shift)
                    .append("\" r=\"4\"><title>")
                    .append(css.equals("live") ? "live" : "backtest")
                    .append(" entry ")
                    .append(Fmt.timeMs(times[i]))
                    .append(" @ ")
                    .append(Fmt.num(prices[i], 2))
                    .append("</title></circle>\n");
        }
    }

    private static void signals(StringBuilder out, DriftResult r) {
        out.append("<section id=\"signals\">\n<h2>Decisions</h2>\n");
        final DriftResult.Decisions d = r.decisions();
        out.append("<p>");
        Fmt.escape(
                out,
                Fmt.count(d.compared()) + " decisions compared (the same market messages, numbered alike): "
                        + Fmt.percent(d.agreement()) + " with the same direction, " + Fmt.count(d.sameScore())
                        + " with exactly the same fused score; largest difference "
                        + String.format(java.util.Locale.ROOT, "%.3g", d.maxFusedDifference()) + "; "
                        + Fmt.count(d.liveLeft()) + " live decisions after the replay's end (during the stop).");
        out.append("</p>\n");
        final long[] compared = d.comparedByBucket();
        int n = 0;
        for (long c : compared) {
            if (c > 0) {
                n++;
            }
        }
        if (n == 0) {
            noData(out, "no decision compared");
        } else {
            final long[] ts = new long[n];
            final double[] share = new double[n];
            int k = 0;
            for (int b = 0; b < compared.length; b++) {
                if (compared[b] > 0) {
                    ts[k] = r.run().startNs() + b * d.bucketNs() + d.bucketNs() / 2;
                    share[k] = 100.0 * d.agreedByBucket()[b] / compared[b];
                    k++;
                }
            }
            final Chart chart = new Chart(r.run().startNs(), Math.max(r.run().endNs(), ts[n - 1]), 0, 100);
            final int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            out.append("<figure>\n");
            chart.begin(out, "agreement-chart", "Share of decisions with the same direction over time");
            out.append("<polyline class=\"series agree-line\" points=\"");
            chart.points(out, ts, share, all, false);
            out.append("\"/>\n");
            chart.end(out);
            out.append("<figcaption>Share of compared decisions with the same direction, %, per ")
                    .append(Fmt.duration(d.bucketNs()))
                    .append(".</figcaption>\n</figure>\n");
        }
        if (!d.differences().isEmpty()) {
            out.append("<h3>Decisions that differed</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">"
                    + "Time</th><th>#</th><th>Live fused</th><th>Live</th><th>Backtest fused</th><th>Backtest</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (DriftResult.DecisionDifference x : d.differences()) {
                out.append("<tr><td>")
                        .append(Fmt.timeMs(x.clockNs()))
                        .append("</td><td>")
                        .append(x.seq())
                        .append("</td><td>")
                        .append(Fmt.num(x.liveFused(), 6))
                        .append("</td><td>")
                        .append(x.liveDirection())
                        .append("</td><td>")
                        .append(Fmt.num(x.backtestFused(), 6))
                        .append("</td><td>")
                        .append(x.backtestDirection())
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</section>\n");
    }

    private static void latency(StringBuilder out, DriftResult r) {
        out.append("<section id=\"latency\">\n<h2>Latency</h2>\n");
        final DriftResult.Latency l = r.latency();
        out.append("<p>");
        Fmt.escape(
                out,
                "Order round trips (request sent → acknowledgement): live median "
                        + ms(l.liveRoundTrips().medianMs()) + " over "
                        + Fmt.count(l.liveRoundTrips().count())
                        + ", the backtest's model " + ms(l.modelRoundTrips().medianMs()) + " ("
                        + r.run().latencyModel()
                        + "). Feed age live: median " + ms(l.liveFeedAges().medianMs()) + " over "
                        + Fmt.count(l.liveFeedAges().count()) + " messages"
                        + (l.implausibleFeedAges() > 0
                                ? ", " + Fmt.count(l.implausibleFeedAges())
                                        + " without a plausible age (exchange times ahead"
                                        + " of the local clock: a market replayed faster than real time)"
                                : "")
                        + "; the replay takes each message at its recorded receive time (a backtest of data without receive"
                        + " times assumes " + ms(l.modelFeedLatencyNs() / 1e6) + ").");
        out.append("</p>\n");
        if (l.liveRoundTrips().count() == 0 && l.modelRoundTrips().count() == 0) {
            noData(out, "no order round trip on either side");
            out.append("</section>\n");
            return;
        }
        out.append("<div class=\"split\">\n");
        histogram(out, "live-latency-chart", "Live order round trips", "live", l.liveRoundTrips());
        histogram(out, "model-latency-chart", "Backtest order round trips", "bt", l.modelRoundTrips());
        out.append("</div>\n</section>\n");
    }

    private static void histogram(StringBuilder out, String id, String title, String css, Distribution d) {
        out.append("<figure>\n<h3>");
        Fmt.escape(out, title).append("</h3>\n");
        if (d.count() == 0) {
            noData(out, "none measured");
            out.append("</figure>\n");
            return;
        }
        final long[] counts = d.counts(LATENCY_BOUNDS_NS);
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        final double[] ticks = new double[counts.length];
        final String[] labels = new String[counts.length];
        for (int i = 0; i < counts.length; i++) {
            ticks[i] = i + 0.5;
            labels[i] = i < LATENCY_BOUNDS_NS.length
                    ? "≤" + Fmt.trimmed(LATENCY_BOUNDS_NS[i] / 1e6, 1, 0)
                    : ">" + Fmt.trimmed(LATENCY_BOUNDS_NS[i - 1] / 1e6, 1, 0);
        }
        final XyChart chart = new XyChart(0, counts.length, ticks, labels, 0, max);
        chart.begin(out, id, title + " by duration, ms");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            final double x0 = chart.x(i + 0.1);
            final double x1 = chart.x(i + 0.9);
            final double y = chart.y(counts[i]);
            out.append("<rect class=\"marker ").append(css).append("\" x=\"");
            Fmt.coord(out, x0).append("\" y=\"");
            Fmt.coord(out, y).append("\" width=\"");
            Fmt.coord(out, x1 - x0).append("\" height=\"");
            Fmt.coord(out, chart.y(0) - y)
                    .append("\"><title>")
                    .append(counts[i])
                    .append("</title></rect>\n");
        }
        chart.end(out);
        out.append("<figcaption>")
                .append(Fmt.count(d.count()))
                .append(" round trips; median ")
                .append(ms(d.medianMs()))
                .append(", p90 ")
                .append(ms(d.quantileMs(0.9)))
                .append(", p99 ")
                .append(ms(d.quantileMs(0.99)))
                .append(".</figcaption>\n</figure>\n");
    }

    private static void queue(StringBuilder out, DriftResult r) {
        out.append("<section id=\"queue\">\n<h2>Fill probability of resting entries by queue position</h2>\n");
        final DriftResult.Queue q = r.queue();
        if (q.orders() == 0) {
            noData(out, "no resting entry (post-only or good-till-cancelled) accepted live");
            out.append("</section>\n");
            return;
        }
        out.append("<p>");
        Fmt.escape(
                out,
                Fmt.count(q.orders()) + " live resting entries, placed again on the recorded market when the"
                        + " venue saw them and cancelled when the live ones ended"
                        + (q.crossedInSimulation() > 0
                                ? " (" + q.crossedInSimulation() + " more crossed the simulated book when placed)"
                                : "")
                        + ". Configured model: " + q.simulatedModel() + ", right on " + q.simulatedAgreement() + " of "
                        + q.orders() + "; "
                        + (Double.isNaN(q.fittedShare())
                                ? "every share fills them alike: the live fills do not tell the queue models apart."
                                : "fitted queueAheadShare " + Fmt.trimmed(q.fittedShare(), 1, 1) + ", right on "
                                        + q.fittedAgreement() + "."));
        out.append("</p>\n<table>\n<thead><tr><th class=\"l\">Queue ahead at join</th><th>Orders</th><th>Filled"
                + " live</th><th>Filled, configured model</th><th>Filled, fitted model</th></tr></thead>\n<tbody>\n");
        for (DriftResult.QueueBucket b : q.buckets()) {
            out.append("<tr><td>");
            Fmt.escape(out, b.label())
                    .append("</td><td>")
                    .append(b.orders())
                    .append("</td><td>")
                    .append(share(b.liveFilled(), b.orders()))
                    .append("</td><td>")
                    .append(share(b.simulatedFilled(), b.orders()))
                    .append("</td><td>")
                    .append(share(b.fittedFilled(), b.orders()))
                    .append("</td></tr>\n");
        }
        out.append("<tr><th class=\"l\" scope=\"row\">All</th><td>")
                .append(q.orders())
                .append("</td><td>")
                .append(share(q.liveFilled(), q.orders()))
                .append("</td><td>")
                .append(share(q.simulatedFilled(), q.orders()))
                .append("</td><td>")
                .append(share(q.fittedFilled(), q.orders()))
                .append("</td></tr>\n</tbody></table>\n");
        out.append("<h3>The fit</h3>\n<table>\n<thead><tr><th class=\"l\">queueAheadShare</th><th>Filled</th>"
                + "<th>Right (filled or not, as live)</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < q.shares().length; i++) {
            out.append("<tr><td>")
                    .append(Fmt.trimmed(q.shares()[i], 1, 1))
                    .append(q.shares()[i] == 0 ? " (risk-averse)" : "")
                    .append("</td><td>")
                    .append(q.filledByShare()[i])
                    .append("</td><td>")
                    .append(q.agreementByShare()[i])
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static String share(long k, long n) {
        return n == 0 ? Fmt.NOT_AVAILABLE : k + " (" + Fmt.percent((double) k / n) + ")";
    }

    private static void refusals(StringBuilder out, DriftResult r) {
        out.append("<section id=\"refusals\">\n<h2>Refusals</h2>\n");
        final TreeSet<String> codes = new TreeSet<>(r.trades().liveRefusals().keySet());
        codes.addAll(r.trades().backtestRefusals().keySet());
        if (codes.isEmpty()) {
            noData(out, "no entry refused on either side");
            out.append("</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th class=\"l\">Reason</th><th>Live</th><th>Backtest</th></tr></thead>\n"
                + "<tbody>\n");
        for (String c : codes) {
            out.append("<tr><td>");
            Fmt.escape(out, c)
                    .append("</td><td>")
                    .append(r.trades().liveRefusals().getOrDefault(c, 0L))
                    .append("</td><td>")
                    .append(r.trades().backtestRefusals().getOrDefault(c, 0L))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void trades(StringBuilder out, DriftResult r) {
        out.append("<section id=\"trades\">\n<h2>Trades: matched, missed and extra</h2>\n");
        if (r.trades().rows().isEmpty()) {
            noData(out, "no round trip on either side");
            out.append("</section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">Status</th><th>Side</th>"
                + "<th>Live entry</th><th>Live entry price</th><th>Live exit</th><th>Live net</th>"
                + "<th>Backtest entry</th><th>Backtest entry price</th><th>Backtest exit</th><th>Backtest net</th>"
                + "<th class=\"l\">Cause</th></tr></thead>\n<tbody>\n");
        int n = 0;
        for (DriftResult.TradeRow t : r.trades().rows()) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            out.append("<tr><td>");
            Fmt.escape(out, t.status()).append("</td><td>").append(t.side()).append("</td><td>");
            out.append(t.liveEntryNs() == 0 ? "" : Fmt.timeMs(t.liveEntryNs())).append("</td><td>");
            out.append(Double.isNaN(t.liveEntryPrice()) ? "" : Fmt.num(t.liveEntryPrice(), 2))
                    .append("</td><td>");
            Fmt.escape(out, t.liveExit())
                    .append("</td><td")
                    .append(tone(t.liveNet()))
                    .append('>');
            out.append(Double.isNaN(t.liveNet()) ? "" : Fmt.signed(t.liveNet(), 4))
                    .append("</td><td>");
            out.append(t.backtestEntryNs() == 0 ? "" : Fmt.timeMs(t.backtestEntryNs()))
                    .append("</td><td>");
            out.append(Double.isNaN(t.backtestEntryPrice()) ? "" : Fmt.num(t.backtestEntryPrice(), 2))
                    .append("</td><td>");
            Fmt.escape(out, t.backtestExit())
                    .append("</td><td")
                    .append(tone(t.backtestNet()))
                    .append('>');
            out.append(Double.isNaN(t.backtestNet()) ? "" : Fmt.signed(t.backtestNet(), 4))
                    .append("</td><td class=\"cause\">");
            Fmt.escape(out, t.cause()).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }

    private static String tone(double v) {
        return Double.isNaN(v) || v == 0 ? "" : v > 0 ? " class=\"pos\"" : " class=\"neg\"";
    }

    private static void differences(StringBuilder out, DriftResult r) {
        out.append("<section id=\"differences\">\n<h2>Where they part</h2>\n");
        if (r.divergences().isEmpty()) {
            out.append("<p class=\"nodata\">Live and backtest never part: the same decisions, entries, fills and"
                    + " trades.</p>\n</section>\n");
            return;
        }
        out.append("<p>");
        Fmt.escape(
                out,
                Fmt.count(r.divergences().size()) + " differences, " + r.unexplained()
                        + " without a cause the records tell; earliest first.");
        out.append("</p>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">Time</th><th class=\"l\">Kind"
                + "</th><th class=\"l\">What</th><th class=\"l\">Cause</th></tr></thead>\n<tbody>\n");
        int n = 0;
        for (DriftResult.Divergence d : r.divergences()) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            out.append("<tr><td>").append(Fmt.timeMs(d.timeNs())).append("</td><td class=\"l\">");
            Fmt.escape(out, d.kind()).append("</td><td class=\"what\">");
            Fmt.escape(out, d.what()).append("</td><td class=\"cause\">");
            Fmt.escape(out, d.cause()).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }
}
