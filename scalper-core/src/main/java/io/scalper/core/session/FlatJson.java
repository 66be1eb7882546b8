package io.scalper.core.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the one-level JSON objects of a session's event log ({@code {"k":"order","t":1796...,"ack":true}}) keeping
 * integers exact ({@link Long}; a double cannot hold every nanosecond of a time since the epoch), other numbers as
 * {@link Double}, strings unescaped, booleans and null. Anything else (nesting, a line cut short) is refused with an
 * {@link IllegalArgumentException}.
 */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, Object> parse(String line) {
        final FlatJson p = new FlatJson(line);
        final Map<String, Object> out = new HashMap<>();
        p.skip();
        p.expect('{');
        p.skip();
        if (p.peek() == '}') {
            p.i++;
            return out;
        }
        while (true) {
            p.skip();
            final String key = p.string();
            p.skip();
            p.expect(':');
            p.skip();
            out.put(key, p.value());
            p.skip();
            final char c = p.next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at " + (p.i - 1));
            }
        }
        p.skip();
        if (p.i != line.length()) {
            throw new IllegalArgumentException("text after the object at " + p.i);
        }
        return out;
    }

    private Object value() {
        final char c = peek();
        if (c == '"') {
            return string();
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        final int from = i;
        boolean integral = true;
        while (i < s.length()) {
            final char d = s.charAt(i);
            if (d == '.' || d == 'e' || d == 'E') {
                integral = false;
            } else if (!(d == '-' || d == '+' || (d >= '0' && d <= '9'))) {
                break;
            }
            i++;
        }
        if (from == i) {
            throw new IllegalArgumentException("expected a value at " + from);
        }
        final String num = s.substring(from, i);
        return integral ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
    }

    private String string() {
        expect('"');
        final StringBuilder sb = new StringBuilder();
        while (true) {
            final char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            final char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new IllegalArgumentException("a cut \\u escape");
                    }
                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw new IllegalArgumentException("the line ends early");
        }
        return s.charAt(i);
    }

    private char next() {
        final char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
        }
    }
}
