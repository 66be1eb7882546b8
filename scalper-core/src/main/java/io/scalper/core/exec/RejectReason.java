package io.scalper.core.exec;

/**
 * Why an order, an amend or a cancel was refused, in venue-neutral terms: {@link OrderEvent.Rejected#reason()}, {@link
 * OrderEvent.AmendRejected#reason()}, {@link OrderEvent.CancelRejected#reason()}. Core logic decides on these, never on
 * a venue's text; the venue's own words (its code and message) travel alongside in the event's {@code detail}. Each
 * reason has a stable lower_snake {@link #code()} that journals use; codes never change once released (new reasons may
 * be added).
 */
public enum RejectReason {
    /** Not enough available balance or margin. */
    INSUFFICIENT_BALANCE("insufficient_balance"),
    /** The quantity is invalid: zero, below the minimum, off the lot grid. */
    INVALID_QTY("invalid_qty"),
    /** An amend asked for a quantity not above what has already filled. */
    AMEND_BELOW_FILLED("amend_below_filled"),
    /** The price (or trigger price) is invalid: off the tick grid, outside the venue's price band, wrong side. */
    INVALID_PRICE("invalid_price"),
    /** The order's value is below the venue's minimum notional. */
    BELOW_MIN_NOTIONAL("below_min_notional"),
    /** A post-only order (or amend) would have taken liquidity. */
    POST_ONLY_WOULD_TAKE("post_only_would_take"),
    /** A reduce-only order would have increased the position. */
    REDUCE_ONLY("reduce_only"),
    /** The venue's rate limit refused the request; it had no effect. */
    RATE_LIMITED("rate_limited"),
    /** The client order id was used before. */
    DUPLICATE_CLIENT_ID("duplicate_client_id"),
    /** The venue does not know the order (or no longer lists it as open). */
    UNKNOWN_ORDER("unknown_order"),
    /** The order has already filled or been cancelled. */
    ORDER_FINISHED("order_finished"),
    /** A position, risk or open-order limit of the account or the symbol. */
    RISK_LIMIT("risk_limit"),
    /** The symbol cannot trade now (suspended, settling, not listed). */
    NOT_TRADABLE("not_tradable"),
    /** The request itself is invalid: bad or missing parameter, unknown symbol, nothing to change. */
    INVALID_REQUEST("invalid_request"),
    /** The outcome could not be learned from the venue (look-ups failed); its state will be read again. */
    OUTCOME_UNKNOWN("outcome_unknown"),
    /** A refusal this vocabulary does not know; the detail holds what the venue said. */
    UNKNOWN("unknown");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable lower_snake code, e.g. {@code insufficient_balance}. */
    public String code() {
        return code;
    }

    /**
     * The reason with this code.
     *
     * @throws IllegalArgumentException if no reason has this code
     */
    public static RejectReason ofCode(String code) {
        for (RejectReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reject reason code: '" + code + "'");
    }
}
