package io.scalper.bybit.gateway;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitApiException;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitOrderAck;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.ws.BybitPrivateStream;
import io.scalper.bybit.ws.BybitTradeStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *   <li>A trade-stream request unanswered in time ({@link BybitWsConfig#requestTimeoutMs()}), a REST call that failed
 *       in transport, or a create refused as a duplicate {@code orderLinkId} (110072) is never assumed to have
 *       worked or failed: the order is looked up over REST ({@code findOrder}, and its executions when it filled) and
 *       what Bybit says is reported. A create that Bybit does not know is re-sent once over REST with the same {@code
 *       orderLinkId}.
 *   <li>A refusal ({@code retCode} ≠ 0) becomes {@link OrderEvent.Rejected}, {@link OrderEvent.AmendRejected} or
 *       {@link OrderEvent.CancelRejected} whose reason starts with the code, e.g. {@code "110007 ab not enough"}.
 *   <li>Stop-loss legs ({@link OrderRequest#isConditional()}) are conditional reduce-only market orders ({@code
 *       triggerPrice}, {@code triggerBy}, {@code triggerDirection}), not the position's trading-stop: each leg then has
 *       its own {@code orderLinkId} and events, can be amended (trailing) like any order, and follows the same path
 *       and dedupe as every other order; a trading-stop is one per position, has no client id and changes only
 *       through {@code /v5/position/trading-stop}, outside the order stream's request/response model.
 * </ul>
 *
 * <h2>Events, exactly once</h2>
 *
 * Order states and fills come from the private stream; acknowledgements and REST look-ups add what they know. Every
 * event passes one filter before the listener: {@code Accepted} only for an order nothing has been reported about
 * yet, {@code Filled} once per execution id, one terminal event ({@code Canceled}/{@code Rejected}/{@code Expired})
 * per order, {@code Amended} only when price, quantity or trigger differ from the last reported. Acknowledgement
 * round trips (request sent → ack, trade stream or REST) go to {@link ExecutionListener#onLatency}.
 *
 * <h2>Threading</h2>
 *
 * Commands ({@link #submit}, {@link #amend}, {@link #cancel}, {@link #cancelAll}) and {@link #poll()} belong to the
 * engine thread; commands never block on the network. {@link #poll()} delivers everything learned since the last
 * call, in order: private stream, trade stream, REST outcomes. Socket and REST threads touch no engine state.
 * Credentials appear in no log, exception or {@link #toString()}.
 */
public final class BybitGateway implements ExchangeGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);
    private static final long NS_PER_MS = 1_000_000L;

    /** Events handled per source per {@link #poll()} call, at most. */
    public static final int DEFAULT_POLL_BATCH = 1024;
    /** Orders remembered for deduplication (oldest forgotten first). */
    public static final int DEFAULT_MAX_TRACKED_ORDERS = 10_000;

    private static final ExecutionListener NO_OP = event -> {};

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
        boolean terminal;
        final Set<String> fillIds = new HashSet<>(4);
        long priceTicks;
        long qtyLots;
        long triggerTicks;
        BybitCreateOrder create;
        int createResends;

        Tracked(String symbol, long priceTicks, long qtyLots, long triggerTicks) {
            this.symbol = symbol;
            this.priceTicks = priceTicks;
            this.qtyLots = qtyLots;
            this.triggerTicks = triggerTicks;
        }
    }

    /** An amend in flight: the values the order will have if it works. */
    private record AmendValues(long priceTicks, long qtyLots, long triggerTicks) {}

    private final BybitRestClient rest;
    private final Function<String, Instrument> instruments;
    private final Clock clock;
    private final BybitPrivateStream privateStream;
    private final BybitTradeStream tradeStream;
    private final ExecutorService restExecutor;
    private final ConcurrentLinkedQueue<Runnable> restOutcomes = new ConcurrentLinkedQueue<>();
    private final int pollBatch;

    // engine thread
    private ExecutionListener listener = NO_OP;
    private final Map<String, Tracked> orders;
    private final Map<String, AmendValues> wsAmends = new HashMap<>();
    private long wsCommands;
    private long restCommands;
    private long lookups;
    private long duplicatesDropped;
    private volatile boolean closed;

    /**
     * A gateway on {@code environment}: private stream always, trade stream where the environment has one.
     *
     * @param environment where to connect
     * @param credentials API key and secret
     * @param rest the REST client (for the fallback path, look-ups and cancel-all)
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
        this.orders = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                return size() > DEFAULT_MAX_TRACKED_ORDERS;
            }
        };
        final RandomGenerator random = RandomGenerator.getDefault();
        this.privateStream = new BybitPrivateStream(
                environment.privateWsUrl(), credentials, instruments, new StreamFilter(), wsConfig, clock, random);
        this.tradeStream = useTradeStream
                ? new BybitTradeStream(
                        environment.tradeWsUrl(), credentials, new TradeResponses(), wsConfig, clock, random)
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
     * Delivers what the streams and REST calls reported since the last call: private stream events, then trade-stream
     * outcomes, then REST outcomes. Engine thread; never blocks.
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
        return n;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void submit(OrderRequest request) {
        final String id = request.clientOrderId();
        final Instrument instrument = instruments.apply(request.symbol());
        if (instrument == null) {
            deliverLater(new OrderEvent.Rejected(id, "", "unknown symbol " + request.symbol(), 0, clock.nowNs()));
            return;
        }
        final BybitCreateOrder body;
        try {
            body = BybitCreateOrder.from(request, instrument);
        } catch (IllegalArgumentException e) {
            deliverLater(new OrderEvent.Rejected(id, "", e.getMessage(), 0, clock.nowNs()));
            return;
        }
        final Tracked t = new Tracked(
                request.symbol(),
                request.priceTicks(),
                request.qtyLots(),
                request.isConditional() ? request.triggerPriceTicks() : OrderRequest.NO_PRICE);
        t.create = body;
        orders.put(id, t);
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
            deliverLater(new OrderEvent.AmendRejected(clientOrderId, "", "unknown order", 0, clock.nowNs()));
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
            deliverLater(
                    new OrderEvent.AmendRejected(clientOrderId, t.venueOrderId, "nothing to change", 0, clock.nowNs()));
            return;
        }
        final AmendValues v = new AmendValues(
                newPriceTicks != OrderRequest.NO_PRICE ? newPriceTicks : t.priceTicks,
                newQtyLots > 0 ? newQtyLots : t.qtyLots,
                newTriggerPriceTicks != OrderRequest.NO_PRICE ? newTriggerPriceTicks : t.triggerTicks);
        if (tradeStream != null && tradeStream.isUp()) {
            final String reqId = tradeStream.amend(a);
            if (reqId != null) {
                wsCommands++;
                wsAmends.put(reqId, v);
                return;
            }
        }
        final BybitAmendOrder body = a;
        final long sentNs = clock.nowNs();
        restCommands++;
        onRestThread(() -> {
            try {
                final BybitOrderAck ack = rest.amendOrder(body);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(Op.AMEND, clientOrderId, ack.orderId(), rtNs, v);
            } catch (BybitApiException e) {
                if (isOutcomeUnknown(e)) {
                    return () -> lookUp(Op.AMEND, clientOrderId, v);
                }
                return () -> onRefused(Op.AMEND, clientOrderId, e.retCode(), e.retMsg());
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: amend {} failed in transport ({}): looking it up", clientOrderId, e.toString());
                return () -> lookUp(Op.AMEND, clientOrderId, v);
            }
        });
    }

    @Override
    public void cancel(String clientOrderId) {
        final Tracked t = orders.get(clientOrderId);
        if (t == null) {
            deliverLater(new OrderEvent.CancelRejected(clientOrderId, "", "unknown order", 0, clock.nowNs()));
            return;
        }
        if (tradeStream != null && tradeStream.isUp() && tradeStream.cancel(t.symbol, clientOrderId) != null) {
            wsCommands++;
            return;
        }
        final long sentNs = clock.nowNs();
        restCommands++;
        onRestThread(() -> {
            try {
                final BybitOrderAck ack = rest.cancelOrder(t.symbol, clientOrderId);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(Op.CANCEL, clientOrderId, ack.orderId(), rtNs, null);
            } catch (BybitApiException e) {
                if (isOutcomeUnknown(e)) {
                    return () -> lookUp(Op.CANCEL, clientOrderId, null);
                }
                return () -> onRefused(Op.CANCEL, clientOrderId, e.retCode(), e.retMsg());
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: cancel {} failed in transport ({}): looking it up",
                        clientOrderId,
                        e.toString());
                return () -> lookUp(Op.CANCEL, clientOrderId, null);
            }
        });
    }

    /** Cancels every open order of {@code symbol}, conditional ones included, over REST. */
    @Override
    public void cancelAll(String symbol) {
        restCommands++;
        onRestThread(() -> {
            try {
                final List<BybitOrderAck> acks = rest.cancelAllOrders(symbol);
                return () -> {
                    final long nowNs = clock.nowNs();
                    for (BybitOrderAck ack : acks) {
                        if (!ack.orderLinkId().isEmpty()) {
                            deliver(new OrderEvent.Canceled(
                                    ack.orderLinkId(), ack.orderId(), OrderEvent.Canceled.BY_USER, 0, nowNs));
                        }
                    }
                };
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: cancel-all {} failed: {}", symbol, e.toString());
                return () -> {};
            }
        });
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
                if (isOutcomeUnknown(e)) {
                    return () -> lookUp(Op.CREATE, id, null);
                }
                return () -> onRefused(Op.CREATE, id, e.retCode(), e.retMsg());
            } catch (IOException | RuntimeException e) {
                LOG.warn("bybit gateway: create {} failed in transport ({}): looking it up", id, e.toString());
                return () -> lookUp(Op.CREATE, id, null);
            }
        });
    }

    /** Codes after which a request may or may not have taken effect: look, do not guess. */
    private static boolean isOutcomeUnknown(BybitApiException e) {
        return isOutcomeUnknown(e.retCode());
    }

    private static boolean isOutcomeUnknown(int retCode) {
        switch (retCode) {
            case BybitApiException.NO_RET_CODE: // HTTP-level failure
            case 10000: // server timeout
            case 10016: // internal error
            case 10019: // service restarting
            case 110072: // duplicate orderLinkId: the order exists
                return true;
            default:
                return false;
        }
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

    /** Queries the order (and its fills) on the REST thread, then reports what Bybit says. Engine thread. */
    private void lookUp(Op op, String id, AmendValues amend) {
        final Tracked t = orders.get(id);
        if (t == null) {
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
                return () -> onLookUpFailed(op, id);
            }
        });
    }

    private static boolean hasFills(BybitOrder o) {
        final String q = o.cumExecQty();
        return q != null && !q.isEmpty() && new java.math.BigDecimal(q).signum() > 0;
    }

    private void onLookUpFailed(Op op, String id) {
        final long nowNs = clock.nowNs();
        final String reason = "state unknown: " + op.wsName + " unanswered and look-up failed";
        switch (op) {
            case CREATE:
                // Not reported as rejected: the private stream will tell if it exists. Keep the engine informed.
                LOG.error("bybit gateway: order {}: {}", id, reason);
                break;
            case AMEND:
                deliver(new OrderEvent.AmendRejected(id, venueId(id), reason, 0, nowNs));
                break;
            case CANCEL:
                deliver(new OrderEvent.CancelRejected(id, venueId(id), reason, 0, nowNs));
                break;
            default:
                break;
        }
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
                    if (t.createResends == 0 && t.create != null) {
                        t.createResends++;
                        LOG.warn("bybit gateway: order {} unknown to Bybit after an unanswered create: re-sending", id);
                        restCreate(id, t.create);
                    } else {
                        deliver(new OrderEvent.Rejected(id, "", "not found at Bybit after create", 0, nowNs));
                    }
                    break;
                case AMEND:
                    deliver(new OrderEvent.AmendRejected(id, t.venueOrderId, "order not found", 0, nowNs));
                    break;
                case CANCEL:
                    deliver(new OrderEvent.CancelRejected(id, t.venueOrderId, "order not found", 0, nowNs));
                    break;
                default:
                    break;
            }
            return;
        }
        final Instrument instrument = instruments.apply(t.symbol);
        if (op == Op.AMEND && amend != null) {
            if (o.isOpen() && instrument != null && matches(o, instrument, amend)) {
                deliverState(o, fills, instrument, nowNs);
                deliver(new OrderEvent.Amended(
                        id, o.orderId(), amend.priceTicks, amend.qtyLots, amend.triggerTicks, updatedNs(o), nowNs));
                return;
            }
            deliver(new OrderEvent.AmendRejected(
                    id, o.orderId(), "amend not applied (order " + o.orderStatus() + ")", updatedNs(o), nowNs));
        } else if (op == Op.CANCEL && o.isOpen()) {
            deliverState(o, fills, instrument, nowNs);
            deliver(new OrderEvent.CancelRejected(id, o.orderId(), "cancel not applied: order still open", 0, nowNs));
            return;
        } else if (op == Op.CANCEL && "Filled".equals(o.orderStatus())) {
            deliverState(o, fills, instrument, nowNs);
            deliver(new OrderEvent.CancelRejected(id, o.orderId(), "order already filled", 0, nowNs));
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
            for (int i = fills.size() - 1; i >= 0; i--) { // Bybit lists newest first
                final BybitExecution e = fills.get(i);
                if (!"Trade".equals(e.execType()) || !id.equals(e.orderLinkId())) {
                    continue;
                }
                final long price = ticks(instrument, e.execPrice());
                final long qty = lots(instrument, e.execQty());
                if (price == Decimals.INVALID || qty == Decimals.INVALID) {
                    continue;
                }
                final long leaves = lots(instrument, e.leavesQty());
                deliver(new OrderEvent.Filled(
                        id,
                        o.orderId(),
                        e.execId(),
                        price,
                        qty,
                        e.execFeeDecimal() == null ? 0 : e.execFeeDecimal().doubleValue(),
                        e.isMaker() ? Liquidity.MAKER : Liquidity.TAKER,
                        leaves == Decimals.INVALID ? -1 : leaves,
                        e.execTimeMs() * NS_PER_MS,
                        nowNs));
            }
        }
        switch (status) {
            case "Cancelled":
            case "PartiallyFilledCanceled":
            case "Deactivated":
                deliver(new OrderEvent.Canceled(
                        id, o.orderId(), cancelReason(o.cancelType(), o.rejectReason()), exchangeNs, nowNs));
                break;
            case "Rejected":
                deliver(new OrderEvent.Rejected(id, o.orderId(), o.rejectReason(), exchangeNs, nowNs));
                break;
            default:
                break;
        }
    }

    static String cancelReason(String cancelType, String rejectReason) {
        final String reject = rejectReason == null ? "" : rejectReason;
        final String type = cancelType == null ? "" : cancelType;
        switch (reject) {
            case "EC_PostOnlyWillTakeLiquidity":
                return OrderEvent.Canceled.POST_ONLY_WOULD_TAKE;
            case "EC_NoImmediateQtyToFill":
                return OrderEvent.Canceled.NO_IMMEDIATE_LIQUIDITY;
            case "EC_CancelForNoFullFill":
                return OrderEvent.Canceled.NO_FULL_FILL;
            default:
                break;
        }
        if (!type.isEmpty() && !"UNKNOWN".equals(type)) {
            return type;
        }
        return reject.isEmpty() || "EC_NoError".equals(reject) ? "UNKNOWN" : reject;
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

    // ------------------------------------------------------------------ outcomes (engine thread)

    private void onAck(Op op, String id, String orderId, long roundTripNs, AmendValues amend) {
        listener.onLatency(roundTripNs);
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
                deliver(new OrderEvent.Canceled(id, orderId, OrderEvent.Canceled.BY_USER, 0, nowNs));
                break;
            default:
                break;
        }
    }

    private void onRefused(Op op, String id, int retCode, String retMsg) {
        final long nowNs = clock.nowNs();
        final String reason = retCode + (retMsg == null || retMsg.isEmpty() ? "" : " " + retMsg);
        final String venueId = venueId(id);
        switch (op) {
            case CREATE:
                deliver(new OrderEvent.Rejected(id, venueId, reason, 0, nowNs));
                break;
            case AMEND:
                deliver(new OrderEvent.AmendRejected(id, venueId, reason, 0, nowNs));
                break;
            case CANCEL:
                deliver(new OrderEvent.CancelRejected(id, venueId, reason, 0, nowNs));
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
            if (!t.fillIds.add(((OrderEvent.Filled) e).fillId())) {
                duplicatesDropped++;
                return;
            }
        } else if (e instanceof OrderEvent.Canceled
                || e instanceof OrderEvent.Rejected
                || e instanceof OrderEvent.Expired) {
            if (t.terminal) {
                duplicatesDropped++;
                return;
            }
            t.terminal = true;
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

    /** The private stream's listener: its events pass the filter; funding goes straight through. */
    private final class StreamFilter implements ExecutionListener {
        @Override
        public void onOrderEvent(OrderEvent event) {
            deliver(event);
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            listener.onFunding(symbol, amount, rate, exchangeTimeNs);
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
            if (isOutcomeUnknown(retCode)) {
                lookUp(o, orderLinkId, v);
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
                lookUp(o, orderLinkId, v);
            }
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

    // ------------------------------------------------------------------ state

    /** The private stream (for {@link BybitPrivateStream#isUp()} and its counters). */
    public BybitPrivateStream privateStream() {
        return privateStream;
    }

    /** The trade stream, or {@code null} when commands go over REST only. */
    public BybitTradeStream tradeStream() {
        return tradeStream;
    }

    /** Whether the private stream is up (order events flow). Any thread. */
    public boolean isPrivateStreamUp() {
        return privateStream.isUp();
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

    /** Events dropped because they repeated one already delivered (engine thread). */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Open orders as the gateway saw them; for diagnostics (engine thread). */
    List<String> trackedOrderIds() {
        return new ArrayList<>(orders.keySet());
    }

    @Override
    public String toString() {
        return "BybitGateway[private=" + (privateStream.isUp() ? "up" : "down") + " trade="
                + (tradeStream == null ? "none" : tradeStream.isUp() ? "up" : "down") + "]";
    }
}
