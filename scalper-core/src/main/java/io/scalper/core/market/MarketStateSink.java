package io.scalper.core.market;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * Applies a stream of {@link MarketEventSink} events to a {@link MarketState} — book updates to its book, trades to its
 * tape, ticker updates merged into its ticker — and then tells a {@link MarketDataListener}, exactly as the feed
 * decoders do. Consecutive trades are delivered to the listener as one batch when the next non-trade event arrives or
 * {@link #flush()} is called. Allocates nothing per event.
 */
public final class MarketStateSink implements MarketEventSink {
    private final MarketState market;
    private MarketDataListener listener;
    private int pendingTrades;

    public MarketStateSink(MarketState market, MarketDataListener listener) {
        this.market = Objects.requireNonNull(market, "market");
        this.listener = listener == null ? MarketDataListener.NO_OP : listener;
    }

    public void setListener(MarketDataListener listener) {
        this.listener = listener == null ? MarketDataListener.NO_OP : listener;
    }

    public MarketState market() {
        return market;
    }

    @Override
    public void onBook(BookUpdate update) {
        flush();
        final int result = market.book().apply(update);
        listener.onBook(market, result);
    }

    @Override
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        market.tape().onTrade(timeNs, priceTicks, sizeLots, aggressor);
        pendingTrades++;
    }

    @Override
    public void onTicker(TickerState ticker) {
        flush();
        market.ticker().merge(ticker);
        listener.onTicker(market);
    }

    /** Delivers trades received since the last delivery as one batch. */
    public void flush() {
        if (pendingTrades > 0) {
            final int n = pendingTrades;
            pendingTrades = 0;
            listener.onTrades(market, n);
        }
    }
}
