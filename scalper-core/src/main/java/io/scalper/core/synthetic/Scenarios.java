package io.scalper.core.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Ready-made scenario mixes for demos, tests and benchmarks. */
public final class Scenarios {
    private static final long S = 1_000_000_000L;
    private static final Regime[] SHIFT_TARGETS = {Regime.LOW, Regime.HIGH, Regime.EXTREME};

    /** Names of the mixes {@link #mix} knows. */
    public static final List<String> MIXES = List.of("rich", "sweeps");

    private Scenarios() {}

    /**
     * A named mix: {@code rich} ({@link #rich}) or {@code sweeps} ({@link #sweeps}).
     *
     * @throws IllegalArgumentException naming the known mixes
     */
    public static List<Scenario> mix(String name, long durationNs, long seed) {
        final String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "rich" -> rich(durationNs, seed);
            case "sweeps" -> sweeps(durationNs, seed);
            default -> throw new IllegalArgumentException("unknown scenario mix '" + name + "' (known: " + MIXES + ")");
        };
    }

    /**
     * One pattern, many times: a sweep of 8 levels every 40 s from 10 s on, up or down by a seeded coin, each followed
     * by its injected move over 20 s (on the martingale model, {@code predictability × patternMoveBps} in the sweep's
     * direction on average). The market research and the honesty tests use to show that an edge that is there is
     * found, and one that is not is not. Every scenario fits within {@code durationNs}. Deterministic in {@code seed}.
     */
    public static List<Scenario> sweeps(long durationNs, long seed) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0, got " + durationNs);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Scenario> out = new ArrayList<>();
        for (long at = 10 * S; at + 40 * S < durationNs; at += 40 * S) {
            final ScenarioKind kind = random.nextBoolean() ? ScenarioKind.SWEEP_UP : ScenarioKind.SWEEP_DOWN;
            out.add(Scenario.of(kind, at, Map.of(Scenario.LEVELS, "8", Scenario.DRIFT_TIME, "20s")));
        }
        return out;
    }

    /**
     * A session's worth of every {@link ScenarioKind}: kinds in shuffled rounds (each round has all eleven), the first
     * at 5 s, each next one 2–8 s after the previous one's window ends, regime shifts (to LOW, HIGH or EXTREME) and
     * trends lasting 30 s, sweeps of 5–8 levels. Every scenario fits within {@code durationNs}; a 5-minute session
     * holds about 20. Deterministic in {@code seed}.
     */
    public static List<Scenario> rich(long durationNs, long seed) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0, got " + durationNs);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final ScenarioKind[] kinds = ScenarioKind.values();
        final List<Scenario> out = new ArrayList<>();
        long at = 5 * S;
        int next = kinds.length;
        while (true) {
            if (next == kinds.length) {
                shuffle(kinds, random);
                next = 0;
            }
            final ScenarioKind kind = kinds[next++];
            final Scenario sc = Scenario.of(kind, at, params(kind, random));
            if (at + sc.windowNs() > durationNs) {
                return out;
            }
            out.add(sc);
            at += sc.windowNs() + 2 * S + random.nextLong(6 * S + 1);
        }
    }

    private static Map<String, String> params(ScenarioKind kind, SplittableRandom random) {
        switch (kind) {
            case REGIME_SHIFT:
                return Map.of(
                        Scenario.REGIME,
                        SHIFT_TARGETS[random.nextInt(SHIFT_TARGETS.length)].name(),
                        Scenario.DURATION,
                        "30s");
            case TREND_UP:
            case TREND_DOWN:
                return Map.of(Scenario.DURATION, "30s");
            case SWEEP_UP:
            case SWEEP_DOWN:
                return Map.of(Scenario.LEVELS, String.valueOf(5 + random.nextInt(4)));
            default:
                return Map.of();
        }
    }

    private static void shuffle(ScenarioKind[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final ScenarioKind t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
