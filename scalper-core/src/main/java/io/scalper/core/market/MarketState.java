package io.scalper.core.market;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.tape.TradeTape;
import java.util.Objects;

/** Everything known about one instrument's market: its order book, trade tape and ticker. Owned by one thread. */
public final class MarketState {
    private final Instrument instrument;
    private final OrderBook book;
    private final TradeTape tape;
    private final TickerState ticker = new TickerState();

    /** A market with a book of {@code maxDepth} levels per side and a tape with the given configuration. */
    public MarketState(Instrument instrument, int maxDepth, TapeConfig tapeConfig) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.book = new OrderBook(instrument, maxDepth);
        this.tape = new TradeTape(tapeConfig);
    }

    /** A market with default book depth and tape configuration. */
    public MarketState(Instrument instrument) {
        this(instrument, OrderBook.DEFAULT_MAX_DEPTH, TapeConfig.defaults());
    }

    public Instrument instrument() {
        return instrument;
    }

    public String symbol() {
        return instrument.symbol();
    }

    public OrderBook book() {
        return book;
    }

    public TradeTape tape() {
        return tape;
    }

    public TickerState ticker() {
        return ticker;
    }

    @Override
    public String toString() {
        return "MarketState[" + instrument.symbol() + "]";
    }
}
