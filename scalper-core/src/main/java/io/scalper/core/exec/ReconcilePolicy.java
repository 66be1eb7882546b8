package io.scalper.core.exec;

/**
 * What to do when the venue holds a position the engine did not know of — found at start-up, or found to differ from
 * the engine's after a stream gap, a timeout or a forced execution. Never a second position: the venue's is either
 * adopted or closed.
 */
public enum ReconcilePolicy {
    /**
     * Take the venue's position as the engine's and bracket it (a stop and a take-profit at the usual distances from the
     * venue's average entry). At start-up, working entries of a previous run are cancelled (they could open a position
     * the engine does not know about) and so are orders without a client id; reduce-only orders with a client id (old
     * brackets) are kept until the engine's own bracket is placed.
     */
    ADOPT,
    /** Take the venue's position as the engine's and close it with a reduce-only market order (its stop kept meanwhile). */
    FLATTEN
}
