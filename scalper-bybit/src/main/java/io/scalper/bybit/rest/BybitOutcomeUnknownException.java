package io.scalper.bybit.rest;

import java.io.IOException;

/**
 * A request may or may not have taken effect at Bybit: an earlier attempt failed in a way that leaves its outcome
 * unknown (a timeout, a connection reset, a server error), and a retry was then refused for a reason that says nothing
 * about the first attempt (e.g. 10006 "too many visits" or 110007 "insufficient balance" — the first attempt may have
 * placed the order and used the margin). The caller must look the order up, never assume it was not placed.
 */
public final class BybitOutcomeUnknownException extends IOException {
    private static final long serialVersionUID = 1L;

    private final BybitApiException lastRefusal;

    public BybitOutcomeUnknownException(String message, BybitApiException lastRefusal) {
        super(message, lastRefusal);
        this.lastRefusal = lastRefusal;
    }

    /** The refusal of the last attempt. */
    public BybitApiException lastRefusal() {
        return lastRefusal;
    }
}
