package io.scalper.core.backtest;

import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where a backtest's market comes from: a pull-style stream of messages of one instrument, each emitted as
 * {@link MarketEventSink} events (a book update, a batch of trades, a ticker update). Recorded frames, Bybit's daily
 * archives, the synthetic generator and binary event files all implement it. Sources are single-threaded and
 * deterministic: the same file or seed gives the same events.
 */
public interface MarketSource extends Closeable {
    /** The instrument whose events this source emits (prices in its ticks, sizes in its lots). */
    Instrument instrument();

    /**
     * Emits the events of the next message to {@code sink}: one book update, or one or more trades, or one ticker
     * update (or nothing, for a message that carries no event of this instrument).
     *
     * @return {@code false} when the source is exhausted (nothing was emitted)
     */
    boolean next(MarketEventSink sink) throws IOException;

    /**
     * Local receive time of the message last emitted, ns since the epoch, or 0 when the source does not know it (the
     * runner then applies its feed latency model to the exchange time).
     */
    default long localTimeNs() {
        return 0;
    }

    /** A one-line description for logs and reports (file names, seed). */
    default String describe() {
        return getClass().getSimpleName();
    }

    @Override
    default void close() throws IOException {}
}
