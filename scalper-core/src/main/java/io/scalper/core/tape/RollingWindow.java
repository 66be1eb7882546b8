package io.scalper.core.tape;

/**
 * Trade flow over the last {@link #lengthNs()} nanoseconds of a {@link TradeTape}: buy and sell volume and counts,
 * VWAP, flow imbalance, high and low. Owned and updated by its tape, incrementally, as trades arrive and as time
 * passes; read it on the tape's thread.
 *
 * <p><b>Membership.</b> With the tape's current time {@code now} (see {@link TradeTape#nowNs()}), a trade at time
 * {@code t} is inside the window while {@code now - t < lengthNs}; it leaves when {@code now - t >= lengthNs}, so a
 * trade exactly {@code lengthNs} old is out. A trade also leaves early when the tape's ring overwrites it while it is
 * still inside (counted by {@link #overflows()}), so the figures never include trades the ring no longer holds.
 *
 * <p><b>Exactness.</b> Volumes and counts are exact {@code long}/{@code int} sums; they stay exact while the
 * window's volume is below 2<sup>63</sup> lots. The notional {@code sum(price × size)} behind {@link #vwapTicks()}
 * is kept as an exact 128-bit integer, so it cannot overflow while it stays below 2<sup>127</sup> (for example
 * prices and sizes below 2<sup>48</sup> with the largest capacity); VWAP divides it by the volume in
 * {@code double} arithmetic (relative error a few parts in 10<sup>16</sup>). High and low are exact, kept by monotonic queues. Nothing is allocated after construction.
 */
public final class RollingWindow {
    private final long lengthNs;
    private final long[] timesNs;
    private final long[] pricesTicks;
    private final long[] sizesLots;
    private final boolean[] buys;
    private final int mask;

    /** Ring indices of trades in the window with strictly decreasing (max) / increasing (min) prices. */
    private final int[] maxQueue;

    private final int[] minQueue;
    private int maxFront;
    private int maxBack;
    private int minFront;
    private int minBack;

    /** The window holds the trades with sequence numbers {@code [tailSeq, headSeq)}. */
    private long tailSeq;

    private long headSeq;
    private long buyVolumeLots;
    private long sellVolumeLots;
    private int buyCount;
    private int sellCount;
    private long notionalHigh;
    private long notionalLow;
    private long overflows;

    RollingWindow(long lengthNs, long[] timesNs, long[] pricesTicks, long[] sizesLots, boolean[] buys) {
        this.lengthNs = lengthNs;
        this.timesNs = timesNs;
        this.pricesTicks = pricesTicks;
        this.sizesLots = sizesLots;
        this.buys = buys;
        this.mask = timesNs.length - 1;
        this.maxQueue = new int[timesNs.length];
        this.minQueue = new int[timesNs.length];
    }

    /** Length of the window in nanoseconds. */
    public long lengthNs() {
        return lengthNs;
    }

    /** Volume of trades whose aggressor bought, in lots. */
    public long buyVolumeLots() {
        return buyVolumeLots;
    }

    /** Volume of trades whose aggressor sold, in lots. */
    public long sellVolumeLots() {
        return sellVolumeLots;
    }

    /** Buy plus sell volume, in lots. */
    public long volumeLots() {
        return buyVolumeLots + sellVolumeLots;
    }

    /** Buy minus sell volume, in lots. */
    public long netVolumeLots() {
        return buyVolumeLots - sellVolumeLots;
    }

    /** Number of buyer-initiated trades. */
    public int buyCount() {
        return buyCount;
    }

    /** Number of seller-initiated trades. */
    public int sellCount() {
        return sellCount;
    }

    /** Number of trades in the window. */
    public int count() {
        return buyCount + sellCount;
    }

    /** Whether the window holds no trade. */
    public boolean isEmpty() {
        return headSeq == tailSeq;
    }

    /** Volume-weighted average price in ticks, {@code sum(price × size) / sum(size)}; NaN when empty. */
    public double vwapTicks() {
        final long volume = buyVolumeLots + sellVolumeLots;
        if (volume == 0) {
            return Double.NaN;
        }
        final double notional = notionalHigh == 0 && notionalLow >= 0
                ? (double) notionalLow
                : notionalHigh * 0x1p64 + unsignedToDouble(notionalLow);
        return notional / volume;
    }

    /** {@code (buy - sell) / (buy + sell)} volume, in {@code [-1, 1]}; 0 when empty. */
    public double flowImbalance() {
        final long volume = buyVolumeLots + sellVolumeLots;
        return volume == 0 ? 0.0 : (double) (buyVolumeLots - sellVolumeLots) / volume;
    }

    /** Highest trade price in the window in ticks, or {@link TradeTape#NONE} when empty. */
    public long highTicks() {
        return maxBack == maxFront ? TradeTape.NONE : pricesTicks[maxQueue[maxFront & mask]];
    }

    /** Lowest trade price in the window in ticks, or {@link TradeTape#NONE} when empty. */
    public long lowTicks() {
        return minBack == minFront ? TradeTape.NONE : pricesTicks[minQueue[minFront & mask]];
    }

    /**
     * Trades that left this window early because the ring overwrote them while they were still inside, since
     * construction or the last reset. Non-zero means the tape's capacity is too small for this window's traffic.
     */
    public long overflows() {
        return overflows;
    }

    /** Adds the trade with sequence number {@code seq}, which must be the next one, already written to the ring. */
    void add(long seq) {
        final int index = (int) seq & mask;
        final long price = pricesTicks[index];
        final long size = sizesLots[index];
        if (buys[index]) {
            buyVolumeLots += size;
            buyCount++;
        } else {
            sellVolumeLots += size;
            sellCount++;
        }
        final long high = Math.multiplyHigh(price, size);
        final long low = price * size;
        final long sumLow = notionalLow + low;
        notionalHigh += high + (Long.compareUnsigned(sumLow, notionalLow) < 0 ? 1 : 0);
        notionalLow = sumLow;

        final int[] maxQ = maxQueue;
        int back = maxBack;
        while (back != maxFront && pricesTicks[maxQ[(back - 1) & mask]] <= price) {
            back--;
        }
        maxQ[back & mask] = index;
        maxBack = back + 1;

        final int[] minQ = minQueue;
        back = minBack;
        while (back != minFront && pricesTicks[minQ[(back - 1) & mask]] >= price) {
            back--;
        }
        minQ[back & mask] = index;
        minBack = back + 1;

        headSeq = seq + 1;
    }

    /** Removes every trade at or beyond the window's length as of {@code nowNs}. */
    void evict(long nowNs) {
        final long[] times = timesNs;
        while (tailSeq != headSeq && nowNs - times[(int) tailSeq & mask] >= lengthNs) {
            removeTail();
        }
    }

    /** Removes the trade {@code seq} if it is still inside, because the ring is about to overwrite it. */
    void evictOverwritten(long seq) {
        if (tailSeq == seq && tailSeq != headSeq) {
            removeTail();
            overflows++;
        }
    }

    private void removeTail() {
        final int index = (int) tailSeq & mask;
        final long price = pricesTicks[index];
        final long size = sizesLots[index];
        if (buys[index]) {
            buyVolumeLots -= size;
            buyCount--;
        } else {
            sellVolumeLots -= size;
            sellCount--;
        }
        final long high = Math.multiplyHigh(price, size);
        final long low = price * size;
        final long diffLow = notionalLow - low;
        notionalHigh -= high + (Long.compareUnsigned(notionalLow, low) < 0 ? 1 : 0);
        notionalLow = diffLow;

        if (maxQueue[maxFront & mask] == index) {
            maxFront++;
        }
        if (minQueue[minFront & mask] == index) {
            minFront++;
        }
        tailSeq++;
    }

    void reset() {
        tailSeq = 0;
        headSeq = 0;
        maxFront = 0;
        maxBack = 0;
        minFront = 0;
        minBack = 0;
        buyVolumeLots = 0;
        sellVolumeLots = 0;
        buyCount = 0;
        sellCount = 0;
        notionalHigh = 0;
        notionalLow = 0;
        overflows = 0;
    }

    private static double unsignedToDouble(long value) {
        if (value >= 0) {
            return value;
        }
        return ((value >>> 1) | (value & 1)) * 2.0;
    }

    @Override
    public String toString() {
        return "RollingWindow[lengthNs=" + lengthNs + ", count=" + count() + ", buyVolumeLots=" + buyVolumeLots
                + ", sellVolumeLots=" + sellVolumeLots + ", vwapTicks=" + vwapTicks() + "]";
    }
}
