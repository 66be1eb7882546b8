package io.scalper.core.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Locale-independent text for the report: numbers, UTC times, durations and HTML escaping. */
final class Fmt {
    static final String NOT_AVAILABLE = "n/a";
    static final long SECOND_NS = 1_000_000_000L;
    static final long MINUTE_NS = 60 * SECOND_NS;
    static final long HOUR_NS = 60 * MINUTE_NS;
    static final long DAY_NS = 24 * HOUR_NS;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_MS =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Fmt() {}

    /** {@code v} with {@code decimals} places, grouped by thousands with commas; n/a for NaN, ±∞ for infinities. */
    static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return NOT_AVAILABLE;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        final String s = String.format(Locale.ROOT, "%,." + decimals + "f", v);
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    /** Like {@link #num} with a leading {@code +} on positive values. */
    static String signed(double v, int decimals) {
        final String s = num(v, decimals);
        return v > 0 && !s.equals("∞") && !isZero(s) ? "+" + s : s;
    }

    /** A fraction as a percentage with two decimals. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? num(fraction * 100, 2) + "%" : num(fraction, 2);
    }

    /** An integer grouped by thousands. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A number of unknown kind: integers as {@link #count}, others with up to 4 decimals. */
    static String number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return count(n.longValue());
        }
        final double v = n.doubleValue();
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return count((long) v);
        }
        return trimmed(v, 4, 0);
    }

    /** {@code v} with at most {@code maxDecimals} places and at least {@code minDecimals}, trailing zeros dropped. */
    static String trimmed(double v, int maxDecimals, int minDecimals) {
        String s = num(v, maxDecimals);
        if (!Double.isFinite(v) || maxDecimals <= minDecimals) {
            return s;
        }
        final int dot = s.indexOf('.');
        int end = s.length();
        while (end > dot + 1 + minDecimals && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end == dot + 1) {
            end = dot;
        }
        s = s.substring(0, end);
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    private static boolean isNegativeZero(String s) {
        return s.startsWith("-") && isZero(s.substring(1));
    }

    private static boolean isZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c != '0' && c != '.' && c != ',') {
                return false;
            }
        }
        return true;
    }

    /** UTC {@code HH:mm:ss}. */
    static String time(long timeNs) {
        return TIME.format(instant(timeNs));
    }

    /** UTC {@code HH:mm:ss.SSS}. */
    static String timeMs(long timeNs) {
        return TIME_MS.format(instant(timeNs));
    }

    /** UTC {@code yyyy-MM-dd HH:mm:ss}. */
    static String dateTime(long timeNs) {
        return DATE_TIME.format(instant(timeNs));
    }

    /** UTC {@code MM-dd}. */
    static String date(long timeNs) {
        return DATE.format(instant(timeNs));
    }

    private static Instant instant(long timeNs) {
        return Instant.ofEpochSecond(Math.floorDiv(timeNs, SECOND_NS), Math.floorMod(timeNs, SECOND_NS));
    }

    /** A duration such as {@code 850 ms}, {@code 12.3 s}, {@code 4m 05s}, {@code 2h 03m}, {@code 1d 04h}. */
    static String duration(long ns) {
        if (ns < 0) {
            return "−" + duration(-ns);
        }
        if (ns < SECOND_NS) {
            return count(ns / 1_000_000) + " ms";
        }
        if (ns < MINUTE_NS) {
            return num((double) ns / SECOND_NS, 1) + " s";
        }
        if (ns < HOUR_NS) {
            return String.format(Locale.ROOT, "%dm %02ds", ns / MINUTE_NS, ns % MINUTE_NS / SECOND_NS);
        }
        if (ns < DAY_NS) {
            return String.format(Locale.ROOT, "%dh %02dm", ns / HOUR_NS, ns % HOUR_NS / MINUTE_NS);
        }
        return String.format(Locale.ROOT, "%dd %02dh", ns / DAY_NS, ns % DAY_NS / HOUR_NS);
    }

    /** Appends {@code text} with {@code & < > " '} escaped, safe in element content and quoted attributes. */
    static StringBuilder escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }

    /** {@code text} escaped as by {@link #escape(StringBuilder, String)}. */
    static String escape(String text) {
        return escape(new StringBuilder(text.length() + 16), text).toString();
    }

    /** Appends {@code v} rounded to one decimal, without exponent, for SVG coordinates. */
    static StringBuilder coord(StringBuilder out, double v) {
        final long tenths = Math.round(v * 10);
        if (tenths < 0) {
            out.append('-');
        }
        final long abs = Math.abs(tenths);
        out.append(abs / 10);
        if (abs % 10 != 0) {
            out.append('.').append(abs % 10);
        }
        return out;
    }
}
