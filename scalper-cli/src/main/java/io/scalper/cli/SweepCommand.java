package io.scalper.cli;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Side;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper sweep}: a grid of configurations backtested in parallel, ranked; optionally walk-forward. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Backtests every combination of the --param values in parallel (each backtest single-threaded and"
                    + " independent), prints the runs ranked by --rank-by and writes them to a CSV file. With --train"
                    + " and --test, walks forward: in each window the best combination on the training period is"
                    + " then run on the following test period, so the out-of-sample result is what you see."
        })
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Option(
            names = "--param",
            paramLabel = "KEY=V1,V2,...",
            required = true,
            description = "A config key and the values to try, e.g. fusion.entryThreshold=0.3,0.4 (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--data", paramLabel = "FILE", description = "Market data, as for backtest (default: generated).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol to trade from multi-symbol recordings.")
    String symbol;

    @Option(names = "--config", paramLabel = "FILE", description = "Base YAML configuration.")
    Path config;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Length of the generated market (default 1h); with --data, a limit.")
    String duration;

    @Option(names = "--jobs", paramLabel = "N", description = "Backtests run at once (default: the number of cores).")
    Integer jobs;

    @Option(
            names = "--rank-by",
            paramLabel = "METRIC",
            defaultValue = "netPnl",
            description = "netPnl, sharpe, profitFactor, winRate or maxDrawdown (lower is better) (default"
                    + " ${DEFAULT-VALUE}).")
    String rankBy;

    @Option(names = "--train", paramLabel = "D", description = "Walk-forward training period, e.g. 30m.")
    String train;

    @Option(names = "--test", paramLabel = "D", description = "Walk-forward test period, e.g. 10m.")
    String test;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "sweep.csv",
            description = "CSV file of all runs (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows to print (default 20).")
    int top;

    @Option(names = "--quiet", description = "No progress messages.")
    boolean quiet;

    /** One combination of parameter values. */
    record Combo(Map<String, String> values, ScalperConfig config) {
        String label() {
            final StringBuilder b = new StringBuilder();
            values.forEach((k, v) ->
                    b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
            return b.toString();
        }
    }

    /** One backtest of a combination over a period. */
    record Run(Combo combo, String period, PerformanceStats stats, long events) {}

    @Override
    public Integer call() throws Exception {
        final ConfigFile base = config == null ? ConfigFile.empty() : ConfigFile.load(config);
        final List<Combo> combos = grid(base, params);
        final int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new ScalperCli.UsageException("--jobs must be >= 1, got " + threads);
        }
        metric(null, rankBy); // validates the metric name
        if ((train == null) != (test == null)) {
            throw new ScalperCli.UsageException("--train and --test go together");
        }
        final BacktestInput input = BacktestInput.of(data, symbol, seed, duration, market);
        final long limitNs = data.isEmpty() || duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            final Thread t = new Thread(r, "sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            if (train == null) {
                if (!quiet) {
                    err.println(
                            "sweep: " + combos.size() + " runs on " + input.describe() + ", " + threads + " at a time");
                }
                final List<Run> runs = runAll(pool, input, combos, 0, limitNs, "all");
                runs.sort(ranking());
                printTable(o, runs, Math.min(top, runs.size()));
                SweepCsv.write(out, runs, keys(combos));
                o.println("csv: " + out);
            } else {
                walkForward(pool, input, combos, limitNs, o, err);
            }
        } finally {
            pool.shutdownNow();
        }
        o.flush();
        return 0;
    }

    /** Walks forward over the input, or over its first {@code limitNs} when that is &gt; 0 (--duration with --data). */
    private void walkForward(
            ExecutorService pool, BacktestInput input, List<Combo> combos, long limitNs, PrintWriter o, PrintWriter err)
            throws Exception {
        final long trainNs = BacktestInput.parseDuration(train, null);
        final long testNs = BacktestInput.parseDuration(test, null);
        if (trainNs <= 0 || testNs <= 0) {
            throw new ScalperCli.UsageException("--train and --test must be > 0");
        }
        final long span = limitNs > 0 ? Math.min(span(input), limitNs) : span(input);
        if (trainNs + testNs > span) {
            throw new ScalperCli.UsageException("--train + --test (" + Durations.format(trainNs + testNs)
                    + ") is longer than the data (" + Durations.format(span) + ")");
        }
        final List<Run> all = new ArrayList<>();
        final List<Run> outOfSample = new ArrayList<>();
        o.println(String.format(
                Locale.ROOT,
                "%-6s %-17s %-40s %12s %12s %7s %12s",
                "window",
                "test period",
                "best on training",
                "train " + rankBy,
                "test " + rankBy,
                "trades",
                "test netPnl"));
        int window = 0;
        for (long start = 0; start + trainNs + testNs <= span; start += testNs) {
            window++;
            if (!quiet) {
                err.println("sweep: window " + window + ", " + combos.size() + " runs on the training period");
            }
            final String trainLabel = "train " + window;
            final List<Run> trainRuns = runAll(pool, input, combos, start, start + trainNs, trainLabel);
            trainRuns.sort(ranking());
            all.addAll(trainRuns);
            final Run best = trainRuns.get(0);
            final Run oos = runAll(
                            pool,
                            input,
                            List.of(best.combo()),
                            start + trainNs,
                            start + trainNs + testNs,
                            "test " + window)
                    .get(0);
            all.add(oos);
            outOfSample.add(oos);
            o.println(String.format(
                    Locale.ROOT,
                    "%-6d %-17s %-40s %12.4f %12.4f %7d %12.2f",
                    window,
                    Durations.format(start + trainNs) + "+" + Durations.format(testNs),
                    best.combo().label(),
                    metric(best.stats(), rankBy),
                    metric(oos.stats(), rankBy),
                    oos.stats().trades(),
                    oos.stats().netPnl()));
        }
        double net = 0;
        long trades = 0;
        for (Run r : outOfSample) {
            net += r.stats().netPnl();
            trades += r.stats().trades();
        }
        o.println(String.format(
                Locale.ROOT, "out of sample: %d windows, %d trades, net PnL %+.2f", outOfSample.size(), trades, net));
        SweepCsv.write(out, all, keys(combos));
        o.println("csv: " + out);
    }

    /** Simulated time spanned by the input, ns. */
    private long span(BacktestInput input) throws IOException {
        if (input.generatedNs() > 0) {
            return input.generatedNs();
        }
        if (input.isEventFiles()) {
            final BacktestResult r = BacktestCommand.run(ScalperConfig.defaults(), input, seed, 0, null, null);
            return r.endTimeNs() - r.startTimeNs();
        }
        final long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        try (MarketSource s = input.open()) {
            final MarketEventSink sink = new MarketEventSink() {
                void at(long t) {
                    firstLast[0] = Math.min(firstLast[0], t);
                    firstLast[1] = Math.max(firstLast[1], t);
                }

                @Override
                public void onBook(BookUpdate u) {
                    at(u.exchangeTimeNs());
                }

                @Override
                public void onTrade(long t, long p, long z, Side a) {
                    at(t);
                }
            };
            while (s.next(sink)) {
                // scan
            }
        }
        return firstLast[1] > firstLast[0] ? firstLast[1] - firstLast[0] : 0;
    }

    private List<Run> runAll(
            ExecutorService pool, BacktestInput input, List<Combo> combos, long fromNs, long toNs, String period)
            throws Exception {
        final List<Future<Run>> futures = new ArrayList<>();
        for (Combo c : combos) {
            futures.add(pool.submit(() -> {
                final BacktestRunner.Builder b = BacktestRunner.builder()
                        .config(c.config())
                        .seed(seed)
                        .tradeFromNs(fromNs)
                        .maxDurationNs(toNs);
                input.apply(b);
                final BacktestResult r = b.build().run();
                return new Run(c, period, r.stats(), r.events());
            }));
        }
        final List<Run> runs = new ArrayList<>();
        for (Future<Run> f : futures) {
            try {
                runs.add(f.get());
            } catch (ExecutionException e) {
                final Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
        }
        return runs;
    }

    static List<Combo> grid(ConfigFile base, List<String> params) {
        final Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String p : params) {
            final int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new ScalperCli.UsageException("--param must be KEY=V1,V2,..., got '" + p + "'");
            }
            final String key = p.substring(0, eq).trim();
            final List<String> values = new ArrayList<>();
            for (String v : p.substring(eq + 1).split(",")) {
                if (!v.isBlank()) {
                    values.add(v.trim());
                }
            }
            if (values.isEmpty() || axes.containsKey(key)) {
                throw new ScalperCli.UsageException("--param " + key + ": no values, or given twice");
            }
            axes.put(key, values);
        }
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            final List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : axis.getValue()) {
                    final Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        if (combos.size() > 10_000) {
            throw new ScalperCli.UsageException("--param: " + combos.size() + " combinations; at most 10000");
        }
        final List<Combo> out = new ArrayList<>();
        for (Map<String, String> values : combos) {
            ConfigFile f = base;
            for (Map.Entry<String, String> e : values.entrySet()) {
                f = f.with(e.getKey(), e.getValue());
            }
            out.add(new Combo(values, f.config())); // invalid keys or values fail here, before any run
        }
        return out;
    }

    private static List<String> keys(List<Combo> combos) {
        return new ArrayList<>(combos.get(0).values().keySet());
    }

    static double metric(PerformanceStats s, String name) {
        switch (name) {
            case "netPnl":
            case "sharpe":
            case "profitFactor":
            case "winRate":
            case "maxDrawdown":
                break;
            default:
                throw new ScalperCli.UsageException(
                        "--rank-by must be netPnl, sharpe, profitFactor, winRate or maxDrawdown, got '" + name + "'");
        }
        if (s == null) {
            return 0;
        }
        return switch (name) {
            case "netPnl" -> s.netPnl();
            case "sharpe" -> s.sharpe();
            case "profitFactor" -> s.profitFactor();
            case "winRate" -> s.winRate();
            default -> s.maxDrawdown();
        };
    }

    /** Best first; NaN last; ties by label, so the order is stable. */
    private Comparator<Run> ranking() {
        final boolean lowerBetter = rankBy.equals("maxDrawdown");
        return (a, b) -> {
            final double x = metric(a.stats(), rankBy);
            final double y = metric(b.stats(), rankBy);
            if (Double.isNaN(x) != Double.isNaN(y)) {
                return Double.isNaN(x) ? 1 : -1;
            }
            final int c = lowerBetter ? Double.compare(x, y) : Double.compare(y, x);
            return c != 0 ? c : a.combo().label().compareTo(b.combo().label());
        };
    }

    private void printTable(PrintWriter o, List<Run> runs, int n) {
        o.println(String.format(
                Locale.ROOT,
                "%-4s %-44s %7s %7s %11s %8s %11s %7s",
                "rank",
                "parameters",
                "trades",
                "win",
                "netPnl",
                "sharpe",
                "maxDD",
                "fill"));
        for (int i = 0; i < n; i++) {
            final Run r = runs.get(i);
            final PerformanceStats s = r.stats();
            o.println(String.format(
                    Locale.ROOT,
                    "%-4d %-44s %7d %7s %11.2f %8.2f %11.2f %7s",
                    i + 1,
                    r.combo().label(),
                    s.trades(),
                    BacktestCommand.pct(s.winRate()),
                    s.netPnl(),
                    s.sharpe(),
                    s.maxDrawdown(),
                    BacktestCommand.pct(s.fillRatio())));
        }
    }
}
