package io.scalper.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A minimal streaming JSON writer into a {@link StringBuilder}, with deterministic, locale-independent number text.
 * Used for {@link PerformanceStats#toJson()} and state snapshots; nothing from a JSON library.
 *
 * <p>Numbers: {@code long} values are written as integers; {@code double} values as plain decimals rounded half-even
 * to {@link #DECIMALS} places with trailing zeros removed ({@code 0.1}, {@code -12.5}, {@code 3}), never in exponent
 * form; non-finite values are written as {@code null}. Strings: {@code "} and {@code \} are escaped, control
 * characters below U+0020 and U+2028/U+2029 become {@code \n}, {@code \t}, ... or {@code \}{@code uXXXX}. The same
 * calls always produce the same text, on any JVM and locale.
 *
 * <p>The writer checks nesting (a name only inside an object, a value only where one is expected) and throws
 * {@link IllegalStateException} on misuse. Not thread-safe.
 */
public final class JsonWriter {
    /** Decimal places kept for {@code double} values (Bybit reports fees and funding to 8 decimals). */
    public static final int DECIMALS = 8;

    private static final int IN_OBJECT_EXPECT_NAME = 1;
    private static final int IN_OBJECT_EXPECT_VALUE = 2;
    private static final int IN_ARRAY = 3;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final double LONG_EXACT_LIMIT = 1e15;

    private final StringBuilder out;
    private int[] scopes = new int[8];
    private boolean[] hasElements = new boolean[8];
    private int depth;
    private boolean rootWritten;

    /** A writer into a new builder. */
    public JsonWriter() {
        this(new StringBuilder(256));
    }

    /** A writer appending to {@code out}. */
    public JsonWriter(StringBuilder out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(IN_OBJECT_EXPECT_NAME);
        return this;
    }

    /** Closes the current object. */
    public JsonWriter endObject() {
        if (depth == 0 || scopes[depth - 1] != IN_OBJECT_EXPECT_NAME) {
            throw new IllegalStateException("not in an object, or a name lacks its value");
        }
        depth--;
        out.append('}');
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(IN_ARRAY);
        return this;
    }

    /** Closes the current array. */
    public JsonWriter endArray() {
        if (depth == 0 || scopes[depth - 1] != IN_ARRAY) {
            throw new IllegalStateException("not in an array");
        }
        depth--;
        out.append(']');
        return this;
    }

    /** Writes a member name; a value must follow. */
    public JsonWriter name(String name) {
        Objects.requireNonNull(name, "name");
        if (depth == 0 || scopes[depth - 1] != IN_OBJECT_EXPECT_NAME) {
            throw new IllegalStateException("a name is only allowed in an object, before a value");
        }
        if (hasElements[depth - 1]) {
            out.append(',');
        }
        hasElements[depth - 1] = true;
        appendString(out, name);
        out.append(':');
        scopes[depth - 1] = IN_OBJECT_EXPECT_VALUE;
        return this;
    }

    /** Writes a string value, or {@code null} for a null reference. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            appendString(out, value);
        }
        return this;
    }

    /** Writes an integer value. */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes a decimal value (see the class comment); {@code null} when not finite. */
    public JsonWriter value(double value) {
        beforeValue();
        if (!appendDecimal(out, value)) {
            out.append("null");
        }
        return this;
    }

    /** Writes {@code true} or {@code false}. */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * Writes a number: {@link Long}, {@link Integer}, {@link Short} and {@link Byte} as integers, anything else through
     * {@link Number#doubleValue()}; {@code null} for a null reference.
     */
    public JsonWriter value(Number value) {
        if (value == null) {
            return nullValue();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value(value.longValue());
        }
        return value(value.doubleValue());
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The builder written to. */
    public StringBuilder builder() {
        return out;
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (depth == 0) {
            if (rootWritten) {
                throw new IllegalStateException("only one top-level value");
            }
            rootWritten = true;
            return;
        }
        final int scope = scopes[depth - 1];
        if (scope == IN_OBJECT_EXPECT_NAME) {
            throw new IllegalStateException("a value in an object needs a name first");
        }
        if (scope == IN_OBJECT_EXPECT_VALUE) {
            scopes[depth - 1] = IN_OBJECT_EXPECT_NAME;
            return;
        }
        if (hasElements[depth - 1]) {
            out.append(',');
        }
        hasElements[depth - 1] = true;
    }

    private void push(int scope) {
        if (depth == scopes.length) {
            scopes = Arrays.copyOf(scopes, depth * 2);
            hasElements = Arrays.copyOf(hasElements, depth * 2);
        }
        scopes[depth] = scope;
        hasElements[depth] = false;
        depth++;
    }

    /**
     * Appends {@code value} as a plain decimal rounded half-even to {@link #DECIMALS} places, trailing zeros removed,
     * never {@code -0}; appends nothing and returns {@code false} when the value is not finite. The text depends only on
     * the value (no locale, no JDK-version-specific shortest-representation rules).
     */
    public static boolean appendDecimal(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (value == Math.rint(value) && Math.abs(value) < LONG_EXACT_LIMIT) {
            out.append((long) value);
            return true;
        }
        final BigDecimal rounded =
                new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        out.append(rounded.signum() == 0 ? "0" : rounded.toPlainString());
        return true;
    }

    /** {@link #appendDecimal} as a string; {@code ""} when the value is not finite. */
    public static String decimal(double value) {
        final StringBuilder sb = new StringBuilder(24);
        appendDecimal(sb, value);
        return sb.toString();
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    public static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u")
                                .append(HEX[(c >> 12) & 0xF])
                                .append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
