package io.scalper.core.market;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.model.Side;

/**
 * Receives the market events of one instrument, in time order: book snapshots and deltas, trades, ticker updates. What
 * a feed decoder, a recorded file, a binary event file or the synthetic generator produces, and what the engine and
 * writers consume. Holders passed in are reused by the caller: copy what you keep. Default methods ignore the event.
 */
public interface MarketEventSink {
    /** A book snapshot or delta (levels in ticks and lots; size 0 deletes). */
    default void onBook(BookUpdate update) {}

    /**
     * One trade. Trades of one aggressive order share {@code timeNs} (the match time) and arrive in match order.
     *
     * @param timeNs match time, ns since the epoch
     * @param aggressor the taker side
     */
    default void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {}

    /**
     * A ticker update; {@link TickerState#lastUpdateFields()} tells which fields it carried and {@link
     * TickerState#snapshot()} whether it replaces what was known.
     */
    default void onTicker(TickerState ticker) {}

    /**
     * The events of one exchange message have all been delivered (a feed decoder calls it after each message; sources
     * without messages need not). {@link MarketStateSink} tells its listener of the message's trades here, as one batch.
     */
    default void endOfMessage() {}
}
