package io.scalper.cli;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.report.ResearchReport;
import io.scalper.core.research.ResearchResult;
import io.scalper.core.research.ResearchRunner;
import io.scalper.core.research.ResearchSamples;
import io.scalper.core.research.SignalStats;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper research}: how well each signal and the fused score predicted the mid, against round-trip costs. */
@Command(
        name = "research",
        mixinStandardHelpOptions = true,
        description = {
            "Measures, before trading, how well each of the eight signals and the fused score predict the mid on any"
                    + " market a backtest takes: per horizon the Spearman IC of the score with the forward mid"
                    + " return, and — over decisions with |score| >= fusion.entryScore — hit rate, mean signed"
                    + " forward return (edge, bps), count and a t-statistic corrected for overlapping horizons"
                    + " (Newey-West); a calibration of the fused score by bucket; round-trip costs (fees from the"
                    + " backtest section, the data's median spread); which horizons, if any, clear them. Decisions"
                    + " every 250ms of market time use only what was received by then; forward returns come from the"
                    + " exchange-time mids."
        })
final class ResearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Market data (repeatable, played in order), as for backtest: *.events files or a folder of"
                    + " them; recorded frames (*.jsonl[.gz]); Bybit archives. Default: a generated market. With"
                    + " --spark, also any location the cluster's Hadoop file system reads (hdfs://, s3a://, ...).")
    List<String> data = new ArrayList<>();

    @Option(
            names = "--per-file",
            description = "Replay each --data file (a folder: each of its .events files) on its own, in parallel, and"
                    + " merge their decisions exactly: the statistics of all of them pooled (what --spark does).")
    boolean perFile;

    @Option(
            names = "--spark",
            arity = "0..1",
            paramLabel = "MASTER",
            fallbackValue = TaskRunners.DEFAULT_MASTER,
            description = "Replay the files as an Apache Spark job, one task per file, as --per-file: local[*] when no"
                    + " MASTER is given (Spark inside this process), local[N], or a cluster. Needs the scalper-spark"
                    + " module: ./scalper adds it.")
    String spark;

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol of a multi-symbol recording (default: the first one in the file).")
    String symbol;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/default.yaml).")
    Path config;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the generated market (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Length of the generated market (default 1h); with --data, stop after this much market time.")
    String duration;

    /** The horizons research measures unless told otherwise. */
    static final String DEFAULT_HORIZONS = "250ms,1s,2s,5s,10s,30s";

    @Option(
            names = "--horizons",
            paramLabel = "LIST",
            defaultValue = DEFAULT_HORIZONS,
            description = "Forward horizons, comma-separated, increasing (default ${DEFAULT-VALUE}).")
    String horizons;

    @Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Write research.html (checked like the backtest report) and research.json here.")
    Path report;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the fused score's calibration per horizon: the file the engine's edge gate can"
                    + " start from.")
    Path out;

    @Override
    public Integer call() throws IOException {
        final ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.load(config);
        final ScalperConfig cfg = file.config();
        final List<Long> horizonsNs = parseHorizons(horizons);
        final boolean remote = data.stream().anyMatch(DataFiles::isRemote);
        if (remote && spark == null) {
            throw new ScalperCli.UsageException(
                    "--data: " + data + ": a location of a cluster's file system needs --spark");
        }
        final BacktestInput input = remote ? null : BacktestInput.of(paths(data), symbol, seed, duration, market);
        final long limitNs = data.isEmpty() || duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        checkWritable(report, true, "--report");
        if (report != null) {
            Files.createDirectories(report);
        }
        checkWritable(out, false, "--out");
        final PrintWriter stdout = spec.commandLine().getOut();
        final List<TaskOutcome<ResearchSamples>> failed = new ArrayList<>();
        final ResearchResult r = spark != null || perFile
                ? perFile(file, input, limitNs, horizonsNs, failed)
                : research(cfg, input, limitNs, horizonsNs);
        if (json) {
            stdout.println(r.toJson());
        } else {
            printSummary(stdout, r);
        }
        if (report != null) {
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("config", config == null ? "defaults" : config.toString());
            info.put("seed", Long.toString(seed));
            ResearchReport.write(r, info, report.resolve("research.html"));
            BacktestCommand.writeAtomically(report.resolve("research.json"), r.toJson() + "\n");
            if (!json) {
                stdout.println("report:        " + report.resolve("research.html"));
            }
        }
        if (out != null) {
            BacktestCommand.writeAtomically(out, EdgeCalibration.toJson(r.calibrations()) + "\n");
            if (!json) {
                stdout.println("calibration:   " + out);
            }
        }
        stdout.flush();
        if (!failed.isEmpty()) {
            final PrintWriter err = spec.commandLine().getErr();
            for (TaskOutcome<ResearchSamples> f : failed) {
                err.println("research: failed: " + f.name() + ": " + f.error());
            }
            err.println("research: " + failed.size() + " file(s) failed; the result is over the others");
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * Each file replayed on its own (one task each, on Spark or this machine's cores), their decisions merged in file
     * order; the failed files go to {@code failed}.
     */
    private ResearchResult perFile(
            ConfigFile file,
            BacktestInput input,
            long limitNs,
            List<Long> horizonsNs,
            List<TaskOutcome<ResearchSamples>> failed)
            throws IOException {
        final List<String> locations = new ArrayList<>();
        final List<ResearchTask> tasks = new ArrayList<>();
        final List<ResearchSamples> parts = new ArrayList<>();
        try (TaskRunner runner = spark != null
                ? TaskRunners.spark(spark, "scalper research")
                : TaskRunners.local(Runtime.getRuntime().availableProcessors())) {
            if (input != null && input.isEventFiles()) {
                input.eventFiles().forEach(p -> locations.add(p.toString()));
            } else {
                for (String d : data) {
                    locations.addAll(runner.list(d)); // on a cluster: a folder's .events files, a glob's matches
                }
            }
            if (locations.isEmpty()) {
                tasks.add(task(file, List.of(), input.describe(), horizonsNs, limitNs));
            }
            for (String l : locations) {
                tasks.add(task(file, List.of(l), l, horizonsNs, limitNs));
            }
            for (TaskOutcome<ResearchSamples> o : runner.runAll(tasks)) {
                if (o.failed()) {
                    failed.add(o);
                } else {
                    parts.add(o.value());
                }
            }
        }
        if (parts.isEmpty()) {
            throw new ScalperCli.UsageException("research: every file failed: "
                    + failed.get(0).name() + ": " + failed.get(0).error()
                    + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : ""));
        }
        final String source = tasks.size() == 1
                ? tasks.get(0).market().label()
                : (parts.size() == tasks.size() ? "" : parts.size() + " of ") + tasks.size() + " files from "
                        + locations.get(0) + ", each replayed on its own";
        try {
            return ResearchSamples.merge(parts, source).result();
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException(e.getMessage());
        }
    }

    private ResearchTask task(ConfigFile file, List<String> data, String label, List<Long> horizonsNs, long limitNs) {
        return new ResearchTask(
                "research of " + label,
                file.source(),
                file.text(),
                new MarketSpec(data, symbol, seed, duration, market, label),
                horizonsNs,
                limitNs);
    }

    private static List<Path> paths(List<String> locations) {
        final List<Path> out = new ArrayList<>(locations.size());
        for (String l : locations) {
            out.add(DataFiles.localPath(l));
        }
        return out;
    }

    /** Research over the input (event files, or a freshly opened source); {@code limitNs} 0 for no limit. */
    static ResearchResult research(ScalperConfig cfg, BacktestInput input, long limitNs, List<Long> horizonsNs)
            throws IOException {
        return research(cfg, input, limitNs, horizonsNs, input.describe());
    }

    /** As {@link #research(ScalperConfig, BacktestInput, long, List)}, the result naming its source {@code source}. */
    static ResearchResult research(
            ScalperConfig cfg, BacktestInput input, long limitNs, List<Long> horizonsNs, String source)
            throws IOException {
        final ResearchRunner.Builder b = ResearchRunner.builder()
                .config(cfg)
                .horizonsNs(horizonsNs)
                .maxDurationNs(limitNs)
                .description(source);
        if (input.isEventFiles()) {
            b.eventFiles(input.eventFiles());
        } else {
            b.source(input.open());
        }
        try {
            return b.build().run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<Long> parseHorizons(String text) {
        final List<Long> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            final long ns;
            try {
                ns = Durations.parseNs(part.trim());
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--horizons: " + e.getMessage());
            }
            out.add(ns);
        }
        try {
            ResearchRunner.builder().horizonsNs(out);
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException("--" + e.getMessage());
        }
        return out;
    }

    private static void checkWritable(Path p, boolean directory, String option) {
        if (p == null) {
            return;
        }
        if (directory) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ScalperCli.UsageException(option + ": not a directory: " + p);
            }
            return;
        }
        final Path parent = p.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || Files.isDirectory(p)) {
            throw new ScalperCli.UsageException("cannot write " + p + ": no such directory or a directory");
        }
    }

    static void printSummary(PrintWriter out, ResearchResult r) {
        final List<String> labels = r.horizonLabels();
        final RoundTripCosts c = r.costs();
        out.println("source:        " + r.source() + " (" + r.instrument().symbol() + ")");
        out.println(String.format(
                Locale.ROOT,
                "decisions:     %,d, every %s of market time over %s; |score| >= %s counts for hit, edge, n",
                r.samples(),
                Durations.format(r.sampleIntervalNs()),
                BacktestCommand.span(r.endTimeNs() - r.startTimeNs()),
                trim(r.threshold())));
        out.println(String.format(
                Locale.ROOT,
                "costs:         maker/maker %.2f bps, maker/taker %.2f bps, taker/taker %.2f bps (median spread %.3f"
                        + " bps)",
                c.makerMakerBps(),
                c.makerTakerBps(),
                c.takerTakerBps(),
                r.medianSpreadBps()));
        out.println();
        final StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s", "IC"));
        for (String l : labels) {
            head.append(String.format(Locale.ROOT, "%9s", l));
        }
        out.println(head);
        for (String s : r.signalNames()) {
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s", s));
            for (int h = 0; h < labels.size(); h++) {
                row.append(
                        String.format(Locale.ROOT, "%9s", signed(r.stats(s, h).ic(), 3)));
            }
            out.println(row);
        }
        final StringBuilder noise = new StringBuilder(String.format(Locale.ROOT, "%-10s", "±3 noise"));
        for (int h = 0; h < labels.size(); h++) {
            noise.append(String.format(
                    Locale.ROOT, "%9s", num(3 * r.stats(ResearchResult.FUSED, h).icNoise(), 3)));
        }
        out.println(noise);
        out.println();
        final StringBuilder fusedHead = new StringBuilder(String.format(Locale.ROOT, "%-10s", "fused"));
        for (String l : labels) {
            fusedHead.append(String.format(Locale.ROOT, "%9s", l));
        }
        out.println(fusedHead);
        final String[] rows = {"hit rate", "edge bps", "n", "t"};
        for (String name : rows) {
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s", name));
            for (int h = 0; h < labels.size(); h++) {
                final SignalStats s = r.stats(ResearchResult.FUSED, h);
                final String v;
                switch (name) {
                    case "hit rate":
                        v = Double.isNaN(s.hitRate()) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * s.hitRate());
                        break;
                    case "edge bps":
                        v = signed(s.edgeBps(), 2);
                        break;
                    case "n":
                        v = String.format(Locale.ROOT, "%,d", s.n());
                        break;
                    default:
                        v = signed(s.tStat(), 1);
                }
                row.append(String.format(Locale.ROOT, "%9s", v));
            }
            out.println(row);
        }
        out.println();
        out.println("clears costs:  " + ResearchReport.verdict(r) + " (edge above the cost with t >= "
                + trim(ResearchResult.CLEAR_T) + ")");
    }

    private static String signed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
