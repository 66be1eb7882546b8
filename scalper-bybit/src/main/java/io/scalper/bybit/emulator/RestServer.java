package io.scalper.bybit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scalper.bybit.auth.BybitSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** The REST side: Bybit's envelope, authentication, per-endpoint rate limits; work runs on the exchange thread. */
final class RestServer {
    private record Route(
            String method, boolean signed, int limitPerSecond, BiFunction<Account, JsonNode, Reply> handler) {}

    private final Map<String, Route> routes = new HashMap<>();
    private final ExchangeLoop loop;
    private final EmulatorFaults faults;
    private final long latencyMs;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    RestServer(ExchangeLoop loop, EmulatorFaults faults, long latencyMs) {
        this.loop = loop;
        this.faults = faults;
        this.latencyMs = latencyMs;
        routes.put("/v5/market/instruments-info", new Route("GET", false, 0, (a, p) -> loop.instruments(p)));
        routes.put("/v5/market/tickers", new Route("GET", false, 0, (a, p) -> loop.tickers(p)));
        routes.put("/v5/market/orderbook", new Route("GET", false, 0, (a, p) -> loop.orderbook(p)));
        routes.put("/v5/market/recent-trade", new Route("GET", false, 0, (a, p) -> loop.recentTrades(p)));
        routes.put("/v5/market/funding/history", new Route("GET", false, 0, (a, p) -> loop.fundingHistory(p)));
        routes.put("/v5/order/create", new Route("POST", true, 10, Account::create));
        routes.put("/v5/order/amend", new Route("POST", true, 10, Account::amend));
        routes.put("/v5/order/cancel", new Route("POST", true, 10, Account::cancel));
        routes.put("/v5/order/cancel-all", new Route("POST", true, 10, Account::cancelAll));
        routes.put("/v5/order/realtime", new Route("GET", true, 50, Account::openOrders));
        routes.put("/v5/order/history", new Route("GET", true, 50, Account::orderHistory));
        routes.put("/v5/execution/list", new Route("GET", true, 50, Account::executions));
        routes.put("/v5/position/list", new Route("GET", true, 50, Account::positions));
        routes.put("/v5/position/set-leverage", new Route("POST", true, 10, Account::setLeverage));
        routes.put("/v5/position/trading-stop", new Route("POST", true, 10, Account::tradingStop));
        routes.put("/v5/account/wallet-balance", new Route("GET", true, 50, Account::wallet));
        routes.put("/v5/account/fee-rate", new Route("GET", true, 5, Account::feeRates));
        routes.put("/v5/account/info", new Route("GET", true, 50, (a, p) -> ExchangeLoop.accountInfo(a)));
        routes.put("/v5/user/query-api", new Route("GET", true, 50, (a, p) -> ExchangeLoop.queryApi(a)));
        routes.put("/v5/asset/coin/query-info", new Route("GET", true, 50, (a, p) -> loop.coinInfo(p)));
    }

    /** Per-endpoint limit of the order endpoints, shared with WS trade. */
    static final int ORDER_LIMIT_PER_SECOND = 10;

    void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        executor = Executors.newFixedThreadPool(4, r -> {
            final Thread t = new Thread(r, "bybit-emulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            final String path = ex.getRequestURI().getPath();
            final String rawQuery = ex.getRequestURI().getRawQuery() == null
                    ? ""
                    : ex.getRequestURI().getRawQuery();
            final String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/v5/market/time")) {
                final long nowNanosEpoch = System.currentTimeMillis() * 1_000_000L;
                final ObjectNode r = Json.obj();
                r.put("timeSecond", Long.toString(nowNanosEpoch / 1_000_000_000L));
                r.put("timeNano", Long.toString(nowNanosEpoch));
                send(ex, 200, Reply.ok(r), null);
                return;
            }
            final Route route = routes.get(path);
            if (route == null) {
                send(ex, 404, Reply.error(10017, "route not found"), null);
                return;
            }
            if (!route.method.equals(ex.getRequestMethod())) {
                send(ex, 404, Reply.error(10017, "route not found"), null);
                return;
            }
            final JsonNode params;
            if (route.method.equals("GET")) {
                params = parseQuery(rawQuery);
            } else {
                params = Json.parseObject(body);
                if (params == null) {
                    send(ex, 200, Reply.error(10001, "params error: request body is not a JSON object"), null);
                    return;
                }
            }
            Account account = null;
            String limitKey = null;
            if (route.signed) {
                final String key = ex.getRequestHeaders().getFirst("X-BAPI-API-KEY");
                final String ts = ex.getRequestHeaders().getFirst("X-BAPI-TIMESTAMP");
                final String sign = ex.getRequestHeaders().getFirst("X-BAPI-SIGN");
                String recv = ex.getRequestHeaders().getFirst("X-BAPI-RECV-WINDOW");
                if (recv == null || recv.isEmpty()) {
                    recv = "5000";
                }
                final Reply auth = authenticate(key, ts, recv, sign, route.method.equals("GET") ? rawQuery : body);
                if (auth != null) {
                    send(ex, 200, auth, null);
                    return;
                }
                account = loop.accounts.get(key);
                limitKey = key + " " + path;
            }
            long[] limit = null;
            if (route.signed) {
                if (faults.stormRefuses()) {
                    send(ex, 200, Reply.error(10006, "Too many visits!"), new long[] {
                        route.limitPerSecond, 0, System.currentTimeMillis() + 1000
                    });
                    return;
                }
                limit = take(limitKey, route.limitPerSecond);
                if (limit[1] < 0) {
                    limit[1] = 0;
                    send(ex, 200, Reply.error(10006, "Too many visits!"), limit);
                    return;
                }
            }
            final Account a = account;
            final Reply reply = loop.call(() -> route.handler.apply(a, params)).get(30, TimeUnit.SECONDS);
            send(ex, 200, reply, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            try {
                send(ex, 200, Reply.error(10016, "Server error"), null);
            } catch (IOException ignored) {
                // client gone
            }
        }
    }

    /** Checks key, timestamp and signature; null when they are right. */
    Reply authenticate(String key, String ts, String recv, String sign, String payload) {
        if (key == null || key.isEmpty() || ts == null || sign == null) {
            return Reply.error(10003, "API key is invalid.");
        }
        final Account a = loop.accounts.get(key);
        if (a == null) {
            return Reply.error(10003, "API key is invalid.");
        }
        final long now = System.currentTimeMillis();
        final long t;
        final long window;
        try {
            t = Long.parseLong(ts.trim());
            window = Long.parseLong(recv.trim());
        } catch (NumberFormatException e) {
            return Reply.error(10001, "params error: X-BAPI-TIMESTAMP or X-BAPI-RECV-WINDOW invalid");
        }
        if (t < now - window || t >= now + 1000) {
            return Reply.error(
                    10002,
                    "invalid request, please check your server timestamp or recv_window param. req_timestamp[" + t
                            + "],server_timestamp[" + now + "],recv_window[" + window + "]");
        }
        final String expected = BybitSigner.hmacSha256Hex(a.apiSecret, ts + key + recv + payload);
        if (!expected.equalsIgnoreCase(sign)) {
            return Reply.error(
                    10004,
                    "Error sign, please check your signature generation algorithm: origin_string[***" + payload + "]");
        }
        return null;
    }

    /** Takes one request from a 1-second window: {limit, remaining (negative = refused), resetMs}. */
    long[] take(String key, int limitPerSecond) {
        final long now = System.currentTimeMillis();
        final long[] w = windows.computeIfAbsent(key, k -> new long[] {now, 0});
        synchronized (w) {
            if (now - w[0] >= 1000) {
                w[0] = now;
                w[1] = 0;
            }
            w[1]++;
            return new long[] {limitPerSecond, limitPerSecond - w[1], w[1] > limitPerSecond ? w[0] + 1000 : now};
        }
    }

    private static JsonNode parseQuery(String raw) {
        final ObjectNode p = Json.obj();
        if (raw.isEmpty()) {
            return p;
        }
        for (String pair : raw.split("&")) {
            final int eq = pair.indexOf('=');
            final String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            p.put(k, v);
        }
        return p;
    }

    private void send(HttpExchange ex, int status, Reply reply, long[] limit) throws IOException {
        final long slow = faults.takeSlowDelayMs() + latencyMs;
        if (slow > 0) {
            try {
                Thread.sleep(slow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        final ObjectNode env = Json.obj();
        env.put("retCode", reply.retCode());
        env.put("retMsg", reply.retMsg());
        env.set("result", reply.result());
        env.set("retExtInfo", Json.obj());
        env.put("time", System.currentTimeMillis());
        final byte[] bytes = Json.write(env).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (limit != null) {
            ex.getResponseHeaders().set("X-Bapi-Limit", Long.toString(limit[0]));
            ex.getResponseHeaders().set("X-Bapi-Limit-Status", Long.toString(Math.max(0, limit[1])));
            ex.getResponseHeaders().set("X-Bapi-Limit-Reset-Timestamp", Long.toString(limit[2]));
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
