package io.scalper.emulator;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The REST side: Bybit's envelope, authentication, per-UID per-endpoint rate limits (rolling 1 s, shared with WS
 * trade); work runs on the exchange thread. A command's reply is written before the private pushes it caused.
 */
final class RestServer {
    private record Route(
            String method,
            boolean signed,
            int limitPerSecond,
            boolean orderEntry,
            BiFunction<Account, JsonNode, Reply> handler) {}

    /** Per-endpoint limit of the order endpoints (create, amend, cancel, cancel-all), shared with WS trade. */
    static final int ORDER_LIMIT_PER_SECOND = 10;

    private final Map<String, Route> routes = new HashMap<>();
    private final ExchangeLoop loop;
    private final EmulatorFaults faults;
    private final RateLimits limits;
    private final long latencyMs;
    private HttpServer server;
    private ExecutorService executor;

    RestServer(ExchangeLoop loop, EmulatorFaults faults, RateLimits limits, long latencyMs) {
        this.loop = loop;
        this.faults = faults;
        this.limits = limits;
        this.latencyMs = latencyMs;
        market("/v5/market/instruments-info", loop::instruments);
        market("/v5/market/tickers", loop::tickers);
        market("/v5/market/orderbook", loop::orderbook);
        market("/v5/market/recent-trade", loop::recentTrades);
        market("/v5/market/funding/history", loop::fundingHistory);
        signed("POST", "/v5/order/create", ORDER_LIMIT_PER_SECOND, true, Account::create);
        signed("POST", "/v5/order/amend", ORDER_LIMIT_PER_SECOND, true, Account::amend);
        signed("POST", "/v5/order/cancel", ORDER_LIMIT_PER_SECOND, true, Account::cancel);
        signed("POST", "/v5/order/cancel-all", ORDER_LIMIT_PER_SECOND, true, Account::cancelAll);
        signed("GET", "/v5/order/realtime", 50, false, Account::openOrders);
        signed("GET", "/v5/order/history", 50, false, Account::orderHistory);
        signed("GET", "/v5/execution/list", 50, false, Account::executions);
        signed("GET", "/v5/position/list", 50, false, Account::positions);
        signed("POST", "/v5/position/set-leverage", 10, false, Account::setLeverage);
        signed("POST", "/v5/position/trading-stop", 10, false, Account::tradingStop);
        signed("GET", "/v5/account/wallet-balance", 50, false, Account::wallet);
        signed("GET", "/v5/account/fee-rate", 5, false, Account::feeRates);
        signed("GET", "/v5/account/info", 50, false, (a, p) -> ExchangeLoop.accountInfo(a));
        signed("GET", "/v5/user/query-api", 50, false, (a, p) -> ExchangeLoop.queryApi(a));
        signed("GET", "/v5/asset/coin/query-info", 50, false, (a, p) -> loop.coinInfo(p));
    }

    private void market(String path, java.util.function.Function<JsonNode, Reply> handler) {
        routes.put(path, new Route("GET", false, 0, false, (a, p) -> handler.apply(p)));
    }

    private void signed(
            String method,
            String path,
            int limitPerSecond,
            boolean orderEntry,
            BiFunction<Account, JsonNode, Reply> handler) {
        routes.put(path, new Route(method, true, limitPerSecond, orderEntry, handler));
    }

    void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // unbounded: a reply held by a slow fault or latency sleeps in its own thread without holding up the others
        executor = Executors.newCachedThreadPool(r -> {
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

    /** What a request's reply carries besides the envelope, and its hold on the pushes it causes. */
    private static final class Outcome {
        RateLimits.Verdict limit;
        Account traffic;
        final PushGate.Hold pushes = new PushGate.Hold();
    }

    private void handle(HttpExchange ex) throws IOException {
        final Outcome out = new Outcome();
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
                send(ex, 200, Reply.ok(r), out);
                return;
            }
            final Route route = routes.get(path);
            if (route == null || !route.method.equals(ex.getRequestMethod())) {
                send(ex, 404, Reply.error(10017, "route not found"), out);
                return;
            }
            final String key = route.signed ? ex.getRequestHeaders().getFirst("X-BAPI-API-KEY") : null;
            final Account account = key == null ? null : loop.accounts.get(key);
            if (route.orderEntry && account != null) {
                account.traffic.received(System.nanoTime());
                out.traffic = account;
            }
            final JsonNode params;
            if (route.method.equals("GET")) {
                params = parseQuery(rawQuery);
            } else {
                params = Json.parseObject(body);
                if (params == null) {
                    send(ex, 200, Reply.error(10001, "params error: request body is not a JSON object"), out);
                    return;
                }
            }
            if (route.signed) {
                final String ts = ex.getRequestHeaders().getFirst("X-BAPI-TIMESTAMP");
                final String sign = ex.getRequestHeaders().getFirst("X-BAPI-SIGN");
                String recv = ex.getRequestHeaders().getFirst("X-BAPI-RECV-WINDOW");
                if (recv == null || recv.isEmpty()) {
                    recv = "5000";
                }
                final Reply auth = authenticate(key, ts, recv, sign, route.method.equals("GET") ? rawQuery : body);
                if (auth != null) {
                    send(ex, 200, auth, out);
                    return;
                }
                if (faults.stormRefuses()) {
                    out.limit =
                            new RateLimits.Verdict(false, route.limitPerSecond, 0, System.currentTimeMillis() + 1000);
                    send(ex, 200, Reply.injected(10006, "Too many visits!"), out);
                    return;
                }
                out.limit = limits.take(account.uid, path, route.limitPerSecond);
                if (!out.limit.allowed()) {
                    send(ex, 200, Reply.error(10006, "Too many visits!"), out);
                    return;
                }
            }
            final Account a = account;
            final boolean holdPushes = a != null && route.method.equals("POST");
            final Reply reply = loop.call(() -> {
                        if (holdPushes) {
                            out.pushes.place(a.gate);
                        }
                        return route.handler.apply(a, params);
                    })
                    .get(30, TimeUnit.SECONDS);
            send(ex, 200, reply, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            try {
                send(ex, 200, Reply.error(10016, "Server error"), out);
            } catch (IOException ignored) {
                // client gone
            }
        } finally {
            out.pushes.release();
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

    /**
     * Writes the reply (after the configured latency); then lets the pushes the command caused go. A slow fault holds
     * only the reply: the command took effect and its pushes go at the normal time, the answer comes DELAY later.
     */
    private void send(HttpExchange ex, int status, Reply reply, Outcome out) throws IOException {
        final Account traffic = out.traffic;
        if (traffic != null) {
            out.traffic = null;
            traffic.traffic.answered(reply.retCode(), reply.injected());
        }
        sleep(latencyMs);
        final long slow = faults.takeSlowDelayMs();
        if (slow > 0) {
            out.pushes.release();
            sleep(slow);
        }
        final ObjectNode env = Json.obj();
        env.put("retCode", reply.retCode());
        env.put("retMsg", reply.retMsg());
        env.set("result", reply.result());
        env.set("retExtInfo", Json.obj());
        env.put("time", System.currentTimeMillis());
        final byte[] bytes = Json.write(env).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        final RateLimits.Verdict limit = out.limit;
        if (limit != null) {
            ex.getResponseHeaders().set("X-Bapi-Limit", Integer.toString(limit.limit()));
            ex.getResponseHeaders().set("X-Bapi-Limit-Status", Integer.toString(limit.remaining()));
            ex.getResponseHeaders().set("X-Bapi-Limit-Reset-Timestamp", Long.toString(limit.resetEpochMs()));
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
        ex.close(); // the reply is on the wire before the pushes behind it
        out.pushes.release();
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
