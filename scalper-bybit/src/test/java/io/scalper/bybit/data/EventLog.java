package io.scalper.bybit.data;

import io.scalper.core.backtest.MarketSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test sink: plays a source to the end, keeping one {@link Message} per {@code next()} call and applying book updates
 * to an {@link OrderBook}.
 */
final class EventLog implements MarketEventSink {
    /** What one {@code next()} call emitted. */
    record Message(char kind, long timeNs, long localTimeNs, int events, Side side, long updateId, boolean uniform) {}

    final List<Message> messages = new ArrayList<>();
    final OrderBook book;
    final List<long[]> trades = new ArrayList<>();
    private char kind;
    private long time;
    private int events;
    private Side side;
    private long updateId;
    private boolean mixed;
    private boolean uniform;

    EventLog(OrderBook book) {
        this.book = book;
    }

    static EventLog play(MarketSource source) throws IOException {
        final EventLog log = new EventLog(new OrderBook(source.instrument()));
        log.drain(source);
        return log;
    }

    void drain(MarketSource source) throws IOException {
        while (step(source)) {
            // keep playing
        }
    }

    /** Plays one message of {@code source}; {@code false} when it is exhausted. */
    boolean step(MarketSource source) throws IOException {
        kind = '-';
        events = 0;
        side = null;
        updateId = -1;
        time = 0;
        uniform = true;
        if (!source.next(this)) {
            return false;
        }
        if (mixed) {
            throw new AssertionError("one next() call emitted more than one kind of event");
        }
        messages.add(new Message(kind, time, source.localTimeNs(), events, side, updateId, uniform));
        return true;
    }

    private void kind(char k) {
        if (kind != '-' && kind != k) {
            mixed = true;
        }
        kind = k;
        events++;
    }

    @Override
    public void onBook(BookUpdate update) {
        kind('B');
        time = update.exchangeTimeNs();
        updateId = update.updateId();
        book.apply(update);
    }

    @Override
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        if (kind == 'T') {
            uniform &= timeNs == time && aggressor == side;
        } else {
            time = timeNs;
            side = aggressor;
        }
        kind('T');
        trades.add(new long[] {timeNs, priceTicks, sizeLots, aggressor == Side.BUY ? 1 : 0});
    }

    @Override
    public void onTicker(TickerState ticker) {
        kind('K');
        time = ticker.exchangeTimeNs();
    }

    long count(char k) {
        return messages.stream().filter(m -> m.kind() == k).count();
    }

    int eventCount(char k) {
        return messages.stream()
                .filter(m -> m.kind() == k)
                .mapToInt(Message::events)
                .sum();
    }
}
