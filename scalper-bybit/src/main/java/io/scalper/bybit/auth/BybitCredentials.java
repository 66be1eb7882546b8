package io.scalper.bybit.auth;

import java.util.Objects;

/**
 * A Bybit API key and its secret (HMAC keys). Immutable and thread-safe.
 *
 * <p>The secret never appears in {@link #toString()} or in any message this class produces; the key appears only
 * masked ({@link #maskedApiKey()}). Code that logs or reports errors should use {@link #redact(String)} on any text
 * that might echo the key or the secret back (Bybit's signature errors do echo the signed string, key included).
 */
public final class BybitCredentials {
    private static final int VISIBLE_KEY_CHARS = 4;

    private final String apiKey;
    private final String apiSecret;

    /**
     * @param apiKey the API key, not blank
     * @param apiSecret the API secret, not blank
     * @throws IllegalArgumentException if either is blank (the message names the field, never its value)
     */
    public BybitCredentials(String apiKey, String apiSecret) {
        this.apiKey = requireText("apiKey", apiKey);
        this.apiSecret = requireText("apiSecret", apiSecret);
    }

    private static String requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }

    /** The API key, sent as {@code X-BAPI-API-KEY}. */
    public String apiKey() {
        return apiKey;
    }

    /** The API secret: the HMAC key. Never log it. */
    public String apiSecret() {
        return apiSecret;
    }

    /** The key's first four characters followed by {@code …} (the whole key is never shown). */
    public String maskedApiKey() {
        return mask(apiKey);
    }

    /**
     * {@code text} with every occurrence of the secret replaced by {@code ***} and of the full key by
     * {@link #maskedApiKey()}; {@code null} stays {@code null}.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(apiSecret, "***").replace(apiKey, maskedApiKey());
    }

    static String mask(String key) {
        return key.length() <= VISIBLE_KEY_CHARS ? "…" : key.substring(0, VISIBLE_KEY_CHARS) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BybitCredentials
                && apiKey.equals(((BybitCredentials) o).apiKey)
                && apiSecret.equals(((BybitCredentials) o).apiSecret);
    }

    @Override
    public int hashCode() {
        return apiKey.hashCode();
    }

    @Override
    public String toString() {
        return "BybitCredentials[apiKey=" + maskedApiKey() + "]";
    }
}
