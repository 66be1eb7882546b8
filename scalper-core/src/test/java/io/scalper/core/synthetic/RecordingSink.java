package io.scalper.core.synthetic;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test sink: applies every book message to a core {@link OrderBook}, records what it saw, and lists every broken
 * invariant (book not OK, not exactly {@code levels} per side, crossed, update id not contiguous, a delta carrying an
 * unchanged level, a trade out of time order).
 */
final class RecordingSink implements MarketEventSink {
    record Trade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {}

    record Snapshot(long timeNs, long bestBid, long bestAsk, long bidSize, long askSize) {
        double mid() {
            return (bestBid + bestAsk) * 0.5;
        }
    }

    final OrderBook book;
    final int levels;
    final List<Trade> trades = new ArrayList<>();
    final List<Snapshot> books = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<Consumer<RecordingSink>> afterBook = new ArrayList<>();
    int tickers;
    long hash = 17;
    long lastTimeNs = Long.MIN_VALUE;
    BookUpdate lastUpdate;
    private long lastUpdateId;
    private int levelChanges;

    RecordingSink(Instrument instrument, int levels) {
        this.book = new OrderBook(instrument);
        this.levels = levels;
        book.setListener((side, price, oldSize, newSize, timeNs) -> levelChanges++);
    }

    static RecordingSink run(SyntheticMarket market, long durationNs) {
        final RecordingSink sink =
                new RecordingSink(market.config().instrument(), market.config().levelsPerSide());
        market.run(durationNs, sink);
        return sink;
    }

    @Override
    public void onBook(BookUpdate u) {
        time(u.exchangeTimeNs());
        mix(u.isSnapshot() ? 1 : 2);
        mix(u.updateId());
        mix(u.exchangeTimeNs());
        mix(u.matchTimeNs());
        for (Side side : Side.values()) {
            for (int i = 0; i < u.count(side); i++) {
                mix(u.price(side, i));
                mix(u.size(side, i));
                if (u.size(side, i) < 0 || u.price(side, i) <= 0) {
                    violations.add("bad level " + side + " " + u.price(side, i) + " " + u.size(side, i));
                }
            }
        }
        if (!u.isSnapshot() && u.updateId() != lastUpdateId + 1) {
            violations.add("update id " + u.updateId() + " after " + lastUpdateId);
        }
        if (u.isSnapshot() && lastUpdateId != 0) {
            violations.add("second snapshot at " + u.exchangeTimeNs());
        }
        if (u.matchTimeNs() > u.exchangeTimeNs()) {
            violations.add("match time after exchange time at " + u.exchangeTimeNs());
        }
        lastUpdateId = u.updateId();
        levelChanges = 0;
        final int r = book.apply(u);
        if (r != OrderBook.OK) {
            violations.add("apply " + r + " at u=" + u.updateId());
        }
        if (!u.isSnapshot() && levelChanges != u.count(Side.BUY) + u.count(Side.SELL)) {
            violations.add("delta u=" + u.updateId() + " carries unchanged levels");
        }
        if (book.depth(Side.BUY) != levels || book.depth(Side.SELL) != levels) {
            violations.add("depth " + book.depth(Side.BUY) + "/" + book.depth(Side.SELL) + " at u=" + u.updateId());
        }
        if (book.bestBid() >= book.bestAsk()) {
            violations.add("crossed at u=" + u.updateId());
        }
        books.add(new Snapshot(
                u.exchangeTimeNs(), book.bestBid(), book.bestAsk(), book.bestBidSize(), book.bestAskSize()));
        lastUpdate = u;
        for (Consumer<RecordingSink> c : afterBook) {
            c.accept(this);
        }
    }

    @Override
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        time(timeNs);
        mix(timeNs);
        mix(priceTicks);
        mix(sizeLots);
        mix(aggressor.ordinal());
        if (sizeLots <= 0 || priceTicks <= 0) {
            violations.add("bad trade " + priceTicks + " " + sizeLots);
        }
        trades.add(new Trade(timeNs, priceTicks, sizeLots, aggressor));
    }

    @Override
    public void onTicker(TickerState t) {
        time(t.exchangeTimeNs());
        mix(t.lastUpdateFields());
        mix(t.lastPriceTicks());
        mix(t.markPriceE8());
        mix(t.bid1PriceTicks());
        mix(t.ask1SizeLots());
        tickers++;
    }

    private void time(long t) {
        if (t < lastTimeNs) {
            violations.add("time went back from " + lastTimeNs + " to " + t);
        }
        lastTimeNs = t;
    }

    private void mix(long v) {
        hash = (hash ^ v) * 0x100000001B3L;
        hash ^= hash >>> 29;
    }

    /** Mid of the last published book at or before {@code timeNs}. */
    double midAt(long timeNs) {
        int lo = 0;
        int hi = books.size() - 1;
        while (lo < hi) {
            final int mid = (lo + hi + 1) >>> 1;
            if (books.get(mid).timeNs() <= timeNs) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return books.get(lo).mid();
    }

    /** Trades with a time in {@code [fromNs, toNs]}. */
    List<Trade> tradesBetween(long fromNs, long toNs) {
        final List<Trade> out = new ArrayList<>();
        for (Trade t : trades) {
            if (t.timeNs() >= fromNs && t.timeNs() <= toNs) {
                out.add(t);
            }
        }
        return out;
    }

    /** Median size of the best {@code n} published levels of a side, now. */
    long medianTopSize(Side side, int n) {
        final long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = book.sizeAt(side, i);
        }
        Arrays.sort(sizes);
        return sizes[n / 2];
    }

    /** Standard deviation of the published mid's change over consecutive {@code stepNs} steps in {@code [from, to)}. */
    double volatility(long fromNs, long toNs, long stepNs) {
        double sum = 0;
        int n = 0;
        double prev = midAt(fromNs);
        for (long t = fromNs + stepNs; t <= toNs; t += stepNs) {
            final double m = midAt(t);
            sum += (m - prev) * (m - prev);
            prev = m;
            n++;
        }
        return Math.sqrt(sum / n);
    }
}
