package io.scalper.bybit.rest;

import java.nio.charset.StandardCharsets;

/**
 * A query string built in call order, each value percent-encoded (RFC 3986 unreserved characters kept). The text built
 * here is the text sent and signed.
 */
final class Params {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final StringBuilder sb = new StringBuilder();

    static Params of(String key, String value) {
        return new Params().add(key, value);
    }

    /** Adds {@code key=value}; a {@code null} or empty value is left out. */
    Params add(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        if (sb.length() > 0) {
            sb.append('&');
        }
        encode(key);
        sb.append('=');
        encode(value);
        return this;
    }

    /** Adds {@code key=value} when {@code value > 0}. */
    Params addPositive(String key, long value) {
        return value > 0 ? add(key, Long.toString(value)) : this;
    }

    private void encode(String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
