package io.scalper.bybit.marketdata;

import io.scalper.core.util.Decimals;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A forward-only JSON scanner over a range of UTF-8 bytes, for the market-data hot path. It validates the structure it
 * walks (objects, arrays, strings with escapes, numbers, literals), exposes strings as index ranges into the source
 * instead of new strings, and reports failure by return value, so scanning allocates nothing.
 *
 * <p>Bytes of multi-byte UTF-8 characters (0x80 and above) are accepted inside strings, like any other character a
 * JSON string may hold; outside strings they are malformed input, as any non-ASCII character is.
 *
 * <p>Numbers take a SWAR path where they fit: a decimal given as a JSON string ({@code "65114.20"}) with up to 7 integer
 * digits and up to 8 decimals, and a bare integer of up to 16 digits. Eight bytes are read as one {@code long}, the
 * first non-digit found with bit tricks and the digits combined with three multiply-shift steps, instead of a
 * dependent multiply-add per digit. Anything else (a sign, a longer value, fewer than 17 bytes left in the array)
 * takes the byte-at-a-time parser, which also decides alone what is invalid: both give the same result for every
 * input.
 *
 * <p>Usage: {@link #reset(byte[], int, int)}, then the {@code read}/{@code skip} methods; each returns {@code false}
 * (or {@link #NO_NUMBER}) on malformed input, after which the cursor's position is unspecified.
 */
final class JsonCursor {
    static final long NO_NUMBER = Long.MIN_VALUE;
    private static final int MAX_NESTING = 64;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long[] POW10 = new long[12];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private byte[] s;
    private int pos;
    private int end;

    /** Start and end (exclusive) of the last string read, without quotes. */
    int strStart;

    int strEnd;

    /** Whether the last string read contained a backslash escape (its range is then the raw, escaped text). */
    boolean strEscaped;

    /** Scans {@code text[from, to)}. */
    void reset(byte[] text, int from, int to) {
        this.s = text;
        this.pos = from;
        this.end = to;
    }

    byte[] source() {
        return s;
    }

    int pos() {
        return pos;
    }

    void pos(int p) {
        this.pos = p;
    }

    /** End (exclusive) of the scanned range. */
    int end() {
        return end;
    }

    /** Skips whitespace and returns the next byte (0..255) without consuming it, or -1 at the end. */
    int peek() {
        final byte[] t = s;
        int p = pos;
        final int e = end;
        while (p < e) {
            final int c = t[p] & 0xFF;
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
        final int p = pos;
        if (p < end && s[p] == c) {
            pos = p + 1;
            return true;
        }
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
        int p = pos;
        int c = p < end ? s[p] & 0xFF : -1;
        if (c != ',' && c != close) {
            c = peek();
            p = pos;
        }
        if (c == ',') {
            pos = p + 1;
            return 1;
        }
        if (c == close) {
            pos = p + 1;
            return 0;
        }
        return -1;
    }

    /** Reads a string (after whitespace) into {@link #strStart}/{@link #strEnd}. */
    boolean readString() {
        if (peek() != '"') {
            return false;
        }
        final byte[] t = s;
        final int e = end;
        int p = pos + 1;
        strStart = p;
        boolean escaped = false;
        while (p < e) {
            final int c = t[p] & 0xFF;
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
                final int x = t[p];
                if (x == 'u') {
                    if (p + 4 >= e) {
                        return false;
                    }
                    for (int k = 1; k <= 4; k++) {
                        if (!isHex(t[p + k])) {
                            return false;
                        }
                    }
                    p += 4;
                } else if (x != '"' && x != '\\' && x != '/' && x != 'b' && x != 'f' && x != 'n' && x != 'r'
                        && x != 't') {
                    return false;
                }
            } else if (c < 0x20) {
                return false;
            }
            p++;
        }
        return false;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /**
     * Reads a decimal given as a JSON string ({@code "65114.20"}) or a bare number, parsed at {@code scale} (see
     * {@link Decimals#parse(byte[], int, int, int)}); returns {@link Decimals#INVALID} for anything else.
     */
    long readDecimal(int scale) {
        int p = pos;
        int c = p < end ? s[p] & 0xFF : -1;
        if (c != '"') {
            c = peek();
            p = pos;
        }
        if (c == '"') {
            final int start = p + 1;
            if (start + 17 <= s.length) {
                final long v = swarQuoted(start, scale);
                if (v != Decimals.INVALID) {
                    return v;
                }
            }
            int q = start;
            final byte[] t = s;
            final int e = end;
            while (q < e && t[q] != '"') {
                q++;
            }
            if (q >= e) {
                return Decimals.INVALID;
            }
            pos = q + 1;
            return Decimals.parse(t, start, q, scale);
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

    /**
     * The SWAR path of {@link #readDecimal}: the text from {@code start} (after the opening quote) as 1 to 7 digits,
     * optionally a point and 1 to 8 more digits, then the closing quote within the scanned range; decimals beyond
     * {@code scale} must be zeros (they are dropped, as the byte parser does). On success moves past the closing quote
     * and returns the value at {@code scale}. Returns {@link Decimals#INVALID} (and moves nothing) for anything else,
     * which the caller then parses byte by byte — including text that is invalid, so the byte parser alone decides
     * what invalid means.
     */
    private long swarQuoted(int start, int scale) {
        final byte[] b = s;
        if (scale > 11) {
            return Decimals.INVALID;
        }
        final long t0 = (long) LONG_LE.get(b, start) ^ ZEROS; // digit bytes become 0..9
        final int intDigits = firstNonDigit(t0);
        if (intDigits == 0 || intDigits == 8) {
            return Decimals.INVALID;
        }
        int p = start + intDigits; // the byte after the integer digits
        final int after = (int) (t0 >>> (intDigits << 3)) & 0xFF ^ '0';
        long v;
        int fraction = 0;
        if (after == '.') {
            final int f0 = p + 1;
            if (f0 + 9 > b.length) {
                return Decimals.INVALID;
            }
            final long t1 = (long) LONG_LE.get(b, f0) ^ ZEROS;
            final int digits = firstNonDigit(t1);
            if (digits == 0) {
                return Decimals.INVALID;
            }
            final int close = digits == 8 ? b[f0 + 8] : (int) (t1 >>> (digits << 3)) & 0xFF ^ '0';
            if (close != '"') {
                return Decimals.INVALID;
            }
            int keep = digits;
            if (digits > scale) {
                // decimals beyond the scale must all be zeros
                final long decimals = digits == 8 ? t1 : t1 & ((1L << (digits << 3)) - 1);
                if (decimals >>> (scale << 3) != 0) {
                    return Decimals.INVALID;
                }
                keep = scale;
            }
            if (keep == 0) {
                v = digitsValue(t0, intDigits);
            } else {
                final int count = intDigits + keep;
                if (count <= 8) {
                    // one conversion: the kept decimals moved up against the integer digits, over the point
                    v = digitsValue((t0 & ((1L << (intDigits << 3)) - 1)) | (t1 << (intDigits << 3)), count);
                } else {
                    v = digitsValue(t0, intDigits) * POW10[keep] + digitsValue(t1, keep);
                }
            }
            fraction = keep;
            p = f0 + digits;
        } else if (after == '"') {
            v = digitsValue(t0, intDigits);
        } else {
            return Decimals.INVALID;
        }
        if (p >= end || scale - fraction > 10) {
            return Decimals.INVALID;
        }
        pos = p + 1;
        return v * POW10[scale - fraction]; // below 10^(7 + scale) <= 10^18
    }

    /** Index (0 to 8) of the first byte of {@code t} that is not a digit, {@code t} being bytes XOR {@code '0'}. */
    private static int firstNonDigit(long t) {
        // a byte is a non-digit when t >= 10: t + 0x76 then sets its high bit (a carry out of a non-digit byte can
        // only disturb higher bytes; only the lowest non-digit is used)
        return Long.numberOfTrailingZeros(((t + 0x7676767676767676L) | t) & HIGH_BITS) >>> 3;
    }

    /**
     * The value of the first {@code count} (1 to 8) digits of {@code t} (bytes 0..9, the first digit in the lowest
     * byte): shifted so that they fill the high bytes, then combined pairwise with three multiply-shift steps.
     */
    private static long digitsValue(long t, int count) {
        long v = count == 8 ? t : t << ((8 - count) << 3);
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
    }

    /** Reads an object key and the colon after it. */
    boolean readKey() {
        return readString() && consume(':');
    }

    /** Whether the last string read equals {@code literal} (ASCII, no escapes). */
    boolean strEquals(byte[] literal) {
        final int n = strEnd - strStart;
        if (n != literal.length || strEscaped) {
            return false;
        }
        final byte[] t = s;
        final int from = strStart;
        for (int i = 0; i < n; i++) {
            if (t[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text[from, from + literal.length)} equals {@code literal}. */
    static boolean regionEquals(byte[] text, int from, int to, byte[] literal) {
        final int n = literal.length;
        if (from + n > to) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII bytes of a literal. */
    static byte[] ascii(String literal) {
        return literal.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
        final int at = pos;
        if (at < end && at + 17 <= s.length) {
            final int first = s[at];
            if (first >= '0' && first <= '9') {
                final long v = swarLong(at);
                if (v != NO_NUMBER) {
                    return v;
                }
            }
        }
        final int c = peek();
        if (c == '"') {
            if (!readString()) {
                return NO_NUMBER;
            }
            return parseLong(strStart, strEnd);
        }
        final int start = pos;
        int p = start;
        final byte[] t = s;
        final int e = end;
        if (p < e && t[p] == '-') {
            p++;
        }
        while (p < e) {
            final byte d = t[p];
            if (d < '0' || d > '9') {
                break;
            }
            p++;
        }
        if (p < e) {
            final byte d = t[p];
            if (d == '.' || d == 'e' || d == 'E') {
                return NO_NUMBER;
            }
        }
        pos = p;
        return parseLong(start, p);
    }

    /**
     * The SWAR path of {@link #readLong}: 1 to 16 digits from {@code at} followed, within the scanned range, by
     * something other than a point or an exponent; returns {@link #NO_NUMBER} (moving nothing) for anything else, which
     * the caller then reads byte by byte.
     */
    private long swarLong(int at) {
        final byte[] b = s;
        final long t0 = (long) LONG_LE.get(b, at) ^ ZEROS;
        final int n0 = firstNonDigit(t0);
        final long v;
        final int n;
        if (n0 < 8) {
            v = digitsValue(t0, n0);
            n = n0;
        } else {
            final long t1 = (long) LONG_LE.get(b, at + 8) ^ ZEROS;
            final int n1 = firstNonDigit(t1);
            if (n1 == 8) {
                return NO_NUMBER;
            }
            v = n1 == 0 ? digitsValue(t0, 8) : digitsValue(t0, 8) * POW10[n1] + digitsValue(t1, n1);
            n = 8 + n1;
        }
        final int q = at + n;
        if (q >= end) {
            return NO_NUMBER;
        }
        final byte d = b[q];
        if (d == '.' || d == 'e' || d == 'E') {
            return NO_NUMBER;
        }
        pos = q;
        return v;
    }

    private long parseLong(int from, int to) {
        final byte[] t = s;
        int p = from;
        boolean negative = false;
        if (p < to && t[p] == '-') {
            negative = true;
            p++;
        }
        if (p == to) {
            return NO_NUMBER;
        }
        long v = 0;
        for (; p < to; p++) {
            final int d = t[p] - '0';
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
                return literal(TRUE);
            case 'f':
                return literal(FALSE);
            case 'n':
                return literal(NULL);
            default:
                return skipNumber();
        }
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    /** Reads {@code true} or {@code false}; returns 1, 0, or -1 when neither is next. */
    int readBoolean() {
        final int c = peek();
        if (c == 't' && literal(TRUE)) {
            return 1;
        }
        if (c == 'f' && literal(FALSE)) {
            return 0;
        }
        return -1;
    }

    private boolean literal(byte[] word) {
        if (regionEquals(s, pos, end, word)) {
            pos += word.length;
            return true;
        }
        return false;
    }

    private boolean skipNumber() {
        final byte[] t = s;
        final int e = end;
        int p = pos;
        if (p < e && t[p] == '-') {
            p++;
        }
        final int digits = p;
        while (p < e && isDigit(t[p])) {
            p++;
        }
        if (p == digits) {
            return false;
        }
        if (p < e && t[p] == '.') {
            final int frac = ++p;
            while (p < e && isDigit(t[p])) {
                p++;
            }
            if (p == frac) {
                return false;
            }
        }
        if (p < e && (t[p] == 'e' || t[p] == 'E')) {
            p++;
            if (p < e && (t[p] == '+' || t[p] == '-')) {
                p++;
            }
            final int exp = p;
            while (p < e && isDigit(t[p])) {
                p++;
            }
            if (p == exp) {
                return false;
            }
        }
        pos = p;
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
