package io.scalper.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order entry over Bybit's trade WebSocket (§5 of the reference): {@code order.create}, {@code order.amend} and
 * {@code order.cancel}, each with a unique {@code reqId}, a {@code header} carrying {@code X-BAPI-TIMESTAMP} and {@code
 * X-BAPI-RECV-WINDOW}, and one item in {@code args}. Every connection authenticates first; requests are refused
 * locally until it has.
 *
 * <p>Each request is correlated with its response by {@code reqId}. A response with {@code retCode} 0 is an ack
 * ("accepted": the final state comes from the private stream); any other {@code retCode} is a rejection carrying the
 * code. A request unanswered after {@link BybitWsConfig#requestTimeoutMs()} is reported as {@linkplain
 * ResponseListener#onUnknown unknown}: the caller must query the order (by its {@code orderLinkId}) rather than assume
 * it was or was not placed; a response arriving later is counted and dropped.
 *
 * <p>Threading: requests and {@link #poll(int)} belong to the engine thread, which also receives every callback;
 * the I/O thread only handles auth and queues responses. Demo trading has no trade stream ({@link
 * BybitEnvironment#hasTradeStream()}): use REST there.
 */
public final class BybitTradeStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitTradeStream.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NS_PER_MS = 1_000_000L;

    /** Receives the outcome of each request on the engine thread, exactly once per request. */
    public interface ResponseListener {
        /**
         * Bybit accepted the request ({@code retCode} 0).
         *
         * @param roundTripNs request sent → response received, ns
         */
        void onAck(String reqId, String op, String orderId, String orderLinkId, long roundTripNs);

        /** Bybit refused the request: {@code retCode} ≠ 0 (e.g. 110007 insufficient balance, 110001 no such order). */
        void onRejected(String reqId, String op, String orderLinkId, int retCode, String retMsg);

        /**
         * No response within the timeout: the request may or may not have taken effect. Query the order by {@code
         * orderLinkId} (e.g. REST {@code /v5/order/realtime}) before doing anything else with it.
         */
        void onUnknown(String reqId, String op, String orderLinkId);
    }

    private record Pending(String op, String orderLinkId, long sentNs, long deadlineNs) {}

    private final BybitCredentials credentials;
    private final ResponseListener listener;
    private final BybitWsConfig config;
    private final Clock clock;
    private final LongSupplier serverTimeMs;
    private final EventQueue queue;
    private final BybitWsConnection connection;
    private final EventQueue.Consumer consumer = this::onEvent;

    private volatile boolean authed;
    private volatile String lastError = "";
    private final AtomicLong authSuccesses = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong authRequests = new AtomicLong();

    // engine thread
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<String> expired = new ArrayList<>();
    private long nextReqId;
    private long sent;
    private long acks;
    private long rejections;
    private long timeouts;
    private long lateResponses;

    /**
     * @param url the trade stream URL ({@link BybitEnvironment#tradeWsUrl()})
     * @param credentials API key and secret
     * @param listener receives each request's outcome on the engine thread
     * @param config connection settings and the request timeout
     * @param clock local time (timestamps, deadlines, round trips)
     * @param random reconnect jitter
     */
    public BybitTradeStream(
            String url,
            BybitCredentials credentials,
            ResponseListener listener,
            BybitWsConfig config,
            Clock clock,
            RandomGenerator random) {
        this(url, credentials, listener, config, clock, clock::nowMs, random);
    }

    /**
     * As above, signing with the venue's clock ({@code serverTimeMs}: epoch ms as the venue counts them, e.g. {@code
     * BybitRestClient::serverTimeMs}) for the request header {@code X-BAPI-TIMESTAMP} and the auth {@code expires}.
     */
    public BybitTradeStream(
            String url,
            BybitCredentials credentials,
            ResponseListener listener,
            BybitWsConfig config,
            Clock clock,
            LongSupplier serverTimeMs,
            RandomGenerator random) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverTimeMs = Objects.requireNonNull(serverTimeMs, "serverTimeMs");
        this.queue = new EventQueue(config.queueCapacity());
        this.connection = new BybitWsConnection("trade", url, config, clock, random, new IoListener());
    }

    /**
     * A stream on {@code environment}'s trade URL.
     *
     * @throws IllegalArgumentException if the environment has no trade stream (demo trading)
     */
    public static BybitTradeStream of(
            BybitEnvironment environment,
            BybitCredentials credentials,
            ResponseListener listener,
            BybitWsConfig config,
            Clock clock) {
        if (!environment.hasTradeStream()) {
            throw new IllegalArgumentException(
                    "environment " + environment.name() + " has no trade stream: place orders over REST");
        }
        return new BybitTradeStream(
                environment.tradeWsUrl(), credentials, listener, config, clock, RandomGenerator.getDefault());
    }

    /** Connects (asynchronously); auth follows on every open. */
    public void start() {
        connection.start();
    }

    /** Closes the connection for good; requests still pending time out as unknown on later polls. */
    @Override
    public void close() {
        connection.close();
    }

    /** Whether the stream is connected and authenticated, so requests can be sent. Any thread. */
    public boolean isUp() {
        return authed && connection.isOpen();
    }

    /**
     * Sends {@code order.create}. Engine thread.
     *
     * @return the request id, or {@code null} when the stream is not up (nothing was sent)
     */
    public String create(BybitCreateOrder order) {
        final ObjectNode a = MAPPER.createObjectNode();
        a.put("category", "linear");
        a.put("symbol", order.symbol());
        a.put("side", order.side());
        a.put("orderType", order.orderType());
        a.put("qty", order.qty());
        if (order.price() != null) {
            a.put("price", order.price());
        }
        if (order.timeInForce() != null) {
            a.put("timeInForce", order.timeInForce());
        }
        a.put("orderLinkId", order.orderLinkId());
        if (order.reduceOnly()) {
            a.put("reduceOnly", true);
        }
        if (order.triggerPrice() != null) {
            a.put("triggerPrice", order.triggerPrice());
            a.put("triggerDirection", order.triggerDirection());
            a.put("triggerBy", order.triggerBy());
        }
        a.put("positionIdx", order.positionIdx());
        return send("order.create", order.orderLinkId(), a);
    }

    /**
     * Sends {@code order.amend}. Engine thread.
     *
     * @return the request id, or {@code null} when the stream is not up (nothing was sent)
     * @throws IllegalArgumentException if the amend changes nothing
     */
    public String amend(BybitAmendOrder amend) {
        if (amend.qty() == null && amend.price() == null && amend.triggerPrice() == null) {
            throw new IllegalArgumentException("amend " + amend.symbol() + ": nothing to change");
        }
        final ObjectNode a = target(amend.symbol(), amend.orderId(), amend.orderLinkId());
        if (amend.qty() != null) {
            a.put("qty", amend.qty());
        }
        if (amend.price() != null) {
            a.put("price", amend.price());
        }
        if (amend.triggerPrice() != null) {
            a.put("triggerPrice", amend.triggerPrice());
        }
        return send("order.amend", amend.orderLinkId(), a);
    }

    /**
     * Sends {@code order.cancel} for the order with this client id. Engine thread.
     *
     * @return the request id, or {@code null} when the stream is not up (nothing was sent)
     */
    public String cancel(String symbol, String orderLinkId) {
        return send(
                "order.cancel", orderLinkId, target(symbol, null, Objects.requireNonNull(orderLinkId, "orderLinkId")));
    }

    /**
     * Handles queued responses and expires requests past their deadline, calling the listener. Engine thread only;
     * never blocks.
     *
     * @return the number of responses handled plus requests expired
     */
    public int poll(int max) {
        int n = queue.drain(consumer, max);
        if (!pending.isEmpty()) {
            final long nowNs = clock.nowNs();
            for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                final Map.Entry<String, Pending> e = it.next();
                if (e.getValue().deadlineNs - nowNs < 0) {
                    it.remove();
                    expired.add(e.getKey());
                    expired.add(e.getValue().op);
                    expired.add(e.getValue().orderLinkId);
                }
            }
            for (int i = 0; i < expired.size(); i += 3) {
                timeouts++;
                n++;
                LOG.warn(
                        "bybit trade: {} {} ({}) unanswered after {} ms: state unknown, query the order",
                        expired.get(i + 1),
                        expired.get(i + 2),
                        expired.get(i),
                        config.requestTimeoutMs());
                listener.onUnknown(expired.get(i), expired.get(i + 1), expired.get(i + 2));
            }
            expired.clear();
        }
        return n;
    }

    private ObjectNode target(String symbol, String orderId, String orderLinkId) {
        final ObjectNode a = MAPPER.createObjectNode();
        a.put("category", "linear");
        a.put("symbol", Objects.requireNonNull(symbol, "symbol"));
        if (orderId != null) {
            a.put("orderId", orderId);
        }
        if (orderLinkId != null) {
            a.put("orderLinkId", orderLinkId);
        }
        return a;
    }

    private String send(String op, String orderLinkId, ObjectNode args) {
        if (!isUp()) {
            return null;
        }
        final String reqId = "o-" + (++nextReqId);
        final long nowNs = clock.nowNs();
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("reqId", reqId);
        final ObjectNode header = root.putObject("header");
        header.put("X-BAPI-TIMESTAMP", Long.toString(serverTimeMs.getAsLong()));
        header.put("X-BAPI-RECV-WINDOW", Long.toString(config.recvWindowMs()));
        root.put("op", op);
        final ArrayNode list = root.putArray("args");
        list.add(args);
        final String text;
        try {
            text = MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + op, e);
        }
        // Registered before sending: the response may arrive (and be queued) before send returns.
        pending.put(
                reqId,
                new Pending(
                        op,
                        orderLinkId == null ? "" : orderLinkId,
                        nowNs,
                        nowNs + config.requestTimeoutMs() * NS_PER_MS));
        if (!connection.send(text)) {
            pending.remove(reqId);
            return null;
        }
        sent++;
        return reqId;
    }

    private void onEvent(int kind, String text, long localTimeNs) {
        if (kind != EventQueue.TEXT) {
            return;
        }
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("bybit trade: unreadable frame ({} chars)", text.length());
            return;
        }
        final String reqId = root.path("reqId").asText("");
        final Pending p = pending.remove(reqId);
        if (p == null) {
            lateResponses++;
            LOG.warn("bybit trade: response to unknown or expired request '{}' dropped", reqId);
            return;
        }
        final int retCode = root.path("retCode").asInt(-1);
        if (retCode == 0) {
            acks++;
            final JsonNode data = root.path("data");
            final String linkId = data.path("orderLinkId").asText("");
            listener.onAck(
                    reqId,
                    p.op,
                    data.path("orderId").asText(""),
                    linkId.isEmpty() ? p.orderLinkId : linkId,
                    localTimeNs - p.sentNs);
        } else {
            rejections++;
            final String msg = credentials.redact(root.path("retMsg").asText(""));
            listener.onRejected(reqId, p.op, p.orderLinkId, retCode, msg);
        }
    }

    /** The connection (counters: reconnects, messages, pings, stale detections). */
    public BybitWsConnection connection() {
        return connection;
    }

    /** Requests sent (engine thread). */
    public long requestsSent() {
        return sent;
    }

    /** Requests acknowledged with {@code retCode} 0 (engine thread). */
    public long acks() {
        return acks;
    }

    /** Requests refused (engine thread). */
    public long rejections() {
        return rejections;
    }

    /** Requests reported unknown after the timeout (engine thread). */
    public long timeouts() {
        return timeouts;
    }

    /** Responses that matched no pending request, e.g. after a timeout (engine thread). */
    public long lateResponses() {
        return lateResponses;
    }

    /** Requests awaiting a response (engine thread). */
    public int pendingRequests() {
        return pending.size();
    }

    /** Successful authentications (one per connection). */
    public long authSuccesses() {
        return authSuccesses.get();
    }

    /** Refused authentications; see {@link #lastError()}. */
    public long authFailures() {
        return authFailures.get();
    }

    /** The last auth error, redacted; "" if none. */
    public String lastError() {
        return lastError;
    }

    private final class IoListener implements BybitWsConnection.Listener {
        @Override
        public void onOpen(BybitWsConnection c) {
            authed = false;
            final long expiresMs = serverTimeMs.getAsLong() + config.authWindowMs();
            c.send(BybitPrivateStream.authFrame(
                    credentials, expiresMs, "reqId", "auth-" + authRequests.incrementAndGet()));
        }

        @Override
        public void onText(String text, long localTimeNs) {
            final JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (IOException e) {
                LOG.warn("bybit trade: unreadable frame ({} chars)", text.length());
                return;
            }
            final String op = root.path("op").asText("");
            if ("auth".equals(op)) {
                final int code = root.path("retCode").asInt(-1);
                if (code == 0) {
                    authed = true;
                    authSuccesses.incrementAndGet();
                    connection.markHealthy();
                } else {
                    // the message first: whoever sees the counter move must also see why
                    lastError = "auth refused: " + code + " "
                            + credentials.redact(root.path("retMsg").asText(""));
                    authFailures.incrementAndGet();
                    LOG.error(
                            "bybit trade: authentication refused for key {}: {}",
                            credentials.maskedApiKey(),
                            lastError);
                    connection.recycle("authentication refused"); // again, after a growing back-off
                }
            } else if (!"pong".equals(op) && !"ping".equals(op)) {
                queue.offer(EventQueue.TEXT, text, localTimeNs);
            }
        }

        @Override
        public void onClosed(int code, String reason) {
            authed = false;
        }

        @Override
        public String pingFrame(long n) {
            return "{\"reqId\":\"ping-" + n + "\",\"op\":\"ping\"}";
        }
    }

    @Override
    public String toString() {
        return "BybitTradeStream[apiKey=" + credentials.maskedApiKey() + " " + (isUp() ? "up" : "down") + "]";
    }
}
