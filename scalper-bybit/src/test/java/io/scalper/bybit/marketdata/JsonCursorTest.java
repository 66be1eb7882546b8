package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.util.Decimals;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cursor's SWAR number paths give exactly what the byte-at-a-time parsers give, for every input: each value is
 * read once through {@link JsonCursor#readDecimal} / {@link JsonCursor#readLong} with room for the 8-byte reads (the
 * SWAR path where it applies) and compared with the reference — {@link Decimals#parse(byte[], int, int, int)} up to
 * the closing quote, or a plain digit loop — and with the same text at the very end of its array (no room: the byte
 * path alone).
 */
class JsonCursorTest {

    @ParameterizedTest
    @CsvSource({
        "65114.20, 2, 6511420",
        "65114.20, 1, 651142",
        "65114.25, 1, " + Long.MIN_VALUE,
        "118573.6, 2, 11857360",
        "0.005, 3, 5",
        "0, 3, 0",
        "6.054, 3, 6054",
        "1234567.12345678, 8, 123456712345678",
        "12345678.5, 1, 123456785",
        "0.00000001, 8, 1",
        "1., 2, " + Long.MIN_VALUE,
        ".5, 2, " + Long.MIN_VALUE,
        "-1.5, 1, -15",
        "1.50000000000, 1, 15",
        "0.1000, 1, 1",
        "5, 11, 500000000000",
        "99.9, 12, 99900000000000",
    })
    void shouldReadQuotedDecimalsAsTheByteParserDoes(String text, int scale, long expected) {
        assertThat(readDecimal("\"" + text + "\"", scale, true)).isEqualTo(expected);
        assertThat(readDecimal("\"" + text + "\"", scale, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldAgreeWithTheByteParserOnRandomDecimalText(long seed) {
        final Random rnd = new Random(seed);
        final String alphabet = "0123456789000000.\"-+ ex";
        for (int i = 0; i < 50_000; i++) {
            final int len = rnd.nextInt(19);
            final StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < len; k++) {
                // mostly digits and one point, sometimes anything
                final double r = rnd.nextDouble();
                sb.append(r < 0.8 ? (char) ('0' + rnd.nextInt(10)) : alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            sb.append('"');
            if (rnd.nextBoolean()) {
                sb.append(",\"x\"");
            }
            final String text = sb.toString();
            final int scale = rnd.nextInt(13);
            final long expected = reference(text, scale);
            assertThat(readDecimal(text, scale, true))
                    .as("%s at scale %d", text, scale)
                    .isEqualTo(expected);
            assertThat(readDecimal(text, scale, false))
                    .as("%s at scale %d, at the end", text, scale)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void shouldAgreeWithTheByteParserOnRandomIntegers(long seed) {
        final Random rnd = new Random(seed);
        final String alphabet = "0123456789.eE-,} \"";
        for (int i = 0; i < 50_000; i++) {
            final int len = 1 + rnd.nextInt(22);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append(
                        rnd.nextDouble() < 0.85
                                ? (char) ('0' + rnd.nextInt(10))
                                : alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            final String text = sb.toString();
            final long expected = referenceLong(text);
            final long[] withRoom = readLong(text, true);
            final long[] atEnd = readLong(text, false);
            assertThat(withRoom[0]).as(text).isEqualTo(expected);
            assertThat(atEnd[0]).as(text + " at the end").isEqualTo(expected);
            if (expected != JsonCursor.NO_NUMBER) {
                assertThat(withRoom[1]).as("position after " + text).isEqualTo(atEnd[1]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1786310818130", "0", "007", "1234567812345678", "12345678123456789"})
    void shouldReadIntegersFollowedByAComma(String digits) {
        assertThat(readLong(digits + ",", true)[0]).isEqualTo(referenceLong(digits + ","));
        assertThat(readLong(digits + ",", true)[1]).isEqualTo(digits.length());
    }

    /** Reads the text's first value; with {@code room}, 24 spare bytes follow the scanned range in the array. */
    private static long readDecimal(String text, int scale, boolean room) {
        final JsonCursor j = cursor(text, room);
        final long v = j.readDecimal(scale);
        if (v != Decimals.INVALID) {
            assertThat(j.pos()).as("position after %s", text).isEqualTo(text.indexOf('"', 1) + 1);
        }
        return v;
    }

    private static long[] readLong(String text, boolean room) {
        final JsonCursor j = cursor(text, room);
        final long v = j.readLong();
        return new long[] {v, j.pos()};
    }

    private static JsonCursor cursor(String text, boolean room) {
        final byte[] t = text.getBytes(StandardCharsets.UTF_8);
        final byte[] buf = new byte[t.length + (room ? 24 : 0)];
        System.arraycopy(t, 0, buf, 0, t.length);
        // what lies beyond the range must not matter: digits and quotes
        for (int i = t.length; i < buf.length; i++) {
            buf[i] = (byte) (i % 3 == 0 ? '"' : '7');
        }
        final JsonCursor j = new JsonCursor();
        j.reset(buf, 0, t.length);
        return j;
    }

    /** The byte parser's answer: the text up to the next quote, as {@link Decimals} reads it. */
    private static long reference(String text, int scale) {
        final byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int q = 1;
        while (q < t.length && t[q] != '"') {
            q++;
        }
        return q >= t.length ? Decimals.INVALID : Decimals.parse(t, 1, q, scale);
    }

    /** JSON integer semantics of {@link JsonCursor#readLong} for a bare number. */
    private static long referenceLong(String text) {
        int p = 0;
        while (p < text.length() && text.charAt(p) == ' ') {
            p++;
        }
        if (p < text.length() && text.charAt(p) == '"') {
            return readLong(text, false)[0]; // strings take the byte path in both
        }
        boolean negative = false;
        if (p < text.length() && text.charAt(p) == '-') {
            negative = true;
            p++;
        }
        final int digits = p;
        while (p < text.length() && Character.isDigit(text.charAt(p))) {
            p++;
        }
        if (p < text.length() && ".eE".indexOf(text.charAt(p)) >= 0) {
            return JsonCursor.NO_NUMBER;
        }
        if (p == digits) {
            return JsonCursor.NO_NUMBER;
        }
        try {
            final long v = Long.parseLong(text.substring(digits, p));
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return JsonCursor.NO_NUMBER;
        }
    }
}
