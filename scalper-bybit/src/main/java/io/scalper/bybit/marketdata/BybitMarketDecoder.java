package io.scalper.bybit.marketdata;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.Markets;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TapeConfig;
import java.nio.charset.StandardCharsets;
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
 * ever thrown out of {@link #decode(String, long)} or {@link #decode(byte[], int, int, long)}.
 *
 * <p>Why a specialised scanner rather than Jackson's streaming parser: {@code JsonParser} instances are created per
 * document and materialise field names and values it is asked for; its scanner walks the frame's bytes in place (a
 * socket's or file's buffer, or a reused copy of a {@code String}), turns decimal text into ticks and lots without
 * intermediate strings (eight bytes at a time where a value fits), and so decodes a steady stream without
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

    private static final long NS_PER_MS = 1_000_000L;

    private final FrameScanner scanner;
    private final Markets markets;
    private final DecoderCounters counters = new DecoderCounters();
    /** {@link #decode(String, long)}'s copy of the frame as bytes. */
    private byte[] textBytes = new byte[4096];

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
        this.markets = Objects.requireNonNull(markets, "markets");
        this.scanner = new FrameScanner(Objects.requireNonNull(resolver, "resolver"), markets);
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
     * Decodes one frame and applies it. The text is copied into a reused byte buffer first (one pass; ASCII, as
     * Bybit's frames are, byte for byte, anything else as UTF-8) and decoded by {@link #decode(byte[], int, int,
     * long)}: the result is the same as decoding the frame's UTF-8 bytes.
     *
     * @param text the frame
     * @param localTimeNs local receive time, ns since the epoch (0 if unknown)
     * @return one of {@link #BOOK}, {@link #TRADES}, {@link #TICKER}, {@link #CONTROL}, {@link #UNKNOWN_TOPIC},
     *     {@link #MALFORMED}, {@link #IGNORED}
     */
    public int decode(String text, long localTimeNs) {
        if (text == null) {
            counters.messages++;
            counters.malformed++;
            return MALFORMED;
        }
        final int n = encode(text);
        return decode(textBytes, 0, n, localTimeNs);
    }

    /**
     * Decodes one frame given as UTF-8 bytes, {@code bytes[from, to)}, and applies it — straight from a socket's or a
     * file's buffer, with no {@code String} in between. The bytes are only read, and not kept after the call.
     *
     * @param localTimeNs local receive time, ns since the epoch (0 if unknown)
     * @return as {@link #decode(String, long)}
     * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
     */
    public int decode(byte[] bytes, int from, int to, long localTimeNs) {
        Objects.checkFromToIndex(from, to, bytes.length);
        final DecoderCounters c = counters;
        c.messages++;
        final FrameScanner f = scanner;
        final int r = f.scan(bytes, from, to);
        if (r != 0) {
            if (r == MALFORMED) {
                c.malformed++;
            } else if (r == IGNORED) {
                c.ignored++;
            }
            return r;
        }
        switch (f.kind()) {
            case FrameScanner.KIND_BOOK:
                return emitBook(localTimeNs);
            case FrameScanner.KIND_TRADE:
                return emitTrades();
            case FrameScanner.KIND_TICKER:
                return emitTicker();
            case FrameScanner.KIND_OTHER:
                c.unknownTopics++;
                return UNKNOWN_TOPIC;
            default:
                if (f.opSeen()) {
                    c.controlFrames++;
                    if (!f.success()) {
                        c.controlFailures++;
                    }
                    return CONTROL;
                }
                c.malformed++;
                return MALFORMED;
        }
    }

    /**
     * Copies {@code text} into {@link #textBytes} as UTF-8 and returns the byte count. ASCII text (every char below
     * 0x80, checked once over the whole frame) is copied char to byte; other text is encoded by the JDK. The buffer
     * grows only for a frame longer than any before, and keeps 8 spare bytes for the scanner's 8-byte reads.
     */
    private int encode(String text) {
        final int n = text.length();
        byte[] b = textBytes;
        if (b.length < n + 8) {
            b = textBytes = new byte[Math.max(n + 8, b.length * 2)];
        }
        int any = 0;
        for (int i = 0; i < n; i++) {
            final char ch = text.charAt(i);
            any |= ch;
            b[i] = (byte) ch;
        }
        if (any < 0x80) {
            return n;
        }
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (b.length < utf8.length + 8) {
            b = textBytes = new byte[utf8.length + 8];
        }
        System.arraycopy(utf8, 0, b, 0, utf8.length);
        return utf8.length;
    }

    private int emitBook(long localTimeNs) {
        final FrameScanner f = scanner;
        final BookUpdate u = f.bookUpdate();
        u.snapshot(f.snapshot())
                .updateId(f.updateId())
                .exchangeTimeNs(f.tsMs() * NS_PER_MS)
                .matchTimeNs(f.ctsMs() * NS_PER_MS)
                .localTimeNs(localTimeNs);
        counters.bookMessages++;
        final MarketEventSink sink = markets.sink(f.marketIndex());
        sink.onBook(u);
        sink.endOfMessage();
        return BOOK;
    }

    private int emitTrades() {
        final FrameScanner f = scanner;
        final int n = f.tradeCount();
        final MarketEventSink sink = markets.sink(f.marketIndex());
        for (int i = 0; i < n; i++) {
            sink.onTrade(f.tradeTimeMs(i) * NS_PER_MS, f.tradePriceTicks(i), f.tradeSizeLots(i), f.tradeAggressor(i));
        }
        counters.tradeMessages++;
        counters.trades += n;
        sink.endOfMessage();
        return TRADES;
    }

    private int emitTicker() {
        final FrameScanner f = scanner;
        final TickerState ticker = f.ticker();
        ticker.exchangeTimeNs(f.tsMs() * NS_PER_MS).crossSequence(f.crossSeq()).snapshot(f.snapshot());
        counters.tickerMessages++;
        final MarketEventSink sink = markets.sink(f.marketIndex());
        sink.onTicker(ticker);
        sink.endOfMessage();
        return TICKER;
    }

    // ------------------------------------------------------------------ counters

    /** Frames given to {@link #decode}. */
    public long messages() {
        return counters.messages;
    }

    /** Order-book frames decoded and handed to a book (applied or refused). */
    public long bookMessages() {
        return counters.bookMessages;
    }

    /** Order-book frames applied cleanly ({@link OrderBook#OK}). */
    public long bookUpdates() {
        return markets.bookUpdates();
    }

    /** Trade frames decoded. */
    public long tradeMessages() {
        return counters.tradeMessages;
    }

    /** Trades appended to tapes. */
    public long trades() {
        return counters.trades;
    }

    /** Ticker frames merged. */
    public long tickerMessages() {
        return counters.tickerMessages;
    }

    /** Control frames (acks, pongs). */
    public long controlFrames() {
        return counters.controlFrames;
    }

    /** Control frames with {@code success:false} (e.g. a refused subscription). */
    public long controlFailures() {
        return counters.controlFailures;
    }

    /** Well-formed frames of topics not decoded here (e.g. {@code kline.1.BTCUSDT}). */
    public long unknownTopics() {
        return counters.unknownTopics;
    }

    /** Malformed frames, counted and skipped. */
    public long malformed() {
        return counters.malformed;
    }

    /** Frames for symbols the resolver declined. */
    public long ignored() {
        return counters.ignored;
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
}
