package io.scalper.core.report;

import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.research.ResearchResult;
import io.scalper.core.research.SignalStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The page of a {@code scalper research} run: one self-contained HTML page, with the look and the guarantees of
 * {@link HtmlReport} — inline SVG, nothing loaded, a Content-Security-Policy that forbids loading anything, one inline
 * script that sets {@code data-rendered="ok"} on {@code <body>} once every chart has content and every section is
 * there, deterministic text.
 *
 * <p>Sections (ids): {@code run} (what was researched), {@code stats} (the fused score by horizon against the
 * round-trip costs, and which horizons clear them), {@code signals} (IC by horizon per signal, with the band of ±3
 * noise scales), {@code calibration} (mean forward move by fused-score bucket per horizon, with the cost lines),
 * {@code equity} and {@code drawdown} (cumulative move of non-overlapping paper trades of the fused score at the horizon
 * with the best edge net of maker/taker cost, gross and net), {@code price} (the mid), {@code refusals} (the samples
 * left out, and why) and {@code trades} (those paper trades). The ids {@code equity} … {@code trades} are those of the
 * backtest report, so {@code scripts/check-report.sh} checks both pages.
 */
public final class ResearchReport {
    /** Most paper trades listed. */
    public static final int MAX_TRADE_ROWS = 500;

    private static final String[] SECTIONS = {
        "run", "stats", "signals", "calibration", "equity", "drawdown", "price", "refusals", "trades"
    };

    private static final String SCRIPT = HtmlReport.checkScript(SECTIONS);

    private static final String CSP = HtmlReport.csp(SCRIPT);

    private static final String[] COLORS = {
        "#0969da", "#8250df", "#bf3989", "#cf222e", "#bc4c00", "#9a6700", "#1a7f37", "#57606a", "#1f2328"
    };

    private static final String EXTRA_CSS = ".c0{stroke:#0969da}.c1{stroke:#8250df}.c2{stroke:#bf3989}"
            + ".c3{stroke:#cf222e}.c4{stroke:#bc4c00}.c5{stroke:#9a6700}.c6{stroke:#1a7f37}.c7{stroke:#57606a}"
            + ".c8{stroke:#1f2328;stroke-width:3}\n"
            + ".marker.c0{fill:#0969da}.marker.c1{fill:#8250df}.marker.c2{fill:#bf3989}.marker.c3{fill:#cf222e}"
            + ".marker.c4{fill:#bc4c00}.marker.c5{fill:#9a6700}.marker.c6{fill:#1a7f37}.marker.c7{fill:#57606a}"
            + ".marker.c8{fill:#1f2328}\n"
            + ".noise{fill:#8c959f;fill-opacity:.15;stroke:none}\n"
            + ".zero{stroke:#6e7781;stroke-width:1}\n"
            + ".cost{stroke:#cf222e;stroke-width:1;stroke-dasharray:6 4}.cost.mm{stroke:#1a7f37}"
            + ".cost.mt{stroke:#9a6700}\n"
            + ".levellabel{font-size:11px;fill:#57606a;text-anchor:end;font-family:system-ui,sans-serif}\n"
            + ".gross-line{stroke:#0969da}.net-line{stroke:#1a7f37}.mid-line{stroke:#6e7781;stroke-width:1}\n"
            + ".swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}\n";

    private ResearchReport() {}

    /** The page as HTML text. */
    public static String render(ResearchResult r, Map<String, String> runInfo) {
        Objects.requireNonNull(r, "result");
        Objects.requireNonNull(runInfo, "runInfo");
        final StringBuilder out = new StringBuilder(64 * 1024);
        final String title = "Scalper research — " + r.instrument().symbol();
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
        final int paper = paperHorizon(r);
        header(out, r, title, runInfo);
        out.append("<main>\n");
        fused(out, r);
        signals(out, r);
        calibration(out, r);
        paper(out, r, paper);
        price(out, r);
        leftOut(out, r);
        trades(out, r, paper);
        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Writes the page atomically (a temporary file renamed over {@code file}), readable by all on POSIX file systems;
     * the directory must exist.
     */
    public static void write(ResearchResult r, Map<String, String> runInfo, Path file) throws IOException {
        HtmlReport.writeAtomically(render(r, runInfo), file);
    }

    /** The horizon whose fused edge net of the maker/taker cost is best (the first one when none has an edge). */
    static int paperHorizon(ResearchResult r) {
        int best = 0;
        double bestNet = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < r.horizonsNs().size(); h++) {
            final double net =
                    r.stats(ResearchResult.FUSED, h).edgeBps() - r.costs().makerTakerBps();
            if (net > bestNet) {
                bestNet = net;
                best = h;
            }
        }
        return best;
    }

    private static void header(StringBuilder out, ResearchResult r, String title, Map<String, String> runInfo) {
        out.append("<header id=\"run\">\n<h1>");
        Fmt.escape(out, title).append("</h1>\n<dl class=\"info\">\n");
        info(out, "data", r.source());
        info(out, "symbol", r.instrument().symbol());
        for (Map.Entry<String, String> e : runInfo.entrySet()) {
            info(out, e.getKey(), e.getValue());
        }
        info(
                out,
                "period",
                Fmt.dateTime(r.startTimeNs()) + " – " + Fmt.dateTime(r.endTimeNs()) + " UTC ("
                        + Fmt.duration(r.endTimeNs() - r.startTimeNs()) + ")");
        info(
                out,
                "decisions",
                Fmt.count(r.samples()) + ", one every " + Fmt.duration(r.sampleIntervalNs())
                        + " of market time; threshold |score| ≥ " + Fmt.trimmed(r.threshold(), 3, 2));
        out.append("</dl>\n<div class=\"kpis\">\n");
        final RoundTripCosts c = r.costs();
        kpi(out, "Decisions", Fmt.count(r.samples()));
        kpi(out, "Median spread", Fmt.num(r.medianSpreadBps(), 3) + " bps");
        kpi(out, "Maker/maker", Fmt.num(c.makerMakerBps(), 2) + " bps");
        kpi(out, "Maker/taker", Fmt.num(c.makerTakerBps(), 2) + " bps");
        kpi(out, "Taker/taker", Fmt.num(c.takerTakerBps(), 2) + " bps");
        kpi(out, "Clears costs", verdict(r));
        out.append("</div>\n</header>\n");
    }

    /** Which horizons clear which costs, in words. */
    public static String verdict(ResearchResult r) {
        final StringBuilder sb = new StringBuilder();
        final List<String> labels = r.horizonLabels();
        for (String path : RoundTripCosts.PATHS) {
            final StringBuilder hs = new StringBuilder();
            for (int h = 0; h < labels.size(); h++) {
                if (r.clears(h, path)) {
                    hs.append(hs.length() == 0 ? "" : ", ").append(labels.get(h));
                }
            }
            if (hs.length() > 0) {
                sb.append(sb.length() == 0 ? "" : "; ")
                        .append(pathName(path))
                        .append(" at ")
                        .append(hs);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String pathName(String path) {
        switch (path) {
            case "makerMaker":
                return "maker/maker";
            case "makerTaker":
                return "maker/taker";
            default:
                return "taker/taker";
        }
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

    private static String tone(double v) {
        return v > 0 ? " class=\"pos\"" : v < 0 ? " class=\"neg\"" : "";
    }

    private static void fused(StringBuilder out, ResearchResult r) {
        out.append("<section id=\"stats\">\n<h2>Fused score against costs</h2>\n");
        fusedTable(out, r);
        out.append("</section>\n");
    }

    /**
     * The decision-quality section of a backtest report ({@code id="decision-quality"}): research over the same market
     * — the fused score's IC, hit rate and edge by horizon against the three round-trip costs, and each signal's IC and
     * edge — so a backtest's result can be read against how good its decisions were.
     */
    public static void decisionQuality(StringBuilder out, ResearchResult r) {
        Objects.requireNonNull(r, "research");
        out.append("<section id=\"decision-quality\">\n<h2>Decision quality</h2>\n")
                .append("<p class=\"note\">Research over the same market (as <code>scalper research</code>): ")
                .append(Fmt.count(r.samples()))
                .append(" decisions, one every ")
                .append(Fmt.duration(r.sampleIntervalNs()))
                .append(" of market time, each scored with what had been received by then and judged by the mid's move")
                .append(" over each horizon after it.</p>\n");
        fusedTable(out, r);
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>signal</th>");
        final List<String> labels = r.horizonLabels();
        for (String l : labels) {
            out.append("<th>IC ").append(l).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String s : r.signalNames()) {
            out.append("<tr><td>").append(Fmt.escape(s)).append("</td>");
            icCells(out, r, s);
            out.append("</tr>\n");
        }
        out.append("<tr><td>±3 noise</td>");
        for (int h = 0; h < labels.size(); h++) {
            out.append("<td>")
                    .append(Fmt.num(3 * r.stats(ResearchResult.FUSED, h).icNoise(), 3))
                    .append("</td>");
        }
        out.append("</tr>\n</tbody>\n</table></div>\n</section>\n");
    }

    /** One table cell per horizon with the signal's IC, coloured by sign. */
    private static void icCells(StringBuilder out, ResearchResult r, String signal) {
        for (int h = 0; h < r.horizonsNs().size(); h++) {
            final double ic = r.stats(signal, h).ic();
            out.append("<td")
                    .append(tone(ic))
                    .append('>')
                    .append(Fmt.signed(ic, 3))
                    .append("</td>");
        }
    }

    private static void fusedTable(StringBuilder out, ResearchResult r) {
        out.append("<p class=\"note\">Edge: mean forward move in the direction of the fused score over decisions with")
                .append(" |fused| ≥ ")
                .append(Fmt.trimmed(r.threshold(), 3, 2))
                .append(", bps. A horizon clears a cost when the edge exceeds it with t ≥ ")
                .append(Fmt.trimmed(ResearchResult.CLEAR_T, 1, 0))
                .append(
                        " (Newey–West, bandwidth twice the horizon). Costs: fees of both legs from the configuration plus")
                .append(" half the median spread per taker leg.</p>\n")
                .append("<div class=\"scroll\"><table>\n<thead><tr><th>horizon</th><th>IC</th><th>IC noise</th>")
                .append("<th>hit rate</th><th>edge bps</th><th>n</th><th>t</th><th>maker/maker</th>")
                .append("<th>maker/taker</th><th>taker/taker</th></tr></thead>\n<tbody>\n");
        final List<String> labels = r.horizonLabels();
        for (int h = 0; h < labels.size(); h++) {
            final SignalStats s = r.stats(ResearchResult.FUSED, h);
            out.append("<tr><td>")
                    .append(labels.get(h))
                    .append("</td><td")
                    .append(tone(s.ic()))
                    .append('>');
            out.append(Fmt.signed(s.ic(), 3)).append("</td><td>±").append(Fmt.num(s.icNoise(), 3));
            out.append("</td><td>")
                    .append(Fmt.percent(s.hitRate()))
                    .append("</td><td")
                    .append(tone(s.edgeBps()));
            out.append('>')
                    .append(Fmt.signed(s.edgeBps(), 2))
                    .append("</td><td>")
                    .append(Fmt.count(s.n()));
            out.append("</td><td>").append(Fmt.signed(s.tStat(), 1)).append("</td>");
            for (String path : RoundTripCosts.PATHS) {
                final boolean clears = r.clears(h, path);
                out.append(clears ? "<td class=\"ok\">clears" : "<td>—").append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n<p class=\"note\">Clears costs: ");
        Fmt.escape(out, verdict(r)).append(".</p>\n");
    }

    private static double[] horizonPositions(int n) {
        final double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
        }
        return xs;
    }

    private static void signals(StringBuilder out, ResearchResult r) {
        out.append("<section id=\"signals\">\n<h2>Information coefficient by horizon</h2>\n");
        final List<String> names = r.signalNames();
        final List<String> labels = r.horizonLabels();
        final int hn = labels.size();
        final double[] xs = horizonPositions(hn);
        final double[] noiseHigh = new double[hn];
        final double[] noiseLow = new double[hn];
        double low = 0;
        double high = 0;
        boolean any = false;
        for (int h = 0; h < hn; h++) {
            final double noise = 3 * r.stats(ResearchResult.FUSED, h).icNoise();
            noiseHigh[h] = noise;
            noiseLow[h] = -noise;
            if (Double.isFinite(noise)) {
                low = Math.min(low, -noise);
                high = Math.max(high, noise);
            }
            for (String s : names) {
                final double ic = r.stats(s, h).ic();
                if (Double.isFinite(ic)) {
                    any = true;
                    low = Math.min(low, ic);
                    high = Math.max(high, ic);
                }
            }
        }
        if (!any) {
            noData(out, "no information coefficient is defined (a constant score or a mid that never moved)");
        } else {
            final XyChart chart = new XyChart(-0.3, hn - 0.7, xs, labels.toArray(new String[0]), low, high);
            out.append("<figure>\n");
            chart.begin(out, "ic-chart", "Spearman IC of each score with the forward return, by horizon");
            chart.band(out, "noise", xs, noiseLow, noiseHigh);
            chart.level(out, "zero", 0, "");
            for (int k = 0; k < names.size(); k++) {
                final double[] ics = new double[hn];
                final String[] titles = new String[hn];
                for (int h = 0; h < hn; h++) {
                    ics[h] = r.stats(names.get(k), h).ic();
                    titles[h] = names.get(k) + " " + labels.get(h) + ": IC " + Fmt.signed(ics[h], 3);
                }
                chart.line(out, "c" + k, xs, ics);
                chart.dots(out, "c" + k, xs, ics, titles);
            }
            chart.end(out);
            out.append("<figcaption>Grey band: ±3 noise scales (1/√n_eff, n_eff = resolved decisions × min(1, ")
                    .append("sample interval / horizon)) — where an IC of a score without edge falls.</figcaption>\n");
            legend(out, names);
            out.append("</figure>\n");
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>signal</th>");
        for (String l : labels) {
            out.append("<th>IC ").append(l).append("</th>");
        }
        for (String l : labels) {
            out.append("<th>edge ").append(l).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String s : names) {
            out.append("<tr><td>").append(Fmt.escape(s)).append("</td>");
            icCells(out, r, s);
            for (int h = 0; h < hn; h++) {
                final SignalStats st = r.stats(s, h);
                out.append("<td")
                        .append(tone(st.edgeBps()))
                        .append(" title=\"n ")
                        .append(st.n())
                        .append(", t ");
                out.append(Fmt.signed(st.tStat(), 1)).append("\">").append(Fmt.signed(st.edgeBps(), 2));
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void legend(StringBuilder out, List<String> names) {
        out.append("<div class=\"legend\">");
        for (int k = 0; k < names.size(); k++) {
            out.append("<span><i class=\"swatch\" style=\"background:")
                    .append(COLORS[k % COLORS.length])
                    .append("\"></i>");
            Fmt.escape(out, names.get(k)).append("</span>");
        }
        out.append("</div>\n");
    }

    private static void calibration(StringBuilder out, ResearchResult r) {
        out.append("<section id=\"calibration\">\n<h2>Fused score calibration</h2>\n");
        final List<String> labels = r.horizonLabels();
        final int hn = labels.size();
        final RoundTripCosts c = r.costs();
        double low = -c.takerTakerBps();
        double high = c.takerTakerBps();
        boolean any = false;
        final EdgeCalibration[] cal = new EdgeCalibration[hn];
        for (int h = 0; h < hn; h++) {
            cal[h] = r.calibration(h);
            for (int b = 0; b < cal[h].buckets(); b++) {
                final double m = cal[h].bucketMeanBps(b);
                if (Double.isFinite(m)) {
                    any = true;
                    low = Math.min(low, m);
                    high = Math.max(high, m);
                }
            }
        }
        if (!any) {
            noData(out, "no decision resolved at any horizon");
        } else {
            final double[] ticks = {-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1};
            final String[] tickLabels = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                tickLabels[i] = Fmt.trimmed(ticks[i], 2, 0);
            }
            final XyChart chart = new XyChart(-1, 1, ticks, tickLabels, low, high);
            out.append("<figure>\n");
            chart.begin(out, "calibration-chart", "Mean forward move by fused-score bucket, per horizon");
            chart.level(out, "zero", 0, "");
            chart.level(out, "cost mm", c.makerMakerBps(), "maker/maker");
            chart.level(out, "cost mm", -c.makerMakerBps(), "");
            chart.level(out, "cost mt", c.makerTakerBps(), "maker/taker");
            chart.level(out, "cost mt", -c.makerTakerBps(), "");
            chart.level(out, "cost", c.takerTakerBps(), "taker/taker");
            chart.level(out, "cost", -c.takerTakerBps(), "");
            for (int h = 0; h < hn; h++) {
                final int buckets = cal[h].buckets();
                final double[] xs = new double[buckets];
                final double[] ys = new double[buckets];
                final String[] titles = new String[buckets];
                for (int b = 0; b < buckets; b++) {
                    xs[b] = (cal[h].bucketLo(b) + cal[h].bucketHi(b)) / 2;
                    ys[b] = cal[h].bucketMeanBps(b);
                    titles[b] = labels.get(h) + ", fused " + Fmt.trimmed(cal[h].bucketLo(b), 2, 1) + " to "
                            + Fmt.trimmed(cal[h].bucketHi(b), 2, 1) + ": " + Fmt.signed(ys[b], 2) + " bps over "
                            + Fmt.count(Math.round(cal[h].bucketCount(b))) + " decisions";
                }
                chart.line(out, "c" + h, xs, ys);
                chart.dots(out, "c" + h, xs, ys, titles);
            }
            chart.end(out);
            out.append("<figcaption>Mean forward move (bps) of the decisions in each fused-score bucket; dashed:")
                    .append(" ± the round-trip costs. A long needs a mean above a cost line, a short below its")
                    .append(" mirror.</figcaption>\n");
            legend(out, labels);
            out.append("</figure>\n");
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>fused</th>");
        for (String l : labels) {
            out.append("<th>n ").append(l).append("</th><th>bps ").append(l).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        final int buckets = cal.length == 0 ? 0 : cal[0].buckets();
        for (int b = 0; b < buckets; b++) {
            boolean empty = true;
            for (EdgeCalibration e : cal) {
                empty &= e.bucketCount(b) == 0;
            }
            if (empty) {
                continue;
            }
            out.append("<tr><td>")
                    .append(Fmt.trimmed(cal[0].bucketLo(b), 2, 1))
                    .append(" to ")
                    .append(Fmt.trimmed(cal[0].bucketHi(b), 2, 1))
                    .append("</td>");
            for (EdgeCalibration e : cal) {
                final double m = e.bucketMeanBps(b);
                out.append("<td>")
                        .append(Fmt.count(Math.round(e.bucketCount(b))))
                        .append("</td><td");
                out.append(tone(m)).append('>').append(Fmt.signed(m, 2)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void noData(StringBuilder out, String what) {
        out.append("<p class=\"nodata\">No data: ").append(Fmt.escape(what)).append(".</p>\n");
    }

    private static void paper(StringBuilder out, ResearchResult r, int h) {
        final int[] trades = r.paperTrades(h);
        final String label = r.horizonLabels().get(h);
        final double cost = r.costs().makerTakerBps();
        out.append("<section id=\"equity\">\n<h2>Paper trades of the fused score, ")
                .append(label)
                .append("</h2>\n");
        if (trades.length == 0) {
            noData(out, "no decision at or above the threshold resolved at " + label);
            out.append("</section>\n<section id=\"drawdown\">\n<h2>Paper drawdown</h2>\n");
            noData(out, "no paper trades");
            out.append("</section>\n");
            return;
        }
        final long[] decisionTimes = r.decisionTimesNs();
        final double[] fused = r.scores(ResearchResult.FUSED);
        final double[] returns = r.forwardReturnsBps(h);
        final long horizon = r.horizonsNs().get(h);
        final int n = trades.length + 1;
        final long[] times = new long[n];
        final double[] gross = new double[n];
        final double[] net = new double[n];
        final double[] drawdown = new double[n];
        times[0] = decisionTimes[trades[0]];
        double peak = 0;
        for (int i = 0; i < trades.length; i++) {
            final int d = trades[i];
            final double move = Math.signum(fused[d]) * returns[d];
            times[i + 1] = decisionTimes[d] + horizon;
            gross[i + 1] = gross[i] + move;
            net[i + 1] = net[i] + move - cost;
            peak = Math.max(peak, net[i + 1]);
            drawdown[i + 1] = net[i + 1] - peak;
        }
        double low = 0;
        double high = 0;
        double ddLow = 0;
        for (int i = 0; i < n; i++) {
            low = Math.min(low, Math.min(gross[i], net[i]));
            high = Math.max(high, Math.max(gross[i], net[i]));
            ddLow = Math.min(ddLow, drawdown[i]);
        }
        final Chart chart = new Chart(times[0], times[n - 1], low, high);
        out.append("<figure>\n");
        chart.begin(out, "equity-chart", "Cumulative forward move of paper trades, bps");
        chart.level(out, "start", 0);
        out.append("<polyline class=\"series gross-line\" points=\"");
        chart.points(out, times, gross, Downsample.indices(gross, HtmlReport.MAX_CHART_POINTS), true);
        out.append("\"/>\n<polyline class=\"series net-line\" points=\"");
        chart.points(out, times, net, Downsample.indices(net, HtmlReport.MAX_CHART_POINTS), true);
        out.append("\"/>\n");
        chart.end(out);
        out.append("<figcaption>")
                .append(Fmt.count(trades.length))
                .append(" non-overlapping paper trades: each decision with |fused| ≥ ")
                .append(Fmt.trimmed(r.threshold(), 3, 2))
                .append(" at least ")
                .append(label)
                .append(" after the previous one, held ")
                .append(label)
                .append(" (the horizon with the best edge net of the maker/taker cost). Blue: gross, ")
                .append(Fmt.signed(gross[n - 1], 2))
                .append(" bps; green: net of ")
                .append(Fmt.num(cost, 2))
                .append(" bps a trade, ")
                .append(Fmt.signed(net[n - 1], 2))
                .append(" bps. No sizing, no fills: a measure of the score, not a backtest.</figcaption>\n")
                .append("</figure>\n</section>\n");
        out.append("<section id=\"drawdown\">\n<h2>Paper drawdown</h2>\n<figure>\n");
        final Chart dd = new Chart(times[0], times[n - 1], ddLow, 0);
        dd.begin(out, "drawdown-chart", "Drawdown of the net paper curve, bps");
        out.append("<polygon class=\"series dd-area\" points=\"");
        Fmt.coord(out, dd.x(times[0])).append(',');
        Fmt.coord(out, dd.y(0)).append(' ');
        dd.points(out, times, drawdown, Downsample.indices(drawdown, HtmlReport.MAX_CHART_POINTS), true);
        out.append(' ');
        Fmt.coord(out, dd.x(times[n - 1])).append(',');
        Fmt.coord(out, dd.y(0)).append("\"/>\n");
        dd.end(out);
        out.append("<figcaption>Net paper curve minus its running peak; max ")
                .append(Fmt.num(-ddLow, 2))
                .append(" bps.</figcaption>\n</figure>\n</section>\n");
    }

    private static void price(StringBuilder out, ResearchResult r) {
        out.append("<section id=\"price\">\n<h2>Mid price</h2>\n");
        final long[] times = r.decisionTimesNs();
        final double[] mids = r.decisionMids();
        if (times.length == 0) {
            noData(out, "no decision was taken (the book never came into sync)");
            out.append("</section>\n");
            return;
        }
        final double tick = r.instrument().tickSize().doubleValue();
        final double[] prices = new double[mids.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mids.length; i++) {
            prices[i] = mids[i] * tick;
            low = Math.min(low, prices[i]);
            high = Math.max(high, prices[i]);
        }
        final Chart chart = new Chart(times[0], times[times.length - 1], low, high);
        out.append("<figure>\n");
        chart.begin(out, "price-chart", "Mid price at each decision");
        out.append("<polyline class=\"series mid-line\" points=\"");
        chart.points(out, times, prices, Downsample.indices(prices, HtmlReport.MAX_CHART_POINTS), true);
        out.append("\"/>\n");
        chart.end(out);
        out.append("<figcaption>The mid known at each decision (local time); range ")
                .append(Fmt.num(
                        low,
                        Math.max(
                                0,
                                r.instrument().tickSize().stripTrailingZeros().scale())))
                .append(" – ")
                .append(Fmt.num(
                        high,
                        Math.max(
                                0,
                                r.instrument().tickSize().stripTrailingZeros().scale())))
                .append(".</figcaption>\n</figure>\n</section>\n");
    }

    private static void leftOut(StringBuilder out, ResearchResult r) {
        out.append("<section id=\"refusals\">\n<h2>Samples left out</h2>\n<table>\n<thead><tr><th>what</th>")
                .append("<th>decisions</th></tr></thead>\n<tbody>\n");
        row(out, "grid points without a book in sync (not sampled)", r.noBookSamples());
        final List<String> labels = r.horizonLabels();
        for (int h = 0; h < labels.size(); h++) {
            final long resolved = r.stats(ResearchResult.FUSED, h).icSamples();
            row(out, "horizon " + labels.get(h) + " ran past the end of the data", r.samples() - resolved);
        }
        for (String s : r.signalNames()) {
            final SignalStats st = r.stats(s, 0);
            row(
                    out,
                    s + ": |score| below the threshold (at " + labels.get(0) + ", of " + Fmt.count(st.icSamples())
                            + " resolved)",
                    st.icSamples() - st.n());
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void row(StringBuilder out, String what, long count) {
        out.append("<tr><td class=\"l\">");
        Fmt.escape(out, what).append("</td><td>").append(Fmt.count(count)).append("</td></tr>\n");
    }

    private static void trades(StringBuilder out, ResearchResult r, int h) {
        out.append("<section id=\"trades\">\n<h2>Paper trades</h2>\n");
        final int[] trades = r.paperTrades(h);
        if (trades.length == 0) {
            noData(out, "no paper trades");
            out.append("</section>\n");
            return;
        }
        final long[] times = r.decisionTimesNs();
        final double[] fused = r.scores(ResearchResult.FUSED);
        final double[] returns = r.forwardReturnsBps(h);
        final double cost = r.costs().makerTakerBps();
        final int rows = Math.min(trades.length, MAX_TRADE_ROWS);
        if (rows < trades.length) {
            out.append("<p class=\"note\">The first ")
                    .append(Fmt.count(rows))
                    .append(" of ")
                    .append(Fmt.count(trades.length))
                    .append(".</p>\n");
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>time (UTC)</th><th>fused</th><th>side</th>")
                .append("<th>move bps</th><th>net bps</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows; i++) {
            final int d = trades[i];
            final double move = Math.signum(fused[d]) * returns[d];
            out.append("<tr><td>").append(Fmt.dateTime(times[d])).append('.');
            out.append(
                    String.format(java.util.Locale.ROOT, "%03d", Math.floorMod(times[d], 1_000_000_000L) / 1_000_000));
            out.append("</td><td>").append(Fmt.signed(fused[d], 3)).append("</td><td>");
            out.append(fused[d] > 0 ? "long" : "short")
                    .append("</td><td")
                    .append(tone(move))
                    .append('>');
            out.append(Fmt.signed(move, 2))
                    .append("</td><td")
                    .append(tone(move - cost))
                    .append('>');
            out.append(Fmt.signed(move - cost, 2)).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }
}
