package io.scalper.core.util;

/**
 * Exact decimal text to fixed-point {@code long} conversion, without allocation.
 *
 * <p>A value is represented "unscaled" at a scale {@code s}: {@code 65114.20} at scale 2 is
 * {@code 6511420}. {@link #parse(CharSequence, int, int, int)} reads ASCII text such as {@code "65114.20"},
 * {@code "0.004"}, {@code "-1.5"} straight from a range of a {@link CharSequence} (a {@code String}, or a
 * {@code char[]} wrapped once in a reused {@link java.nio.CharBuffer}) or of a {@code byte[]} and returns the unscaled value, or {@link #INVALID} when the text is not a plain decimal
 * (signs {@code +}/{@code -}, digits, at most one point with digits on both sides; no exponent, no spaces),
 * carries more non-zero decimals than the scale allows (the value would have to be rounded), or does not
 * fit in a {@code long}. Extra trailing zero decimals are accepted ({@code "0.100"} at scale 1 is 1).
 *
 * <p>Failures are a return value, not an exception, so the hot path can count and skip bad input.
 */
public final class Decimals {
    /** Returned by the parse methods for text that is not an exact decimal at the requested scale. */
    public static final long INVALID = Long.MIN_VALUE;

    /** The largest scale supported (10^18 is the largest power of ten a {@code long} holds). */
    public static final int MAX_SCALE = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Decimals() {}

    /** 10 to the power {@code n}, for {@code 0 <= n <= 18}. */
    public static long pow10(int n) {
        return POW10[n];
    }

    /**
     * Parses {@code text[from, to)} as a decimal and returns it multiplied by 10^{@code scale}.
     *
     * @return the unscaled value, or {@link #INVALID}
     */
    public static long parse(CharSequence text, int from, int to, int scale) {
        if (from >= to || scale < 0 || scale > MAX_SCALE) {
            return INVALID;
        }
        int i = from;
        boolean negative = false;
        char c = text.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            if (++i == to) {
                return INVALID;
            }
        }
        long mantissa = 0;
        int intDigits = 0;
        for (; i < to; i++) {
            final int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (mantissa > (Long.MAX_VALUE - d) / 10) {
                return INVALID;
            }
            mantissa = mantissa * 10 + d;
            intDigits++;
        }
        if (intDigits == 0) {
            return INVALID;
        }
        int fracDigits = 0;
        if (i < to) {
            if (text.charAt(i) != '.' || ++i == to) {
                return INVALID;
            }
            for (; i < to; i++) {
                final int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                if (fracDigits < scale) {
                    if (mantissa > (Long.MAX_VALUE - d) / 10) {
                        return INVALID;
                    }
                    mantissa = mantissa * 10 + d;
                    fracDigits++;
                } else if (d != 0) {
                    return INVALID;
                }
            }
        }
        return finish(mantissa, scale - fracDigits, negative);
    }

    /** As {@link #parse(CharSequence, int, int, int)}, over ASCII bytes. */
    public static long parse(byte[] text, int from, int to, int scale) {
        if (from >= to || scale < 0 || scale > MAX_SCALE) {
            return INVALID;
        }
        int i = from;
        boolean negative = false;
        byte c = text[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            if (++i == to) {
                return INVALID;
            }
        }
        long mantissa = 0;
        int intDigits = 0;
        for (; i < to; i++) {
            final int d = text[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (mantissa > (Long.MAX_VALUE - d) / 10) {
                return INVALID;
            }
            mantissa = mantissa * 10 + d;
            intDigits++;
        }
        if (intDigits == 0) {
            return INVALID;
        }
        int fracDigits = 0;
        if (i < to) {
            if (text[i] != '.' || ++i == to) {
                return INVALID;
            }
            for (; i < to; i++) {
                final int d = text[i] - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                if (fracDigits < scale) {
                    if (mantissa > (Long.MAX_VALUE - d) / 10) {
                        return INVALID;
                    }
                    mantissa = mantissa * 10 + d;
                    fracDigits++;
                } else if (d != 0) {
                    return INVALID;
                }
            }
        }
        return finish(mantissa, scale - fracDigits, negative);
    }

    /** Parses a whole string; see {@link #parse(CharSequence, int, int, int)}. */
    public static long parse(CharSequence text, int scale) {
        return parse(text, 0, text.length(), scale);
    }

    private static long finish(long mantissa, int missingDigits, boolean negative) {
        long value = mantissa;
        if (missingDigits > 0) {
            final long factor = POW10[missingDigits];
            if (value > Long.MAX_VALUE / factor) {
                return INVALID;
            }
            value *= factor;
        }
        return negative ? -value : value;
    }

    /**
     * The number of digits after the decimal point in {@code text[from, to)}, or -1 if the text is not a
     * plain decimal.
     */
    public static int scaleOf(CharSequence text, int from, int to) {
        int i = from;
        if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int intDigits = 0;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            return -1;
        }
        if (i == to) {
            return 0;
        }
        if (text.charAt(i) != '.') {
            return -1;
        }
        final int point = i++;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
        }
        return i == to && i > point + 1 ? i - point - 1 : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Formats an unscaled value as decimal text with exactly {@code scale} decimals. */
    public static String format(long unscaled, int scale) {
        return append(new StringBuilder(24), unscaled, scale).toString();
    }

    /**
     * Appends an unscaled value as decimal text with exactly {@code scale} decimals (for example 6511420 at
     * scale 2 → {@code 65114.20}); allocates nothing when the builder has room.
     */
    public static StringBuilder append(StringBuilder out, long unscaled, int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale out of range: " + scale);
        }
        if (scale == 0) {
            return out.append(unscaled);
        }
        if (unscaled == Long.MIN_VALUE) {
            throw new IllegalArgumentException("cannot format Long.MIN_VALUE (the INVALID sentinel)");
        }
        long v = unscaled;
        if (v < 0) {
            out.append('-');
            v = -v;
        }
        final long factor = POW10[scale];
        final long whole = v / factor;
        final long frac = v - whole * factor;
        out.append(whole).append('.');
        for (long p = factor / 10; p > frac && p > 1; p /= 10) {
            out.append('0');
        }
        return out.append(frac);
    }
}
