package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * LTB — large trade burst. Positive for a burst of large aggressive buys: the net direction of large trades by volume
 * in the large-trade window, times {@code min(1, count / fullCount)}; 0 below {@code minCount} large trades.
 */
public final class LtbSignal implements Signal {
    /**
     * Parameters (YAML {@code signals.ltb}).
     *
     * @param minCount large trades in the window before the signal speaks (≥ 1)
     * @param fullCount large trades that give a full score (≥ minCount)
     */
    public record Params(int minCount, int fullCount) {
        public Params {
            ParamChecks.atLeast("signals.ltb.minCount", minCount, 1);
            ParamChecks.atLeast("signals.ltb.fullCount", fullCount, minCount);
        }

        public static Params defaults() {
            return new Params(2, 5);
        }
    }

    private final Params p;

    public LtbSignal(Params params) {
        this.p = params;
    }

    @Override
    public String name() {
        return "ltb";
    }

    @Override
    public double score(Features f) {
        final int count = f.largeTradeCount();
        if (count < p.minCount()) {
            return 0.0;
        }
        return Scores.clamp(f.largeTradeNet() * Math.min(1.0, (double) count / p.fullCount()));
    }
}
