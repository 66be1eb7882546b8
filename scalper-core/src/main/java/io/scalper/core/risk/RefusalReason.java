package io.scalper.core.risk;

/**
 * Why risk refused an entry, refused to size an order, or tripped the kill switch. Each reason has a stable
 * lower_snake {@link #code()} that journals, metrics and persisted state use; codes never change once released (new
 * reasons may be added).
 *
 * <p>The first twelve constants are the {@link RiskGates} pre-entry gates, in the order they are checked.
 */
public enum RefusalReason {
    /** The kill switch is tripped: trading is {@link TradingState#REDUCING} or {@link TradingState#HALTED}. */
    KILL_SWITCH("kill_switch"),
    /** Realised net loss today reached the daily limit. */
    DAILY_LOSS_LIMIT("daily_loss_limit"),
    /** Drawdown from the equity peak reached the halting tier (size multiplier 0). */
    HALTED_DRAWDOWN("halted_drawdown"),
    /** The book is not in sync (gap, crossed, empty, no two-sided quote). */
    BOOK_OUT_OF_SYNC("book_out_of_sync"),
    /** The book has not been updated for longer than allowed. */
    BOOK_STALE("book_stale"),
    /** The volatility regime is extreme. */
    REGIME_EXTREME("regime_extreme"),
    /** The spread is wider than allowed. */
    SPREAD_TOO_WIDE("spread_too_wide"),
    /** Measured latency is higher than allowed. */
    LATENCY_TOO_HIGH("latency_too_high"),
    /** Too close to a funding time (before or after). */
    FUNDING_WINDOW("funding_window"),
    /** Cooling down after a losing trade. */
    COOLDOWN("cooldown"),
    /** A position is already open. */
    POSITION_OPEN("position_open"),
    /** An entry order is already working. */
    ENTRY_WORKING("entry_working"),
    /** The stop distance is zero or negative, so the risk of the trade is undefined. */
    NO_STOP_DISTANCE("no_stop_distance"),
    /** Equity is zero, negative or unknown. */
    NO_EQUITY("no_equity"),
    /** The entry price is zero or negative. */
    NO_ENTRY_PRICE("no_entry_price"),
    /** The risk-based size is below the instrument's minimum quantity. */
    SIZE_BELOW_MINIMUM("size_below_minimum"),
    /** The risk-based size is below the instrument's minimum order value. */
    SIZE_BELOW_MIN_NOTIONAL("size_below_min_notional"),
    /** The maximum position value cut the size below the instrument's minimums. */
    MAX_POSITION("max_position"),
    /** The maximum leverage cut the size below the instrument's minimums. */
    MAX_LEVERAGE("max_leverage"),
    /**
     * The account's notional caps (all symbols together: {@code risk.maxTotalNotional}, the account's equity × {@code
     * risk.maxLeverage}) cut the size below the instrument's minimums.
     */
    ACCOUNT_NOTIONAL("account_notional"),
    /** Too many fills slipped past the threshold (a kill-switch reason). */
    SLIPPAGE_BREACHES("slippage_breaches"),
    /** An operator or the embedding application stopped trading (a kill-switch reason). */
    MANUAL("manual"),
    /** Kill switch: a fill arrived for an order this engine never sent; the position can no longer be trusted. */
    UNKNOWN_FILL("unknown_fill"),
    /** Kill switch: the runner is shutting down. */
    SHUTDOWN("shutdown"),
    /**
     * Gate: the venue reported a position that differs from the engine's, and the difference is being checked (and
     * reconciled) over REST.
     */
    VENUE_MISMATCH("venue_mismatch"),
    /** Gate: the venue refused the last entries; the next waits for the retry back-off. */
    ENTRY_BACKOFF("entry_backoff"),
    /** Gate: the gateway is not ready for entries (order traffic queued behind the rate limit, or a venue check). */
    GATEWAY_BUSY("gateway_busy"),
    /**
     * Kill switch: an automatic order action (re-placing a leg, re-sending a cancel, re-trying a flatten, entering after
     * rejections) used its whole retry budget.
     */
    ORDER_RETRIES("order_retries"),
    /**
     * Kill switch: the venue did something the engine did not order (an auto-deleverage or liquidation execution) or an
     * order's state could not be learned.
     */
    VENUE_ALERT("venue_alert"),
    /**
     * Gate: the expected move over the holding horizon, learned from the fused score, does not beat the round-trip cost
     * of the likely execution path plus the margin.
     */
    EDGE_BELOW_COST("edge_below_cost");

    private static final RefusalReason[] VALUES = values();

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    /** Stable lower_snake code, e.g. {@code spread_too_wide}. */
    public String code() {
        return code;
    }

    /**
     * The reason with this code.
     *
     * @throws IllegalArgumentException if no reason has this code
     */
    public static RefusalReason ofCode(String code) {
        for (RefusalReason r : VALUES) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown refusal reason code: '" + code + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
