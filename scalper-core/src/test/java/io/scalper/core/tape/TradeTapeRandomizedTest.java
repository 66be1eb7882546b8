package io.scalper.core.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.model.Side;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds seeded random trade streams (bursts at one instant, irregular spacing, gaps longer than every window,
 * out-of-order times, {@code advanceTo} forward and backward) to a tape and to a brute-force model, and compares
 * every figure after every step.
 */
class TradeTapeRandomizedTest {
    private static final long[] WINDOWS_NS = {1_000_000_000L, 5_000_000_000L, 60_000_000_000L, 1L};
    private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999};

    static Stream<Arguments> streams() {
        return LongStream.rangeClosed(1, 8)
                .boxed()
                .flatMap(seed -> Stream.of(
                        Arguments.of(seed, 16, 16, false),
                        Arguments.of(seed, 256, 100, false),
                        Arguments.of(seed, 4096, 1000, false),
                        Arguments.of(seed, 64, 64, true)));
    }

    @ParameterizedTest(name = "seed={0} capacity={1} sample={2} hugeValues={3}")
    @MethodSource("streams")
    void shouldMatchBruteForceRecomputationOnRandomStreams(
            long seed, int capacity, int sizeSampleCount, boolean hugeValues) {
        final TapeConfig config = new TapeConfig(capacity, WINDOWS_NS, sizeSampleCount, 0.95, 20);
        final TradeTape tape = new TradeTape(config);
        final ReferenceTape reference = new ReferenceTape(config);
        final SplittableRandom random = new SplittableRandom(seed);

        long timeNs = 1_700_000_000_000_000_000L + random.nextLong(1_000_000_000L);
        long priceTicks = hugeValues ? 1L << 46 : 1_000_000L;
        for (int step = 0; step < 3_000; step++) {
            final double action = random.nextDouble();
            if (action < 0.08) {
                final long targetNs = timeNs + gapNs(random);
                tape.advanceTo(targetNs);
                reference.advanceTo(targetNs);
            } else if (action < 0.10) {
                final long targetNs = timeNs - random.nextLong(1, 10_000_000_000L);
                tape.advanceTo(targetNs);
                reference.advanceTo(targetNs);
            } else {
                timeNs += gapNs(random);
                long tradeTimeNs = timeNs;
                if (random.nextDouble() < 0.03) {
                    tradeTimeNs -= random.nextLong(1, 2_000_000_000L);
                }
                priceTicks = Math.max(1, priceTicks + random.nextLong(-3, 4) * (hugeValues ? 1L << 30 : 1));
                final long sizeLots = hugeValues ? random.nextLong(1, 1L << 47) : sizeLots(random);
                final Side aggressor = random.nextBoolean() ? Side.BUY : Side.SELL;
                tape.onTrade(tradeTimeNs, priceTicks, sizeLots, aggressor);
                reference.onTrade(tradeTimeNs, priceTicks, sizeLots, aggressor);
            }
            assertSameState(tape, reference, random, step % 41 == 0);
        }
        assertSameState(tape, reference, random, true);
        assertThat(tape.outOfOrderTrades()).isPositive();
    }

    private static long gapNs(SplittableRandom random) {
        final double p = random.nextDouble();
        if (p < 0.3) {
            return 0;
        }
        if (p < 0.8) {
            return (long) (-Math.log(1.0 - random.nextDouble()) * 20_000_000.0);
        }
        if (p < 0.95) {
            return random.nextLong(3_000_000_000L);
        }
        return random.nextLong(61_000_000_000L, 200_000_000_000L);
    }

    private static long sizeLots(SplittableRandom random) {
        final double p = random.nextDouble();
        if (p < 0.6) {
            return random.nextLong(1, 21);
        }
        if (p < 0.95) {
            return (long) Math.exp(random.nextDouble() * Math.log(100_000));
        }
        return random.nextLong(100_000, 100_000_000);
    }

    private static void assertSameState(
            TradeTape tape, ReferenceTape reference, SplittableRandom random, boolean checkQuantiles) {
        assertThat(tape.totalTrades()).isEqualTo(reference.trades().size());
        assertThat(tape.size()).isEqualTo(reference.size());
        assertThat(tape.nowNs()).isEqualTo(reference.nowNs());
        assertThat(tape.outOfOrderTrades()).isEqualTo(reference.outOfOrder());
        assertThat(tape.rejectedTrades()).isEqualTo(reference.rejected());
        if (tape.size() > 0) {
            final ReferenceTape.Trade last = reference.last();
            assertThat(tape.lastTimeNs()).isEqualTo(last.timeNs());
            assertThat(tape.lastPriceTicks()).isEqualTo(last.priceTicks());
            assertThat(tape.lastSizeLots()).isEqualTo(last.sizeLots());
            assertThat(tape.lastAggressor()).isEqualTo(last.aggressor());
            final int back = random.nextInt(tape.size());
            final ReferenceTape.Trade t = reference.at(back);
            assertThat(tape.timeNsAt(back)).isEqualTo(t.timeNs());
            assertThat(tape.priceTicksAt(back)).isEqualTo(t.priceTicks());
            assertThat(tape.sizeLotsAt(back)).isEqualTo(t.sizeLots());
            assertThat(tape.aggressorAt(back)).isEqualTo(t.aggressor());
        }
        long overflows = 0;
        for (int w = 0; w < tape.windowCount(); w++) {
            final RollingWindow window = tape.window(w);
            final ReferenceTape.WindowState expected = reference.window(w);
            assertThat(window.buyVolumeLots()).as("buy volume, window %d", w).isEqualTo(expected.buyVolumeLots());
            assertThat(window.sellVolumeLots()).as("sell volume, window %d", w).isEqualTo(expected.sellVolumeLots());
            assertThat(window.volumeLots()).isEqualTo(expected.buyVolumeLots() + expected.sellVolumeLots());
            assertThat(window.netVolumeLots()).isEqualTo(expected.buyVolumeLots() - expected.sellVolumeLots());
            assertThat(window.buyCount()).as("buy count, window %d", w).isEqualTo(expected.buyCount());
            assertThat(window.sellCount()).as("sell count, window %d", w).isEqualTo(expected.sellCount());
            assertThat(window.count()).isEqualTo(expected.buyCount() + expected.sellCount());
            assertThat(window.isEmpty()).isEqualTo(window.count() == 0);
            assertThat(window.highTicks()).as("high, window %d", w).isEqualTo(expected.highTicks());
            assertThat(window.lowTicks()).as("low, window %d", w).isEqualTo(expected.lowTicks());
            final double vwap = expected.vwapTicks();
            if (Double.isNaN(vwap)) {
                assertThat(window.vwapTicks()).isNaN();
                assertThat(window.flowImbalance()).isZero();
            } else {
                assertThat(window.vwapTicks()).isCloseTo(vwap, within(Math.abs(vwap) * 1e-12));
                final double volume = expected.buyVolumeLots() + expected.sellVolumeLots();
                assertThat(window.flowImbalance())
                        .isCloseTo((expected.buyVolumeLots() - expected.sellVolumeLots()) / volume, within(1e-12))
                        .isBetween(-1.0, 1.0);
            }
            assertThat(window.overflows()).as("overflows, window %d", w).isEqualTo(reference.overflows(w));
            overflows += reference.overflows(w);
        }
        assertThat(tape.windowOverflows()).isEqualTo(overflows);
        if (checkQuantiles) {
            for (double q : QUANTILES) {
                final long exact = reference.exactSizeQuantile(q);
                final long estimate = tape.sizeQuantileLots(q);
                if (exact == TradeTape.NONE) {
                    assertThat(estimate).isEqualTo(TradeTape.NONE);
                } else {
                    assertThat(Math.abs(estimate - exact))
                            .as("q=%s exact=%d", q, exact)
                            .isLessThanOrEqualTo(exact >>> 5);
                    assertThat(estimate).isEqualTo(SizeHistogram.representative(SizeHistogram.bucketOf(exact)));
                }
            }
            final long threshold = reference.exactSizeQuantile(0.95);
            if (tape.totalTrades() >= 20) {
                final long estimate = tape.sizeQuantileLots(0.95);
                assertThat(tape.isLarge(estimate)).isTrue();
                assertThat(tape.isLarge(estimate - 1)).isFalse();
                assertThat(threshold).isNotEqualTo(TradeTape.NONE);
            } else {
                assertThat(tape.isLarge(Long.MAX_VALUE)).isFalse();
            }
        }
    }
}
