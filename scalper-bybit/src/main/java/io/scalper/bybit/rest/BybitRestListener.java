package io.scalper.bybit.rest;

/**
 * Observes a {@link BybitRestClient}: requests, responses, throttling and retries, e.g. to measure order round-trip
 * latency or to count rate-limit waits. Every method has an empty default, so implementations override what they need.
 * Called on the thread that made the call; must not block. Arguments never contain credentials.
 */
public interface BybitRestListener {
    /** No-op listener. */
    BybitRestListener NONE = new BybitRestListener() {};

    /**
     * A request is about to be sent.
     *
     * @param endpoint method and path, e.g. {@code POST /v5/order/create}
     * @param attempt 1 for the first attempt
     */
    default void requestSent(String endpoint, int attempt) {}

    /**
     * A response arrived (any status).
     *
     * @param elapsedNs time from sending to the response headers, by the client's clock
     */
    default void responseReceived(String endpoint, int httpStatus, int retCode, long elapsedNs) {}

    /** The client-side throttle delayed a request by {@code waitNs}. */
    default void throttled(String endpoint, long waitNs) {}

    /**
     * A call will be repeated after {@code backoffNs}.
     *
     * @param attempt the attempt that failed
     * @param reason short description of the failure (no credentials)
     */
    default void retrying(String endpoint, int attempt, long backoffNs, String reason) {}
}
