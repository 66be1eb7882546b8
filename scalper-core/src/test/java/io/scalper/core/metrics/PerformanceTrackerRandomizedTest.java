package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.model.Side;
import java.math.BigDecimal;
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
 * Feeds seeded random trades and equity samples to a tracker, and checks every figure of its statistics — and of
 * {@link PerformanceStats#of} over the same trades, and of their JSON — against a reference computed here from the raw
 * trade fields (gross PnL, fees, funding, risk, slippage, contributions) with the plain formulas of the
 * {@link PerformanceStats} definitions: counts by the sign of gross − fees + funding, sums, two-pass sample variance,
 * drawdown by scanning every prefix for its peak, explicit attribution. Nothing of the code under test is used to
 * compute an expected value (not even {@link RoundTrip#netPnl()}). Every fourth seed has 0 to 3 trades (each count
 * twice), where the undefined ratios (NaN win rate, NaN or infinite profit factor, zero Sharpe) apply.
 */
class PerformanceTrackerRandomizedTest {
    private static final String[] SIGNALS = {"obi", "umom", "prt", "ltb", "sweep"};
    private static final long T0 = PerformanceStatsTest.T0;
    /** 365 days of 86,400 s, ns: the year the definitions annualise by. */
    private static final double YEAR_NS = 365.0 * 86_400 * 1e9;

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 24).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldMatchAReferenceComputedFromTheRawTrades(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double startEquity = 1_000 + random.nextInt(10_000);
        final PerformanceTracker tracker = new PerformanceTracker(startEquity, T0);
        final List<RoundTrip> trades = new ArrayList<>();
        final List<Double> curveWithSamples = new ArrayList<>();
        final List<Double> tradeCurve = new ArrayList<>();
        curveWithSamples.add(startEquity);
        tradeCurve.add(startEquity);
        final int n = seed % 4 == 0 ? (int) (seed / 4 % 4) : random.nextInt(0, 400);
        long t = T0;
        double realized = startEquity;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.3) {
                t += random.nextLong(1, 60_000_000_000L);
                final double sample = realized + random.nextGaussian() * 20;
                tracker.onEquitySample(t, sample);
                curveWithSamples.add(sample);
            }
            t += random.nextLong(1, 120_000_000_000L);
            final RoundTrip trade = randomTrade(random, i + 1, t);
            trades.add(trade);
            tracker.onTrade(trade);
            realized += net(trade);
            curveWithSamples.add(realized);
            tradeCurve.add(realized);
        }
        final long periodNs = t - T0 + random.nextLong(0, 3_600_000_000_000L);

        final Reference expected = new Reference(trades, startEquity, curveWithSamples, periodNs);
        final PerformanceStats live = tracker.stats(T0 + periodNs);
        assertMatches(live, expected);
        assertJsonMatches(live, expected);

        final PerformanceStats batch = PerformanceStats.of(trades, startEquity, new ExecutionCounts(), periodNs);
        final Reference batchExpected = new Reference(trades, startEquity, tradeCurve, periodNs);
        assertMatches(batch, batchExpected);
        assertJsonMatches(batch, batchExpected);
    }

    private static void assertMatches(PerformanceStats s, Reference r) {
        assertThat(s.trades()).as("trades").isEqualTo(r.trades);
        assertThat(s.wins()).as("wins").isEqualTo(r.wins);
        assertThat(s.losses()).as("losses").isEqualTo(r.losses);
        assertThat(s.breakevens()).as("breakevens").isEqualTo(r.breakevens);
        assertSame("winRate", s.winRate(), r.winRate, 1e-12);
        assertThat(s.startEquity()).as("startEquity").isEqualTo(r.startEquity);
        assertThat(s.endEquity()).as("endEquity").isCloseTo(r.endEquity, within(1e-6));
        assertThat(s.grossPnl()).as("grossPnl").isCloseTo(r.gross, within(1e-6));
        assertThat(s.realizedPnl()).as("realizedPnl").isCloseTo(r.gross, within(1e-6));
        assertThat(s.fees()).as("fees").isCloseTo(r.fees, within(1e-6));
        assertThat(s.funding()).as("funding").isCloseTo(r.funding, within(1e-6));
        assertThat(s.netPnl()).as("netPnl").isCloseTo(r.net, within(1e-6));
        assertSame("avgR", s.avgR(), r.avgR, 1e-9);
        assertSame("profitFactor", s.profitFactor(), r.profitFactor, 1e-9);
        assertThat(s.sharpe()).as("sharpe").isCloseTo(r.sharpe, within(1e-6 * Math.max(1, Math.abs(r.sharpe))));
        assertThat(s.maxDrawdown()).as("maxDrawdown").isCloseTo(r.maxDrawdown, within(1e-6));
        assertThat(s.maxDrawdownFraction()).as("maxDrawdownFraction").isCloseTo(r.maxDrawdownFraction, within(1e-12));
        assertThat(s.periodNs()).as("periodNs").isEqualTo(r.periodNs);
        assertSame("avgSlippageTicks", s.avgSlippageTicks(), r.avgSlippageTicks, 1e-12);
        assertThat(s.attributedPnl()).as("attributedPnl").isCloseTo(r.attributedPnl, within(1e-6));
        assertThat(s.signalPnl().keySet()).as("signals").containsExactlyElementsOf(r.signalPnl.keySet());
        for (final Map.Entry<String, Double> e : r.signalPnl.entrySet()) {
            assertThat(s.signalPnl().get(e.getKey()))
                    .as("signalPnl." + e.getKey())
                    .isCloseTo(e.getValue(), within(1e-6));
        }
    }

    /** The JSON carries the reference figures too (rounded to {@link JsonWriter#DECIMALS} places; NaN/∞ as null). */
    private static void assertJsonMatches(PerformanceStats s, Reference r) {
        final Map<String, Object> json = MiniJson.parseObject(s.toJson());
        assertThat(number(json, "trades")).isEqualTo(r.trades);
        assertThat(number(json, "wins")).isEqualTo(r.wins);
        assertThat(number(json, "losses")).isEqualTo(r.losses);
        assertThat(number(json, "breakevens")).isEqualTo(r.breakevens);
        assertJsonNumber(json, "winRate", r.winRate);
        assertJsonNumber(json, "startEquity", r.startEquity);
        assertJsonNumber(json, "endEquity", r.endEquity);
        assertJsonNumber(json, "realizedPnl", r.gross);
        assertJsonNumber(json, "netPnl", r.net);
        assertJsonNumber(json, "grossPnl", r.gross);
        assertJsonNumber(json, "fees", r.fees);
        assertJsonNumber(json, "funding", r.funding);
        assertJsonNumber(json, "avgR", r.avgR);
        assertJsonNumber(json, "profitFactor", r.profitFactor);
        assertJsonNumber(json, "maxDrawdown", r.maxDrawdown);
        assertJsonNumber(json, "maxDrawdownFraction", r.maxDrawdownFraction);
        assertJsonNumber(json, "avgSlippageTicks", r.avgSlippageTicks);
        assertJsonNumber(json, "attributedPnl", r.attributedPnl);
        assertThat(json.get("sharpe")).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) json.get("sharpe")).doubleValue())
                .isCloseTo(r.sharpe, within(1e-6 * Math.max(1, Math.abs(r.sharpe))));
        @SuppressWarnings("unchecked")
        final Map<String, Object> signals = (Map<String, Object>) json.get("signalPnl");
        assertThat(signals.keySet()).containsExactlyElementsOf(r.signalPnl.keySet());
        for (final Map.Entry<String, Double> e : r.signalPnl.entrySet()) {
            assertJsonNumber(signals, e.getKey(), e.getValue());
        }
    }

    private static long number(Map<String, Object> json, String key) {
        return ((BigDecimal) json.get(key)).longValueExact();
    }

    private static void assertJsonNumber(Map<String, Object> json, String key, double expected) {
        if (!Double.isFinite(expected)) {
            assertThat(json.get(key)).as(key).isSameAs(MiniJson.NULL);
            return;
        }
        assertThat(json.get(key)).as(key).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) json.get(key)).doubleValue()).as(key).isCloseTo(expected, within(1e-6));
    }

    /** Equal as NaN, as the same infinity, or within {@code tolerance}. */
    private static void assertSame(String what, double actual, double expected, double tolerance) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
        }
    }

    private static double net(RoundTrip r) {
        return r.grossPnl() - r.fees() + r.funding();
    }

    /** The statistics of a list of trades, computed the plain way from the raw fields. */
    private static final class Reference {
        final long trades;
        long wins;
        long losses;
        long breakevens;
        final double winRate;
        final double startEquity;
        final double endEquity;
        double gross;
        double fees;
        double funding;
        double net;
        final double avgR;
        final double profitFactor;
        final double sharpe;
        final double maxDrawdown;
        final double maxDrawdownFraction;
        final long periodNs;
        final double avgSlippageTicks;
        double attributedPnl;
        final Map<String, Double> signalPnl = new LinkedHashMap<>();

        Reference(List<RoundTrip> list, double startEquity, List<Double> curve, long periodNs) {
            this.trades = list.size();
            this.startEquity = startEquity;
            this.periodNs = periodNs;
            double winSum = 0;
            double lossSum = 0;
            double rSum = 0;
            int rCount = 0;
            double slippageSum = 0;
            int slippageCount = 0;
            for (final RoundTrip r : list) {
                final double tradeNet = net(r);
                gross += r.grossPnl();
                fees += r.fees();
                funding += r.funding();
                net += tradeNet;
                if (tradeNet > 0) {
                    wins++;
                    winSum += tradeNet;
                } else if (tradeNet < 0) {
                    losses++;
                    lossSum += tradeNet;
                } else {
                    breakevens++;
                }
                if (r.riskAmount() > 0) {
                    rSum += tradeNet / r.riskAmount();
                    rCount++;
                }
                if (!Double.isNaN(r.entrySlippageTicks())) {
                    slippageSum += r.entrySlippageTicks();
                    slippageCount++;
                }
                attribute(r, tradeNet);
            }
            winRate = trades == 0 ? Double.NaN : wins / (double) trades;
            avgR = rCount == 0 ? Double.NaN : rSum / rCount;
            avgSlippageTicks = slippageCount == 0 ? Double.NaN : slippageSum / slippageCount;
            if (losses == 0) {
                profitFactor = wins == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            } else {
                profitFactor = winSum / Math.abs(lossSum);
            }
            sharpe = twoPassSharpe(list, periodNs);
            endEquity = curve.get(curve.size() - 1);
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
            maxDrawdown = abs;
            maxDrawdownFraction = fraction;
        }

        private void attribute(RoundTrip r, double tradeNet) {
            final String[] names = r.signalNames();
            final double[] c = r.signalContributions();
            double total = 0;
            for (int i = 0; i < names.length; i++) {
                signalPnl.putIfAbsent(names[i], 0.0);
                total += c[i];
            }
            if (total == 0) {
                return;
            }
            for (int i = 0; i < names.length; i++) {
                signalPnl.merge(names[i], tradeNet * c[i] / total, Double::sum);
            }
            attributedPnl += tradeNet;
        }

        /** mean / sd × sqrt(N × year / period), sd the sample (n − 1) deviation; 0 when undefined. */
        private static double twoPassSharpe(List<RoundTrip> list, long periodNs) {
            final int n = list.size();
            if (n < 2 || periodNs <= 0) {
                return 0;
            }
            double mean = 0;
            for (final RoundTrip r : list) {
                mean += net(r);
            }
            mean /= n;
            double ss = 0;
            for (final RoundTrip r : list) {
                ss += (net(r) - mean) * (net(r) - mean);
            }
            final double sd = Math.sqrt(ss / (n - 1));
            return sd == 0 ? 0 : mean / sd * Math.sqrt(n * YEAR_NS / periodNs);
        }
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
}
