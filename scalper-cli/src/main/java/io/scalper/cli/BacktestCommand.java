package io.scalper.cli;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.metrics.PerformanceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper backtest}: the engine against the simulated exchange over recorded, binary or generated data. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Backtests the strategy: the same engine as live trades against a simulated exchange (latency, queue"
                    + " position, fees, funding) over recorded Bybit frames, Bybit's daily archives, binary event"
                    + " files (scalper convert) or, without --data, a seeded generated market. Prints a summary (or,"
                    + " with --json, one JSON object); --report DIR also writes report.html, summary.json and the CSV"
                    + " journals."
        })
final class BacktestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Market data (repeatable, played in order): *.events files or a folder of them; recorded"
                    + " frames (*.jsonl[.gz], with an optional .recv.tsv of receive times); Bybit archives"
                    + " (*_ob*.data[.zip], with SYMBOL<date>.csv[.gz] trades beside them). Default: a generated"
                    + " market.")
    List<Path> data = new ArrayList<>();

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol to trade from multi-symbol recordings (default: the config's symbols, else the first"
                    + " one in the file). Repeat it to trade several on one account: one engine each, account-wide"
                    + " risk, totals and per-symbol figures; without --data each gets its own generated market.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/default.yaml).")
    Path config;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Seed of the generated market and of everything random in the run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Length of the generated market (default 1h); with --data, stop after this much market time.")
    String duration;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Write report.html, summary.json and the journals (decisions, orders, fills, trades) here.")
    Path report;

    @picocli.CommandLine.Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        final ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.load(config);
        final ScalperConfig cfg = file.config();
        final List<String> chosen = symbols.isEmpty() ? file.symbols() : symbols;
        final BacktestInput input = BacktestInput.ofSymbols(data, chosen, seed, duration, market);
        final long limitNs = data.isEmpty() || duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        final ProgressBar progress = ProgressBar.forTerminal(spec.commandLine().getErr(), quiet);
        final BacktestResult r = run(cfg, input, seed, limitNs, report, progress);
        final PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(r.toJson());
        } else {
            printSummary(out, r);
        }
        if (report != null) {
            // research over the same market, for the report's decision-quality section: a second pass
            final io.scalper.core.research.ResearchResult research = ResearchCommand.research(
                    cfg, input, limitNs, ResearchCommand.parseHorizons(ResearchCommand.DEFAULT_HORIZONS));
            writeReport(report, r, research, config == null ? "defaults" : config.toString(), seed);
            if (!json) {
                out.println("report: " + report.resolve("report.html"));
            }
        }
        out.flush();
        return 0;
    }

    static BacktestResult run(
            ScalperConfig cfg, BacktestInput input, long seed, long limitNs, Path journals, ProgressBar progress)
            throws IOException {
        final BacktestRunner.Builder b = BacktestRunner.builder()
                .config(cfg)
                .seed(seed)
                .maxDurationNs(limitNs)
                .journalDirectory(journals);
        if (progress != null && progress.enabled()) {
            b.progress(progress);
        }
        input.apply(b);
        try {
            return b.build().run();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void printSummary(PrintWriter out, BacktestResult r) {
        final PerformanceStats s = r.stats();
        if (!r.symbols().isEmpty()) {
            final List<String> names = new ArrayList<>();
            r.symbols().forEach(x -> names.add(x.instrument().symbol()));
            out.println("source:        " + r.source() + " (" + String.join(", ", names) + ", one account)");
        } else {
            out.println("source:        " + r.source() + " (" + r.instrument().symbol() + ")");
        }
        out.println(String.format(
                Locale.ROOT,
                "replayed:      %,d events (%,d messages), %s of market in %.2f s (%s events/s)",
                r.events(),
                r.messages(),
                span(r.endTimeNs() - r.startTimeNs()),
                r.wallNs() / 1e9,
                ProgressBar.rate(r.eventsPerSecond())));
        printStats(out, s);
        printSymbols(out, s);
    }

    /** One line per symbol when the statistics are an account's over several. */
    static void printSymbols(PrintWriter out, PerformanceStats s) {
        for (Map.Entry<String, PerformanceStats> e : s.symbols().entrySet()) {
            final PerformanceStats x = e.getValue();
            out.println(String.format(
                    Locale.ROOT,
                    "  %-12s %d trades (%d wins), net %+.2f, fees %.2f, max drawdown %.2f, %d orders",
                    e.getKey(),
                    x.trades(),
                    x.wins(),
                    x.netPnl(),
                    x.fees(),
                    x.maxDrawdown(),
                    x.orders()));
        }
    }

    static void printStats(PrintWriter out, PerformanceStats s) {
        out.println(String.format(
                Locale.ROOT,
                "trades:        %d (%d wins, %d losses, win rate %s)",
                s.trades(),
                s.wins(),
                s.losses(),
                pct(s.winRate())));
        out.println(String.format(
                Locale.ROOT,
                "equity:        %.2f -> %.2f (realised %+.2f, fees %.2f, funding %+.2f, net %+.2f)",
                s.startEquity(),
                s.endEquity(),
                s.realizedPnl(),
                s.fees(),
                s.funding(),
                s.netPnl()));
        out.println(String.format(
                Locale.ROOT,
                "risk:          Sharpe %.2f, max drawdown %.2f (%s), profit factor %s",
                s.sharpe(),
                s.maxDrawdown(),
                pct(s.maxDrawdownFraction()),
                profitFactor(s.profitFactor())));
        out.println(String.format(
                Locale.ROOT,
                "execution:     fill ratio %s, %d maker / %d taker fills, %d orders, %d cancels, %d rejects",
                pct(s.fillRatio()),
                s.makerFills(),
                s.takerFills(),
                s.orders(),
                s.cancels(),
                s.rejects()));
        if (!s.refusals().isEmpty()) {
            out.println("refusals:      " + join(s.refusals()));
        }
        if (!s.signalPnl().isEmpty()) {
            final StringBuilder b = new StringBuilder();
            s.signalPnl()
                    .forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ")
                            .append(k)
                            .append(' ')
                            .append(String.format(Locale.ROOT, "%+.2f", v)));
            out.println("signal PnL:    " + b);
        }
    }

    /** The profit factor for people: n/a without trades, "no losses" when nothing lost (it is infinite). */
    static String profitFactor(double pf) {
        if (Double.isNaN(pf)) {
            return "n/a";
        }
        return Double.isInfinite(pf) ? "no losses" : String.format(Locale.ROOT, "%.2f", pf);
    }

    /** A time span for people: 44.1 s, 20m 00s, 3h 05m. */
    static String span(long ns) {
        final double s = ns / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        final long total = Math.round(s);
        if (total < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", total / 3600, total % 3600 / 60);
    }

    private static String join(Map<String, Long> m) {
        final StringBuilder b = new StringBuilder();
        m.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }

    static String pct(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    static void writeReport(
            Path dir, BacktestResult r, io.scalper.core.research.ResearchResult research, String config, long seed)
            throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("summary.json"), r.toJson() + "\n");
        Reports.writeHtml(dir.resolve("report.html"), r, research, config, seed);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
