package io.scalper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.model.Side;
import io.scalper.emulator.BybitEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One chaos run: {@code scalper run} as a real process trading against an emulator in this JVM while faults are
 * injected, judged from the exchange's side. A sampler reads the venue every 50 ms — its position, whether reduce-only
 * stops on the exit side cover it, and the engine's position from {@code state.json} — and measures the longest
 * stretch the venue held a position without a covering stop, and the longest stretch the engine's saved position
 * disagreed with the venue's.
 */
final class ChaosRun {
    static final String SYMBOL = "BTCUSDT";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SAMPLE_MS = 50;

    /** A configuration that trades often (the chaos must meet positions, brackets and working entries). */
    static final String EAGER =
            "edge:\n  enabled: false\nfusion:\n  entryScore: 0.15\nrisk:\n  maxLatency: 2s\nexecution:\n"
                    + "  escalateAfter: 300ms\n  escalateScore: 0.1\n  abandonScore: 0.02\n"
                    // fixed brackets of 20/30 ticks, no trailing by ratio: round trips close within a short run
                    + "  stopVolMultiple: 0\n  stopCostMultiple: 0\n  trailActivationRatio: 0\n"
                    + "  trailDistanceRatio: 0\n";

    /** What a run showed, from the venue's side. */
    record Outcome(
            String name,
            int exitCode,
            long venueLots,
            long engineLots,
            boolean finalCovered,
            long maxUncoveredMs,
            long maxDisagreeMs,
            long orderRequests,
            int maxOrdersPerSecond,
            long rateLimited,
            long injectedRefusals,
            long trades,
            long fills,
            long reconciliations,
            String log) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-22s exit %d, venue %d lots, engine %d, final stop %s, longest uncovered %d ms,"
                            + " longest disagreement %d ms, %d order requests (peak %d/s), 10006 %d (injected"
                            + " refusals %d), %d fills, %d trades, %d reconciliations",
                    name,
                    exitCode,
                    venueLots,
                    engineLots,
                    venueLots == 0 ? "n/a" : finalCovered ? "yes" : "NO",
                    maxUncoveredMs,
                    maxDisagreeMs,
                    orderRequests,
                    maxOrdersPerSecond,
                    rateLimited,
                    injectedRefusals,
                    fills,
                    trades,
                    reconciliations);
        }
    }

    private ChaosRun() {}

    /**
     * Runs {@code scalper run} for {@code duration} against {@code emulator} with {@code faults} applied as the process
     * starts, and judges it from the venue.
     */
    static Outcome run(String name, BybitEmulator emulator, String faults, String duration, Path dir, String config)
            throws Exception {
        return run(name, emulator, faults, duration, dir, config, List.of(SYMBOL))
                .get(0);
    }

    /**
     * As {@link #run(String, BybitEmulator, String, String, Path, String)}, trading {@code symbols} on the one account
     * ({@code --symbol} each): one outcome per symbol, judged from the venue's side; the order traffic is the
     * account's, the same in each.
     */
    static List<Outcome> run(
            String name,
            BybitEmulator emulator,
            String faults,
            String duration,
            Path dir,
            String config,
            List<String> symbols)
            throws Exception {
        Files.createDirectories(dir);
        final Path cfg = dir.resolve("chaos.yaml");
        Files.writeString(cfg, config);
        final Path state = dir.resolve("state");
        final Path out = dir.resolve("run.out");
        final Path err = dir.resolve("run.err");
        final List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ScalperCli.class.getName(),
                "run",
                "--rest-url",
                emulator.restUrl(),
                "--ws-url",
                emulator.wsUrl(),
                "--config",
                cfg.toString(),
                "--state-dir",
                state.toString(),
                "--duration",
                duration,
                "--quiet",
                "--json"));
        final boolean multi = symbols.size() > 1;
        if (multi) {
            for (String s : symbols) {
                cmd.add("--symbol");
                cmd.add(s);
            }
        }
        final ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("BYBIT_API_KEY", emulator.apiKey());
        pb.environment().put("BYBIT_API_SECRET", emulator.apiSecret());
        final String key = emulator.apiKey();
        final Process process = pb.start();
        if (faults != null && !faults.isBlank()) {
            emulator.faults().apply(faults);
        }
        final int n = symbols.size();
        final long[] uncoveredSinceMs = new long[n];
        final long[] maxUncoveredMs = new long[n];
        final long[] disagreeSinceMs = new long[n];
        final long[] maxDisagreeMs = new long[n];
        final long[] lastVenue = new long[n];
        java.util.Arrays.fill(uncoveredSinceMs, -1);
        java.util.Arrays.fill(disagreeSinceMs, -1);
        final long limitMs = System.currentTimeMillis() + parseSeconds(duration) * 1000 + 90_000;
        while (process.isAlive()) {
            if (System.currentTimeMillis() > limitMs) {
                process.destroyForcibly();
                throw new AssertionError(name + ": scalper run did not stop; log:\n" + tail(err));
            }
            final long now = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                final String symbol = symbols.get(i);
                final long venue = emulator.positionLots(key, symbol);
                lastVenue[i] = venue;
                if (venue != 0 && !covered(emulator.openOrders(key, symbol), venue)) {
                    if (uncoveredSinceMs[i] < 0) {
                        uncoveredSinceMs[i] = now;
                    }
                    maxUncoveredMs[i] = Math.max(maxUncoveredMs[i], now - uncoveredSinceMs[i]);
                } else {
                    uncoveredSinceMs[i] = -1;
                }
                final Long engine = savedPosition(state, symbol, multi);
                if (engine != null && engine != venue) {
                    if (disagreeSinceMs[i] < 0) {
                        disagreeSinceMs[i] = now;
                    }
                    maxDisagreeMs[i] = Math.max(maxDisagreeMs[i], now - disagreeSinceMs[i]);
                } else if (engine != null) {
                    disagreeSinceMs[i] = -1;
                }
            }
            process.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS);
        }
        final int exit = process.exitValue();
        final BybitEmulator.OrderTraffic traffic = emulator.orderTraffic(key);
        long injected = 0;
        for (long v : traffic.injectedRefusals().values()) {
            injected += v;
        }
        JsonNode summary = null;
        JsonNode saved = null;
        try {
            summary = JSON.readTree(out.toFile());
            saved = JSON.readTree(state.resolve("state.json").toFile());
        } catch (IOException | RuntimeException e) {
            // judged below: the exit code and the log tell
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final String symbol = symbols.get(i);
            final long venue = emulator.positionLots(key, symbol);
            final Long engine = savedPosition(state, symbol, multi);
            // the brackets stay with the venue after the stop: one may fill between the last write and this read
            final long comparable = engine != null && engine == lastVenue[i] ? lastVenue[i] : venue;
            final boolean finalCovered = venue == 0 || covered(emulator.openOrders(key, symbol), venue);
            final JsonNode figures =
                    summary == null ? null : multi ? summary.path("symbols").path(symbol) : summary;
            final JsonNode savedOne =
                    saved == null ? null : multi ? saved.path("symbols").path(symbol) : saved;
            outcomes.add(new Outcome(
                    multi ? name + " " + symbol : name,
                    exit,
                    comparable,
                    engine == null ? Long.MIN_VALUE : engine,
                    finalCovered,
                    maxUncoveredMs[i],
                    maxDisagreeMs[i],
                    traffic.requests(),
                    traffic.maxPerSecond(),
                    traffic.rateLimited(),
                    injected,
                    figures == null ? 0 : figures.path("trades").asLong(),
                    figures == null
                            ? 0
                            : figures.path("makerFills").asLong()
                                    + figures.path("takerFills").asLong(),
                    savedOne == null ? 0 : savedOne.path("reconciliations").asLong(),
                    tail(err)));
        }
        return outcomes;
    }

    /** Whether reduce-only conditional orders on the exit side cover the whole position. */
    static boolean covered(List<BybitEmulator.OpenOrder> orders, long positionLots) {
        final Side exit = positionLots > 0 ? Side.SELL : Side.BUY;
        long lots = 0;
        for (BybitEmulator.OpenOrder o : orders) {
            if (o.reduceOnly() && o.isConditional() && o.side() == exit) {
                lots += o.leavesLots();
            }
        }
        return lots >= Math.abs(positionLots);
    }

    private static Long savedPosition(Path state, String symbol, boolean multi) {
        try {
            final JsonNode root = JSON.readTree(state.resolve("state.json").toFile());
            return (multi ? root.get("symbols").get(symbol) : root)
                    .get("positionLots")
                    .asLong();
        } catch (IOException | RuntimeException e) {
            return null; // not written yet, or being replaced
        }
    }

    private static long parseSeconds(String duration) {
        return BacktestInput.parseDuration(duration, null) / 1_000_000_000L;
    }

    static String tail(Path log) {
        try {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
