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
        long uncoveredSinceMs = -1;
        long maxUncoveredMs = 0;
        long disagreeSinceMs = -1;
        long maxDisagreeMs = 0;
        long lastVenue = 0;
        final long limitMs = System.currentTimeMillis() + parseSeconds(duration) * 1000 + 90_000;
        while (process.isAlive()) {
            if (System.currentTimeMillis() > limitMs) {
                process.destroyForcibly();
                throw new AssertionError(name + ": scalper run did not stop; log:\n" + tail(err));
            }
            final long now = System.currentTimeMillis();
            final long venue = emulator.positionLots(key, SYMBOL);
            lastVenue = venue;
            if (venue != 0 && !covered(emulator.openOrders(key, SYMBOL), venue)) {
                if (uncoveredSinceMs < 0) {
                    uncoveredSinceMs = now;
                }
                maxUncoveredMs = Math.max(maxUncoveredMs, now - uncoveredSinceMs);
            } else {
                uncoveredSinceMs = -1;
            }
            final Long engine = savedPosition(state);
            if (engine != null && engine != venue) {
                if (disagreeSinceMs < 0) {
                    disagreeSinceMs = now;
                }
                maxDisagreeMs = Math.max(maxDisagreeMs, now - disagreeSinceMs);
            } else if (engine != null) {
                disagreeSinceMs = -1;
            }
            process.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS);
        }
        final int exit = process.exitValue();
        final long venue = emulator.positionLots(key, SYMBOL);
        final Long engine = savedPosition(state);
        // the brackets stay with the venue after the stop: one may fill between the last write and this read
        final long comparable = engine != null && engine == lastVenue ? lastVenue : venue;
        final boolean finalCovered = venue == 0 || covered(emulator.openOrders(key, SYMBOL), venue);
        final BybitEmulator.OrderTraffic traffic = emulator.orderTraffic(key);
        long injected = 0;
        for (long n : traffic.injectedRefusals().values()) {
            injected += n;
        }
        long trades = 0;
        long fills = 0;
        long reconciliations = 0;
        try {
            final JsonNode summary = JSON.readTree(out.toFile());
            trades = summary.path("trades").asLong();
            fills = summary.path("makerFills").asLong()
                    + summary.path("takerFills").asLong();
            final JsonNode saved = JSON.readTree(state.resolve("state.json").toFile());
            reconciliations = saved.path("reconciliations").asLong();
        } catch (IOException | RuntimeException e) {
            // judged below: the exit code and the log tell
        }
        return new Outcome(
                name,
                exit,
                comparable,
                engine == null ? Long.MIN_VALUE : engine,
                finalCovered,
                maxUncoveredMs,
                maxDisagreeMs,
                traffic.requests(),
                traffic.maxPerSecond(),
                traffic.rateLimited(),
                injected,
                trades,
                fills,
                reconciliations,
                tail(err));
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

    private static Long savedPosition(Path state) {
        try {
            return JSON.readTree(state.resolve("state.json").toFile())
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
