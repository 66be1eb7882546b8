package io.scalper.core.exec;

/** How long an order may rest. */
public enum TimeInForce {
    /** Good till cancelled. */
    GTC,
    /** Rests only as a maker; cancelled by the exchange if it would take liquidity on arrival. */
    POST_ONLY,
    /** Immediate or cancel: fills what it can at once, the rest is cancelled. */
    IOC,
    /** Fill or kill: fills entirely at once or not at all. */
    FOK
}
