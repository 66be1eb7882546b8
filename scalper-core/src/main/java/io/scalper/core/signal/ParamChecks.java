package io.scalper.core.signal;

/** Validation helpers for signal parameter records: each failure names the key. */
final class ParamChecks {
    private ParamChecks() {}

    static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + ": must be in [0, 1], got " + v);
        }
    }

    static void positive(String key, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + v);
        }
    }

    static void nonNegative(String key, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + ": must be >= 0, got " + v);
        }
    }

    static void positiveNs(String key, long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + ns + "ns");
        }
    }

    static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(key + ": must be >= " + min + ", got " + v);
        }
    }

    static void ages(String prefix, long halfLifeNs, long maxAgeNs) {
        positiveNs(prefix + ".halfLife", halfLifeNs);
        if (maxAgeNs < halfLifeNs) {
            throw new IllegalArgumentException(
                    prefix + ".maxAge: must be >= " + prefix + ".halfLife, got " + maxAgeNs + "ns");
        }
    }
}
