package io.scalper.bybit.marketdata;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes market events as Bybit v5 public linear WebSocket frames, one JSON object per line — the format
 * {@link BybitMarketDecoder} and {@code scalper replay} read, byte-compatible with a recording of the real feed:
 * <ul>
 *   <li>book snapshots and deltas as {@code orderbook.{depth}.{symbol}} frames: {@code topic, type, ts, data{s, b, a,
 *       u, seq}, cts}, levels {@code ["price","size"]} at the instrument's scale in message order, size {@code "0"}
 *       deleting; {@code ts} is the update's exchange time, {@code cts} its match time (ms);
 *   <li>trades as {@code publicTrade.{symbol}} frames ({@code type} always {@code snapshot}): consecutive trades with
 *       the same time share one frame (at most 1024 per frame, as Bybit splits them) and one {@code seq}; each trade has
 *       {@code T, s, S} (taker side), {@code v, p, L} (tick direction from the previous trade), {@code i} (a
 *       UUID-shaped id derived deterministically from the symbol and the trade's position in the stream), {@code BT,
 *       RPI} ({@code false}) and {@code seq};
 *   <li>tickers as {@code tickers.{symbol}} frames: the first a {@code snapshot} with every field the ticker holds,
 *       then {@code delta}s with only {@link TickerState#lastUpdateFields()}; values are strings as Bybit sends them
 *       ({@code lastPrice, markPrice, indexPrice, openInterest, nextFundingTime, fundingRate, bid1Price, bid1Size,
 *       ask1Price, ask1Size, fundingIntervalHour}); envelope {@code cs} and {@code ts}.
 * </ul>
 * Trades are held until an event with another time arrives (or {@link #flush()}), so a trade frame always precedes the
 * book delta that reflects it. {@code seq}/{@code cs} strictly increase across all frames: each is the larger of the
 * previous one + 1 and the sequence the event carries. The output is a pure function of the events: the same events
 * give the same bytes.
 *
 * <p>Call {@link #flush()} at the end. I/O failures are thrown as {@link UncheckedIOException}. A frame is built in a
 * reused buffer; steady-state writing allocates only what the {@link Appendable} does. Not thread-safe.
 */
public final class BybitFrameWriter implements MarketEventSink, Flushable {
    /** Bybit's default depth for the generator's books. */
    public static final int DEFAULT_DEPTH = 200;

    /** Most trades Bybit puts in one {@code publicTrade} frame. */
    static final int MAX_TRADES_PER_FRAME = 1024;

    private static final long NS_PER_MS = 1_000_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String[] TICK_DIRECTIONS = {"PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick"};

    private final Instrument instrument;
    private final Appendable out;
    private final String bookTopic;
    private final String tradeTopic;
    private final String tickerTopic;
    private final String symbol;
    private final long idSeed;
    private final StringBuilder frame = new StringBuilder(16_384);

    private long[] tradeTimes = new long[64];
    private long[] tradePrices = new long[64];
    private long[] tradeSizes = new long[64];
    private boolean[] tradeBuys = new boolean[64];
    private int pending;

    private long seq;
    private long lastTradePrice = Long.MIN_VALUE;
    private boolean lastMoveUp = true;
    private boolean tickerStarted;
    private boolean keepSeq;

    private long frames;
    private long bookFrames;
    private long tradeFrames;
    private long tickerFrames;
    private long trades;

    /** A writer of {@code orderbook.200.{symbol}} books. */
    public BybitFrameWriter(Instrument instrument, Appendable out) {
        this(instrument, DEFAULT_DEPTH, out);
    }

    /**
     * @param instrument the instrument whose ticks and lots the events carry
     * @param depth depth named in the book topic ({@code orderbook.{depth}.{symbol}}), e.g. 50, 200 or 1000
     * @param out where the lines go; flushed by {@link #flush()} when it is {@link Flushable}
     */
    public BybitFrameWriter(Instrument instrument, int depth, Appendable out) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.out = Objects.requireNonNull(out, "out");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        this.symbol = instrument.symbol();
        this.bookTopic = "orderbook." + depth + "." + symbol;
        this.tradeTopic = "publicTrade." + symbol;
        this.tickerTopic = "tickers." + symbol;
        this.idSeed = mix(symbol.hashCode() * 0x9E3779B97F4A7C15L);
    }

    @Override
    public void onBook(BookUpdate u) {
        flushTrades();
        final StringBuilder sb = frame;
        sb.setLength(0);
        final long tsMs = u.exchangeTimeNs() / NS_PER_MS;
        final long ctsMs = u.matchTimeNs() == 0 ? tsMs : u.matchTimeNs() / NS_PER_MS;
        seq = Math.max(seq + 1, u.sequence());
        sb.append("{\"topic\":\"").append(bookTopic).append("\",\"type\":\"");
        sb.append(u.isSnapshot() ? "snapshot" : "delta").append("\",\"ts\":").append(tsMs);
        sb.append(",\"data\":{\"s\":\"").append(symbol).append("\",\"b\":");
        appendLevels(sb, u, Side.BUY);
        sb.append(",\"a\":");
        appendLevels(sb, u, Side.SELL);
        sb.append(",\"u\":").append(u.updateId()).append(",\"seq\":").append(seq);
        sb.append("},\"cts\":").append(ctsMs).append('}');
        write();
        bookFrames++;
    }

    private void appendLevels(StringBuilder sb, BookUpdate u, Side side) {
        final int n = u.count(side);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("[\"");
            instrument.appendPrice(sb, u.price(side, i));
            sb.append("\",\"");
            final long size = u.size(side, i);
            if (size == 0) {
                sb.append('0');
            } else {
                instrument.appendQty(sb, size);
            }
            sb.append("\"]");
        }
        sb.append(']');
    }

    @Override
    public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        if (pending > 0 && (tradeTimes[0] != timeNs || pending == MAX_TRADES_PER_FRAME)) {
            final boolean split = tradeTimes[0] == timeNs;
            flushTrades();
            keepSeq = split; // the frames of a split match share their seq, as Bybit's do
        }
        if (pending == tradeTimes.length) {
            grow();
        }
        tradeTimes[pending] = timeNs;
        tradePrices[pending] = priceTicks;
        tradeSizes[pending] = sizeLots;
        tradeBuys[pending++] = aggressor == Side.BUY;
    }

    private void grow() {
        final int cap = pending * 2;
        tradeTimes = java.util.Arrays.copyOf(tradeTimes, cap);
        tradePrices = java.util.Arrays.copyOf(tradePrices, cap);
        tradeSizes = java.util.Arrays.copyOf(tradeSizes, cap);
        tradeBuys = java.util.Arrays.copyOf(tradeBuys, cap);
    }

    private void flushTrades() {
        if (pending == 0) {
            return;
        }
        final StringBuilder sb = frame;
        sb.setLength(0);
        final long tMs = tradeTimes[0] / NS_PER_MS;
        if (!keepSeq) {
            seq++;
        }
        keepSeq = false;
        sb.append("{\"topic\":\"")
                .append(tradeTopic)
                .append("\",\"type\":\"snapshot\",\"ts\":")
                .append(tMs);
        sb.append(",\"data\":[");
        for (int i = 0; i < pending; i++) {
            if (i > 0) {
                sb.append(',');
            }
            final long price = tradePrices[i];
            sb.append("{\"T\":").append(tradeTimes[i] / NS_PER_MS);
            sb.append(",\"s\":\"").append(symbol);
            sb.append("\",\"S\":\"").append(tradeBuys[i] ? "Buy" : "Sell");
            sb.append("\",\"v\":\"");
            instrument.appendQty(sb, tradeSizes[i]);
            sb.append("\",\"p\":\"");
            instrument.appendPrice(sb, price);
            sb.append("\",\"L\":\"").append(tickDirection(price));
            sb.append("\",\"i\":\"");
            appendTradeId(sb, trades++);
            sb.append("\",\"BT\":false,\"RPI\":false,\"seq\":").append(seq).append('}');
        }
        sb.append("]}");
        pending = 0;
        write();
        tradeFrames++;
    }

    private String tickDirection(long price) {
        final long last = lastTradePrice;
        lastTradePrice = price;
        if (last != Long.MIN_VALUE && price != last) {
            lastMoveUp = price > last;
            return TICK_DIRECTIONS[lastMoveUp ? 0 : 2];
        }
        return TICK_DIRECTIONS[lastMoveUp ? 1 : 3];
    }

    /** A version-5-shaped UUID from the symbol and the trade's index in the stream. */
    private void appendTradeId(StringBuilder sb, long index) {
        final long hi = (mix(idSeed + index) & ~0xF000L) | 0x5000L;
        final long lo = (mix(idSeed ^ (index * 0xBF58476D1CE4E5B9L) + 1) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        appendHex(sb, hi >>> 32, 8);
        sb.append('-');
        appendHex(sb, hi >>> 16, 4);
        sb.append('-');
        appendHex(sb, hi, 4);
        sb.append('-');
        appendHex(sb, lo >>> 48, 4);
        sb.append('-');
        appendHex(sb, lo, 12);
    }

    private static void appendHex(StringBuilder sb, long v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (v >>> shift) & 0xF]);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void onTicker(TickerState t) {
        flushTrades();
        final boolean snapshot = !tickerStarted;
        final int fields = snapshot ? t.presentFields() : t.lastUpdateFields();
        tickerStarted = true;
        final StringBuilder sb = frame;
        sb.setLength(0);
        final long cs = t.crossSequence() == TickerState.NONE ? 0 : t.crossSequence();
        seq = Math.max(seq + 1, cs);
        sb.append("{\"topic\":\"").append(tickerTopic).append("\",\"type\":\"");
        sb.append(snapshot ? "snapshot" : "delta")
                .append("\",\"data\":{\"symbol\":\"")
                .append(symbol)
                .append('"');
        if ((fields & TickerState.LAST_PRICE) != 0) {
            ticks(sb, "lastPrice", t.lastPriceTicks());
        }
        if ((fields & TickerState.MARK_PRICE) != 0) {
            e8(sb, "markPrice", t.markPriceE8(), instrument.priceScale());
        }
        if ((fields & TickerState.INDEX_PRICE) != 0) {
            e8(sb, "indexPrice", t.indexPriceE8(), instrument.priceScale());
        }
        if ((fields & TickerState.OPEN_INTEREST) != 0) {
            lots(sb, "openInterest", t.openInterestLots());
        }
        if ((fields & TickerState.NEXT_FUNDING_TIME) != 0) {
            integer(sb, "nextFundingTime", t.nextFundingTimeMs());
        }
        if ((fields & TickerState.FUNDING_RATE) != 0) {
            e8(sb, "fundingRate", t.fundingRateE8(), 0);
        }
        if ((fields & TickerState.BID1_PRICE) != 0) {
            ticks(sb, "bid1Price", t.bid1PriceTicks());
        }
        if ((fields & TickerState.BID1_SIZE) != 0) {
            lots(sb, "bid1Size", t.bid1SizeLots());
        }
        if ((fields & TickerState.ASK1_PRICE) != 0) {
            ticks(sb, "ask1Price", t.ask1PriceTicks());
        }
        if ((fields & TickerState.ASK1_SIZE) != 0) {
            lots(sb, "ask1Size", t.ask1SizeLots());
        }
        if ((fields & TickerState.FUNDING_INTERVAL) != 0) {
            integer(sb, "fundingIntervalHour", t.fundingIntervalHours());
        }
        final long tsMs = t.exchangeTimeNs() == TickerState.NONE ? 0 : t.exchangeTimeNs() / NS_PER_MS;
        sb.append("},\"cs\":").append(seq).append(",\"ts\":").append(tsMs).append('}');
        write();
        tickerFrames++;
    }

    private StringBuilder key(StringBuilder sb, String name) {
        return sb.append(",\"").append(name).append("\":\"");
    }

    private void ticks(StringBuilder sb, String name, long v) {
        key(sb, name);
        if (v != TickerState.NONE) {
            instrument.appendPrice(sb, v);
        }
        sb.append('"');
    }

    private void lots(StringBuilder sb, String name, long v) {
        key(sb, name);
        if (v != TickerState.NONE) {
            instrument.appendQty(sb, v);
        }
        sb.append('"');
    }

    private void integer(StringBuilder sb, String name, long v) {
        key(sb, name);
        if (v != TickerState.NONE) {
            sb.append(v);
        }
        sb.append('"');
    }

    /** An {@code E8} value with trailing zeros dropped but at least {@code minScale} decimals; empty for NONE. */
    private void e8(StringBuilder sb, String name, long v, int minScale) {
        key(sb, name);
        if (v != TickerState.NONE) {
            int scale = TickerState.E8_SCALE;
            long unscaled = v;
            while (scale > minScale && unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
            Decimals.append(sb, unscaled, scale);
        }
        sb.append('"');
    }

    private void write() {
        try {
            out.append(frame).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames++;
    }

    /** Writes the trades held back and flushes the output when it is {@link Flushable}. */
    @Override
    public void flush() {
        flushTrades();
        if (out instanceof Flushable) {
            try {
                ((Flushable) out).flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Lines written. */
    public long frames() {
        return frames;
    }

    /** {@code orderbook} lines written. */
    public long bookFrames() {
        return bookFrames;
    }

    /** {@code publicTrade} lines written. */
    public long tradeFrames() {
        return tradeFrames;
    }

    /** {@code tickers} lines written. */
    public long tickerFrames() {
        return tickerFrames;
    }

    /** Trades written (held-back trades are counted once written). */
    public long trades() {
        return trades;
    }
}
