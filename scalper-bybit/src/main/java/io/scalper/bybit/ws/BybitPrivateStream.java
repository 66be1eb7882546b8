package io.scalper.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.auth.BybitSigner;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bybit's private stream: authenticates (§4.1 of the reference: {@code {"op":"auth","args":[apiKey, expires,
 * signature]}}) and subscribes {@code order}, {@code execution}, {@code position} and {@code wallet} on every
 * (re)connect, and turns order and execution pushes into core {@link OrderEvent}s for an {@link ExecutionListener}.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li>{@code order} {@code New} or {@code Untriggered}: {@link OrderEvent.Accepted} the first time the order is
 *       seen; later pushes with another price, quantity or trigger price: {@link OrderEvent.Amended}.
 *   <li>{@code Triggered}: {@link OrderEvent.Triggered}.
 *   <li>{@code Cancelled}, {@code PartiallyFilledCanceled}, {@code Deactivated}: {@link OrderEvent.Canceled} with the
 *       {@link io.scalper.core.exec.CancelReason} that {@link BybitVocabulary} reads from {@code cancelType} and
 *       {@code rejectReason} (Bybit's names kept as the detail).
 *   <li>{@code Rejected}: {@link OrderEvent.Rejected} with the {@link io.scalper.core.exec.RejectReason} of the {@code
 *       rejectReason} name; a post-only order rejected with {@code EC_PostOnlyWillTakeLiquidity} is reported as
 *       cancelled ({@code POST_ONLY_WOULD_TAKE}), like the {@code Cancelled} form Bybit normally sends.
 *   <li>{@code PartiallyFilled}, {@code Filled}: no event (fills come from {@code execution}), except a first sight
 *       which reports {@link OrderEvent.Accepted}.
 *   <li>{@code execution} with {@code execType} {@code Trade}: {@link OrderEvent.Filled} (price and quantity in the
 *       symbol's ticks and lots, fee as Bybit's {@code execFee}, maker/taker from {@code isMaker}).
 *   <li>{@code execType} {@code Funding}: {@link ExecutionListener#onFunding} with {@code -execFee} (Bybit's fee is
 *       positive when paid) and the rate; not a fill. {@code AdlTrade} and {@code BustTrade} (auto-deleverage,
 *       liquidation) are executions the engine did not order: {@link ExecutionListener#onVenueAlert} with code {@value
 *       #FORCED_EXECUTION} (the engine stops entries and checks its position against the venue's). Other exec types
 *       (delivery, settlement) are counted and logged.
 *   <li>{@code position}: {@link ExecutionListener#onVenuePosition} (not authoritative: a push may lead or trail the
 *       fills it reflects), size signed by side, average entry rounded to the tick.
 *   <li>Hedge mode ({@code positionIdx} 1 or 2) is not supported: such orders and positions are refused, counted in
 *       {@link #hedgeModeRefused()} and logged, never mapped.
 * </ul>
 *
 * <p>Gaps: every (re)connect, disconnect and queue overflow is reported to the gap listener ({@link #onGap}) on the
 * engine thread, in order with the frames: events may have been missed, and the owner must read the venue's state over
 * REST (then {@link #acknowledgeDropped()}). A refused authentication closes the connection, which is retried with a
 * growing back-off.
 *
 * <p>Threading: the I/O thread handles auth and subscription acks and queues data frames; the engine thread calls
 * {@link #poll(int)}, which parses queued frames and calls the listener, in arrival order. {@link #isUp()} may be read
 * from any thread. Credentials never appear in logs, {@link #lastError()} or {@link #toString()}.
 */
public final class BybitPrivateStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitPrivateStream.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NS_PER_MS = 1_000_000L;

    /** Alert code for an auto-deleverage or liquidation execution. */
    public static final String FORCED_EXECUTION = "forced_execution";

    /** The topics subscribed. */
    public static final String SUBSCRIBE_TOPICS = "[\"order\",\"execution\",\"position\",\"wallet\"]";

    private final BybitCredentials credentials;
    private final Function<String, Instrument> instruments;
    private final ExecutionListener listener;
    private final BybitWsConfig config;
    private final Clock clock;
    private final LongSupplier serverTimeMs;
    private final EventQueue queue;
    private final BybitWsConnection connection;
    private final EventQueue.Consumer consumer = this::onEvent;

    private volatile boolean authed;
    private volatile boolean subscribed;
    private volatile String lastError = "";
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong authSuccesses = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong subscribeFailures = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();

    // engine thread
    private final Map<String, long[]> working = new HashMap<>();
    private long hedgeModeRefused;
    private long unknownSymbols;
    private long malformed;
    private long otherExecutions;
    private long positionUpdates;
    private long walletUpdates;
    private long forcedExecutions;
    private long gaps;
    private volatile long seenDropped;
    private long reportedDropped;
    private Consumer<String> gapListener = why -> {};
    private volatile double walletEquity = Double.NaN;

    /**
     * @param url the private stream URL ({@link BybitEnvironment#privateWsUrl()})
     * @param credentials API key and secret
     * @param instruments the instrument of a symbol, or {@code null} when unknown (its events are skipped and counted)
     * @param listener receives order events and funding, on the engine thread
     * @param config connection settings; {@link BybitWsConfig#authWindowMs()} sets the auth expiry
     * @param clock local time (receive times and the auth expiry)
     * @param random reconnect jitter
     */
    public BybitPrivateStream(
            String url,
            BybitCredentials credentials,
            Function<String, Instrument> instruments,
            ExecutionListener listener,
            BybitWsConfig config,
            Clock clock,
            RandomGenerator random) {
        this(url, credentials, instruments, listener, config, clock, clock::nowMs, random);
    }

    /**
     * As above, with the venue's clock for the auth {@code expires} ({@code serverTimeMs}: epoch ms as the venue counts
     * them, e.g. {@code BybitRestClient::serverTimeMs}).
     */
    public BybitPrivateStream(
            String url,
            BybitCredentials credentials,
            Function<String, Instrument> instruments,
            ExecutionListener listener,
            BybitWsConfig config,
            Clock clock,
            LongSupplier serverTimeMs,
            RandomGenerator random) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverTimeMs = Objects.requireNonNull(serverTimeMs, "serverTimeMs");
        this.queue = new EventQueue(config.queueCapacity());
        this.connection = new BybitWsConnection("private", url, config, clock, random, new IoListener());
    }

    /** A stream on {@code environment}'s private URL. */
    public static BybitPrivateStream of(
            BybitEnvironment environment,
            BybitCredentials credentials,
            Function<String, Instrument> instruments,
            ExecutionListener listener,
            BybitWsConfig config,
            Clock clock) {
        return new BybitPrivateStream(
                environment.privateWsUrl(),
                credentials,
                instruments,
                listener,
                config,
                clock,
                RandomGenerator.getDefault());
    }

    /** Connects (asynchronously); auth and subscription follow on every open. */
    public void start() {
        connection.start();
    }

    /** Closes the connection for good. */
    @Override
    public void close() {
        connection.close();
    }

    /**
     * Whether the stream is connected, authenticated and subscribed: while it is not, order events may be missed and
     * the engine's gates should stop new entries. Any thread.
     */
    public boolean isUp() {
        return isSubscribed() && queue.dropped() == seenDropped;
    }

    /** Whether the connection is open, authenticated and subscribed (pushes flow), overflow or not. Any thread. */
    public boolean isSubscribed() {
        return authed && subscribed && connection.isOpen();
    }

    /**
     * Where gaps are reported ({@code "connected"}, {@code "disconnected"}, {@code "overflow"}), on the engine thread
     * during {@link #poll}. Set before {@link #start()}.
     */
    public void onGap(Consumer<String> listener) {
        this.gapListener = listener == null ? why -> {} : listener;
    }

    /**
     * Parses up to {@code max} queued frames and reports their events to the listener. Engine thread only; never
     * blocks.
     *
     * @return the number of events handled
     */
    public int poll(int max) {
        final int n = queue.drain(consumer, max);
        final long dropped = queue.dropped();
        if (dropped != reportedDropped) {
            // Order events were lost: the owner must read the venue over REST. isUp() stays false until then.
            reportedDropped = dropped;
            LOG.error("bybit private: event queue overflowed, {} events dropped; reading the venue", dropped);
            lastError = "event queue overflow: " + dropped + " events dropped";
            gaps++;
            gapListener.accept("overflow");
        }
        return n;
    }

    /**
     * Acknowledges a queue overflow after the caller reconciled orders and positions (e.g. over REST); {@link #isUp()}
     * can be true again. Engine thread.
     */
    public void acknowledgeDropped() {
        seenDropped = queue.dropped();
    }

    /**
     * Acknowledges the overflows counted up to {@code dropped} (a value of {@link #dropped()} read before the venue was
     * read): later ones still count. Engine thread.
     */
    public void acknowledgeDropped(long dropped) {
        seenDropped = Math.max(seenDropped, dropped);
    }

    /** Events dropped by the hand-off queue so far (any thread). */
    public long dropped() {
        return queue.dropped();
    }

    private void onEvent(int kind, String text, long localTimeNs) {
        if (kind != EventQueue.TEXT) {
            gaps++;
            gapListener.accept(kind == EventQueue.CONNECTED ? "connected" : "disconnected");
            return;
        }
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            malformed++;
            LOG.warn("bybit private: unreadable frame ({} chars)", text.length());
            return;
        }
        final String topic = root.path("topic").asText("");
        final long creationNs = root.path("creationTime").asLong(0) * NS_PER_MS;
        final JsonNode data = root.path("data");
        if (!data.isArray()) {
            malformed++;
            return;
        }
        for (JsonNode item : data) {
            try {
                switch (topic) {
                    case "order":
                    case "order.linear":
                        onOrder(item, creationNs, localTimeNs);
                        break;
                    case "execution":
                    case "execution.linear":
                        onExecution(item, localTimeNs);
                        break;
                    case "position":
                    case "position.linear":
                        positionUpdates++;
                        if (item.path("positionIdx").asInt(0) != 0) {
                            refuseHedge("position", item);
                        } else {
                            onPosition(item, localTimeNs);
                        }
                        break;
                    case "wallet":
                        walletUpdates++;
                        onWallet(item);
                        break;
                    default:
                        break;
                }
            } catch (RuntimeException e) {
                malformed++;
                LOG.warn("bybit private: {} item not mapped: {}", topic, e.toString());
            }
        }
    }

    private void onOrder(JsonNode o, long creationNs, long localTimeNs) {
        final String orderSymbol = o.path("symbol").asText("");
        if (!orderSymbol.isEmpty() && instruments.apply(orderSymbol) == null) {
            // another symbol of the account (traded by another session, or by hand): not this stream owner's business
            unknownSymbols++;
            return;
        }
        if (o.path("positionIdx").asInt(0) != 0) {
            refuseHedge("order", o);
            return;
        }
        final String linkId = o.path("orderLinkId").asText("");
        final String orderId = o.path("orderId").asText("");
        final String status = o.path("orderStatus").asText("");
        final String rejectReason = o.path("rejectReason").asText("");
        final long updatedMs = millis(o.path("updatedTime").asText(""));
        final long exchangeNs = updatedMs > 0 ? updatedMs * NS_PER_MS : creationNs;
        switch (status) {
            case "New":
            case "Untriggered":
            case "PartiallyFilled":
            case "Created":
                onWorking(o, linkId, orderId, status, exchangeNs, localTimeNs);
                break;
            case "Triggered":
                listener.onOrderEvent(new OrderEvent.Triggered(linkId, orderId, exchangeNs, localTimeNs));
                break;
            case "Filled":
                if (working.remove(orderId) == null) {
                    // Filled at once (e.g. a market order): the order was accepted; fills come from execution.
                    listener.onOrderEvent(new OrderEvent.Accepted(linkId, orderId, exchangeNs, localTimeNs));
                }
                break;
            case "Cancelled":
            case "PartiallyFilledCanceled":
            case "Deactivated":
            case "Rejected":
                working.remove(orderId);
                listener.onOrderEvent(BybitVocabulary.finished(
                        status,
                        o.path("cancelType").asText(""),
                        rejectReason,
                        linkId,
                        orderId,
                        exchangeNs,
                        localTimeNs));
                break;
            default:
                malformed++;
                LOG.warn("bybit private: order {} has unknown status '{}'", linkId, status);
        }
    }

    private void onWorking(JsonNode o, String linkId, String orderId, String status, long exchangeNs, long nowNs) {
        final String symbol = o.path("symbol").asText("");
        final Instrument instrument = instruments.apply(symbol);
        long price = Decimals.INVALID;
        long qty = Decimals.INVALID;
        long trigger = Decimals.INVALID;
        if (instrument != null) {
            price = ticks(instrument, o.path("price").asText(""));
            qty = lots(instrument, o.path("qty").asText(""));
            trigger = ticks(instrument, o.path("triggerPrice").asText(""));
        }
        final long[] known = working.get(orderId);
        if (known == null) {
            working.put(orderId, new long[] {price, qty, trigger});
            listener.onOrderEvent(new OrderEvent.Accepted(linkId, orderId, exchangeNs, nowNs));
            return;
        }
        if (instrument != null && (known[0] != price || known[1] != qty || known[2] != trigger)) {
            known[0] = price;
            known[1] = qty;
            known[2] = trigger;
            listener.onOrderEvent(new OrderEvent.Amended(linkId, orderId, price, qty, trigger, exchangeNs, nowNs));
        }
    }

    private void onPosition(JsonNode p, long localTimeNs) {
        final String symbol = p.path("symbol").asText("");
        final Instrument instrument = instruments.apply(symbol);
        if (instrument == null) {
            return; // not a symbol this stream's owner trades
        }
        final long lots = lots(instrument, p.path("size").asText(""));
        if (lots == Decimals.INVALID) {
            malformed++;
            LOG.warn("bybit private: position size of {} off the grid: skipped", symbol);
            return;
        }
        final String side = p.path("side").asText("");
        final long signed = "Sell".equals(side) ? -lots : "Buy".equals(side) ? lots : 0;
        final String entry = p.has("entryPrice")
                ? p.path("entryPrice").asText("")
                : p.path("avgPrice").asText("");
        listener.onVenuePosition(new VenuePosition(
                symbol,
                signed,
                signed == 0 ? OrderRequest.NO_PRICE : avgTicks(instrument, entry),
                false,
                millis(p.path("updatedTime").asText("")) * NS_PER_MS,
                localTimeNs));
    }

    /** An average price rounded to the nearest tick ({@link OrderRequest#NO_PRICE} when absent or zero). */
    public static long avgTicks(Instrument instrument, String text) {
        if (text == null || text.isEmpty()) {
            return OrderRequest.NO_PRICE;
        }
        try {
            final BigDecimal price = new BigDecimal(text);
            if (price.signum() <= 0) {
                return OrderRequest.NO_PRICE;
            }
            return price.divide(instrument.tickSize(), 0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return OrderRequest.NO_PRICE;
        }
    }

    private void onWallet(JsonNode w) {
        final String equity = w.path("totalEquity").asText("");
        if (!equity.isEmpty()) {
            try {
                walletEquity = Double.parseDouble(equity);
            } catch (NumberFormatException e) {
                malformed++;
            }
        }
    }

    private void onExecution(JsonNode e, long localTimeNs) {
        final String execType = e.path("execType").asText("");
        final String symbol = e.path("symbol").asText("");
        final long execNs = millis(e.path("execTime").asText("")) * NS_PER_MS;
        if ("Funding".equals(execType)) {
            final double fee = Double.parseDouble(e.path("execFee").asText("0"));
            final double rate = Double.parseDouble(e.path("feeRate").asText("0"));
            listener.onFunding(symbol, -fee, rate, execNs);
            return;
        }
        if ("AdlTrade".equals(execType) || "BustTrade".equals(execType)) {
            forcedExecutions++;
            final String detail = execType + " " + e.path("side").asText("") + " "
                    + e.path("execQty").asText("") + " @ " + e.path("execPrice").asText("") + " on " + symbol;
            LOG.error("bybit private: forced execution {}: checking the position with the venue", detail);
            listener.onVenueAlert(symbol, FORCED_EXECUTION, detail);
            return;
        }
        if (!"Trade".equals(execType)) {
            otherExecutions++;
            LOG.warn("bybit private: {} execution {} on {} not mapped to a fill", execType, e.path("execId"), symbol);
            return;
        }
        final Instrument instrument = instruments.apply(symbol);
        if (instrument == null) {
            // another symbol of the account (traded by another session, or by hand)
            unknownSymbols++;
            LOG.debug("bybit private: fill on {}, a symbol this stream does not trade, skipped", symbol);
            return;
        }
        final long price = ticks(instrument, e.path("execPrice").asText(""));
        final long qty = lots(instrument, e.path("execQty").asText(""));
        if (price == Decimals.INVALID || qty == Decimals.INVALID) {
            malformed++;
            LOG.error("bybit private: fill {} off the {} grid skipped", e.path("execId"), symbol);
            return;
        }
        final String leavesText = e.path("leavesQty").asText("");
        final long leaves = leavesText.isEmpty() ? -1 : lots(instrument, leavesText);
        listener.onOrderEvent(new OrderEvent.Filled(
                e.path("orderLinkId").asText(""),
                e.path("orderId").asText(""),
                e.path("execId").asText(""),
                price,
                qty,
                Double.parseDouble(e.path("execFee").asText("0")),
                e.path("isMaker").asBoolean(false) ? Liquidity.MAKER : Liquidity.TAKER,
                leaves == Decimals.INVALID ? -1 : leaves,
                execNs,
                localTimeNs));
    }

    private void refuseHedge(String what, JsonNode item) {
        hedgeModeRefused++;
        lastError = "hedge mode (positionIdx " + item.path("positionIdx").asInt() + ") is not supported";
        LOG.error(
                "bybit private: {} on {} uses hedge mode (positionIdx {}), which is not supported: refused, not mapped",
                what,
                item.path("symbol").asText(""),
                item.path("positionIdx").asInt());
    }

    private static long ticks(Instrument instrument, String text) {
        return text.isEmpty() || "0".equals(text) ? Decimals.INVALID : instrument.priceToTicks(text);
    }

    private static long lots(Instrument instrument, String text) {
        return text.isEmpty() ? Decimals.INVALID : instrument.qtyToLots(text);
    }

    private static long millis(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The auth request for {@code expiresMs}: {@code {"req_id":...,"op":"auth","args":[apiKey, expires, sig]}}. */
    static String authFrame(BybitCredentials credentials, long expiresMs, String reqIdKey, String reqId) {
        return "{\"" + reqIdKey + "\":\"" + reqId + "\",\"op\":\"auth\",\"args\":[\"" + credentials.apiKey() + "\","
                + expiresMs + ",\"" + BybitSigner.signWebSocket(credentials.apiSecret(), expiresMs) + "\"]}";
    }

    /** The connection (counters: reconnects, messages, pings, stale detections). */
    public BybitWsConnection connection() {
        return connection;
    }

    /** Successful authentications (one per connection). */
    public long authSuccesses() {
        return authSuccesses.get();
    }

    /** Refused authentications; see {@link #lastError()}. */
    public long authFailures() {
        return authFailures.get();
    }

    /** Refused subscriptions. */
    public long subscribeFailures() {
        return subscribeFailures.get();
    }

    /** Pong replies received. */
    public long pongs() {
        return pongs.get();
    }

    /** Orders and positions refused because they use hedge mode (engine thread). */
    public long hedgeModeRefused() {
        return hedgeModeRefused;
    }

    /** Orders and fills on symbols without an instrument (other symbols of the account), skipped (engine thread). */
    public long unknownSymbols() {
        return unknownSymbols;
    }

    /** Frames or items that could not be mapped (engine thread). */
    public long malformed() {
        return malformed;
    }

    /** Executions other than trades and funding (ADL, bust, delivery...), not mapped (engine thread). */
    public long otherExecutions() {
        return otherExecutions;
    }

    /** Position pushes received (engine thread). */
    public long positionUpdates() {
        return positionUpdates;
    }

    /** Wallet pushes received (engine thread). */
    public long walletUpdates() {
        return walletUpdates;
    }

    /** The account's total equity from the last wallet push, or NaN before one (any thread). */
    public double walletEquity() {
        return walletEquity;
    }

    /** Auto-deleverage and liquidation executions seen (engine thread). */
    public long forcedExecutions() {
        return forcedExecutions;
    }

    /** Gaps reported: connects, disconnects and overflows (engine thread). */
    public long gaps() {
        return gaps;
    }

    /** The last error (refused auth or subscription, hedge mode, overflow), redacted; "" if none. */
    public String lastError() {
        return lastError;
    }

    private final class IoListener implements BybitWsConnection.Listener {
        @Override
        public void onOpen(BybitWsConnection c) {
            authed = false;
            subscribed = false;
            queue.offer(EventQueue.CONNECTED, "", clock.nowNs());
            c.send(authFrame(
                    credentials,
                    serverTimeMs.getAsLong() + config.authWindowMs(),
                    "req_id",
                    "auth-" + requests.incrementAndGet()));
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
            authed = false;
            subscribed = false;
            queue.offer(EventQueue.DISCONNECTED, reason, clock.nowNs());
        }
    }

    private void onControl(String text) {
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("bybit private: unreadable control frame ({} chars)", text.length());
            return;
        }
        final String op = root.path("op").asText("");
        final boolean success = root.path("success").asBoolean(false);
        final String message = credentials.redact(root.path("ret_msg").asText(""));
        switch (op) {
            case "auth":
                if (success) {
                    authed = true;
                    authSuccesses.incrementAndGet();
                    connection.send("{\"req_id\":\"sub-" + requests.incrementAndGet()
                            + "\",\"op\":\"subscribe\",\"args\":" + SUBSCRIBE_TOPICS + "}");
                } else {
                    lastError = "auth refused: " + message; // before the counter, as readers poll the counter
                    authFailures.incrementAndGet();
                    LOG.error(
                            "bybit private: authentication refused for key {}: {}",
                            credentials.maskedApiKey(),
                            message);
                    connection.recycle("authentication refused"); // again, after a growing back-off
                }
                break;
            case "subscribe":
                if (success) {
                    subscribed = true;
                    connection.markHealthy();
                } else {
                    lastError = "subscribe refused: " + message;
                    subscribeFailures.incrementAndGet();
                    LOG.error("bybit private: subscription refused: {}", message);
                }
                break;
            case "pong":
            case "ping":
                pongs.incrementAndGet();
                break;
            default:
                break;
        }
    }

    @Override
    public String toString() {
        return "BybitPrivateStream[apiKey=" + credentials.maskedApiKey() + " " + (isUp() ? "up" : "down") + "]";
    }
}
