package io.scalper.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.core.book.BookState;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketState;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bybit's public linear stream for a fixed set of symbols: subscribes {@code orderbook.{depth}.{symbol}}, {@code
 * publicTrade.{symbol}} and {@code tickers.{symbol}} (at most {@link #MAX_ARGS_PER_REQUEST} topics per request) on
 * every (re)connect, and feeds the frames to a {@link BybitMarketDecoder} on the engine thread.
 *
 * <p>Book recovery: when a book leaves sync (a gap in the update ids, a crossed book) the stream unsubscribes and
 * subscribes that symbol's order-book topic again, which makes Bybit send a fresh snapshot; if none has restored the
 * book after {@link BybitWsConfig#staleTimeoutMs()} it asks again. A lost connection, or events dropped by a full
 * {@link EventQueue}, marks every book out of sync until its next snapshot.
 *
 * <p>Threading: the I/O thread only queues frames and counts subscription acks. The engine thread calls {@link
 * #poll(int)}, which decodes queued frames into the decoder's books in arrival order, and reads {@link #isInSync()};
 * the decoder and its books belong to that thread.
 */
public final class BybitPublicStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitPublicStream.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Topics per subscribe request (Bybit's spot limit; linear has none, but small requests are polite). */
    public static final int MAX_ARGS_PER_REQUEST = 10;

    private final BybitMarketDecoder decoder;
    private final String[] symbols;
    private final String[] bookTopics;
    private final List<String> topics;
    private final BybitWsConfig config;
    private final Clock clock;
    private final EventQueue queue;
    private final BybitWsConnection connection;
    private final EventQueue.Consumer consumer = this::onEvent;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong subscribeAcks = new AtomicLong();
    private final AtomicLong subscribeFailures = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private volatile String lastError = "";

    // engine thread
    private boolean connected;
    private final boolean[] resyncPending;
    private final long[] resyncSinceNs;
    private long seenGaps;
    private long seenDropped;
    private long resubscribes;
    private io.scalper.core.session.MarketTap tap;

    /**
     * @param url the public linear stream URL ({@link BybitEnvironment#publicLinearWsUrl()})
     * @param decoder decodes frames into books, tapes and tickers; owned by the engine thread
     * @param symbols the symbols, e.g. {@code BTCUSDT}
     * @param depth order-book depth: 1, 50, 200 or 1000 on linear
     * @param config connection settings
     * @param clock source of local receive times
     * @param random reconnect jitter
     */
    public BybitPublicStream(
            String url,
            BybitMarketDecoder decoder,
            List<String> symbols,
            int depth,
            BybitWsConfig config,
            Clock clock,
            RandomGenerator random) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.symbols = symbols.toArray(new String[0]);
        if (this.symbols.length == 0) {
            throw new IllegalArgumentException("symbols: at least one required");
        }
        if (depth <= 0) {
            throw new IllegalArgumentException("depth: must be > 0, got " + depth);
        }
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bookTopics = new String[this.symbols.length];
        final List<String> all = new ArrayList<>();
        for (int i = 0; i < this.symbols.length; i++) {
            final String s = Objects.requireNonNull(this.symbols[i], "symbol");
            bookTopics[i] = "orderbook." + depth + "." + s;
            all.add(bookTopics[i]);
            all.add("publicTrade." + s);
            all.add("tickers." + s);
        }
        this.topics = List.copyOf(all);
        this.resyncPending = new boolean[this.symbols.length];
        this.resyncSinceNs = new long[this.symbols.length];
        this.queue = new EventQueue(config.queueCapacity());
        this.connection = new BybitWsConnection("public", url, config, clock, random, new IoListener());
    }

    /** A stream on {@code environment}'s public linear URL. */
    public static BybitPublicStream of(
            BybitEnvironment environment,
            BybitMarketDecoder decoder,
            List<String> symbols,
            int depth,
            BybitWsConfig config,
            Clock clock) {
        return new BybitPublicStream(
                environment.publicLinearWsUrl(), decoder, symbols, depth, config, clock, RandomGenerator.getDefault());
    }

    /** Connects (asynchronously); subscriptions follow on every open. */
    public void start() {
        connection.start();
    }

    /** Closes the connection for good. */
    @Override
    public void close() {
        connection.close();
    }

    /**
     * Decodes up to {@code max} queued events into the decoder's markets and resubscribes books that left sync. Engine
     * thread only; never blocks.
     *
     * @return the number of events handled
     */
    public int poll(int max) {
        final int n = queue.drain(consumer, max);
        final long dropped = queue.dropped();
        if (dropped != seenDropped) {
            seenDropped = dropped;
            LOG.warn("bybit public: event queue overflowed ({} events dropped), resyncing every book", dropped);
            if (tap != null) {
                tap.onGap("public event queue overflowed: " + dropped + " events dropped", clock.nowNs());
            }
            for (int i = 0; i < symbols.length; i++) {
                final MarketState m = decoder.market(symbols[i]);
                if (m != null) {
                    m.book().invalidate();
                }
                resync(i, clock.nowNs());
            }
        }
        checkResyncDeadlines();
        return n;
    }

    /**
     * Whether every subscribed book is in sync and the stream is connected: the engine's gate for new entries. Engine
     * thread (it reads the books).
     */
    public boolean isInSync() {
        if (!connected || !connection.isOpen() || queue.dropped() != seenDropped) {
            return false;
        }
        for (String symbol : symbols) {
            final MarketState m = decoder.market(symbol);
            if (m == null || !m.book().isSynced()) {
                return false;
            }
        }
        return true;
    }

    private void onEvent(int kind, String text, long localTimeNs) {
        switch (kind) {
            case EventQueue.CONNECTED:
                connected = true;
                if (tap != null) {
                    tap.onGap("public stream connected", localTimeNs);
                }
                // The subscription sent on open brings a snapshot for every book.
                for (int i = 0; i < symbols.length; i++) {
                    resyncPending[i] = true;
                    resyncSinceNs[i] = localTimeNs;
                }
                break;
            case EventQueue.DISCONNECTED:
                connected = false;
                if (tap != null) {
                    tap.onGap("public stream disconnected: " + text, localTimeNs);
                }
                for (String symbol : symbols) {
                    final MarketState m = decoder.market(symbol);
                    if (m != null) {
                        m.book().invalidate();
                    }
                }
                break;
            default:
                final int kindDecoded = decoder.decode(text, localTimeNs);
                if (tap != null) {
                    tap.onFrame(text, localTimeNs);
                }
                if (kindDecoded == BybitMarketDecoder.BOOK) {
                    checkBooks(localTimeNs);
                }
        }
    }

    private void checkBooks(long nowNs) {
        final boolean newGap = decoder.gaps() != seenGaps;
        seenGaps = decoder.gaps();
        for (int i = 0; i < symbols.length; i++) {
            final MarketState m = decoder.market(symbols[i]);
            if (m == null) {
                continue;
            }
            final OrderBook book = m.book();
            if (book.isSynced()) {
                resyncPending[i] = false;
            } else if (!resyncPending[i] && (book.state() != BookState.EMPTY || newGap)) {
                LOG.warn("bybit public: {} book {} at u={}, resubscribing", symbols[i], book.state(), book.updateId());
                resync(i, nowNs);
            }
        }
    }

    private void checkResyncDeadlines() {
        if (!connected) {
            return;
        }
        final long nowNs = clock.nowNs();
        final long limitNs = config.staleTimeoutMs() * 1_000_000L;
        for (int i = 0; i < symbols.length; i++) {
            if (resyncPending[i] && nowNs - resyncSinceNs[i] > limitNs) {
                final MarketState m = decoder.market(symbols[i]);
                if (m == null || !m.book().isSynced()) {
                    LOG.warn("bybit public: no fresh {} snapshot yet, resubscribing again", symbols[i]);
                    resync(i, nowNs);
                } else {
                    resyncPending[i] = false;
                }
            }
        }
    }

    private void resync(int i, long nowNs) {
        resyncPending[i] = true;
        resyncSinceNs[i] = nowNs;
        resubscribes++;
        final List<String> one = List.of(bookTopics[i]);
        connection.send(request("unsubscribe", one));
        connection.send(request("subscribe", one));
    }

    private String request(String op, List<String> args) {
        return frame(op, args, (op.startsWith("un") ? "unsub-" : "sub-") + requests.incrementAndGet());
    }

    /** One control request: {@code {"req_id":...,"op":...,"args":[...]}}. */
    static String frame(String op, List<String> args, String reqId) {
        final StringBuilder sb = new StringBuilder(64 + args.size() * 24);
        sb.append("{\"req_id\":\"")
                .append(reqId)
                .append("\",\"op\":\"")
                .append(op)
                .append("\",\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(args.get(i)).append('"');
        }
        return sb.append("]}").toString();
    }

    /** {@code topics} split into batches of at most {@link #MAX_ARGS_PER_REQUEST}. */
    static List<List<String>> batches(List<String> topics) {
        final List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < topics.size(); from += MAX_ARGS_PER_REQUEST) {
            out.add(List.copyOf(topics.subList(from, Math.min(topics.size(), from + MAX_ARGS_PER_REQUEST))));
        }
        return out;
    }

    /**
     * Hands every frame this stream decodes to {@code tap} right after, as received, with connections and losses as
     * gaps (a session recording). Engine thread; {@code null} for none.
     */
    public void tap(io.scalper.core.session.MarketTap tap) {
        this.tap = tap;
    }

    /** Every topic subscribed, books first for each symbol. */
    public List<String> topics() {
        return topics;
    }

    /** The connection (counters: reconnects, messages, pings, stale detections). */
    public BybitWsConnection connection() {
        return connection;
    }

    /** The hand-off queue (size, dropped events). */
    public EventQueue queue() {
        return queue;
    }

    /** Subscribe requests acknowledged with {@code success:true}. */
    public long subscribeAcks() {
        return subscribeAcks.get();
    }

    /** Subscribe or unsubscribe requests refused ({@code success:false}); see {@link #lastError()}. */
    public long subscribeFailures() {
        return subscribeFailures.get();
    }

    /** Pong replies received. */
    public long pongs() {
        return pongs.get();
    }

    /** Book resubscriptions requested after a book left sync (engine thread). */
    public long resubscribes() {
        return resubscribes;
    }

    /** The {@code ret_msg} of the last refused request, or "" if none. */
    public String lastError() {
        return lastError;
    }

    private final class IoListener implements BybitWsConnection.Listener {
        @Override
        public void onOpen(BybitWsConnection c) {
            queue.offer(EventQueue.CONNECTED, "", clock.nowNs());
            for (List<String> batch : batches(topics)) {
                c.send(request("subscribe", batch));
            }
        }

        @Override
        public void onText(String text, long localTimeNs) {
            if (text.indexOf("\"topic\"") >= 0) {
                queue.offer(EventQueue.TEXT, text, localTimeNs);
            } else {
                onControl(text);
            }
        }

        @Override
        public void onClosed(int code, String reason) {
            queue.offer(EventQueue.DISCONNECTED, reason, clock.nowNs());
        }

        /** Only market data keeps the connection fresh: pongs alone do not (a stale book must be noticed). */
        @Override
        public boolean isLiveness(String text) {
            return text.indexOf("\"topic\"") >= 0;
        }
    }

    private void onControl(String text) {
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("bybit public: unreadable control frame ({} chars)", text.length());
            return;
        }
        final String op = root.path("op").asText("");
        final boolean success = root.path("success").asBoolean(false);
        if ("pong".equals(op) || "ping".equals(op)) {
            pongs.incrementAndGet();
        } else if (success) {
            if ("subscribe".equals(op)) {
                subscribeAcks.incrementAndGet();
                connection.markHealthy();
            }
        } else {
            lastError = root.path("ret_msg").asText(""); // before the counter, as readers poll the counter
            subscribeFailures.incrementAndGet();
            LOG.warn("bybit public: {} refused: {}", op, lastError);
        }
    }

    @Override
    public String toString() {
        return "BybitPublicStream[" + String.join(",", symbols) + " " + connection + "]";
    }
}
