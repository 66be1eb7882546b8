package io.scalper.core.feature;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Side;

/**
 * Iceberg detector: per side, watches the price aggressive orders last traded against. When a book update after such
 * trades still shows that price with more size than "displayed before minus traded since", the level refilled. After
 * {@link FeatureConfig#icebergMinRefills()} refills with executed volume at least
 * {@link FeatureConfig#icebergMinExecutedRatio()} times the largest size it showed after a refill, the level is an
 * iceberg: a hidden order absorbing the other side's aggression.
 */
final class IcebergDetector {
    private final FeatureConfig cfg;
    private final OrderBook book;
    private final Features f;
    private final Level bid = new Level(Side.BUY, 1);
    private final Level ask = new Level(Side.SELL, -1);

    IcebergDetector(FeatureConfig cfg, OrderBook book, Features f) {
        this.cfg = cfg;
        this.book = book;
        this.f = f;
    }

    /** A trade: its passive side is the opposite of the aggressor. */
    void onTrade(long price, long size, Side aggressor) {
        final Level level = aggressor == Side.BUY ? ask : bid;
        if (level.price != price) {
            level.start(price, book.sizeAtPrice(level.side, price));
        }
        level.executed += size;
        level.executedSinceRefill += size;
        level.tradedSinceBook += size;
    }

    void onBook(long nowNs) {
        check(bid, nowNs);
        check(ask, nowNs);
    }

    private void check(Level level, long nowNs) {
        if (level.price == OrderBook.NONE) {
            return;
        }
        final long current = book.sizeAtPrice(level.side, level.price);
        if (current == 0) {
            level.clear();
            return;
        }
        // A refill: after executions at this price the level shows more than it would have had they simply eaten it —
        // in the same update as the trades, or in a later one after a dip was published.
        if (level.executedSinceRefill > 0 && current > level.sizeAtLastBook - level.tradedSinceBook) {
            // the displayed size of an iceberg is what it shows after refilling
            level.displayed = level.refills == 0 ? current : Math.max(level.displayed, current);
            level.refills++;
            level.executedSinceRefill = 0;
            level.lastRefillNs = nowNs;
        }
        level.sizeAtLastBook = current;
        level.tradedSinceBook = 0;
        final double ratio = level.displayed > 0 ? (double) level.executed / level.displayed : 0;
        if (level.refills >= cfg.icebergMinRefills() && ratio >= cfg.icebergMinExecutedRatio()) {
            if (!level.reported) {
                level.reported = true;
                f.icebergs++;
            }
            f.icebergSide = level.sign;
            f.icebergRefills = level.refills;
            f.icebergExecutedRatio = ratio;
            f.icebergPriceTicks = level.price;
            f.icebergTimeNs = level.lastRefillNs;
        }
    }

    void reset() {
        bid.clear();
        ask.clear();
    }

    private static final class Level {
        final Side side;
        final int sign;
        long price = OrderBook.NONE;
        long sizeAtLastBook;
        long displayed;
        long executed;
        long tradedSinceBook;
        long executedSinceRefill;
        int refills;
        long lastRefillNs;
        boolean reported;

        Level(Side side, int sign) {
            this.side = side;
            this.sign = sign;
        }

        void start(long p, long sizeNow) {
            price = p;
            sizeAtLastBook = sizeNow;
            displayed = sizeNow;
            executed = 0;
            executedSinceRefill = 0;
            tradedSinceBook = 0;
            refills = 0;
            reported = false;
        }

        void clear() {
            price = OrderBook.NONE;
            executed = 0;
            executedSinceRefill = 0;
            tradedSinceBook = 0;
            refills = 0;
            reported = false;
        }
    }
}
