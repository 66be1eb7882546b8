package io.scalper.core.exec;

/** Whether a fill added liquidity (maker) or took it (taker). */
public enum Liquidity {
    MAKER,
    TAKER
}
