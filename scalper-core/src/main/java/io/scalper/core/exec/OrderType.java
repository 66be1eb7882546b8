package io.scalper.core.exec;

/** Order type. */
public enum OrderType {
    /** Rests at its price (unless its time in force says otherwise). */
    LIMIT,
    /** Takes liquidity at any price (exchanges bound it by a slippage band). */
    MARKET
}
