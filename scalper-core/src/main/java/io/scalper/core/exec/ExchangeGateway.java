package io.scalper.core.exec;

/**
 * The SPI an exchange adapter implements: commands out, {@link OrderEvent}s back. Live adapters, the backtest's
 * simulated exchange and test doubles implement it; the engine cannot tell which.
 *
 * <p>Threading: commands are called on the engine thread and must not block on the network (queue and return).
 * Events must be delivered to the {@link ExecutionListener} on the engine thread — an adapter with I/O threads hands
 * them over through the runtime's queue — in the order the adapter learned of them.
 */
public interface ExchangeGateway {
    /** Sets where events go; called once before any command. */
    void setListener(ExecutionListener listener);

    /** Places an order; the outcome arrives as events (accepted/rejected, fills...). */
    void submit(OrderRequest request);

    /**
     * Changes a working order's price and/or quantity (or a conditional order's trigger price). Pass
     * {@link OrderRequest#NO_PRICE} / 0 for what stays. Only called when {@link #supportsAmend()}.
     */
    void amend(String clientOrderId, long newPriceTicks, long newQtyLots, long newTriggerPriceTicks);

    /** Cancels an order; the outcome arrives as {@code Canceled} or {@code CancelRejected}. */
    void cancel(String clientOrderId);

    /** Cancels every working order of a symbol. */
    void cancelAll(String symbol);

    /** Whether {@link #amend} is available (otherwise the engine cancels and replaces). */
    default boolean supportsAmend() {
        return true;
    }

    /**
     * Asks the venue for the open orders, the executions since the last one seen and the position of {@code symbol}
     * (e.g. over REST), reporting what it finds as events and then an {@linkplain VenuePosition#authoritative()
     * authoritative} {@link ExecutionListener#onVenuePosition}. Never blocks; a gateway that already knows the truth
     * (a simulated exchange) may ignore it. Engine thread.
     */
    default void requestVenueCheck(String symbol) {}

    /**
     * Whether the gateway can take an order command now without queueing it behind a rate limit or a venue check in
     * progress. Entries are refused while it cannot; exits and stops are sent anyway (they queue). Engine thread.
     */
    default boolean isReadyForEntries() {
        return true;
    }
}
