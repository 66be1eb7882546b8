package io.scalper.core.report;

import java.util.Arrays;

/** Min/max-preserving reduction of a series to a bounded number of points, for charts. */
final class Downsample {
    /** The smallest {@code maxPoints} {@link #indices} accepts. */
    static final int MIN_POINTS = 4;

    private Downsample() {}

    /**
     * The indices of the samples to draw, ascending, at most {@code maxPoints} of them: all of them when they fit;
     * otherwise the first and the last, and of the samples between, split into {@code (maxPoints - 2) / 2} buckets of
     * consecutive samples, each bucket's lowest and highest (the first one on ties). So spikes survive and the drawn
     * line covers the same range of values as the full one.
     *
     * @param values the series, finite
     * @param maxPoints at least {@link #MIN_POINTS}
     */
    static int[] indices(double[] values, int maxPoints) {
        if (maxPoints < MIN_POINTS) {
            throw new IllegalArgumentException("maxPoints must be >= " + MIN_POINTS + ", got " + maxPoints);
        }
        final int n = values.length;
        if (n <= maxPoints) {
            final int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        final int buckets = (maxPoints - 2) / 2;
        final long interior = n - 2L;
        final int[] out = new int[maxPoints];
        int count = 0;
        out[count++] = 0;
        for (int b = 0; b < buckets; b++) {
            final int from = (int) (1 + b * interior / buckets);
            final int to = (int) (1 + (b + 1) * interior / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (values[i] < values[lo]) {
                    lo = i;
                }
                if (values[i] > values[hi]) {
                    hi = i;
                }
            }
            out[count++] = Math.min(lo, hi);
            if (lo != hi) {
                out[count++] = Math.max(lo, hi);
            }
        }
        out[count++] = n - 1;
        return Arrays.copyOf(out, count);
    }
}
