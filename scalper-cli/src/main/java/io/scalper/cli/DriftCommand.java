package io.scalper.cli;

import io.scalper.bybit.data.MarketSources;
import io.scalper.bybit.data.SourceOptions;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.drift.Calibration;
import io.scalper.core.drift.DriftResult;
import io.scalper.core.drift.SessionDrift;
import io.scalper.core.model.Instrument;
import io.scalper.core.report.DriftReport;
import io.scalper.core.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper drift}: a recorded live session replayed through the backtester, and how the two differ. */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a session recorded by scalper run (its market, configuration, instrument rules, fee rates and"
                    + " learned state) through the backtester on the session's own clock and compares it with what"
                    + " happened live: decisions, entries, fills, round trips and PnL, order round trips and feed"
                    + " ages, fill probability of resting entries by queue position — naming the cause of every"
                    + " difference. --fit prints the latency and queue models fitted to the session as configuration;"
                    + " --calibration FILE replays with them."
        })
final class DriftCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--session",
            paramLabel = "DIR",
            required = true,
            description = "A session folder (STATE/sessions/ID), or a state directory: its latest session.")
    Path session;

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol of a multi-symbol session (default: the first).")
    String symbol;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Write report.html (live and backtest compared) and summary.json there.")
    Path report;

    @Option(
            names = "--fit",
            description = "Print the latency and queue models fitted to the session, as a configuration file's"
                    + " backtest section (for --calibration).")
    boolean fit;

    @Option(
            names = "--calibration",
            paramLabel = "FILE",
            description = "A YAML file whose backtest keys replace the recorded ones (the output of --fit).")
    Path calibration;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Sets a backtest key over the recorded configuration, e.g. backtest.orderLatency=50ms"
                    + " (repeatable; after --calibration).")
    List<String> sets = new ArrayList<>();

    @Option(
            names = "--match-window",
            paramLabel = "D",
            defaultValue = "1s",
            description = "How far apart entries on different decisions may be and still match (default"
                    + " ${DEFAULT-VALUE}).")
    String matchWindow;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the replay.")
    long seed;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Session s;
        try {
            s = Session.open(session);
        } catch (NoSuchFileException e) {
            throw new ScalperCli.UsageException("--session: no recorded session at " + session
                    + " (scalper run records one in STATE/sessions/" + " unless --no-record)");
        } catch (IOException e) {
            throw new ScalperCli.UsageException("--session: " + e.getMessage());
        }
        final String sym = symbol == null ? s.symbol() : symbol.toUpperCase(Locale.ROOT);
        if (!s.symbols().contains(sym)) {
            throw new ScalperCli.UsageException("--symbol: " + sym + " is not in the session " + s.symbols());
        }
        final Map<String, String> keys = new LinkedHashMap<>();
        if (calibration != null) {
            keys.putAll(ConfigFile.load(calibration).keys());
        }
        for (String kv : sets) {
            final int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ScalperCli.UsageException("--set: expected KEY=VALUE, got " + kv);
            }
            keys.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        for (String k : keys.keySet()) {
            if (!k.startsWith("backtest.")) {
                throw new ScalperCli.UsageException(k + ": only backtest keys calibrate a replay (the strategy's keys"
                        + " are the recorded ones, or the decisions could not be compared)");
            }
        }
        final long windowNs;
        try {
            windowNs = BacktestInput.parseDuration(matchWindow, null);
        } catch (RuntimeException e) {
            throw new ScalperCli.UsageException("--match-window: " + e.getMessage());
        }
        final Instrument instrument = s.instrument(sym);
        final List<Path> files = s.files(Session.MARKET);
        if (files.isEmpty()) {
            throw new ScalperCli.UsageException("--session: " + s.directory() + " recorded no market");
        }
        final Path scratch = Files.createTempDirectory("scalper-drift");
        try {
            final List<Path> readable = readable(files, scratch);
            final SessionDrift.Builder b = SessionDrift.builder(s, () -> open(readable, instrument))
                    .symbol(sym)
                    .matchWindowNs(windowNs)
                    .seed(seed);
            keys.forEach(b::calibrate);
            final SessionDrift drift = b.build();
            try {
                drift.config();
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("calibration: " + e.getMessage());
            }
            final DriftResult r = drift.run();
            if (report != null) {
                Files.createDirectories(report);
                DriftReport.write(r, report.resolve("report.html"));
                Files.writeString(report.resolve("summary.json"), r.toJson() + "\n", StandardCharsets.UTF_8);
            }
            if (fit) {
                out.print(Calibration.fit(r, s.directory()).toYaml());
            } else if (json) {
                out.println(r.toJson());
            } else {
                print(out, r);
            }
            out.flush();
            if (report != null) {
                err.println("report: " + report.resolve("report.html"));
                err.flush();
            }
        } finally {
            deleteTree(scratch);
        }
        return 0;
    }

    private static MarketSource open(List<Path> files, Instrument instrument) throws IOException {
        return MarketSources.open(files, instrument, SourceOptions.defaults());
    }

    /**
     * The market files as the backtester reads them: a {@code .part} file (a run that was killed) is copied, as far
     * as it can be read, into a complete gzip file in {@code scratch}.
     */
    private static List<Path> readable(List<Path> files, Path scratch) throws IOException {
        final List<Path> out = new ArrayList<>();
        for (Path f : files) {
            final String name = f.getFileName().toString();
            if (!name.endsWith(".part")) {
                out.add(f);
                continue;
            }
            final Path copy = scratch.resolve(name.substring(0, name.length() - ".part".length()));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16);
                    OutputStream o = new GZIPOutputStream(Files.newOutputStream(copy), 1 << 16)) {
                final byte[] buf = new byte[1 << 16];
                int n;
                try {
                    while ((n = in.read(buf)) > 0) {
                        o.write(buf, 0, n);
                    }
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    // cut short by the kill: what was flushed is kept
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    static void print(PrintWriter out, DriftResult r) {
        final DriftResult.Run run = r.run();
        out.println(String.format(
                Locale.ROOT,
                "session:       %s on %s, %s, %.1f s, %,d messages replayed",
                run.sessionId(),
                run.venue(),
                run.symbol(),
                (run.endNs() - run.startNs()) / 1e9,
                run.messages()));
        out.println("backtest:      latency " + run.latencyModel() + "; queue " + run.queueModel()
                + (run.calibration().isEmpty() ? "" : "; calibrated " + run.calibration()));
        final DriftResult.Decisions d = r.decisions();
        out.println(String.format(
                Locale.ROOT,
                "decisions:     %,d compared, %s the same direction, %,d the same score (max difference %.3g)",
                d.compared(),
                pct(d.agreement()),
                d.sameScore(),
                d.maxFusedDifference()));
        final DriftResult.Entries e = r.entries();
        out.println(String.format(
                Locale.ROOT,
                "entries:       live %d (%d filled), backtest %d (%d filled), matched %d: filled both %d, live only %d,"
                        + " backtest only %d",
                e.live(),
                e.liveFilled(),
                e.backtest(),
                e.backtestFilled(),
                e.matched(),
                e.filledBoth(),
                e.filledLiveOnly(),
                e.filledBacktestOnly()));
        final DriftResult.Fills f = r.fills();
        out.println(String.format(
                Locale.ROOT,
                "fills:         live %d (%d maker / %d taker), backtest %d (%d / %d), matched %d (%d same liquidity,"
                        + " price %+.2f ticks, time %+.1f ms on average)",
                f.live(),
                f.liveMaker(),
                f.liveTaker(),
                f.backtest(),
                f.backtestMaker(),
                f.backtestTaker(),
                f.matched(),
                f.sameLiquidity(),
                nanToZero(f.meanPriceDifferenceTicks()),
                nanToZero(f.meanTimeDifferenceMs())));
        final DriftResult.Trades t = r.trades();
        out.println(String.format(
                Locale.ROOT,
                "trades:        live %d, backtest %d, matched %d (%d with the same exit)",
                t.live(),
                t.backtest(),
                t.matched(),
                t.sameExit()));
        out.println(String.format(
                Locale.ROOT,
                "net PnL:       live %+.4f, backtest %+.4f (matched trades: live %+.4f, backtest %+.4f)",
                t.liveNetPnl(),
                t.backtestNetPnl(),
                t.matchedLiveNetPnl(),
                t.matchedBacktestNetPnl()));
        final DriftResult.Latency l = r.latency();
        out.println(String.format(
                Locale.ROOT,
                "round trip:    live median %s (p90 %s, %d), model median %s",
                ms(l.liveRoundTrips().medianMs()),
                ms(l.liveRoundTrips().quantileMs(0.9)),
                l.liveRoundTrips().count(),
                ms(l.modelRoundTrips().medianMs())));
        out.println("feed age:      live median " + ms(l.liveFeedAges().medianMs()) + " ("
                + l.liveFeedAges().count() + " messages"
                + (l.implausibleFeedAges() > 0
                        ? ", " + l.implausibleFeedAges() + " without a plausible age: exchange times ahead of the"
                                + " local clock"
                        : "")
                + "); replayed at the recorded receive times");
        final DriftResult.Queue q = r.queue();
        if (q.orders() == 0) {
            out.println("queue:         no resting entry to study");
        } else {
            out.println(String.format(
                    Locale.ROOT,
                    "queue:         %d resting entries, %d filled live; %s fills %d; %s",
                    q.orders(),
                    q.liveFilled(),
                    q.simulatedModel(),
                    q.simulatedFilled(),
                    Double.isNaN(q.fittedShare())
                            ? "the fills do not tell the queue models apart"
                            : String.format(
                                    Locale.ROOT,
                                    "fitted queueAheadShare %.1f fills %d",
                                    q.fittedShare(),
                                    q.fittedFilled())));
        }
        final DriftResult.Divergence first = r.first();
        out.println("first parting: "
                + (first == null
                        ? "none"
                        : io.scalper.core.report.DriftReport.time(first.timeNs()) + " " + first.what() + " — "
                                + first.cause()));
        out.println(String.format(
                Locale.ROOT,
                "differences:   %d (%d unexplained)",
                r.divergences().size(),
                r.unexplained()));
        int shown = 0;
        for (DriftResult.Divergence x : r.divergences()) {
            if (shown++ >= 10) {
                out.println("               ... " + (r.divergences().size() - 10) + " more (--json, --report)");
                break;
            }
            out.println(
                    "  " + io.scalper.core.report.DriftReport.time(x.timeNs()) + "  " + x.what() + " — " + x.cause());
        }
        for (String n : run.notes()) {
            out.println("note:          " + n);
        }
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f ms", v);
    }
}
