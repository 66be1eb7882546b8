package io.scalper.core.drift;

import java.util.Arrays;

/**
 * Durations (ns) and their percentiles: exact while there are at most {@value #EXACT} of them, then from a histogram
 * of 64 buckets per decade from 1 µs (within 2 %). Not thread-safe.
 */
public final class Distribution {
    static final int EXACT = 1_000_000;
    private static final int PER_DECADE = 64;
    private static final int BUCKETS = PER_DECADE * 10;

    private long[] values = new long[64];
    private final long[] buckets = new long[BUCKETS + 1];
    private int n;
    private long count;
    private boolean sorted = true;

    /** Adds one duration (negative ones count as 0). */
    public void add(long ns) {
        final long v = Math.max(0, ns);
        count++;
        buckets[bucket(v)]++;
        if (count <= EXACT) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
            sorted = false;
        }
    }

    private static int bucket(long ns) {
        if (ns < 1_000) {
            return 0;
        }
        final int b = 1 + (int) Math.floor(Math.log10(ns / 1_000.0) * PER_DECADE);
        return Math.min(BUCKETS, b);
    }

    private static double bucketLow(int b) {
        return b == 0 ? 0 : 1_000.0 * Math.pow(10, (b - 1) / (double) PER_DECADE);
    }

    public long count() {
        return count;
    }

    /** The {@code q}-quantile (0..1), ns; NaN when empty. */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        if (count <= EXACT) {
            if (!sorted) {
                Arrays.sort(values, 0, n);
                sorted = true;
            }
            final double pos = q * (n - 1);
            final int lo = (int) Math.floor(pos);
            final int hi = Math.min(n - 1, lo + 1);
            return values[lo] + (pos - lo) * (values[hi] - values[lo]);
        }
        final double target = q * (count - 1);
        long seen = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            if (seen + buckets[b] > target) {
                final double f = buckets[b] == 0 ? 0 : (target - seen) / buckets[b];
                final double low = bucketLow(b);
                final double high = b == BUCKETS ? low : bucketLow(b + 1);
                return low + f * (high - low);
            }
            seen += buckets[b];
        }
        return bucketLow(BUCKETS);
    }

    /** The median, ms; NaN when empty. */
    public double medianMs() {
        return quantile(0.5) / 1e6;
    }

    /** The {@code q}-quantile, ms; NaN when empty. */
    public double quantileMs(double q) {
        return quantile(q) / 1e6;
    }

    /** How many are at or below each bound (ns), and the rest in a last cell. */
    public long[] counts(long[] boundsNs) {
        final long[] out = new long[boundsNs.length + 1];
        if (count <= EXACT) {
            for (int i = 0; i < n; i++) {
                int k = 0;
                while (k < boundsNs.length && values[i] > boundsNs[k]) {
                    k++;
                }
                out[k]++;
            }
            return out;
        }
        for (int b = 0; b <= BUCKETS; b++) {
            final double mid = b == BUCKETS ? bucketLow(b) : (bucketLow(b) + bucketLow(b + 1)) / 2;
            int k = 0;
            while (k < boundsNs.length && mid > boundsNs[k]) {
                k++;
            }
            out[k] += buckets[b];
        }
        return out;
    }
}
