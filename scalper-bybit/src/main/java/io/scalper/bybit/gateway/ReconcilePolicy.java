package io.scalper.bybit.gateway;

/** What {@link BybitSession#reconcile} does with orders and a position found at start-up. */
public enum ReconcilePolicy {
    /**
     * Keep the position and let the engine bracket it ({@link EngineAdoption}); cancel working entries of a previous
     * run (they could open a second position the engine does not know about) and orders without a client id; keep
     * reduce-only orders with a client id (old brackets) until the engine's own bracket is placed.
     */
    ADOPT,
    /** Cancel every open order and close the position with a reduce-only market order. */
    FLATTEN
}
