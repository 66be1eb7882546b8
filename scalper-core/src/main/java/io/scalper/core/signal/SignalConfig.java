package io.scalper.core.signal;

import java.util.List;

/**
 * Parameters and base weights of the eight built-in signals (YAML section {@code signals}).
 *
 * @param weights base weight of each built-in signal
 */
public record SignalConfig(
        Weights weights,
        ObiSignal.Params obi,
        UmomSignal.Params umom,
        PrtSignal.Params prt,
        LtbSignal.Params ltb,
        SweepSignal.Params sweep,
        IceSignal.Params ice,
        VwapSignal.Params vwap,
        RegimeSignal.Params regime) {

    /**
     * Base weights (YAML {@code signals.weights}); each ≥ 0, not all 0. They need not sum to 1: fusion normalises.
     */
    public record Weights(
            double obi, double umom, double prt, double ltb, double sweep, double ice, double vwap, double regime) {
        public Weights {
            ParamChecks.nonNegative("signals.weights.obi", obi);
            ParamChecks.nonNegative("signals.weights.umom", umom);
            ParamChecks.nonNegative("signals.weights.prt", prt);
            ParamChecks.nonNegative("signals.weights.ltb", ltb);
            ParamChecks.nonNegative("signals.weights.sweep", sweep);
            ParamChecks.nonNegative("signals.weights.ice", ice);
            ParamChecks.nonNegative("signals.weights.vwap", vwap);
            ParamChecks.nonNegative("signals.weights.regime", regime);
            if (obi + umom + prt + ltb + sweep + ice + vwap + regime <= 0) {
                throw new IllegalArgumentException("signals.weights: at least one weight must be > 0");
            }
        }

        /** The seed weights: OBI 0.30, UMOM 0.20, PRT 0.15, LTB 0.12, SWEEP 0.08, ICE 0.05, VWAP 0.07, REGIME 0.03. */
        public static Weights defaults() {
            return new Weights(0.30, 0.20, 0.15, 0.12, 0.08, 0.05, 0.07, 0.03);
        }
    }

    public SignalConfig {
        if (weights == null
                || obi == null
                || umom == null
                || prt == null
                || ltb == null
                || sweep == null
                || ice == null
                || vwap == null
                || regime == null) {
            throw new IllegalArgumentException("signals: every section must be present");
        }
    }

    public static SignalConfig defaults() {
        return new SignalConfig(
                Weights.defaults(),
                ObiSignal.Params.defaults(),
                UmomSignal.Params.defaults(),
                PrtSignal.Params.defaults(),
                LtbSignal.Params.defaults(),
                SweepSignal.Params.defaults(),
                IceSignal.Params.defaults(),
                VwapSignal.Params.defaults(),
                RegimeSignal.Params.defaults());
    }

    /** The eight built-in signals, in the order OBI, UMOM, PRT, LTB, SWEEP, ICE, VWAP, REGIME. */
    public List<Signal> signals() {
        return List.of(
                new ObiSignal(obi),
                new UmomSignal(umom),
                new PrtSignal(prt),
                new LtbSignal(ltb),
                new SweepSignal(sweep),
                new IceSignal(ice),
                new VwapSignal(vwap),
                new RegimeSignal(regime));
    }

    /** Base weights in the order of {@link #signals()}. */
    public double[] baseWeights() {
        final Weights w = weights;
        return new double[] {w.obi(), w.umom(), w.prt(), w.ltb(), w.sweep(), w.ice(), w.vwap(), w.regime()};
    }
}
