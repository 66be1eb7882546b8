package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * ICE — iceberg absorption. Positive when a bid keeps refilling while sells hit it (a hidden buyer absorbing); negative
 * for an ask iceberg absorbing buys. Magnitude {@code refills / fullRefills}, decaying from the last refill.
 */
public final class IceSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.ice}).
     *
     * @param fullRefills refills that give a full score (≥ 1)
     * @param halfLifeNs half-life of the score after the last refill
     * @param maxAgeNs age after which the iceberg no longer counts
     */
    public record Params(int fullRefills, long halfLifeNs, long maxAgeNs) {
        public Params {
            ParamChecks.atLeast("signals.ice.fullRefills", fullRefills, 1);
            ParamChecks.ages("signals.ice", halfLifeNs, maxAgeNs);
        }

        public static Params defaults() {
            return new Params(6, 3_000_000_000L, 15_000_000_000L);
        }
    }

    private final Params p;

    public IceSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "ice";
    }

    @Override
    public double score(Features f) {
        final int side = f.icebergSide();
        if (side == 0) {
            return 0.0;
        }
        final double decay = Scores.decay(f.timeNs(), f.icebergTimeNs(), p.halfLifeNs(), p.maxAgeNs());
        return Scores.clamp(side * Scores.clamp01((double) f.icebergRefills() / p.fullRefills()) * decay);
    }
}
