package io.scalper.core.feature;

/** Large trades within a sliding time window: count and buy/sell volume, in a primitive ring. */
final class LargeTradeTracker {
    private static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private final long windowNs;
    private final long[] times = new long[CAPACITY];
    private final long[] sizes = new long[CAPACITY];
    private final boolean[] buys = new boolean[CAPACITY];
    private long head;
    private long tail;
    private long buyLots;
    private long sellLots;

    LargeTradeTracker(long windowNs) {
        this.windowNs = windowNs;
    }

    void add(long timeNs, long sizeLots, boolean buy) {
        if (head - tail == CAPACITY) {
            drop();
        }
        final int i = (int) (head++ & MASK);
        times[i] = timeNs;
        sizes[i] = sizeLots;
        buys[i] = buy;
        if (buy) {
            buyLots += sizeLots;
        } else {
            sellLots += sizeLots;
        }
    }

    /** Drops trades at or before {@code nowNs - window}. */
    void evict(long nowNs) {
        while (tail < head && nowNs - times[(int) (tail & MASK)] >= windowNs) {
            drop();
        }
    }

    private void drop() {
        final int i = (int) (tail++ & MASK);
        if (buys[i]) {
            buyLots -= sizes[i];
        } else {
            sellLots -= sizes[i];
        }
    }

    int count() {
        return (int) (head - tail);
    }

    long buyLots() {
        return buyLots;
    }

    long sellLots() {
        return sellLots;
    }
}
