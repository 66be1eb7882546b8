package io.scalper.core.book;

/** Whether an {@link OrderBook} can be trusted. Only {@link #SYNCED} books should be traded on. */
public enum BookState {
    /** No snapshot applied yet. */
    EMPTY,
    /** Built from a snapshot and contiguous deltas; not crossed. */
    SYNCED,
    /** A delta's update id skipped ahead; deltas are refused until the next snapshot. */
    GAP,
    /** The best bid reached or passed the best ask after an update; deltas are refused until the next snapshot. */
    CROSSED
}
