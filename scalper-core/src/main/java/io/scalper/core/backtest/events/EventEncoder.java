package io.scalper.core.backtest.events;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns market events into {@link EventFormat} records. A book update becomes one message; consecutive trades become
 * one trade message, closed by the next book or ticker event or by {@link #endMessage()} (call it after each source
 * message, so a source's trade batches stay batches); a ticker update becomes one message of one record per field.
 * Records are held back by one so that the last of a message can be flagged {@link EventFormat#LAST}. The local receive
 * time of each record comes from a supplier (the source's). Allocates nothing per event.
 */
public final class EventEncoder implements MarketEventSink {
    private static final int[] TICKER_FIELDS = {
        TickerState.LAST_PRICE,
        TickerState.MARK_PRICE,
        TickerState.INDEX_PRICE,
        TickerState.FUNDING_RATE,
        TickerState.NEXT_FUNDING_TIME,
        TickerState.BID1_PRICE,
        TickerState.BID1_SIZE,
        TickerState.ASK1_PRICE,
        TickerState.ASK1_SIZE,
        TickerState.OPEN_INTEREST,
        TickerState.FUNDING_INTERVAL
    };

    private final RecordSink out;
    private final LongSupplier localTime;
    private boolean pending;
    private long pExchange;
    private long pLocal;
    private long pA;
    private long pB;
    private long pC;
    private int pType;
    private int pFlags;
    private int pSide;
    private int pField;
    private boolean inTrades;
    private long records;
    private long messages;

    /**
     * @param out where records go
     * @param localTime the local receive time of the event being encoded, ns (0 when unknown); {@code null} for none
     */
    public EventEncoder(RecordSink out, LongSupplier localTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.localTime = localTime == null ? () -> 0L : localTime;
    }

    private void put(long exchangeNs, long a, long b, long c, int type, int flags, int side, int field) {
        if (pending) {
            emitPending(0);
        }
        pending = true;
        pExchange = exchangeNs;
        pLocal = localTime.getAsLong();
        pA = a;
        pB = b;
        pC = c;
        pType = type;
        pFlags = flags;
        pSide = side;
        pField = field;
    }

    private void emitPending(int extraFlags) {
        pending = false;
        records++;
        try {
            out.write(pExchange, pLocal, pA, pB, pC, pType, pFlags | extraFlags, pSide, pField);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeMessage() {
        if (pending) {
            emitPending(EventFormat.LAST);
            messages++;
        }
        inTrades = false;
    }

    @Override
    public void onBook(BookUpdate u) {
        closeMessage();
        final int snap = u.isSnapshot() ? EventFormat.SNAPSHOT : 0;
        final long t = u.exchangeTimeNs();
        final long id = u.updateId();
        int first = EventFormat.FIRST;
        final int bids = u.count(Side.BUY);
        final int asks = u.count(Side.SELL);
        if (bids + asks == 0) {
            put(t, 0, 0, id, EventFormat.BOOK, first | snap | EventFormat.NO_LEVEL, 0, 0);
        }
        for (int i = 0; i < bids; i++) {
            put(t, u.price(Side.BUY, i), u.size(Side.BUY, i), id, EventFormat.BOOK, first | snap, 0, 0);
            first = 0;
        }
        for (int i = 0; i < asks; i++) {
            put(t, u.price(Side.SELL, i), u.size(Side.SELL, i), id, EventFormat.BOOK, first | snap, 1, 0);
            first = 0;
        }
        closeMessage();
    }

    @Override
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        final int first = inTrades ? 0 : EventFormat.FIRST;
        if (!inTrades) {
            closeMessage();
            inTrades = true;
        }
        put(timeNs, priceTicks, sizeLots, 0, EventFormat.TRADE, first, aggressor == Side.BUY ? 0 : 1, 0);
    }

    @Override
    public void onTicker(TickerState ticker) {
        closeMessage();
        final int fields = ticker.presentFields();
        final long t = ticker.exchangeTimeNs();
        int first = EventFormat.FIRST;
        for (int f : TICKER_FIELDS) {
            if ((fields & f) != 0) {
                put(t, ticker.get(f), 0, 0, EventFormat.TICKER, first, 0, f);
                first = 0;
            }
        }
        if (first != 0) {
            put(t, 0, 0, 0, EventFormat.TICKER, first, 0, 0);
        }
        closeMessage();
    }

    /** Ends the current message (a trade batch); call after each source message. */
    public void endMessage() {
        closeMessage();
    }

    /** Records written so far (the one held back excluded). */
    public long records() {
        return records;
    }

    /** Messages completed so far. */
    public long messages() {
        return messages;
    }

    /** Sets a decoded field; field 0 is an update that carried none. */
    static void setTickerValue(TickerState t, int field, long v) {
        if (field != 0) {
            t.set(field, v);
        }
    }
}
