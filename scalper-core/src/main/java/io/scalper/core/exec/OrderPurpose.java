package io.scalper.core.exec;

/** Why the engine placed an order; journals and brackets key on it. */
public enum OrderPurpose {
    /** Opens or adds to a position. */
    ENTRY,
    /** Reduce-only take-profit leg of a bracket. */
    TAKE_PROFIT,
    /** Reduce-only protective stop leg of a bracket. */
    STOP_LOSS,
    /** Reduce-only order that closes a position (flatten, kill switch, shutdown). */
    EXIT,
    /** Placed by something other than the engine (adopted at reconciliation). */
    EXTERNAL
}
