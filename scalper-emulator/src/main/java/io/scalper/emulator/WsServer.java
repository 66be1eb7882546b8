package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.bybit.auth.BybitSigner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The WebSocket side: {@code /v5/public/linear}, {@code /v5/private} and {@code /v5/trade} on one port. */
final class WsServer extends WebSocketServer {
    private final ExchangeLoop loop;
    private final EmulatorFaults faults;
    private final RateLimits limits;
    private final ScheduledExecutorService pusher;
    private final long latencyMs;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Set<Session> sessions = Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

    WsServer(
            int port,
            ExchangeLoop loop,
            EmulatorFaults faults,
            RateLimits limits,
            ScheduledExecutorService pusher,
            long latencyMs) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.loop = loop;
        this.faults = faults;
        this.limits = limits;
        this.pusher = pusher;
        this.latencyMs = latencyMs;
        setReuseAddr(true);
        setTcpNoDelay(true); // small frames go out at once, as a real feed does (no Nagle batching)
        setConnectionLostTimeout(0);
    }

    void awaitStarted() throws InterruptedException {
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
    }

    private record Held(long dueNanos, String text) {}

    /** One connection. */
    final class Session implements Market.Sink, Account.Subscriber {
        final WebSocket conn;
        final EmulatorFaults.Channel channel;
        final String connId = UUID.randomUUID().toString();
        final Set<String> topics = new HashSet<>();
        final Set<String> reqIds = new HashSet<>();
        volatile Account account;

        Session(WebSocket conn, EmulatorFaults.Channel channel) {
            this.conn = conn;
            this.channel = channel;
        }

        /** Messages held by a delay or stall, oldest first, with non-decreasing due times; guarded by {@code this}. */
        private final java.util.ArrayDeque<Held> heldQueue = new java.util.ArrayDeque<>();
        /** When the last held message is due (System.nanoTime); guarded by {@code this}. */
        private long lastDueNanos;

        @Override
        public void send(String text) {
            send(text, System.nanoTime());
        }

        @Override
        public void send(String text, long madeNanos) {
            final long now = System.nanoTime();
            final long latencyLeft = Math.max(0, madeNanos + latencyMs * 1_000_000L - now);
            enqueue(text, now, faults.pushHoldNanos(now) + latencyLeft);
        }

        /** A reply to a request: not subject to push faults, but never ahead of pushes already held. */
        void reply(String text) {
            enqueue(text, System.nanoTime(), 0);
        }

        /**
         * Sends now when nothing is held, else queues the message behind the held ones, due no earlier than the last
         * of them: the connection's messages keep their order whatever delays and stalls start or end meanwhile.
         */
        private synchronized void enqueue(String text, long now, long hold) {
            if (hold <= 0 && heldQueue.isEmpty()) {
                sendNow(text);
                return;
            }
            final long due = Math.max(now + Math.max(0, hold), lastDueNanos);
            lastDueNanos = due;
            heldQueue.addLast(new Held(due, text));
            if (heldQueue.size() == 1) {
                scheduleDrain(due - now);
            }
        }

        /** Sends the held messages that are due, in order; reschedules itself for the rest. */
        private synchronized void drain() {
            final long now = System.nanoTime();
            while (!heldQueue.isEmpty() && heldQueue.peekFirst().dueNanos() - now <= 0) {
                sendNow(heldQueue.pollFirst().text());
            }
            if (!heldQueue.isEmpty()) {
                scheduleDrain(heldQueue.peekFirst().dueNanos() - now);
            }
        }

        private void scheduleDrain(long delayNanos) {
            try {
                pusher.schedule(this::drain, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                heldQueue.clear(); // emulator closing
            }
        }

        /** Whether everything sent so far has been written to the socket (or the connection is gone). */
        synchronized boolean flushed() {
            return !conn.isOpen() || (heldQueue.isEmpty() && !conn.hasBufferedData());
        }

        private void sendNow(String text) {
            try {
                if (conn.isOpen()) {
                    conn.send(text);
                }
            } catch (RuntimeException ignored) {
                // closed meanwhile
            }
        }

        @Override
        public String subscribedAs(String base) {
            synchronized (topics) {
                if (topics.contains(base)) {
                    return base;
                }
                final String categorised = base.equals("wallet") ? null : base + ".linear";
                return categorised != null && topics.contains(categorised) ? categorised : null;
            }
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String path = handshake.getResourceDescriptor();
        final int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        final EmulatorFaults.Channel channel;
        switch (path) {
            case "/v5/public/linear" -> channel = EmulatorFaults.Channel.PUBLIC;
            case "/v5/private" -> channel = EmulatorFaults.Channel.PRIVATE;
            case "/v5/trade" -> channel = EmulatorFaults.Channel.TRADE;
            default -> {
                conn.close(CloseFrame.POLICY_VALIDATION, "unknown path " + path);
                return;
            }
        }
        final Session s = new Session(conn, channel);
        conn.setAttachment(s);
        sessions.add(s);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        final Session s = conn.getAttachment();
        if (s == null) {
            return;
        }
        sessions.remove(s);
        loop.execute(() -> {
            for (Market m : loop.markets.values()) {
                m.removeSink(s);
            }
            final Account a = s.account;
            if (a != null) {
                a.subscribers.remove(s);
            }
        });
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        onMessage(conn, java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
    }

    @Override
    public void onMessage(WebSocket conn, String text) {
        final Session s = conn.getAttachment();
        if (s == null) {
            return;
        }
        final ObjectNode msg = Json.parseObject(text);
        if (msg == null) {
            if (s.channel == EmulatorFaults.Channel.TRADE) {
                s.reply(tradeReply(s, null, "", 10404, "invalid message", null));
            } else {
                s.reply(ack(s, "", "", false, "error:invalid message"));
            }
            return;
        }
        switch (s.channel) {
            case PUBLIC -> onPublic(s, msg);
            case PRIVATE -> onPrivate(s, msg);
            case TRADE -> onTrade(s, msg);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            started.countDown();
        }
    }

    /** Closes every connection of a channel abruptly. */
    int drop(EmulatorFaults.Channel channel) {
        int n = 0;
        for (Session s : sessions.toArray(new Session[0])) {
            if (s.channel == channel) {
                s.conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by fault injection");
                n++;
            }
        }
        return n;
    }

    int sessionCount(EmulatorFaults.Channel channel) {
        int n = 0;
        for (Session s : sessions) {
            if (s.channel == channel) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ public

    private static String reqId(JsonNode msg) {
        final String r = Json.str(msg, "req_id");
        return r == null ? "" : r;
    }

    private String ack(Session s, String op, String reqId, boolean ok, String retMsg) {
        final ObjectNode a = Json.obj();
        a.put("success", ok);
        a.put("ret_msg", retMsg);
        a.put("conn_id", s.connId);
        a.put("req_id", reqId);
        a.put("op", op);
        return Json.write(a);
    }

    private void onPublic(Session s, ObjectNode msg) {
        final String op = Json.str(msg, "op");
        final String reqId = reqId(msg);
        if ("ping".equals(op)) {
            s.reply(ack(s, "ping", reqId, true, "pong"));
            return;
        }
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op)) {
            s.reply(ack(s, op == null ? "" : op, reqId, false, "error:handler not found,op:" + op));
            return;
        }
        final JsonNode args = msg.get("args");
        if (args == null || !args.isArray() || args.isEmpty()) {
            s.reply(ack(s, op, reqId, false, "error:args is empty"));
            return;
        }
        loop.execute(() -> {
            for (JsonNode a : args) {
                final String topic = a.asText();
                if (findMarket(topic) == null) {
                    s.reply(ack(s, op, reqId, false, "error:handler not found,topic:" + topic));
                    return;
                }
            }
            s.reply(ack(s, op, reqId, true, ""));
            for (JsonNode a : args) {
                final String topic = a.asText();
                final Market m = findMarket(topic);
                if (op.equals("subscribe")) {
                    if (s.topics.add(topic)) {
                        m.subscribe(topic, s);
                    }
                } else {
                    s.topics.remove(topic);
                    m.unsubscribe(topic, s);
                }
            }
        });
    }

    private Market findMarket(String topic) {
        for (Market m : loop.markets.values()) {
            if (m.serves(topic)) {
                return m;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ private

    private static final Set<String> PRIVATE_TOPICS = Set.of(
            "order",
            "execution",
            "execution.fast",
            "position",
            "wallet",
            "order.linear",
            "execution.linear",
            "execution.fast.linear",
            "position.linear");

    private void onPrivate(Session s, ObjectNode msg) {
        final String op = Json.str(msg, "op");
        final String reqId = Json.str(msg, "req_id");
        if ("ping".equals(op)) {
            final ObjectNode pong = Json.obj();
            pong.put("req_id", reqId == null ? "" : reqId);
            pong.put("op", "pong");
            pong.set("args", Json.arr().add(Long.toString(System.currentTimeMillis())));
            pong.put("conn_id", s.connId);
            s.reply(Json.write(pong));
            return;
        }
        if ("auth".equals(op)) {
            final String error = checkWsAuth(s, msg.get("args"));
            final ObjectNode a = Json.obj();
            if (reqId != null) {
                a.put("req_id", reqId);
            }
            a.put("success", error == null);
            a.put("ret_msg", error == null ? "" : error);
            a.put("op", "auth");
            a.put("conn_id", s.connId);
            s.reply(Json.write(a));
            return;
        }
        if ("subscribe".equals(op) || "unsubscribe".equals(op)) {
            final ObjectNode reply = Json.obj();
            if (reqId != null) {
                reply.put("req_id", reqId);
            }
            final Account account = s.account;
            final JsonNode args = msg.get("args");
            String error = null;
            if (account == null) {
                error = "Request not authorized";
            } else if (args == null || !args.isArray() || args.isEmpty()) {
                error = "error:args is empty";
            } else {
                for (JsonNode t : args) {
                    if (!PRIVATE_TOPICS.contains(t.asText())) {
                        error = "error:handler not found,topic:" + t.asText();
                    }
                }
            }
            if (error == null) {
                synchronized (s.topics) {
                    for (JsonNode t : args) {
                        if (op.equals("subscribe")) {
                            s.topics.add(t.asText());
                        } else {
                            s.topics.remove(t.asText());
                        }
                    }
                }
                if (!account.subscribers.contains(s)) {
                    account.subscribers.add(s);
                }
            }
            reply.put("success", error == null);
            reply.put("ret_msg", error == null ? "" : error);
            reply.put("op", op);
            reply.put("conn_id", s.connId);
            s.reply(Json.write(reply));
            return;
        }
        final ObjectNode bad = Json.obj();
        bad.put("success", false);
        bad.put("ret_msg", "error:handler not found,op:" + op);
        bad.put("op", op == null ? "" : op);
        bad.put("conn_id", s.connId);
        s.reply(Json.write(bad));
    }

    /** Checks {@code [key, expires, signature]}; null when right, else the failure text. */
    private String checkWsAuth(Session s, JsonNode args) {
        if (s.account != null) {
            return "Repeat auth";
        }
        if (args == null || !args.isArray() || args.size() != 3) {
            return "Params Error";
        }
        final String key = args.get(0).asText();
        final long expires;
        try {
            expires = Long.parseLong(args.get(1).asText());
        } catch (NumberFormatException e) {
            return "Params Error";
        }
        final String sig = args.get(2).asText();
        final Account a = loop.accounts.get(key);
        if (a == null) {
            return "Invalid apikey";
        }
        if (expires <= System.currentTimeMillis()) {
            return "Params Error: request expired";
        }
        if (!BybitSigner.signWebSocket(a.apiSecret, expires).equalsIgnoreCase(sig)) {
            return "Invalid sign";
        }
        s.account = a;
        return null;
    }

    // ------------------------------------------------------------------ trade

    /** How long a WS-trade reply may take to reach the socket before the pushes behind it go anyway, ns. */
    private static final long FLUSH_WAIT_MAX_NS = 200_000_000L;

    private static final long FLUSH_POLL_NS = 50_000L;

    private static final Set<String> ORDER_OPS = Set.of("order.create", "order.amend", "order.cancel");

    /** A WS-trade reply with the X-Bapi-Limit figures of a request that took nothing from a budget. */
    private String tradeReply(Session s, String reqId, String op, int code, String msg, JsonNode data) {
        final Account a = s.account;
        final RateLimits.Verdict v = a != null && op != null && ORDER_OPS.contains(op)
                ? limits.peek(a.uid, endpoint(op), RestServer.ORDER_LIMIT_PER_SECOND)
                : new RateLimits.Verdict(
                        true,
                        RestServer.ORDER_LIMIT_PER_SECOND,
                        RestServer.ORDER_LIMIT_PER_SECOND,
                        System.currentTimeMillis());
        return tradeReply(s, reqId, op, code, msg, data, v);
    }

    /** The REST endpoint whose budget a WS-trade op shares: {@code order.create} → {@code /v5/order/create}. */
    private static String endpoint(String op) {
        return "/v5/order/" + op.substring("order.".length());
    }

    /** {@code limit}: the request's rate-limit verdict, reported in {@code header}. */
    private String tradeReply(
            Session s, String reqId, String op, int code, String msg, JsonNode data, RateLimits.Verdict limit) {
        final ObjectNode r = Json.obj();
        if (reqId != null) {
            r.put("reqId", reqId);
        }
        r.put("retCode", code);
        r.put("retMsg", msg);
        r.put("op", op);
        r.set("data", data == null ? Json.obj() : data);
        r.set("retExtInfo", Json.obj());
        final ObjectNode h = r.putObject("header");
        final long now = System.currentTimeMillis();
        h.put("X-Bapi-Limit", Integer.toString(limit.limit()));
        h.put("X-Bapi-Limit-Status", Integer.toString(limit.remaining()));
        h.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(limit.resetEpochMs()));
        h.put("Traceid", UUID.randomUUID().toString().replace("-", ""));
        h.put("Timenow", Long.toString(now));
        r.put("connId", s.connId);
        return Json.write(r);
    }

    /** Sends an order op's refusal and counts it in the account's traffic. */
    private void refuse(Session s, Account a, String reqId, String op, Reply r, RateLimits.Verdict limit) {
        a.traffic.answered(r.retCode(), r.injected());
        s.reply(
                limit == null
                        ? tradeReply(s, reqId, op, r.retCode(), r.retMsg(), null)
                        : tradeReply(s, reqId, op, r.retCode(), r.retMsg(), null, limit));
    }

    private void onTrade(Session s, ObjectNode msg) {
        final String op = Json.str(msg, "op");
        final String reqId = Json.str(msg, "reqId");
        if ("ping".equals(op)) {
            final ObjectNode pong = Json.obj();
            pong.put("retCode", 0);
            pong.put("retMsg", "OK");
            pong.put("op", "pong");
            pong.set("data", Json.arr().add(Long.toString(System.currentTimeMillis())));
            pong.put("connId", s.connId);
            s.reply(Json.write(pong));
            return;
        }
        if ("auth".equals(op)) {
            final String error = checkWsAuth(s, msg.get("args"));
            final ObjectNode a = Json.obj();
            if (reqId != null) {
                a.put("reqId", reqId);
            }
            final int code = error == null
                    ? 0
                    : error.equals("Repeat auth")
                            ? 20001
                            : error.equals("Invalid sign") ? 10004 : error.startsWith("Params") ? 10001 : 10003;
            a.put("retCode", code);
            a.put("retMsg", error == null ? "OK" : error);
            a.put("op", "auth");
            a.put("connId", s.connId);
            s.reply(Json.write(a));
            return;
        }
        if (op == null || !ORDER_OPS.contains(op)) {
            s.reply(tradeReply(s, reqId, op == null ? "" : op, 10404, "unknown op: " + op, null));
            return;
        }
        final Account account = s.account;
        if (account == null) {
            s.reply(tradeReply(s, reqId, op, 10003, "Request not authorized", null));
            return;
        }
        account.traffic.received(System.nanoTime());
        if (reqId != null && !s.reqIds.add(reqId)) {
            refuse(s, account, reqId, op, Reply.error(20006, "reqId is duplicated"), null);
            return;
        }
        final JsonNode header = msg.has("header") ? msg.get("header") : msg.get("headers");
        final String ts = Json.str(header, "X-BAPI-TIMESTAMP");
        final String recv = Json.str(header, "X-BAPI-RECV-WINDOW");
        if (ts == null) {
            refuse(s, account, reqId, op, Reply.error(10001, "params error: X-BAPI-TIMESTAMP is required"), null);
            return;
        }
        try {
            final long t = Long.parseLong(ts);
            final long window = recv == null ? 5000 : Long.parseLong(recv);
            final long now = System.currentTimeMillis();
            if (t < now - window || t >= now + 1000) {
                refuse(
                        s,
                        account,
                        reqId,
                        op,
                        Reply.error(
                                10002,
                                "invalid request, please check your server timestamp or recv_window param."
                                        + " req_timestamp[" + t + "],server_timestamp[" + now + "],recv_window["
                                        + window + "]"),
                        null);
                return;
            }
        } catch (NumberFormatException e) {
            refuse(s, account, reqId, op, Reply.error(10001, "params error: X-BAPI-TIMESTAMP invalid"), null);
            return;
        }
        final JsonNode args = msg.get("args");
        if (args == null || !args.isArray() || args.size() != 1 || !args.get(0).isObject()) {
            refuse(s, account, reqId, op, Reply.error(10001, "params error: args must hold one order"), null);
            return;
        }
        if (faults.stormRefuses()) {
            refuse(
                    s,
                    account,
                    reqId,
                    op,
                    Reply.injected(10006, "Too many visits!"),
                    new RateLimits.Verdict(
                            false, RestServer.ORDER_LIMIT_PER_SECOND, 0, System.currentTimeMillis() + 1000));
            return;
        }
        // the same per-UID budget as the REST endpoint (Bybit reports the same X-Bapi-Limit figures on both)
        final RateLimits.Verdict limit = limits.take(account.uid, endpoint(op), RestServer.ORDER_LIMIT_PER_SECOND);
        if (!limit.allowed()) {
            refuse(s, account, reqId, op, Reply.error(10006, "Too many visits!"), limit);
            return;
        }
        final JsonNode params = args.get(0);
        final PushGate.Hold pushes = new PushGate.Hold();
        loop.call(() -> {
                    pushes.place(account.gate);
                    return switch (op) {
                        case "order.create" -> account.create(params);
                        case "order.amend" -> account.amend(params);
                        default -> account.cancel(params);
                    };
                })
                .whenComplete((reply, error) -> {
                    final Reply r = error != null ? Reply.error(10016, "Server error") : reply;
                    account.traffic.answered(r.retCode(), r.injected());
                    final String text = tradeReply(s, reqId, op, r.retCode(), r.retMsg(), r.result(), limit);
                    final long slow = faults.takeSlowDelayMs();
                    if (slow > 0) {
                        // only the answer is late: the command took effect and its pushes go now
                        pushes.release();
                        try {
                            pusher.schedule(() -> s.reply(text), slow, TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.RejectedExecutionException closing) {
                            // emulator closing
                        }
                    } else {
                        s.reply(text);
                        releaseWhenFlushed(s, pushes, System.nanoTime() + FLUSH_WAIT_MAX_NS);
                    }
                });
    }

    /**
     * Releases the pushes once the session's reply has reached its socket: the trade and private sockets are written by
     * one selector in no fixed order, so the reply must be out before the pushes are handed over.
     */
    private void releaseWhenFlushed(Session s, PushGate.Hold pushes, long deadlineNs) {
        if (s.flushed() || System.nanoTime() - deadlineNs >= 0) {
            pushes.release();
            return;
        }
        try {
            pusher.schedule(() -> releaseWhenFlushed(s, pushes, deadlineNs), FLUSH_POLL_NS, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            pushes.release();
        }
    }
}
