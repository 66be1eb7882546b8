package io.scalper.core.feature;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Side;

/**
 * Pull-and-replace detector: a large level appearing near the top of one side (at least
 * {@link FeatureConfig#prtLargeFactor()} times the average of the other top levels, within
 * {@link FeatureConfig#prtNearTicks()} of the best price) that is then removed — reduced below half its size — without
 * any trade at its price, after resting at least {@link FeatureConfig#prtMinLifeNs()}, is reported as a pull.
 */
final class PullDetector {
    private static final int CAPACITY = 32;

    private final FeatureConfig cfg;
    private final OrderBook book;
    private final Features f;
    private final boolean[] active = new boolean[CAPACITY];
    private final boolean[] traded = new boolean[CAPACITY];
    private final int[] sides = new int[CAPACITY];
    private final long[] prices = new long[CAPACITY];
    private final long[] sizes = new long[CAPACITY];
    private final long[] appearedNs = new long[CAPACITY];
    private final double[] magnitudes = new double[CAPACITY];
    /** Slots in use: with none (the common case) a level change or trade looks nothing up. */
    private int activeCount;

    PullDetector(FeatureConfig cfg, OrderBook book, Features f) {
        this.cfg = cfg;
        this.book = book;
        this.f = f;
    }

    void onLevelChange(Side side, long price, long oldSize, long newSize, long timeNs) {
        final int s = side == Side.BUY ? 1 : -1;
        final int i = activeCount == 0 ? -1 : find(s, price);
        if (newSize > oldSize) {
            if (i >= 0) {
                sizes[i] = Math.max(sizes[i], newSize);
                return;
            }
            final long best = side == Side.BUY ? book.bestBid() : book.bestAsk();
            if (best == OrderBook.NONE) {
                return;
            }
            final long distance = side == Side.BUY ? best - price : price - best;
            if (distance > cfg.prtNearTicks()) {
                return;
            }
            final double reference = referenceSize(side, price);
            if (reference <= 0 || newSize < cfg.prtLargeFactor() * reference) {
                return;
            }
            final int k = slot();
            if (!active[k]) {
                activeCount++;
            }
            active[k] = true;
            traded[k] = false;
            sides[k] = s;
            prices[k] = price;
            sizes[k] = newSize;
            appearedNs[k] = timeNs;
            magnitudes[k] = newSize / reference;
        } else if (i >= 0 && newSize * 2 < sizes[i]) {
            active[i] = false;
            activeCount--;
            final long life = timeNs - appearedNs[i];
            if (!traded[i] && life >= cfg.prtMinLifeNs()) {
                f.pullSide = s;
                f.pullTimeNs = timeNs;
                f.pullMagnitude = magnitudes[i];
                f.pullPriceTicks = price;
                f.pulls++;
            }
        }
    }

    /** Average size of the other levels among the top reference levels of a side; 0 when there are none. */
    private double referenceSize(Side side, long price) {
        final int levels = Math.min(cfg.prtReferenceLevels(), book.depth(side));
        long total = 0;
        int k = 0;
        for (int i = 0; i < levels; i++) {
            if (book.priceAt(side, i) != price) {
                total += book.sizeAt(side, i);
                k++;
            }
        }
        return k == 0 ? 0 : (double) total / k;
    }

    void onTrade(long price) {
        if (activeCount == 0) {
            return;
        }
        for (int i = 0; i < CAPACITY; i++) {
            if (active[i] && prices[i] == price) {
                traded[i] = true;
            }
        }
    }

    void expire(long nowNs) {
        if (activeCount == 0) {
            return;
        }
        final long maxLife = cfg.prtMaxLifeNs();
        for (int i = 0; i < CAPACITY; i++) {
            if (active[i] && nowNs - appearedNs[i] > maxLife) {
                active[i] = false;
                activeCount--;
            }
        }
    }

    void reset() {
        for (int i = 0; i < CAPACITY; i++) {
            active[i] = false;
        }
        activeCount = 0;
    }

    private int find(int side, long price) {
        for (int i = 0; i < CAPACITY; i++) {
            if (active[i] && sides[i] == side && prices[i] == price) {
                return i;
            }
        }
        return -1;
    }

    private int slot() {
        for (int i = 0; i < CAPACITY; i++) {
            if (!active[i]) {
                return i;
            }
        }
        // all watched: replace the oldest
        int oldest = 0;
        for (int i = 1; i < CAPACITY; i++) {
            if (appearedNs[i] < appearedNs[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}
