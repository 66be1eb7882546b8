package io.scalper.core.signal;

import io.scalper.core.feature.VolRegime;

/**
 * The outcome of fusing every signal at one instant: direction, fused score in [-1, 1], confidence in [0, 1], and each
 * signal's score and current weight. One instance per {@link SignalFusion}, rewritten in place for every event: copy what
 * you keep.
 */
public final class Decision {
    /** Direction: expect a rise, go long. */
    public static final int LONG = 1;
    /** Direction: no entry. */
    public static final int FLAT = 0;
    /** Direction: expect a fall, go short. */
    public static final int SHORT = -1;

    private final String[] names;
    final double[] scores;
    final double[] weights;
    long timeNs;
    int direction;
    double fused;
    double confidence;
    double mid = Double.NaN;
    int regime = VolRegime.NORMAL;
    boolean vetoed;
    long sequence;

    Decision(String[] names) {
        this.names = names;
        this.scores = new double[names.length];
        this.weights = new double[names.length];
    }

    /** Event time of the decision, ns since the epoch. */
    public long timeNs() {
        return timeNs;
    }

    /** {@link #LONG}, {@link #SHORT} or {@link #FLAT}. */
    public int direction() {
        return direction;
    }

    /** Weight-normalised sum of the scores, in [-1, 1]. */
    public double fused() {
        return fused;
    }

    /** Confidence in [0, 1] from the signals' agreement and activity. */
    public double confidence() {
        return confidence;
    }

    /** Mid price (ticks) when the decision was made. */
    public double mid() {
        return mid;
    }

    /** {@link VolRegime} class at the decision. */
    public int regime() {
        return regime;
    }

    /** Whether entries are vetoed (extreme volatility or an invalid book), whatever the score. */
    public boolean vetoed() {
        return vetoed;
    }

    /** Decisions made so far by the fusion (1 for the first). */
    public long sequence() {
        return sequence;
    }

    public int signalCount() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public double score(int i) {
        return scores[i];
    }

    /** Current (normalised, possibly adapted) weight of signal {@code i}. */
    public double weight(int i) {
        return weights[i];
    }

    /** Index of a signal by name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Lower-case direction name. */
    public static String directionName(int direction) {
        return direction > 0 ? "long" : direction < 0 ? "short" : "flat";
    }

    @Override
    public String toString() {
        return "Decision[" + directionName(direction) + " fused=" + fused + " confidence=" + confidence + " regime="
                + VolRegime.name(regime) + (vetoed ? " vetoed" : "") + "]";
    }
}
