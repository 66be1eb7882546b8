package io.scalper.cli;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Market data, as for backtest (default: generated); played in order as one market unless"
                    + " --per-file. With --spark, also any location the cluster's Hadoop file system reads"
                    + " (hdfs://, s3a://, ...).")
    List<String> data = new ArrayList<>();

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol to trade from multi-symbol recordings; repeat it to sweep each symbol as its own"
                    + " market.")
    List<String> symbols = new ArrayList<>();

    @Option(
            names = "--per-file",
            description = "Each --data file (a folder: each of its .events files) is its own market, swept on its own,"
                    + " instead of all of them played in order as one.")
    boolean perFile;

    @Option(
            names = "--spark",
            arity = "0..1",
            paramLabel = "MASTER",
            fallbackValue = TaskRunners.DEFAULT_MASTER,
            description = "Run the backtests as an Apache Spark job: local[*] when no MASTER is given (Spark inside"
                    + " this process, nothing to install), local[N], or a cluster (spark://host:7077, yarn,"
                    + " k8s://...). Needs the scalper-spark module: ./scalper adds it.")
    String spark;

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

    /** One backtest of a combination on a market over a period. */
    record Run(Combo combo, MarketSpec market, String period, BacktestTask.Stats stats) {
        /** The combination, prefixed by the market when the sweep has several. */
        String label(boolean markets) {
            return markets ? market.label() + " " + combo.label() : combo.label();
        }

        long events() {
            return stats.events();
        }
    }

    /** A run to make: what {@code runAll} turns into a {@link BacktestTask}. */
    private record Job(Combo combo, MarketSpec market, long fromNs, long toNs, String period) {}

    /** The runs that failed, reported by name at the end. */
    private final List<TaskOutcome<?>> failures = new ArrayList<>();

    private ConfigFile base;
    private boolean manyMarkets;

    @Override
    public Integer call() throws Exception {
        base = config == null ? ConfigFile.empty() : ConfigFile.load(config);
        final List<Combo> combos = grid(base, params);
        final int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new ScalperCli.UsageException("--jobs must be >= 1, got " + threads);
        }
        metric(null, rankBy); // validates the metric name
        if ((train == null) != (test == null)) {
            throw new ScalperCli.UsageException("--train and --test go together");
        }
        if (spark == null && data.stream().anyMatch(DataFiles::isRemote)) {
            throw new ScalperCli.UsageException(
                    "--data: " + data + ": a location of a cluster's file system needs --spark");
        }
        final long limitNs = data.isEmpty() || duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (TaskRunner runner =
                spark != null ? TaskRunners.spark(spark, "scalper sweep") : TaskRunners.local(threads)) {
            final List<MarketSpec> markets = markets(runner);
            manyMarkets = markets.size() > 1;
            if (train == null) {
                final List<Job> specs = new ArrayList<>();
                for (MarketSpec m : markets) {
                    for (Combo c : combos) {
                        specs.add(new Job(c, m, 0, limitNs, "all"));
                    }
                }
                if (!quiet) {
                    err.println("sweep: " + specs.size() + " runs on " + describe(markets) + ", " + runner.describe());
                }
                final List<Run> runs = runAll(runner, specs);
                runs.sort(ranking());
                printTable(o, runs, Math.min(top, runs.size()));
                SweepCsv.write(out, runs, keys(combos), manyMarkets);
                o.println("csv: " + out);
            } else {
                walkForward(runner, markets, combos, limitNs, o, err);
            }
        }
        o.flush();
        return reportFailures(err);
    }

    /** The markets swept: the data (each file with --per-file) for each symbol. */
    private List<MarketSpec> markets(TaskRunner runner) throws IOException {
        final List<String> locations = new ArrayList<>();
        boolean remote = false;
        for (String d : data) {
            if (DataFiles.isRemote(d)) {
                remote = true;
                locations.addAll(runner.list(d)); // a folder's .events files, a glob's matches
                continue;
            }
            final Path p = DataFiles.localPath(d);
            if (perFile && Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(BacktestInput::isEventFile).sorted().forEach(f -> locations.add(f.toString()));
                }
            } else {
                locations.add(d);
            }
        }
        final List<String> syms = symbols.isEmpty() ? java.util.Collections.singletonList(null) : symbols;
        if (new java.util.HashSet<>(syms).size() != syms.size()) {
            throw new ScalperCli.UsageException("--symbol: given twice: " + symbols);
        }
        if (!remote) {
            // checks the data here, before any run: unreadable files, mixed formats, market options with --data
            for (String s : syms) {
                BacktestInput.of(paths(locations), s, seed, duration, market);
            }
        } else if (market.isSet()) {
            throw new ScalperCli.UsageException(
                    "--profile, --predictability, --pattern-move-bps and --mix shape a generated market: not with --data");
        }
        final List<List<String>> datas = new ArrayList<>();
        if (perFile && !locations.isEmpty()) {
            for (String l : locations) {
                datas.add(List.of(l));
            }
        } else {
            datas.add(locations);
        }
        final List<MarketSpec> out = new ArrayList<>();
        for (List<String> d : datas) {
            for (String s : syms) {
                final String file = d.isEmpty() ? "generated" : d.size() == 1 ? name(d.get(0)) : d.size() + " files";
                final String label = datas.size() > 1 && syms.size() > 1 ? file + ":" + s : datas.size() > 1 ? file : s;
                out.add(new MarketSpec(d, s, seed, duration, market, label == null ? file : label));
            }
        }
        return out;
    }

    private static List<Path> paths(List<String> locations) {
        final List<Path> out = new ArrayList<>(locations.size());
        for (String l : locations) {
            out.add(DataFiles.localPath(l));
        }
        return out;
    }

    /** The file name of a location. */
    private static String name(String location) {
        final String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return l.substring(l.lastIndexOf('/') + 1);
    }

    private String describe(List<MarketSpec> markets) throws IOException {
        if (markets.size() > 1) {
            return markets.size() + " markets";
        }
        final MarketSpec m = markets.get(0);
        return m.data().stream().anyMatch(DataFiles::isRemote)
                ? (m.data().size() == 1
                        ? m.data().get(0)
                        : m.data().size() + " files from " + m.data().get(0))
                : m.input(DataFiles.LOCAL).describe();
    }

    /**
     * Walks forward over each market, or over its first {@code limitNs} when that is &gt; 0 (--duration with --data):
     * the training runs of every window in one batch, then the test runs of every window's best.
     */
    private void walkForward(
            TaskRunner runner,
            List<MarketSpec> markets,
            List<Combo> combos,
            long limitNs,
            PrintWriter o,
            PrintWriter err)
            throws Exception {
        final long trainNs = BacktestInput.parseDuration(train, null);
        final long testNs = BacktestInput.parseDuration(test, null);
        if (trainNs <= 0 || testNs <= 0) {
            throw new ScalperCli.UsageException("--train and --test must be > 0");
        }
        final Map<MarketSpec, Long> spans = spans(runner, markets);
        final List<Job> trainSpecs = new ArrayList<>();
        final List<long[]> windows = new ArrayList<>(); // market index, window number, start
        for (int mi = 0; mi < markets.size(); mi++) {
            final MarketSpec m = markets.get(mi);
            if (!spans.containsKey(m)) {
                continue; // its span failed: reported at the end
            }
            final long span = limitNs > 0 ? Math.min(spans.get(m), limitNs) : spans.get(m);
            if (trainNs + testNs > span) {
                throw new ScalperCli.UsageException("--train + --test (" + Durations.format(trainNs + testNs)
                        + ") is longer than the data (" + Durations.format(span)
                        + (manyMarkets ? ", " + m.label() : "") + ")");
            }
            int window = 0;
            for (long start = 0; start + trainNs + testNs <= span; start += testNs) {
                window++;
                windows.add(new long[] {mi, window, start});
                for (Combo c : combos) {
                    trainSpecs.add(new Job(c, m, start, start + trainNs, "train " + window));
                }
            }
        }
        if (!quiet) {
            err.println("sweep: " + windows.size() + " walk-forward windows, " + trainSpecs.size() + " training runs, "
                    + runner.describe());
        }
        final List<Run> trainRuns = runAll(runner, trainSpecs);
        final List<Job> testSpecs = new ArrayList<>();
        final List<List<Run>> trainByWindow = new ArrayList<>();
        for (long[] w : windows) {
            final MarketSpec m = markets.get((int) w[0]);
            final String period = "train " + w[1];
            final List<Run> runs = new ArrayList<>();
            for (Run r : trainRuns) {
                if (r.market().equals(m) && r.period().equals(period)) {
                    runs.add(r);
                }
            }
            runs.sort(ranking());
            trainByWindow.add(runs);
            if (!runs.isEmpty()) {
                testSpecs.add(new Job(runs.get(0).combo(), m, w[2] + trainNs, w[2] + trainNs + testNs, "test " + w[1]));
            }
        }
        if (!quiet) {
            err.println("sweep: " + testSpecs.size() + " test runs of the best on training");
        }
        final List<Run> testRuns = runAll(runner, testSpecs);
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
        MarketSpec shown = null;
        for (int i = 0; i < windows.size(); i++) {
            final long[] w = windows.get(i);
            final MarketSpec m = markets.get((int) w[0]);
            if (manyMarkets && !m.equals(shown)) {
                o.println("market " + m.label());
                shown = m;
            }
            final List<Run> runs = trainByWindow.get(i);
            all.addAll(runs);
            if (runs.isEmpty()) {
                continue;
            }
            final Run best = runs.get(0);
            Run oos = null;
            for (Run r : testRuns) {
                if (r.market().equals(m) && r.period().equals("test " + w[1])) {
                    oos = r;
                }
            }
            if (oos == null) {
                continue;
            }
            all.add(oos);
            outOfSample.add(oos);
            o.println(String.format(
                    Locale.ROOT,
                    "%-6d %-17s %-40s %12.4f %12.4f %7d %12.2f",
                    w[1],
                    Durations.format(w[2] + trainNs) + "+" + Durations.format(testNs),
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
        SweepCsv.write(out, all, keys(combos), manyMarkets);
        o.println("csv: " + out);
    }

    /** Each market's span, ns: the generated market's length, else measured by a task; failed ones left out. */
    private Map<MarketSpec, Long> spans(TaskRunner runner, List<MarketSpec> markets) throws IOException {
        final Map<MarketSpec, Long> spans = new LinkedHashMap<>();
        final List<SpanTask> tasks = new ArrayList<>();
        for (MarketSpec m : markets) {
            if (m.data().isEmpty()) {
                spans.put(m, m.input(DataFiles.LOCAL).generatedNs());
            } else {
                tasks.add(new SpanTask("span of " + m.label(), m));
            }
        }
        if (!tasks.isEmpty()) {
            final List<TaskOutcome<Long>> outcomes = runner.runAll(tasks);
            for (int i = 0; i < tasks.size(); i++) {
                final TaskOutcome<Long> r = outcomes.get(i);
                if (r.failed()) {
                    failures.add(r);
                } else {
                    spans.put(tasks.get(i).market(), r.value());
                }
            }
        }
        return spans;
    }

    /** Runs the specs as tasks; returns the runs that succeeded, in spec order, and keeps the failures. */
    private List<Run> runAll(TaskRunner runner, List<Job> specs) {
        final String configText = base.text();
        final List<BacktestTask> tasks = new ArrayList<>(specs.size());
        for (Job s : specs) {
            final String name =
                    (manyMarkets ? s.market().label() + " " : "") + s.combo().label() + " (" + s.period() + ")";
            tasks.add(new BacktestTask(
                    name,
                    base.source(),
                    configText,
                    new LinkedHashMap<>(s.combo().values()),
                    s.market(),
                    s.fromNs(),
                    s.toNs()));
        }
        final List<TaskOutcome<BacktestTask.Stats>> outcomes = runner.runAll(tasks);
        final List<Run> runs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            final TaskOutcome<BacktestTask.Stats> r = outcomes.get(i);
            if (r.failed()) {
                failures.add(r);
            } else {
                final Job s = specs.get(i);
                runs.add(new Run(s.combo(), s.market(), s.period(), r.value()));
            }
        }
        return runs;
    }

    /** Names each failed run; exit code 1 when any failed (the others are in the table and the CSV), else 0. */
    private int reportFailures(PrintWriter err) {
        if (failures.isEmpty()) {
            return 0;
        }
        for (TaskOutcome<?> f : failures) {
            err.println("sweep: failed: " + f.name() + ": " + f.error());
        }
        err.println("sweep: " + failures.size() + " run(s) failed; the others' results are in the table and the CSV");
        err.flush();
        return 1;
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

    static double metric(BacktestTask.Stats s, String name) {
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
            return c != 0 ? c : a.label(manyMarkets).compareTo(b.label(manyMarkets));
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
            final BacktestTask.Stats s = r.stats();
            o.println(String.format(
                    Locale.ROOT,
                    "%-4d %-44s %7d %7s %11.2f %8.2f %11.2f %7s",
                    i + 1,
                    r.label(manyMarkets),
                    s.trades(),
                    BacktestCommand.pct(s.winRate()),
                    s.netPnl(),
                    s.sharpe(),
                    s.maxDrawdown(),
                    BacktestCommand.pct(s.fillRatio())));
        }
    }
}
