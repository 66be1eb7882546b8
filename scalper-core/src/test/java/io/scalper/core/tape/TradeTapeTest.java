package io.scalper.core.tape;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeTapeTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;

    private static TradeTape tape(int capacity, long... windowsNs) {
        return new TradeTape(new TapeConfig(capacity, windowsNs, capacity, 0.95, 10));
    }

    @Test
    void shouldReturnSentinelsWhenEmpty() {
        final TradeTape tape = new TradeTape(TapeConfig.defaults());

        assertThat(tape.lastPriceTicks()).isEqualTo(TradeTape.NONE).isEqualTo(Long.MIN_VALUE);
        assertThat(tape.lastTimeNs()).isEqualTo(TradeTape.NONE);
        assertThat(tape.lastSizeLots()).isEqualTo(TradeTape.NONE);
        assertThat(tape.lastAggressor()).isNull();
        assertThat(tape.nowNs()).isEqualTo(TradeTape.NONE);
        assertThat(tape.size()).isZero();
        assertThat(tape.totalTrades()).isZero();
        assertThat(tape.outOfOrderTrades()).isZero();
        assertThat(tape.windowOverflows()).isZero();
        assertThat(tape.sizeQuantileLots(0.5)).isEqualTo(TradeTape.NONE);
        assertThat(tape.isLarge(Long.MAX_VALUE)).isFalse();
        assertThat(tape.windowCount()).isEqualTo(3);
        for (int w = 0; w < tape.windowCount(); w++) {
            assertEmpty(tape.window(w));
        }
    }

    @Test
    void shouldExposeWindowsInConfigOrder() {
        final TradeTape tape = tape(16, 5_000L, 1_000L, 60_000L);

        assertThat(tape.windowCount()).isEqualTo(3);
        assertThat(tape.window(0).lengthNs()).isEqualTo(5_000L);
        assertThat(tape.window(1).lengthNs()).isEqualTo(1_000L);
        assertThat(tape.window(2).lengthNs()).isEqualTo(60_000L);
        assertThat(tape.config().windowsNs()).containsExactly(5_000L, 1_000L, 60_000L);
    }

    @Test
    void shouldReturnNewestFirstWhenReadingBack() {
        final TradeTape tape = tape(16, SECOND_NS);
        tape.onTrade(T0, 100, 1, BUY);
        tape.onTrade(T0 + 5, 101, 2, SELL);
        tape.onTrade(T0 + 9, 99, 3, BUY);

        assertThat(tape.size()).isEqualTo(3);
        assertThat(tape.totalTrades()).isEqualTo(3);
        assertThat(tape.lastTimeNs()).isEqualTo(T0 + 9);
        assertThat(tape.lastPriceTicks()).isEqualTo(99);
        assertThat(tape.lastSizeLots()).isEqualTo(3);
        assertThat(tape.lastAggressor()).isEqualTo(BUY);
        assertThat(tape.timeNsAt(0)).isEqualTo(T0 + 9);
        assertThat(tape.timeNsAt(2)).isEqualTo(T0);
        assertThat(tape.priceTicksAt(1)).isEqualTo(101);
        assertThat(tape.sizeLotsAt(1)).isEqualTo(2);
        assertThat(tape.aggressorAt(1)).isEqualTo(SELL);
        assertThat(tape.aggressorAt(2)).isEqualTo(BUY);
    }

    @Test
    void shouldThrowWhenReadingBackBeyondSize() {
        final TradeTape tape = tape(16, SECOND_NS);
        assertThatThrownBy(() -> tape.timeNsAt(0)).isInstanceOf(IndexOutOfBoundsException.class);

        tape.onTrade(T0, 100, 1, BUY);

        assertThatThrownBy(() -> tape.priceTicksAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tape.sizeLotsAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tape.aggressorAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldKeepOnlyTheLastCapacityTradesWhenTheRingWraps() {
        final TradeTape tape = tape(16, SECOND_NS);
        for (int i = 1; i <= 40; i++) {
            tape.onTrade(T0 + i, 1_000 + i, i, BUY);
        }

        assertThat(tape.size()).isEqualTo(16);
        assertThat(tape.totalTrades()).isEqualTo(40);
        assertThat(tape.sizeLotsAt(0)).isEqualTo(40);
        assertThat(tape.sizeLotsAt(15)).isEqualTo(25);
        assertThat(tape.priceTicksAt(15)).isEqualTo(1_025);
    }

    @Test
    void shouldKeepTradeInsideWindowUntilExactlyLengthHasPassed() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 100, 4, BUY);

        tape.advanceTo(T0 + 999);
        assertThat(tape.window(0).count()).isEqualTo(1);
        assertThat(tape.window(0).volumeLots()).isEqualTo(4);

        tape.advanceTo(T0 + 1_000);
        assertEmpty(tape.window(0));
    }

    @Test
    void shouldEvictTradeExactlyOneLengthOlderWhenANewTradeArrives() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 100, 4, BUY);
        tape.onTrade(T0 + 999, 101, 2, SELL);
        assertThat(tape.window(0).count()).isEqualTo(2);

        tape.onTrade(T0 + 1_000, 102, 1, SELL);

        final RollingWindow window = tape.window(0);
        assertThat(window.count()).isEqualTo(2);
        assertThat(window.buyVolumeLots()).isZero();
        assertThat(window.sellVolumeLots()).isEqualTo(3);
    }

    @Test
    void shouldHoldOnlySameInstantTradesWhenLengthIsOneNanosecond() {
        final TradeTape tape = tape(16, 1L);
        tape.onTrade(T0, 100, 1, BUY);
        tape.onTrade(T0, 100, 2, BUY);
        assertThat(tape.window(0).volumeLots()).isEqualTo(3);

        tape.onTrade(T0 + 1, 100, 5, SELL);

        assertThat(tape.window(0).volumeLots()).isEqualTo(5);
        assertThat(tape.window(0).count()).isEqualTo(1);
    }

    @Test
    void shouldEmptyWindowsWhenAdvancedPastTheirLengthWithoutTrades() {
        final TradeTape tape = tape(64, SECOND_NS, 5 * SECOND_NS);
        for (int i = 0; i < 10; i++) {
            tape.onTrade(T0 + i * 100_000_000L, 1_000 + i, 1 + i, i % 3 == 0 ? SELL : BUY);
        }
        final long lastNs = tape.lastTimeNs();

        tape.advanceTo(lastNs + SECOND_NS);
        assertEmpty(tape.window(0));
        assertThat(tape.window(1).count()).isEqualTo(10);

        tape.advanceTo(lastNs + 5 * SECOND_NS);
        assertEmpty(tape.window(1));
        assertThat(tape.nowNs()).isEqualTo(lastNs + 5 * SECOND_NS);
        assertThat(tape.size()).isEqualTo(10);
        assertThat(tape.lastTimeNs()).isEqualTo(lastNs);
        assertThat(tape.lastPriceTicks()).isEqualTo(1_009);
    }

    @Test
    void shouldIgnoreAdvanceToWhenTimeIsNotAfterNow() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 100, 1, BUY);
        tape.advanceTo(T0 + 500);

        tape.advanceTo(T0 + 100);
        tape.advanceTo(Long.MIN_VALUE);

        assertThat(tape.nowNs()).isEqualTo(T0 + 500);
        assertThat(tape.window(0).count()).isEqualTo(1);
    }

    @Test
    void shouldClampOutOfOrderTradeToLatestTradeTimeAndCountIt() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0 + 500, 100, 1, BUY);

        tape.onTrade(T0, 101, 2, SELL);

        assertThat(tape.outOfOrderTrades()).isEqualTo(1);
        assertThat(tape.lastTimeNs()).isEqualTo(T0 + 500);
        assertThat(tape.timeNsAt(0)).isEqualTo(T0 + 500);
        assertThat(tape.lastPriceTicks()).isEqualTo(101);
        assertThat(tape.window(0).count()).isEqualTo(2);

        tape.onTrade(T0 + 500, 102, 1, BUY);
        assertThat(tape.outOfOrderTrades()).as("an equal time is in order").isEqualTo(1);

        tape.advanceTo(T0 + 1_500);
        assertEmpty(tape.window(0));
    }

    @Test
    void shouldRecordTradeOlderThanAdvancedTimeOnlyInWindowsStillCoveringIt() {
        final TradeTape tape = tape(16, 1_000L, 5_000L);
        tape.onTrade(T0, 100, 1, BUY);
        tape.advanceTo(T0 + 10_000);

        tape.onTrade(T0 + 8_000, 101, 2, SELL);

        assertThat(tape.outOfOrderTrades()).isZero();
        assertThat(tape.nowNs()).isEqualTo(T0 + 10_000);
        assertThat(tape.lastTimeNs()).isEqualTo(T0 + 8_000);
        assertEmpty(tape.window(0));
        assertThat(tape.window(1).count()).isEqualTo(1);
        assertThat(tape.window(1).sellVolumeLots()).isEqualTo(2);
    }

    @Test
    void shouldSumVolumesCountsAndImbalanceBySide() {
        final TradeTape tape = tape(16, SECOND_NS);
        tape.onTrade(T0, 100, 3, BUY);
        tape.onTrade(T0 + 1, 100, 1, BUY);
        tape.onTrade(T0 + 2, 100, 2, SELL);

        final RollingWindow window = tape.window(0);
        assertThat(window.buyVolumeLots()).isEqualTo(4);
        assertThat(window.sellVolumeLots()).isEqualTo(2);
        assertThat(window.volumeLots()).isEqualTo(6);
        assertThat(window.netVolumeLots()).isEqualTo(2);
        assertThat(window.buyCount()).isEqualTo(2);
        assertThat(window.sellCount()).isEqualTo(1);
        assertThat(window.count()).isEqualTo(3);
        assertThat(window.isEmpty()).isFalse();
        assertThat(window.flowImbalance()).isCloseTo(2.0 / 6.0, within(1e-15));
    }

    @Test
    void shouldReachImbalanceBoundsWhenFlowIsOneSided() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 100, 7, SELL);
        assertThat(tape.window(0).flowImbalance()).isEqualTo(-1.0);

        tape.onTrade(T0 + 1_000, 100, 7, BUY);
        assertThat(tape.window(0).flowImbalance()).isEqualTo(1.0);
    }

    @Test
    void shouldWeightVwapBySize() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 100, 1, BUY);
        tape.onTrade(T0 + 600, 110, 3, SELL);
        assertThat(tape.window(0).vwapTicks()).isEqualTo(107.5);

        tape.advanceTo(T0 + 1_000);
        assertThat(tape.window(0).vwapTicks()).isEqualTo(110.0);
    }

    @Test
    void shouldKeepVwapExactWhenNotionalExceedsLongRange() {
        final TradeTape tape = tape(16, 1_000L);
        final long priceA = (1L << 40) + 3;
        final long sizeA = 1L << 40;
        final long priceB = 1L << 41;
        final long sizeB = (1L << 39) + 7;
        tape.onTrade(T0, priceA, sizeA, BUY);
        tape.onTrade(T0 + 500, priceB, sizeB, SELL);

        final double expected = BigDecimal.valueOf(priceA)
                .multiply(BigDecimal.valueOf(sizeA))
                .add(BigDecimal.valueOf(priceB).multiply(BigDecimal.valueOf(sizeB)))
                .divide(BigDecimal.valueOf(sizeA + sizeB), MathContext.DECIMAL128)
                .doubleValue();
        assertThat(tape.window(0).vwapTicks()).isCloseTo(expected, within(expected * 1e-15));

        tape.advanceTo(T0 + 1_000);
        assertThat(tape.window(0).vwapTicks()).isEqualTo((double) priceB);
        tape.advanceTo(T0 + 1_500);
        assertEmpty(tape.window(0));
        tape.onTrade(T0 + 1_600, 123, 4, BUY);
        assertThat(tape.window(0).vwapTicks())
                .as("no residue after huge trades left")
                .isEqualTo(123.0);
    }

    @Test
    void shouldTrackHighAndLowExactlyAsTradesLeave() {
        final TradeTape tape = tape(16, 1_000L);
        tape.onTrade(T0, 105, 1, BUY);
        tape.onTrade(T0 + 100, 101, 1, SELL);
        tape.onTrade(T0 + 200, 103, 1, BUY);
        tape.onTrade(T0 + 300, 103, 1, BUY);
        assertThat(tape.window(0).highTicks()).isEqualTo(105);
        assertThat(tape.window(0).lowTicks()).isEqualTo(101);

        tape.advanceTo(T0 + 1_000);
        assertThat(tape.window(0).highTicks()).isEqualTo(103);
        assertThat(tape.window(0).lowTicks()).isEqualTo(101);

        tape.advanceTo(T0 + 1_100);
        assertThat(tape.window(0).highTicks()).isEqualTo(103);
        assertThat(tape.window(0).lowTicks()).isEqualTo(103);

        tape.advanceTo(T0 + 1_250);
        assertThat(tape.window(0).highTicks()).isEqualTo(103);
        assertThat(tape.window(0).lowTicks()).isEqualTo(103);
    }

    @Test
    void shouldEvictOverwrittenTradesAndCountOverflowsWhenCapacityIsTiny() {
        final TradeTape tape = tape(16, 60 * SECOND_NS, 120 * SECOND_NS);
        for (int size = 1; size <= 20; size++) {
            tape.onTrade(T0, 1_000 + size, size, size % 2 == 0 ? BUY : SELL);
        }

        for (int w = 0; w < 2; w++) {
            final RollingWindow window = tape.window(w);
            assertThat(window.count()).isEqualTo(16);
            assertThat(window.volumeLots()).isEqualTo(sum(5, 20));
            assertThat(window.buyVolumeLots()).isEqualTo(6 + 8 + 10 + 12 + 14 + 16 + 18 + 20);
            assertThat(window.lowTicks()).isEqualTo(1_005);
            assertThat(window.highTicks()).isEqualTo(1_020);
            assertThat(window.overflows()).isEqualTo(4);
        }
        assertThat(tape.windowOverflows()).isEqualTo(8);

        tape.advanceTo(T0 + 60 * SECOND_NS);
        assertEmpty(tape.window(0));
        assertThat(tape.window(1).count()).isEqualTo(16);
        tape.advanceTo(T0 + 120 * SECOND_NS);
        assertEmpty(tape.window(1));
    }

    @Test
    void shouldNotCountOverflowWhenOverwrittenTradeAlreadyLeftByTime() {
        final TradeTape tape = tape(16, SECOND_NS);
        for (int i = 0; i < 16; i++) {
            tape.onTrade(T0, 100, 1, BUY);
        }

        tape.onTrade(T0 + SECOND_NS, 100, 2, SELL);

        assertThat(tape.windowOverflows()).isZero();
        assertThat(tape.window(0).count()).isEqualTo(1);
        assertThat(tape.window(0).sellVolumeLots()).isEqualTo(2);
    }

    @Test
    void shouldDropAndCountTradesWhenSizePriceOrAggressorIsInvalid() {
        final TradeTape tape = tape(16, SECOND_NS);
        tape.onTrade(T0, 100, 0, BUY);
        tape.onTrade(T0, 100, -4, SELL);
        tape.onTrade(T0, 0, 1, BUY);
        tape.onTrade(T0, TradeTape.NONE, 1, BUY);
        tape.onTrade(T0, 100, 1, null);

        assertThat(tape.rejectedTrades()).isEqualTo(5);
        assertThat(tape.totalTrades()).isZero();
        assertThat(tape.nowNs()).isEqualTo(TradeTape.NONE);
        assertEmpty(tape.window(0));
    }

    @Test
    void shouldEstimateQ95OfUniformSizesWithinDocumentedError() {
        final TradeTape tape = new TradeTape(new TapeConfig(256, new long[] {SECOND_NS}, 100, 0.95, 50));
        feedShuffled(tape, 1, 100, 7);

        final long q95 = tape.sizeQuantileLots(0.95);
        final long q99 = tape.sizeQuantileLots(0.99);
        final long q50 = tape.sizeQuantileLots(0.5);

        assertThat(Math.abs(q95 - 95) * 32).isLessThanOrEqualTo(95);
        assertThat(Math.abs(q99 - 99) * 32).isLessThanOrEqualTo(99);
        assertThat(Math.abs(q50 - 50) * 32).isLessThanOrEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldEstimateQuantilesOfWideUniformSizesWithinDocumentedError(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final TradeTape tape = new TradeTape(new TapeConfig(8192, new long[] {SECOND_NS}, 5000, 0.95, 50));
        for (int i = 0; i < 20_000; i++) {
            tape.onTrade(T0 + i, 100, random.nextLong(1, 1_000_001), BUY);
        }

        for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
            final double expected = q * 1_000_000;
            assertThat((double) tape.sizeQuantileLots(q))
                    .as("q=%s", q)
                    .isCloseTo(expected, within(expected * (1.0 / 32 + 0.03)));
        }
    }

    @Test
    void shouldReturnExactQuantilesWhenSizesAreSmall() {
        final TradeTape tape = new TradeTape(new TapeConfig(64, new long[] {SECOND_NS}, 20, 0.95, 1));
        feedShuffled(tape, 1, 20, 3);

        assertThat(tape.sizeQuantileLots(0.5)).isEqualTo(10);
        assertThat(tape.sizeQuantileLots(0.95)).isEqualTo(19);
        assertThat(tape.sizeQuantileLots(0.99)).isEqualTo(20);
        assertThat(tape.sizeQuantileLots(0.01)).isEqualTo(1);
    }

    @Test
    void shouldComputeQuantileOverTheLastSampleOnly() {
        final TradeTape tape = new TradeTape(new TapeConfig(16, new long[] {SECOND_NS}, 16, 0.95, 1));
        for (int i = 0; i < 100; i++) {
            tape.onTrade(T0 + i, 100, 1_000_000, BUY);
        }
        assertThat(tape.sizeQuantileLots(0.5)).isCloseTo(1_000_000L, within(1_000_000L / 32));

        for (int i = 0; i < 16; i++) {
            tape.onTrade(T0 + 100 + i, 100, 3, SELL);
        }

        assertThat(tape.sizeQuantileLots(0.99)).isEqualTo(3);
        assertThat(tape.sizeQuantileLots(0.95)).isEqualTo(3);
    }

    @Test
    void shouldRefreshCachedQuantileWhenATradeArrives() {
        final TradeTape tape = new TradeTape(new TapeConfig(16, new long[] {SECOND_NS}, 4, 0.95, 1));
        tape.onTrade(T0, 100, 5, BUY);
        assertThat(tape.sizeQuantileLots(0.5)).isEqualTo(5);
        assertThat(tape.sizeQuantileLots(0.95)).isEqualTo(5);

        tape.onTrade(T0, 100, 9, BUY);

        assertThat(tape.sizeQuantileLots(0.5)).isEqualTo(5);
        assertThat(tape.sizeQuantileLots(0.95)).isEqualTo(9);
        assertThat(tape.sizeQuantileLots(0.7)).isEqualTo(9);
        assertThat(tape.sizeQuantileLots(0.5)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, 1.1, Double.NaN})
    void shouldRejectQuantileWhenNotStrictlyBetweenZeroAndOne(double q) {
        final TradeTape tape = tape(16, SECOND_NS);
        tape.onTrade(T0, 100, 1, BUY);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> tape.sizeQuantileLots(q))
                .withMessageStartingWith("q: ");
    }

    @Test
    void shouldNotFlagLargeTradesBeforeMinTradesForQuantile() {
        final TradeTape tape = new TradeTape(new TapeConfig(256, new long[] {SECOND_NS}, 100, 0.95, 50));
        for (int i = 1; i < 50; i++) {
            tape.onTrade(T0 + i, 100, 1, BUY);
            assertThat(tape.isLarge(Long.MAX_VALUE)).isFalse();
        }

        tape.onTrade(T0 + 50, 100, 1, BUY);

        assertThat(tape.isLarge(Long.MAX_VALUE)).isTrue();
        assertThat(tape.isLarge(1)).isTrue();
        assertThat(tape.isLarge(0)).isFalse();
    }

    @Test
    void shouldFlagSizesAtOrAboveTheLargeQuantile() {
        final TradeTape tape = new TradeTape(new TapeConfig(256, new long[] {SECOND_NS}, 100, 0.95, 50));
        feedShuffled(tape, 1, 100, 11);
        final long threshold = tape.sizeQuantileLots(0.95);

        assertThat(tape.isLarge(threshold)).isTrue();
        assertThat(tape.isLarge(threshold - 1)).isFalse();
        assertThat(tape.isLarge(500)).isTrue();
        assertThat(tape.isLarge(10)).isFalse();
    }

    @RepeatedTest(5)
    void shouldBehaveLikeANewTapeAfterReset(RepetitionInfo repetition) {
        final TapeConfig config = new TapeConfig(32, new long[] {1_000L, 10_000L}, 16, 0.9, 5);
        final TradeTape reused = new TradeTape(config);
        final TradeTape fresh = new TradeTape(config);
        final SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        feedRandom(reused, random, 200, T0);
        reused.onTrade(T0, 1, 0, BUY);

        reused.reset();

        assertThat(reused.totalTrades()).isZero();
        assertThat(reused.size()).isZero();
        assertThat(reused.rejectedTrades()).isZero();
        assertThat(reused.outOfOrderTrades()).isZero();
        assertThat(reused.windowOverflows()).isZero();
        assertThat(reused.nowNs()).isEqualTo(TradeTape.NONE);
        assertThat(reused.lastPriceTicks()).isEqualTo(TradeTape.NONE);
        assertThat(reused.sizeQuantileLots(0.5)).isEqualTo(TradeTape.NONE);
        assertThat(reused.isLarge(Long.MAX_VALUE)).isFalse();
        for (int w = 0; w < reused.windowCount(); w++) {
            assertEmpty(reused.window(w));
        }

        final long seed = random.nextLong();
        final long startNs = T0 - 5_000_000L;
        feedRandom(reused, new SplittableRandom(seed), 150, startNs);
        feedRandom(fresh, new SplittableRandom(seed), 150, startNs);
        assertSameState(reused, fresh);
    }

    private static void feedRandom(TradeTape tape, SplittableRandom random, int trades, long startNs) {
        long timeNs = startNs;
        for (int i = 0; i < trades; i++) {
            timeNs += random.nextLong(-500, 3_000);
            tape.onTrade(timeNs, random.nextLong(90, 110), random.nextLong(1, 200), random.nextBoolean() ? BUY : SELL);
            if (random.nextInt(10) == 0) {
                tape.advanceTo(timeNs + random.nextLong(20_000));
            }
        }
    }

    private static void feedShuffled(TradeTape tape, int from, int to, long seed) {
        final long[] sizes = new long[to - from + 1];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = from + i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = sizes.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final long swap = sizes[i];
            sizes[i] = sizes[j];
            sizes[j] = swap;
        }
        for (int i = 0; i < sizes.length; i++) {
            tape.onTrade(T0 + i, 100, sizes[i], i % 2 == 0 ? BUY : SELL);
        }
    }

    private static long sum(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }

    private static void assertEmpty(RollingWindow window) {
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.count()).isZero();
        assertThat(window.buyCount()).isZero();
        assertThat(window.sellCount()).isZero();
        assertThat(window.buyVolumeLots()).isZero();
        assertThat(window.sellVolumeLots()).isZero();
        assertThat(window.volumeLots()).isZero();
        assertThat(window.netVolumeLots()).isZero();
        assertThat(window.vwapTicks()).isNaN();
        assertThat(window.flowImbalance()).isZero();
        assertThat(window.highTicks()).isEqualTo(TradeTape.NONE);
        assertThat(window.lowTicks()).isEqualTo(TradeTape.NONE);
    }

    private static void assertSameState(TradeTape actual, TradeTape expected) {
        assertThat(actual.totalTrades()).isEqualTo(expected.totalTrades());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.nowNs()).isEqualTo(expected.nowNs());
        assertThat(actual.outOfOrderTrades()).isEqualTo(expected.outOfOrderTrades());
        assertThat(actual.windowOverflows()).isEqualTo(expected.windowOverflows());
        assertThat(actual.lastTimeNs()).isEqualTo(expected.lastTimeNs());
        assertThat(actual.lastPriceTicks()).isEqualTo(expected.lastPriceTicks());
        assertThat(actual.lastSizeLots()).isEqualTo(expected.lastSizeLots());
        assertThat(actual.lastAggressor()).isEqualTo(expected.lastAggressor());
        for (int back = 0; back < actual.size(); back++) {
            assertThat(actual.timeNsAt(back)).isEqualTo(expected.timeNsAt(back));
            assertThat(actual.priceTicksAt(back)).isEqualTo(expected.priceTicksAt(back));
            assertThat(actual.sizeLotsAt(back)).isEqualTo(expected.sizeLotsAt(back));
            assertThat(actual.aggressorAt(back)).isEqualTo(expected.aggressorAt(back));
        }
        for (double q : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertThat(actual.sizeQuantileLots(q)).isEqualTo(expected.sizeQuantileLots(q));
        }
        for (int w = 0; w < actual.windowCount(); w++) {
            final RollingWindow a = actual.window(w);
            final RollingWindow e = expected.window(w);
            assertThat(a.buyVolumeLots()).isEqualTo(e.buyVolumeLots());
            assertThat(a.sellVolumeLots()).isEqualTo(e.sellVolumeLots());
            assertThat(a.buyCount()).isEqualTo(e.buyCount());
            assertThat(a.sellCount()).isEqualTo(e.sellCount());
            assertThat(a.highTicks()).isEqualTo(e.highTicks());
            assertThat(a.lowTicks()).isEqualTo(e.lowTicks());
            assertThat(a.overflows()).isEqualTo(e.overflows());
            assertThat(Double.compare(a.vwapTicks(), e.vwapTicks())).isZero();
        }
    }

    @Test
    void shouldDescribeStateWhenPrinted() {
        final TradeTape tape = tape(16, SECOND_NS);
        tape.onTrade(T0, 100, 1, Side.BUY);

        assertThat(tape.toString()).contains("totalTrades=1", "lastPriceTicks=100");
        assertThat(tape.window(0).toString()).contains("lengthNs=1000000000", "count=1");
    }
}
