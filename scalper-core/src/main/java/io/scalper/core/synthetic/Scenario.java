package io.scalper.core.synthetic;

import io.scalper.core.util.Durations;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A pattern to inject into a {@link SyntheticMarket}: its kind, when it starts (ns after the market's start time) and
 * optional parameters. Text form, for {@link #parse(String)} and the command line: {@code NAME@TIME[:key=value,...]},
 * e.g. {@code SPOOF_ASK@30s}, {@code sweep_up@1m:levels=7}, {@code REGIME_SHIFT@2m:regime=extreme,duration=30s}.
 *
 * <h2>Parameters</h2>
 * Durations take a unit ({@code 500ms}, {@code 3s}); a parameter left out takes the default shown (a range means a
 * seeded random draw in that range).
 * <table>
 *   <caption>Parameters by kind</caption>
 *   <tr><th>kinds</th><th>parameters</th></tr>
 *   <tr><td>SPOOF_BID, SPOOF_ASK</td><td>{@code hold} 1s–10s (2–4 s), {@code distance} ticks behind the touch 1–3
 *       (1–3), {@code multiple} of the median level size 15–100 (20), {@code drift} ticks 0–1000 (8), {@code driftTime}
 *       (3 s)</td></tr>
 *   <tr><td>ICEBERG_BID, ICEBERG_ASK</td><td>{@code fills} 2–50 (8–15), {@code duration} 1s–60s (5 s), {@code drift}
 *       (8), {@code driftTime} (3 s)</td></tr>
 *   <tr><td>SWEEP_UP, SWEEP_DOWN</td><td>{@code levels} 1–50 (5), {@code drift} (5), {@code driftTime} (2 s)</td></tr>
 *   <tr><td>BURST_BUY, BURST_SELL</td><td>{@code trades} 1–50 (6–12), {@code duration} 100ms–30s (2 s), {@code drift}
 *       (6), {@code driftTime} (3 s)</td></tr>
 *   <tr><td>REGIME_SHIFT</td><td>{@code regime} LOW, NORMAL, HIGH or EXTREME (HIGH), {@code duration} 1s–24h (60 s)</td></tr>
 *   <tr><td>TREND_UP, TREND_DOWN</td><td>{@code duration} 1s–24h (60 s), {@code rate} ticks per second 0.1–100
 *       (1.5)</td></tr>
 * </table>
 * {@code driftTime} is 500ms–60s for every kind that has it.
 *
 * <h2>Spacing</h2>
 * A scenario controls the market for {@link #windowNs()} from its start: its pattern, its post-episode drift and one
 * second to settle (defaults: spoof 8 s, iceberg 12 s, sweep 4 s, burst 6 s, regime shift and trend their duration + 1
 * s). The windows of the scenarios given to one market must not overlap; {@link SyntheticMarket} refuses them.
 *
 * @param kind the pattern
 * @param atNs start, ns after {@link GeneratorConfig#startTimeNs()}, &ge; 0
 * @param params parameters by name (names are matched ignoring case and stored in their canonical spelling)
 */
public record Scenario(ScenarioKind kind, long atNs, Map<String, String> params) {
    /** Parameter: levels a sweep takes. */
    public static final String LEVELS = "levels";
    /** Parameter: how long a spoof rests. */
    public static final String HOLD = "hold";
    /** Parameter: ticks between the touch and a spoof. */
    public static final String DISTANCE = "distance";
    /** Parameter: spoof size as a multiple of the median level size near the top. */
    public static final String MULTIPLE = "multiple";
    /** Parameter: executions against an iceberg. */
    public static final String FILLS = "fills";
    /** Parameter: trades in a burst. */
    public static final String TRADES = "trades";
    /** Parameter: duration of an iceberg, burst, regime shift or trend. */
    public static final String DURATION = "duration";
    /** Parameter: regime forced by a regime shift. */
    public static final String REGIME = "regime";
    /** Parameter: drift of a trend in ticks per second. */
    public static final String RATE = "rate";
    /** Parameter: post-episode drift in ticks. */
    public static final String DRIFT = "drift";
    /** Parameter: duration of the post-episode drift. */
    public static final String DRIFT_TIME = "driftTime";

    static final long SETTLE_NS = 1_000_000_000L;
    static final long SPOOF_MIN_HOLD_NS = 2_000_000_000L;
    static final long SPOOF_MAX_HOLD_NS = 4_000_000_000L;
    static final long ICEBERG_REFILL_SLACK_NS = 3_000_000_000L;
    static final long SWEEP_BLOCK_SLACK_NS = 1_000_000_000L;

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    public Scenario {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(params, "params");
        if (atNs < 0) {
            throw new IllegalArgumentException("scenario " + kind + ": start must be >= 0, got " + atNs + "ns");
        }
        final TreeMap<String, String> canonical = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            final Param p = Param.forKind(e.getKey(), kind);
            if (p == null) {
                throw new IllegalArgumentException("scenario " + kind + ": unknown parameter '" + e.getKey()
                        + "' (allowed: " + Param.allowedFor(kind) + ")");
            }
            final String value =
                    Objects.requireNonNull(e.getValue(), e.getKey()).trim();
            p.check(value);
            canonical.put(p.key, value);
        }
        params = java.util.Collections.unmodifiableMap(canonical);
    }

    /** A scenario with default parameters. */
    public static Scenario of(ScenarioKind kind, long atNs) {
        return new Scenario(kind, atNs, Map.of());
    }

    /** A scenario with parameters, e.g. {@code of(SWEEP_UP, 60_000_000_000L, Map.of("levels", "7"))}. */
    public static Scenario of(ScenarioKind kind, long atNs, Map<String, String> params) {
        return new Scenario(kind, atNs, params);
    }

    /**
     * Parses {@code NAME@TIME[:key=value,...]}; the name ignores case, the time is a duration such as {@code 30s} or
     * {@code 1m30s}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Scenario parse(String text) {
        Objects.requireNonNull(text, "text");
        final String t = text.trim();
        final int at = t.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException(
                    "scenario '" + text + "': expected NAME@TIME[:key=value,...], e.g. SPOOF_ASK@30s");
        }
        final String name = t.substring(0, at).trim().toUpperCase(Locale.ROOT);
        final ScenarioKind kind;
        try {
            kind = ScenarioKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario '" + text + "': unknown kind '"
                    + t.substring(0, at).trim() + "' (one of " + java.util.Arrays.toString(ScenarioKind.values())
                    + ")");
        }
        final int colon = t.indexOf(':', at + 1);
        final String time = (colon < 0 ? t.substring(at + 1) : t.substring(at + 1, colon)).trim();
        final long atNs;
        try {
            atNs = Durations.parseNs(time);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario '" + text + "': bad start time: " + e.getMessage());
        }
        final TreeMap<String, String> params = new TreeMap<>();
        if (colon >= 0) {
            for (String pair : t.substring(colon + 1).split(",", -1)) {
                final int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "scenario '" + text + "': expected key=value, got '" + pair.trim() + "'");
                }
                final String key = pair.substring(0, eq).trim();
                if (params.put(
                                key.toLowerCase(Locale.ROOT),
                                pair.substring(eq + 1).trim())
                        != null) {
                    throw new IllegalArgumentException("scenario '" + text + "': parameter '" + key + "' given twice");
                }
            }
        }
        try {
            return new Scenario(kind, atNs, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario '" + text + "': " + stripPrefix(e.getMessage(), kind));
        }
    }

    private static String stripPrefix(String message, ScenarioKind kind) {
        final String prefix = "scenario " + kind + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The raw value of a parameter, or {@code null} when it was not given. */
    public String param(String key) {
        final Param p = Param.find(key);
        return p == null ? null : params.get(p.key);
    }

    /**
     * How long this scenario controls the market from {@link #atNs()}: its pattern, its post-episode drift and one
     * second to settle. The next scenario must start at least this much later.
     */
    public long windowNs() {
        switch (kind) {
            case SPOOF_BID:
            case SPOOF_ASK:
                return durationParam(HOLD, SPOOF_MAX_HOLD_NS) + driftTimeNs() + SETTLE_NS;
            case ICEBERG_BID:
            case ICEBERG_ASK:
                return durationParam(DURATION, 5 * S) + ICEBERG_REFILL_SLACK_NS + driftTimeNs() + SETTLE_NS;
            case SWEEP_UP:
            case SWEEP_DOWN:
                return SWEEP_BLOCK_SLACK_NS + driftTimeNs() + SETTLE_NS;
            case BURST_BUY:
            case BURST_SELL:
                return durationParam(DURATION, 2 * S) + driftTimeNs() + SETTLE_NS;
            default:
                return durationParam(DURATION, 60 * S) + SETTLE_NS;
        }
    }

    /** The text form, which {@link #parse(String)} reads back. */
    public String spec() {
        final StringBuilder sb = new StringBuilder().append(kind).append('@').append(Durations.format(atNs));
        char sep = ':';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ',';
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return spec();
    }

    // ------------------------------------------------------------------ typed access for the generator

    long durationParam(String key, long defaultNs) {
        final String v = param(key);
        return v == null ? defaultNs : Durations.parseNs(v);
    }

    long longParam(String key, long defaultValue) {
        final String v = param(key);
        return v == null ? defaultValue : Long.parseLong(v);
    }

    double doubleParam(String key, double defaultValue) {
        final String v = param(key);
        return v == null ? defaultValue : Double.parseDouble(v);
    }

    Regime regimeParam(Regime defaultValue) {
        final String v = param(REGIME);
        return v == null ? defaultValue : Regime.valueOf(v.toUpperCase(Locale.ROOT));
    }

    long driftTimeNs() {
        return durationParam(DRIFT_TIME, defaultDriftTimeNs(kind));
    }

    static long defaultDriftTimeNs(ScenarioKind kind) {
        switch (kind) {
            case SWEEP_UP:
            case SWEEP_DOWN:
                return 2 * S;
            case REGIME_SHIFT:
            case TREND_UP:
            case TREND_DOWN:
                return 0;
            default:
                return 3 * S;
        }
    }

    /** The parameters, their types, ranges and the kinds that take them. */
    private enum Param {
        LEVELS_P(LEVELS, Type.INT, 1, 50, "SWEEP_"),
        HOLD_P(HOLD, Type.DURATION, S, 10 * S, "SPOOF_"),
        DISTANCE_P(DISTANCE, Type.INT, 1, 3, "SPOOF_"),
        MULTIPLE_P(MULTIPLE, Type.INT, 15, 100, "SPOOF_"),
        FILLS_P(FILLS, Type.INT, 2, 50, "ICEBERG_"),
        TRADES_P(TRADES, Type.INT, 1, 50, "BURST_"),
        DURATION_ICEBERG(DURATION, Type.DURATION, S, 60 * S, "ICEBERG_"),
        DURATION_BURST(DURATION, Type.DURATION, 100 * MS, 30 * S, "BURST_"),
        DURATION_LONG(DURATION, Type.DURATION, S, 86_400 * S, "REGIME_SHIFT", "TREND_"),
        REGIME_P(REGIME, Type.REGIME, 0, 0, "REGIME_SHIFT"),
        RATE_P(RATE, Type.DOUBLE, 0.1, 100, "TREND_"),
        DRIFT_P(DRIFT, Type.INT, 0, 1000, "SPOOF_", "ICEBERG_", "SWEEP_", "BURST_"),
        DRIFT_TIME_P(DRIFT_TIME, Type.DURATION, 500 * MS, 60 * S, "SPOOF_", "ICEBERG_", "SWEEP_", "BURST_");

        enum Type {
            INT,
            DOUBLE,
            DURATION,
            REGIME
        }

        final String key;
        final Type type;
        final double min;
        final double max;
        final String[] kindPrefixes;

        Param(String key, Type type, double min, double max, String... kindPrefixes) {
            this.key = key;
            this.type = type;
            this.min = min;
            this.max = max;
            this.kindPrefixes = kindPrefixes;
        }

        boolean appliesTo(ScenarioKind kind) {
            for (String p : kindPrefixes) {
                if (kind.name().startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        /** A parameter of that name (ignoring case), for any kind. */
        static Param find(String name) {
            for (Param p : values()) {
                if (p.key.equalsIgnoreCase(name)) {
                    return p;
                }
            }
            return null;
        }

        /** The parameter of that name (ignoring case) that {@code kind} takes, or {@code null}. */
        static Param forKind(String name, ScenarioKind kind) {
            for (Param p : values()) {
                if (p.key.equalsIgnoreCase(name) && p.appliesTo(kind)) {
                    return p;
                }
            }
            return null;
        }

        static String allowedFor(ScenarioKind kind) {
            final StringBuilder sb = new StringBuilder();
            for (Param p : values()) {
                if (p.appliesTo(kind)) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(p.key);
                }
            }
            return sb.length() == 0 ? "none" : sb.toString();
        }

        void check(String value) {
            switch (type) {
                case INT: {
                    long v;
                    try {
                        v = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        v = Long.MIN_VALUE;
                    }
                    if (v < min || v > max) {
                        throw new IllegalArgumentException(key + ": must be an integer in [" + (long) min + ", "
                                + (long) max + "], got '" + value + "'");
                    }
                    return;
                }
                case DOUBLE: {
                    double v;
                    try {
                        v = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!(v >= min && v <= max)) {
                        throw new IllegalArgumentException(
                                key + ": must be a number in [" + min + ", " + max + "], got '" + value + "'");
                    }
                    return;
                }
                case DURATION: {
                    long v;
                    try {
                        v = Durations.parseNs(value);
                    } catch (IllegalArgumentException e) {
                        v = -1;
                    }
                    if (v < min || v > max) {
                        throw new IllegalArgumentException(key + ": must be a duration in ["
                                + Durations.format((long) min) + ", " + Durations.format((long) max) + "], got '"
                                + value + "'");
                    }
                    return;
                }
                default:
                    try {
                        Regime.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": must be one of "
                                + java.util.Arrays.toString(Regime.values()) + ", got '" + value + "'");
                    }
            }
        }
    }
}
