package io.scalper.core.edge;

/**
 * The expected-edge gate (YAML section {@code edge}). Before every entry the expected move of the mid over {@code
 * horizon}, in the entry's direction, from an {@link EdgeCalibration} of the fused score learned online from the
 * forward returns of every decision, must exceed the round-trip cost of the likely execution path plus a margin;
 * otherwise the entry is refused with {@code edge_below_cost}. Immutable; validated with a message naming the key.
 *
 * @param enabled whether the gate refuses entries (the calibration is learned either way)
 * @param horizonNs the holding horizon the calibration measures forward returns over
 * @param sampleIntervalNs decisions are sampled for the calibration at most this often
 * @param path the execution path whose cost an entry must beat: {@code makerMaker}, {@code makerTaker} or {@code
 *     takerTaker} (entry post-only or IOC, exit by the take-profit or the stop). The default, {@code takerTaker}, is the
 *     path the router takes for an entry whose edge clears it: an IOC at once. A cheaper path lets entries rest
 *     post-only, and a resting entry is filled in full when the price comes to it and left a sliver when the price
 *     runs its way (measured: on a market with a real edge after sweeps, winners filled 0.01–0.09 BTC, losers 0.5)
 * @param marginBps what the expected move must exceed the cost by, bps (&ge; 0)
 * @param priorSamples prior strength: pseudo-samples of no move the calibration starts from (&ge; 0)
 * @param halfLifeSamples samples over which what was learned decays by half (0: never)
 * @param calibrationFile a {@code scalper research --out} file to start from instead of "no edge" ({@code ""}: none);
 *     the calibration of {@code horizon} is read from it
 */
public record EdgeConfig(
        boolean enabled,
        long horizonNs,
        long sampleIntervalNs,
        String path,
        double marginBps,
        double priorSamples,
        double halfLifeSamples,
        String calibrationFile) {

    private static final long MS = 1_000_000L;

    public EdgeConfig {
        if (horizonNs < 10 * MS) {
            throw new IllegalArgumentException("edge.horizon: must be >= 10ms, got " + horizonNs + "ns");
        }
        if (sampleIntervalNs < MS || sampleIntervalNs > horizonNs) {
            throw new IllegalArgumentException(
                    "edge.sampleInterval: must be between 1ms and the horizon, got " + sampleIntervalNs + "ns");
        }
        if (path == null || !RoundTripCosts.PATHS.contains(path)) {
            throw new IllegalArgumentException("edge.path: one of " + RoundTripCosts.PATHS + ", got " + path);
        }
        if (!(marginBps >= 0 && Double.isFinite(marginBps))) {
            throw new IllegalArgumentException("edge.marginBps: must be >= 0, got " + marginBps);
        }
        if (!(priorSamples >= 0 && Double.isFinite(priorSamples))) {
            throw new IllegalArgumentException("edge.priorSamples: must be >= 0, got " + priorSamples);
        }
        if (!(halfLifeSamples >= 0 && Double.isFinite(halfLifeSamples))) {
            throw new IllegalArgumentException("edge.halfLifeSamples: must be >= 0, got " + halfLifeSamples);
        }
        if (calibrationFile == null) {
            throw new IllegalArgumentException("edge.calibrationFile: must not be null (\"\" for none)");
        }
    }

    /** On; 30 s horizon sampled every 250 ms; taker-taker cost plus 1 bp; 200 prior samples; no forgetting; no file. */
    public static EdgeConfig defaults() {
        return new EdgeConfig(
                true, 30_000 * MS, 250 * MS, "takerTaker", 1.0, EdgeCalibration.DEFAULT_PRIOR_SAMPLES, 0, "");
    }

    /** A copy with the gate on or off. */
    public EdgeConfig withEnabled(boolean on) {
        return new EdgeConfig(
                on, horizonNs, sampleIntervalNs, path, marginBps, priorSamples, halfLifeSamples, calibrationFile);
    }

    /** A copy starting from another calibration file. */
    public EdgeConfig withCalibrationFile(String file) {
        return new EdgeConfig(
                enabled, horizonNs, sampleIntervalNs, path, marginBps, priorSamples, halfLifeSamples, file);
    }
}
