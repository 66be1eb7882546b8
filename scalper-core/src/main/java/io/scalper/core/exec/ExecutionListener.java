package io.scalper.core.exec;

/** Receives what an {@link ExchangeGateway} reports, on the engine thread. */
public interface ExecutionListener {
    /** An order event. */
    void onOrderEvent(OrderEvent event);

    /**
     * A funding settlement on the position: {@code amount} received in quote currency (negative when paid). Not a
     * fill.
     */
    default void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {}

    /** Round-trip latency of a command, request sent → acknowledgement, ns. */
    default void onLatency(long roundTripNs) {}
}
