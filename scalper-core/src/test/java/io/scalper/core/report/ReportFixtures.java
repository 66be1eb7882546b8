package io.scalper.core.report;

import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A seeded, made-up backtest: a random-walk mid price and trades taken on it. */
final class ReportFixtures {
    static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    static final long SAMPLE_NS = 100_000_000L;
    static final double START_EQUITY = 10_000;

    final long[] timesNs;
    final double[] pricesTicks;
    final List<RoundTrip> trades;
    final EquityCurve curve;
    final PerformanceStats stats;

    /**
     * @param samples price samples, one every 100 ms from {@link #T0}
     * @param tradeCount trades, spread evenly, each held for a fifth of the gap between entries
     */
    ReportFixtures(int samples, int tradeCount, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        timesNs = new long[samples];
        pricesTicks = new double[samples];
        double mid = 650_000.5;
        for (int i = 0; i < samples; i++) {
            timesNs[i] = T0 + i * SAMPLE_NS;
            mid += random.nextInt(-3, 4) * 0.5;
            pricesTicks[i] = mid;
        }
        trades = new ArrayList<>(tradeCount);
        curve = new EquityCurve();
        curve.add(T0, START_EQUITY);
        double equity = START_EQUITY;
        final int gap = tradeCount == 0 ? samples : Math.max(2, samples / (tradeCount + 1));
        final String[][] names = {{"obi", "umom"}, {"obi", "vwap"}, {"umom", "<b>spread</b>"}};
        for (int k = 0; k < tradeCount; k++) {
            final int entry = Math.min(samples - 2, (k + 1) * gap - gap / 2);
            final int exit = Math.min(samples - 1, entry + Math.max(1, gap / 5));
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final double entryPrice = Math.floor(pricesTicks[entry]);
            final double exitPrice = Math.floor(pricesTicks[exit]);
            final double gross = side.sign() * (exitPrice - entryPrice) * 0.1 * 0.01 * 30;
            final String[] signalNames = names[k % names.length];
            trades.add(new RoundTrip(
                    k + 1,
                    "BTCUSDT",
                    side,
                    timesNs[entry],
                    timesNs[exit],
                    entryPrice,
                    exitPrice,
                    30,
                    gross,
                    0.02,
                    0,
                    0.05,
                    0.5,
                    gross > 0 ? "take_profit" : "stop_loss",
                    signalNames,
                    new double[] {0.2 + 0.1 * (k % 3), -0.05 + 0.1 * (k % 2)}));
            equity += gross - 0.02;
            curve.add(timesNs[exit], equity);
        }
        final Map<String, Long> refusals = new LinkedHashMap<>();
        refusals.put("spread_too_wide", 120L);
        refusals.put("cooldown", 430L);
        refusals.put("max_position", 7L);
        stats = PerformanceStats.of(
                        trades,
                        START_EQUITY,
                        new ExecutionCounts(tradeCount * 2L, tradeCount, tradeCount, tradeCount, tradeCount * 3L, 5, 1),
                        refusals,
                        samples * SAMPLE_NS)
                .withExtras(Map.of("events", 1_234_567L, "eventsPerSecond", 250_000.5));
    }

    ReportData.Builder builder(String title) {
        return ReportData.builder(title, stats)
                .runInfo("data", "generated random walk")
                .runInfo("seed", "42")
                .runInfo("config", "config/example.toml")
                .trades(trades)
                .equityCurve(curve)
                .prices(timesNs, pricesTicks)
                .tickSize(new BigDecimal("0.1"));
    }

    ReportData data() {
        return builder("BTCUSDT backtest").build();
    }
}
