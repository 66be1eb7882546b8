package io.scalper.bybit.gateway;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitFeeRate;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitPosition;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.ws.BybitPublicStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.book.OrderBook;
import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle around a {@link BybitGateway} for one symbol: {@link #start()} (instrument rules, fee rate, leverage,
 * server time, streams), {@link #reconcile} (what to do with orders and a position found at start-up), {@link
 * #poll()} (the engine thread's pump: market data, order events, feed age) and {@link #shutdown}.
 *
 * <p>Threading: {@link #start()}, {@link #reconcile} and {@link #shutdown} block on REST and are meant for the
 * runtime's thread before the engine runs and after it stopped (never while the engine thread is polling). {@link
 * #poll()}, {@link #feedAgeNs()} and the gateway's commands belong to the engine thread.
 */
public final class BybitSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitSession.class);

    /** Events handled per source per {@link #poll()}. */
    public static final int DEFAULT_POLL_BATCH = 1024;

    /** A feed age this far below zero (on the venue's clock) is a clock problem, not jitter. */
    public static final long MAX_CLOCK_JITTER_NS = 50_000_000L;

    /**
     * Session settings. Immutable; validated with a message naming the key.
     *
     * @param symbol the linear symbol, e.g. {@code BTCUSDT}
     * @param depth order-book depth subscribed (1, 50, 200 or 1000)
     * @param leverage leverage as decimal text, e.g. {@code "5"}; {@code null} leaves it as it is
     * @param ws WebSocket settings
     */
    public record Config(String symbol, int depth, String leverage, BybitWsConfig ws) {
        public static final int DEFAULT_DEPTH = 50;

        public Config {
            if (symbol == null || symbol.isEmpty() || !symbol.equals(symbol.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("symbol: an upper-case linear symbol is required, got " + symbol);
            }
            if (depth != 1 && depth != 50 && depth != 200 && depth != 1000) {
                throw new IllegalArgumentException("depth: must be 1, 50, 200 or 1000, got " + depth);
            }
            if (leverage != null && !(new BigDecimal(leverage).signum() > 0)) {
                throw new IllegalArgumentException("leverage: must be > 0, got " + leverage);
            }
            Objects.requireNonNull(ws, "ws");
        }

        /** Depth 50, leverage unchanged, default WebSocket settings. */
        public static Config of(String symbol) {
            return new Config(symbol, DEFAULT_DEPTH, null, BybitWsConfig.defaults());
        }
    }

    private final BybitEnvironment environment;
    private final BybitCredentials credentials;
    private final BybitRestClient rest;
    private final Config config;
    private final Clock clock;
    private final BybitMarketDecoder decoder;

    private volatile Instrument instrument;
    private BybitFeeRate feeRate;
    private BybitGateway gateway;
    private BybitPublicStream publicStream;
    private LongConsumer feedAgeListener = ns -> {};
    private long lastBookLocalNs = OrderBook.NONE;
    private long feedAgeNs = Long.MIN_VALUE;
    private long implausibleFeedAges;
    private long flattenCount;
    private long shutdownFlatWaitMs = SHUTDOWN_FLAT_WAIT_MS;

    private BybitOrderBudget orderBudget = new BybitOrderBudget();

    /**
     * @param environment where to connect
     * @param credentials API key and secret
     * @param rest the REST client for {@code environment}
     * @param config symbol, depth, leverage, WebSocket settings
     * @param clock local time
     * @param decoder the decoder the public stream feeds (its markets are the engine's market data)
     */
    public BybitSession(
            BybitEnvironment environment,
            BybitCredentials credentials,
            BybitRestClient rest,
            Config config,
            Clock clock,
            BybitMarketDecoder decoder) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * Counts this session's order requests against {@code budget}, shared with the account's other sessions (one per
     * symbol; see {@link BybitOrderBudget}). Before {@link #start()}; by default a session has a budget of its own.
     */
    public void orderBudget(BybitOrderBudget budget) {
        if (gateway != null) {
            throw new IllegalStateException("session already started");
        }
        this.orderBudget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * Syncs the clock with Bybit's, loads the instrument's rules and the fee rate, sets the leverage ("not modified",
     * 110043, is fine), then starts the private and trade streams (the gateway) and the public stream. Blocks on REST.
     *
     * @throws IOException if Bybit cannot be reached or refuses (e.g. unknown symbol, bad key)
     */
    public void start() throws IOException {
        if (gateway != null) {
            throw new IllegalStateException("session already started");
        }
        rest.syncTime();
        final List<Instrument> found = rest.instruments(config.symbol());
        if (found.isEmpty()) {
            throw new IOException("instruments-info: no trading linear contract " + config.symbol());
        }
        instrument = found.get(0);
        final List<BybitFeeRate> fees = rest.feeRates(config.symbol());
        feeRate = fees.isEmpty() ? null : fees.get(0);
        if (config.leverage() != null) {
            final boolean changed = rest.setLeverage(config.symbol(), config.leverage());
            LOG.info("bybit session: leverage {} {}", config.leverage(), changed ? "set" : "already set");
        }
        decoder.register(instrument);
        gateway = new BybitGateway(
                environment,
                credentials,
                rest,
                s -> s.equals(config.symbol()) ? instrument : null,
                config.ws(),
                clock,
                environment.hasTradeStream(),
                orderBudget);
        gateway.watch(config.symbol());
        publicStream = new BybitPublicStream(
                environment.publicLinearWsUrl(),
                decoder,
                List.of(config.symbol()),
                config.depth(),
                config.ws(),
                clock,
                RandomGenerator.getDefault());
        gateway.start();
        publicStream.start();
    }

    /**
     * Reads open orders and the position and applies {@code policy}. Never places an entry: a position that was not
     * seen can only be adopted or closed, never doubled. Blocks on REST; call after {@link #start()} and before the
     * engine trades.
     *
     * <ul>
     *   <li>{@link ReconcilePolicy#ADOPT}: cancels open orders that are not reduce-only (entries of a previous run) or
     *       have no client id; keeps reduce-only orders with a client id; reports the position. Hand the result to
     *       {@link EngineAdoption#adopt} so the engine brackets the position and tracks the kept orders.
     *   <li>{@link ReconcilePolicy#FLATTEN}: cancels every open order, then closes the position with a reduce-only
     *       market order.
     * </ul>
     */
    public BybitReconciliation reconcile(ReconcilePolicy policy) throws IOException {
        Objects.requireNonNull(policy, "policy");
        final Instrument inst = requireStarted();
        final String symbol = config.symbol();
        final List<BybitOrder> open = rest.allOpenOrders(symbol);
        BybitPosition position = null;
        for (BybitPosition p : rest.positions(symbol)) {
            if (symbol.equals(p.symbol()) && !p.isFlat()) {
                if (p.positionIdx() != 0) {
                    throw new IOException("position " + symbol + " is in hedge mode (positionIdx " + p.positionIdx()
                            + "), which is not supported");
                }
                position = p;
            }
        }
        final long lots = position == null ? 0 : position.signedSizeLots(inst);
        final BigDecimal avg = position == null ? null : position.avgPriceDecimal();
        final long avgTicks = avg == null
                ? 0
                : avg.divide(inst.tickSize(), 0, RoundingMode.HALF_UP).longValueExact();
        final List<BybitOrder> kept = new ArrayList<>();
        final List<BybitOrder> cancelled = new ArrayList<>();
        String flattenId = null;
        if (policy == ReconcilePolicy.FLATTEN) {
            if (!open.isEmpty()) {
                rest.cancelAllOrders(symbol);
                cancelled.addAll(open);
            }
            if (lots != 0) {
                flattenId = flatten(inst, lots);
            }
        } else {
            for (BybitOrder o : open) {
                if (o.reduceOnly()
                        && o.orderLinkId() != null
                        && !o.orderLinkId().isEmpty()) {
                    kept.add(o);
                } else {
                    rest.cancelOrderById(symbol, o.orderId());
                    cancelled.add(o);
                }
            }
        }
        LOG.info(
                "bybit session: reconciled {} ({}): position {} lots, {} orders kept, {} cancelled{}",
                symbol,
                policy,
                lots,
                kept.size(),
                cancelled.size(),
                flattenId == null ? "" : ", flattened by " + flattenId);
        return new BybitReconciliation(symbol, policy, lots, avg, avgTicks, kept, cancelled, flattenId);
    }

    /** How long {@link #shutdown} waits for a flatten to show as a flat position before keeping the stop. */
    public static final long SHUTDOWN_FLAT_WAIT_MS = 10_000;

    /**
     * Venue-level shutdown over REST, for after the engine stopped; then closes the streams. Blocks. In this order:
     *
     * <ol>
     *   <li>working entries (orders that are not reduce-only) are cancelled — they could open a position nobody
     *       watches;
     *   <li>with {@code flatten}, the position is closed with a reduce-only market order and the position is read
     *       again until it is flat (up to {@value #SHUTDOWN_FLAT_WAIT_MS} ms);
     *   <li>reduce-only orders (brackets) are cancelled when {@code cancelBrackets} or {@code flatten} — but a stop only
     *       once the position is flat: a position is never left without its stop.
     * </ol>
     *
     * @return the position left at the venue, signed lots (0: flat)
     */
    public long shutdown(boolean cancelBrackets, boolean flatten) throws IOException {
        final Instrument inst = requireStarted();
        final String symbol = config.symbol();
        try {
            for (BybitOrder o : rest.allOpenOrders(symbol)) {
                if (!o.reduceOnly()) {
                    rest.cancelOrderById(symbol, o.orderId());
                }
            }
            long left = venuePosition(inst);
            if (flatten && left != 0) {
                final long deadline = clock.nowNs() + shutdownFlatWaitMs * 1_000_000L;
                long sent = 0;
                while (left != 0 && clock.nowNs() - deadline < 0) {
                    if (sent != left) {
                        flatten(inst, left);
                        sent = left;
                    }
                    sleepMs(200);
                    left = venuePosition(inst);
                }
                if (left != 0) {
                    LOG.error(
                            "bybit session: {} still holds {} lots after the flatten; its stop is kept", symbol, left);
                }
            }
            if (cancelBrackets || flatten) {
                for (BybitOrder o : rest.allOpenOrders(symbol)) {
                    final boolean isStop = o.triggerPrice() != null
                            && !o.triggerPrice().isEmpty()
                            && new BigDecimal(o.triggerPrice()).signum() > 0;
                    if (o.reduceOnly() && (left == 0 || !isStop)) {
                        rest.cancelOrderById(symbol, o.orderId());
                    }
                }
                if (left != 0) {
                    LOG.warn("bybit session: brackets cancelled except the stop: {} still holds {} lots", symbol, left);
                }
            }
            return left;
        } finally {
            close();
        }
    }

    /** How long {@link #shutdown} waits for the flatten to show (tests). */
    void shutdownFlatWaitMs(long ms) {
        this.shutdownFlatWaitMs = ms;
    }

    private long venuePosition(Instrument inst) throws IOException {
        for (BybitPosition p : rest.positions(config.symbol())) {
            if (config.symbol().equals(p.symbol()) && p.positionIdx() == 0 && !p.isFlat()) {
                return p.signedSizeLots(inst);
            }
        }
        return 0;
    }

    private static void sleepMs(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the flatten");
        }
    }

    /** Closes {@code signedLots} with a reduce-only market order placed outside the engine (its events ignored). */
    private String flatten(Instrument inst, long signedLots) throws IOException {
        final String id = "flat-" + Long.toString(clock.nowMs(), 36) + "-" + (++flattenCount);
        ClientOrderIds.check(id);
        gateway.ignore(id);
        rest.createOrder(new BybitCreateOrder(
                config.symbol(),
                signedLots > 0 ? "Sell" : "Buy",
                "Market",
                inst.formatQty(Math.abs(signedLots)),
                null,
                null,
                id,
                true,
                null,
                0,
                null,
                0));
        return id;
    }

    /**
     * The engine thread's pump: decodes market data, delivers order events, and reports a new feed age to the feed-age
     * listener when the book moved. Never blocks.
     *
     * @return items handled
     */
    public int poll() {
        requireStarted();
        int n = publicStream.poll(DEFAULT_POLL_BATCH);
        n += gateway.poll();
        final OrderBook book = decoder.market(config.symbol()).book();
        final long local = book.lastLocalTimeNs();
        if (local != lastBookLocalNs && local != OrderBook.NONE && book.lastUpdateTimeNs() != OrderBook.NONE) {
            lastBookLocalNs = local;
            // on the venue's clock (REST measured the offset): local receive time + offset − exchange time
            final long age = local + rest.serverOffsetMs() * 1_000_000L - book.lastUpdateTimeNs();
            if (age < -MAX_CLOCK_JITTER_NS) {
                implausibleFeedAges++; // the clocks disagree: not a latency, never reported as one
            } else {
                feedAgeNs = Math.max(0, age);
                feedAgeListener.accept(feedAgeNs);
            }
        }
        return n;
    }

    /**
     * Where feed ages go (local receive − exchange {@code ts} of the latest book message, ns), e.g. {@code
     * engine::onFeedAge}. Engine thread.
     */
    public void onFeedAge(LongConsumer listener) {
        this.feedAgeListener = listener == null ? ns -> {} : listener;
    }

    /** The latest feed age, ns; {@link Long#MIN_VALUE} before the first book message. Engine thread. */
    public long feedAgeNs() {
        return feedAgeNs;
    }

    /**
     * Book messages whose exchange time was more than {@value #MAX_CLOCK_JITTER_NS} ns ahead of the local receive time
     * on the venue's clock: a clock problem, not a latency; not reported as a feed age. Engine thread.
     */
    public long implausibleFeedAges() {
        return implausibleFeedAges;
    }

    /** An entry gate on this session's book sync and private stream. */
    public BybitHealthGate healthGate() {
        return new BybitHealthGate(this::isBookInSync, this::isPrivateStreamUp);
    }

    /** Whether every book is in sync (false before start). */
    public boolean isBookInSync() {
        return publicStream != null && publicStream.isInSync();
    }

    /** Whether the private stream is up (false before start). */
    public boolean isPrivateStreamUp() {
        return gateway != null && gateway.isPrivateStreamUp();
    }

    /** The gateway to give the engine; {@code null} before {@link #start()}. */
    public BybitGateway gateway() {
        return gateway;
    }

    /** The public stream; {@code null} before {@link #start()}. */
    public BybitPublicStream publicStream() {
        return publicStream;
    }

    /** The instrument's rules; {@code null} before {@link #start()}. */
    public Instrument instrument() {
        return instrument;
    }

    /** The account's fee rates for the symbol, or {@code null} if Bybit reported none. */
    public BybitFeeRate feeRate() {
        return feeRate;
    }

    /** The decoder the public stream feeds. */
    public BybitMarketDecoder decoder() {
        return decoder;
    }

    private Instrument requireStarted() {
        if (gateway == null) {
            throw new IllegalStateException("session not started");
        }
        return instrument;
    }

    /** Closes the streams (orders stay with the exchange). */
    @Override
    public void close() {
        if (publicStream != null) {
            publicStream.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Override
    public String toString() {
        return "BybitSession[" + environment.name() + " " + config.symbol() + " apiKey=" + credentials.maskedApiKey()
                + "]";
    }
}
