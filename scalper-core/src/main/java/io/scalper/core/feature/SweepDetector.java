package io.scalper.core.feature;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Side;

/**
 * Sweep detector: trades with the same match time and aggressor side are one aggressive order; if it traded at
 * {@link FeatureConfig#sweepMinLevels()} or more distinct prices it swept those levels. After the next book update the
 * detector also counts how many of those levels the book shows emptied.
 */
final class SweepDetector {
    private static final int MAX_PRICES = 64;

    private final FeatureConfig cfg;
    private final OrderBook book;
    private final Features f;
    private final long[] groupPrices = new long[MAX_PRICES];
    private final long[] sweptPrices = new long[MAX_PRICES];
    private boolean grouping;
    private long groupTimeNs;
    private Side groupSide;
    private int groupLevels;
    private long groupLots;
    private int sweptCount;
    private Side sweptSide;
    private boolean checkEmptied;

    SweepDetector(FeatureConfig cfg, OrderBook book, Features f) {
        this.cfg = cfg;
        this.book = book;
        this.f = f;
    }

    void onTrade(long timeNs, long price, long size, Side aggressor) {
        if (grouping && (timeNs != groupTimeNs || aggressor != groupSide)) {
            flush();
        }
        if (!grouping) {
            grouping = true;
            groupTimeNs = timeNs;
            groupSide = aggressor;
            groupLevels = 0;
            groupLots = 0;
        }
        groupLots += size;
        for (int i = 0; i < groupLevels; i++) {
            if (groupPrices[i] == price) {
                return;
            }
        }
        if (groupLevels < MAX_PRICES) {
            groupPrices[groupLevels++] = price;
        }
    }

    /** Ends the current aggressive order (called at the end of each trade batch and before book updates). */
    void flush() {
        if (!grouping) {
            return;
        }
        grouping = false;
        if (groupLevels < cfg.sweepMinLevels()) {
            return;
        }
        f.sweepSide = groupSide == Side.BUY ? 1 : -1;
        f.sweepLevels = groupLevels;
        f.sweepEmptied = 0;
        f.sweepLots = groupLots;
        f.sweepTimeNs = groupTimeNs;
        f.sweeps++;
        System.arraycopy(groupPrices, 0, sweptPrices, 0, groupLevels);
        sweptCount = groupLevels;
        sweptSide = groupSide.opposite();
        checkEmptied = true;
    }

    void onBook() {
        flush();
        if (!checkEmptied) {
            return;
        }
        checkEmptied = false;
        int emptied = 0;
        for (int i = 0; i < sweptCount; i++) {
            if (book.sizeAtPrice(sweptSide, sweptPrices[i]) == 0) {
                emptied++;
            }
        }
        f.sweepEmptied = emptied;
    }
}
