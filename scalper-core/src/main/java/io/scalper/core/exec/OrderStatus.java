package io.scalper.core.exec;

/** Life-cycle state of an order; see {@link OrderStateMachine} for the transitions. */
public enum OrderStatus {
    /** Created locally, not yet sent. */
    INITIALIZED,
    /** Sent; no answer yet. */
    SUBMITTED,
    /** Acknowledged by the exchange and working (for conditional orders: waiting for the trigger). */
    ACCEPTED,
    /** A conditional order's trigger fired; it is now working. */
    TRIGGERED,
    /** An amend was sent; no answer yet. */
    PENDING_UPDATE,
    /** A cancel was sent; no answer yet. */
    PENDING_CANCEL,
    /** Some quantity filled; the rest is working. */
    PARTIALLY_FILLED,
    /** Terminal: fully filled. */
    FILLED,
    /** Terminal (though a late fill may still arrive): cancelled, possibly after partial fills. */
    CANCELED,
    /** Terminal: refused by the exchange (or by the gateway before sending). */
    REJECTED,
    /** Terminal: expired by the exchange. */
    EXPIRED;

    /** Whether the order can no longer rest or fill in the normal course (a late fill is still honoured). */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }

    /** Whether the order may still fill: sent and not terminal. */
    public boolean isOpen() {
        return !isTerminal() && this != INITIALIZED;
    }
}
