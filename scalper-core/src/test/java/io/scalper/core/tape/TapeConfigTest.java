package io.scalper.core.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TapeConfigTest {
    private static final long[] WINDOWS_NS = {1_000L, 5_000L};

    @Test
    void shouldUseDocumentedDefaults() {
        final TapeConfig config = TapeConfig.defaults();

        assertThat(config.capacity()).isEqualTo(65_536);
        assertThat(config.windowsNs()).containsExactly(1_000_000_000L, 5_000_000_000L, 60_000_000_000L);
        assertThat(config.windowCount()).isEqualTo(3);
        assertThat(config.sizeSampleCount()).isEqualTo(4_096);
        assertThat(config.largeQuantile()).isEqualTo(0.95);
        assertThat(config.minTradesForQuantile()).isEqualTo(50);
    }

    @Test
    void shouldNameCapacityWhenNotAPowerOfTwo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(10, WINDOWS_NS, 8, 0.95, 1))
                .withMessage("tape.capacity: must be a power of two >= 16, got 10");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -16, 8, 1, 48, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void shouldRejectCapacityWhenBelowSixteenOrNotAPowerOfTwo(int capacity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(capacity, WINDOWS_NS, 8, 0.95, 1))
                .withMessageStartingWith("tape.capacity: ")
                .withMessageEndingWith("got " + capacity);
    }

    @Test
    void shouldNameWindowsWhenNullEmptyTooManyOrNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, null, 8, 0.95, 1))
                .withMessage("tape.windows: must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, new long[0], 8, 0.95, 1))
                .withMessage("tape.windows: must have 1 to 8 lengths, got 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 8, 0.95, 1))
                .withMessage("tape.windows: must have 1 to 8 lengths, got 9");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, new long[] {1_000, 0}, 8, 0.95, 1))
                .withMessage("tape.windows: lengths must be > 0, got 0 at index 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, new long[] {-5}, 8, 0.95, 1))
                .withMessage("tape.windows: lengths must be > 0, got -5 at index 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 17})
    void shouldNameSizeSampleCountWhenNotPositiveOrAboveCapacity(int sizeSampleCount) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, WINDOWS_NS, sizeSampleCount, 0.95, 1))
                .withMessage("tape.sizeSampleCount: must be > 0 and <= tape.capacity (16), got " + sizeSampleCount);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldNameLargeQuantileWhenNotStrictlyBetweenZeroAndOne(double largeQuantile) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, WINDOWS_NS, 8, largeQuantile, 1))
                .withMessage("tape.largeQuantile: must be strictly between 0 and 1, got " + largeQuantile);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void shouldNameMinTradesForQuantileWhenBelowOne(int minTrades) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TapeConfig(16, WINDOWS_NS, 8, 0.95, minTrades))
                .withMessage("tape.minTradesForQuantile: must be >= 1, got " + minTrades);
    }

    @Test
    void shouldAcceptLimitsWhenAtTheirEdges() {
        final TapeConfig config = new TapeConfig(16, new long[] {1, 2, 3, 4, 5, 6, 7, Long.MAX_VALUE}, 16, 1e-9, 1);

        assertThat(config.windowCount()).isEqualTo(8);
        assertThat(config.windowNs(7)).isEqualTo(Long.MAX_VALUE);
        assertThat(new TradeTape(config).windowCount()).isEqualTo(8);
    }

    @Test
    void shouldCopyWindowsWhenConstructedAndWhenRead() {
        final long[] windows = {1_000L, 2_000L};
        final TapeConfig config = new TapeConfig(16, windows, 8, 0.95, 1);

        windows[0] = 7L;
        config.windowsNs()[1] = 9L;

        assertThat(config.windowsNs()).containsExactly(1_000L, 2_000L);
        assertThat(config.windowNs(0)).isEqualTo(1_000L);
    }

    @Test
    void shouldCompareWindowsByContentWhenTestingEquality() {
        final TapeConfig a = new TapeConfig(32, new long[] {1_000L, 2_000L}, 8, 0.95, 3);
        final TapeConfig b = new TapeConfig(32, new long[] {1_000L, 2_000L}, 8, 0.95, 3);
        final TapeConfig otherWindows = new TapeConfig(32, new long[] {1_000L, 3_000L}, 8, 0.95, 3);
        final TapeConfig otherQuantile = new TapeConfig(32, new long[] {1_000L, 2_000L}, 8, 0.99, 3);

        assertThat(a)
                .isEqualTo(b)
                .hasSameHashCodeAs(b)
                .isNotEqualTo(otherWindows)
                .isNotEqualTo(otherQuantile);
        assertThat(a).isNotEqualTo(null).isNotEqualTo("TapeConfig");
        assertThat(a.toString())
                .isEqualTo("TapeConfig[capacity=32, windowsNs=[1000, 2000], sizeSampleCount=8, largeQuantile=0.95,"
                        + " minTradesForQuantile=3]");
    }
}
