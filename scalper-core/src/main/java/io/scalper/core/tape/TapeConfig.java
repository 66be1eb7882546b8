package io.scalper.core.tape;

import java.util.Arrays;

/**
 * Sizing of a {@link TradeTape}. Immutable; validated on construction with an {@link IllegalArgumentException}
 * whose message starts with the offending key, e.g. {@code "tape.capacity: must be a power of two >= 16, got 10"}.
 *
 * @param capacity trades held in the ring ({@code tape.capacity}): a power of two, {@value #MIN_CAPACITY} to
 *     2<sup>30</sup>. Windows that would hold more trades than this lose their oldest trades early (see
 *     {@link RollingWindow#overflows()}).
 * @param windowsNs rolling window lengths in nanoseconds ({@code tape.windows}): 1 to {@value #MAX_WINDOWS}
 *     strictly positive values, kept in the given order; copied on the way in and out
 * @param sizeSampleCount number of most recent trades the size distribution covers ({@code tape.sizeSampleCount}):
 *     &gt; 0 and &le; {@code capacity}
 * @param largeQuantile quantile of the size distribution at and above which a trade is large
 *     ({@code tape.largeQuantile}): strictly between 0 and 1
 * @param minTradesForQuantile trades seen since construction or reset before {@link TradeTape#isLarge(long)} can be
 *     true ({@code tape.minTradesForQuantile}): &ge; 1
 */
public record TapeConfig(
        int capacity, long[] windowsNs, int sizeSampleCount, double largeQuantile, int minTradesForQuantile) {

    /** Smallest allowed {@code tape.capacity}. */
    public static final int MIN_CAPACITY = 16;
    /** Largest possible {@code tape.capacity}: the largest {@code int} power of two. */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Most windows a tape may have. */
    public static final int MAX_WINDOWS = 8;

    /** Default {@code tape.capacity}. */
    public static final int DEFAULT_CAPACITY = 65_536;
    /** Default first window, {@code tape.windowsNs[0]}: 1 s. */
    public static final long DEFAULT_WINDOW_1_NS = 1_000_000_000L;
    /** Default second window, {@code tape.windowsNs[1]}: 5 s. */
    public static final long DEFAULT_WINDOW_2_NS = 5_000_000_000L;
    /** Default third window, {@code tape.windowsNs[2]}: 60 s. */
    public static final long DEFAULT_WINDOW_3_NS = 60_000_000_000L;
    /** Default {@code tape.sizeSampleCount}. */
    public static final int DEFAULT_SIZE_SAMPLE_COUNT = 4_096;
    /** Default {@code tape.largeQuantile}. */
    public static final double DEFAULT_LARGE_QUANTILE = 0.95;
    /** Default {@code tape.minTradesForQuantile}. */
    public static final int DEFAULT_MIN_TRADES_FOR_QUANTILE = 50;

    /**
     * @throws IllegalArgumentException naming the first invalid key
     */
    public TapeConfig {
        if (capacity < MIN_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                    "tape.capacity: must be a power of two >= " + MIN_CAPACITY + ", got " + capacity);
        }
        if (windowsNs == null) {
            throw new IllegalArgumentException("tape.windows: must not be null");
        }
        windowsNs = windowsNs.clone();
        if (windowsNs.length < 1 || windowsNs.length > MAX_WINDOWS) {
            throw new IllegalArgumentException(
                    "tape.windows: must have 1 to " + MAX_WINDOWS + " lengths, got " + windowsNs.length);
        }
        for (int i = 0; i < windowsNs.length; i++) {
            if (windowsNs[i] <= 0) {
                throw new IllegalArgumentException(
                        "tape.windows: lengths must be > 0, got " + windowsNs[i] + " at index " + i);
            }
        }
        if (sizeSampleCount <= 0 || sizeSampleCount > capacity) {
            throw new IllegalArgumentException("tape.sizeSampleCount: must be > 0 and <= tape.capacity (" + capacity
                    + "), got " + sizeSampleCount);
        }
        if (!(largeQuantile > 0.0 && largeQuantile < 1.0)) {
            throw new IllegalArgumentException(
                    "tape.largeQuantile: must be strictly between 0 and 1, got " + largeQuantile);
        }
        if (minTradesForQuantile < 1) {
            throw new IllegalArgumentException("tape.minTradesForQuantile: must be >= 1, got " + minTradesForQuantile);
        }
    }

    /**
     * Capacity 65536, windows 1 s, 5 s and 60 s, size sample of the last 4096 trades, large at the 0.95 quantile
     * after 50 trades.
     */
    public static TapeConfig defaults() {
        return new TapeConfig(
                DEFAULT_CAPACITY,
                new long[] {DEFAULT_WINDOW_1_NS, DEFAULT_WINDOW_2_NS, DEFAULT_WINDOW_3_NS},
                DEFAULT_SIZE_SAMPLE_COUNT,
                DEFAULT_LARGE_QUANTILE,
                DEFAULT_MIN_TRADES_FOR_QUANTILE);
    }

    /** A copy of the window lengths; see {@link #windowNs(int)} to read one without allocating. */
    @Override
    public long[] windowsNs() {
        return windowsNs.clone();
    }

    /** Number of windows. */
    public int windowCount() {
        return windowsNs.length;
    }

    /** Length of window {@code index} in nanoseconds. */
    public long windowNs(int index) {
        return windowsNs[index];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TapeConfig)) {
            return false;
        }
        final TapeConfig other = (TapeConfig) o;
        return capacity == other.capacity
                && Arrays.equals(windowsNs, other.windowsNs)
                && sizeSampleCount == other.sizeSampleCount
                && Double.compare(largeQuantile, other.largeQuantile) == 0
                && minTradesForQuantile == other.minTradesForQuantile;
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(capacity);
        h = 31 * h + Arrays.hashCode(windowsNs);
        h = 31 * h + Integer.hashCode(sizeSampleCount);
        h = 31 * h + Double.hashCode(largeQuantile);
        return 31 * h + Integer.hashCode(minTradesForQuantile);
    }

    @Override
    public String toString() {
        return "TapeConfig[capacity=" + capacity + ", windowsNs=" + Arrays.toString(windowsNs) + ", sizeSampleCount="
                + sizeSampleCount + ", largeQuantile=" + largeQuantile + ", minTradesForQuantile="
                + minTradesForQuantile + "]";
    }
}
