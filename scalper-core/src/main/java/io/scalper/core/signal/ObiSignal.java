package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * OBI — order-book imbalance. Positive when the book is bid-heavy over the top levels, the imbalance is rising, and the
 * micro-price sits above mid: {@code imbalanceWeight × obi + rocWeight × tanh(roc / rocScale) + microWeight ×
 * (micro − mid) / (spread / 2)}, clamped to [-1, 1]. 0 while the book is not valid.
 */
public final class ObiSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.obi}).
     *
     * @param imbalanceWeight weight of the imbalance itself
     * @param rocWeight weight of its rate of change
     * @param rocScalePerSec rate of change (per second) that gives a full tanh
     * @param microWeight weight of the micro-price pressure
     */
    public record Params(double imbalanceWeight, double rocWeight, double rocScalePerSec, double microWeight) {
        public Params {
            ParamChecks.nonNegative("signals.obi.imbalanceWeight", imbalanceWeight);
            ParamChecks.nonNegative("signals.obi.rocWeight", rocWeight);
            ParamChecks.positive("signals.obi.rocScalePerSec", rocScalePerSec);
            ParamChecks.nonNegative("signals.obi.microWeight", microWeight);
            if (imbalanceWeight + rocWeight + microWeight <= 0) {
                throw new IllegalArgumentException("signals.obi.imbalanceWeight: the three weights sum to 0");
            }
        }

        public static Params defaults() {
            return new Params(0.6, 0.2, 1.0, 0.2);
        }
    }

    private final Params p;

    public ObiSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "obi";
    }

    @Override
    public double score(Features f) {
        if (!f.bookValid() || f.spreadTicks() <= 0) {
            return 0.0;
        }
        final double micro = f.microMinusMidTicks() / (f.spreadTicks() * 0.5);
        return Scores.clamp(p.imbalanceWeight() * f.obi()
                + p.rocWeight() * Math.tanh(f.obiRocPerSec() / p.rocScalePerSec())
                + p.microWeight() * Scores.clamp(micro));
    }
}
