package io.scalper.core.tape;

import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * The recent trades of one instrument and the flow statistics derived from them: a ring of the last
 * {@link TapeConfig#capacity()} trades, one {@link RollingWindow} per configured length, and a rolling estimate of
 * the trade-size distribution over the last {@link TapeConfig#sizeSampleCount()} trades.
 *
 * <p><b>Time.</b> Times are nanoseconds since the epoch, all from one time base. The tape's current time
 * {@link #nowNs()} is the latest time it was given, by a trade or by {@link #advanceTo(long)}, and never goes back.
 * Trade times must be non-decreasing: a trade older than the previous trade is recorded at the previous trade's time
 * and counted in {@link #outOfOrderTrades()}. A trade may be older than {@code nowNs()} after an
 * {@code advanceTo}; it is recorded with its own time and is in each window only while
 * {@code nowNs() - time < lengthNs}.
 *
 * <p><b>Hot path.</b> Everything is preallocated at construction (about {@code capacity × (25 + 8 × windows)}
 * bytes); {@link #onTrade}, {@link #advanceTo} and every query allocate nothing. Invalid trades are not exceptions:
 * they are dropped and counted in {@link #rejectedTrades()}.
 *
 * <p>Not thread-safe: one thread owns the tape, as one thread owns all strategy state.
 */
public final class TradeTape {
    /** Sentinel for "no value": returned by the {@code long} accessors of an empty tape or window. */
    public static final long NONE = Long.MIN_VALUE;

    private final TapeConfig config;
    private final int capacity;
    private final int mask;
    private final int sizeSampleCount;
    private final int minTradesForQuantile;
    private final double largeQuantile;

    private final long[] timesNs;
    private final long[] pricesTicks;
    private final long[] sizesLots;
    private final boolean[] buys;
    private final RollingWindow[] windows;
    private final SizeHistogram sizes = new SizeHistogram();

    /** Sequence number of the next trade; also the number of trades recorded since construction or reset. */
    private long headSeq;

    private long nowNs = NONE;
    private long outOfOrderTrades;
    private long rejectedTrades;

    private long largeThresholdLots;
    private long largeThresholdSeq = -1;
    private double cachedQuantile = Double.NaN;
    private long cachedQuantileLots;
    private long cachedQuantileSeq = -1;

    public TradeTape(TapeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.capacity = config.capacity();
        this.mask = capacity - 1;
        this.sizeSampleCount = config.sizeSampleCount();
        this.minTradesForQuantile = config.minTradesForQuantile();
        this.largeQuantile = config.largeQuantile();
        this.timesNs = new long[capacity];
        this.pricesTicks = new long[capacity];
        this.sizesLots = new long[capacity];
        this.buys = new boolean[capacity];
        this.windows = new RollingWindow[config.windowCount()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new RollingWindow(config.windowNs(i), timesNs, pricesTicks, sizesLots, buys);
        }
    }

    /** The configuration this tape was built with. */
    public TapeConfig config() {
        return config;
    }

    /**
     * Records one trade. Times must be non-decreasing: an older time is clamped to the previous trade's time and
     * counted in {@link #outOfOrderTrades()}. A trade with {@code sizeLots <= 0}, {@code priceTicks <= 0} or a null
     * aggressor is dropped and counted in {@link #rejectedTrades()}. Moves the windows forward to
     * {@code max(nowNs(), timeNs)}. Allocates nothing.
     *
     * @param timeNs trade time, nanoseconds since the epoch
     * @param priceTicks price in ticks, &gt; 0
     * @param sizeLots size in lots, &gt; 0
     * @param aggressor the taker's side
     */
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        if (sizeLots <= 0 || priceTicks <= 0 || aggressor == null) {
            rejectedTrades++;
            return;
        }
        final long seq = headSeq;
        long time = timeNs;
        if (seq > 0) {
            final long lastNs = timesNs[(int) (seq - 1) & mask];
            if (time < lastNs) {
                time = lastNs;
                outOfOrderTrades++;
            }
        }
        if (time > nowNs) {
            nowNs = time;
        }
        final long now = nowNs;
        final RollingWindow[] ws = windows;
        for (int i = 0; i < ws.length; i++) {
            ws[i].evict(now);
        }
        if (seq >= capacity) {
            final long overwrittenSeq = seq - capacity;
            for (int i = 0; i < ws.length; i++) {
                ws[i].evictOverwritten(overwrittenSeq);
            }
        }
        if (seq >= sizeSampleCount) {
            sizes.remove(sizesLots[(int) (seq - sizeSampleCount) & mask]);
        }

        final int index = (int) seq & mask;
        timesNs[index] = time;
        pricesTicks[index] = priceTicks;
        sizesLots[index] = sizeLots;
        buys[index] = aggressor == Side.BUY;
        headSeq = seq + 1;
        sizes.add(sizeLots);
        for (int i = 0; i < ws.length; i++) {
            final RollingWindow w = ws[i];
            w.add(seq);
            if (now - time >= w.lengthNs()) {
                w.evict(now);
            }
        }
    }

    /**
     * Moves the tape's time forward to {@code nowNs}, evicting from each window the trades now at or beyond its
     * length. Does nothing if {@code nowNs} is not after {@link #nowNs()}. Allocates nothing.
     */
    public void advanceTo(long nowNs) {
        if (nowNs <= this.nowNs) {
            return;
        }
        this.nowNs = nowNs;
        final RollingWindow[] ws = windows;
        for (int i = 0; i < ws.length; i++) {
            ws[i].evict(nowNs);
        }
    }

    /** The tape's current time: the latest time given by a trade or {@link #advanceTo(long)}, or {@link #NONE}. */
    public long nowNs() {
        return nowNs;
    }

    /** Number of configured windows. */
    public int windowCount() {
        return windows.length;
    }

    /** Window {@code index}, in the order of {@link TapeConfig#windowsNs()}. */
    public RollingWindow window(int index) {
        return windows[index];
    }

    /** Time of the newest trade (after clamping), or {@link #NONE} when empty. */
    public long lastTimeNs() {
        return headSeq == 0 ? NONE : timesNs[(int) (headSeq - 1) & mask];
    }

    /** Price of the newest trade in ticks, or {@link #NONE} when empty. */
    public long lastPriceTicks() {
        return headSeq == 0 ? NONE : pricesTicks[(int) (headSeq - 1) & mask];
    }

    /** Size of the newest trade in lots, or {@link #NONE} when empty. */
    public long lastSizeLots() {
        return headSeq == 0 ? NONE : sizesLots[(int) (headSeq - 1) & mask];
    }

    /** Aggressor of the newest trade, or {@code null} when empty. */
    public Side lastAggressor() {
        return headSeq == 0 ? null : side((int) (headSeq - 1) & mask);
    }

    /** Trades recorded since construction or the last reset (rejected trades excluded). */
    public long totalTrades() {
        return headSeq;
    }

    /** Trades whose time was older than the previous trade's and was clamped to it. */
    public long outOfOrderTrades() {
        return outOfOrderTrades;
    }

    /** Trades dropped because their size or price was not positive or their aggressor was null. */
    public long rejectedTrades() {
        return rejectedTrades;
    }

    /**
     * Sum over the windows of {@link RollingWindow#overflows()}: trades that left a window early because the ring
     * overwrote them (one trade leaving two windows counts twice).
     */
    public long windowOverflows() {
        long sum = 0;
        for (int i = 0; i < windows.length; i++) {
            sum += windows[i].overflows();
        }
        return sum;
    }

    /** Trades currently held in the ring: {@code min(totalTrades(), capacity)}. */
    public int size() {
        return (int) Math.min(headSeq, capacity);
    }

    /**
     * Time of the trade {@code back} trades before the newest ({@code 0} is the newest).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= back < size()}
     */
    public long timeNsAt(int back) {
        return timesNs[indexOf(back)];
    }

    /** Price in ticks of the trade {@code back} trades before the newest; bounds as {@link #timeNsAt(int)}. */
    public long priceTicksAt(int back) {
        return pricesTicks[indexOf(back)];
    }

    /** Size in lots of the trade {@code back} trades before the newest; bounds as {@link #timeNsAt(int)}. */
    public long sizeLotsAt(int back) {
        return sizesLots[indexOf(back)];
    }

    /** Aggressor of the trade {@code back} trades before the newest; bounds as {@link #timeNsAt(int)}. */
    public Side aggressorAt(int back) {
        return side(indexOf(back));
    }

    /**
     * Estimated size in lots at quantile {@code q} of the last {@code min(totalTrades(), sizeSampleCount)} trade
     * sizes, or {@link #NONE} when there are none. The exact value estimated is the nearest-rank quantile: the
     * smallest sampled size {@code s} such that at least {@code ceil(q × n)} of the {@code n} sampled sizes are
     * {@code <= s}. The estimate is the midpoint of its log-linear histogram bucket: exact below 32 lots and within
     * 1/32 (3.125 %) of the exact value above. Cached until the next trade; allocates nothing.
     *
     * @param q quantile, strictly between 0 and 1
     * @throws IllegalArgumentException if {@code q} is not strictly between 0 and 1
     */
    public long sizeQuantileLots(double q) {
        if (!(q > 0.0 && q < 1.0)) {
            throw new IllegalArgumentException("q: must be strictly between 0 and 1, got " + q);
        }
        if (q == largeQuantile) {
            return largeThresholdLots();
        }
        if (cachedQuantileSeq != headSeq || q != cachedQuantile) {
            cachedQuantileLots = sizes.quantile(q);
            cachedQuantile = q;
            cachedQuantileSeq = headSeq;
        }
        return cachedQuantileLots;
    }

    /**
     * Whether {@code sizeLots} is a large trade: at least {@code minTradesForQuantile} trades were recorded since
     * construction or reset, and {@code sizeLots >= sizeQuantileLots(largeQuantile)}. Allocates nothing.
     */
    public boolean isLarge(long sizeLots) {
        return headSeq >= minTradesForQuantile && sizeLots >= largeThresholdLots();
    }

    /** Forgets every trade, counter and statistic; the tape is as constructed. Allocates nothing. */
    public void reset() {
        headSeq = 0;
        nowNs = NONE;
        outOfOrderTrades = 0;
        rejectedTrades = 0;
        largeThresholdSeq = -1;
        cachedQuantileSeq = -1;
        cachedQuantile = Double.NaN;
        sizes.clear();
        for (int i = 0; i < windows.length; i++) {
            windows[i].reset();
        }
    }

    private long largeThresholdLots() {
        if (largeThresholdSeq != headSeq) {
            largeThresholdLots = sizes.quantile(largeQuantile);
            largeThresholdSeq = headSeq;
        }
        return largeThresholdLots;
    }

    private int indexOf(int back) {
        Objects.checkIndex(back, size());
        return (int) (headSeq - 1 - back) & mask;
    }

    private Side side(int index) {
        return buys[index] ? Side.BUY : Side.SELL;
    }

    @Override
    public String toString() {
        return "TradeTape[totalTrades=" + headSeq + ", size=" + size() + ", nowNs=" + nowNs + ", lastPriceTicks="
                + lastPriceTicks() + ", outOfOrderTrades=" + outOfOrderTrades + ", windowOverflows="
                + windowOverflows() + "]";
    }
}
