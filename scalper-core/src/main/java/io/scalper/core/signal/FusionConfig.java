package io.scalper.core.signal;

/**
 * Fusion settings (YAML section {@code fusion}).
 *
 * @param entryScore |fused score| at and above which the decision has a direction (read by risk/execution)
 * @param minConfidence confidence at and above which the decision has a direction
 * @param fullActivity weighted mean |score| at which confidence stops growing with activity
 * @param adaptive adaptive-weight settings
 */
public record FusionConfig(double entryScore, double minConfidence, double fullActivity, Adaptive adaptive) {

    /**
     * Online re-weighting by measured edge (YAML {@code fusion.adaptive}). Every {@code sampleInterval} the scores and
     * mid are recorded; after {@code horizon} the mid move resolves each score into a hit ({@code score × sign(move)},
     * moves of 0 ticks are skipped). A signal learns only from the samples where it was active ({@code |score| ≥
     * activeScore}): a signal that speaks rarely is judged by what it said, not diluted by its silences. Its edge is the
     * running mean of those hits, becoming an EWMA with weight {@code smoothing} once {@code 1 / smoothing} have
     * resolved. Once {@code minSamples} of its own have resolved, a signal's weight is its base weight × {@code
     * clamp(gain × edge, floor, cap)} — proportional to its measured edge, the floor for none or a negative one —
     * renormalised to sum 1; before that its multiplier is 1.
     */
    public record Adaptive(
            boolean enabled,
            long horizonNs,
            long sampleIntervalNs,
            double smoothing,
            double gain,
            double floor,
            double cap,
            int minSamples,
            double activeScore) {
        public Adaptive {
            ParamChecks.positiveNs("fusion.adaptive.horizon", horizonNs);
            ParamChecks.positiveNs("fusion.adaptive.sampleInterval", sampleIntervalNs);
            if (horizonNs / sampleIntervalNs > 65_536) {
                throw new IllegalArgumentException(
                        "fusion.adaptive.sampleInterval: too small for the horizon (at most 65536 pending samples)");
            }
            if (!(smoothing > 0 && smoothing <= 1)) {
                throw new IllegalArgumentException("fusion.adaptive.smoothing: must be in (0, 1], got " + smoothing);
            }
            ParamChecks.nonNegative("fusion.adaptive.gain", gain);
            if (!(floor > 0 && floor <= 1)) {
                throw new IllegalArgumentException("fusion.adaptive.floor: must be in (0, 1], got " + floor);
            }
            if (!(cap >= 1 && Double.isFinite(cap))) {
                throw new IllegalArgumentException("fusion.adaptive.cap: must be >= 1, got " + cap);
            }
            ParamChecks.atLeast("fusion.adaptive.minSamples", minSamples, 0);
            if (!(activeScore > 0 && activeScore <= 1)) {
                throw new IllegalArgumentException(
                        "fusion.adaptive.activeScore: must be in (0, 1], got " + activeScore);
            }
        }

        public static Adaptive defaults() {
            return new Adaptive(true, 30_000_000_000L, 250_000_000L, 0.005, 10.0, 0.1, 10.0, 50, 0.2);
        }
    }

    public FusionConfig {
        ParamChecks.unit("fusion.entryScore", entryScore);
        ParamChecks.unit("fusion.minConfidence", minConfidence);
        if (!(fullActivity > 0 && fullActivity <= 1)) {
            throw new IllegalArgumentException("fusion.fullActivity: must be in (0, 1], got " + fullActivity);
        }
        if (adaptive == null) {
            throw new IllegalArgumentException("fusion.adaptive: must be present");
        }
    }

    public static FusionConfig defaults() {
        return new FusionConfig(0.35, 0.4, 0.3, Adaptive.defaults());
    }
}
