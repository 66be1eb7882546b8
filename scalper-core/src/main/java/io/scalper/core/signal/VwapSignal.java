package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * VWAP — mean reversion toward the rolling VWAP. Positive when mid is below VWAP by more than {@code threshold}
 * volatility units (expect a move back up), reaching 1 at {@code full} units; 0 inside the threshold.
 */
public final class VwapSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.vwap}).
     *
     * @param threshold distance from VWAP, in volatility units, below which the signal is silent
     * @param full distance that gives a full score (&gt; threshold)
     */
    public record Params(double threshold, double full) {
        public Params {
            ParamChecks.nonNegative("signals.vwap.threshold", threshold);
            if (!(full > threshold && Double.isFinite(full))) {
                throw new IllegalArgumentException("signals.vwap.full: must be > signals.vwap.threshold, got " + full);
            }
        }

        public static Params defaults() {
            return new Params(1.5, 3.0);
        }
    }

    private final Params p;

    public VwapSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "vwap";
    }

    @Override
    public double score(Features f) {
        if (!f.bookValid() || Double.isNaN(f.vwapTicks())) {
            return 0.0;
        }
        final double z = f.vwapDistanceVol();
        final double excess = Math.abs(z) - p.threshold();
        if (!(excess > 0)) {
            return 0.0;
        }
        return Scores.clamp(-Scores.sign(z) * excess / (p.full() - p.threshold()));
    }
}
