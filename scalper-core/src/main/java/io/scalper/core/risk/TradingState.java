package io.scalper.core.risk;

/**
 * What the {@link KillSwitch} allows. Cancelling orders is always allowed.
 *
 * <pre>
 * ACTIVE ──trip, position open──► REDUCING ──position flat / halt──► HALTED
 *    └──────────trip while flat / halt─────────────────────────────────┘
 * REDUCING, HALTED ──reset / release of the last reason──► ACTIVE
 * </pre>
 */
public enum TradingState {
    /** Normal trading: entries and exits. */
    ACTIVE("active"),
    /** Only orders that reduce the open position (exits, stops, flattening); no entries. */
    REDUCING("reducing"),
    /** No new orders at all. */
    HALTED("halted");

    private final String code;

    TradingState(String code) {
        this.code = code;
    }

    /** Stable lower-case code for journals and persisted state. */
    public String code() {
        return code;
    }

    /** Whether new entries are allowed. */
    public boolean allowsEntries() {
        return this == ACTIVE;
    }

    /**
     * Whether a new order is allowed.
     *
     * @param reduceOnly whether the order can only reduce the position
     */
    public boolean allowsOrder(boolean reduceOnly) {
        return this == ACTIVE || (this == REDUCING && reduceOnly);
    }
}
