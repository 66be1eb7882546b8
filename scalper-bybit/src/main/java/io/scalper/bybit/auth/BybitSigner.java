package io.scalper.bybit.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bybit v5 HMAC-SHA256 signatures (lower-case hex) for REST requests and for WebSocket authentication. Thread-safe:
 * each signature uses its own {@link Mac}.
 *
 * <p>REST: the signed text is {@code timestamp + apiKey + recvWindow + payload}, where the payload is the query string
 * exactly as sent (without {@code ?}) for a GET and the exact JSON body for a POST. WebSocket: the signed text is
 * {@code "GET/realtime" + expires}.
 */
public final class BybitSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final BybitCredentials credentials;
    private final SecretKeySpec key;

    /** A signer for these credentials. */
    public BybitSigner(BybitCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.key = keyOf(credentials.apiSecret());
    }

    /** The credentials this signer signs for. */
    public BybitCredentials credentials() {
        return credentials;
    }

    /**
     * The {@code X-BAPI-SIGN} value for one REST request.
     *
     * @param timestampMs the {@code X-BAPI-TIMESTAMP} sent, epoch milliseconds
     * @param recvWindowMs the {@code X-BAPI-RECV-WINDOW} sent
     * @param payload the raw query string (GET) or the JSON body (POST), byte for byte as sent; empty when there is none
     */
    public String signRest(long timestampMs, long recvWindowMs, String payload) {
        final String text =
                timestampMs + credentials.apiKey() + recvWindowMs + Objects.requireNonNull(payload, "payload");
        return hex(mac(key, text));
    }

    /** The signature of this signer's secret over {@code "GET/realtime" + expiresMs}; see {@link #signWebSocket}. */
    public String signWebSocket(long expiresMs) {
        return hex(mac(key, "GET/realtime" + expiresMs));
    }

    /**
     * The signature for the WebSocket {@code auth} operation: lower-case hex HMAC-SHA256 of {@code "GET/realtime" +
     * expiresMs} keyed with the secret.
     *
     * @param apiSecret the API secret
     * @param expiresMs when the authentication request expires, epoch milliseconds (a little in the future)
     */
    public static String signWebSocket(String apiSecret, long expiresMs) {
        return hex(mac(keyOf(apiSecret), "GET/realtime" + expiresMs));
    }

    /** Lower-case hex HMAC-SHA256 of {@code message} (UTF-8) keyed with {@code secret} (UTF-8). */
    public static String hmacSha256Hex(String secret, String message) {
        return hex(mac(keyOf(secret), message));
    }

    private static SecretKeySpec keyOf(String secret) {
        Objects.requireNonNull(secret, "apiSecret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("apiSecret: must not be empty");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] mac(SecretKeySpec key, String message) {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256; the message names no key material.
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    private static String hex(byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "BybitSigner[apiKey=" + credentials.maskedApiKey() + "]";
    }
}
