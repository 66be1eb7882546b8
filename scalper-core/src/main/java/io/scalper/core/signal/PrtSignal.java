package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * PRT — pull-and-replace trap (spoofing). A large ask shown near the top and pulled without trading was fake selling
 * pressure: fade it, positive. A pulled fake bid: negative. Magnitude grows with the pulled size over the reference
 * size (full at {@code fullMagnitude}) and decays with the pull's age.
 */
public final class PrtSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.prt}).
     *
     * @param fullMagnitude pulled size over reference size that gives a full score
     * @param halfLifeNs half-life of the score after the pull
     * @param maxAgeNs age after which the pull no longer counts
     */
    public record Params(double fullMagnitude, long halfLifeNs, long maxAgeNs) {
        public Params {
            ParamChecks.positive("signals.prt.fullMagnitude", fullMagnitude);
            ParamChecks.ages("signals.prt", halfLifeNs, maxAgeNs);
        }

        public static Params defaults() {
            return new Params(16.0, 2_000_000_000L, 8_000_000_000L);
        }
    }

    private final Params p;

    public PrtSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "prt";
    }

    @Override
    public double score(Features f) {
        final int side = f.pullSide();
        if (side == 0) {
            return 0.0;
        }
        final double decay = Scores.decay(f.timeNs(), f.pullTimeNs(), p.halfLifeNs(), p.maxAgeNs());
        return Scores.clamp(-side * Scores.clamp01(f.pullMagnitude() / p.fullMagnitude()) * decay);
    }
}
