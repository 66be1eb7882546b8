package io.scalper.core.research;

import java.util.Arrays;

/** The statistics research reports: rank correlation, overlap-corrected t-statistics. Pure functions. */
final class Stats {
    private Stats() {}

    /**
     * Spearman rank correlation of the first {@code n} values of {@code x} and {@code y}: the Pearson correlation of
     * their ranks, ties given their average rank. NaN when {@code n < 3} or either side is constant.
     */
    static double spearman(double[] x, double[] y, int n) {
        if (n < 3) {
            return Double.NaN;
        }
        return pearson(ranks(x, n), ranks(y, n), n);
    }

    /** Average ranks (1-based) of the first {@code n} values; equal values share the mean of their ranks. */
    static double[] ranks(double[] values, int n) {
        final double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = values[i] + 0.0; // -0.0 and 0.0 are one value
        }
        Arrays.sort(sorted);
        final double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            final double v = values[i] + 0.0;
            final int lo = lowerBound(sorted, v);
            final int hi = lowerBound(sorted, Math.nextUp(v)) - 1;
            ranks[i] = (lo + hi) / 2.0 + 1;
        }
        return ranks;
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Pearson correlation of the first {@code n} values; NaN when either side is constant. */
    static double pearson(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            final double dx = x[i] - mx;
            final double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx <= 0 || syy <= 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * t-statistic of the mean of {@code values} (first {@code n}, at non-decreasing {@code timesNs}) with a
     * Newey–West variance in market time: {@code Var(mean) = Σ_i Σ_j K(t_i − t_j) (x_i − x̄)(x_j − x̄) / n²} with the
     * Bartlett (tent) kernel {@code K(d) = max(0, 1 − |d| / bandwidthNs)}. Forward returns over a horizon {@code h}
     * sampled more often than {@code h} overlap; their correlation falls linearly to 0 at a lag of {@code h}, and a
     * tent of bandwidth {@code h} would under-weight it by about a third (the t-statistic about 1.2 times too large):
     * research uses a bandwidth of {@code 2h}. The tent is a positive-definite kernel, so the variance is never
     * negative.
     *
     * <p>NaN when the variance is 0 or when the samples hold fewer than {@link #MIN_WINDOWS} windows of
     * {@code windowNs} that do not overlap (counted greedily in time): with a handful of independent windows — a few
     * clusters of consecutive samples sharing one move — the estimated variance is unreliable and mostly far too small.
     */
    static double neweyWestT(long[] timesNs, double[] values, int n, long bandwidthNs, long windowNs) {
        if (independentWindows(timesNs, n, windowNs) < MIN_WINDOWS) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            final double di = values[i] - mean;
            s += di * di;
            for (int j = i + 1; j < n; j++) {
                final long gap = timesNs[j] - timesNs[i];
                if (gap >= bandwidthNs) {
                    break;
                }
                s += 2 * (1 - gap / (double) bandwidthNs) * di * (values[j] - mean);
            }
        }
        final double variance = s / ((double) n * n);
        return variance > 0 ? mean / Math.sqrt(variance) : Double.NaN;
    }

    /** Fewest non-overlapping windows for which {@link #neweyWestT} reports a t-statistic. */
    static final int MIN_WINDOWS = 10;

    /** Samples at least {@code windowNs} apart, taken greedily in time order from the first. */
    static int independentWindows(long[] timesNs, int n, long windowNs) {
        int count = 0;
        long free = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (count == 0 || timesNs[i] >= free) {
                count++;
                free = timesNs[i] + windowNs;
            }
        }
        return count;
    }

    /** Median of the first {@code n} values (sorts a copy); NaN when {@code n == 0}. */
    static double median(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        final double[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }
}
