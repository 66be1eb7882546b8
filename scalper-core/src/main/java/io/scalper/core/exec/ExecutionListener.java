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

    /**
     * The venue's position of a symbol: pushed as it changes, or read over REST after a gap ({@link
     * VenuePosition#authoritative()}). The engine compares it with its own and reconciles a confirmed difference.
     */
    default void onVenuePosition(VenuePosition position) {}

    /**
     * Something happened at the venue that the engine did not order and cannot model as its own fill — an auto-deleverage
     * or liquidation execution, or an order whose state could not be learned within its retry budget. The engine stops
     * entries (kill switch) and checks its position against the venue's.
     *
     * @param code a stable lower_snake code, e.g. {@code forced_execution}, {@code order_unresolved}
     * @param detail a short human-readable description (no secrets)
     */
    default void onVenueAlert(String symbol, String code, String detail) {}
}
