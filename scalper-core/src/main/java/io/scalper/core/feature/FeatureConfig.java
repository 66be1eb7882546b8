package io.scalper.core.feature;

/**
 * Parameters of the {@link FeatureEngine} (YAML section {@code features}). Immutable; validated on construction with an
 * {@link IllegalArgumentException} whose message starts with the key, e.g. {@code features.obiLevels: ...}.
 *
 * @param obiLevels levels per side the order-book imbalance looks at (1..1000)
 * @param obiDistanceDecay per-tick decay of a level's weight by its distance from the touch: weight =
 *     exp(-decay × ticks); 0 weighs levels by size only (≥ 0)
 * @param obiRocHalfLifeNs smoothing of the imbalance's rate of change
 * @param emaFastHalfLifeNs half-life of the fast time-decayed EMA of mid (default 1 s)
 * @param emaSlowHalfLifeNs half-life of the slow EMA of mid (default 5 s); must exceed the fast one
 * @param volHalfLifeNs half-life of short-horizon realised volatility
 * @param volLongHalfLifeNs half-life of the long-horizon volatility baseline the regime compares against
 * @param regimeWarmupNs time before the regime leaves {@code NORMAL} (the baseline needs data)
 * @param regimeLowRatio short/long volatility ratio below which the regime is {@code LOW}
 * @param regimeHighRatio ratio at and above which the regime is {@code HIGH}
 * @param regimeExtremeRatio ratio at and above which the regime is {@code EXTREME}
 * @param driftHalfLifeNs half-life of the EW drift of mid (ticks per second) the REGIME signal reads
 * @param flowFastWindow index of the tape window used as fast trade flow (default 0: 1 s)
 * @param flowSlowWindow index of the tape window used as slow trade flow (default 1: 5 s)
 * @param vwapWindow index of the tape window whose VWAP is the rolling VWAP (default 2: 60 s)
 * @param largeTradeWindowNs window of the large-trade (whale) statistics
 * @param prtNearTicks a level within this many ticks of its side's best price is "near the top"
 * @param prtLargeFactor a level at least this many times the average size of the other top {@code prtReferenceLevels}
 *     is large
 * @param prtReferenceLevels levels per side averaged for the reference size
 * @param prtMinLifeNs a large level pulled sooner than this is ignored (flicker)
 * @param prtMaxLifeNs a large level resting longer than this is no longer watched
 * @param sweepMinLevels distinct prices one aggressive order must take to count as a sweep (≥ 2)
 * @param icebergMinRefills refills at one price before a level counts as an iceberg (≥ 1)
 * @param icebergMinExecutedRatio executed volume at the price over its largest displayed size before it counts (≥ 1)
 */
public record FeatureConfig(
        int obiLevels,
        double obiDistanceDecay,
        long obiRocHalfLifeNs,
        long emaFastHalfLifeNs,
        long emaSlowHalfLifeNs,
        long volHalfLifeNs,
        long volLongHalfLifeNs,
        long regimeWarmupNs,
        double regimeLowRatio,
        double regimeHighRatio,
        double regimeExtremeRatio,
        long driftHalfLifeNs,
        int flowFastWindow,
        int flowSlowWindow,
        int vwapWindow,
        long largeTradeWindowNs,
        int prtNearTicks,
        double prtLargeFactor,
        int prtReferenceLevels,
        long prtMinLifeNs,
        long prtMaxLifeNs,
        int sweepMinLevels,
        int icebergMinRefills,
        double icebergMinExecutedRatio) {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    public FeatureConfig {
        range("features.obiLevels", obiLevels, 1, 1000);
        nonNegative("features.obiDistanceDecay", obiDistanceDecay);
        positive("features.obiRocHalfLife", obiRocHalfLifeNs);
        positive("features.emaFastHalfLife", emaFastHalfLifeNs);
        positive("features.emaSlowHalfLife", emaSlowHalfLifeNs);
        if (emaSlowHalfLifeNs <= emaFastHalfLifeNs) {
            throw new IllegalArgumentException(
                    "features.emaSlowHalfLife: must be longer than features.emaFastHalfLife");
        }
        positive("features.volHalfLife", volHalfLifeNs);
        positive("features.volLongHalfLife", volLongHalfLifeNs);
        if (volLongHalfLifeNs <= volHalfLifeNs) {
            throw new IllegalArgumentException("features.volLongHalfLife: must be longer than features.volHalfLife");
        }
        if (regimeWarmupNs < 0) {
            throw new IllegalArgumentException("features.regimeWarmup: must be >= 0, got " + regimeWarmupNs);
        }
        if (!(regimeLowRatio > 0 && regimeLowRatio < 1)) {
            throw new IllegalArgumentException("features.regimeLowRatio: must be in (0, 1), got " + regimeLowRatio);
        }
        if (!(regimeHighRatio > 1 && regimeHighRatio < regimeExtremeRatio)) {
            throw new IllegalArgumentException(
                    "features.regimeHighRatio: must be > 1 and < features.regimeExtremeRatio, got " + regimeHighRatio);
        }
        if (!Double.isFinite(regimeExtremeRatio)) {
            throw new IllegalArgumentException("features.regimeExtremeRatio: must be finite");
        }
        positive("features.driftHalfLife", driftHalfLifeNs);
        range("features.flowFastWindow", flowFastWindow, 0, 7);
        range("features.flowSlowWindow", flowSlowWindow, 0, 7);
        range("features.vwapWindow", vwapWindow, 0, 7);
        positive("features.largeTradeWindow", largeTradeWindowNs);
        range("features.prtNearTicks", prtNearTicks, 0, 1_000_000);
        if (!(prtLargeFactor >= 1 && Double.isFinite(prtLargeFactor))) {
            throw new IllegalArgumentException("features.prtLargeFactor: must be >= 1, got " + prtLargeFactor);
        }
        range("features.prtReferenceLevels", prtReferenceLevels, 1, 1000);
        if (prtMinLifeNs < 0 || prtMaxLifeNs <= prtMinLifeNs) {
            throw new IllegalArgumentException(
                    "features.prtMaxLife: must be longer than features.prtMinLife (>= 0), got " + prtMaxLifeNs);
        }
        range("features.sweepMinLevels", sweepMinLevels, 2, 1000);
        range("features.icebergMinRefills", icebergMinRefills, 1, 1_000_000);
        if (!(icebergMinExecutedRatio >= 1 && Double.isFinite(icebergMinExecutedRatio))) {
            throw new IllegalArgumentException(
                    "features.icebergMinExecutedRatio: must be >= 1, got " + icebergMinExecutedRatio);
        }
    }

    /** The defaults documented in {@code config/default.yaml}. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(
                5, 0.0, 1 * S, 1 * S, 5 * S, 5 * S, 1800 * S, 60 * S, 0.5, 1.8, 3.5, 30 * S, 0, 1, 2, 5 * S, 3, 8.0, 10,
                200 * MS, 20 * S, 3, 3, 2.0);
    }

    private static void range(String key, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(key + ": must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    private static void positive(String key, long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + ns + "ns");
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + ": must be >= 0, got " + v);
        }
    }
}
