package io.scalper.core.report;

import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A backtest report as one self-contained HTML page: run info, statistics, equity, drawdown and price charts (inline
 * SVG drawn here), per-signal attribution, gate refusals and the trades.
 *
 * <p>The page loads nothing: no network, fonts, images or external scripts, and its Content-Security-Policy forbids
 * them. Its one inline script checks that every chart has content and then sets {@code data-rendered="ok"} on
 * {@code <body>} (or {@code "error: ..."} naming what is wrong), so a headless browser can tell that the page rendered.
 * Sections have the ids {@code run}, {@code stats}, {@code equity}, {@code drawdown}, {@code price}, {@code signals},
 * {@code refusals} and {@code trades}. An empty part (no trades, no equity samples, no prices) gets a "no data" note
 * instead of a chart or table.
 *
 * <p>Size: line series are reduced to at most {@link #MAX_CHART_POINTS} points keeping each stretch's lowest and
 * highest value, the price chart marks the first {@link #MAX_MARKED_TRADES} trades and the trades table lists the
 * first {@link #MAX_TRADE_ROWS}, with a note when cut. A day of ticks gives a page of a few hundred kilobytes.
 *
 * <p>Deterministic: the same data always gives the same text, on any locale or time zone (times are UTC; nothing reads
 * the clock). Stateless and thread-safe.
 */
public final class HtmlReport {
    /** Most points drawn for one line series. */
    public static final int MAX_CHART_POINTS = 2000;

    /** Most trades listed in the trades table. */
    public static final int MAX_TRADE_ROWS = 500;

    /** Most trades marked (entry and exit) in the price chart. */
    public static final int MAX_MARKED_TRADES = 2000;

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private static final String SCRIPT =
            checkScript("run", "stats", "equity", "drawdown", "price", "signals", "refusals", "trades");

    private static final String CSP = csp(SCRIPT);

    /**
     * The page's self-check, run by the browser: every chart has a drawn series and every listed section exists; the
     * verdict goes to {@code body[data-rendered]} ("ok" or "error: ..."), which {@code scripts/check-report.sh} reads.
     */
    static String checkScript(String... sections) {
        final StringBuilder ids = new StringBuilder();
        for (String id : sections) {
            ids.append(ids.length() == 0 ? "" : ", ").append('"').append(id).append('"');
        }
        return "(function () {\n"
                + "  var problems = [];\n"
                + "  document.querySelectorAll(\"svg.chart\").forEach(function (svg) {\n"
                + "    var drawn = svg.querySelectorAll(\".series, .marker\");\n"
                + "    if (drawn.length === 0) { problems.push(svg.id + \" is empty\"); }\n"
                + "    drawn.forEach(function (el) {\n"
                + "      if (el.tagName === \"polyline\" && !el.getAttribute(\"points\")) {\n"
                + "        problems.push(svg.id + \" has a line without points\");\n"
                + "      }\n"
                + "    });\n"
                + "  });\n"
                + "  [" + ids + "].forEach(function (id) {\n"
                + "    if (!document.getElementById(id)) { problems.push(\"section \" + id + \" is missing\"); }\n"
                + "  });\n"
                + "  document.body.dataset.rendered = problems.length === 0 ? \"ok\" : \"error: \" + problems.join(\"; \");\n"
                + "})();\n";
    }

    /** The content security policy of a page whose only script is {@code script}: nothing loads from anywhere. */
    static String csp(String script) {
        return "default-src 'none'; style-src 'unsafe-inline'; script-src '" + sha256(script)
                + "'; base-uri 'none'; form-action 'none'";
    }

    static final String CSS = "*{box-sizing:border-box}\n"
            + "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
            + "sans-serif;color:#1f2328;background:#f6f8fa}\n"
            + "header,main{max-width:1280px;margin:0 auto;padding:0 24px}\n"
            + "header{padding-top:20px}\n"
            + "h1{font-size:24px;margin:0 0 8px}\n"
            + "h2{font-size:17px;margin:0 0 10px}\n"
            + "h3{font-size:13px;margin:0 0 6px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}\n"
            + "dl.info{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 14px}\n"
            + "dl.info dt{color:#57606a}dl.info dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
            + "monospace;word-break:break-all}\n"
            + ".kpis{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 16px}\n"
            + ".kpi{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:130px}\n"
            + ".kpi span{display:block;color:#57606a;font-size:12px}.kpi b{font-size:19px}\n"
            + "section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px;margin:0 0 16px}\n"
            + ".grid4{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}\n"
            + "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}\n"
            + "th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}\n"
            + "th:first-child,td:first-child{text-align:left}\n"
            + "thead th{background:#f6f8fa;position:sticky;top:0}\n"
            + "td.l,th.l{text-align:left}\n"
            + ".scroll{max-height:640px;overflow:auto}\n"
            + ".pos{color:#1a7f37}.neg{color:#cf222e}td.ok{color:#1a7f37;font-weight:600}\n"
            + ".note,.nodata,figcaption{color:#57606a;font-size:12px}\n"
            + ".nodata{padding:24px;text-align:center;background:#f6f8fa;border-radius:6px}\n"
            + "figure{margin:0}\n"
            + "svg.chart{display:block;width:100%;height:auto;background:#fff}\n"
            + ".grid line{stroke:#eaeef2;stroke-width:1}\n"
            + ".grid text{font-size:12px;fill:#57606a;font-family:system-ui,sans-serif}\n"
            + ".vlabel{text-anchor:end}.tlabel{text-anchor:middle}\n"
            + ".frame{fill:none;stroke:#d0d7de}\n"
            + ".series{fill:none;stroke-width:1.5;stroke-linejoin:round}\n"
            + ".equity-line{stroke:#0969da}.equity-fill{fill:#0969da;fill-opacity:.08;stroke:none}\n"
            + ".dd-area{fill:#cf222e;fill-opacity:.25;stroke:#cf222e;stroke-width:1}\n"
            + ".price-line{stroke:#6e7781;stroke-width:1}\n"
            + ".start{stroke:#8c959f;stroke-dasharray:4 4}\n"
            + ".marker{stroke:#fff;stroke-width:1}\n"
            + ".entry.buy{fill:#1a7f37}.entry.sell{fill:#cf222e}\n"
            + ".exit{stroke-width:2;fill:#fff}.exit.win{stroke:#1a7f37}.exit.loss{stroke:#cf222e}"
            + ".exit.even{stroke:#6e7781}\n"
            + ".link{stroke-width:1;stroke-dasharray:3 3;fill:none}.link.win{stroke:#1a7f37}.link.loss{stroke:#cf222e}"
            + ".link.even{stroke:#6e7781}\n"
            + ".legend{display:flex;gap:18px;font-size:12px;color:#57606a;margin:6px 0 0}\n"
            + ".bar{display:inline-block;height:10px;vertical-align:middle;border-radius:2px}\n"
            + ".bar.pos{background:#2da44e}.bar.neg{background:#cf222e}.bar.count{background:#8c959f}\n"
            + "td.barcell{width:40%;text-align:left}\n";

    private HtmlReport() {}

    /**
     * The report as HTML text.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public static String render(ReportData data) {
        Objects.requireNonNull(data, "data");
        final StringBuilder out = new StringBuilder(64 * 1024);
        final String title = data.title();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n<title>");
        Fmt.escape(out, title).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(out, data);
        out.append("<main>\n");
        statistics(out, data);
        equity(out, data);
        drawdown(out, data);
        price(out, data);
        signals(out, data);
        if (data.research() != null) {
            ResearchReport.decisionQuality(out, data.research());
        }
        refusals(out, data);
        trades(out, data);
        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Writes the report to {@code file} atomically: into a temporary file in the same directory, then renamed over
     * {@code file} (an atomic move where the file system supports one), so a reader sees the old page or the whole
     * new one. On POSIX file systems the page is readable by all ({@code rw-r--r--}). The directory must exist.
     *
     * @throws IOException if writing or renaming fails (the temporary file is then deleted)
     */
    public static void write(ReportData data, Path file) throws IOException {
        writeAtomically(render(data), file);
    }

    /** Writes a page atomically (a temporary file renamed over {@code file}), readable by all on POSIX file systems. */
    static void writeAtomically(String page, Path file) throws IOException {
        final byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        final Path target = file.toAbsolutePath();
        final Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, READABLE);
            }
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void header(StringBuilder out, ReportData data) {
        final PerformanceStats s = data.stats();
        out.append("<header id=\"run\">\n<h1>");
        Fmt.escape(out, data.title()).append("</h1>\n");
        if (!data.runInfo().isEmpty()) {
            out.append("<dl class=\"info\">\n");
            for (final Map.Entry<String, String> e : data.runInfo().entrySet()) {
                out.append("<dt>");
                Fmt.escape(out, e.getKey()).append("</dt><dd>");
                Fmt.escape(out, e.getValue()).append("</dd>\n");
            }
            out.append("</dl>\n");
        }
        out.append("<div class=\"kpis\">\n");
        kpi(out, "Net PnL", Fmt.signed(s.netPnl(), 2), tone(s.netPnl()));
        kpi(out, "Trades", Fmt.count(s.trades()), "");
        kpi(out, "Win rate", Fmt.percent(s.winRate()), "");
        kpi(out, "Profit factor", Fmt.num(s.profitFactor(), 2), "");
        kpi(out, "Sharpe", Fmt.num(s.sharpe(), 2), "");
        kpi(out, "Max drawdown", Fmt.percent(s.maxDrawdownFraction()), s.maxDrawdown() > 0 ? "neg" : "");
        out.append("</div>\n</header>\n");
    }

    private static void kpi(StringBuilder out, String label, String value, String tone) {
        out.append("<div class=\"kpi\"><span>")
                .append(label)
                .append("</span><b")
                .append(tone.isEmpty() ? "" : " class=\"" + tone + "\"")
                .append('>')
                .append(value)
                .append("</b></div>\n");
    }

    private static String tone(double v) {
        return v > 0 ? "pos" : v < 0 ? "neg" : "";
    }

    private static void statistics(StringBuilder out, ReportData data) {
        final PerformanceStats s = data.stats();
        out.append("<section id=\"stats\">\n<h2>Statistics</h2>\n<div class=\"grid4\">\n");
        beginStats(out, "Trades");
        row(out, "Trades", Fmt.count(s.trades()), "");
        row(out, "Wins", Fmt.count(s.wins()), "");
        row(out, "Losses", Fmt.count(s.losses()), "");
        row(out, "Break-evens", Fmt.count(s.breakevens()), "");
        row(out, "Win rate", Fmt.percent(s.winRate()), "");
        row(out, "Profit factor", Fmt.num(s.profitFactor(), 2), "");
        row(out, "Average R", Fmt.signed(s.avgR(), 2), tone(s.avgR()));
        endStats(out);
        beginStats(out, "PnL");
        row(out, "Start equity", Fmt.num(s.startEquity(), 2), "");
        row(out, "End equity", Fmt.num(s.endEquity(), 2), "");
        row(out, "Realized PnL", Fmt.signed(s.realizedPnl(), 4), tone(s.realizedPnl()));
        row(out, "Net PnL", Fmt.signed(s.netPnl(), 4), tone(s.netPnl()));
        row(out, "Gross PnL", Fmt.signed(s.grossPnl(), 4), tone(s.grossPnl()));
        row(out, "Fees", Fmt.num(s.fees(), 4), "");
        row(out, "Funding", Fmt.signed(s.funding(), 4), tone(s.funding()));
        row(out, "Attributed PnL", Fmt.signed(s.attributedPnl(), 4), tone(s.attributedPnl()));
        endStats(out);
        beginStats(out, "Risk");
        row(out, "Sharpe (annualised)", Fmt.num(s.sharpe(), 2), "");
        row(out, "Max drawdown", Fmt.num(s.maxDrawdown(), 4), s.maxDrawdown() > 0 ? "neg" : "");
        row(out, "Max drawdown %", Fmt.percent(s.maxDrawdownFraction()), s.maxDrawdownFraction() > 0 ? "neg" : "");
        row(out, "Period", Fmt.duration(s.periodNs()), "");
        endStats(out);
        beginStats(out, "Execution");
        row(out, "Orders", Fmt.count(s.orders()), "");
        row(out, "Entries placed", Fmt.count(s.entriesPlaced()), "");
        row(out, "Entries filled", Fmt.count(s.entriesFilled()), "");
        row(out, "Fill ratio", Fmt.percent(s.fillRatio()), "");
        row(out, "Maker fills", Fmt.count(s.makerFills()), "");
        row(out, "Taker fills", Fmt.count(s.takerFills()), "");
        row(out, "Cancels", Fmt.count(s.cancels()), "");
        row(out, "Rejects", Fmt.count(s.rejects()), "");
        row(out, "Avg entry slippage (ticks)", Fmt.signed(s.avgSlippageTicks(), 2), "");
        endStats(out);
        if (!data.extras().isEmpty()) {
            beginStats(out, "Run");
            for (final Map.Entry<String, Number> e : data.extras().entrySet()) {
                row(out, Fmt.escape(e.getKey()), Fmt.number(e.getValue()), "");
            }
            endStats(out);
        }
        out.append("</div>\n</section>\n");
    }

    private static void beginStats(StringBuilder out, String heading) {
        out.append("<div><h3>").append(heading).append("</h3>\n<table class=\"stats\">\n");
    }

    private static void endStats(StringBuilder out) {
        out.append("</table></div>\n");
    }

    /** A label/value row; both already escaped. */
    private static void row(StringBuilder out, String label, String value, String tone) {
        out.append("<tr><th class=\"l\" scope=\"row\">")
                .append(label)
                .append("</th><td")
                .append(tone.isEmpty() ? "" : " class=\"" + tone + "\"")
                .append('>')
                .append(value)
                .append("</td></tr>\n");
    }

    private static void noData(StringBuilder out, String what) {
        out.append("<p class=\"nodata\">No data: ").append(what).append(".</p>\n");
    }

    private static void caption(StringBuilder out, long fromNs, long toNs, String text) {
        out.append("<figcaption>UTC ")
                .append(Fmt.dateTime(fromNs))
                .append(" – ")
                .append(Fmt.dateTime(toNs))
                .append(". ")
                .append(text)
                .append("</figcaption>\n");
    }

    private static void equity(StringBuilder out, ReportData data) {
        out.append("<section id=\"equity\">\n<h2>Equity</h2>\n");
        final EquityCurve full = data.curveView();
        if (full.isEmpty()) {
            noData(out, "no equity samples");
            out.append("</section>\n");
            return;
        }
        final EquityCurve curve = full.downsample(MAX_CHART_POINTS);
        final int n = curve.size();
        final long[] times = new long[n];
        final double[] values = new double[n];
        double low = data.stats().startEquity();
        double high = low;
        if (!Double.isFinite(low)) {
            low = curve.equity(0);
            high = low;
        }
        for (int i = 0; i < n; i++) {
            times[i] = curve.timeNs(i);
            values[i] = curve.equity(i);
            low = Math.min(low, values[i]);
            high = Math.max(high, values[i]);
        }
        final Chart chart = new Chart(times[0], times[n - 1], low, high);
        final int[] all = Downsample.indices(values, Integer.MAX_VALUE);
        out.append("<figure>\n");
        chart.begin(out, "equity-chart", "Equity over time");
        out.append("<polygon class=\"equity-fill\" points=\"");
        chart.points(out, times, values, all, true);
        out.append(' ');
        Fmt.coord(out, chart.x(times[n - 1])).append(',');
        Fmt.coord(out, chart.bottom()).append(' ');
        Fmt.coord(out, chart.x(times[0])).append(',');
        Fmt.coord(out, chart.bottom()).append("\"/>\n");
        if (Double.isFinite(data.stats().startEquity())) {
            chart.level(out, "start", data.stats().startEquity());
        }
        out.append("<polyline class=\"series equity-line\" points=\"");
        chart.points(out, times, values, all, true);
        out.append("\"/>\n");
        chart.end(out);
        caption(
                out,
                times[0],
                times[n - 1],
                Fmt.count(full.size()) + " samples" + (n < full.size() ? ", " + Fmt.count(n) + " drawn" : "")
                        + "; dashed line: start equity " + Fmt.num(data.stats().startEquity(), 2) + ".");
        out.append("</figure>\n</section>\n");
    }

    private static void drawdown(StringBuilder out, ReportData data) {
        out.append("<section id=\"drawdown\">\n<h2>Drawdown</h2>\n");
        final EquityCurve curve = data.curveView();
        final int size = curve.size();
        if (size == 0) {
            noData(out, "no equity samples");
            out.append("</section>\n");
            return;
        }
        final long[] times = new long[size];
        final double[] drawdowns = new double[size];
        double peak = Double.NEGATIVE_INFINITY;
        double low = 0;
        for (int i = 0; i < size; i++) {
            final double equity = curve.equity(i);
            peak = Math.max(peak, equity);
            times[i] = curve.timeNs(i);
            drawdowns[i] = equity - peak;
            low = Math.min(low, drawdowns[i]);
        }
        final int[] drawn = Downsample.indices(drawdowns, MAX_CHART_POINTS);
        final Chart chart = new Chart(times[0], times[size - 1], low, 0);
        out.append("<figure>\n");
        chart.begin(out, "drawdown-chart", "Drawdown from the running peak");
        out.append("<polygon class=\"series dd-area\" points=\"");
        Fmt.coord(out, chart.x(times[0])).append(',');
        Fmt.coord(out, chart.y(0)).append(' ');
        chart.points(out, times, drawdowns, drawn, true);
        out.append(' ');
        Fmt.coord(out, chart.x(times[size - 1])).append(',');
        Fmt.coord(out, chart.y(0)).append("\"/>\n");
        chart.end(out);
        caption(
                out,
                times[0],
                times[size - 1],
                "Equity minus its running peak, quote currency; max "
                        + Fmt.num(data.stats().maxDrawdown(), 4)
                        + " ("
                        + Fmt.percent(data.stats().maxDrawdownFraction())
                        + ").");
        out.append("</figure>\n</section>\n");
    }

    private static void price(StringBuilder out, ReportData data) {
        out.append("<section id=\"price\">\n<h2>Price and trades</h2>\n");
        final long[] times = data.timesView();
        final double[] ticks = data.pricesView();
        final List<RoundTrip> trades = data.trades();
        final int marked = Math.min(trades.size(), MAX_MARKED_TRADES);
        if (times.length == 0 && marked == 0) {
            noData(out, "no price samples and no trades");
            out.append("</section>\n");
            return;
        }
        final double tick = data.tickSize().doubleValue();
        final int priceDecimals =
                Math.max(0, data.tickSize().stripTrailingZeros().scale());
        final double[] prices = new double[ticks.length];
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ticks.length; i++) {
            prices[i] = ticks[i] * tick;
            low = Math.min(low, prices[i]);
            high = Math.max(high, prices[i]);
        }
        if (times.length > 0) {
            from = times[0];
            to = times[times.length - 1];
        }
        for (int k = 0; k < marked; k++) {
            final RoundTrip t = trades.get(k);
            from = Math.min(from, Math.min(t.entryTimeNs(), t.exitTimeNs()));
            to = Math.max(to, Math.max(t.entryTimeNs(), t.exitTimeNs()));
            for (final double p : new double[] {t.entryPriceTicks() * tick, t.exitPriceTicks() * tick}) {
                if (Double.isFinite(p)) {
                    low = Math.min(low, p);
                    high = Math.max(high, p);
                }
            }
        }
        if (low > high) {
            low = 0;
            high = 0;
        }
        final Chart chart = new Chart(from, to, low, high);
        final int[] drawn = Downsample.indices(prices, MAX_CHART_POINTS);
        out.append("<figure>\n");
        chart.begin(out, "price-chart", "Price with trade entries and exits");
        if (prices.length > 0) {
            out.append("<polyline class=\"series price-line\" points=\"");
            chart.points(out, times, prices, drawn, false);
            out.append("\"/>\n");
        }
        final StringBuilder markers = new StringBuilder(marked * 256);
        for (int k = 0; k < marked; k++) {
            tradeMarks(out, markers, chart, trades.get(k), tick, priceDecimals);
        }
        out.append(markers);
        chart.end(out);
        final StringBuilder note = new StringBuilder();
        note.append(Fmt.count(prices.length)).append(" price samples");
        if (drawn.length < prices.length) {
            note.append(", ").append(Fmt.count(drawn.length)).append(" drawn (each stretch's low and high kept)");
        }
        if (prices.length == 0) {
            note.append(" (no price series: trades only)");
        }
        note.append("; prices in quote currency");
        if (marked < trades.size()) {
            note.append("; markers for the first ")
                    .append(Fmt.count(marked))
                    .append(" of ")
                    .append(Fmt.count(trades.size()))
                    .append(" trades");
        }
        caption(out, from, to, note.append('.').toString());
        out.append("<div class=\"legend\"><span><svg width=\"12\" height=\"12\" viewBox=\"-6 -7 12 12\">"
                + "<path class=\"entry buy\" d=\"M0,-6 L6,5 L-6,5 Z\"/></svg> long entry</span>"
                + "<span><svg width=\"12\" height=\"12\" viewBox=\"-6 -5 12 12\">"
                + "<path class=\"entry sell\" d=\"M0,6 L6,-5 L-6,-5 Z\"/></svg> short entry</span>"
                + "<span><svg width=\"12\" height=\"12\" viewBox=\"-6 -6 12 12\">"
                + "<circle class=\"exit win\" r=\"4\"/></svg> exit, win</span>"
                + "<span><svg width=\"12\" height=\"12\" viewBox=\"-6 -6 12 12\">"
                + "<circle class=\"exit loss\" r=\"4\"/></svg> exit, loss</span></div>\n");
        out.append("</figure>\n</section>\n");
    }

    /** A dashed link from entry to exit into {@code links}, the entry and exit markers into {@code markers}. */
    private static void tradeMarks(
            StringBuilder links, StringBuilder markers, Chart chart, RoundTrip t, double tick, int priceDecimals) {
        final double entryPrice = t.entryPriceTicks() * tick;
        final double exitPrice = t.exitPriceTicks() * tick;
        final double net = t.netPnl();
        final String result = net > 0 ? "win" : net < 0 ? "loss" : "even";
        final double ex = chart.x(t.entryTimeNs());
        final double ey = Double.isFinite(entryPrice) ? chart.y(entryPrice) : chart.bottom();
        final double xx = chart.x(t.exitTimeNs());
        final double xy = Double.isFinite(exitPrice) ? chart.y(exitPrice) : chart.bottom();
        links.append("<line class=\"link ").append(result).append("\" x1=\"");
        Fmt.coord(links, ex).append("\" y1=\"");
        Fmt.coord(links, ey).append("\" x2=\"");
        Fmt.coord(links, xx).append("\" y2=\"");
        Fmt.coord(links, xy).append("\"/>\n");
        final boolean buy = t.side() == Side.BUY;
        markers.append("<path class=\"marker entry ")
                .append(buy ? "buy" : "sell")
                .append("\" d=\"M");
        Fmt.coord(markers, ex).append(',');
        Fmt.coord(markers, ey + (buy ? -7 : 7)).append(" L");
        Fmt.coord(markers, ex + 6).append(',');
        Fmt.coord(markers, ey + (buy ? 4 : -4)).append(" L");
        Fmt.coord(markers, ex - 6).append(',');
        Fmt.coord(markers, ey + (buy ? 4 : -4))
                .append(" Z\"><title>#")
                .append(t.id())
                .append(' ');
        markers.append(buy ? "long" : "short")
                .append(" entry ")
                .append(Fmt.timeMs(t.entryTimeNs()))
                .append(" @ ");
        markers.append(price(entryPrice, priceDecimals)).append("</title></path>\n");
        markers.append("<circle class=\"marker exit ").append(result).append("\" cx=\"");
        Fmt.coord(markers, xx).append("\" cy=\"");
        Fmt.coord(markers, xy).append("\" r=\"4\"><title>#").append(t.id()).append(" exit ");
        markers.append(Fmt.timeMs(t.exitTimeNs())).append(" @ ").append(price(exitPrice, priceDecimals));
        markers.append(" (");
        Fmt.escape(markers, t.exitReason()).append("), net ").append(Fmt.signed(net, 4));
        markers.append("</title></circle>\n");
    }

    private static String price(double price, int decimals) {
        return Fmt.trimmed(price, decimals + 2, decimals);
    }

    private static void signals(StringBuilder out, ReportData data) {
        out.append("<section id=\"signals\">\n<h2>PnL by signal</h2>\n");
        final List<Map.Entry<String, Double>> rows =
                new ArrayList<>(data.signalPnl().entrySet());
        if (rows.isEmpty()) {
            noData(out, "no PnL attributed to signals");
            out.append("</section>\n");
            return;
        }
        rows.sort(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue(), Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey));
        double largest = 0;
        double total = 0;
        for (final Map.Entry<String, Double> e : rows) {
            if (Double.isFinite(e.getValue())) {
                largest = Math.max(largest, Math.abs(e.getValue()));
                total += e.getValue();
            }
        }
        out.append("<table>\n<thead><tr><th>Signal</th><th>Attributed net PnL</th><th class=\"l\">Share</th>"
                + "</tr></thead>\n<tbody>\n");
        for (final Map.Entry<String, Double> e : rows) {
            final double v = e.getValue();
            out.append("<tr><td>");
            Fmt.escape(out, e.getKey())
                    .append("</td><td class=\"")
                    .append(tone(v))
                    .append("\">")
                    .append(Fmt.signed(v, 4))
                    .append("</td><td class=\"barcell\">");
            bar(out, v < 0 ? "neg" : "pos", largest > 0 && Double.isFinite(v) ? Math.abs(v) / largest : 0);
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n<tfoot><tr><th>Total</th><th class=\"")
                .append(tone(total))
                .append("\">")
                .append(Fmt.signed(total, 4))
                .append("</th><th></th></tr></tfoot>\n</table>\n");
        out.append("<p class=\"note\">Each trade's net PnL split across its signals in proportion to their signed "
                + "contributions at entry; sorted by PnL.</p>\n</section>\n");
    }

    private static void bar(StringBuilder out, String tone, double fraction) {
        out.append("<span class=\"bar ")
                .append(tone)
                .append("\" style=\"width:")
                .append(Fmt.trimmed(fraction * 100, 1, 0))
                .append("%\"></span>");
    }

    private static void refusals(StringBuilder out, ReportData data) {
        out.append("<section id=\"refusals\">\n<h2>Gate refusals</h2>\n");
        final List<Map.Entry<String, Long>> rows =
                new ArrayList<>(data.refusals().entrySet());
        if (rows.isEmpty()) {
            noData(out, "no entry was refused");
            out.append("</section>\n");
            return;
        }
        rows.sort(Comparator.comparing((Map.Entry<String, Long> e) -> e.getValue(), Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey));
        long total = 0;
        for (final Map.Entry<String, Long> e : rows) {
            total += e.getValue();
        }
        out.append("<table>\n<thead><tr><th>Reason</th><th>Refusals</th><th>Share</th><th class=\"l\"></th>"
                + "</tr></thead>\n<tbody>\n");
        for (final Map.Entry<String, Long> e : rows) {
            final double share = total > 0 ? (double) e.getValue() / total : 0;
            out.append("<tr><td>");
            Fmt.escape(out, e.getKey())
                    .append("</td><td>")
                    .append(Fmt.count(e.getValue()))
                    .append("</td><td>")
                    .append(Fmt.percent(share))
                    .append("</td><td class=\"barcell\">");
            bar(out, "count", share);
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n<tfoot><tr><th>Total</th><th>")
                .append(Fmt.count(total))
                .append("</th><th></th><th></th></tr></tfoot>\n</table>\n</section>\n");
    }

    private static void trades(StringBuilder out, ReportData data) {
        out.append("<section id=\"trades\">\n<h2>Trades</h2>\n");
        final List<RoundTrip> trades = data.trades();
        if (trades.isEmpty()) {
            noData(out, "no closed trades");
            out.append("</section>\n");
            return;
        }
        final int rows = Math.min(trades.size(), MAX_TRADE_ROWS);
        final double tick = data.tickSize().doubleValue();
        final int priceDecimals =
                Math.max(0, data.tickSize().stripTrailingZeros().scale());
        final boolean withDate = !Fmt.date(trades.get(0).entryTimeNs())
                .equals(Fmt.date(trades.get(rows - 1).exitTimeNs()));
        if (rows < trades.size()) {
            out.append("<p class=\"note\">Showing the first ")
                    .append(Fmt.count(rows))
                    .append(" of ")
                    .append(Fmt.count(trades.size()))
                    .append(" trades.</p>\n");
        }
        out.append("<div class=\"scroll\">\n<table class=\"trades\">\n<thead><tr><th>#</th><th class=\"l\">Side</th>"
                + "<th class=\"l\">Entry (UTC)</th><th class=\"l\">Exit (UTC)</th><th>Duration</th>"
                + "<th>Entry price</th><th>Exit price</th><th>Qty (lots)</th><th>Gross</th><th>Fees</th>"
                + "<th>Funding</th><th>Net</th><th>R</th><th class=\"l\">Exit reason</th>"
                + "<th class=\"l\">Signals</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < rows; k++) {
            final RoundTrip t = trades.get(k);
            final double net = t.netPnl();
            out.append("<tr><td>").append(t.id()).append("</td><td class=\"l\">");
            out.append(t.side() == Side.BUY ? "long" : "short").append("</td><td class=\"l\">");
            out.append(withDate ? Fmt.date(t.entryTimeNs()) + " " : "").append(Fmt.timeMs(t.entryTimeNs()));
            out.append("</td><td class=\"l\">");
            out.append(withDate ? Fmt.date(t.exitTimeNs()) + " " : "").append(Fmt.timeMs(t.exitTimeNs()));
            out.append("</td><td>").append(Fmt.duration(t.durationNs()));
            out.append("</td><td>").append(price(t.entryPriceTicks() * tick, priceDecimals));
            out.append("</td><td>").append(price(t.exitPriceTicks() * tick, priceDecimals));
            out.append("</td><td>").append(Fmt.count(t.qtyLots()));
            out.append("</td><td>").append(Fmt.signed(t.grossPnl(), 4));
            out.append("</td><td>").append(Fmt.num(t.fees(), 4));
            out.append("</td><td>").append(Fmt.signed(t.funding(), 4));
            out.append("</td><td class=\"").append(tone(net)).append("\">").append(Fmt.signed(net, 4));
            out.append("</td><td>").append(Fmt.signed(t.rMultiple(), 2));
            out.append("</td><td class=\"l\">");
            Fmt.escape(out, t.exitReason()).append("</td><td class=\"l\">");
            Fmt.escape(out, String.join(", ", t.signalNames())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    static String sha256(String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
