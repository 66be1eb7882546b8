package io.scalper.core.util;

import java.util.Locale;

/** Parses and formats human durations such as {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 100us}. */
public final class Durations {
    private Durations() {}

    /**
     * Parses a duration: a non-negative integer followed by a unit {@code ns}, {@code us}, {@code ms}, {@code s},
     * {@code m}, {@code h} or {@code d}; several parts may be joined ({@code 1m30s}).
     *
     * @return nanoseconds
     * @throws IllegalArgumentException if the text is not such a duration or overflows
     */
    public static long parseNs(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        final String t = text.trim().toLowerCase(Locale.ROOT);
        long total = 0;
        int i = 0;
        while (i < t.length()) {
            final int digits = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i == digits) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 5s, 2m, 1h)");
            }
            final int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            final long factor = unitNs(t.substring(unitStart, i), text);
            try {
                total = Math.addExact(
                        total, Math.multiplyExact(Long.parseLong(t.substring(digits, unitStart)), factor));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration too large: '" + text + "'", e);
            }
        }
        return total;
    }

    private static long unitNs(String unit, String text) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            case "d":
                return 86_400_000_000_000L;
            default:
                throw new IllegalArgumentException(
                        "not a duration: '" + text + "' (unit must be one of ns, us, ms, s, m, h, d)");
        }
    }

    /** Formats nanoseconds in the largest unit that divides them exactly ({@code 5s}, {@code 250ms}). */
    public static String format(long ns) {
        final long[] factors = {
            86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
        };
        final String[] units = {"d", "h", "m", "s", "ms", "us", "ns"};
        if (ns == 0) {
            return "0s";
        }
        for (int i = 0; i < factors.length; i++) {
            if (ns % factors[i] == 0) {
                return (ns / factors[i]) + units[i];
            }
        }
        return ns + "ns";
    }
}
