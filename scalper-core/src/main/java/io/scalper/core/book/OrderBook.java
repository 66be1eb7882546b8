package io.scalper.core.book;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * Level-2 order book of one instrument: price levels in ticks with sizes in lots, up to {@link #maxDepth()} levels
 * per side.
 *
 * <h2>Updates</h2>
 * {@link #apply(BookUpdate)} applies a snapshot (replaces everything) or a delta (each level's new absolute size; size
 * 0 deletes; an unknown price inserts). The book tracks the update id:
 * <ul>
 *   <li>a snapshot always resets the book and re-synchronises it; a snapshot with update id 1 while the book was in use
 *       is counted as an exchange-side reset ({@link #resets()});
 *   <li>a delta whose id is the previous id + 1 is applied;
 *   <li>a delta whose id is not greater than the previous id is a duplicate or stale message: ignored, counted
 *       ({@link #duplicates()}), the book stays in sync;
 *   <li>a delta whose id skips ahead is a gap: the book moves to {@link BookState#GAP}, counts it and refuses every
 *       delta ({@link #rejectedDeltas()}) until the next snapshot;
 *   <li>a book whose best bid is at or above its best ask after an update is corrupt: {@link BookState#CROSSED}, counted,
 *       deltas refused until the next snapshot.
 * </ul>
 * Failures are result codes ({@link #GAP}, {@link #CROSSED}, ...) and a {@link #state()} the caller can read, never
 * exceptions, so a live adapter can resubscribe and risk gates can stop trading on a bad book.
 *
 * <h2>Depth limit</h2>
 * When a side already holds {@code maxDepth} levels, an inserted level better than the worst evicts the worst
 * ({@link #evictions()}); one worse than the worst is dropped ({@link #droppedLevels()}).
 *
 * <h2>Layout and cost</h2>
 * Each side is a pair of sorted primitive arrays with the best level at the end, so the frequent changes near the top
 * shift few elements; lookups are binary searches. Nothing is allocated after construction. Not thread-safe: one
 * thread owns the book.
 */
public final class OrderBook {
    /** Sentinel for "no price / no level". */
    public static final long NONE = Long.MIN_VALUE;

    /** {@link #apply} result: applied. */
    public static final int OK = 0;
    /** {@link #apply} result: the delta's update id skipped ahead; the book is now out of sync. */
    public static final int GAP = 1;
    /** {@link #apply} result: the update left the book crossed or locked; the book is now out of sync. */
    public static final int CROSSED = 2;
    /** {@link #apply} result: delta refused because the book is out of sync or has no snapshot yet. */
    public static final int REJECTED = 3;
    /** {@link #apply} result: delta ignored because its update id is not newer than the book's. */
    public static final int DUPLICATE = 4;

    /** Default maximum levels per side. */
    public static final int DEFAULT_MAX_DEPTH = 1024;

    private final Instrument instrument;
    private final int maxDepth;
    private final Side0 bids;
    private final Side0 asks;
    private LevelChangeListener listener = LevelChangeListener.NO_OP;

    private BookState state = BookState.EMPTY;
    private long updateId;
    private long sequence;
    private long lastUpdateTimeNs = NONE;
    private long lastLocalTimeNs = NONE;

    private long snapshots;
    private long deltas;
    private long gaps;
    private long crossed;
    private long resets;
    private long duplicates;
    private long rejectedDeltas;
    private long inserts;
    private long deletes;
    private long changes;
    private long deleteMisses;
    private long evictions;
    private long droppedLevels;
    private long invalidLevels;

    /** A book holding up to {@link #DEFAULT_MAX_DEPTH} levels per side. */
    public OrderBook(Instrument instrument) {
        this(instrument, DEFAULT_MAX_DEPTH);
    }

    /**
     * @param instrument the instrument whose ticks and lots this book holds
     * @param maxDepth maximum levels per side, 1 to 1,000,000
     */
    public OrderBook(Instrument instrument, int maxDepth) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        if (maxDepth < 1 || maxDepth > 1_000_000) {
            throw new IllegalArgumentException("book.maxDepth: must be in [1, 1000000], got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.bids = new Side0(Side.BUY, maxDepth);
        this.asks = new Side0(Side.SELL, maxDepth);
    }

    /** Sets the listener told of every level change (replacing the previous one); {@code null} removes it. */
    public void setListener(LevelChangeListener listener) {
        this.listener = listener == null ? LevelChangeListener.NO_OP : listener;
    }

    public Instrument instrument() {
        return instrument;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Applies one message.
     *
     * @return {@link #OK}, {@link #GAP}, {@link #CROSSED}, {@link #REJECTED} or {@link #DUPLICATE}
     */
    public int apply(BookUpdate update) {
        return update.isSnapshot() ? applySnapshot(update) : applyDelta(update);
    }

    private int applySnapshot(BookUpdate u) {
        if (u.updateId() == 1 && state != BookState.EMPTY) {
            resets++;
        }
        snapshots++;
        final long timeNs = u.exchangeTimeNs();
        bids.load(u);
        asks.load(u);
        updateId = u.updateId();
        sequence = u.sequence();
        lastUpdateTimeNs = timeNs;
        lastLocalTimeNs = u.localTimeNs();
        state = BookState.SYNCED;
        listener.onBookReset(this, timeNs);
        return checkCrossed();
    }

    private int applyDelta(BookUpdate u) {
        if (state != BookState.SYNCED) {
            rejectedDeltas++;
            return REJECTED;
        }
        final long id = u.updateId();
        if (id <= updateId) {
            duplicates++;
            return DUPLICATE;
        }
        if (id != updateId + 1) {
            gaps++;
            state = BookState.GAP;
            return GAP;
        }
        deltas++;
        final long timeNs = u.exchangeTimeNs();
        final int nb = u.count(Side.BUY);
        for (int i = 0; i < nb; i++) {
            bids.set(u.price(Side.BUY, i), u.size(Side.BUY, i), timeNs);
        }
        final int na = u.count(Side.SELL);
        for (int i = 0; i < na; i++) {
            asks.set(u.price(Side.SELL, i), u.size(Side.SELL, i), timeNs);
        }
        updateId = id;
        sequence = u.sequence();
        lastUpdateTimeNs = timeNs;
        lastLocalTimeNs = u.localTimeNs();
        return checkCrossed();
    }

    private int checkCrossed() {
        if (bids.n > 0 && asks.n > 0 && bids.bestPrice() >= asks.bestPrice()) {
            crossed++;
            state = BookState.CROSSED;
            return CROSSED;
        }
        return OK;
    }

    /** Empties both sides and forgets the update id; the book waits for a snapshot. Counters are kept. */
    public void clear() {
        bids.n = 0;
        asks.n = 0;
        updateId = 0;
        sequence = 0;
        state = BookState.EMPTY;
        listener.onBookReset(this, lastUpdateTimeNs);
    }

    /**
     * Marks the book out of sync (as after a gap) without touching its levels, e.g. when the feed was lost; deltas are
     * refused until the next snapshot.
     */
    public void invalidate() {
        if (state == BookState.SYNCED) {
            state = BookState.GAP;
        }
    }

    // ---------------------------------------------------------------- queries

    public BookState state() {
        return state;
    }

    /** Whether the book is in sync and may be traded on. */
    public boolean isSynced() {
        return state == BookState.SYNCED;
    }

    /** The last applied update id (Bybit {@code u}); 0 before the first snapshot. */
    public long updateId() {
        return updateId;
    }

    /** The last applied cross sequence (Bybit {@code seq}). */
    public long sequence() {
        return sequence;
    }

    /** Exchange time of the last applied update, ns since the epoch, or {@link #NONE}. */
    public long lastUpdateTimeNs() {
        return lastUpdateTimeNs;
    }

    /** Local receive time of the last applied update, ns since the epoch, or {@link #NONE} / 0 if unknown. */
    public long lastLocalTimeNs() {
        return lastLocalTimeNs;
    }

    /** Number of levels on a side. */
    public int depth(Side side) {
        return sideOf(side).n;
    }

    /** Best bid in ticks, or {@link #NONE}. */
    public long bestBid() {
        return bids.n == 0 ? NONE : bids.bestPrice();
    }

    /** Best ask in ticks, or {@link #NONE}. */
    public long bestAsk() {
        return asks.n == 0 ? NONE : asks.bestPrice();
    }

    /** Size at the best bid in lots, 0 when empty. */
    public long bestBidSize() {
        return bids.n == 0 ? 0 : bids.sizes[bids.n - 1];
    }

    /** Size at the best ask in lots, 0 when empty. */
    public long bestAskSize() {
        return asks.n == 0 ? 0 : asks.sizes[asks.n - 1];
    }

    /** Price of the {@code level}-th level from the best (0 = best), or {@link #NONE} past the end. */
    public long priceAt(Side side, int level) {
        final Side0 s = sideOf(side);
        return level < 0 || level >= s.n ? NONE : s.priceAtIndex(s.n - 1 - level);
    }

    /** Size of the {@code level}-th level from the best (0 = best), or 0 past the end. */
    public long sizeAt(Side side, int level) {
        final Side0 s = sideOf(side);
        return level < 0 || level >= s.n ? 0 : s.sizes[s.n - 1 - level];
    }

    /** Size resting at a price on a side, 0 when there is no such level. */
    public long sizeAtPrice(Side side, long priceTicks) {
        final Side0 s = sideOf(side);
        final int i = s.indexOf(s.key(priceTicks));
        return i >= 0 ? s.sizes[i] : 0;
    }

    /** Mid price in ticks (may be a half tick), or {@code NaN} when a side is empty. */
    public double mid() {
        if (bids.n == 0 || asks.n == 0) {
            return Double.NaN;
        }
        return (bids.bestPrice() + asks.bestPrice()) * 0.5;
    }

    /** Best ask minus best bid in ticks, or {@link #NONE} when a side is empty. */
    public long spreadTicks() {
        if (bids.n == 0 || asks.n == 0) {
            return NONE;
        }
        return asks.bestPrice() - bids.bestPrice();
    }

    /**
     * Size-weighted micro-price in ticks: {@code (bid × askSize + ask × bidSize) / (bidSize + askSize)}, leaning toward
     * the side with less size. {@code NaN} when a side is empty.
     */
    public double microPrice() {
        if (bids.n == 0 || asks.n == 0) {
            return Double.NaN;
        }
        final double bidSize = bids.sizes[bids.n - 1];
        final double askSize = asks.sizes[asks.n - 1];
        final double bid = bids.bestPrice();
        final double ask = asks.bestPrice();
        final double total = bidSize + askSize;
        return total <= 0 ? (bid + ask) * 0.5 : (bid * askSize + ask * bidSize) / total;
    }

    /** Total size in lots over the best {@code levels} levels of a side. */
    public long sizeWithinLevels(Side side, int levels) {
        final Side0 s = sideOf(side);
        final long[] sizes = s.sizes;
        final int stop = Math.max(0, s.n - Math.max(0, levels));
        long total = 0;
        for (int i = s.n - 1; i >= stop; i--) {
            total += sizes[i];
        }
        return total;
    }

    /** Total size in lots of the levels of a side within {@code ticks} ticks of that side's best price (inclusive). */
    public long sizeWithinTicks(Side side, long ticks) {
        final Side0 s = sideOf(side);
        if (s.n == 0) {
            return 0;
        }
        final long[] keys = s.keys;
        final long[] sizes = s.sizes;
        final long limit = keys[s.n - 1] - ticks;
        long total = 0;
        for (int i = s.n - 1; i >= 0 && keys[i] >= limit; i--) {
            total += sizes[i];
        }
        return total;
    }

    // ---------------------------------------------------------------- counters

    /** Snapshots applied. */
    public long snapshots() {
        return snapshots;
    }

    /** Deltas applied. */
    public long deltas() {
        return deltas;
    }

    /** Gaps detected (a delta whose update id skipped ahead). */
    public long gaps() {
        return gaps;
    }

    /** Times the book was found crossed or locked after an update. */
    public long crossedCount() {
        return crossed;
    }

    /** Snapshots with update id 1 that replaced a book already in use (exchange-side restarts). */
    public long resets() {
        return resets;
    }

    /** Deltas ignored because their update id was not newer than the book's. */
    public long duplicates() {
        return duplicates;
    }

    /** Deltas refused because the book was out of sync or had no snapshot. */
    public long rejectedDeltas() {
        return rejectedDeltas;
    }

    /** Levels inserted by deltas. */
    public long inserts() {
        return inserts;
    }

    /** Levels deleted by deltas (size 0 on an existing level). */
    public long deletes() {
        return deletes;
    }

    /** Existing levels whose size a delta changed to another non-zero size. */
    public long changes() {
        return changes;
    }

    /** Deletes of a price that was not in the book (no-ops). */
    public long deleteMisses() {
        return deleteMisses;
    }

    /** Worst levels evicted to make room at the depth limit. */
    public long evictions() {
        return evictions;
    }

    /** Levels dropped because they were beyond the depth limit. */
    public long droppedLevels() {
        return droppedLevels;
    }

    /** Levels ignored because their price was not positive or their size negative. */
    public long invalidLevels() {
        return invalidLevels;
    }

    private Side0 sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    @Override
    public String toString() {
        return "OrderBook[" + instrument.symbol() + " " + state + " u=" + updateId + " bid=" + bestBid() + " ask="
                + bestAsk() + " depth=" + bids.n + "/" + asks.n + "]";
    }

    /**
     * One side: parallel arrays sorted ascending by key with the best level last. The key is the price for bids and
     * the negated price for asks, so "better" is always "larger key".
     */
    /** Levels from the touch searched linearly before the binary search. */
    private static final int LINEAR_SCAN = 8;

    private final class Side0 {
        private final Side side;
        private final long sign;
        private final long[] keys;
        private final long[] sizes;
        private int n;

        Side0(Side side, int capacity) {
            this.side = side;
            this.sign = side == Side.BUY ? 1 : -1;
            this.keys = new long[capacity];
            this.sizes = new long[capacity];
        }

        long key(long priceTicks) {
            return sign * priceTicks;
        }

        long bestPrice() {
            return sign * keys[n - 1];
        }

        long priceAtIndex(int i) {
            return sign * keys[i];
        }

        /** Index of the key, or {@code -(insertion point) - 1}. Searches from the top for the common case. */
        int indexOf(long key) {
            // most changes are near the touch (the end of the arrays): scan the best levels, then search the rest
            final long[] k0 = keys;
            final int stop = Math.max(0, n - LINEAR_SCAN);
            for (int i = n - 1; i >= stop; i--) {
                final long k = k0[i];
                if (k <= key) {
                    return k == key ? i : -(i + 2);
                }
            }
            if (stop == 0) {
                return -1;
            }
            // every key from stop up is above the key: find the first of [0, stop) not below it. A branch-free
            // search (the step compiles to a conditional move): deep levels land anywhere, so a branch per step
            // would be mispredicted half the time
            int base = 0;
            int len = stop;
            while (len > 1) {
                final int half = len >>> 1;
                base = k0[base + half - 1] < key ? base + half : base;
                len -= half;
            }
            final int at = k0[base] < key ? base + 1 : base;
            return at < stop && k0[at] == key ? at : -(at + 1);
        }

        void set(long priceTicks, long sizeLots, long timeNs) {
            if (priceTicks <= 0 || sizeLots < 0) {
                invalidLevels++;
                return;
            }
            final long key = sign * priceTicks;
            final int i = indexOf(key);
            if (i >= 0) {
                final long old = sizes[i];
                if (sizeLots == 0) {
                    System.arraycopy(keys, i + 1, keys, i, n - i - 1);
                    System.arraycopy(sizes, i + 1, sizes, i, n - i - 1);
                    n--;
                    deletes++;
                } else {
                    sizes[i] = sizeLots;
                    changes++;
                }
                if (old != sizeLots) {
                    listener.onLevelChange(side, priceTicks, old, sizeLots, timeNs);
                }
                return;
            }
            if (sizeLots == 0) {
                deleteMisses++;
                return;
            }
            int at = -i - 1;
            if (n == keys.length) {
                if (at == 0) {
                    droppedLevels++;
                    return;
                }
                final long evictedPrice = sign * keys[0];
                final long evictedSize = sizes[0];
                System.arraycopy(keys, 1, keys, 0, at - 1);
                System.arraycopy(sizes, 1, sizes, 0, at - 1);
                n--;
                at--;
                evictions++;
                listener.onLevelChange(side, evictedPrice, evictedSize, 0, timeNs);
            } else {
                System.arraycopy(keys, at, keys, at + 1, n - at);
                System.arraycopy(sizes, at, sizes, at + 1, n - at);
            }
            keys[at] = key;
            sizes[at] = sizeLots;
            n++;
            inserts++;
            listener.onLevelChange(side, priceTicks, 0, sizeLots, timeNs);
        }

        /** Replaces this side with the update's levels for it: sorted, de-duplicated (last wins), zero sizes skipped. */
        void load(BookUpdate u) {
            final int count = u.count(side);
            n = 0;
            // Snapshots arrive best-first; writing them from the end keeps the array sorted with no shifting.
            boolean sorted = true;
            final int take = Math.min(count, keys.length);
            for (int j = 0; j < count; j++) {
                final long price = u.price(side, j);
                final long size = u.size(side, j);
                if (price <= 0 || size < 0) {
                    invalidLevels++;
                    sorted = false;
                    continue;
                }
                if (j > 0 && sign * price >= sign * u.price(side, j - 1)) {
                    sorted = false;
                }
                if (size == 0) {
                    sorted = false;
                }
            }
            if (sorted) {
                for (int j = 0; j < take; j++) {
                    keys[take - 1 - j] = sign * u.price(side, j);
                    sizes[take - 1 - j] = u.size(side, j);
                }
                n = take;
                droppedLevels += count - take;
                return;
            }
            for (int j = 0; j < count; j++) {
                final long price = u.price(side, j);
                final long size = u.size(side, j);
                if (price <= 0 || size <= 0) {
                    continue;
                }
                insertQuiet(sign * price, size);
            }
        }

        private void insertQuiet(long key, long size) {
            final int i = indexOf(key);
            if (i >= 0) {
                sizes[i] = size;
                return;
            }
            int at = -i - 1;
            if (n == keys.length) {
                if (at == 0) {
                    droppedLevels++;
                    return;
                }
                System.arraycopy(keys, 1, keys, 0, at - 1);
                System.arraycopy(sizes, 1, sizes, 0, at - 1);
                n--;
                at--;
                droppedLevels++;
            } else {
                System.arraycopy(keys, at, keys, at + 1, n - at);
                System.arraycopy(sizes, at, sizes, at + 1, n - at);
            }
            keys[at] = key;
            sizes[at] = size;
            n++;
        }
    }
}
