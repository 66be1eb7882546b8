package io.scalper.core.exec;

/**
 * Something that happened to an order, reported by the exchange (or the gateway). Past tense; every event carries the
 * exchange time and the local receive time (ns since the epoch; 0 when unknown). Events may arrive twice, late, or out
 * of order: {@link OrderManager} and {@link OrderStateMachine} cope.
 */
public sealed interface OrderEvent
        permits OrderEvent.Accepted,
                OrderEvent.Rejected,
                OrderEvent.Amended,
                OrderEvent.AmendRejected,
                OrderEvent.Filled,
                OrderEvent.Canceled,
                OrderEvent.CancelRejected,
                OrderEvent.Triggered,
                OrderEvent.Expired {

    /** The client order id the event is about. */
    String clientOrderId();

    /** The exchange's order id ("" when unknown). */
    String venueOrderId();

    long exchangeTimeNs();

    long localTimeNs();

    /** The exchange accepted the order (it rests, or waits for its trigger). */
    record Accepted(String clientOrderId, String venueOrderId, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** The exchange (or the gateway, before sending) refused the order. */
    record Rejected(String clientOrderId, String venueOrderId, String reason, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** An amend took effect: the order now has this price and quantity. */
    record Amended(
            String clientOrderId,
            String venueOrderId,
            long priceTicks,
            long qtyLots,
            long triggerPriceTicks,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {}

    /** An amend was refused; the order is unchanged. */
    record AmendRejected(
            String clientOrderId, String venueOrderId, String reason, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /**
     * A fill (partial or final).
     *
     * @param fillId the exchange's unique id of this fill (duplicates are ignored by it)
     * @param priceTicks fill price
     * @param qtyLots filled quantity
     * @param fee fee in quote currency, positive when paid, negative for a rebate
     * @param liquidity maker or taker
     * @param leavesQtyLots quantity still working after this fill as the exchange reports it, or -1 if unknown
     */
    record Filled(
            String clientOrderId,
            String venueOrderId,
            String fillId,
            long priceTicks,
            long qtyLots,
            double fee,
            Liquidity liquidity,
            long leavesQtyLots,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {}

    /**
     * The order was cancelled (by request, by the exchange, e.g. {@link #POST_ONLY_WOULD_TAKE} for a post-only order
     * that would have crossed, or {@link #NO_IMMEDIATE_LIQUIDITY} for the rest of an IOC).
     */
    record Canceled(String clientOrderId, String venueOrderId, String reason, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {
        /** Reason: a post-only order would have taken liquidity (Bybit {@code EC_PostOnlyWillTakeLiquidity}). */
        public static final String POST_ONLY_WOULD_TAKE = "PostOnlyWillTakeLiquidity";
        /** Reason: cancelled at the client's request. */
        public static final String BY_USER = "CancelByUser";
        /** Reason: the unfilled rest of an IOC/market order. */
        public static final String NO_IMMEDIATE_LIQUIDITY = "NoImmediateQtyToFill";
        /** Reason: an FOK order could not fill entirely. */
        public static final String NO_FULL_FILL = "CancelForNoFullFill";
        /** Reason: a reduce-only order no longer had a position to reduce. */
        public static final String REDUCE_ONLY = "CancelByReduceOnly";
    }

    /** A cancel was refused (e.g. the order had already filled). */
    record CancelRejected(
            String clientOrderId, String venueOrderId, String reason, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** A conditional order's trigger fired; it is now working. */
    record Triggered(String clientOrderId, String venueOrderId, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** The exchange expired the order. */
    record Expired(String clientOrderId, String venueOrderId, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}
}
