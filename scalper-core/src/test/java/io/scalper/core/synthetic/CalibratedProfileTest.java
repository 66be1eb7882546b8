package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calibrated profiles against the published figures they were calibrated to. The targets here are written down
 * from their sources (not taken from the code under test): annualised volatility 50 % (BTC) and 75 % (ETH); Bybit's
 * 24-hour volume in the recording's tickers, 17,573.912 BTC and 267,231.19 ETH; the recording's prints — median 0.007
 * BTC / 0.10 ETH, standard deviation of log size 2.137 / 1.921 — and its one-tick spread in every book message.
 */
class CalibratedProfileTest {
    private static final long S = 1_000_000_000L;
    private static final long HOUR = 3600 * S;

    record Target(
            String name,
            GeneratorConfig profile,
            double annualVolatility,
            double priceTicks,
            double volumePerDayLots,
            double medianPrintLots,
            double logSizeSd) {}

    static Stream<Arguments> profiles() {
        return Stream.of(
                Arguments.of(new Target("btcusdt", GeneratorConfig.btcusdt(), 0.50, 650_000, 17_573_912, 7, 2.137)),
                Arguments.of(new Target("ethusdt", GeneratorConfig.ethusdt(), 0.75, 192_250, 26_723_119, 10, 1.921)));
    }

    /** Volatility target in ticks per √s: annual / √(365 days in seconds) × price. */
    private static double targetTicksPerSqrtS(Target t) {
        return t.annualVolatility() / Math.sqrt(365 * 86_400.0) * t.priceTicks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void shouldRealiseTheNormalRegimeVolatilityAndKeepAOneTickSpread(Target t) {
        final GeneratorConfig c = t.profile().withFixedRegime(Regime.NORMAL);
        final RecordingSink sink = RecordingSink.run(new SyntheticMarket(c, List.of()), HOUR);

        // the NORMAL regime's volatility is the long-run target over the regime mix divided by its √variance factor
        final double normal = targetTicksPerSqrtS(t) / Math.sqrt(t.profile().longRunVarianceFactor());
        assertThat(sink.volatility(c.startTimeNs(), c.startTimeNs() + HOUR, S))
                .isCloseTo(normal, within(0.05 * normal));
        assertThat(sink.books)
                .allSatisfy(b -> assertThat(b.bestAsk() - b.bestBid()).isOne());
        assertThat(sink.violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void shouldRealiseThePublishedVolatilityOverTheRegimeMix(Target t) {
        double sumSq = 0;
        long n = 0;
        for (long seed = 1; seed <= 4; seed++) {
            final GeneratorConfig c = t.profile().withSeed(seed);
            final RecordingSink sink = RecordingSink.run(new SyntheticMarket(c, List.of()), 2 * HOUR);
            double prev = sink.midAt(c.startTimeNs());
            for (long time = c.startTimeNs() + S; time <= c.startTimeNs() + 2 * HOUR; time += S) {
                final double m = sink.midAt(time);
                sumSq += (m - prev) * (m - prev);
                prev = m;
                n++;
            }
        }
        // eight hours hold only ~60 regime visits: the realised long-run volatility is within 25 % of the target
        final double target = targetTicksPerSqrtS(t);
        assertThat(Math.sqrt(sumSq / n)).isCloseTo(target, within(0.25 * target));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void shouldPrintThePublishedVolumeWithTheRecordedSizeDistribution(Target t) {
        final GeneratorConfig c = t.profile().withFixedRegime(Regime.NORMAL);
        final RecordingSink sink = RecordingSink.run(new SyntheticMarket(c, List.of()), HOUR);
        final long[] sizes =
                sink.trades.stream().mapToLong(RecordingSink.Trade::sizeLots).toArray();
        double volume = 0;
        double logSum = 0;
        double logSq = 0;
        for (long s : sizes) {
            volume += s;
            logSum += Math.log(s);
            logSq += Math.log(s) * Math.log(s);
        }
        Arrays.sort(sizes);
        final double logMean = logSum / sizes.length;

        // prints: one per marketable order at the configured rate (Poisson: within 5 %)
        assertThat(sizes.length / 3600.0).isCloseTo(c.marketOrdersPerS(), within(0.05 * c.marketOrdersPerS()));
        // volume: the published daily volume, spread over the regimes' taker rates (heavy tail: within 25 %)
        final double normalLotsPerS =
                t.volumePerDayLots() / 86_400.0 / t.profile().longRunTakerRateFactor();
        assertThat(volume / 3600.0).isCloseTo(normalLotsPerS, within(0.25 * normalLotsPerS));
        // sizes: the recording's median (±1 lot) and spread of log sizes (±0.15)
        assertThat((double) sizes[sizes.length / 2]).isCloseTo(t.medianPrintLots(), within(1.0));
        assertThat(Math.sqrt(logSq / sizes.length - logMean * logMean)).isCloseTo(t.logSizeSd(), within(0.15));
    }

    @Test
    void shouldWeighTheRegimesByTheTimeTheChainSpendsInEach() {
        // the chain as SyntheticMarket runs it (Regime.next with exponential dwells), simulated for a long time
        final SplittableRandom random = new SplittableRandom(3);
        final double[] time = new double[Regime.values().length];
        Regime r = Regime.NORMAL;
        for (int i = 0; i < 400_000; i++) {
            time[r.ordinal()] += random.nextExponential() * r.dwellMultiplier();
            r = r.next(random.nextDouble());
        }
        final double total = Arrays.stream(time).sum();
        final double[] shares = Regime.timeShares();
        for (Regime x : Regime.values()) {
            assertThat(shares[x.ordinal()]).isCloseTo(time[x.ordinal()] / total, within(0.005));
            for (Regime to : Regime.values()) {
                double fromNext = 0;
                for (int k = 0; k < 100_000; k++) {
                    fromNext += x.next((k + 0.5) / 100_000) == to ? 1 : 0;
                }
                assertThat(x.switchProbability(to)).isCloseTo(fromNext / 100_000, within(1e-4));
            }
        }
    }
}
