package io.scalper.core.market;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * The one place market events are applied: book updates to a {@link MarketState}'s book, trades to its tape, ticker
 * updates merged into (a snapshot: replacing) its ticker — and then a {@link MarketDataListener} is told. Feed decoders,
 * recorded files, binary event files and the generator only emit events; live and in backtests alike they reach the
 * strategy through here. Consecutive trades are delivered to the listener as one batch at the end of their message
 * ({@link #endOfMessage()}), when the next non-trade event arrives, or on {@link #flush()}. Counts what the book made of
 * each update. Allocates nothing per event.
 */
public final class MarketStateSink implements MarketEventSink {
    private final MarketState market;
    private MarketDataListener listener;
    private int pendingTrades;
    private long bookUpdates;
    private long gaps;
    private long crossed;
    private long duplicates;
    private long rejected;

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
        switch (result) {
            case io.scalper.core.book.OrderBook.OK -> bookUpdates++;
            case io.scalper.core.book.OrderBook.GAP -> gaps++;
            case io.scalper.core.book.OrderBook.CROSSED -> crossed++;
            case io.scalper.core.book.OrderBook.DUPLICATE -> duplicates++;
            default -> rejected++;
        }
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
        if (ticker.snapshot()) {
            market.ticker().clear();
        }
        market.ticker().merge(ticker);
        listener.onTicker(market);
    }

    @Override
    public void endOfMessage() {
        flush();
    }

    /** Delivers trades received since the last delivery as one batch. */
    public void flush() {
        if (pendingTrades > 0) {
            final int n = pendingTrades;
            pendingTrades = 0;
            listener.onTrades(market, n);
        }
    }

    /** Book updates applied ({@link io.scalper.core.book.OrderBook#OK}). */
    public long bookUpdates() {
        return bookUpdates;
    }

    /** Book updates refused as a sequence gap (the book waits for a snapshot). */
    public long gaps() {
        return gaps;
    }

    /** Book updates refused because they would cross the book. */
    public long crossed() {
        return crossed;
    }

    /** Book updates already applied (same or older update id). */
    public long duplicates() {
        return duplicates;
    }

    /** Book updates refused otherwise (e.g. a delta before any snapshot). */
    public long rejected() {
        return rejected;
    }
}
