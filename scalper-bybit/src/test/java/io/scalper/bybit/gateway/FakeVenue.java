package io.scalper.bybit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A Bybit on loopback: REST on MockWebServer with per-route handlers, and one WebSocket server serving
 * {@code /v5/public/linear}, {@code /v5/private} and {@code /v5/trade} by path. Auth is accepted for the right key;
 * trade requests are answered by a pluggable responder; everything received is recorded.
 */
final class FakeVenue implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String KEY = "GwKeY12345";
    static final String SECRET = "gw-secret-never-shown";

    final MockWebServer rest = new MockWebServer();
    final Ws ws;
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final List<String> restCalls = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> restRequests = new CopyOnWriteArrayList<>();
    /** Trade-stream reply to a request, or {@code null} for none. */
    volatile Function<JsonNode, String> tradeResponder = j -> null;
    /** Sent after a subscribe to a public topic, or {@code null}. */
    volatile Function<String, String> publicSnapshot = t -> null;

    FakeVenue() throws Exception {
        rest.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                final String path = r.getUrl().encodedPath();
                final String key = r.getMethod() + " " + path;
                restCalls.add(key
                        + (r.getUrl().query() == null ? "" : "?" + r.getUrl().query()));
                restRequests.add(r);
                final Function<RecordedRequest, MockResponse> h = routes.get(key);
                return h == null ? error(10017, "route not found") : h.apply(r);
            }
        });
        rest.start();
        ws = new Ws();
        ws.start();
        if (!ws.started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("fake WebSocket server did not start");
        }
        // what a venue read after a (re)connect asks: by default a flat account with no orders
        route(
                "GET /v5/position/list",
                r -> list("{\"symbol\":\"BTCUSDT\",\"side\":\"\",\"size\":\"0\","
                        + "\"positionIdx\":0,\"avgPrice\":\"0\",\"updatedTime\":\"" + System.currentTimeMillis()
                        + "\"}"));
        route("GET /v5/execution/list", r -> list(""));
        route("GET /v5/order/realtime", r -> list(""));
        route("GET /v5/order/history", r -> list(""));
        route(
                "GET /v5/market/time",
                r -> ok("{\"timeSecond\":\"1700000000\",\"timeNano\":\"" + System.currentTimeMillis() * 1_000_000L
                        + "\"}"));
    }

    String restUrl() {
        return rest.url("/").toString();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + ws.getPort();
    }

    void route(String methodAndPath, Function<RecordedRequest, MockResponse> handler) {
        routes.put(methodAndPath, handler);
    }

    List<String> calls(String prefix) {
        return restCalls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().utf8();
    }

    static JsonNode json(RecordedRequest r) {
        try {
            return MAPPER.readTree(body(r));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static MockResponse ok(String result) {
        return raw("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":1}");
    }

    static MockResponse error(int code, String msg) {
        return raw("{\"retCode\":" + code + ",\"retMsg\":\"" + msg + "\",\"result\":{},\"retExtInfo\":{},\"time\":1}");
    }

    static MockResponse list(String items) {
        return ok("{\"category\":\"linear\",\"list\":[" + items + "],\"nextPageCursor\":\"\"}");
    }

    static MockResponse raw(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** Pushes a private-stream frame to every private connection. */
    void pushPrivate(String text) {
        ws.push("private", text);
    }

    void pushPublic(String text) {
        ws.push("public", text);
    }

    /** Drops every private-stream connection (the client reconnects). */
    void dropPrivate() {
        for (WebSocket c : ws.connections) {
            if ("private".equals(c.getAttachment())) {
                c.closeConnection(1006, "dropped by the test");
            }
        }
    }

    /** Drops every trade-stream connection and refuses new ones. */
    void killTrade() {
        ws.refuseTrade = true;
        for (WebSocket c : ws.connections) {
            if ("trade".equals(c.getAttachment())) {
                c.close();
            }
        }
    }

    List<JsonNode> tradeRequests(String op) {
        return ws.tradeRequests.stream()
                .filter(j -> op.equals(j.path("op").asText()))
                .toList();
    }

    @Override
    public void close() {
        try {
            ws.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rest.close();
    }

    final class Ws extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final List<WebSocket> connections = new CopyOnWriteArrayList<>();
        final List<JsonNode> tradeRequests = new CopyOnWriteArrayList<>();
        /** Arrival time (System.nanoTime) of each trade-stream request, in order. */
        final List<Long> tradeRequestTimesNs = new CopyOnWriteArrayList<>();

        volatile boolean refuseTrade;

        Ws() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setConnectionLostTimeout(0);
        }

        void push(String kind, String text) {
            for (WebSocket c : connections) {
                if (c.isOpen() && kind.equals(c.getAttachment())) {
                    c.send(text);
                }
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            final String path = handshake.getResourceDescriptor();
            final String kind =
                    path.contains("/v5/trade") ? "trade" : path.contains("/v5/private") ? "private" : "public";
            if (kind.equals("trade") && refuseTrade) {
                conn.close();
                return;
            }
            conn.setAttachment(kind);
            connections.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            connections.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onMessage(WebSocket conn, String message) {
            final JsonNode j;
            try {
                j = MAPPER.readTree(message);
            } catch (IOException e) {
                return;
            }
            final String kind = conn.getAttachment();
            final String op = j.path("op").asText("");
            final boolean keyOk = KEY.equals(j.path("args").path(0).asText());
            switch (op) {
                case "ping":
                    conn.send(
                            kind.equals("trade")
                                    ? "{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"1\"],\"connId\":\"c\"}"
                                    : "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"op\":\"pong\"}");
                    return;
                case "auth":
                    conn.send(
                            kind.equals("trade")
                                    ? "{\"retCode\":" + (keyOk ? 0 : 10004)
                                            + ",\"retMsg\":\"\",\"op\":\"auth\",\"connId\":\"c\"}"
                                    : "{\"success\":" + keyOk + ",\"ret_msg\":\"\",\"op\":\"auth\",\"conn_id\":\"c\"}");
                    return;
                case "subscribe":
                case "unsubscribe":
                    conn.send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c\",\"req_id\":\""
                            + j.path("req_id").asText() + "\",\"op\":\"" + op + "\"}");
                    if (op.equals("subscribe") && kind.equals("public")) {
                        for (JsonNode t : j.path("args")) {
                            final String snap = publicSnapshot.apply(t.asText());
                            if (snap != null) {
                                conn.send(snap);
                            }
                        }
                    }
                    return;
                default:
                    if (kind.equals("trade")) {
                        tradeRequestTimesNs.add(System.nanoTime());
                        tradeRequests.add(j);
                        final String reply = tradeResponder.apply(j);
                        if (reply != null) {
                            conn.send(reply);
                        }
                    }
            }
        }
    }
}
