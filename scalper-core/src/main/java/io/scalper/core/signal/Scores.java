package io.scalper.core.signal;

/** Small numeric helpers for signals. */
public final class Scores {
    private static final double LN2 = Math.log(2);

    private Scores() {}

    /** {@code x} limited to [-1, 1]; {@code NaN} becomes 0. */
    public static double clamp(double x) {
        if (x > 1.0) {
            return 1.0;
        }
        if (x < -1.0) {
            return -1.0;
        }
        return x == x ? x : 0.0;
    }

    /** {@code x} limited to [0, 1]; {@code NaN} becomes 0. */
    public static double clamp01(double x) {
        if (x > 1.0) {
            return 1.0;
        }
        return x > 0.0 ? x : 0.0;
    }

    /**
     * Weight of an event {@code ageNs} old with the given half-life, 0 beyond {@code maxAgeNs} or for an event in the
     * future or that never happened ({@code eventNs == Long.MIN_VALUE}).
     */
    public static double decay(long nowNs, long eventNs, long halfLifeNs, long maxAgeNs) {
        if (eventNs == Long.MIN_VALUE) {
            return 0.0;
        }
        final long age = nowNs - eventNs;
        if (age < 0 || age > maxAgeNs) {
            return 0.0;
        }
        return Math.exp(-LN2 * age / halfLifeNs);
    }

    /** Sign of {@code x} as -1, 0 or 1. */
    public static int sign(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }
}
