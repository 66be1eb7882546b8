package io.scalper.core.signal;

import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;

/**
 * REGIME — regime-conditioned drift. The exponentially weighted drift of mid in volatility units,
 * {@code tanh(drift / (max(vol, minVolTicks) × driftScale))}, scaled by {@code lowMultiplier} in a {@code LOW} regime
 * and silenced in {@code EXTREME} (where fusion vetoes entries anyway). The regime class itself is a feature
 * ({@link Features#regime()}) that fusion and risk read.
 */
public final class RegimeSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.regime}).
     *
     * @param driftScale drift, in volatility units per second, that gives tanh(1)
     * @param minVolTicks floor of the volatility used to normalise, ticks
     * @param lowMultiplier score multiplier in a LOW regime, [0, 1]
     * @param highMultiplier score multiplier in a HIGH regime, [0, 1]
     */
    public record Params(double driftScale, double minVolTicks, double lowMultiplier, double highMultiplier) {
        public Params {
            ParamChecks.positive("signals.regime.driftScale", driftScale);
            ParamChecks.positive("signals.regime.minVolTicks", minVolTicks);
            ParamChecks.unit("signals.regime.lowMultiplier", lowMultiplier);
            ParamChecks.unit("signals.regime.highMultiplier", highMultiplier);
        }

        public static Params defaults() {
            return new Params(0.5, 0.5, 0.5, 1.0);
        }
    }

    private final Params p;

    public RegimeSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "regime";
    }

    @Override
    public double score(Features f) {
        final int regime = f.regime();
        if (regime == VolRegime.EXTREME || !f.bookValid()) {
            return 0.0;
        }
        final double vol = Math.max(f.volTicksPerSqrtSec(), p.minVolTicks());
        final double raw = Math.tanh(f.driftTicksPerSec() / (vol * p.driftScale()));
        final double m =
                regime == VolRegime.LOW ? p.lowMultiplier() : regime == VolRegime.HIGH ? p.highMultiplier() : 1.0;
        return Scores.clamp(raw * m);
    }
}
