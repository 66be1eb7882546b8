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

    /**
     * The exchange (or the gateway, before sending) refused the order.
     *
     * @param reason why, in core terms (what logic decides on)
     * @param detail the venue's own words (e.g. {@code "110007 ab not enough for new order"}), {@code ""} when none;
     *     for journals and logs only
     */
    record Rejected(
            String clientOrderId,
            String venueOrderId,
            RejectReason reason,
            String detail,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {
        /** A null reason is {@link RejectReason#UNKNOWN}, a null detail {@code ""}. */
        public Rejected {
            reason = reason == null ? RejectReason.UNKNOWN : reason;
            detail = detail == null ? "" : detail;
        }

        /** Without a detail. */
        public Rejected(
                String clientOrderId, String venueOrderId, RejectReason reason, long exchangeTimeNs, long localTimeNs) {
            this(clientOrderId, venueOrderId, reason, "", exchangeTimeNs, localTimeNs);
        }

        /** The reason's code, then the venue's detail in parentheses when there is one (journals, logs). */
        public String reasonText() {
            return describe(reason.code(), detail);
        }
    }

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

    /** An amend was refused; the order is unchanged. Reason and detail as for {@link Rejected}. */
    record AmendRejected(
            String clientOrderId,
            String venueOrderId,
            RejectReason reason,
            String detail,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {
        /** A null reason is {@link RejectReason#UNKNOWN}, a null detail {@code ""}. */
        public AmendRejected {
            reason = reason == null ? RejectReason.UNKNOWN : reason;
            detail = detail == null ? "" : detail;
        }

        /** Without a detail. */
        public AmendRejected(
                String clientOrderId, String venueOrderId, RejectReason reason, long exchangeTimeNs, long localTimeNs) {
            this(clientOrderId, venueOrderId, reason, "", exchangeTimeNs, localTimeNs);
        }

        /** The reason's code, then the venue's detail in parentheses when there is one (journals, logs). */
        public String reasonText() {
            return describe(reason.code(), detail);
        }
    }

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
     * The order was cancelled: by request ({@link CancelReason#BY_CLIENT}) or by the exchange, e.g. {@link
     * CancelReason#POST_ONLY_WOULD_TAKE} for a post-only order that would have crossed, or {@link
     * CancelReason#IOC_REMAINDER} for the rest of an IOC.
     *
     * @param reason why, in core terms (what logic decides on)
     * @param detail the venue's own words (e.g. Bybit's {@code cancelType} or {@code rejectReason}), {@code ""} when
     *     none; for journals and logs only
     */
    record Canceled(
            String clientOrderId,
            String venueOrderId,
            CancelReason reason,
            String detail,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {
        /** A null reason is {@link CancelReason#UNKNOWN}, a null detail {@code ""}. */
        public Canceled {
            reason = reason == null ? CancelReason.UNKNOWN : reason;
            detail = detail == null ? "" : detail;
        }

        /** Without a detail. */
        public Canceled(
                String clientOrderId, String venueOrderId, CancelReason reason, long exchangeTimeNs, long localTimeNs) {
            this(clientOrderId, venueOrderId, reason, "", exchangeTimeNs, localTimeNs);
        }

        /** The reason's code, then the venue's detail in parentheses when there is one (journals, logs). */
        public String reasonText() {
            return describe(reason.code(), detail);
        }
    }

    /**
     * A cancel was refused (e.g. the order had already filled: {@link RejectReason#ORDER_FINISHED}). Reason and detail
     * as for {@link Rejected}.
     */
    record CancelRejected(
            String clientOrderId,
            String venueOrderId,
            RejectReason reason,
            String detail,
            long exchangeTimeNs,
            long localTimeNs)
            implements OrderEvent {
        /** A null reason is {@link RejectReason#UNKNOWN}, a null detail {@code ""}. */
        public CancelRejected {
            reason = reason == null ? RejectReason.UNKNOWN : reason;
            detail = detail == null ? "" : detail;
        }

        /** Without a detail. */
        public CancelRejected(
                String clientOrderId, String venueOrderId, RejectReason reason, long exchangeTimeNs, long localTimeNs) {
            this(clientOrderId, venueOrderId, reason, "", exchangeTimeNs, localTimeNs);
        }

        /** The reason's code, then the venue's detail in parentheses when there is one (journals, logs). */
        public String reasonText() {
            return describe(reason.code(), detail);
        }
    }

    /** A conditional order's trigger fired; it is now working. */
    record Triggered(String clientOrderId, String venueOrderId, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** The exchange expired the order. */
    record Expired(String clientOrderId, String venueOrderId, long exchangeTimeNs, long localTimeNs)
            implements OrderEvent {}

    /** {@code code}, or {@code code (detail)} when there is a detail. */
    private static String describe(String code, String detail) {
        return detail.isEmpty() ? code : code + " (" + detail + ")";
    }
}
