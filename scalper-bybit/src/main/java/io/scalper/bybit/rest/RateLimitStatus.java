package io.scalper.bybit.rest;

/**
 * Bybit's per-endpoint rate-limit headers from the latest response of one endpoint.
 *
 * @param endpoint the path, e.g. {@code /v5/order/create}
 * @param limit {@code X-Bapi-Limit}: requests allowed per window
 * @param remaining {@code X-Bapi-Limit-Status}: requests left in the current window
 * @param resetTimestampMs {@code X-Bapi-Limit-Reset-Timestamp}: server time (ms) when the window resets
 * @param observedAtMs server-corrected time (ms) when the response arrived
 */
public record RateLimitStatus(String endpoint, int limit, int remaining, long resetTimestampMs, long observedAtMs) {

    /** Whether the window is used up. */
    public boolean exhausted() {
        return remaining <= 0;
    }
}
