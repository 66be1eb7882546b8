package io.scalper.core.tape;

import java.util.Arrays;

/**
 * Counts of positive sizes in log-linear buckets: sizes below 32 each have their own bucket; above that every power
 * of two {@code [2^e, 2^(e+1))} is split into 16 equal buckets of width {@code 2^(e-4)}. A bucket is represented by
 * its midpoint, which is within 1/32 (3.125 %) of every size in the bucket, and exact below 32.
 *
 * <p>Fixed memory (960 buckets plus 60 per-power-of-two totals that make a quantile query at most 76 steps);
 * allocates nothing after construction. Not thread-safe.
 */
final class SizeHistogram {
    static final int BUCKET_COUNT = 960;
    private static final int GROUP_COUNT = BUCKET_COUNT >>> 4;

    private final int[] counts = new int[BUCKET_COUNT];
    private final int[] groupCounts = new int[GROUP_COUNT];
    private long total;

    /** Bucket of {@code sizeLots}, which must be &ge; 1. */
    static int bucketOf(long sizeLots) {
        if (sizeLots < 32) {
            return (int) sizeLots;
        }
        final int shift = 59 - Long.numberOfLeadingZeros(sizeLots);
        return (shift << 4) + (int) (sizeLots >>> shift);
    }

    /** The size reported for {@code bucket}: its midpoint, exact for buckets below 32. */
    static long representative(int bucket) {
        if (bucket < 32) {
            return bucket;
        }
        final int shift = (bucket >>> 4) - 1;
        final long low = (long) ((bucket & 15) | 16) << shift;
        return low + (1L << (shift - 1));
    }

    /**
     * Nearest rank of quantile {@code q} among {@code n} values: {@code ceil(q * n)} clamped to {@code [1, n]}, with
     * {@code q * n} shrunk by one part in 10<sup>12</sup> first so that, e.g., 0.95 &times; 100 is rank 95 despite
     * binary rounding.
     */
    static long rank(double q, long n) {
        final long r = (long) Math.ceil(q * n * (1.0 - 1e-12));
        return r < 1 ? 1 : Math.min(r, n);
    }

    void add(long sizeLots) {
        final int b = bucketOf(sizeLots);
        counts[b]++;
        groupCounts[b >>> 4]++;
        total++;
    }

    void remove(long sizeLots) {
        final int b = bucketOf(sizeLots);
        counts[b]--;
        groupCounts[b >>> 4]--;
        total--;
    }

    long total() {
        return total;
    }

    /**
     * Representative size of the bucket holding the nearest-rank {@code q} quantile, or {@link TradeTape#NONE} when
     * empty.
     */
    long quantile(double q) {
        final long n = total;
        if (n == 0) {
            return TradeTape.NONE;
        }
        final long rank = rank(q, n);
        final int[] groups = groupCounts;
        long seen = 0;
        int g = 0;
        while (seen + groups[g] < rank) {
            seen += groups[g];
            g++;
        }
        final int[] c = counts;
        int b = g << 4;
        while (seen + c[b] < rank) {
            seen += c[b];
            b++;
        }
        return representative(b);
    }

    void clear() {
        Arrays.fill(counts, 0);
        Arrays.fill(groupCounts, 0);
        total = 0;
    }
}
