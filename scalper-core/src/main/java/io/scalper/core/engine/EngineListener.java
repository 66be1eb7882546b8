package io.scalper.core.engine;

import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.signal.Decision;

/**
 * Observes the engine for journals, metrics and status displays; called on the engine thread. Default methods do
 * nothing. Must not call back into the engine.
 */
public interface EngineListener {
    /** A listener that ignores everything. */
    EngineListener NO_OP = new EngineListener() {};

    /** A decision was made (the object is reused). */
    default void onDecision(Decision decision) {}

    /** An entry the decision asked for was refused by a gate; {@code reason} is the refusal code. */
    default void onRefusal(String reason, Decision decision) {}

    /** An order was sent. */
    default void onOrderSubmitted(Order order) {}

    /**
     * An order found working at the venue was taken over ({@link ScalperEngine#adopt}): the engine tracks it from now,
     * acknowledged, though this run did not send it.
     */
    default void onOrderAdopted(Order order) {}

    /** An order event was applied ({@code order} is {@code null} for an unknown client id). */
    default void onOrderEvent(OrderEvent event, Order order) {}

    /** A fill changed the position. */
    default void onFill(OrderEvent.Filled fill, Order order, long positionLots) {}

    /** A position went back to flat. */
    default void onRoundTrip(RoundTrip trade) {}

    /** The trading state changed (e.g. the kill switch tripped). */
    default void onTradingState(String state, String reason) {}

    /**
     * The engine's position was set to the venue's: at start-up (adoption) or after a confirmed difference.
     *
     * @param symbol the symbol
     * @param engineLots the engine's position before, signed lots
     * @param venueLots the venue's position, signed lots (the engine's from now on)
     * @param venueAvgEntryTicks the venue's average entry price, ticks, or {@link io.scalper.core.exec.OrderRequest#NO_PRICE}
     * @param action what follows: {@code adopt} (bracketed), {@code flatten} (closed at market), {@code flat}
     * @param cause why: {@code startup}, {@code venue_check}, ...
     */
    default void onReconciled(
            String symbol, long engineLots, long venueLots, long venueAvgEntryTicks, String action, String cause) {}

    /**
     * A position or leverage cap cut an entry's size ({@link io.scalper.core.risk.SizingResult#cappedBy()}): the smaller
     * size is used and the trade's R is what it actually risks ({@link io.scalper.core.risk.SizingResult#riskAmount()}).
     */
    default void onSizeCapped(io.scalper.core.risk.SizingResult size) {}

    /**
     * Something worth an operator's attention happened (a retry budget spent, a venue alert); the kill switch, if it
     * trips, is reported separately through {@link #onTradingState}.
     */
    default void onAlert(String code, String detail) {}
}
