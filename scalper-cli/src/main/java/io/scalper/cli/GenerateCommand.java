package io.scalper.cli;

import io.scalper.bybit.marketdata.BybitFrameWriter;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import io.scalper.core.synthetic.ScenarioEpisode;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import io.scalper.core.util.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper generate}: writes a synthetic market as Bybit frames that {@code scalper replay} reads. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a deterministic synthetic market (seeded; BTCUSDT-like, or --profile btcusdt|ethusdt calibrated to"
                    + " published figures, --predictability for the martingale model) and writes it as Bybit v5 public"
                    + " frames,"
                    + " one per line (orderbook.{depth}, publicTrade, tickers; gzip when FILE ends in .gz), readable by"
                    + " `scalper replay`. Prints one summary JSON line with the injected episodes (times in ms since"
                    + " the epoch; the market starts at 2026-01-01T00:00:00Z)."
        })
final class GenerateCommand implements Callable<Integer> {
    private static final long MAX_DURATION_NS = 86_400_000_000_000L;
    private static final List<Integer> DEPTHS = List.of(1, 50, 200, 500, 1000);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed: the same seed and options give the same file (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--duration",
            required = true,
            paramLabel = "D",
            description = "Length of market to generate, e.g. 60s, 10m, 1h (at most 24h).")
    String duration;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (.gz: gzip).")
    Path out;

    @Option(
            names = "--scenario",
            paramLabel = "NAME@TIME[:k=v,...]",
            description = "Pattern to inject (repeatable), e.g. SPOOF_ASK@30s, SWEEP_UP@1m:levels=7,"
                    + " REGIME_SHIFT@2m:regime=extreme,duration=30s. Kinds: SPOOF_BID, SPOOF_ASK, ICEBERG_BID,"
                    + " ICEBERG_ASK, SWEEP_UP, SWEEP_DOWN, BURST_BUY, BURST_SELL, REGIME_SHIFT, TREND_UP, TREND_DOWN.")
    List<String> scenarios = new ArrayList<>();

    @Option(
            names = "--rich",
            description = "Also inject a seeded mix of every scenario kind spread over the whole duration.")
    boolean rich;

    @Option(
            names = "--depth",
            paramLabel = "N",
            defaultValue = "200",
            description =
                    "Levels per side, and the topic orderbook.N (1, 50, 200, 500 or 1000; default ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--book-interval",
            paramLabel = "D",
            description = "Book publication interval, 1ms to 1s (default: the profile's — 50ms for default, 100ms for"
                    + " btcusdt and ethusdt, as Bybit publishes orderbook.200).")
    String bookInterval;

    @Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Override
    public Integer call() {
        final long durationNs = duration("--duration", duration);
        if (durationNs <= 0 || durationNs > MAX_DURATION_NS) {
            throw new ScalperCli.UsageException("--duration must be in (0, 24h], got " + duration);
        }
        if (!DEPTHS.contains(depth)) {
            throw new ScalperCli.UsageException("--depth must be one of " + DEPTHS + ", got " + depth);
        }
        GeneratorConfig config = market.config(seed).withLevelsPerSide(depth);
        if (bookInterval != null) {
            final long intervalNs = duration("--book-interval", bookInterval);
            try {
                config = config.withBookIntervalNs(intervalNs);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--book-interval must be in [1ms, 1s], got " + bookInterval);
            }
        }
        final List<Scenario> injected = new ArrayList<>();
        for (String text : scenarios) {
            final Scenario s;
            try {
                s = Scenario.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--scenario: " + e.getMessage());
            }
            if (s.atNs() >= durationNs) {
                throw new ScalperCli.UsageException(
                        "--scenario " + text + " starts after the end of the " + duration + " session");
            }
            injected.add(s);
        }
        if (rich) {
            injected.addAll(Scenarios.rich(durationNs, seed));
        }
        if (market.mix != null) {
            injected.addAll(market.scenarios(durationNs, seed));
        }
        final SyntheticMarket market;
        try {
            market = new SyntheticMarket(config, injected);
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException("--scenario: " + e.getMessage());
        }
        final Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || Files.isDirectory(out)) {
            throw new ScalperCli.UsageException("cannot write " + out + ": no such directory or a directory");
        }
        final BybitFrameWriter frames;
        try (Writer writer = open(out)) {
            frames = new BybitFrameWriter(config.instrument(), depth, writer);
            market.run(durationNs, frames);
            frames.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new ScalperCli.UsageException("cannot write " + out + ": " + e.getMessage());
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(summary(frames, market.episodes()));
        stdout.flush();
        return 0;
    }

    private static long duration(String option, String text) {
        try {
            return Durations.parseNs(text);
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException(option + ": " + e.getMessage());
        }
    }

    private static Writer open(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    private String summary(BybitFrameWriter frames, List<ScenarioEpisode> episodes) {
        final StringBuilder sb = new StringBuilder(256 + 96 * episodes.size());
        sb.append("{\"generated\":{\"file\":\"")
                .append(out.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
        sb.append(",\"frames\":").append(frames.frames());
        sb.append(",\"bookUpdates\":").append(frames.bookFrames());
        sb.append(",\"trades\":").append(frames.trades());
        sb.append(",\"episodes\":[");
        for (int i = 0; i < episodes.size(); i++) {
            final ScenarioEpisode e = episodes.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"kind\":\"").append(e.kind()).append('"');
            sb.append(",\"startMs\":").append(e.startNs() / 1_000_000L);
            sb.append(",\"endMs\":").append(e.endNs() / 1_000_000L);
            sb.append(",\"direction\":").append(e.direction()).append('}');
        }
        return sb.append("]}}").toString();
    }
}
