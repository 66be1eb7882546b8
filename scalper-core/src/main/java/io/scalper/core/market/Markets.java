package io.scalper.core.market;

import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TapeConfig;
import java.util.Arrays;
import java.util.Objects;

/**
 * The markets of one process, by symbol, and where each one's events go: by default into its {@link MarketStateSink} —
 * the one apply-and-notify step — which tells this registry's listener; or, once {@link #route routed}, to another
 * sink instead (a backtest sends recorded events to the simulated exchange, which keeps its own markets). Feed decoders
 * emit into {@link #sink(int)}; they apply nothing themselves.
 *
 * <p>Allocates only when a market is registered. Not thread-safe: the thread that decodes owns the markets.
 */
public final class Markets {
    private final int maxDepth;
    private final TapeConfig tapeConfig;
    private MarketState[] states = new MarketState[4];
    private MarketStateSink[] appliers = new MarketStateSink[4];
    private MarketEventSink[] sinks = new MarketEventSink[4];
    private int count;
    private MarketDataListener listener = MarketDataListener.NO_OP;

    /**
     * @param maxDepth levels per side of each book
     * @param tapeConfig configuration of each market's trade tape
     */
    public Markets(int maxDepth, TapeConfig tapeConfig) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.tapeConfig = Objects.requireNonNull(tapeConfig, "tapeConfig");
    }

    /** Sets the listener told after every applied event of every market; {@code null} removes it. */
    public void setListener(MarketDataListener newListener) {
        this.listener = newListener == null ? MarketDataListener.NO_OP : newListener;
        for (int i = 0; i < count; i++) {
            appliers[i].setListener(listener);
        }
    }

    /** Registers a market for an instrument and returns it, or the one already registered for its symbol. */
    public MarketState register(Instrument instrument) {
        final int existing = indexOf(instrument.symbol());
        if (existing >= 0) {
            return states[existing];
        }
        if (count == states.length) {
            states = Arrays.copyOf(states, count * 2);
            appliers = Arrays.copyOf(appliers, count * 2);
            sinks = Arrays.copyOf(sinks, count * 2);
        }
        final MarketState m = new MarketState(instrument, maxDepth, tapeConfig);
        states[count] = m;
        appliers[count] = new MarketStateSink(m, listener);
        sinks[count] = appliers[count];
        count++;
        return m;
    }

    /**
     * Sends the events of {@code symbol}'s market to {@code sink} instead of applying them; {@code null} applies them
     * again.
     *
     * @throws IllegalArgumentException if no market of that symbol is registered
     */
    public void route(String symbol, MarketEventSink sink) {
        final int i = indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("no market registered for " + symbol);
        }
        sinks[i] = sink == null ? appliers[i] : sink;
    }

    /** Index of the market of {@code symbol}, or -1. */
    public int indexOf(String symbol) {
        for (int i = 0; i < count; i++) {
            if (states[i].symbol().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** The market of {@code symbol}, or {@code null} if none is registered. */
    public MarketState market(String symbol) {
        final int i = indexOf(symbol);
        return i < 0 ? null : states[i];
    }

    /** Number of markets registered. */
    public int count() {
        return count;
    }

    /** The {@code i}-th market, in order of registration. */
    public MarketState at(int i) {
        Objects.checkIndex(i, count);
        return states[i];
    }

    /** Where the events of the {@code i}-th market go. */
    public MarketEventSink sink(int i) {
        Objects.checkIndex(i, count);
        return sinks[i];
    }

    /** The apply-and-notify step of the {@code i}-th market (whether or not its events are routed elsewhere). */
    public MarketStateSink applier(int i) {
        Objects.checkIndex(i, count);
        return appliers[i];
    }

    /** Book updates applied, over every market. */
    public long bookUpdates() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += appliers[i].bookUpdates();
        }
        return n;
    }

    /** Book updates refused as sequence gaps, over every market. */
    public long gaps() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += appliers[i].gaps();
        }
        return n;
    }

    /** Book updates refused as crossing, over every market. */
    public long crossed() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += appliers[i].crossed();
        }
        return n;
    }

    /** Book updates already applied, over every market. */
    public long duplicates() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += appliers[i].duplicates();
        }
        return n;
    }

    /** Book updates refused otherwise, over every market. */
    public long rejected() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += appliers[i].rejected();
        }
        return n;
    }

    /** Books reset by a snapshot, over every market. */
    public long resets() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += states[i].book().resets();
        }
        return n;
    }
}
