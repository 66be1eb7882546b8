package io.scalper.core.market;

/**
 * Told after each market-data message has been applied to a {@link MarketState}. Called on the decoding thread; the
 * default methods do nothing, so implementations override only what they need.
 */
public interface MarketDataListener {
    /** A listener that ignores everything. */
    MarketDataListener NO_OP = new MarketDataListener() {};

    /**
     * A book message was applied (or refused).
     *
     * @param result the {@link io.scalper.core.book.OrderBook#apply} result code
     */
    default void onBook(MarketState market, int result) {}

    /** {@code count} trades were appended to the market's tape (the newest last). */
    default void onTrades(MarketState market, int count) {}

    /** The market's ticker was updated. */
    default void onTicker(MarketState market) {}
}
