package io.scalper.core.backtest.events;

import java.io.IOException;

/**
 * Reads {@link EventFormat} records one at a time: {@link #advance()} loads the next record, whose fields the getters
 * then return. Implementations read a memory-mapped file or an in-memory buffer; none allocates per record.
 */
public interface RecordCursor {
    /**
     * Loads the next record.
     *
     * @return {@code false} at the end of the stream
     */
    boolean advance() throws IOException;

    long exchangeTimeNs();

    long localTimeNs();

    /** Field A: price in ticks (book, trade) or the ticker field's value. */
    long a();

    /** Field B: size in lots (book, trade). */
    long b();

    /** Field C: the book update id. */
    long c();

    /** {@link EventFormat#BOOK}, {@link EventFormat#TRADE} or {@link EventFormat#TICKER}. */
    int type();

    /** {@link EventFormat} flags. */
    int flags();

    /** 0 buy/bid, 1 sell/ask. */
    int side();

    /** The ticker field bit of a ticker record. */
    int field();
}
