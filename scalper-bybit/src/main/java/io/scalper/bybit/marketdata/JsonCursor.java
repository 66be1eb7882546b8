package io.scalper.bybit.marketdata;

import io.scalper.core.util.Decimals;

/**
 * A forward-only JSON scanner over one {@link String}, for the market-data hot path. It validates the structure it
 * walks (objects, arrays, strings with escapes, numbers, literals), exposes strings as index ranges into the source
 * instead of new strings, and reports failure by return value, so scanning allocates nothing.
 *
 * <p>Usage: {@link #reset(String)}, then the {@code read}/{@code skip} methods; each returns {@code false} (or
 * {@link #NO_NUMBER}) on malformed input, after which the cursor's position is unspecified.
 */
final class JsonCursor {
    static final long NO_NUMBER = Long.MIN_VALUE;
    private static final int MAX_NESTING = 64;

    private String s;
    private int pos;
    private int end;

    /** Start and end (exclusive) of the last string read, without quotes. */
    int strStart;

    int strEnd;

    /** Whether the last string read contained a backslash escape (its range is then the raw, escaped text). */
    boolean strEscaped;

    void reset(String text) {
        this.s = text;
        this.pos = 0;
        this.end = text.length();
    }

    String source() {
        return s;
    }

    int pos() {
        return pos;
    }

    void pos(int p) {
        this.pos = p;
    }

    /** Skips whitespace and returns the next character without consuming it, or -1 at the end. */
    int peek() {
        final String t = s;
        int p = pos;
        final int e = end;
        while (p < e) {
            final char c = t.charAt(p);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                pos = p;
                return c;
            }
            p++;
        }
        pos = p;
        return -1;
    }

    /** Consumes {@code c} (after whitespace) if it is next. */
    boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Whether only whitespace remains. */
    boolean atEnd() {
        return peek() == -1;
    }

    /**
     * After an element of an object or array: consumes a {@code ,} and returns 1, or consumes {@code close} and
     * returns 0; returns -1 on anything else.
     */
    int next(char close) {
        final int c = peek();
        if (c == ',') {
            pos++;
            return 1;
        }
        if (c == close) {
            pos++;
            return 0;
        }
        return -1;
    }

    /** Reads a string (after whitespace) into {@link #strStart}/{@link #strEnd}. */
    boolean readString() {
        if (peek() != '"') {
            return false;
        }
        final String t = s;
        final int e = end;
        int p = pos + 1;
        strStart = p;
        boolean escaped = false;
        while (p < e) {
            final char c = t.charAt(p);
            if (c == '"') {
                strEnd = p;
                strEscaped = escaped;
                pos = p + 1;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (++p >= e) {
                    return false;
                }
                final char x = t.charAt(p);
                if (x == 'u') {
                    if (p + 4 >= e) {
                        return false;
                    }
                    for (int k = 1; k <= 4; k++) {
                        if (Character.digit(t.charAt(p + k), 16) < 0) {
                            return false;
                        }
                    }
                    p += 4;
                } else if ("\"\\/bfnrt".indexOf(x) < 0) {
                    return false;
                }
            } else if (c < 0x20) {
                return false;
            }
            p++;
        }
        return false;
    }

    /**
     * Reads a decimal given as a JSON string ({@code "65114.20"}) or a bare number, parsed at {@code scale} (see
     * {@link Decimals#parse(CharSequence, int, int, int)}); returns {@link Decimals#INVALID} for anything else. The
     * closing quote is found with {@link String#indexOf(int, int)} (an intrinsic) and the digits are read once, by the
     * parser, which refuses any character a decimal may not hold.
     */
    long readDecimal(int scale) {
        final int c = peek();
        if (c == '"') {
            final int start = pos + 1;
            final int end = s.indexOf('"', start);
            if (end < 0) {
                return Decimals.INVALID;
            }
            pos = end + 1;
            return Decimals.parse(s, start, end, scale);
        }
        if (c != '-' && (c < '0' || c > '9')) {
            return Decimals.INVALID;
        }
        final int start = pos;
        if (!skipNumber()) {
            return Decimals.INVALID;
        }
        return Decimals.parse(s, start, pos, scale);
    }

    /** Reads an object key and the colon after it. */
    boolean readKey() {
        return readString() && consume(':');
    }

    /** Whether the last string read equals {@code literal} (ASCII, no escapes). */
    boolean strEquals(String literal) {
        final int n = strEnd - strStart;
        return n == literal.length() && !strEscaped && s.regionMatches(strStart, literal, 0, n);
    }

    /** Length of the last string read. */
    int strLength() {
        return strEnd - strStart;
    }

    /**
     * Reads an integer JSON number (after whitespace), or a string holding one (Bybit sends some ids and times as
     * strings). Returns {@link #NO_NUMBER} on anything else, including fractions and overflow.
     */
    long readLong() {
        final int c = peek();
        if (c == '"') {
            if (!readString()) {
                return NO_NUMBER;
            }
            return parseLong(strStart, strEnd);
        }
        final int start = pos;
        int p = start;
        final String t = s;
        final int e = end;
        if (p < e && t.charAt(p) == '-') {
            p++;
        }
        while (p < e) {
            final char d = t.charAt(p);
            if (d < '0' || d > '9') {
                break;
            }
            p++;
        }
        if (p < e) {
            final char d = t.charAt(p);
            if (d == '.' || d == 'e' || d == 'E') {
                return NO_NUMBER;
            }
        }
        pos = p;
        return parseLong(start, p);
    }

    private long parseLong(int from, int to) {
        final String t = s;
        int p = from;
        boolean negative = false;
        if (p < to && t.charAt(p) == '-') {
            negative = true;
            p++;
        }
        if (p == to) {
            return NO_NUMBER;
        }
        long v = 0;
        for (; p < to; p++) {
            final int d = t.charAt(p) - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return NO_NUMBER;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** Skips one value of any type (after whitespace), validating it. */
    boolean skipValue() {
        return skipValue(0);
    }

    private boolean skipValue(int depth) {
        if (depth > MAX_NESTING) {
            return false;
        }
        final int c = peek();
        switch (c) {
            case '"':
                return readString();
            case '{':
                pos++;
                if (consume('}')) {
                    return true;
                }
                while (true) {
                    if (!readKey() || !skipValue(depth + 1)) {
                        return false;
                    }
                    final int n = next('}');
                    if (n == 0) {
                        return true;
                    }
                    if (n < 0) {
                        return false;
                    }
                }
            case '[':
                pos++;
                if (consume(']')) {
                    return true;
                }
                while (true) {
                    if (!skipValue(depth + 1)) {
                        return false;
                    }
                    final int n = next(']');
                    if (n == 0) {
                        return true;
                    }
                    if (n < 0) {
                        return false;
                    }
                }
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return skipNumber();
        }
    }

    /** Reads {@code true} or {@code false}; returns 1, 0, or -1 when neither is next. */
    int readBoolean() {
        final int c = peek();
        if (c == 't' && literal("true")) {
            return 1;
        }
        if (c == 'f' && literal("false")) {
            return 0;
        }
        return -1;
    }

    private boolean literal(String word) {
        final int n = word.length();
        if (pos + n <= end && s.regionMatches(pos, word, 0, n)) {
            pos += n;
            return true;
        }
        return false;
    }

    private boolean skipNumber() {
        final String t = s;
        final int e = end;
        int p = pos;
        if (p < e && t.charAt(p) == '-') {
            p++;
        }
        final int digits = p;
        while (p < e && isDigit(t.charAt(p))) {
            p++;
        }
        if (p == digits) {
            return false;
        }
        if (p < e && t.charAt(p) == '.') {
            final int frac = ++p;
            while (p < e && isDigit(t.charAt(p))) {
                p++;
            }
            if (p == frac) {
                return false;
            }
        }
        if (p < e && (t.charAt(p) == 'e' || t.charAt(p) == 'E')) {
            p++;
            if (p < e && (t.charAt(p) == '+' || t.charAt(p) == '-')) {
                p++;
            }
            final int exp = p;
            while (p < e && isDigit(t.charAt(p))) {
                p++;
            }
            if (p == exp) {
                return false;
            }
        }
        pos = p;
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
