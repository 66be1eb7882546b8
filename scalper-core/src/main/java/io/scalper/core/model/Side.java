package io.scalper.core.model;

/** Side of an order, a book level or a trade's aggressor. */
public enum Side {
    BUY,
    SELL;

    /** The other side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** {@code +1} for {@link #BUY}, {@code -1} for {@link #SELL}. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
