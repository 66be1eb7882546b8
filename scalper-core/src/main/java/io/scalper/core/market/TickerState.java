package io.scalper.core.market;

/**
 * Latest ticker values of one instrument, merged from a snapshot and sparse deltas (a delta carries only the fields
 * that changed; absent fields keep their value).
 *
 * <p>Prices that sit on the tick grid (last, best bid/ask) are in ticks; mark and index price and the funding rate are
 * not always on the grid and are held as fixed point with 8 decimals ({@code E8}: 65117.44 → 6511744000000). Sizes are
 * lots. Every field is {@link #NONE} until first seen. Not thread-safe.
 */
public final class TickerState {
    /** Sentinel for a value not yet received (or sent empty by the exchange). */
    public static final long NONE = Long.MIN_VALUE;

    /** Scale of the {@code E8} fields. */
    public static final int E8_SCALE = 8;

    /** Field bit: last traded price. */
    public static final int LAST_PRICE = 1;
    /** Field bit: mark price. */
    public static final int MARK_PRICE = 1 << 1;
    /** Field bit: index price. */
    public static final int INDEX_PRICE = 1 << 2;
    /** Field bit: funding rate. */
    public static final int FUNDING_RATE = 1 << 3;
    /** Field bit: next funding time. */
    public static final int NEXT_FUNDING_TIME = 1 << 4;
    /** Field bit: best bid price. */
    public static final int BID1_PRICE = 1 << 5;
    /** Field bit: best bid size. */
    public static final int BID1_SIZE = 1 << 6;
    /** Field bit: best ask price. */
    public static final int ASK1_PRICE = 1 << 7;
    /** Field bit: best ask size. */
    public static final int ASK1_SIZE = 1 << 8;
    /** Field bit: open interest. */
    public static final int OPEN_INTEREST = 1 << 9;
    /** Field bit: funding interval. */
    public static final int FUNDING_INTERVAL = 1 << 10;

    private long lastPriceTicks = NONE;
    private long markPriceE8 = NONE;
    private long indexPriceE8 = NONE;
    private long fundingRateE8 = NONE;
    private long nextFundingTimeMs = NONE;
    private long bid1PriceTicks = NONE;
    private long bid1SizeLots = NONE;
    private long ask1PriceTicks = NONE;
    private long ask1SizeLots = NONE;
    private long openInterestLots = NONE;
    private long fundingIntervalHours = NONE;
    private long exchangeTimeNs = NONE;
    private long crossSequence = NONE;
    private int present;
    private int lastFields;
    private long updates;
    private boolean snapshot;

    /** Bit set of the fields received so far. */
    public int presentFields() {
        return present;
    }

    /** Bit set of the fields carried by the last merged message. */
    public int lastUpdateFields() {
        return lastFields;
    }

    /** Whether a field (one of the bit constants) has been received. */
    public boolean has(int field) {
        return (present & field) != 0;
    }

    /** Copies every field present in {@code delta} into this state and takes its time and sequence. */
    public void merge(TickerState delta) {
        final int p = delta.present;
        if ((p & LAST_PRICE) != 0) {
            lastPriceTicks = delta.lastPriceTicks;
        }
        if ((p & MARK_PRICE) != 0) {
            markPriceE8 = delta.markPriceE8;
        }
        if ((p & INDEX_PRICE) != 0) {
            indexPriceE8 = delta.indexPriceE8;
        }
        if ((p & FUNDING_RATE) != 0) {
            fundingRateE8 = delta.fundingRateE8;
        }
        if ((p & NEXT_FUNDING_TIME) != 0) {
            nextFundingTimeMs = delta.nextFundingTimeMs;
        }
        if ((p & BID1_PRICE) != 0) {
            bid1PriceTicks = delta.bid1PriceTicks;
        }
        if ((p & BID1_SIZE) != 0) {
            bid1SizeLots = delta.bid1SizeLots;
        }
        if ((p & ASK1_PRICE) != 0) {
            ask1PriceTicks = delta.ask1PriceTicks;
        }
        if ((p & ASK1_SIZE) != 0) {
            ask1SizeLots = delta.ask1SizeLots;
        }
        if ((p & OPEN_INTEREST) != 0) {
            openInterestLots = delta.openInterestLots;
        }
        if ((p & FUNDING_INTERVAL) != 0) {
            fundingIntervalHours = delta.fundingIntervalHours;
        }
        present |= p;
        lastFields = p;
        exchangeTimeNs = delta.exchangeTimeNs;
        crossSequence = delta.crossSequence;
        updates++;
    }

    /**
     * Whether this update is a snapshot: applied to a market, it replaces the ticker (fields it does not carry become
     * unknown) instead of merging into it. Set by the decoder on its scratch state; not carried by {@link #merge}.
     */
    public boolean snapshot() {
        return snapshot;
    }

    /** Marks this update a snapshot or a delta (see {@link #snapshot()}). */
    public TickerState snapshot(boolean isSnapshot) {
        this.snapshot = isSnapshot;
        return this;
    }

    /** Forgets every field (e.g. before decoding a snapshot into a scratch state). */
    public void clear() {
        snapshot = false;
        lastPriceTicks = NONE;
        markPriceE8 = NONE;
        indexPriceE8 = NONE;
        fundingRateE8 = NONE;
        nextFundingTimeMs = NONE;
        bid1PriceTicks = NONE;
        bid1SizeLots = NONE;
        ask1PriceTicks = NONE;
        ask1SizeLots = NONE;
        openInterestLots = NONE;
        fundingIntervalHours = NONE;
        exchangeTimeNs = NONE;
        crossSequence = NONE;
        present = 0;
    }

    private void mark(int field) {
        present |= field;
    }

    /**
     * Sets one field by its bit ({@link #LAST_PRICE} … {@link #FUNDING_INTERVAL}) — for code that handles fields
     * generically, such as decoders and event files.
     *
     * @throws IllegalArgumentException if {@code field} is not one field bit
     */
    public TickerState set(int field, long v) {
        switch (field) {
            case LAST_PRICE -> lastPriceTicks(v);
            case MARK_PRICE -> markPriceE8(v);
            case INDEX_PRICE -> indexPriceE8(v);
            case FUNDING_RATE -> fundingRateE8(v);
            case NEXT_FUNDING_TIME -> nextFundingTimeMs(v);
            case BID1_PRICE -> bid1PriceTicks(v);
            case BID1_SIZE -> bid1SizeLots(v);
            case ASK1_PRICE -> ask1PriceTicks(v);
            case ASK1_SIZE -> ask1SizeLots(v);
            case OPEN_INTEREST -> openInterestLots(v);
            case FUNDING_INTERVAL -> fundingIntervalHours(v);
            default -> throw new IllegalArgumentException("not a ticker field: " + field);
        }
        return this;
    }

    /**
     * One field by its bit; {@link #NONE} when it was never set.
     *
     * @throws IllegalArgumentException if {@code field} is not one field bit
     */
    public long get(int field) {
        return switch (field) {
            case LAST_PRICE -> lastPriceTicks;
            case MARK_PRICE -> markPriceE8;
            case INDEX_PRICE -> indexPriceE8;
            case FUNDING_RATE -> fundingRateE8;
            case NEXT_FUNDING_TIME -> nextFundingTimeMs;
            case BID1_PRICE -> bid1PriceTicks;
            case BID1_SIZE -> bid1SizeLots;
            case ASK1_PRICE -> ask1PriceTicks;
            case ASK1_SIZE -> ask1SizeLots;
            case OPEN_INTEREST -> openInterestLots;
            case FUNDING_INTERVAL -> fundingIntervalHours;
            default -> throw new IllegalArgumentException("not a ticker field: " + field);
        };
    }

    public TickerState lastPriceTicks(long v) {
        lastPriceTicks = v;
        mark(LAST_PRICE);
        return this;
    }

    public TickerState markPriceE8(long v) {
        markPriceE8 = v;
        mark(MARK_PRICE);
        return this;
    }

    public TickerState indexPriceE8(long v) {
        indexPriceE8 = v;
        mark(INDEX_PRICE);
        return this;
    }

    public TickerState fundingRateE8(long v) {
        fundingRateE8 = v;
        mark(FUNDING_RATE);
        return this;
    }

    public TickerState nextFundingTimeMs(long v) {
        nextFundingTimeMs = v;
        mark(NEXT_FUNDING_TIME);
        return this;
    }

    public TickerState bid1PriceTicks(long v) {
        bid1PriceTicks = v;
        mark(BID1_PRICE);
        return this;
    }

    public TickerState bid1SizeLots(long v) {
        bid1SizeLots = v;
        mark(BID1_SIZE);
        return this;
    }

    public TickerState ask1PriceTicks(long v) {
        ask1PriceTicks = v;
        mark(ASK1_PRICE);
        return this;
    }

    public TickerState ask1SizeLots(long v) {
        ask1SizeLots = v;
        mark(ASK1_SIZE);
        return this;
    }

    public TickerState openInterestLots(long v) {
        openInterestLots = v;
        mark(OPEN_INTEREST);
        return this;
    }

    public TickerState fundingIntervalHours(long v) {
        fundingIntervalHours = v;
        mark(FUNDING_INTERVAL);
        return this;
    }

    public TickerState exchangeTimeNs(long v) {
        exchangeTimeNs = v;
        return this;
    }

    public TickerState crossSequence(long v) {
        crossSequence = v;
        return this;
    }

    public long lastPriceTicks() {
        return lastPriceTicks;
    }

    public long markPriceE8() {
        return markPriceE8;
    }

    public long indexPriceE8() {
        return indexPriceE8;
    }

    /** Funding rate × 10^8 (0.0001 → 10000); positive means longs pay shorts. */
    public long fundingRateE8() {
        return fundingRateE8;
    }

    public long nextFundingTimeMs() {
        return nextFundingTimeMs;
    }

    public long bid1PriceTicks() {
        return bid1PriceTicks;
    }

    public long bid1SizeLots() {
        return bid1SizeLots;
    }

    public long ask1PriceTicks() {
        return ask1PriceTicks;
    }

    public long ask1SizeLots() {
        return ask1SizeLots;
    }

    public long openInterestLots() {
        return openInterestLots;
    }

    public long fundingIntervalHours() {
        return fundingIntervalHours;
    }

    public long exchangeTimeNs() {
        return exchangeTimeNs;
    }

    public long crossSequence() {
        return crossSequence;
    }

    /** Number of snapshot and delta messages merged. */
    public long updates() {
        return updates;
    }

    /** Mark price as a {@code double}, {@code NaN} when unknown. */
    public double markPrice() {
        return markPriceE8 == NONE ? Double.NaN : markPriceE8 / 1e8;
    }

    /** Funding rate as a {@code double}, {@code NaN} when unknown. */
    public double fundingRate() {
        return fundingRateE8 == NONE ? Double.NaN : fundingRateE8 / 1e8;
    }

    @Override
    public String toString() {
        return "TickerState[last=" + lastPriceTicks + " bid1=" + bid1PriceTicks + " ask1=" + ask1PriceTicks + " markE8="
                + markPriceE8 + " fundingE8=" + fundingRateE8 + " nextFunding=" + nextFundingTimeMs + "]";
    }
}
