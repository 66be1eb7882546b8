package io.scalper.bybit.gateway;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.bybit.ws.BybitPrivateStream;
import io.scalper.bybit.ws.BybitTradeStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

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
 *
 * <h2>Parts</h2>
 *
 * The gateway validates commands and coordinates package-private parts, one job each: {@code OrderCommands} (routing,
 * REST calls, answers), {@code CommandQueue} (the rate limit), {@code RestWorker} (the REST thread and its outcomes),
 * {@code OrderEventFilter} (the order table and the exactly-once filter), {@code OrderLookUps} (resolving unknown
 * outcomes), {@code VenueChecks} (venue reads) and {@code BybitOrderEvents} (Bybit orders and executions as events).
 */
public final class BybitGateway implements ExchangeGateway, AutoCloseable {
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

    /** Look-ups of one order before the engine is alerted, and their back-off. */
    static final int DEFAULT_LOOKUP_ATTEMPTS = 8;

    static final long DEFAULT_LOOKUP_BACKOFF_NS = 500 * NS_PER_MS;
    static final long DEFAULT_LOOKUP_MAX_BACKOFF_NS = 8_000 * NS_PER_MS;

    private final Function<String, Instrument> instruments;
    private final Clock clock;
    private final int pollBatch;
    private final RestWorker worker;
    private final OrderEventFilter events;
    private final CommandQueue queue;
    private final BybitPrivateStream privateStream;
    private final VenueChecks venueChecks;
    private final OrderLookUps lookUps;
    private final OrderCommands commands;

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
        this(environment, credentials, rest, instruments, wsConfig, clock, useTradeStream, new BybitOrderBudget());
    }

    /**
     * As {@link #BybitGateway(BybitEnvironment, BybitCredentials, BybitRestClient, Function, BybitWsConfig, Clock,
     * boolean)}, its order requests counted against {@code budget}, the account's, shared with the other gateways of
     * the account (see {@link BybitOrderBudget}).
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
            boolean useTradeStream,
            BybitOrderBudget budget) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(rest, "rest");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wsConfig, "wsConfig");
        if (useTradeStream && !environment.hasTradeStream()) {
            throw new IllegalArgumentException(
                    "useTradeStream: environment " + environment.name() + " has no trade stream");
        }
        this.pollBatch = DEFAULT_POLL_BATCH;
        final long startMs = rest.serverTimeMs();
        this.queue = new CommandQueue(Objects.requireNonNull(budget, "budget")
                .limiter(OrderOp.values().length, Math.max(1, rest.config().orderRatePerSecond() - ORDER_RATE_MARGIN)));
        this.events = new OrderEventFilter(DEFAULT_MAX_TRACKED_ORDERS);
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
        this.worker = new RestWorker("bybit-gateway-rest");
        this.venueChecks = new VenueChecks(rest, instruments, clock, worker, events, privateStream, startMs);
        this.privateStream.onGap(venueChecks::onStreamGap);
        this.lookUps = new OrderLookUps(rest, instruments, clock, worker, events, venueChecks, this::resendCreate);
        this.commands = new OrderCommands(
                rest,
                clock,
                worker,
                events,
                queue,
                lookUps,
                venueChecks,
                useTradeStream
                        ? responses -> new BybitTradeStream(
                                environment.tradeWsUrl(),
                                credentials,
                                responses,
                                wsConfig,
                                clock,
                                rest::serverTimeMs,
                                random)
                        : null);
    }

    /** Connects the private stream and, if used, the trade stream (asynchronously). */
    public void start() {
        privateStream.start();
        if (commands.tradeStream() != null) {
            commands.tradeStream().start();
        }
    }

    /** Closes the streams and stops the REST thread (a call in progress finishes; queued ones are dropped). */
    @Override
    public void close() {
        if (commands.tradeStream() != null) {
            commands.tradeStream().close();
        }
        privateStream.close();
        worker.close();
    }

    @Override
    public void setListener(ExecutionListener listener) {
        events.setListener(listener);
    }

    /**
     * Reports the position of {@code symbol} after every venue read (a gap in the private stream reads every watched
     * symbol). Engine thread; call before {@link #start()}.
     */
    public void watch(String symbol) {
        venueChecks.watch(symbol);
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
        if (commands.tradeStream() != null) {
            n += commands.tradeStream().poll(pollBatch);
        }
        n += worker.drain(pollBatch);
        final long nowNs = clock.nowNs();
        n += queue.drain(nowNs);
        n += lookUps.runDue(nowNs);
        n += venueChecks.startIfDue(nowNs);
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
        final TrackedOrder t = new TrackedOrder(
                request.symbol(),
                request.priceTicks(),
                request.qtyLots(),
                request.isConditional() ? request.triggerPriceTicks() : OrderRequest.NO_PRICE);
        t.create = body;
        events.track(id, t);
        commands.create(id, body);
    }

    @Override
    public void amend(String clientOrderId, long newPriceTicks, long newQtyLots, long newTriggerPriceTicks) {
        final TrackedOrder t = events.get(clientOrderId);
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
        commands.amend(
                clientOrderId,
                new AmendValues(
                        newPriceTicks != OrderRequest.NO_PRICE ? newPriceTicks : t.priceTicks,
                        newQtyLots > 0 ? newQtyLots : t.qtyLots,
                        newTriggerPriceTicks != OrderRequest.NO_PRICE ? newTriggerPriceTicks : t.triggerTicks,
                        a));
    }

    @Override
    public void cancel(String clientOrderId) {
        final TrackedOrder t = events.get(clientOrderId);
        if (t == null) {
            deliverLater(new OrderEvent.CancelRejected(
                    clientOrderId, "", RejectReason.UNKNOWN_ORDER, "unknown order", 0, clock.nowNs()));
            return;
        }
        commands.cancel(clientOrderId, t.symbol);
    }

    /** Cancels every open order of {@code symbol}, conditional ones included, over REST. */
    @Override
    public void cancelAll(String symbol) {
        commands.cancelAll(symbol);
    }

    /**
     * Reads the venue's open orders, executions and position of {@code symbol} over REST and reports them (the
     * position last, authoritative). Engine thread; never blocks.
     */
    @Override
    public void requestVenueCheck(String symbol) {
        venueChecks.request(symbol);
    }

    /** Entries wait while order commands are queued behind the rate limit, it is paused, or the venue is being read. */
    @Override
    public boolean isReadyForEntries() {
        return queue.isIdle(clock.nowNs()) && !venueChecks.isReading();
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
        final TrackedOrder t = new TrackedOrder(symbol, priceTicks, qtyLots, triggerPriceTicks);
        t.venueOrderId = venueOrderId == null ? "" : venueOrderId;
        t.reported = true;
        events.track(clientOrderId, t);
    }

    /**
     * Events of this order are not passed on: it was placed outside the engine (by the session, to flatten at start-up
     * or shutdown) and its effect reaches the engine as the venue's position. Engine thread, or before the engine runs.
     */
    public void ignore(String clientOrderId) {
        events.ignore(clientOrderId);
    }

    /** Delivers an event produced inside a command on the next {@link #poll()}, never re-entrantly. */
    private void deliverLater(OrderEvent event) {
        worker.later(() -> events.deliver(event));
    }

    /** A create Bybit did not know after an unanswered one, sent again (for {@link OrderLookUps}). */
    private void resendCreate(String id, BybitCreateOrder body) {
        commands.resendCreate(id, body);
    }

    /** The private stream's listener: its events pass the filter; funding and venue reports go straight through. */
    private final class StreamFilter implements ExecutionListener {
        @Override
        public void onOrderEvent(OrderEvent event) {
            events.deliver(event);
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            events.listener().onFunding(symbol, amount, rate, exchangeTimeNs);
        }

        @Override
        public void onVenuePosition(VenuePosition position) {
            events.listener().onVenuePosition(position);
        }

        @Override
        public void onVenueAlert(String symbol, String code, String detail) {
            events.listener().onVenueAlert(symbol, code, detail);
            requestVenueCheck(symbol);
        }
    }

    // ------------------------------------------------------------------ state

    /** The private stream (for {@link BybitPrivateStream#isUp()} and its counters). */
    public BybitPrivateStream privateStream() {
        return privateStream;
    }

    /** The trade stream, or {@code null} when commands go over REST only. */
    public BybitTradeStream tradeStream() {
        return commands.tradeStream();
    }

    /**
     * Whether order events flow and nothing was missed: the private stream is up and the venue was read since its last
     * gap. Any thread.
     */
    public boolean isPrivateStreamUp() {
        return venueChecks.isSynced() && privateStream.isUp();
    }

    /** Whether the next command would go over the trade stream. Any thread. */
    public boolean isTradeStreamUp() {
        return commands.tradeStream() != null && commands.tradeStream().isUp();
    }

    /** Commands sent over the trade stream (engine thread). */
    public long wsCommands() {
        return commands.wsCommands();
    }

    /** Commands sent over REST (engine thread). */
    public long restCommands() {
        return commands.restCommands();
    }

    /** Order look-ups after an unknown outcome (engine thread). */
    public long lookups() {
        return lookUps.lookups();
    }

    /** Commands whose outcome was unknown and had to be looked up (engine thread). */
    public long outcomesUnknown() {
        return commands.outcomesUnknown();
    }

    /** Events dropped because they repeated one already delivered (engine thread). */
    public long duplicatesDropped() {
        return events.duplicatesDropped();
    }

    /** Venue reads (after gaps and on the engine's request) started (engine thread). */
    public long venueReads() {
        return venueChecks.reads();
    }

    /** Order commands Bybit refused as over its rate limit (engine thread). */
    public long rateLimitedAnswers() {
        return commands.rateLimitedAnswers();
    }

    /** Order commands waiting for the rate limiter now (engine thread). */
    public int queuedCommands() {
        return queue.size();
    }

    /** Commands that had to wait for the rate limiter (engine thread). */
    public long throttledCommands() {
        return queue.limiter().deferrals();
    }

    /** Order commands of each kind allowed per rolling second by the client-side limiter. */
    public int orderRatePerSecond() {
        return queue.limiter().perSecond();
    }

    /** Clock resynchronisations after a 10002 on the trade stream (engine thread). */
    public long timestampResyncs() {
        return commands.timestampResyncs();
    }

    /** Orders whose state could not be learned within the look-up budget (engine thread). */
    public long unresolvedOrders() {
        return lookUps.unresolved();
    }

    /** Changes the look-up budget of orders whose outcome is unknown (tests). Engine thread, before commands. */
    void lookUpBudget(int attempts, long backoffNs, long maxBackoffNs) {
        lookUps.budget(attempts, backoffNs, maxBackoffNs);
    }

    /** Orders tracked now (engine thread; for diagnostics and tests). */
    int trackedOrders() {
        return events.size();
    }

    /** Open orders as the gateway saw them; for diagnostics (engine thread). */
    List<String> trackedOrderIds() {
        return events.ids();
    }

    @Override
    public String toString() {
        final BybitTradeStream tradeStream = commands.tradeStream();
        return "BybitGateway[private=" + (isPrivateStreamUp() ? "up" : "down") + " trade="
                + (tradeStream == null ? "none" : tradeStream.isUp() ? "up" : "down") + "]";
    }
}
