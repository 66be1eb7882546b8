package io.scalper.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.bybit.auth.BybitSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A small Bybit on loopback: answers pings, acknowledges subscriptions, checks auth signatures with {@link BybitSigner},
 * answers trade-stream requests through a pluggable responder, and records every message it receives in order.
 */
final class FakeBybit extends WebSocketServer {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** How the fake speaks: public/private acks use {@code success}, the trade stream uses {@code retCode}. */
    enum Mode {
        PUBLIC,
        PRIVATE,
        TRADE
    }

    /** A message received, with the number of the connection it came on (1-based, in order of opening). */
    record Received(int connection, String text, JsonNode json) {
        String op() {
            return json.path("op").asText("");
        }
    }

    private final Mode mode;
    private final String apiKey;
    private final String apiSecret;
    private final CountDownLatch started = new CountDownLatch(1);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    volatile boolean silent;
    volatile String refuseTopic = "";
    volatile String authRefusalText = "Invalid sign";
    /** Called after a subscribe is acknowledged, once per topic. */
    volatile BiConsumer<WebSocket, String> onSubscribe = (c, t) -> {};
    /** Trade stream: the reply to a request, or {@code null} for none. */
    volatile BiFunction<WebSocket, JsonNode, String> tradeResponder = (c, j) -> null;

    FakeBybit(Mode mode, String apiKey, String apiSecret) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.mode = mode;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    FakeBybit(Mode mode) {
        this(mode, "", "");
    }

    /** Starts the server and waits until it listens. */
    FakeBybit begin() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("fake Bybit did not start");
        }
        return this;
    }

    /** The base URL, e.g. {@code ws://127.0.0.1:41234}. */
    String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    void stopQuietly() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code text} to every open connection. */
    void push(String text) {
        for (WebSocket c : connections) {
            if (c.isOpen()) {
                c.send(text);
            }
        }
    }

    /** Drops every connection abruptly, as a network failure would. */
    void dropAll() {
        for (WebSocket c : connections) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by test");
        }
    }

    int openConnections() {
        int n = 0;
        for (WebSocket c : connections) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    List<Received> received(String op) {
        final List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.op().equals(op)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.add(conn);
        conn.setAttachment(connections.size());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
        final JsonNode json;
        try {
            json = MAPPER.readTree(message);
        } catch (IOException e) {
            throw new AssertionError("client sent bad JSON: " + message, e);
        }
        final int connection = conn.<Integer>getAttachment();
        received.add(new Received(connection, message, json));
        if (silent) {
            return;
        }
        final String op = json.path("op").asText("");
        switch (op) {
            case "ping":
                conn.send(
                        mode == Mode.TRADE
                                ? "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"1\"],\"connId\":\"c\"}"
                                : mode == Mode.PRIVATE
                                        ? "{\"req_id\":\"" + json.path("req_id").asText() + "\",\"op\":\"pong\","
                                                + "\"args\":[\"1\"],\"conn_id\":\"c\"}"
                                        : "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"req_id\":\""
                                                + json.path("req_id").asText() + "\",\"op\":\"ping\"}");
                break;
            case "auth":
                auth(conn, json);
                break;
            case "subscribe":
            case "unsubscribe":
                subscribe(conn, json, op);
                break;
            default:
                final String reply = tradeResponder.apply(conn, json);
                if (reply != null) {
                    conn.send(reply);
                }
        }
    }

    private void auth(WebSocket conn, JsonNode json) {
        final JsonNode args = json.path("args");
        final long expires = args.path(1).asLong();
        final boolean ok = args.size() == 3
                && apiKey.equals(args.path(0).asText())
                && BybitSigner.signWebSocket(apiSecret, expires)
                        .equals(args.path(2).asText());
        if (mode == Mode.TRADE) {
            conn.send(
                    ok
                            ? "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"auth\",\"connId\":\"c\"}"
                            : "{\"retCode\":10004,\"retMsg\":\"" + authRefusalText
                                    + "\",\"op\":\"auth\",\"connId\":\"c\"}");
        } else {
            conn.send("{\"success\":" + ok + ",\"ret_msg\":\"" + (ok ? "" : authRefusalText)
                    + "\",\"op\":\"auth\",\"conn_id\":\"c\"}");
        }
    }

    private void subscribe(WebSocket conn, JsonNode json, String op) {
        boolean ok = true;
        for (JsonNode a : json.path("args")) {
            if (a.asText().equals(refuseTopic)) {
                ok = false;
            }
        }
        conn.send("{\"success\":" + ok + ",\"ret_msg\":\"" + (ok ? "" : "error:handler not found,topic:" + refuseTopic)
                + "\",\"conn_id\":\"c\",\"req_id\":\"" + json.path("req_id").asText() + "\",\"op\":\"" + op + "\"}");
        if (ok && op.equals("subscribe")) {
            for (JsonNode a : json.path("args")) {
                onSubscribe.accept(conn, a.asText());
            }
        }
    }
}
