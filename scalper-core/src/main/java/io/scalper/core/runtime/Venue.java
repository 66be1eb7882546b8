package io.scalper.core.runtime;

import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * What a venue gives the {@link TradingLoop}: the service provider interface a venue module implements (Bybit's is
 * {@code io.scalper.bybit.live.BybitVenue}, live or paper), with nothing of the loop copied. The loop calls, on its one
 * thread: {@link #connect} once; the getters; {@link #attach} once the engine is built and its state restored; {@link
 * #poll} at every step; {@link #shutdown} once the engine has stopped; {@link #close()}.
 */
public interface Venue extends AutoCloseable {
    /** Name for logs and the status line, e.g. {@code testnet}. */
    String name();

    /** The symbol traded (known before {@link #connect}). */
    String symbol();

    /** Whether fills are simulated here (paper trading) rather than the venue's own. */
    boolean paper();

    /**
     * Connects and reads what trading needs — instrument rules, the account's fee rates and equity — and registers the
     * market its feed will maintain. Blocks.
     *
     * @param clock the engine's clock, which the loop sets to the wall clock at every step (for what the venue
     *     simulates, e.g. a paper exchange's latency)
     * @throws IOException when the venue cannot be reached or refuses (bad key, unknown symbol)
     */
    void connect(io.scalper.core.time.Clock clock) throws IOException;

    /** The instrument's rules (after {@link #connect}). */
    Instrument instrument();

    /** The market the venue's feed maintains, the engine's market (after {@link #connect}). */
    MarketState market();

    /** Where the engine's orders go (after {@link #connect}). */
    ExchangeGateway gateway();

    /** The account equity the run starts from (after {@link #connect}). */
    double startEquity();

    /** The account's maker fee rate, or NaN to use the configuration's (the {@code backtest} section's). */
    double makerFeeRate();

    /** The account's taker fee rate, or NaN to use the configuration's. */
    double takerFeeRate();

    /** A gate the venue puts before every entry (stream health), or {@code null}. */
    ScalperEngine.EntryGate entryGate();

    /** Text appended to the start-up line, e.g. {@code ", leverage 10"}; empty for none. */
    String accountDetail();

    /**
     * Wires the feed to {@code engine} and takes over what the venue holds (reconciliation under {@code policy}: a
     * position found there adopted or flattened, orders left by a previous run dealt with). Called once, after the
     * engine is built and its saved state restored.
     *
     * @param feedAge told the age of every market message when it is handled, ns (the loop records and forwards it)
     * @throws IOException when the venue cannot be read
     */
    void attach(ScalperEngine engine, ReconcilePolicy policy, LongConsumer feedAge) throws IOException;

    /**
     * The event source: delivers to the engine what arrived since the last call (market messages, order events), and
     * advances what the venue simulates to {@code nowNs}.
     *
     * @return how many messages and events were handled (0: idle)
     */
    int poll(long nowNs);

    /** Whether the book is in sync with the venue's. */
    boolean bookInSync();

    /** Whether the private (account) stream is up; always true where there is none. */
    boolean privateStreamUp();

    /** Reconnections of the venue's streams so far. */
    long reconnects();

    /** Market messages received so far. */
    long messages();

    /**
     * The venue-level part of a stop, after the engine's own: working orders cancelled, the stop cancelled only once
     * flat ({@code cancelStop}), the position flattened ({@code flatten}).
     *
     * @return the position left at the venue, lots (0 when flat)
     * @throws IOException when the venue cannot be reached
     */
    long shutdown(boolean cancelStop, boolean flatten) throws IOException;

    /** The account's equity at the venue now, or NaN when it has none of its own (paper). */
    double venueEquity() throws IOException;

    /**
     * Hands every market frame the feed handles to {@code tap}, as received (a session recording); called once after
     * {@link #connect}, before the first {@link #poll}. A venue that cannot do it ignores it (the default): the session
     * then has no market to replay.
     */
    default void tap(io.scalper.core.session.MarketTap tap) {}

    /** The venue's clock minus the local clock, ns, as measured at connect (0 when unknown). */
    default long clockOffsetNs() {
        return 0;
    }

    /** Closes the streams. */
    @Override
    void close();
}
