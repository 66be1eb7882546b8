package io.scalper.core.metrics;

import java.util.Arrays;

/**
 * A growable series of equity samples {@code (timeNs, equity)} in primitive arrays, with its maximum drawdown kept up to
 * date as samples are added.
 *
 * <p>Drawdown at a sample is the running peak (the highest equity up to and including it) minus its equity. The
 * maximum drawdown is the largest such value; the maximum drawdown fraction is the largest drawdown divided by its
 * running peak, over the samples whose running peak is &gt; 0. The two maxima may come from different samples. Both are
 * 0 until equity falls below a previous peak.
 *
 * <p>Samples are kept in the order added. A sample whose time is earlier than the previous one is stored at the
 * previous time, so times never decrease (drawdown depends only on the order of the samples). {@link #add} allocates
 * only when the arrays grow (doubling). Owned by one thread.
 */
public final class EquityCurve {
    /** The smallest {@code maxPoints} {@link #downsample} accepts. */
    public static final int MIN_DOWNSAMPLE_POINTS = 8;

    private long[] timesNs;
    private double[] equities;
    private int size;
    private double peak = Double.NaN;
    private int peakIndex = -1;
    private double maxDrawdown;
    private double maxDrawdownFraction;
    private int drawdownPeakIndex = -1;
    private int drawdownTroughIndex = -1;
    private int fractionPeakIndex = -1;
    private int fractionTroughIndex = -1;

    /** An empty curve with room for 64 samples. */
    public EquityCurve() {
        this(64);
    }

    /** An empty curve with room for {@code initialCapacity} samples before it grows. */
    public EquityCurve(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1, got " + initialCapacity);
        }
        timesNs = new long[initialCapacity];
        equities = new double[initialCapacity];
    }

    /**
     * Appends a sample.
     *
     * @param timeNs sample time, ns since the epoch (clamped to the previous sample's time if earlier)
     * @param equity equity in quote currency, finite
     * @throws IllegalArgumentException if {@code equity} is not finite
     */
    public void add(long timeNs, double equity) {
        if (!Double.isFinite(equity)) {
            throw new IllegalArgumentException("equity must be finite, got " + equity);
        }
        if (size == timesNs.length) {
            timesNs = Arrays.copyOf(timesNs, size * 2);
            equities = Arrays.copyOf(equities, size * 2);
        }
        final int i = size;
        timesNs[i] = i > 0 && timeNs < timesNs[i - 1] ? timesNs[i - 1] : timeNs;
        equities[i] = equity;
        size = i + 1;
        if (peakIndex < 0 || equity > peak) {
            peak = equity;
            peakIndex = i;
            return;
        }
        final double drawdown = peak - equity;
        if (drawdown > maxDrawdown) {
            maxDrawdown = drawdown;
            drawdownPeakIndex = peakIndex;
            drawdownTroughIndex = i;
        }
        if (peak > 0) {
            final double fraction = drawdown / peak;
            if (fraction > maxDrawdownFraction) {
                maxDrawdownFraction = fraction;
                fractionPeakIndex = peakIndex;
                fractionTroughIndex = i;
            }
        }
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Whether there is no sample. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of sample {@code i}, ns. */
    public long timeNs(int i) {
        checkIndex(i);
        return timesNs[i];
    }

    /** Equity of sample {@code i}. */
    public double equity(int i) {
        checkIndex(i);
        return equities[i];
    }

    /** Equity of the last sample, {@code NaN} when empty. */
    public double lastEquity() {
        return size == 0 ? Double.NaN : equities[size - 1];
    }

    /** Highest equity so far, {@code NaN} when empty. */
    public double peakEquity() {
        return peak;
    }

    /** Largest fall from a running peak, quote currency, &ge; 0. */
    public double maxDrawdown() {
        return maxDrawdown;
    }

    /** Largest fall from a positive running peak as a fraction of that peak, &ge; 0. */
    public double maxDrawdownFraction() {
        return maxDrawdownFraction;
    }

    /** An independent copy. */
    public EquityCurve copy() {
        final EquityCurve c = new EquityCurve(Math.max(1, size));
        for (int i = 0; i < size; i++) {
            c.add(timesNs[i], equities[i]);
        }
        return c;
    }

    /**
     * A copy with at most {@code maxPoints} samples for reports and charts, by min/max bucketing: the first and last
     * samples, the peak and trough of the maximum drawdown and of the maximum drawdown fraction are always kept; the
     * other samples are split into {@code (maxPoints - 6) / 2} buckets of consecutive samples, each contributing its
     * lowest and highest sample (the first one on ties). Kept samples stay in their order. So drawdown spikes survive,
     * and the copy has the same {@link #maxDrawdown()} and, while equity stays positive, the same
     * {@link #maxDrawdownFraction()}. A curve that already fits is copied whole.
     *
     * @param maxPoints at least {@link #MIN_DOWNSAMPLE_POINTS}
     */
    public EquityCurve downsample(int maxPoints) {
        if (maxPoints < MIN_DOWNSAMPLE_POINTS) {
            throw new IllegalArgumentException("maxPoints must be >= " + MIN_DOWNSAMPLE_POINTS + ", got " + maxPoints);
        }
        if (size <= maxPoints) {
            return copy();
        }
        final boolean[] keep = new boolean[size];
        keep[0] = true;
        keep[size - 1] = true;
        mark(keep, drawdownPeakIndex);
        mark(keep, drawdownTroughIndex);
        mark(keep, fractionPeakIndex);
        mark(keep, fractionTroughIndex);
        final int buckets = (maxPoints - 6) / 2;
        final long interior = size - 2L;
        for (int b = 0; b < buckets; b++) {
            final int from = (int) (1 + b * interior / buckets);
            final int to = (int) (1 + (b + 1) * interior / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (equities[i] < equities[lo]) {
                    lo = i;
                }
                if (equities[i] > equities[hi]) {
                    hi = i;
                }
            }
            keep[lo] = true;
            keep[hi] = true;
        }
        final EquityCurve out = new EquityCurve(maxPoints);
        for (int i = 0; i < size; i++) {
            if (keep[i]) {
                out.add(timesNs[i], equities[i]);
            }
        }
        return out;
    }

    private static void mark(boolean[] keep, int index) {
        if (index >= 0) {
            keep[index] = true;
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
    }

    @Override
    public String toString() {
        return "EquityCurve[" + size + " samples, last=" + lastEquity() + " maxDrawdown=" + maxDrawdown + "]";
    }
}
