package io.scalper.bybit.gateway;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitApiException;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitErrorCategory;
import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitOrderAck;
import io.scalper.bybit.rest.BybitPosition;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.bybit.ws.BybitPrivateStream;
import io.scalper.bybit.ws.BybitTradeStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.RetryBudget;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core {@link ExchangeGateway} on Bybit v5 linear perpetuals (one-way mode).
 *
 * <h2>Routing</h2>
 *
 * <ul>
 *   <li>{@code orderLinkId} is the request's client order id, so a retried create can never place a second order.
 *   <li>Create, amend and cancel go over the trade WebSocket when the environment has one ({@link
 *       BybitEnvironment#hasTradeStream()}) and it is up; otherwise over REST (demo trading, or the trade stream is
 *       down). REST calls run on one daemon thread, in command order (a cancel never overtakes its create); their
 *       outcomes come back through a queue drained by {@link #poll()}. {@link #cancelAll} always uses REST.
 *   <li>One client-side limiter ({@link OrderRateLimiter}) covers both paths: at most {@code orderRatePerSecond − 2}
 *       creates, amends and cancels each in any rolling second (8 with Bybit's default budget of 10 per endpoint, which
 *       REST and the trade stream share), in command order; commands beyond it wait in a queue drained by {@link
 *       #poll()}. A "too many visits" answer (10006, 10018, 10429) pauses all order traffic for a second, doubling while
 *       they continue. Entries are refused while anything waits ({@link #isReadyForEntries()}).
 *   <li>A trade-stream request unanswered in time ({@link BybitWsConfig#requestTimeoutMs()}), a REST call that failed
 *       in transport, a create retried after such a failure and then refused, a create refused as a duplicate {@code
 *       orderLinkId} (110072: it exists), and an amend or cancel refused as "no such order" or "already finished"
 *       (110001, 110008, 110010: it may have filled) are never assumed to have worked or failed: the order is looked up
 *       over REST ({@code findOrder}, and its executions when it filled) and what Bybit says is reported. A look-up
 *       that fails is retried with back-off; when its budget is spent the engine is alerted ({@code order_unresolved}).
 *       A create Bybit does not know is re-sent once over REST with the same {@code orderLinkId}, unless 110072 proved
 *       it exists (then it is looked up again, never reported rejected).
 *   <li>A timestamp refusal (10002) on the trade stream re-synchronises the clock over REST and sends the request
 *       again over REST; every signed path (REST, trade stream header, stream authentication) uses the venue's clock
 *       as REST measured it.
 *   <li>A refusal ({@code retCode} ≠ 0) becomes {@link OrderEvent.Rejected}, {@link OrderEvent.AmendRejected} or
 *       {@link OrderEvent.CancelRejected} with the {@link RejectReason} {@link BybitVocabulary} maps the code to and
 *       the code and message as the detail, e.g. {@code INSUFFICIENT_BALANCE} with {@code "110007 ab not enough"}.
 *       Orders a look-up finds cancelled or rejected map through {@link BybitVocabulary#finished} like pushes do.
 *   <li>Stop-loss legs ({@link OrderRequest#isConditional()}) are conditional reduce-only market orders ({@code
 *       triggerPrice}, {@code triggerBy}, {@code triggerDirection}), not the position's trading-stop.
 * </ul>
 *
 * <h2>The venue is the truth</h2>
 *
 * After every (re)connect, disconnect or overflow of the private stream, and whenever the engine asks ({@link
 * #requestVenueCheck}), the gateway reads over REST — the position, the executions since the newest one it delivered
 * (less a margin), the open orders, and every order it still believes open that Bybit no longer lists — and reports
 * what it learns as events, then an {@linkplain VenuePosition#authoritative() authoritative} position. Until that read
 * is done after a gap, {@link #isPrivateStreamUp()} is false (the health gate refuses entries). Position pushes are
 * passed on as non-authoritative reports; auto-deleverage and liquidation executions as venue alerts.
 *
 * <h2>Events, exactly once</h2>
 *
 * Every event passes one filter before the listener: {@code Accepted} only for an order nothing has been reported about
 * yet, {@code Filled} once per execution id, one terminal event ({@code Canceled}/{@code Rejected}/{@code Expired})
 * per order, {@code Amended} only when price, quantity or trigger differ from the last reported. Orders stay tracked
 * while they may still fill; only finished ones are forgotten beyond {@value #DEFAULT_MAX_TRACKED_ORDERS}.
 *
 * <h2>Threading</h2>
 *
 * Commands ({@link #submit}, {@link #amend}, {@link #cancel}, {@link #cancelAll}, {@link #requestVenueCheck}) and
 * {@link #poll()} belong to the engine thread; commands never block on the network. Socket and REST threads touch no
 * engine state. Credentials appear in no log, exception or {@link #toString()}.
 */
public final class BybitGateway implements ExchangeGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);
    private static final long NS_PER_MS = 1_000_000L;

    /** Events handled per source per {@link #poll()} call, at most. */
    public static final int DEFAULT_POLL_BATCH = 1024;
    /** Finished orders remembered for deduplication (oldest forgotten first; open orders are never forgotten). */
    public static final int DEFAULT_MAX_TRACKED_ORDERS = 10_000;
    /** Requests of each kind the limiter keeps below Bybit's per-endpoint budget per second. */
    public static final int ORDER_RATE_MARGIN = 2;
    /** Executions older than the newest delivered by this much are read again after a gap (clock skew, late pushes). */
    public static final long RESYNC_MARGIN_MS = 10_000;
    /** Pages of 100 executions read per symbol after a gap, at most. */
    public static final int RESYNC_MAX_PAGES = 10;
    /** Alert code: an order's state could not be learned within its look-up budget. */
    public static final String ORDER_UNRESOLVED = "order_unresolved";
    /** Alert code: the venue could not be read after a gap within the retry budget. */
    public static final String VENUE_UNREADABLE = "venue_unreadable";

    private static final ExecutionListener NO_OP = event -> {};
    /** Look-ups of one order before the engine is alerted, and their back-off. */
    static final int DEFAULT_LOOKUP_ATTEMPTS = 8;

    static final long DEFAULT_LOOKUP_BACKOFF_NS = 500 * NS_PER_MS;
    static final long DEFAULT_LOOKUP_MAX_BACKOFF_NS = 8_000 * NS_PER_MS;

    enum Op {
        CREATE("order.create"),
        AMEND("order.amend"),
        CANCEL("order.cancel");

        final String wsName;

        Op(String wsName) {
            this.wsName = wsName;
        }

        static Op of(String wsName) {
            for (Op op : values()) {
                if (op.wsName.equals(wsName)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** What the gateway knows about one order (engine thread). */
    private static final class Tracked {
        final String symbol;
        String venueOrderId = "";
        boolean reported;
        /** Finished (a terminal event reported, or filled in full): nothing more can happen to it. */
        boolean terminal;

        boolean terminalReported;
        final Set<String> fillIds = new HashSet<>(4);
        long priceTicks;
        long qtyLots;
        long triggerTicks;
        long filledLots;
        BybitCreateOrder create;
        int createResends;
        /** Bybit answered 110072 for it: it exists, whatever a look-up says. */
        boolean existsProven;

        RetryBudget lookups;

        Tracked(String symbol, long priceTicks, long qtyLots, long triggerTicks) {
            this.symbol = symbol;
            this.priceTicks = priceTicks;
            this.qtyLots = qtyLots;
            this.triggerTicks = triggerTicks;
        }
    }

    /** An amend in flight: the values the order will have if it works, and the request (for a resend). */
    private record AmendValues(long priceTicks, long qtyLots, long triggerTicks, BybitAmendOrder body) {}

    /** A command waiting for the rate limiter. */
    private record Queued(Op op, Runnable send) {}

    /** A look-up waiting for its back-off. */
    private record DueLookUp(Op op, String id, AmendValues amend, long dueNs) {}

    /** What a venue read found for one symbol. */
    private record SymbolState(
            String symbol,
            BybitPosition position,
            List<BybitExecution> executions,
            List<BybitOrder> open,
            List<BybitOrder> missing) {}

    private final BybitRestClient rest;
    private final Function<String, Instrument> instruments;
    private final Clock clock;
    private final BybitPrivateStream privateStream;
    private final BybitTradeStream tradeStream;
    private final ExecutorService restExecutor;
    private final ConcurrentLinkedQueue<Runnable> restOutcomes = new ConcurrentLinkedQueue<>();
    private final int pollBatch;
    private final long startMs;

    // engine thread
    private ExecutionListener listener = NO_OP;
    private final Map<String, Tracked> orders;
    private final Map<String, AmendValues> wsAmends = new HashMap<>();
    private final OrderRateLimiter limiter;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private final List<DueLookUp> dueLookUps = new ArrayList<>();
    private final Set<String> watched = new LinkedHashSet<>();
    private final Set<String> fundingSeen = new HashSet<>();
    private final Set<String> ignored = new HashSet<>();
    private boolean synced;
    private boolean readWanted;
    private boolean readRunning;
    private long readGeneration;
    private final RetryBudget readRetries = new RetryBudget(6, 500 * NS_PER_MS, 15_000 * NS_PER_MS);
    private long lastExecMs;
    private int lookupAttempts = DEFAULT_LOOKUP_ATTEMPTS;
    private long lookupBackoffNs = DEFAULT_LOOKUP_BACKOFF_NS;
    private long lookupMaxBackoffNs = DEFAULT_LOOKUP_MAX_BACKOFF_NS;
    private long wsCommands;
    private long restCommands;
    private long lookups;
    private long duplicatesDropped;
    private long venueReads;
    private long rateLimitedAnswers;
    private long timestampResyncs;
    private long unresolvedAlerts;
    private long outcomeUnknown;
    private volatile boolean closed;

    /**
     * A gateway on {@code environment}: private stream always, trade stream where the environment has one.
     *
     * @param environment where to connect
     * @param credentials API key and secret
     * @param rest the REST client (for the fallback path, look-ups, venue reads, cancel-all and the clock offset)
     * @param instruments the instrument of a symbol, or {@code null} if unknown (its orders are rejected locally)
     * @param wsConfig WebSocket settings (including the trade-stream request timeout)
     * @param clock local time
     */
    public BybitGateway(
            BybitEnvironment environment,
            BybitCredentials credentials,
            BybitRestClient rest,
            Function<String, Instrument> instruments,
            BybitWsConfig wsConfig,
            Clock clock) {
        this(environment, credentials, rest, instruments, wsConfig, clock, environment.hasTradeStream());
    }

    /**
     * As {@link #BybitGateway(BybitEnvironment, BybitCredentials, BybitRestClient, Function, BybitWsConfig, Clock)},
     * choosing whether to use the trade stream at all ({@code false}: every command over REST).
     *
     * @throws IllegalArgumentException if {@code useTradeStream} but the environment has none
     */
    public BybitGateway(
            BybitEnvironment environment,
            BybitCredentials credentials,
            BybitRestClient rest,
            Function<String, Instrument> instruments,
            BybitWsConfig wsConfig,
            Clock clock,
            boolean useTradeStream) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(credentials, "credentials");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wsConfig, "wsConfig");
        if (useTradeStream && !environment.hasTradeStream()) {
            throw new IllegalArgumentException(
                    "useTradeStream: environment " + environment.name() + " has no trade stream");
        }
        this.pollBatch = DEFAULT_POLL_BATCH;
        this.startMs = rest.serverTimeMs();
        this.limiter = new OrderRateLimiter(
                Op.values().length, Math.max(1, rest.config().orderRatePerSecond() - ORDER_RATE_MARGIN));
        this.orders = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                if (size() <= DEFAULT_MAX_TRACKED_ORDERS) {
                    return false;
                }
                if (eldest.getValue().terminal) {
                    return true;
                }
                // the oldest may still fill: forget the oldest finished ones instead, never an open one
                int excess = size() - DEFAULT_MAX_TRACKED_ORDERS;
                for (Iterator<Tracked> it = values().iterator(); it.hasNext() && excess > 0; ) {
                    if (it.next().terminal) {
                        it.remove();
                        excess--;
                    }
                }
                return false;
            }
        };
        final RandomGenerator random = RandomGenerator.getDefault();
        this.privateStream = new BybitPrivateStream(
                environment.privateWsUrl(),
                credentials,
                instruments,
                new StreamFilter(),
                wsConfig,
                clock,
                rest::serverTimeMs,
                random);
        this.privateStream.onGap(this::onStreamGap);
        this.tradeStream = useTradeStream
                ? new BybitTradeStream(
                        environment.tradeWsUrl(),
                        credentials,
                        new TradeResponses(),
                        wsConfig,
                        clock,
                        rest::serverTimeMs,
                        random)
                : null;
        this.restExecutor = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "bybit-gateway-rest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects the private stream and, if used, the trade stream (asynchronously). */
    public void start() {
        privateStream.start();
        if (tradeStream != null) {
            tradeStream.start();
        }
    }

    /** Closes the streams and stops the REST thread (a call in progress finishes; queued ones are dropped). */
    @Override
    public void close() {
        closed = true;
        if (tradeStream != null) {
            tradeStream.close();
        }
        privateStream.close();
        restExecutor.shutdownNow();
        try {
            restExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void setListener(ExecutionListener listener) {
        this.listener = listener == null ? NO_OP : listener;
    }

    /**
     * Reports the position of {@code symbol} after every venue read (a gap in the private stream reads every watched
     * symbol). Engine thread; call before {@link #start()}.
     */
    public void watch(String symbol) {
        watched.add(Objects.requireNonNull(symbol, "symbol"));
    }

    /**
     * Delivers what the streams and REST calls reported since the last call — private stream events, then trade-stream
     * outcomes, then REST outcomes — sends order commands the rate limit now allows, re-tries look-ups whose back-off
     * passed and starts a venue read when one is due. Engine thread; never blocks.
     *
     * @return the number of items handled
     */
    public int poll() {
        int n = privateStream.poll(pollBatch);
        if (tradeStream != null) {
            n += tradeStream.poll(pollBatch);
        }
        for (int i = 0; i < pollBatch; i++) {
            final Runnable r = restOutcomes.poll();
            if (r == null) {
                break;
            }
            r.run();
            n++;
        }
        final long nowNs = clock.nowNs();
        n += drainQueue(nowNs);
        n += runDueLookUps(nowNs);
        if (readWanted && !readRunning && privateStream.isSubscribed() && readRetries.ready(nowNs)) {
            startVenueRead(nowNs);
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void submit(OrderRequest request) {
        final String id = request.clientOrderId();
        final Instrument instrument = instruments.apply(request.symbol());
        if (instrument == null) {
            deliverLater(new OrderEvent.Rejected(
                    id, "", RejectReason.INVALID_REQUEST, "unknown symbol " + request.symbol(), 0, clock.nowNs()));
            return;
        }
        final BybitCreateOrder body;
        try {
            body = BybitCreateOrder.from(request, instrument);
        } catch (IllegalArgumentException e) {
            deliverLater(
                    new OrderEvent.Rejected(id, "", RejectReason.INVALID_REQUEST, e.getMessage(), 0, clock.nowNs()));
            return;
        }
        final Tracked t = new Tracked(
                request.symbol(),
                request.priceTicks(),
                request.qtyLots(),
                request.isConditional() ? request.triggerPriceTicks() : OrderRequest.NO_PRICE);
        t.create = body;
        orders.put(id, t);
        dispatch(Op.CREATE, () -> sendCreate(id, body));
    }

    private void sendCreate(String id, BybitCreateOrder body) {
        if (tradeStream != null && tradeStream.isUp() && tradeStream.create(body) != null) {
            wsCommands++;
            return;
        }
        restCreate(id, body);
    }

    @Override
    public void amend(String clientOrderId, long newPriceTicks, long newQtyLots, long newTriggerPriceTicks) {
        final Tracked t = orders.get(clientOrderId);
        final Instrument instrument = t == null ? null : instruments.apply(t.symbol);
        if (instrument == null) {
            deliverLater(new OrderEvent.AmendRejected(
                    clientOrderId, "", RejectReason.UNKNOWN_ORDER, "unknown order", 0, clock.nowNs()));
            return;
        }
        BybitAmendOrder a = BybitAmendOrder.byOrderLinkId(t.symbol, clientOrderId);
        if (newPriceTicks != OrderRequest.NO_PRICE) {
            a = a.withPrice(instrument, newPriceTicks);
        }
        if (newQtyLots > 0) {
            a = a.withQty(instrument, newQtyLots);
        }
        if (newTriggerPriceTicks != OrderRequest.NO_PRICE) {
            a = a.withTriggerPrice(instrument, newTriggerPriceTicks);
        }
        if (a.price() == null && a.qty() == null && a.triggerPrice() == null) {
            deliverLater(new OrderEvent.AmendRejected(
                    clientOrderId,
                    t.venueOrderId,
                    RejectReason.INVALID_REQUEST,
                    "nothing to change",
                    0,
                    clock.nowNs()));
            return;
        }
        final AmendValues v = new AmendValues(
                newPriceTicks != OrderRequest.NO_PRICE ? newPriceTicks : t.priceTicks,
                newQtyLots > 0 ? newQtyLots : t.qtyLots,
                newTriggerPriceTicks != OrderRequest.NO_PRICE ? newTriggerPriceTicks : t.triggerTicks,
                a);
        dispatch(Op.AMEND, () -> sendAmend(clientOrderId, v));
    }

    private void sendAmend(String clientOrderId, AmendValues v) {
        if (tradeStream != null && tradeStream.isUp()) {
            final String reqId = tradeStream.amend(v.body);
            if (reqId != null) {
                wsCommands++;
                wsAmends.put(reqId, v);
                return;
            }
        }
        restAmend(clientOrderId, v);
    }

    @Override
    public void cancel(String clientOrderId) {
        final Tracked t = orders.get(clientOrderId);
        if (t == null) {
            deliverLater(new OrderEvent.CancelRejected(
                    clientOrderId, "", RejectReason.UNKNOWN_ORDER, "unknown order", 0, clock.nowNs()));
            return;
        }
        dispatch(Op.CANCEL, () -> sendCancel(clientOrderId, t.symbol));
    }

    private void sendCancel(String clientOrderId, String symbol) {
        if (tradeStream != null && tradeStream.isUp() && tradeStream.cancel(symbol, clientOrderId) != null) {
            wsCommands++;
            return;
        }
        restCancel(clientOrderId, symbol);
    }

    /** Cancels every open order of {@code symbol}, conditional ones included, over REST. */
    @Override
    public void cancelAll(String symbol) {
        dispatch(Op.CANCEL, () -> restCancelAll(symbol));
    }

    /**
     * Reads the venue's open orders, executions and position of {@code symbol} over REST and reports them (the
     * position last, authoritative). Engine thread; never blocks.
     */
    @Override
    public void requestVenueCheck(String symbol) {
        watched.add(symbol);
        readWanted = true;
    }

    /** Entries wait while order commands are queued behind the rate limit, it is paused, or the venue is being read. */
    @Override
    public boolean isReadyForEntries() {
        return queued.isEmpty() && !limiter.isPaused(clock.nowNs()) && !readRunning;
    }

    /** Sends a command now if the rate limit allows and nothing waits before it; queues it otherwise. */
    private void dispatch(Op op, Runnable send) {
        if (queued.isEmpty() && limiter.tryAcquire(op.ordinal(), clock.nowNs())) {
            send.run();
        } else {
            queued.add(new Queued(op, send));
        }
    }

    private int drainQueue(long nowNs) {
        int n = 0;
        while (!queued.isEmpty() && limiter.tryAcquire(queued.peek().op.ordinal(), nowNs)) {
            queued.poll().send.run();
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ REST paths

    private void restCreate(String id, BybitCreateOrder body) {
        final long sentNs = clock.nowNs();
        restCommands++;
        onRestThread(() -> {
            try {
                final BybitOrderAck ack = rest.createOrder(body);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(Op.CREATE, id, ack.orderId(), rtNs, null);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(Op.CREATE, id, e, null);
            } catch (IOException | RuntimeException e) {
                LOG.warn("bybit gateway: create {} outcome unknown ({}): looking it up", id, e.toString());
                return () -> onOutcomeUnknown(Op.CREATE, id, null);
            }
        });
    }

    private void restAmend(String clientOrderId, AmendValues v) {
        final long sentNs = clock.nowNs();
        restCommands++;
        onRestThread(() -> {
            try {
                final BybitOrderAck ack = rest.amendOrder(v.body);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(Op.AMEND, clientOrderId, ack.orderId(), rtNs, v);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(Op.AMEND, clientOrderId, e, v);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: amend {} failed in transport ({}): looking it up", clientOrderId, e.toString());
                return () -> onOutcomeUnknown(Op.AMEND, clientOrderId, v);
            }
        });
    }

    private void restCancel(String clientOrderId, String symbol) {
        final long sentNs = clock.nowNs();
        restCommands++;
        onRestThread(() -> {
            try {
                final BybitOrderAck ack = rest.cancelOrder(symbol, clientOrderId);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(Op.CANCEL, clientOrderId, ack.orderId(), rtNs, null);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(Op.CANCEL, clientOrderId, e, null);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: cancel {} failed in transport ({}): looking it up",
                        clientOrderId,
                        e.toString());
                return () -> onOutcomeUnknown(Op.CANCEL, clientOrderId, null);
            }
        });
    }

    private void restCancelAll(String symbol) {
        restCommands++;
        onRestThread(() -> {
            try {
                final List<BybitOrderAck> acks = rest.cancelAllOrders(symbol);
                return () -> {
                    final long nowNs = clock.nowNs();
                    for (BybitOrderAck ack : acks) {
                        if (!ack.orderLinkId().isEmpty()) {
                            deliver(new OrderEvent.Canceled(
                                    ack.orderLinkId(), ack.orderId(), CancelReason.BY_CLIENT, 0, nowNs));
                        }
                    }
                };
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: cancel-all {} failed: {}; reading the venue", symbol, e.toString());
                return () -> requestVenueCheck(symbol);
            }
        });
    }

    /** A REST refusal: a rate limit pauses the limiter; an ambiguous one is looked up; the rest are refusals. */
    private void onRestRefusal(Op op, String id, BybitApiException e, AmendValues amend) {
        if (e.category() == BybitErrorCategory.RATE_LIMIT) {
            rateLimitedAnswers++;
            limiter.onRateLimited(clock.nowNs());
        }
        if (isOutcomeUnknown(op, e.retCode()) && !knownFinished(id, e.retCode())) {
            if (e.retCode() == 110072) {
                markExists(id);
            }
            onOutcomeUnknown(op, id, amend);
        } else {
            onRefused(op, id, e.retCode(), e.retMsg());
        }
    }

    /**
     * "No such order" or "already finished" for an order we already know is finished (filled, cancelled, rejected):
     * nothing to look up.
     */
    private boolean knownFinished(String id, int retCode) {
        if (retCode != 110001 && retCode != 110008 && retCode != 110010) {
            return false;
        }
        final Tracked t = orders.get(id);
        return t == null || t.terminal;
    }

    /**
     * Codes after which a request may or may not have taken effect (or the order's state is not what we think): look,
     * do not guess.
     */
    static boolean isOutcomeUnknown(Op op, int retCode) {
        switch (retCode) {
            case BybitApiException.NO_RET_CODE: // HTTP-level failure
            case 10000: // server timeout
            case 10016: // internal error
            case 10019: // service restarting
                return true;
            case 110072: // duplicate orderLinkId: the order exists
                return op == Op.CREATE;
            case 110001: // order does not exist (or too late: it finished)
            case 110008: // order already completed or cancelled
            case 110010: // order already cancelled
                return op != Op.CREATE;
            default:
                return false;
        }
    }

    private void markExists(String id) {
        final Tracked t = orders.get(id);
        if (t != null) {
            t.existsProven = true;
        }
    }

    private void onOutcomeUnknown(Op op, String id, AmendValues amend) {
        outcomeUnknown++;
        lookUp(op, id, amend);
    }

    /** A REST task: runs on the REST thread and returns what to do on the engine thread. */
    @FunctionalInterface
    private interface RestTask {
        Runnable call();
    }

    private void onRestThread(RestTask task) {
        if (closed) {
            return;
        }
        try {
            restExecutor.execute(() -> {
                final Runnable outcome = task.call();
                if (outcome != null) {
                    restOutcomes.add(outcome);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("bybit gateway: closed, REST command dropped");
        }
    }

    // ------------------------------------------------------------------ look-ups

    /** Queries the order (and its fills) on the REST thread, then reports what Bybit says. Engine thread. */
    private void lookUp(Op op, String id, AmendValues amend) {
        final Tracked t = orders.get(id);
        if (t == null) {
            return;
        }
        if (t.lookups == null) {
            t.lookups = new RetryBudget(lookupAttempts, lookupBackoffNs, lookupMaxBackoffNs);
        }
        final long nowNs = clock.nowNs();
        if (!t.lookups.tryAcquire(nowNs)) {
            if (t.lookups.isSpent()) {
                unresolved(op, id, t);
            } else {
                dueLookUps.add(new DueLookUp(op, id, amend, t.lookups.nextAllowedNs()));
            }
            return;
        }
        lookups++;
        final String symbol = t.symbol;
        onRestThread(() -> {
            try {
                final Optional<BybitOrder> found = rest.findOrder(symbol, id);
                List<BybitExecution> fills = List.of();
                if (found.isPresent() && hasFills(found.get())) {
                    fills = rest.executions(symbol, id, 0, "").list();
                }
                final List<BybitExecution> f = fills;
                return () -> onLookedUp(op, id, found.orElse(null), f, amend);
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: look-up of {} after {} failed: {}", id, op.wsName, e.toString());
                return () -> lookUp(op, id, amend); // again, after the back-off
            }
        });
    }

    private int runDueLookUps(long nowNs) {
        if (dueLookUps.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < dueLookUps.size(); ) {
            final DueLookUp d = dueLookUps.get(i);
            if (nowNs - d.dueNs >= 0) {
                dueLookUps.remove(i);
                lookUp(d.op, d.id, d.amend);
                n++;
            } else {
                i++;
            }
        }
        return n;
    }

    /** An order whose state could not be learned: tell the engine (it stops entries and reads the venue). */
    private void unresolved(Op op, String id, Tracked t) {
        unresolvedAlerts++;
        t.lookups.reset(); // keep asking, slowly, through venue reads
        final String detail = op.wsName + " " + id + ": state unknown after " + lookupAttempts + " look-ups";
        LOG.error("bybit gateway: {}", detail);
        listener.onVenueAlert(t.symbol, ORDER_UNRESOLVED, detail);
        requestVenueCheck(t.symbol);
        switch (op) {
            case AMEND:
                deliver(new OrderEvent.AmendRejected(
                        id, t.venueOrderId, RejectReason.OUTCOME_UNKNOWN, "state unknown", 0, clock.nowNs()));
                break;
            case CANCEL:
                deliver(new OrderEvent.CancelRejected(
                        id, t.venueOrderId, RejectReason.OUTCOME_UNKNOWN, "state unknown", 0, clock.nowNs()));
                break;
            default:
                break; // a create stays unanswered: the venue read tells whether it exists
        }
    }

    private static boolean hasFills(BybitOrder o) {
        final String q = o.cumExecQty();
        return q != null && !q.isEmpty() && new java.math.BigDecimal(q).signum() > 0;
    }

    private void onLookedUp(Op op, String id, BybitOrder o, List<BybitExecution> fills, AmendValues amend) {
        final Tracked t = orders.get(id);
        if (t == null) {
            return;
        }
        final long nowNs = clock.nowNs();
        if (o == null) {
            switch (op) {
                case CREATE:
                    if (t.existsProven) {
                        // 110072 proved it exists; the order lists may lag: ask again after the back-off
                        lookUp(op, id, amend);
                    } else if (t.createResends == 0 && t.create != null) {
                        t.createResends++;
                        LOG.warn("bybit gateway: order {} unknown to Bybit after an unanswered create: re-sending", id);
                        final BybitCreateOrder body = t.create;
                        dispatch(Op.CREATE, () -> restCreate(id, body));
                    } else {
                        deliver(new OrderEvent.Rejected(
                                id, "", RejectReason.UNKNOWN_ORDER, "not found at Bybit after create", 0, nowNs));
                    }
                    break;
                case AMEND:
                    deliver(new OrderEvent.AmendRejected(
                            id, t.venueOrderId, RejectReason.UNKNOWN_ORDER, "order not found", 0, nowNs));
                    break;
                case CANCEL:
                    deliver(new OrderEvent.CancelRejected(
                            id, t.venueOrderId, RejectReason.UNKNOWN_ORDER, "order not found", 0, nowNs));
                    break;
                default:
                    break;
            }
            return;
        }
        if (t.lookups != null) {
            t.lookups.reset();
        }
        final Instrument instrument = instruments.apply(t.symbol);
        if (op == Op.AMEND && amend != null) {
            if (o.isOpen() && instrument != null && matches(o, instrument, amend)) {
                deliverState(o, fills, instrument, nowNs);
                deliver(new OrderEvent.Amended(
                        id, o.orderId(), amend.priceTicks, amend.qtyLots, amend.triggerTicks, updatedNs(o), nowNs));
                return;
            }
            deliverState(o, fills, instrument, nowNs);
            deliver(new OrderEvent.AmendRejected(
                    id,
                    o.orderId(),
                    o.isOpen() ? RejectReason.UNKNOWN : RejectReason.ORDER_FINISHED,
                    "amend not applied (order " + o.orderStatus() + ")",
                    updatedNs(o),
                    nowNs));
            return;
        }
        if (op == Op.CANCEL && o.isOpen()) {
            deliverState(o, fills, instrument, nowNs);
            deliver(new OrderEvent.CancelRejected(
                    id, o.orderId(), RejectReason.UNKNOWN, "cancel not applied: order still open", 0, nowNs));
            return;
        }
        if (op == Op.CANCEL && "Filled".equals(o.orderStatus())) {
            deliverState(o, fills, instrument, nowNs);
            deliver(new OrderEvent.CancelRejected(
                    id, o.orderId(), RejectReason.ORDER_FINISHED, "order already filled", 0, nowNs));
            return;
        }
        deliverState(o, fills, instrument, nowNs);
    }

    private static boolean matches(BybitOrder o, Instrument instrument, AmendValues v) {
        final long price = ticks(instrument, o.price());
        final long qty = lots(instrument, o.qty());
        final long trigger = ticks(instrument, o.triggerPrice());
        return (v.priceTicks == OrderRequest.NO_PRICE || price == v.priceTicks)
                && qty == v.qtyLots
                && (v.triggerTicks == OrderRequest.NO_PRICE || trigger == v.triggerTicks);
    }

    /** Reports an order's state as a look-up found it: accepted, its fills, its terminal state. Deduplicated. */
    private void deliverState(BybitOrder o, List<BybitExecution> fills, Instrument instrument, long nowNs) {
        final String id = o.orderLinkId();
        final long exchangeNs = updatedNs(o);
        final String status = o.orderStatus() == null ? "" : o.orderStatus();
        if (!"Rejected".equals(status)) {
            deliver(new OrderEvent.Accepted(id, o.orderId(), exchangeNs, nowNs));
        }
        if (instrument != null) {
            if (o.isOpen()) {
                final long price = ticks(instrument, o.price());
                final long qty = lots(instrument, o.qty());
                final long trigger = ticks(instrument, o.triggerPrice());
                final Tracked t = orders.get(id);
                if (t != null && qty != Decimals.INVALID && qty > 0 && t.reported) {
                    deliver(new OrderEvent.Amended(
                            id,
                            o.orderId(),
                            price == Decimals.INVALID || "Market".equals(o.orderType()) ? t.priceTicks : price,
                            qty,
                            trigger == Decimals.INVALID ? t.triggerTicks : trigger,
                            exchangeNs,
                            nowNs));
                }
            }
            for (int i = fills.size() - 1; i >= 0; i--) { // Bybit lists newest first
                final BybitExecution e = fills.get(i);
                if (!"Trade".equals(e.execType()) || !id.equals(e.orderLinkId())) {
                    continue;
                }
                deliverExecution(e, instrument, nowNs);
            }
        }
        switch (status) {
            case "Cancelled":
            case "PartiallyFilledCanceled":
            case "Deactivated":
            case "Rejected":
                deliver(BybitVocabulary.finished(
                        status, o.cancelType(), o.rejectReason(), id, o.orderId(), exchangeNs, nowNs));
                break;
            case "Triggered":
                deliver(new OrderEvent.Triggered(id, o.orderId(), exchangeNs, nowNs));
                break;
            default:
                break;
        }
    }

    /** A trade execution read over REST, as a fill (deduplicated by execution id). */
    private void deliverExecution(BybitExecution e, Instrument instrument, long nowNs) {
        final long price = ticks(instrument, e.execPrice());
        final long qty = lots(instrument, e.execQty());
        if (price == Decimals.INVALID || qty == Decimals.INVALID) {
            return;
        }
        final long leaves = lots(instrument, e.leavesQty());
        deliver(new OrderEvent.Filled(
                e.orderLinkId() == null ? "" : e.orderLinkId(),
                e.orderId() == null ? "" : e.orderId(),
                e.execId(),
                price,
                qty,
                e.execFeeDecimal() == null ? 0 : e.execFeeDecimal().doubleValue(),
                e.isMaker() ? Liquidity.MAKER : Liquidity.TAKER,
                leaves == Decimals.INVALID ? -1 : leaves,
                e.execTimeMs() * NS_PER_MS,
                nowNs));
    }

    // ------------------------------------------------------------------ venue reads (engine thread)

    /** The private stream (re)connected, disconnected or overflowed: events may be lost until the venue is read. */
    private void onStreamGap(String why) {
        synced = false;
        readWanted = true;
        LOG.info("bybit gateway: private stream {}: the venue will be read before the stream counts as up", why);
    }

    private void startVenueRead(long nowNs) {
        readRunning = true;
        readWanted = false;
        final long generation = ++readGeneration;
        final long droppedBefore = privateStream.dropped();
        final Set<String> symbols = new LinkedHashSet<>(watched);
        final Map<String, String> pending = new LinkedHashMap<>(); // orders we believe open: id -> symbol
        for (Map.Entry<String, Tracked> e : orders.entrySet()) {
            final Tracked t = e.getValue();
            if (!t.terminal && !t.symbol.isEmpty()) {
                pending.put(e.getKey(), t.symbol);
                symbols.add(t.symbol);
            }
        }
        final long sinceMs = (lastExecMs > 0 ? lastExecMs : startMs) - RESYNC_MARGIN_MS;
        venueReads++;
        onRestThread(() -> {
            try {
                final List<SymbolState> states = new ArrayList<>();
                for (String symbol : symbols) {
                    // the position first: executions read after it that are newer than its update are not in it
                    BybitPosition position = null;
                    for (BybitPosition p : rest.positions(symbol)) {
                        if (symbol.equals(p.symbol()) && p.positionIdx() == 0) {
                            position = p;
                        }
                    }
                    final List<BybitExecution> executions = rest.executionsSince(symbol, sinceMs, RESYNC_MAX_PAGES);
                    final List<BybitOrder> open = rest.allOpenOrders(symbol);
                    final Set<String> openIds = new HashSet<>();
                    for (BybitOrder o : open) {
                        openIds.add(o.orderLinkId());
                    }
                    final List<BybitOrder> missing = new ArrayList<>();
                    for (Map.Entry<String, String> e : pending.entrySet()) {
                        if (e.getValue().equals(symbol) && !openIds.contains(e.getKey())) {
                            rest.findOrder(symbol, e.getKey()).ifPresent(missing::add);
                        }
                    }
                    states.add(new SymbolState(symbol, position, executions, open, missing));
                }
                return () -> onVenueRead(generation, droppedBefore, states);
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: reading the venue failed: {}", e.toString());
                return () -> onVenueReadFailed(generation, symbols);
            }
        });
    }

    private void onVenueRead(long generation, long droppedBefore, List<SymbolState> states) {
        readRunning = false;
        readRetries.reset();
        final long nowNs = clock.nowNs();
        for (SymbolState s : states) {
            final Instrument instrument = instruments.apply(s.symbol);
            if (instrument == null) {
                continue;
            }
            // 1. executions, oldest first: fills (deduplicated), funding, forced executions
            for (int i = s.executions.size() - 1; i >= 0; i--) {
                final BybitExecution e = s.executions.get(i);
                final String type = e.execType() == null ? "" : e.execType();
                if ("Trade".equals(type)) {
                    final boolean ours = e.orderLinkId() != null && orders.containsKey(e.orderLinkId());
                    if (ours || e.execTimeMs() >= startMs) { // a fill of an order that is not ours is news too
                        deliverExecution(e, instrument, nowNs);
                    }
                } else if ("Funding".equals(type)) {
                    if (e.execTimeMs() >= startMs && fundingSeen.add(e.execId())) {
                        final double fee = e.execFeeDecimal() == null
                                ? 0
                                : e.execFeeDecimal().doubleValue();
                        double rate = 0;
                        try {
                            rate = Double.parseDouble(e.feeRate());
                        } catch (RuntimeException ignored) {
                            // rate unknown
                        }
                        listener.onFunding(s.symbol, -fee, rate, e.execTimeMs() * NS_PER_MS);
                    }
                } else if (("AdlTrade".equals(type) || "BustTrade".equals(type)) && e.execTimeMs() >= startMs) {
                    if (fundingSeen.add(e.execId())) {
                        listener.onVenueAlert(
                                s.symbol,
                                BybitPrivateStream.FORCED_EXECUTION,
                                type + " " + e.execQty() + " @ " + e.execPrice() + " on " + s.symbol);
                    }
                }
            }
            // 2. orders: those still open, and those we believed open that have finished
            for (BybitOrder o : s.open) {
                if (o.orderLinkId() != null && orders.containsKey(o.orderLinkId())) {
                    deliverState(o, List.of(), instrument, nowNs);
                }
            }
            for (BybitOrder o : s.missing) {
                deliverState(o, List.of(), instrument, nowNs);
            }
            // 3. the position, as it stands after every execution read: authoritative
            long lots = 0;
            long avg = OrderRequest.NO_PRICE;
            long updatedMs = 0;
            if (s.position != null && !s.position.isFlat()) {
                lots = s.position.signedSizeLots(instrument);
                avg = BybitPrivateStream.avgTicks(instrument, s.position.avgPrice());
            }
            if (s.position != null) {
                try {
                    updatedMs = Long.parseLong(s.position.updatedTime());
                } catch (RuntimeException ignored) {
                    updatedMs = 0;
                }
            }
            if (updatedMs > 0) {
                for (BybitExecution e : s.executions) {
                    if ("Trade".equals(e.execType()) && e.execTimeMs() > updatedMs) {
                        final long q = lots(instrument, e.execQty());
                        if (q != Decimals.INVALID) {
                            lots += "Buy".equals(e.side()) ? q : -q; // filled after the position was read
                        }
                    }
                }
            }
            listener.onVenuePosition(new VenuePosition(s.symbol, lots, avg, true, updatedMs * NS_PER_MS, nowNs));
        }
        if (generation == readGeneration && !readWanted) {
            synced = true;
            privateStream.acknowledgeDropped(droppedBefore);
        }
    }

    private void onVenueReadFailed(long generation, Set<String> symbols) {
        readRunning = false;
        readWanted = true;
        final long nowNs = clock.nowNs();
        if (!readRetries.tryAcquire(nowNs) && readRetries.isSpent()) {
            readRetries.reset();
            for (String symbol : symbols) {
                listener.onVenueAlert(symbol, VENUE_UNREADABLE, "the venue could not be read after a gap");
            }
        }
    }

    // ------------------------------------------------------------------ outcomes (engine thread)

    private void onAck(Op op, String id, String orderId, long roundTripNs, AmendValues amend) {
        listener.onLatency(roundTripNs);
        limiter.onAccepted();
        final long nowNs = clock.nowNs();
        final Tracked t = orders.get(id);
        if (t != null && orderId != null && !orderId.isEmpty()) {
            t.venueOrderId = orderId;
        }
        switch (op) {
            case CREATE:
                deliver(new OrderEvent.Accepted(id, orderId, 0, nowNs));
                break;
            case AMEND:
                if (amend != null) {
                    deliver(new OrderEvent.Amended(
                            id, orderId, amend.priceTicks, amend.qtyLots, amend.triggerTicks, 0, nowNs));
                }
                break;
            case CANCEL:
                deliver(new OrderEvent.Canceled(id, orderId, CancelReason.BY_CLIENT, 0, nowNs));
                break;
            default:
                break;
        }
    }

    private void onRefused(Op op, String id, int retCode, String retMsg) {
        final long nowNs = clock.nowNs();
        final RejectReason reason = BybitVocabulary.rejectReason(retCode);
        final String detail = BybitVocabulary.refusalDetail(retCode, retMsg);
        final String venueId = venueId(id);
        switch (op) {
            case CREATE:
                deliver(new OrderEvent.Rejected(id, venueId, reason, detail, 0, nowNs));
                break;
            case AMEND:
                deliver(new OrderEvent.AmendRejected(id, venueId, reason, detail, 0, nowNs));
                break;
            case CANCEL:
                deliver(new OrderEvent.CancelRejected(id, venueId, reason, detail, 0, nowNs));
                break;
            default:
                break;
        }
    }

    private String venueId(String id) {
        final Tracked t = orders.get(id);
        return t == null ? "" : t.venueOrderId;
    }

    /** Delivers an event produced inside a command on the next {@link #poll()}, never re-entrantly. */
    private void deliverLater(OrderEvent event) {
        restOutcomes.add(() -> deliver(event));
    }

    /** The one filter every event passes before the listener. Engine thread. */
    private void deliver(OrderEvent e) {
        final String id = e.clientOrderId();
        if (ignored.contains(id)) {
            return; // placed by the session outside the engine (a start-up or shutdown flatten)
        }
        Tracked t = orders.get(id);
        if (t == null) {
            // an order this gateway did not place (adopted, or placed elsewhere): track it from now on
            t = new Tracked("", OrderRequest.NO_PRICE, 0, OrderRequest.NO_PRICE);
            orders.put(id, t);
        }
        if (!e.venueOrderId().isEmpty()) {
            t.venueOrderId = e.venueOrderId();
        }
        if (e instanceof OrderEvent.Accepted) {
            if (t.reported) {
                duplicatesDropped++;
                return;
            }
        } else if (e instanceof OrderEvent.Filled) {
            final OrderEvent.Filled f = (OrderEvent.Filled) e;
            if (!t.fillIds.add(f.fillId())) {
                duplicatesDropped++;
                return;
            }
            t.filledLots += f.qtyLots();
            if (t.qtyLots > 0 && t.filledLots >= t.qtyLots) {
                t.terminal = true; // filled in full: nothing more can happen to it
            }
            lastExecMs = Math.max(lastExecMs, f.exchangeTimeNs() / NS_PER_MS);
        } else if (e instanceof OrderEvent.Canceled
                || e instanceof OrderEvent.Rejected
                || e instanceof OrderEvent.Expired) {
            if (t.terminalReported) {
                duplicatesDropped++;
                return;
            }
            t.terminal = true;
            t.terminalReported = true;
        } else if (e instanceof OrderEvent.Amended) {
            final OrderEvent.Amended a = (OrderEvent.Amended) e;
            if (a.priceTicks() == t.priceTicks && a.qtyLots() == t.qtyLots && a.triggerPriceTicks() == t.triggerTicks) {
                duplicatesDropped++;
                return;
            }
            t.priceTicks = a.priceTicks();
            t.qtyLots = a.qtyLots();
            t.triggerTicks = a.triggerPriceTicks();
        }
        if (!(e instanceof OrderEvent.AmendRejected) && !(e instanceof OrderEvent.CancelRejected)) {
            t.reported = true;
        }
        listener.onOrderEvent(e);
    }

    /** The private stream's listener: its events pass the filter; funding and venue reports go straight through. */
    private final class StreamFilter implements ExecutionListener {
        @Override
        public void onOrderEvent(OrderEvent event) {
            deliver(event);
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            listener.onFunding(symbol, amount, rate, exchangeTimeNs);
        }

        @Override
        public void onVenuePosition(VenuePosition position) {
            listener.onVenuePosition(position);
        }

        @Override
        public void onVenueAlert(String symbol, String code, String detail) {
            listener.onVenueAlert(symbol, code, detail);
            requestVenueCheck(symbol);
        }
    }

    /** Trade-stream outcomes, on the engine thread during {@link #poll()}. */
    private final class TradeResponses implements BybitTradeStream.ResponseListener {
        @Override
        public void onAck(String reqId, String op, String orderId, String orderLinkId, long roundTripNs) {
            final Op o = Op.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o != null) {
                BybitGateway.this.onAck(o, orderLinkId, orderId, roundTripNs, v);
            }
        }

        @Override
        public void onRejected(String reqId, String op, String orderLinkId, int retCode, String retMsg) {
            final Op o = Op.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o == null) {
                return;
            }
            final BybitErrorCategory category = BybitErrorCategory.of(retCode);
            if (category == BybitErrorCategory.RATE_LIMIT) {
                rateLimitedAnswers++;
                limiter.onRateLimited(clock.nowNs());
            }
            if (category == BybitErrorCategory.TIMESTAMP) {
                resyncClockAndResend(o, orderLinkId, v);
            } else if (isOutcomeUnknown(o, retCode) && !knownFinished(orderLinkId, retCode)) {
                if (retCode == 110072) {
                    markExists(orderLinkId);
                }
                onOutcomeUnknown(o, orderLinkId, v);
            } else {
                onRefused(o, orderLinkId, retCode, retMsg);
            }
        }

        @Override
        public void onUnknown(String reqId, String op, String orderLinkId) {
            final Op o = Op.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o != null) {
                LOG.warn("bybit gateway: {} {} unanswered on the trade stream: looking it up", op, orderLinkId);
                onOutcomeUnknown(o, orderLinkId, v);
            }
        }
    }

    /**
     * The trade stream refused a request's timestamp (10002: nothing happened): measure the venue's clock again over
     * REST, then send the same request over REST (same {@code orderLinkId}).
     */
    private void resyncClockAndResend(Op op, String id, AmendValues amend) {
        timestampResyncs++;
        final Tracked t = orders.get(id);
        if (t == null) {
            return;
        }
        LOG.warn("bybit gateway: {} {} refused for its timestamp (10002): resynchronising the clock", op.wsName, id);
        onRestThread(() -> {
            try {
                rest.syncTime();
            } catch (IOException | RuntimeException e) {
                LOG.warn("bybit gateway: clock resync failed: {}", e.toString());
            }
            return null;
        });
        switch (op) {
            case CREATE:
                if (t.create != null) {
                    restCreate(id, t.create);
                }
                break;
            case AMEND:
                if (amend != null) {
                    restAmend(id, amend);
                }
                break;
            case CANCEL:
                restCancel(id, t.symbol);
                break;
            default:
                break;
        }
    }

    /**
     * Starts tracking an order this gateway did not place (adopted at reconciliation), so it can be amended and
     * cancelled and its events are deduplicated; it counts as already reported accepted. Engine thread.
     */
    public void track(
            String clientOrderId,
            String symbol,
            String venueOrderId,
            long priceTicks,
            long qtyLots,
            long triggerPriceTicks) {
        final Tracked t = new Tracked(symbol, priceTicks, qtyLots, triggerPriceTicks);
        t.venueOrderId = venueOrderId == null ? "" : venueOrderId;
        t.reported = true;
        orders.put(clientOrderId, t);
    }

    /**
     * Events of this order are not passed on: it was placed outside the engine (by the session, to flatten at start-up
     * or shutdown) and its effect reaches the engine as the venue's position. Engine thread, or before the engine runs.
     */
    public void ignore(String clientOrderId) {
        ignored.add(Objects.requireNonNull(clientOrderId, "clientOrderId"));
    }

    // ------------------------------------------------------------------ state

    /** The private stream (for {@link BybitPrivateStream#isUp()} and its counters). */
    public BybitPrivateStream privateStream() {
        return privateStream;
    }

    /** The trade stream, or {@code null} when commands go over REST only. */
    public BybitTradeStream tradeStream() {
        return tradeStream;
    }

    /**
     * Whether order events flow and nothing was missed: the private stream is up and the venue was read since its last
     * gap. Any thread.
     */
    public boolean isPrivateStreamUp() {
        return synced && privateStream.isUp();
    }

    /** Whether the next command would go over the trade stream. Any thread. */
    public boolean isTradeStreamUp() {
        return tradeStream != null && tradeStream.isUp();
    }

    /** Commands sent over the trade stream (engine thread). */
    public long wsCommands() {
        return wsCommands;
    }

    /** Commands sent over REST (engine thread). */
    public long restCommands() {
        return restCommands;
    }

    /** Order look-ups after an unknown outcome (engine thread). */
    public long lookups() {
        return lookups;
    }

    /** Commands whose outcome was unknown and had to be looked up (engine thread). */
    public long outcomesUnknown() {
        return outcomeUnknown;
    }

    /** Events dropped because they repeated one already delivered (engine thread). */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Venue reads (after gaps and on the engine's request) started (engine thread). */
    public long venueReads() {
        return venueReads;
    }

    /** Order commands Bybit refused as over its rate limit (engine thread). */
    public long rateLimitedAnswers() {
        return rateLimitedAnswers;
    }

    /** Order commands waiting for the rate limiter now (engine thread). */
    public int queuedCommands() {
        return queued.size();
    }

    /** Commands that had to wait for the rate limiter (engine thread). */
    public long throttledCommands() {
        return limiter.deferrals();
    }

    /** Order commands of each kind allowed per rolling second by the client-side limiter. */
    public int orderRatePerSecond() {
        return limiter.perSecond();
    }

    /** Clock resynchronisations after a 10002 on the trade stream (engine thread). */
    public long timestampResyncs() {
        return timestampResyncs;
    }

    /** Orders whose state could not be learned within the look-up budget (engine thread). */
    public long unresolvedOrders() {
        return unresolvedAlerts;
    }

    /** Changes the look-up budget of orders whose outcome is unknown (tests). Engine thread, before commands. */
    void lookUpBudget(int attempts, long backoffNs, long maxBackoffNs) {
        this.lookupAttempts = attempts;
        this.lookupBackoffNs = backoffNs;
        this.lookupMaxBackoffNs = maxBackoffNs;
    }

    /** Orders tracked now (engine thread; for diagnostics and tests). */
    int trackedOrders() {
        return orders.size();
    }

    /** Open orders as the gateway saw them; for diagnostics (engine thread). */
    List<String> trackedOrderIds() {
        return new ArrayList<>(orders.keySet());
    }

    @Override
    public String toString() {
        return "BybitGateway[private=" + (isPrivateStreamUp() ? "up" : "down") + " trade="
                + (tradeStream == null ? "none" : tradeStream.isUp() ? "up" : "down") + "]";
    }

    private static long updatedNs(BybitOrder o) {
        try {
            return o.updatedTime() == null || o.updatedTime().isEmpty()
                    ? 0
                    : Long.parseLong(o.updatedTime()) * NS_PER_MS;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long ticks(Instrument instrument, String text) {
        return text == null || text.isEmpty() || "0".equals(text) ? Decimals.INVALID : instrument.priceToTicks(text);
    }

    private static long lots(Instrument instrument, String text) {
        return text == null || text.isEmpty() ? Decimals.INVALID : instrument.qtyToLots(text);
    }
}
