package io.scalper.core.backtest.events;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.util.Objects;

/**
 * Reassembles the messages of a {@link RecordCursor}: {@link #peek()} loads the next message's first record (its
 * times and type are then readable), {@link #dispatch(MarketEventSink)} delivers the whole message — one
 * {@link BookUpdate}, a batch of trades, or one ticker update — through reused holders. Allocates nothing per message.
 */
public final class MessageReader {
    private final RecordCursor cursor;
    private final BookUpdate update = new BookUpdate(256);
    private final TickerState ticker = new TickerState();
    private boolean loaded;
    private boolean ended;
    private long messages;
    private long records;

    public MessageReader(RecordCursor cursor) {
        this.cursor = Objects.requireNonNull(cursor, "cursor");
    }

    /**
     * Loads the first record of the next message, if not loaded yet.
     *
     * @return {@code false} at the end of the stream
     */
    public boolean peek() throws IOException {
        if (loaded) {
            return true;
        }
        if (ended) {
            return false;
        }
        while (cursor.advance()) {
            records++;
            if ((cursor.flags() & EventFormat.FIRST) != 0) {
                loaded = true;
                return true;
            }
            // a record outside any message (a damaged file): skip it
        }
        ended = true;
        return false;
    }

    /** Exchange time of the loaded message. */
    public long exchangeTimeNs() {
        return cursor.exchangeTimeNs();
    }

    /** Local receive time of the loaded message (0 when unknown). */
    public long localTimeNs() {
        return cursor.localTimeNs();
    }

    /** Type of the loaded message ({@link EventFormat#BOOK}, {@link EventFormat#TRADE}, {@link EventFormat#TICKER}). */
    public int type() {
        return cursor.type();
    }

    /** Messages delivered so far. */
    public long messages() {
        return messages;
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /**
     * Delivers the loaded message (loading it first if needed) to {@code sink}.
     *
     * @return the number of records it had, or 0 at the end of the stream
     */
    public int dispatch(MarketEventSink sink) throws IOException {
        if (!peek()) {
            return 0;
        }
        loaded = false;
        messages++;
        final RecordCursor r = cursor;
        switch (r.type()) {
            case EventFormat.BOOK:
                return dispatchBook(r, sink);
            case EventFormat.TRADE:
                return dispatchTrades(r, sink);
            case EventFormat.TICKER:
                return dispatchTicker(r, sink);
            default:
                throw new IOException("unknown event record type " + r.type() + " at record " + records);
        }
    }

    private int dispatchBook(RecordCursor r, MarketEventSink sink) throws IOException {
        final BookUpdate u = update.clear();
        int flags = r.flags();
        u.snapshot((flags & EventFormat.SNAPSHOT) != 0)
                .updateId(r.c())
                .exchangeTimeNs(r.exchangeTimeNs())
                .localTimeNs(r.localTimeNs());
        int n = 1;
        while (true) {
            if ((flags & EventFormat.NO_LEVEL) == 0) {
                if (r.side() == 0) {
                    u.addBid(r.a(), r.b());
                } else {
                    u.addAsk(r.a(), r.b());
                }
            }
            if ((flags & EventFormat.LAST) != 0 || !next(r)) {
                break;
            }
            flags = r.flags();
            n++;
        }
        sink.onBook(u);
        return n;
    }

    private int dispatchTrades(RecordCursor r, MarketEventSink sink) throws IOException {
        int n = 1;
        while (true) {
            sink.onTrade(r.exchangeTimeNs(), r.a(), r.b(), r.side() == 0 ? Side.BUY : Side.SELL);
            if ((r.flags() & EventFormat.LAST) != 0 || !next(r)) {
                break;
            }
            n++;
        }
        return n;
    }

    private int dispatchTicker(RecordCursor r, MarketEventSink sink) throws IOException {
        final TickerState t = ticker;
        t.clear();
        t.exchangeTimeNs(r.exchangeTimeNs());
        int n = 1;
        while (true) {
            EventEncoder.setTickerValue(t, r.field(), r.a());
            if ((r.flags() & EventFormat.LAST) != 0 || !next(r)) {
                break;
            }
            n++;
        }
        sink.onTicker(t);
        return n;
    }

    private boolean next(RecordCursor r) throws IOException {
        if (r.advance()) {
            records++;
            return true;
        }
        ended = true;
        return false;
    }
}
