package io.scalper.core.book;

import io.scalper.core.model.Side;
import java.util.Arrays;

/**
 * One order-book message, decoded and validated, waiting to be applied with {@link OrderBook#apply(BookUpdate)}.
 * A reusable holder: decoders fill it in place for every message ({@link #clear()} then the setters), so nothing is
 * allocated per message once its arrays have grown to the largest message seen.
 *
 * <p>Levels are {@code (priceTicks, sizeLots)} pairs; a size is the level's new absolute size and 0 deletes the level.
 * Not thread-safe.
 */
public final class BookUpdate {
    private boolean snapshot;
    private long updateId;
    private long sequence;
    private long exchangeTimeNs;
    private long matchTimeNs;
    private long localTimeNs;
    private int bidCount;
    private int askCount;
    private long[] bidPrices;
    private long[] bidSizes;
    private long[] askPrices;
    private long[] askSizes;

    /** A holder with room for 256 levels per side before it grows. */
    public BookUpdate() {
        this(256);
    }

    /** A holder with room for {@code initialLevels} levels per side before it grows. */
    public BookUpdate(int initialLevels) {
        final int n = Math.max(1, initialLevels);
        bidPrices = new long[n];
        bidSizes = new long[n];
        askPrices = new long[n];
        askSizes = new long[n];
    }

    /** Empties the holder and marks it a delta with no ids and no times. */
    public BookUpdate clear() {
        snapshot = false;
        updateId = 0;
        sequence = 0;
        exchangeTimeNs = 0;
        matchTimeNs = 0;
        localTimeNs = 0;
        bidCount = 0;
        askCount = 0;
        return this;
    }

    /** Sets whether this message replaces the whole book ({@code true}) or changes some levels. */
    public BookUpdate snapshot(boolean isSnapshot) {
        this.snapshot = isSnapshot;
        return this;
    }

    /** Sets the per-topic update id (Bybit {@code u}). */
    public BookUpdate updateId(long id) {
        this.updateId = id;
        return this;
    }

    /** Sets the cross sequence (Bybit {@code seq}); informational, never used for gap detection. */
    public BookUpdate sequence(long seq) {
        this.sequence = seq;
        return this;
    }

    /** Sets the exchange send time (Bybit {@code ts}), ns since the epoch. */
    public BookUpdate exchangeTimeNs(long timeNs) {
        this.exchangeTimeNs = timeNs;
        return this;
    }

    /** Sets the matching-engine time (Bybit {@code cts}), ns since the epoch; 0 when absent. */
    public BookUpdate matchTimeNs(long timeNs) {
        this.matchTimeNs = timeNs;
        return this;
    }

    /** Sets the local receive time, ns since the epoch; 0 when unknown. */
    public BookUpdate localTimeNs(long timeNs) {
        this.localTimeNs = timeNs;
        return this;
    }

    /** Adds a level to one side. */
    public BookUpdate add(Side side, long priceTicks, long sizeLots) {
        if (side == Side.BUY) {
            addBid(priceTicks, sizeLots);
        } else {
            addAsk(priceTicks, sizeLots);
        }
        return this;
    }

    /** Adds a bid level. */
    public BookUpdate addBid(long priceTicks, long sizeLots) {
        if (bidCount == bidPrices.length) {
            bidPrices = Arrays.copyOf(bidPrices, bidCount * 2);
            bidSizes = Arrays.copyOf(bidSizes, bidCount * 2);
        }
        bidPrices[bidCount] = priceTicks;
        bidSizes[bidCount++] = sizeLots;
        return this;
    }

    /** Adds an ask level. */
    public BookUpdate addAsk(long priceTicks, long sizeLots) {
        if (askCount == askPrices.length) {
            askPrices = Arrays.copyOf(askPrices, askCount * 2);
            askSizes = Arrays.copyOf(askSizes, askCount * 2);
        }
        askPrices[askCount] = priceTicks;
        askSizes[askCount++] = sizeLots;
        return this;
    }

    public boolean isSnapshot() {
        return snapshot;
    }

    public long updateId() {
        return updateId;
    }

    public long sequence() {
        return sequence;
    }

    public long exchangeTimeNs() {
        return exchangeTimeNs;
    }

    public long matchTimeNs() {
        return matchTimeNs;
    }

    public long localTimeNs() {
        return localTimeNs;
    }

    /** Number of levels on a side. */
    public int count(Side side) {
        return side == Side.BUY ? bidCount : askCount;
    }

    /** Price in ticks of the {@code i}-th level of a side, in message order. */
    public long price(Side side, int i) {
        return side == Side.BUY ? bidPrices[i] : askPrices[i];
    }

    /** Size in lots of the {@code i}-th level of a side, in message order. */
    public long size(Side side, int i) {
        return side == Side.BUY ? bidSizes[i] : askSizes[i];
    }

    @Override
    public String toString() {
        return (snapshot ? "BookUpdate[snapshot u=" : "BookUpdate[delta u=") + updateId + " bids=" + bidCount + " asks="
                + askCount + "]";
    }
}
