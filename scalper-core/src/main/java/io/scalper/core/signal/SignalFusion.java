package io.scalper.core.signal;

import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fuses signal scores into one {@link Decision} per event: fused score = weight-normalised sum of the scores, in [-1,
 * 1]; confidence = agreement × min(1, activity / fullActivity), where activity is the weighted mean |score| and
 * agreement is |fused| / activity (1 when every active signal points the same way). The direction is long or short when
 * |fused| ≥ {@code entryScore} and confidence ≥ {@code minConfidence}, and flat otherwise or when vetoed (extreme
 * volatility regime or an invalid book). Weights adapt through {@link AdaptiveWeights}.
 *
 * <p>Built with {@link #builder(FusionConfig)}. {@link #evaluate(Features)} allocates nothing. Not thread-safe.
 */
public final class SignalFusion {
    private final FusionConfig cfg;
    private final Signal[] signals;
    private final AdaptiveWeights adaptive;
    private final Decision decision;
    private final double[] scores;

    private SignalFusion(FusionConfig cfg, List<Signal> signals, double[] weights) {
        this.cfg = cfg;
        this.signals = signals.toArray(new Signal[0]);
        final String[] names = new String[this.signals.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = this.signals[i].name();
        }
        this.adaptive = new AdaptiveWeights(weights, cfg.adaptive());
        this.decision = new Decision(names);
        this.scores = new double[names.length];
    }

    /** A builder; add signals with their base weights. */
    public static Builder builder(FusionConfig config) {
        return new Builder(config);
    }

    public FusionConfig config() {
        return cfg;
    }

    public AdaptiveWeights weights() {
        return adaptive;
    }

    /** Number of signals. */
    public int size() {
        return signals.length;
    }

    public Signal signal(int i) {
        return signals[i];
    }

    /** The decision holder (the one {@link #evaluate} rewrites). */
    public Decision decision() {
        return decision;
    }

    /** Scores every signal on {@code features}, fuses them and returns the (reused) decision. */
    public Decision evaluate(Features features) {
        final int n = signals.length;
        final double[] s = scores;
        for (int i = 0; i < n; i++) {
            final double v = signals[i].score(features);
            s[i] = v == v ? Scores.clamp(v) : 0.0;
        }
        final long now = features.timeNs();
        adaptive.observe(now, features.mid(), s);
        double weighted = 0;
        double activity = 0;
        double weightSum = 0;
        final Decision d = decision;
        for (int i = 0; i < n; i++) {
            final double w = adaptive.weight(i);
            d.weights[i] = w;
            d.scores[i] = s[i];
            weighted += w * s[i];
            activity += w * Math.abs(s[i]);
            weightSum += w;
        }
        final double fused = weightSum > 0 ? Scores.clamp(weighted / weightSum) : 0.0;
        final double act = weightSum > 0 ? activity / weightSum : 0.0;
        final double agreement = act > 0 ? Math.abs(fused) / act : 0.0;
        final double confidence = Scores.clamp01(agreement * Math.min(1.0, act / cfg.fullActivity()));
        final int regime = features.regime();
        final boolean vetoed = regime == VolRegime.EXTREME || !features.bookValid();
        d.timeNs = now;
        d.fused = fused;
        d.confidence = confidence;
        d.mid = features.mid();
        d.regime = regime;
        d.vetoed = vetoed;
        d.sequence++;
        if (!vetoed && confidence >= cfg.minConfidence() && Math.abs(fused) >= cfg.entryScore()) {
            d.direction = fused > 0 ? Decision.LONG : Decision.SHORT;
        } else {
            d.direction = Decision.FLAT;
        }
        return d;
    }

    /** Assembles a fusion from signals and base weights. */
    /** Format of {@link #weightsToJson()}. */
    public static final String WEIGHTS_FORMAT = "scalper.adaptive-weights";

    /**
     * Version of {@link #weightsToJson()}: 2 since edges are learned from active samples only. A version-1 file
     * (edges diluted by every silent sample, no per-signal counts) is read as nothing learned.
     */
    public static final int WEIGHTS_VERSION = 2;

    /**
     * What the adaptive weights learned, as JSON: {@code {"format":"scalper.adaptive-weights","version":2,
     * "resolved":N,"edges":{"obi":x,...},"samples":{"obi":N,...},"moveBps":{"obi":x,...}}}. Read back with {@link #restoreWeights(String)}.
     */
    public String weightsToJson() {
        final io.scalper.core.metrics.JsonWriter w = new io.scalper.core.metrics.JsonWriter();
        w.beginObject().name("format").value(WEIGHTS_FORMAT).name("version").value(WEIGHTS_VERSION);
        w.name("resolved").value(adaptive.resolved());
        w.name("edges").beginObject();
        for (int i = 0; i < size(); i++) {
            w.name(signal(i).name()).value(adaptive.edge(i));
        }
        w.endObject();
        w.name("samples").beginObject();
        for (int i = 0; i < size(); i++) {
            w.name(signal(i).name()).value(adaptive.samples(i));
        }
        w.endObject();
        w.name("moveBps").beginObject();
        for (int i = 0; i < size(); i++) {
            w.name(signal(i).name()).value(adaptive.moveBps(i));
        }
        w.endObject().endObject();
        return w.toString();
    }

    /**
     * Restores weights learned before ({@link #weightsToJson()}), by signal name: a signal the text does not name
     * starts from no edge, a name this fusion does not have is ignored. A version-1 text restores nothing (see
     * {@link #WEIGHTS_VERSION}).
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public void restoreWeights(String json) {
        final Object root;
        try {
            root = io.scalper.core.util.JsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adaptive weights: not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof java.util.Map<?, ?> m) || !WEIGHTS_FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("adaptive weights: format is not " + WEIGHTS_FORMAT);
        }
        if (!(m.get("edges") instanceof java.util.Map<?, ?> edges) || !(m.get("resolved") instanceof Double resolved)) {
            throw new IllegalArgumentException("adaptive weights: expected \"resolved\" and \"edges\"");
        }
        if (!(m.get("version") instanceof Double version) || version.intValue() < WEIGHTS_VERSION) {
            return;
        }
        if (!(m.get("samples") instanceof java.util.Map<?, ?> counts)
                || !(m.get("moveBps") instanceof java.util.Map<?, ?> moves)) {
            throw new IllegalArgumentException("adaptive weights: expected \"samples\" and \"moveBps\"");
        }
        final double[] values = new double[size()];
        final long[] n = new long[size()];
        final double[] bps = new double[size()];
        for (int i = 0; i < size(); i++) {
            final String name = signal(i).name();
            final boolean known = edges.get(name) instanceof Double
                    && counts.get(name) instanceof Double
                    && moves.get(name) instanceof Double;
            values[i] = known ? (Double) edges.get(name) : 0.0;
            n[i] = known ? ((Double) counts.get(name)).longValue() : 0L;
            bps[i] = known ? (Double) moves.get(name) : 0.0;
        }
        adaptive.restore(values, n, bps, resolved.longValue());
    }

    public static final class Builder {
        private final FusionConfig config;
        private final List<Signal> signals = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        private Builder(FusionConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds the eight built-in signals with their configured base weights. */
        public Builder addBuiltIns(SignalConfig signalConfig) {
            final List<Signal> builtIns = signalConfig.signals();
            final double[] w = signalConfig.baseWeights();
            for (int i = 0; i < builtIns.size(); i++) {
                add(builtIns.get(i), w[i]);
            }
            return this;
        }

        /**
         * Adds a signal with a base weight (≥ 0; weights are normalised over all signals).
         *
         * @throws IllegalArgumentException if the weight is negative or the name is already taken
         */
        public Builder add(Signal signal, double weight) {
            Objects.requireNonNull(signal, "signal");
            final String name = Objects.requireNonNull(signal.name(), "signal.name()");
            if (!(weight >= 0 && Double.isFinite(weight))) {
                throw new IllegalArgumentException("weight of signal " + name + ": must be >= 0, got " + weight);
            }
            for (Signal s : signals) {
                if (s.name().equals(name)) {
                    throw new IllegalArgumentException("a signal named " + name + " is already registered");
                }
            }
            signals.add(signal);
            weights.add(weight);
            return this;
        }

        /**
         * @throws IllegalArgumentException if no signal was added or every weight is 0
         */
        public SignalFusion build() {
            final double[] w = new double[weights.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i);
            }
            return new SignalFusion(config, signals, w);
        }
    }
}
