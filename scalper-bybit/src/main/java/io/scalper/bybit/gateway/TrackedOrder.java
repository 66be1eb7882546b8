package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.core.exec.RetryBudget;
import java.util.HashSet;
import java.util.Set;

/** What the gateway knows about one order. Engine thread. */
final class TrackedOrder {
    /** The order's symbol; empty for an order first seen in an event (placed elsewhere). */
    final String symbol;

    String venueOrderId = "";
    /** Some event about it has been passed on (a later {@code Accepted} is a repeat). */
    boolean reported;
    /** Finished (a terminal event reported, or filled in full): nothing more can happen to it. */
    boolean terminal;

    boolean terminalReported;
    final Set<String> fillIds = new HashSet<>(4);
    long priceTicks;
    long qtyLots;
    long triggerTicks;
    long filledLots;
    /** The create request, for a re-send; {@code null} for an order this gateway did not place. */
    BybitCreateOrder create;

    int createResends;
    /** Bybit answered 110072 for it: it exists, whatever a look-up says. */
    boolean existsProven;
    /** Look-ups after unknown outcomes; created with the first. */
    RetryBudget lookups;

    TrackedOrder(String symbol, long priceTicks, long qtyLots, long triggerTicks) {
        this.symbol = symbol;
        this.priceTicks = priceTicks;
        this.qtyLots = qtyLots;
        this.triggerTicks = triggerTicks;
    }
}
