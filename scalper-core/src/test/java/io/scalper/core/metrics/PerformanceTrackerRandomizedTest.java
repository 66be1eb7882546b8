package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds seeded random trades and equity samples to a tracker and checks every figure against a straightforward
 * recomputation from the whole list (two-pass variance, quadratic drawdown, explicit attribution).
 */
class PerformanceTrackerRandomizedTest {
    private static final String[] SIGNALS = {"obi", "umom", "prt", "ltb", "sweep"};
    private static final long T0 = PerformanceStatsTest.T0;

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 16).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldMatchARecomputationFromTheWholeList(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double startEquity = 1_000 + random.nextInt(10_000);
        final PerformanceTracker tracker = new PerformanceTracker(startEquity, T0);
        final List<RoundTrip> trades = new ArrayList<>();
        final List<Double> curve = new ArrayList<>();
        curve.add(startEquity);
        final int n = random.nextInt(0, 400);
        long t = T0;
        double realized = startEquity;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.3) {
                t += random.nextLong(1, 60_000_000_000L);
                final double sample = realized + random.nextGaussian() * 20;
                tracker.onEquitySample(t, sample);
                curve.add(sample);
            }
            t += random.nextLong(1, 120_000_000_000L);
            final RoundTrip trade = randomTrade(random, i + 1, t);
            trades.add(trade);
            tracker.onTrade(trade);
            realized += trade.netPnl();
            curve.add(realized);
        }
        final long periodNs = t - T0 + random.nextLong(0, 3_600_000_000_000L);
        final PerformanceStats s = tracker.stats(T0 + periodNs);

        long wins = 0;
        long losses = 0;
        double net = 0;
        double winSum = 0;
        double lossSum = 0;
        double rSum = 0;
        long rCount = 0;
        for (final RoundTrip r : trades) {
            net += r.netPnl();
            if (r.netPnl() > 0) {
                wins++;
                winSum += r.netPnl();
            } else if (r.netPnl() < 0) {
                losses++;
                lossSum += r.netPnl();
            }
            if (r.riskAmount() > 0) {
                rSum += r.netPnl() / r.riskAmount();
                rCount++;
            }
        }
        assertThat(s.trades()).isEqualTo(n);
        assertThat(s.wins()).isEqualTo(wins);
        assertThat(s.losses()).isEqualTo(losses);
        assertThat(s.netPnl()).isCloseTo(net, within(1e-6));
        assertThat(s.grossPnl() - s.fees() + s.funding()).isCloseTo(net, within(1e-6));
        if (rCount > 0) {
            assertThat(s.avgR()).isCloseTo(rSum / rCount, within(1e-9));
        } else {
            assertThat(s.avgR()).isNaN();
        }
        if (losses > 0) {
            assertThat(s.profitFactor()).isCloseTo(winSum / -lossSum, within(1e-9));
        }
        assertThat(s.sharpe()).isCloseTo(twoPassSharpe(trades, periodNs), within(1e-6));
        final double[] drawdown = bruteForceDrawdown(curve);
        assertThat(s.maxDrawdown()).isCloseTo(drawdown[0], within(1e-9));
        assertThat(s.maxDrawdownFraction()).isCloseTo(drawdown[1], within(1e-12));
        assertThat(s.endEquity()).isCloseTo(curve.get(curve.size() - 1), within(1e-9));

        final Map<String, Double> attribution = attribute(trades);
        assertThat(s.signalPnl().keySet()).containsExactlyElementsOf(attribution.keySet());
        double sum = 0;
        for (final Map.Entry<String, Double> e : attribution.entrySet()) {
            assertThat(s.signalPnl().get(e.getKey())).isCloseTo(e.getValue(), within(1e-6));
            sum += s.signalPnl().get(e.getKey());
        }
        assertThat(sum).isCloseTo(s.attributedPnl(), within(1e-6));

        final PerformanceStats again = PerformanceStats.of(trades, startEquity, new ExecutionCounts(), periodNs);
        assertThat(again.sharpe()).isEqualTo(s.sharpe());
        assertThat(again.signalPnl()).isEqualTo(s.signalPnl());
        assertThat(again.toJson())
                .isEqualTo(PerformanceStats.of(trades, startEquity, new ExecutionCounts(), periodNs)
                        .toJson());
        assertThat(MiniJson.parseObject(s.toJson())).containsKeys("sharpe", "signalPnl");
    }

    private static RoundTrip randomTrade(SplittableRandom random, long id, long exitNs) {
        final double gross = random.nextDouble() < 0.05 ? 0 : random.nextGaussian() * 10;
        final double fees = random.nextDouble() < 0.05 ? 0 : random.nextDouble() * 0.5 - 0.05;
        final double funding = random.nextDouble() < 0.8 ? 0 : random.nextGaussian() * 0.1;
        final double risk =
                random.nextDouble() < 0.2 ? Double.NaN : random.nextDouble() < 0.1 ? 0 : 1 + random.nextInt(9);
        final int signals = random.nextInt(0, SIGNALS.length + 1);
        final String[] names = new String[signals];
        final double[] contributions = new double[signals];
        final int offset = random.nextInt(SIGNALS.length);
        for (int i = 0; i < signals; i++) {
            names[i] = SIGNALS[(offset + i) % SIGNALS.length];
            contributions[i] = random.nextDouble() < 0.1 ? 0 : random.nextGaussian() * 0.2;
        }
        return new RoundTrip(
                id,
                "BTCUSDT",
                random.nextBoolean() ? Side.BUY : Side.SELL,
                exitNs - 1_000_000_000L,
                exitNs,
                650_000,
                650_000 + random.nextInt(-50, 50),
                1 + random.nextInt(100),
                gross,
                fees,
                funding,
                risk,
                random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(-2, 4),
                "exit",
                names,
                contributions);
    }

    private static double twoPassSharpe(List<RoundTrip> trades, long periodNs) {
        final int n = trades.size();
        if (n < 2 || periodNs <= 0) {
            return 0;
        }
        double mean = 0;
        for (final RoundTrip r : trades) {
            mean += r.netPnl();
        }
        mean /= n;
        double ss = 0;
        for (final RoundTrip r : trades) {
            ss += (r.netPnl() - mean) * (r.netPnl() - mean);
        }
        final double sd = Math.sqrt(ss / (n - 1));
        return sd == 0 ? 0 : mean / sd * Math.sqrt(n * (double) PerformanceStats.YEAR_NS / periodNs);
    }

    private static double[] bruteForceDrawdown(List<Double> curve) {
        double abs = 0;
        double fraction = 0;
        for (int j = 0; j < curve.size(); j++) {
            double peak = Double.NEGATIVE_INFINITY;
            for (int i = 0; i <= j; i++) {
                peak = Math.max(peak, curve.get(i));
            }
            abs = Math.max(abs, peak - curve.get(j));
            if (peak > 0) {
                fraction = Math.max(fraction, (peak - curve.get(j)) / peak);
            }
        }
        return new double[] {abs, fraction};
    }

    private static Map<String, Double> attribute(List<RoundTrip> trades) {
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final RoundTrip r : trades) {
            final String[] names = r.signalNames();
            final double[] c = r.signalContributions();
            double total = 0;
            for (int i = 0; i < names.length; i++) {
                out.putIfAbsent(names[i], 0.0);
                total += c[i];
            }
            if (total == 0) {
                continue;
            }
            for (int i = 0; i < names.length; i++) {
                out.merge(names[i], r.netPnl() * c[i] / total, Double::sum);
            }
        }
        return out;
    }
}
