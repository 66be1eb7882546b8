package io.scalper.bybit.rest;

import java.util.Objects;

/**
 * Settings of a {@link BybitRestClient}. Immutable; validated on construction with a message naming the bad key.
 *
 * @param environment where to connect
 * @param recvWindowMs {@code X-BAPI-RECV-WINDOW}: how late (ms) a request may reach Bybit, 1..60000
 * @param orderRatePerSecond client-side limit for each of order create, amend, cancel and cancel-all (Bybit's default
 *     per-UID limit is 10/s each; VIP accounts have more), &gt; 0
 * @param positionRatePerSecond client-side limit for set-leverage and trading-stop, &gt; 0
 * @param queryRatePerSecond client-side limit for each private query endpoint (open orders, executions, positions,
 *     wallet); fee-rate is additionally capped at 5/s, &gt; 0
 * @param maxAttempts attempts per call including the first, 1..10; only calls that are safe to repeat are repeated
 * @param initialBackoffMs wait before the first retry, doubled for each further one, &ge; 0
 * @param maxBackoffMs cap of the retry wait (also of a wait for a rate-limit window to reset), &ge; initialBackoffMs
 * @param ipBanBackoffMs how long every request is refused locally after an HTTP 403 (Bybit's IP limit: wait at least
 *     10 minutes), &ge; 0
 * @param callTimeoutMs timeout of one HTTP exchange, &gt; 0
 */
public record BybitRestConfig(
        BybitEnvironment environment,
        long recvWindowMs,
        int orderRatePerSecond,
        int positionRatePerSecond,
        int queryRatePerSecond,
        int maxAttempts,
        long initialBackoffMs,
        long maxBackoffMs,
        long ipBanBackoffMs,
        long callTimeoutMs) {

    public static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    public static final int DEFAULT_ORDER_RATE_PER_SECOND = 10;
    public static final int DEFAULT_POSITION_RATE_PER_SECOND = 10;
    public static final int DEFAULT_QUERY_RATE_PER_SECOND = 50;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 200;
    public static final long DEFAULT_MAX_BACKOFF_MS = 2_000;
    public static final long DEFAULT_IP_BAN_BACKOFF_MS = 600_000;
    public static final long DEFAULT_CALL_TIMEOUT_MS = 10_000;

    public BybitRestConfig {
        Objects.requireNonNull(environment, "environment");
        check(recvWindowMs >= 1 && recvWindowMs <= 60_000, "recvWindowMs", "1..60000", recvWindowMs);
        check(orderRatePerSecond > 0, "orderRatePerSecond", "> 0", orderRatePerSecond);
        check(positionRatePerSecond > 0, "positionRatePerSecond", "> 0", positionRatePerSecond);
        check(queryRatePerSecond > 0, "queryRatePerSecond", "> 0", queryRatePerSecond);
        check(maxAttempts >= 1 && maxAttempts <= 10, "maxAttempts", "1..10", maxAttempts);
        check(initialBackoffMs >= 0, "initialBackoffMs", ">= 0", initialBackoffMs);
        check(maxBackoffMs >= initialBackoffMs, "maxBackoffMs", ">= initialBackoffMs", maxBackoffMs);
        check(ipBanBackoffMs >= 0, "ipBanBackoffMs", ">= 0", ipBanBackoffMs);
        check(callTimeoutMs > 0, "callTimeoutMs", "> 0", callTimeoutMs);
    }

    /** The defaults for {@code environment}. */
    public static BybitRestConfig defaults(BybitEnvironment environment) {
        return new BybitRestConfig(
                environment,
                DEFAULT_RECV_WINDOW_MS,
                DEFAULT_ORDER_RATE_PER_SECOND,
                DEFAULT_POSITION_RATE_PER_SECOND,
                DEFAULT_QUERY_RATE_PER_SECOND,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF_MS,
                DEFAULT_MAX_BACKOFF_MS,
                DEFAULT_IP_BAN_BACKOFF_MS,
                DEFAULT_CALL_TIMEOUT_MS);
    }

    /** A copy with another receive window. */
    public BybitRestConfig withRecvWindowMs(long ms) {
        return new BybitRestConfig(
                environment,
                ms,
                orderRatePerSecond,
                positionRatePerSecond,
                queryRatePerSecond,
                maxAttempts,
                initialBackoffMs,
                maxBackoffMs,
                ipBanBackoffMs,
                callTimeoutMs);
    }

    /** A copy with another order-entry rate (e.g. 20 for VIP1). */
    public BybitRestConfig withOrderRatePerSecond(int perSecond) {
        return new BybitRestConfig(
                environment,
                recvWindowMs,
                perSecond,
                positionRatePerSecond,
                queryRatePerSecond,
                maxAttempts,
                initialBackoffMs,
                maxBackoffMs,
                ipBanBackoffMs,
                callTimeoutMs);
    }

    /** A copy with another retry budget. */
    public BybitRestConfig withRetries(int attempts, long initialMs, long maxMs) {
        return new BybitRestConfig(
                environment,
                recvWindowMs,
                orderRatePerSecond,
                positionRatePerSecond,
                queryRatePerSecond,
                attempts,
                initialMs,
                maxMs,
                ipBanBackoffMs,
                callTimeoutMs);
    }

    private static void check(boolean ok, String key, String rule, long value) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": must be " + rule + ", got " + value);
        }
    }
}
