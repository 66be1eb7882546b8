package io.scalper.bybit.marketdata;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.Markets;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.util.Decimals;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes Bybit v5 public linear frames — {@code orderbook.{depth}.{symbol}}, {@code publicTrade.{symbol}} and
 * {@code tickers.{symbol}} — into market events ({@link MarketEventSink}) for each symbol's market in a {@link
 * Markets}: by default its apply-and-notify step ({@link io.scalper.core.market.MarketStateSink}), which applies them to
 * the symbol's {@link MarketState} (book, tape, ticker) and tells the listener; or wherever the symbol is {@link
 * Markets#route routed}. The decoder itself applies nothing.
 *
 * <p>Input is the frame text as the WebSocket delivered it, or one line of a recorded file. Key order and whitespace
 * do not matter; optional fields ({@code cts}, trade {@code seq}, {@code RPI}, ...) may be absent. Control frames
 * (subscribe/auth acks, pongs) are recognised and counted; unknown topics are counted and ignored; a malformed frame
 * (bad JSON, missing fields, a price off the tick grid) is counted and skipped — nothing of it is applied, and nothing is
 * ever thrown out of {@link #decode(String, long)}.
 *
 * <p>Why a specialised scanner rather than Jackson's streaming parser: {@code JsonParser} instances are created per
 * document and materialise field names and values it is asked for; this scanner walks the frame {@code String} in place,
 * turns decimal text into ticks and lots without intermediate strings, and so decodes a steady stream without
 * allocating at all (the {@code benchmarks} module measures both).
 *
 * <p>A symbol seen for the first time is resolved to an {@link Instrument} by the {@link InstrumentResolver}; that is
 * the only allocation, once per symbol. Not thread-safe: one thread decodes and owns the markets.
 */
public final class BybitMarketDecoder {
    /** {@link #decode} result: an order-book message was applied (whatever the book's own result code). */
    public static final int BOOK = 1;
    /** {@link #decode} result: trades were appended to a tape. */
    public static final int TRADES = 2;
    /** {@link #decode} result: a ticker was merged. */
    public static final int TICKER = 3;
    /** {@link #decode} result: a control frame (subscribe/auth ack, pong). */
    public static final int CONTROL = 4;
    /** {@link #decode} result: a well-formed frame of a topic this decoder does not handle. */
    public static final int UNKNOWN_TOPIC = 5;
    /** {@link #decode} result: a malformed frame, skipped. */
    public static final int MALFORMED = 6;
    /** {@link #decode} result: a frame for a symbol the resolver declined, skipped. */
    public static final int IGNORED = 7;

    private static final int KIND_NONE = 0;
    private static final int KIND_BOOK = 1;
    private static final int KIND_TRADE = 2;
    private static final int KIND_TICKER = 3;
    private static final int KIND_OTHER = 4;
    private static final long NS_PER_MS = 1_000_000L;

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

    // per-frame scan state
    private String frame;
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

    private long messages;
    private long bookMessages;
    private long tradeMessages;
    private long trades;
    private long tickerMessages;
    private long controlFrames;
    private long controlFailures;
    private long unknownTopics;
    private long malformed;
    private long ignored;

    /** A decoder resolving unknown symbols with {@link BybitInstruments#defaultResolver()} and default book/tape sizes. */
    public BybitMarketDecoder() {
        this(BybitInstruments.defaultResolver(), OrderBook.DEFAULT_MAX_DEPTH, TapeConfig.defaults());
    }

    /**
     * @param resolver turns a symbol seen for the first time into its instrument
     * @param maxDepth levels per side of each book (at least the subscribed depth; more leaves room for deltas that
     *     insert before they delete)
     * @param tapeConfig configuration of each symbol's trade tape
     */
    public BybitMarketDecoder(InstrumentResolver resolver, int maxDepth, TapeConfig tapeConfig) {
        this(resolver, new Markets(maxDepth, tapeConfig));
    }

    /**
     * @param resolver turns a symbol seen for the first time into its instrument
     * @param markets where a symbol seen for the first time is registered and where its events go
     */
    public BybitMarketDecoder(InstrumentResolver resolver, Markets markets) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.markets = Objects.requireNonNull(markets, "markets");
    }

    /** The markets this decoder emits into. */
    public Markets markets() {
        return markets;
    }

    /** Sets the listener told after each applied message ({@link Markets#setListener}); {@code null} removes it. */
    public void setListener(MarketDataListener listener) {
        markets.setListener(listener);
    }

    /**
     * Sends the events of {@code target}'s symbol to {@code sink} instead of applying them to {@code target} ({@link
     * Markets#route}); the listener is not told about them. {@code null} arguments apply them again. This is how a
     * backtest reads recorded frames: the events go to the simulated exchange and, later, to the strategy, each with
     * its own market.
     */
    public void emitTo(MarketState target, MarketEventSink sink) {
        if (target != null) {
            markets.route(target.symbol(), sink);
        } else {
            for (int i = 0; i < markets.count(); i++) {
                markets.route(markets.at(i).symbol(), null);
            }
        }
    }

    /** Registers a market for an instrument ahead of its first frame and returns it (or the existing one). */
    public MarketState register(Instrument instrument) {
        return markets.register(instrument);
    }

    /** The market of a symbol, or {@code null} if none has been seen or registered. */
    public MarketState market(String symbol) {
        return markets.market(symbol);
    }

    /** Number of markets known. */
    public int marketCount() {
        return markets.count();
    }

    /** The {@code i}-th market, in order of first appearance. */
    public MarketState marketAt(int i) {
        if (i < 0 || i >= markets.count()) {
            throw new IndexOutOfBoundsException(i);
        }
        return markets.at(i);
    }

    /**
     * Decodes one frame and applies it.
     *
     * @param text the frame
     * @param localTimeNs local receive time, ns since the epoch (0 if unknown)
     * @return one of {@link #BOOK}, {@link #TRADES}, {@link #TICKER}, {@link #CONTROL}, {@link #UNKNOWN_TOPIC},
     *     {@link #MALFORMED}, {@link #IGNORED}
     */
    public int decode(String text, long localTimeNs) {
        messages++;
        if (text == null) {
            malformed++;
            return MALFORMED;
        }
        final int r = scan(text);
        if (r != 0) {
            if (r == MALFORMED) {
                malformed++;
            } else if (r == IGNORED) {
                ignored++;
            }
            return r;
        }
        switch (kind) {
            case KIND_BOOK:
                return applyBook(localTimeNs);
            case KIND_TRADE:
                return applyTrades();
            case KIND_TICKER:
                return applyTicker();
            case KIND_OTHER:
                unknownTopics++;
                return UNKNOWN_TOPIC;
            default:
                if (opSeen) {
                    controlFrames++;
                    if (!success) {
                        controlFailures++;
                    }
                    return CONTROL;
                }
                malformed++;
                return MALFORMED;
        }
    }

    /** Scans the whole frame; returns 0 when it is well formed and its data (if any) was parsed into scratch state. */
    private int scan(String text) {
        frame = text;
        final JsonCursor j = json;
        j.reset(text);
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
                if (j.strEquals("topic")) {
                    if (!j.readString() || !classifyTopic()) {
                        return MALFORMED;
                    }
                } else if (j.strEquals("type")) {
                    if (!j.readString()) {
                        return MALFORMED;
                    }
                    snapshot = j.strEquals("snapshot");
                    typeSeen = snapshot || j.strEquals("delta");
                } else if (j.strEquals("ts")) {
                    if ((tsMs = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals("cts")) {
                    if ((ctsMs = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals("cs")) {
                    if ((crossSeq = j.readLong()) == JsonCursor.NO_NUMBER) {
                        return MALFORMED;
                    }
                } else if (j.strEquals("data")) {
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
                } else if (j.strEquals("op")) {
                    if (!j.readString()) {
                        return MALFORMED;
                    }
                    opSeen = true;
                } else if (j.strEquals("success")) {
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
        final String t = frame;
        final int s = json.strStart;
        final int e = json.strEnd;
        if (json.strEscaped) {
            return false;
        }
        int symbol;
        if (t.startsWith("orderbook.", s)) {
            int p = s + 10;
            while (p < e && t.charAt(p) >= '0' && t.charAt(p) <= '9') {
                p++;
            }
            if (p == s + 10 || p >= e || t.charAt(p) != '.') {
                kind = KIND_OTHER; // e.g. orderbook.rpi.BTCUSDT
                return true;
            }
            symbol = p + 1;
            kind = KIND_BOOK;
        } else if (t.startsWith("publicTrade.", s)) {
            symbol = s + 12;
            kind = KIND_TRADE;
        } else if (t.startsWith("tickers.", s)) {
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

    /** Finds or creates the market of the current topic's symbol; the cursor must be at the data value. */
    private int resolveMarket() {
        final String t = frame;
        final int len = symbolEnd - symbolStart;
        final Markets ms = markets;
        final int n = ms.count();
        if (lastMarket < n) {
            final MarketState m = ms.at(lastMarket);
            final String sym = m.symbol();
            if (sym.length() == len && t.regionMatches(symbolStart, sym, 0, len)) {
                market = m;
                marketIndex = lastMarket;
                return 0;
            }
        }
        for (int i = 0; i < n; i++) {
            final String sym = ms.at(i).symbol();
            if (sym.length() == len && t.regionMatches(symbolStart, sym, 0, len)) {
                lastMarket = i;
                marketIndex = i;
                market = ms.at(i);
                return 0;
            }
        }
        return createMarket();
    }

    private int createMarket() {
        final String symbol = frame.substring(symbolStart, symbolEnd);
        final int dataPos = json.pos();
        final ScaleProbe probe = new ScaleProbe(frame, dataPos);
        final Instrument instrument;
        try {
            instrument = resolver.resolve(symbol, probe.priceScale, probe.qtyScale);
        } catch (RuntimeException e) {
            return MALFORMED; // e.g. a symbol text that is not a valid instrument name
        }
        json.reset(frame);
        json.pos(dataPos);
        if (instrument == null) {
            return IGNORED;
        }
        market = register(instrument);
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
        return j.strLength() == len && !j.strEscaped && frame.regionMatches(j.strStart, frame, symbolStart, len);
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
            if (j.strEquals("b")) {
                if (!parseLevels(u, Side.BUY, instrument)) {
                    return false;
                }
            } else if (j.strEquals("a")) {
                if (!parseLevels(u, Side.SELL, instrument)) {
                    return false;
                }
            } else if (j.strEquals("u")) {
                final long id = j.readLong();
                if (id == JsonCursor.NO_NUMBER || id < 0) {
                    return false;
                }
                pendingUpdateId = id;
            } else if (j.strEquals("seq")) {
                final long seq = j.readLong();
                if (seq == JsonCursor.NO_NUMBER) {
                    return false;
                }
                u.sequence(seq);
            } else if (j.strEquals("s")) {
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

    private int applyBook(long localTimeNs) {
        final BookUpdate u = update;
        u.snapshot(snapshot)
                .updateId(pendingUpdateId)
                .exchangeTimeNs(tsMs * NS_PER_MS)
                .matchTimeNs(ctsMs * NS_PER_MS)
                .localTimeNs(localTimeNs);
        bookMessages++;
        final MarketEventSink sink = markets.sink(marketIndex);
        sink.onBook(u);
        sink.endOfMessage();
        return BOOK;
    }

    // ------------------------------------------------------------------ trades

    private boolean parseTrades() {
        final JsonCursor j = json;
        final Instrument instrument = market.instrument();
        final String t = frame;
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
                    if (j.strEquals("T")) {
                        time = j.readLong();
                        if (time == JsonCursor.NO_NUMBER) {
                            return false;
                        }
                    } else if (j.strEquals("p")) {
                        price = instrument.ticksFromUnscaled(j.readDecimal(instrument.priceTextScale()));
                        if (price == Decimals.INVALID) {
                            return false;
                        }
                    } else if (j.strEquals("v")) {
                        size = instrument.lotsFromUnscaled(j.readDecimal(instrument.qtyTextScale()));
                        if (size == Decimals.INVALID) {
                            return false;
                        }
                    } else if (j.strEquals("S")) {
                        if (!j.readString()) {
                            return false;
                        }
                        buy = j.strEquals("Buy") ? 1 : j.strEquals("Sell") ? 0 : -1;
                    } else if (j.strEquals("s")) {
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

    private int applyTrades() {
        final int n = tradeCount;
        final MarketEventSink sink = markets.sink(marketIndex);
        for (int i = 0; i < n; i++) {
            sink.onTrade(tradeTimes[i] * NS_PER_MS, tradePrices[i], tradeSizes[i], tradeBuys[i] ? Side.BUY : Side.SELL);
        }
        tradeMessages++;
        trades += n;
        sink.endOfMessage();
        return TRADES;
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
            if (j.strEquals("lastPrice")) {
                ok = tickerField(s, TickerState.LAST_PRICE);
            } else if (j.strEquals("markPrice")) {
                ok = tickerField(s, TickerState.MARK_PRICE);
            } else if (j.strEquals("indexPrice")) {
                ok = tickerField(s, TickerState.INDEX_PRICE);
            } else if (j.strEquals("fundingRate")) {
                ok = tickerField(s, TickerState.FUNDING_RATE);
            } else if (j.strEquals("nextFundingTime")) {
                ok = tickerField(s, TickerState.NEXT_FUNDING_TIME);
            } else if (j.strEquals("bid1Price")) {
                ok = tickerField(s, TickerState.BID1_PRICE);
            } else if (j.strEquals("bid1Size")) {
                ok = tickerField(s, TickerState.BID1_SIZE);
            } else if (j.strEquals("ask1Price")) {
                ok = tickerField(s, TickerState.ASK1_PRICE);
            } else if (j.strEquals("ask1Size")) {
                ok = tickerField(s, TickerState.ASK1_SIZE);
            } else if (j.strEquals("openInterest")) {
                ok = tickerField(s, TickerState.OPEN_INTEREST);
            } else if (j.strEquals("fundingIntervalHour")) {
                ok = tickerField(s, TickerState.FUNDING_INTERVAL);
            } else if (j.strEquals("symbol")) {
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
        final String t = frame;
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

    private int applyTicker() {
        final TickerState scratch = tickerScratch;
        scratch.exchangeTimeNs(tsMs * NS_PER_MS).crossSequence(crossSeq).snapshot(snapshot);
        tickerMessages++;
        final MarketEventSink sink = markets.sink(marketIndex);
        sink.onTicker(scratch);
        sink.endOfMessage();
        return TICKER;
    }

    // ------------------------------------------------------------------ counters

    /** Frames given to {@link #decode}. */
    public long messages() {
        return messages;
    }

    /** Order-book frames decoded and handed to a book (applied or refused). */
    public long bookMessages() {
        return bookMessages;
    }

    /** Order-book frames applied cleanly ({@link OrderBook#OK}). */
    public long bookUpdates() {
        return markets.bookUpdates();
    }

    /** Trade frames decoded. */
    public long tradeMessages() {
        return tradeMessages;
    }

    /** Trades appended to tapes. */
    public long trades() {
        return trades;
    }

    /** Ticker frames merged. */
    public long tickerMessages() {
        return tickerMessages;
    }

    /** Control frames (acks, pongs). */
    public long controlFrames() {
        return controlFrames;
    }

    /** Control frames with {@code success:false} (e.g. a refused subscription). */
    public long controlFailures() {
        return controlFailures;
    }

    /** Well-formed frames of topics not decoded here (e.g. {@code kline.1.BTCUSDT}). */
    public long unknownTopics() {
        return unknownTopics;
    }

    /** Malformed frames, counted and skipped. */
    public long malformed() {
        return malformed;
    }

    /** Frames for symbols the resolver declined. */
    public long ignored() {
        return ignored;
    }

    /** Book deltas that revealed a gap. */
    public long gaps() {
        return markets.gaps();
    }

    /** Book updates that left a book crossed or locked. */
    public long crossed() {
        return markets.crossed();
    }

    /** Book deltas ignored as duplicates or stale. */
    public long duplicates() {
        return markets.duplicates();
    }

    /** Book deltas refused because the book was out of sync. */
    public long rejected() {
        return markets.rejected();
    }

    /** Book snapshots with update id 1 that reset a book in use. */
    public long resets() {
        return markets.resets();
    }

    /** Scans a data value for the decimals used by its prices and sizes (first sight of a symbol only). */
    private static final class ScaleProbe {
        int priceScale = -1;
        int qtyScale = -1;

        ScaleProbe(String text, int dataPos) {
            final JsonCursor j = new JsonCursor();
            j.reset(text);
            j.pos(dataPos);
            final int c = j.peek();
            if (c == '{') {
                probeObject(j, text);
            } else if (c == '[') {
                j.consume('[');
                while (j.peek() == '{') {
                    probeObject(j, text);
                    if (j.next(']') != 1) {
                        break;
                    }
                }
            }
        }

        private void probeObject(JsonCursor j, String text) {
            if (!j.consume('{') || j.consume('}')) {
                return;
            }
            while (j.readKey()) {
                final boolean levels = j.strEquals("b") || j.strEquals("a");
                final boolean price = j.strEquals("p")
                        || j.strEquals("lastPrice")
                        || j.strEquals("bid1Price")
                        || j.strEquals("ask1Price");
                final boolean qty = j.strEquals("v") || j.strEquals("bid1Size") || j.strEquals("ask1Size");
                if (levels && j.peek() == '[') {
                    j.consume('[');
                    boolean more = !j.consume(']');
                    while (more && j.consume('[')) {
                        if (!j.readString()) {
                            return;
                        }
                        priceScale = Math.max(priceScale, Decimals.scaleOf(text, j.strStart, j.strEnd));
                        if (!j.consume(',') || !j.readString()) {
                            return;
                        }
                        qtyScale = Math.max(qtyScale, Decimals.scaleOf(text, j.strStart, j.strEnd));
                        if (!j.consume(']')) {
                            return;
                        }
                        more = j.next(']') == 1;
                    }
                } else if ((price || qty) && j.peek() == '"') {
                    j.readString();
                    if (j.strLength() > 0) {
                        final int scale = Decimals.scaleOf(text, j.strStart, j.strEnd);
                        if (price) {
                            priceScale = Math.max(priceScale, scale);
                        } else {
                            qtyScale = Math.max(qtyScale, scale);
                        }
                    }
                } else if (!j.skipValue()) {
                    return;
                }
                if (j.next('}') != 1) {
                    return;
                }
            }
        }
    }
}
