package io.scalper.core.feature;

/**
 * Volatility regime classes, as {@code int} constants so the hot path never touches an object. Short-horizon realised
 * volatility is compared with its long-horizon baseline; see {@link FeatureConfig}.
 */
public final class VolRegime {
    /** Much quieter than usual. */
    public static final int LOW = 0;
    /** Usual. */
    public static final int NORMAL = 1;
    /** Clearly more volatile than usual. */
    public static final int HIGH = 2;
    /** Far more volatile than usual: entries are vetoed. */
    public static final int EXTREME = 3;

    private static final String[] NAMES = {"low", "normal", "high", "extreme"};

    private VolRegime() {}

    /** Lower-case name of a class ({@code "low"} ... {@code "extreme"}). */
    public static String name(int regime) {
        return regime >= 0 && regime < NAMES.length ? NAMES[regime] : "unknown";
    }
}
