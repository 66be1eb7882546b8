package io.scalper.core.book;

import io.scalper.core.model.Side;

/**
 * Told of every level change a delta makes, so features can see adds and pulls without diffing books. Called on the
 * thread applying the update, after the level changed and before the next one is applied; must not modify the book.
 */
@FunctionalInterface
public interface LevelChangeListener {
    /** A listener that ignores everything. */
    LevelChangeListener NO_OP = (side, priceTicks, oldSizeLots, newSizeLots, timeNs) -> {};

    /**
     * One level changed.
     *
     * @param side {@link Side#BUY} for the bid side, {@link Side#SELL} for the ask side
     * @param priceTicks the level's price
     * @param oldSizeLots size before (0 when the level was inserted)
     * @param newSizeLots size after (0 when the level was deleted)
     * @param timeNs the update's exchange time
     */
    void onLevelChange(Side side, long priceTicks, long oldSizeLots, long newSizeLots, long timeNs);

    /** The whole book was replaced by a snapshot (or cleared); level-by-level history no longer applies. */
    default void onBookReset(OrderBook book, long timeNs) {}
}
