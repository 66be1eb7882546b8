package io.scalper.core.signal;

import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;

/**
 * UMOM — micro-momentum. Positive when the fast (1 s) EMA of mid is above the slow (5 s) one and aggressive buy flow
 * confirms it: {@code tanh((emaFast − emaSlow) / (max(vol, minVolTicks) × volScale))}, scaled by
 * {@code confirmBase + (1 − confirmBase) × |flow|} when flow agrees and by {@code againstFactor} when it disagrees. 0
 * when the volatility regime is {@code LOW} (too quiet) or {@code EXTREME} (too wild), or the book is not valid.
 */
public final class UmomSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.umom}).
     *
     * @param volScale EMA gap, in units of short-horizon volatility (ticks/√s), that gives tanh(1)
     * @param minVolTicks floor of the volatility used to normalise, ticks
     * @param confirmBase fraction of the score kept with agreeing but weak flow, [0, 1]
     * @param againstFactor fraction kept when flow disagrees, [0, 1]
     */
    public record Params(double volScale, double minVolTicks, double confirmBase, double againstFactor) {
        public Params {
            ParamChecks.positive("signals.umom.volScale", volScale);
            ParamChecks.positive("signals.umom.minVolTicks", minVolTicks);
            ParamChecks.unit("signals.umom.confirmBase", confirmBase);
            ParamChecks.unit("signals.umom.againstFactor", againstFactor);
        }

        public static Params defaults() {
            return new Params(1.0, 0.5, 0.5, 0.0);
        }
    }

    private final Params p;

    public UmomSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "umom";
    }

    @Override
    public double score(Features f) {
        final int regime = f.regime();
        if (!f.bookValid() || regime == VolRegime.LOW || regime == VolRegime.EXTREME) {
            return 0.0;
        }
        final double gap = f.emaFast() - f.emaSlow();
        final double vol = Math.max(f.volTicksPerSqrtSec(), p.minVolTicks());
        final double base = Math.tanh(gap / (vol * p.volScale()));
        final double flow = f.flowImbalanceFast();
        final double factor =
                flow * base > 0 ? p.confirmBase() + (1 - p.confirmBase()) * Math.abs(flow) : p.againstFactor();
        return Scores.clamp(base * factor);
    }
}
