package io.scalper.bybit.ws;

/**
 * Settings shared by the Bybit WebSocket streams. Immutable; validated on construction with a message naming the key.
 *
 * @param pingIntervalMs interval between application-level pings ({@code {"op":"ping"}}); Bybit recommends 20 s
 * @param staleTimeoutMs a connection that received nothing (data, ack or pong) for this long is stale: it is closed and
 *     reconnected
 * @param backoffBaseMs first reconnect delay before jitter; doubled on each failed attempt
 * @param backoffMaxMs cap of the reconnect delay
 * @param authWindowMs the auth {@code expires} is the local time plus this window
 * @param recvWindowMs {@code X-BAPI-RECV-WINDOW} sent with each trade-stream request
 * @param requestTimeoutMs a trade-stream request unanswered for this long is reported as unknown (query the order)
 * @param queueCapacity capacity of the hand-off queue between the I/O thread and the engine thread
 */
public record BybitWsConfig(
        long pingIntervalMs,
        long staleTimeoutMs,
        long backoffBaseMs,
        long backoffMaxMs,
        long authWindowMs,
        long recvWindowMs,
        long requestTimeoutMs,
        int queueCapacity) {

    public static final long DEFAULT_PING_INTERVAL_MS = 20_000;
    public static final long DEFAULT_STALE_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_BACKOFF_BASE_MS = 500;
    public static final long DEFAULT_BACKOFF_MAX_MS = 30_000;
    public static final long DEFAULT_AUTH_WINDOW_MS = 10_000;
    public static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    public BybitWsConfig {
        positive("pingIntervalMs", pingIntervalMs);
        positive("staleTimeoutMs", staleTimeoutMs);
        positive("backoffBaseMs", backoffBaseMs);
        positive("backoffMaxMs", backoffMaxMs);
        positive("authWindowMs", authWindowMs);
        positive("recvWindowMs", recvWindowMs);
        positive("requestTimeoutMs", requestTimeoutMs);
        positive("queueCapacity", queueCapacity);
        if (backoffMaxMs < backoffBaseMs) {
            throw new IllegalArgumentException(
                    "backoffMaxMs: must be >= backoffBaseMs (" + backoffBaseMs + "), got " + backoffMaxMs);
        }
    }

    /** The defaults: ping 20 s, stale after 30 s, backoff 500 ms doubling up to 30 s, request timeout 5 s. */
    public static BybitWsConfig defaults() {
        return new BybitWsConfig(
                DEFAULT_PING_INTERVAL_MS,
                DEFAULT_STALE_TIMEOUT_MS,
                DEFAULT_BACKOFF_BASE_MS,
                DEFAULT_BACKOFF_MAX_MS,
                DEFAULT_AUTH_WINDOW_MS,
                DEFAULT_RECV_WINDOW_MS,
                DEFAULT_REQUEST_TIMEOUT_MS,
                DEFAULT_QUEUE_CAPACITY);
    }

    /** A copy with other ping interval and stale timeout. */
    public BybitWsConfig withHeartbeat(long pingIntervalMs, long staleTimeoutMs) {
        return new BybitWsConfig(
                pingIntervalMs,
                staleTimeoutMs,
                backoffBaseMs,
                backoffMaxMs,
                authWindowMs,
                recvWindowMs,
                requestTimeoutMs,
                queueCapacity);
    }

    /** A copy with other reconnect backoff settings. */
    public BybitWsConfig withBackoff(long backoffBaseMs, long backoffMaxMs) {
        return new BybitWsConfig(
                pingIntervalMs,
                staleTimeoutMs,
                backoffBaseMs,
                backoffMaxMs,
                authWindowMs,
                recvWindowMs,
                requestTimeoutMs,
                queueCapacity);
    }

    /** A copy with another trade-stream request timeout. */
    public BybitWsConfig withRequestTimeout(long requestTimeoutMs) {
        return new BybitWsConfig(
                pingIntervalMs,
                staleTimeoutMs,
                backoffBaseMs,
                backoffMaxMs,
                authWindowMs,
                recvWindowMs,
                requestTimeoutMs,
                queueCapacity);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + value);
        }
    }
}
