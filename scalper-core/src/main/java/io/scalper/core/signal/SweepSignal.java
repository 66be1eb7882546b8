package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * SWEEP — one aggressive order took several levels. Positive when a buy swept the asks; magnitude
 * {@code (levels − 1) / (fullLevels − 1)}, decaying with the sweep's age.
 */
public final class SweepSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.sweep}).
     *
     * @param fullLevels levels taken that give a full score (≥ 2)
     * @param halfLifeNs half-life of the score after the sweep
     * @param maxAgeNs age after which the sweep no longer counts
     */
    public record Params(int fullLevels, long halfLifeNs, long maxAgeNs) {
        public Params {
            ParamChecks.atLeast("signals.sweep.fullLevels", fullLevels, 2);
            ParamChecks.ages("signals.sweep", halfLifeNs, maxAgeNs);
        }

        public static Params defaults() {
            return new Params(6, 2_000_000_000L, 10_000_000_000L);
        }
    }

    private final Params p;

    public SweepSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public double score(Features f) {
        final int side = f.sweepSide();
        if (side == 0) {
            return 0.0;
        }
        final double decay = Scores.decay(f.timeNs(), f.sweepTimeNs(), p.halfLifeNs(), p.maxAgeNs());
        final double size = Scores.clamp01((f.sweepLevels() - 1.0) / (p.fullLevels() - 1.0));
        return Scores.clamp(side * size * decay);
    }
}
