package io.scalper.bybit.marketdata;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.Markets;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scans one Bybit v5 public frame in place: the envelope ({@code topic}, {@code type}, {@code ts}, {@code cts}, {@code
 * cs}, {@code op}, {@code success}, {@code data}, in any order), the topic and its symbol — resolved to the symbol's
 * market in the {@link Markets}, registering it on first sight — and the data: order-book levels into a {@link
 * BookUpdate}, trades into parallel arrays, ticker fields into a {@link TickerState}. What a frame held is read from
 * the accessors until the next {@link #scan}; nothing is applied or counted here ({@link BybitMarketDecoder} does
 * both).
 *
 * <p>Allocates nothing in steady state: the holders are reused, the trade arrays grow only when a frame carries more
 * trades than ever before, and a symbol's first frame allocates its market once. Not thread-safe.
 */
final class FrameScanner {
    /** {@link #kind()}: no topic seen (a control frame, or malformed). */
    static final int KIND_NONE = 0;
    /** {@link #kind()}: {@code orderbook.{depth}.{symbol}}. */
    static final int KIND_BOOK = 1;
    /** {@link #kind()}: {@code publicTrade.{symbol}}. */
    static final int KIND_TRADE = 2;
    /** {@link #kind()}: {@code tickers.{symbol}}. */
    static final int KIND_TICKER = 3;
    /** {@link #kind()}: a topic not decoded here. */
    static final int KIND_OTHER = 4;

    private static final int MALFORMED = BybitMarketDecoder.MALFORMED;
    private static final int IGNORED = BybitMarketDecoder.IGNORED;

    private static final byte[] K_BUY = JsonCursor.ascii("Buy");
    private static final byte[] K_UPPER_S = JsonCursor.ascii("S");
    private static final byte[] K_SELL = JsonCursor.ascii("Sell");
    private static final byte[] K_UPPER_T = JsonCursor.ascii("T");
    private static final byte[] K_LOWER_A = JsonCursor.ascii("a");
    private static final byte[] K_ASK1PRICE = JsonCursor.ascii("ask1Price");
    private static final byte[] K_ASK1SIZE = JsonCursor.ascii("ask1Size");
    private static final byte[] K_LOWER_B = JsonCursor.ascii("b");
    private static final byte[] K_BID1PRICE = JsonCursor.ascii("bid1Price");
    private static final byte[] K_BID1SIZE = JsonCursor.ascii("bid1Size");
    private static final byte[] K_CS = JsonCursor.ascii("cs");
    private static final byte[] K_CTS = JsonCursor.ascii("cts");
    private static final byte[] K_DATA = JsonCursor.ascii("data");
    private static final byte[] K_DELTA = JsonCursor.ascii("delta");
    private static final byte[] K_FUNDING_INTERVAL_HOUR = JsonCursor.ascii("fundingIntervalHour");
    private static final byte[] K_FUNDING_RATE = JsonCursor.ascii("fundingRate");
    private static final byte[] K_INDEX_PRICE = JsonCursor.ascii("indexPrice");
    private static final byte[] K_LAST_PRICE = JsonCursor.ascii("lastPrice");
    private static final byte[] K_MARK_PRICE = JsonCursor.ascii("markPrice");
    private static final byte[] K_NEXT_FUNDING_TIME = JsonCursor.ascii("nextFundingTime");
    private static final byte[] K_OP = JsonCursor.ascii("op");
    private static final byte[] K_OPEN_INTEREST = JsonCursor.ascii("openInterest");
    private static final byte[] K_LOWER_P = JsonCursor.ascii("p");
    private static final byte[] K_LOWER_S = JsonCursor.ascii("s");
    private static final byte[] K_SEQ = JsonCursor.ascii("seq");
    private static final byte[] K_SNAPSHOT = JsonCursor.ascii("snapshot");
    private static final byte[] K_SUCCESS = JsonCursor.ascii("success");
    private static final byte[] K_SYMBOL = JsonCursor.ascii("symbol");
    private static final byte[] K_TOPIC = JsonCursor.ascii("topic");
    private static final byte[] K_TS = JsonCursor.ascii("ts");
    private static final byte[] K_TYPE = JsonCursor.ascii("type");
    private static final byte[] K_LOWER_U = JsonCursor.ascii("u");
    private static final byte[] K_LOWER_V = JsonCursor.ascii("v");
    private static final byte[] ORDERBOOK = JsonCursor.ascii("orderbook.");
    private static final byte[] PUBLIC_TRADE = JsonCursor.ascii("publicTrade.");
    private static final byte[] TICKERS = JsonCursor.ascii("tickers.");

    private final JsonCursor json = new JsonCursor();
    private final BookUpdate update = new BookUpdate(1024);
    private final TickerState tickerScratch = new TickerState();
    private final InstrumentResolver resolver;
    private final Markets markets;
    private int lastMarket;

    private long[] tradeTimes = new long[64];
    private long[] tradePrices = new long[64];
    private long[] tradeSizes = new long[64];
    private boolean[] tradeBuys = new boolean[64];
    private int tradeCount;

    /** Each market's symbol as bytes, by market index (filled on first use). */
    private byte[][] symbolBytes = new byte[8][];

    // per-frame scan state
    private byte[] frame;
    private int frameEnd;
    private int kind;
    private int symbolStart;
    private int symbolEnd;
    private MarketState market;
    private int marketIndex;
    private boolean typeSeen;
    private boolean snapshot;
    private long tsMs;
    private long ctsMs;
    private long crossSeq;
    private boolean opSeen;
    private boolean success;
    private boolean dataParsed;
    private long pendingUpdateId;

    FrameScanner(InstrumentResolver resolver, Markets markets) {
        this.resolver = resolver;
        this.markets = markets;
    }

    // ------------------------------------------------------------------ what the last frame held

    /** {@link #KIND_BOOK}, {@link #KIND_TRADE}, {@link #KIND_TICKER}, {@link #KIND_OTHER} or {@link #KIND_NONE}. */
    int kind() {
        return kind;
    }

    /** Index in the markets of the frame's symbol (book, trade and ticker frames). */
    int marketIndex() {
        return marketIndex;
    }

    /** {@code type} was {@code snapshot}. */
    boolean snapshot() {
        return snapshot;
    }

    /** {@code ts}: when Bybit published the frame, epoch ms (0 if absent). */
    long tsMs() {
        return tsMs;
    }

    /** {@code cts}: the matching engine's time of the book's last change, epoch ms (0 if absent). */
    long ctsMs() {
        return ctsMs;
    }

    /** {@code cs}: the cross sequence, or {@link TickerState#NONE}. */
    long crossSeq() {
        return crossSeq;
    }

    /** An {@code op} field was present (a control frame: ack, pong). */
    boolean opSeen() {
        return opSeen;
    }

    /** {@code success} was {@code true}. */
    boolean success() {
        return success;
    }

    /** The book frame's levels and {@code seq}; the header fields are the caller's to set. */
    BookUpdate bookUpdate() {
        return update;
    }

    /** The book frame's {@code u}. */
    long updateId() {
        return pendingUpdateId;
    }

    /** The ticker frame's fields (only those present). */
    TickerState ticker() {
        return tickerScratch;
    }

    /** Trades in the trade frame. */
    int tradeCount() {
        return tradeCount;
    }

    /** The {@code i}-th trade's time, epoch ms. */
    long tradeTimeMs(int i) {
        return tradeTimes[i];
    }

    /** The {@code i}-th trade's price, ticks. */
    long tradePriceTicks(int i) {
        return tradePrices[i];
    }

    /** The {@code i}-th trade's size, lots. */
    long tradeSizeLots(int i) {
        return tradeSizes[i];
    }

    /** The {@code i}-th trade's aggressor. */
    Side tradeAggressor(int i) {
        return tradeBuys[i] ? Side.BUY : Side.SELL;
    }

    // ------------------------------------------------------------------ envelope

    /**
     * Scans a whole frame.
     *
     * @return 0 when it is well formed and its data (if any) was parsed; else {@link BybitMarketDecoder#MALFORMED} or
     *     {@link BybitMarketDecoder#IGNORED}
     */
    int scan(byte[] text, int from, int to) {
        frame = text;
        frameEnd = to;
        final JsonCursor j = json;
        j.reset(text, from, to);
        kind = KIND_NONE;
        market = null;
        typeSeen = false;
        snapshot = false;
        tsMs = 0;
        ctsMs = 0;
        crossSeq = TickerState.NONE;
        opSeen = false;
        success = false;
        dataParsed = false;
        int dataPos = -1;
        if (!j.consume('{')) {
            return MALFORMED;
        }
        if (!j.consume('}')) {
            while (true) {
                if (!j.readKey()) {
                    return MALFORMED;
                }
                if (j.strEquals(K_TOPIC)) {
                    if (!j.readString() || !classifyTopic()) {
                        return MALFORMED;
                    }
                } else if (j.strEquals(K_TYPE)) {
                    if (!j.readString()) {
                        return MALFORMED;
                    }
                    snapshot = j.strEquals(K_SNAPSHOT);
                    typeSeen = snapshot || j.strEquals(K_DELTA);
                } else if (j.strEquals(K_TS)) {
                    if ((tsMs = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals(K_CTS)) {
                    if ((ctsMs = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals(K_CS)) {
                    if ((crossSeq = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals(K_DATA)) {
                    if (kind != KIND_NONE && kind != KIND_OTHER) {
                        final int r = parseData();
                        if (r != 0) {
                            return r;
                        }
                    } else {
                        dataPos = j.pos();
                        if (!j.skipValue()) {
                            return MALFORMED;
                        }
                    }
                } else if (j.strEquals(K_OP)) {
                    if (!j.readString()) {
                        return MALFORMED;
                    }
                    opSeen = true;
                } else if (j.strEquals(K_SUCCESS)) {
                    final int b = j.readBoolean();
                    if (b < 0) {
                        return MALFORMED;
                    }
                    success = b == 1;
                } else if (!j.skipValue()) {
                    return MALFORMED;
                }
                final int n = j.next('}');
                if (n == 0) {
                    break;
                }
                if (n < 0) {
                    return MALFORMED;
                }
            }
        }
        if (!j.atEnd()) {
            return MALFORMED;
        }
        if (kind == KIND_BOOK || kind == KIND_TRADE || kind == KIND_TICKER) {
            if (!dataParsed) {
                if (dataPos < 0) {
                    return MALFORMED;
                }
                j.pos(dataPos);
                final int r = parseData();
                if (r != 0) {
                    return r;
                }
            }
            if (!typeSeen) {
                return MALFORMED;
            }
        }
        return 0;
    }

    private boolean classifyTopic() {
        final byte[] t = frame;
        final int s = json.strStart;
        final int e = json.strEnd;
        if (json.strEscaped) {
            return false;
        }
        int symbol;
        if (JsonCursor.regionEquals(t, s, e, ORDERBOOK)) {
            int p = s + 10;
            while (p < e && t[p] >= '0' && t[p] <= '9') {
                p++;
            }
            if (p == s + 10 || p >= e || t[p] != '.') {
                kind = KIND_OTHER; // e.g. orderbook.rpi.BTCUSDT
                return true;
            }
            symbol = p + 1;
            kind = KIND_BOOK;
        } else if (JsonCursor.regionEquals(t, s, e, PUBLIC_TRADE)) {
            symbol = s + 12;
            kind = KIND_TRADE;
        } else if (JsonCursor.regionEquals(t, s, e, TICKERS)) {
            symbol = s + 8;
            kind = KIND_TICKER;
        } else {
            kind = KIND_OTHER;
            return true;
        }
        if (symbol >= e) {
            return false;
        }
        symbolStart = symbol;
        symbolEnd = e;
        return true;
    }

    /** The {@code i}-th market's symbol as UTF-8 bytes. */
    private byte[] symbolBytes(int i) {
        if (i >= symbolBytes.length) {
            symbolBytes = Arrays.copyOf(symbolBytes, Math.max(i + 1, symbolBytes.length * 2));
        }
        byte[] b = symbolBytes[i];
        if (b == null) {
            b = markets.at(i).symbol().getBytes(StandardCharsets.UTF_8);
            symbolBytes[i] = b;
        }
        return b;
    }

    /** Whether {@code frame[from, to)} holds exactly {@code symbol}. */
    private boolean sameSymbol(int from, int to, byte[] symbol) {
        return symbol.length == to - from && JsonCursor.regionEquals(frame, from, to, symbol);
    }

    /** Finds or creates the market of the current topic's symbol; the cursor must be at the data value. */
    private int resolveMarket() {
        final Markets ms = markets;
        final int n = ms.count();
        if (lastMarket < n && sameSymbol(symbolStart, symbolEnd, symbolBytes(lastMarket))) {
            market = ms.at(lastMarket);
            marketIndex = lastMarket;
            return 0;
        }
        for (int i = 0; i < n; i++) {
            if (sameSymbol(symbolStart, symbolEnd, symbolBytes(i))) {
                lastMarket = i;
                marketIndex = i;
                market = ms.at(i);
                return 0;
            }
        }
        return createMarket();
    }

    private int createMarket() {
        final String symbol = new String(frame, symbolStart, symbolEnd - symbolStart, StandardCharsets.UTF_8);
        final int dataPos = json.pos();
        final ScaleProbe probe = new ScaleProbe(frame, dataPos, frameEnd);
        final Instrument instrument;
        try {
            instrument = resolver.resolve(symbol, probe.priceScale, probe.qtyScale);
        } catch (RuntimeException e) {
            return MALFORMED; // e.g. a symbol text that is not a valid instrument name
        }
        json.reset(frame, dataPos, frameEnd);
        if (instrument == null) {
            return IGNORED;
        }
        market = markets.register(instrument);
        lastMarket = markets.indexOf(instrument.symbol());
        marketIndex = lastMarket;
        return 0;
    }

    private int parseData() {
        final int r = resolveMarket();
        if (r != 0) {
            return r;
        }
        dataParsed = true;
        switch (kind) {
            case KIND_BOOK:
                return parseBook() ? 0 : MALFORMED;
            case KIND_TRADE:
                return parseTrades() ? 0 : MALFORMED;
            default:
                return parseTicker() ? 0 : MALFORMED;
        }
    }

    private boolean symbolMatches() {
        final JsonCursor j = json;
        final int len = symbolEnd - symbolStart;
        if (j.strLength() != len || j.strEscaped) {
            return false;
        }
        final byte[] t = frame;
        for (int i = 0; i < len; i++) {
            if (t[j.strStart + i] != t[symbolStart + i]) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ order book

    private boolean parseBook() {
        final JsonCursor j = json;
        final BookUpdate u = update.clear();
        final Instrument instrument = market.instrument();
        pendingUpdateId = -1;
        if (!j.consume('{')) {
            return false;
        }
        if (j.consume('}')) {
            return false;
        }
        while (true) {
            if (!j.readKey()) {
                return false;
            }
            if (j.strEquals(K_LOWER_B)) {
                if (!parseLevels(u, Side.BUY, instrument)) {
                    return false;
                }
            } else if (j.strEquals(K_LOWER_A)) {
                if (!parseLevels(u, Side.SELL, instrument)) {
                    return false;
                }
            } else if (j.strEquals(K_LOWER_U)) {
                final long id = j.readLong();
                if (id == JsonCursor.NO_NUMBER || id < 0) {
                    return false;
                }
                pendingUpdateId = id;
            } else if (j.strEquals(K_SEQ)) {
                final long seq = j.readLong();
                if (seq == JsonCursor.NO_NUMBER) {
                    return false;
                }
                u.sequence(seq);
            } else if (j.strEquals(K_LOWER_S)) {
                if (!j.readString() || !symbolMatches()) {
                    return false;
                }
            } else if (!j.skipValue()) {
                return false;
            }
            final int n = j.next('}');
            if (n == 0) {
                return pendingUpdateId >= 0;
            }
            if (n < 0) {
                return false;
            }
        }
    }

    private boolean parseLevels(BookUpdate u, Side side, Instrument instrument) {
        final JsonCursor j = json;
        if (!j.consume('[')) {
            return false;
        }
        if (j.consume(']')) {
            return true;
        }
        final int priceScale = instrument.priceTextScale();
        final int qtyScale = instrument.qtyTextScale();
        while (true) {
            if (!j.consume('[')) {
                return false;
            }
            final long price = instrument.ticksFromUnscaled(j.readDecimal(priceScale));
            if (price == Decimals.INVALID || price <= 0 || !j.consume(',')) {
                return false;
            }
            final long size = instrument.lotsFromUnscaled(j.readDecimal(qtyScale));
            if (size == Decimals.INVALID || size < 0) {
                return false;
            }
            int more;
            while ((more = j.next(']')) == 1) {
                if (!j.skipValue()) {
                    return false;
                }
            }
            if (more < 0) {
                return false;
            }
            u.add(side, price, size);
            final int n = j.next(']');
            if (n == 0) {
                return true;
            }
            if (n < 0) {
                return false;
            }
        }
    }

    /** Reads a decimal given as a JSON string or a bare number into the cursor's string range. */
    private boolean readNumeric() {
        final JsonCursor j = json;
        final int c = j.peek();
        if (c == '"') {
            return j.readString() && !j.strEscaped;
        }
        final int start = j.pos();
        if (c < 0 || !j.skipValue() || (c != '-' && (c < '0' || c > '9'))) {
            return false;
        }
        j.strStart = start;
        j.strEnd = j.pos();
        j.strEscaped = false;
        return true;
    }

    // ------------------------------------------------------------------ trades

    private boolean parseTrades() {
        final JsonCursor j = json;
        final Instrument instrument = market.instrument();
        tradeCount = 0;
        if (!j.consume('[')) {
            return false;
        }
        if (j.consume(']')) {
            return true;
        }
        while (true) {
            if (!j.consume('{')) {
                return false;
            }
            long time = JsonCursor.NO_NUMBER;
            long price = Decimals.INVALID;
            long size = Decimals.INVALID;
            int buy = -1;
            if (!j.consume('}')) {
                while (true) {
                    if (!j.readKey()) {
                        return false;
                    }
                    if (j.strEquals(K_UPPER_T)) {
                        time = j.readLong();
                        if (time == JsonCursor.NO_NUMBER) {
                            return false;
                        }
                    } else if (j.strEquals(K_LOWER_P)) {
                        price = instrument.ticksFromUnscaled(j.readDecimal(instrument.priceTextScale()));
                        if (price == Decimals.INVALID) {
                            return false;
                        }
                    } else if (j.strEquals(K_LOWER_V)) {
                        size = instrument.lotsFromUnscaled(j.readDecimal(instrument.qtyTextScale()));
                        if (size == Decimals.INVALID) {
                            return false;
                        }
                    } else if (j.strEquals(K_UPPER_S)) {
                        if (!j.readString()) {
                            return false;
                        }
                        buy = j.strEquals(K_BUY) ? 1 : j.strEquals(K_SELL) ? 0 : -1;
                    } else if (j.strEquals(K_LOWER_S)) {
                        if (!j.readString() || !symbolMatches()) {
                            return false;
                        }
                    } else if (!j.skipValue()) {
                        return false;
                    }
                    final int n = j.next('}');
                    if (n == 0) {
                        break;
                    }
                    if (n < 0) {
                        return false;
                    }
                }
            }
            if (time == JsonCursor.NO_NUMBER
                    || price == Decimals.INVALID
                    || price <= 0
                    || size == Decimals.INVALID
                    || size <= 0
                    || buy < 0) {
                return false;
            }
            addTrade(time, price, size, buy == 1);
            final int n = j.next(']');
            if (n == 0) {
                return true;
            }
            if (n < 0) {
                return false;
            }
        }
    }

    private void addTrade(long timeMs, long price, long size, boolean buy) {
        if (tradeCount == tradeTimes.length) {
            final int cap = tradeCount * 2;
            tradeTimes = Arrays.copyOf(tradeTimes, cap);
            tradePrices = Arrays.copyOf(tradePrices, cap);
            tradeSizes = Arrays.copyOf(tradeSizes, cap);
            tradeBuys = Arrays.copyOf(tradeBuys, cap);
        }
        tradeTimes[tradeCount] = timeMs;
        tradePrices[tradeCount] = price;
        tradeSizes[tradeCount] = size;
        tradeBuys[tradeCount++] = buy;
    }

    // ------------------------------------------------------------------ tickers

    private boolean parseTicker() {
        final JsonCursor j = json;
        final TickerState s = tickerScratch;
        s.clear();
        if (!j.consume('{')) {
            return false;
        }
        if (j.consume('}')) {
            return true;
        }
        while (true) {
            if (!j.readKey()) {
                return false;
            }
            final boolean ok;
            if (j.strEquals(K_LAST_PRICE)) {
                ok = tickerField(s, TickerState.LAST_PRICE);
            } else if (j.strEquals(K_MARK_PRICE)) {
                ok = tickerField(s, TickerState.MARK_PRICE);
            } else if (j.strEquals(K_INDEX_PRICE)) {
                ok = tickerField(s, TickerState.INDEX_PRICE);
            } else if (j.strEquals(K_FUNDING_RATE)) {
                ok = tickerField(s, TickerState.FUNDING_RATE);
            } else if (j.strEquals(K_NEXT_FUNDING_TIME)) {
                ok = tickerField(s, TickerState.NEXT_FUNDING_TIME);
            } else if (j.strEquals(K_BID1PRICE)) {
                ok = tickerField(s, TickerState.BID1_PRICE);
            } else if (j.strEquals(K_BID1SIZE)) {
                ok = tickerField(s, TickerState.BID1_SIZE);
            } else if (j.strEquals(K_ASK1PRICE)) {
                ok = tickerField(s, TickerState.ASK1_PRICE);
            } else if (j.strEquals(K_ASK1SIZE)) {
                ok = tickerField(s, TickerState.ASK1_SIZE);
            } else if (j.strEquals(K_OPEN_INTEREST)) {
                ok = tickerField(s, TickerState.OPEN_INTEREST);
            } else if (j.strEquals(K_FUNDING_INTERVAL_HOUR)) {
                ok = tickerField(s, TickerState.FUNDING_INTERVAL);
            } else if (j.strEquals(K_SYMBOL)) {
                ok = j.readString() && symbolMatches();
            } else {
                ok = j.skipValue();
            }
            if (!ok) {
                return false;
            }
            final int n = j.next('}');
            if (n == 0) {
                return true;
            }
            if (n < 0) {
                return false;
            }
        }
    }

    /** Reads one ticker value; an empty string sets the field to {@link TickerState#NONE}. */
    private boolean tickerField(TickerState s, int field) {
        final JsonCursor j = json;
        if (!readNumeric()) {
            return false;
        }
        final byte[] t = frame;
        final int from = j.strStart;
        final int to = j.strEnd;
        final Instrument instrument = market.instrument();
        long v;
        if (from == to) {
            v = TickerState.NONE;
        } else {
            switch (field) {
                case TickerState.LAST_PRICE:
                case TickerState.BID1_PRICE:
                case TickerState.ASK1_PRICE:
                    v = instrument.priceToTicks(t, from, to);
                    break;
                case TickerState.BID1_SIZE:
                case TickerState.ASK1_SIZE:
                case TickerState.OPEN_INTEREST:
                    v = instrument.qtyToLots(t, from, to);
                    break;
                case TickerState.NEXT_FUNDING_TIME:
                case TickerState.FUNDING_INTERVAL:
                    v = Decimals.parse(t, from, to, 0);
                    break;
                default:
                    v = Decimals.parse(t, from, to, TickerState.E8_SCALE);
                    break;
            }
            if (v == Decimals.INVALID) {
                return false;
            }
        }
        s.set(field, v);
        return true;
    }
}
