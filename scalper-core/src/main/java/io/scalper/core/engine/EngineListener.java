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

    /** An order event was applied ({@code order} is {@code null} for an unknown client id). */
    default void onOrderEvent(OrderEvent event, Order order) {}

    /** A fill changed the position. */
    default void onFill(OrderEvent.Filled fill, Order order, long positionLots) {}

    /** A position went back to flat. */
    default void onRoundTrip(RoundTrip trade) {}

    /** The trading state changed (e.g. the kill switch tripped). */
    default void onTradingState(String state, String reason) {}
}
