package io.scalper.core.exec;

/**
 * Why an order was cancelled, in venue-neutral terms: {@link OrderEvent.Canceled#reason()}. Core logic (router, OCO,
 * engine) decides on these, never on a venue's text; the venue's own words travel alongside in {@link
 * OrderEvent.Canceled#detail()}. Each reason has a stable lower_snake {@link #code()} that journals use; codes never
 * change once released (new reasons may be added).
 */
public enum CancelReason {
    /** Cancelled at the client's request (this engine, or another client on the same account). */
    BY_CLIENT("by_client"),
    /** A post-only order would have taken liquidity, so the venue cancelled it instead of matching it. */
    POST_ONLY_WOULD_TAKE("post_only_would_take"),
    /** The unfilled rest of an IOC or market order: nothing more to take at its limit. */
    IOC_REMAINDER("ioc_remainder"),
    /** A fill-or-kill order could not fill entirely. */
    FOK_UNFILLED("fok_unfilled"),
    /** A reduce-only order would have increased the position (or there was nothing left to reduce). */
    REDUCE_ONLY("reduce_only"),
    /** Self-trade prevention: it would have matched an order of the same account. */
    SELF_TRADE_PREVENTION("self_trade_prevention"),
    /** The venue cancelled it on its own account: an administrator, liquidation, deleveraging, settlement, … */
    BY_VENUE("by_venue"),
    /** The venue gave no reason this vocabulary knows; the detail holds what it said. */
    UNKNOWN("unknown");

    private final String code;

    CancelReason(String code) {
        this.code = code;
    }

    /** The stable lower_snake code, e.g. {@code post_only_would_take}. */
    public String code() {
        return code;
    }

    /**
     * The reason with this code.
     *
     * @throws IllegalArgumentException if no reason has this code
     */
    public static CancelReason ofCode(String code) {
        for (CancelReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown cancel reason code: '" + code + "'");
    }
}
