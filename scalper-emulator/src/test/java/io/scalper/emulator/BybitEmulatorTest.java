package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.auth.BybitSigner;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitInstrumentInfo;
import io.scalper.bybit.rest.BybitOrderbook;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitTicker;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Side;
import io.scalper.core.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// each test polls with 20 s deadlines; this only stops a test that would otherwise hang the build
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BybitEmulatorTest {
    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";
    private static final ObjectMapper M = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static int links;
    // a fresh emulator per test: no shared accounts, rate-limit windows or faults between tests
    private BybitEmulator emu;
    private BybitRestClient client;

    @BeforeEach
    void start() throws Exception {
        emu = BybitEmulator.builder()
                .apiKey(KEY, SECRET)
                .apiKey("other", "other-secret")
                .seed(7)
                .build()
                .start();
        client = BybitRestClient.builder(BybitEnvironment.custom(emu.restUrl(), emu.wsUrl()))
                .credentials(new BybitCredentials(KEY, SECRET))
                .build();
        poll(() -> emu.marketMessages() > 20, "market running");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (emu != null) {
            emu.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static void poll(BooleanSupplier cond, String what) throws InterruptedException {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static String link() {
        return "t-" + System.nanoTime() % 1_000_000_000L + "-" + (++links);
    }

    JsonNode get(String path, String query) throws Exception {
        return get(path, query, KEY, SECRET, System.currentTimeMillis());
    }

    JsonNode get(String path, String query, String key, String secret, long ts) throws Exception {
        final String sign = BybitSigner.hmacSha256Hex(secret, ts + key + "5000" + query);
        final HttpRequest r = HttpRequest.newBuilder(URI.create(emu.restUrl() + path + "?" + query))
                .header("X-BAPI-API-KEY", key)
                .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                .header("X-BAPI-RECV-WINDOW", "5000")
                .header("X-BAPI-SIGN", sign)
                .build();
        return M.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    JsonNode post(String path, String body) throws Exception {
        return post(path, body, body, SECRET, System.currentTimeMillis());
    }

    HttpResponse<String> postRaw(String path, String signedBody, String sentBody, String secret, long ts)
            throws Exception {
        final String sign = BybitSigner.hmacSha256Hex(secret, ts + KEY + "5000" + signedBody);
        final HttpRequest r = HttpRequest.newBuilder(URI.create(emu.restUrl() + path))
                .header("X-BAPI-API-KEY", KEY)
                .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                .header("X-BAPI-RECV-WINDOW", "5000")
                .header("X-BAPI-SIGN", sign)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sentBody))
                .build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode post(String path, String signedBody, String sentBody, String secret, long ts) throws Exception {
        return M.readTree(postRaw(path, signedBody, sentBody, secret, ts).body());
    }

    static String order(String side, String type, String qty, String price, String tif, String link) {
        return "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"" + side + "\",\"orderType\":\"" + type
                + "\",\"qty\":\"" + qty + "\"" + (price == null ? "" : ",\"price\":\"" + price + "\"")
                + ",\"timeInForce\":\"" + tif + "\",\"orderLinkId\":\"" + link + "\"}";
    }

    /** Best bid and ask as decimal texts. */
    String[] touch() throws Exception {
        final JsonNode ob = get("/v5/market/orderbook", "category=linear&symbol=BTCUSDT&limit=1")
                .get("result");
        return new String[] {
            ob.get("b").get(0).get(0).asText(), ob.get("a").get(0).get(0).asText()
        };
    }

    final class Ws extends WebSocketClient implements AutoCloseable {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile boolean closed;
        JsonNode authReply;

        Ws(String path) throws Exception {
            super(URI.create(emu.wsUrl() + path));
            connectBlocking(10, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(ServerHandshake h) {}

        @Override
        public void onMessage(String m) {
            messages.add(m);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed = true;
        }

        @Override
        public void onError(Exception ex) {}

        JsonNode next(Predicate<JsonNode> want) throws Exception {
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() - deadline < 0) {
                final String m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    final JsonNode n = M.readTree(m);
                    if (want.test(n)) {
                        return n;
                    }
                }
            }
            throw new AssertionError("no matching message");
        }
    }

    static Predicate<JsonNode> topic(String t) {
        return n -> t.equals(n.path("topic").asText());
    }

    Ws privateWs() throws Exception {
        return privateWs("\"order\",\"execution\",\"position\",\"wallet\"");
    }

    /** An authenticated private socket subscribed to {@code topics} (quoted, comma-separated). */
    Ws privateWs(String topics) throws Exception {
        final Ws ws = new Ws("/v5/private");
        final long expires = System.currentTimeMillis() + 10_000;
        ws.send("{\"req_id\":\"a1\",\"op\":\"auth\",\"args\":[\"" + KEY + "\"," + expires + ",\""
                + BybitSigner.signWebSocket(SECRET, expires) + "\"]}");
        final JsonNode auth = ws.next(n -> "auth".equals(n.path("op").asText()));
        ws.authReply = auth;
        assertThat(auth.get("success").asBoolean()).isTrue();
        ws.send("{\"op\":\"subscribe\",\"args\":[" + topics + "]}");
        assertThat(ws.next(n -> "subscribe".equals(n.path("op").asText()))
                        .get("success")
                        .asBoolean())
                .isTrue();
        return ws;
    }

    // ------------------------------------------------------------------ REST through our client

    @Test
    void shouldServeMarketDataToOurRestClient() throws Exception {
        final List<BybitInstrumentInfo> infos = client.instrumentsInfo("BTCUSDT");
        assertThat(infos).hasSize(1);
        assertThat(client.instruments("BTCUSDT").get(0).tickSize().toPlainString())
                .isEqualTo("0.10");
        final List<BybitTicker> tickers = client.tickers("BTCUSDT");
        assertThat(tickers).hasSize(1);
        final BybitOrderbook ob = client.orderbook("BTCUSDT", 50);
        assertThat(ob).isNotNull();
        assertThat(client.walletBalance().equity().doubleValue()).isGreaterThan(0);
        assertThat(client.feeRates("BTCUSDT")).hasSize(1);
        assertThat(client.syncTime()).isNotZero();
    }

    @Test
    void shouldPlaceAmendListAndCancelAnOrder() throws Exception {
        final String[] t = touch();
        final double bid = Double.parseDouble(t[0]);
        final String price = String.format(java.util.Locale.ROOT, "%.1f", Math.floor(bid * 0.98 * 10) / 10);
        final String id = link();
        final JsonNode created = post("/v5/order/create", order("Buy", "Limit", "0.010", price, "GTC", id));
        assertThat(created.get("retCode").asInt()).isZero();
        assertThat(created.at("/result/orderLinkId").asText()).isEqualTo(id);
        assertThat(client.findOrder("BTCUSDT", id))
                .hasValueSatisfying(o -> assertThat(o.orderStatus()).isEqualTo("New"));
        assertThat(client.allOpenOrders("BTCUSDT"))
                .anyMatch(o -> o.orderLinkId().equals(id));
        final JsonNode amended = post(
                "/v5/order/amend",
                "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"" + id + "\",\"qty\":\"0.020\"}");
        assertThat(amended.get("retCode").asInt()).isZero();
        assertThat(client.findOrder("BTCUSDT", id).orElseThrow().qty()).isEqualTo("0.020");
        client.cancelOrder("BTCUSDT", id);
        assertThat(client.findOrder("BTCUSDT", id).orElseThrow().orderStatus()).isEqualTo("Cancelled");
        // closed orders leave realtime's default (open only) view and show in the history
        assertThat(get("/v5/order/realtime", "category=linear&symbol=BTCUSDT").at("/result/list"))
                .noneMatch(o -> o.get("orderLinkId").asText().equals(id));
        assertThat(get("/v5/order/history", "category=linear&symbol=BTCUSDT&orderStatus=Cancelled")
                        .at("/result/list"))
                .anyMatch(o -> o.get("orderLinkId").asText().equals(id));
        final JsonNode again = post(
                "/v5/order/cancel", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"" + id + "\"}");
        assertThat(again.get("retCode").asInt()).isEqualTo(110001);
    }

    @Test
    void shouldCancelACrossingPostOnlyWithBybitsReason() throws Exception {
        final String[] t = touch();
        final String id = link();
        final JsonNode created = post("/v5/order/create", order("Buy", "Limit", "0.001", t[1], "PostOnly", id));
        assertThat(created.get("retCode").asInt()).isZero();
        final var o = client.findOrder("BTCUSDT", id).orElseThrow();
        assertThat(o.orderStatus()).isEqualTo("Cancelled");
        assertThat(o.rejectReason()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        assertThat(o.cumExecQty()).isEqualTo("0.000");
    }

    @Test
    void shouldFillAMarketOrderAndPushExecutionOrderPositionWalletInOrder() throws Exception {
        try (Ws ws = privateWs()) {
            final String id = link();
            final long before = emu.positionLots(KEY, "BTCUSDT");
            final JsonNode created = post("/v5/order/create", order("Buy", "Market", "0.002", null, "IOC", id));
            assertThat(created.get("retCode").asInt()).isZero();
            final List<String> topics = new ArrayList<>();
            JsonNode exec = null;
            while (topics.size() < 4 || !topics.contains("wallet")) {
                final JsonNode n = ws.next(x -> x.has("topic"));
                final String tp = n.get("topic").asText();
                if (tp.equals("execution")) {
                    exec = n;
                }
                if (exec != null) {
                    topics.add(tp);
                }
            }
            assertThat(topics.subList(0, 4)).containsExactly("execution", "order", "position", "wallet");
            assertThat(exec.at("/data/0/execType").asText()).isEqualTo("Trade");
            assertThat(exec.at("/data/0/isMaker").asBoolean()).isFalse();
            assertThat(exec.at("/data/0/orderLinkId").asText()).isEqualTo(id);
            assertThat(emu.positionLots(KEY, "BTCUSDT")).isEqualTo(before + 2);
            final long restLots = client.positions("BTCUSDT")
                    .get(0)
                    .signedSizeLots(client.instruments("BTCUSDT").get(0));
            assertThat(restLots).isEqualTo(before + 2);
            final JsonNode execs = get("/v5/execution/list", "category=linear&symbol=BTCUSDT&orderLinkId=" + id);
            assertThat(execs.at("/result/list")).isNotEmpty();
            assertThat(client.findOrder("BTCUSDT", id).orElseThrow().orderStatus())
                    .isEqualTo("Filled");
            // close it again
            assertThat(post(
                                    "/v5/order/create",
                                    "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Sell\","
                                            + "\"orderType\":\"Market\",\"qty\":\"0.002\",\"reduceOnly\":true}")
                            .get("retCode")
                            .asInt())
                    .isZero();
            poll(() -> emu.positionLots(KEY, "BTCUSDT") == before, "position closed");
        }
    }

    // ------------------------------------------------------------------ errors and auth

    @Test
    void shouldAnswerBusinessErrorsWithBybitsCodesAndEnvelope() throws Exception {
        final String[] t = touch();
        final double bid = Double.parseDouble(t[0]);
        final String low = String.format(java.util.Locale.ROOT, "%.1f", Math.floor(bid * 0.9 * 10) / 10);
        final JsonNode minQty = post("/v5/order/create", order("Buy", "Limit", "0.0001", low, "GTC", link()));
        assertThat(minQty.get("retCode").asInt()).isEqualTo(10001);
        assertThat(minQty.fieldNames())
                .toIterable()
                .containsExactly("retCode", "retMsg", "result", "retExtInfo", "time");
        final JsonNode notional = post("/v5/order/create", order("Buy", "Limit", "0.001", "100.0", "GTC", link()));
        assertThat(notional.get("retCode").asInt()).isEqualTo(110094);
        final String id = link();
        assertThat(post("/v5/order/create", order("Buy", "Limit", "0.001", low, "GTC", id))
                        .get("retCode")
                        .asInt())
                .isZero();
        assertThat(post("/v5/order/create", order("Buy", "Limit", "0.001", low, "GTC", id))
                        .get("retCode")
                        .asInt())
                .isEqualTo(110072);
        assertThat(post("/v5/order/cancel", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderId\":\"nope\"}")
                        .get("retCode")
                        .asInt())
                .isEqualTo(110001);
        final JsonNode margin = post("/v5/order/create", order("Buy", "Limit", "50.000", low, "GTC", link()));
        assertThat(margin.get("retCode").asInt()).isEqualTo(110007);
        // Bybit's words, mapped from the simulated exchange's venue-neutral reasons by BybitVocabulary
        assertThat(margin.get("retMsg").asText()).isEqualTo("ab not enough for new order");
        assertThat(notional.get("retMsg").asText()).isEqualTo("Order does not meet minimum order value 5USDT");
        final JsonNode offTick = post("/v5/order/create", order("Buy", "Limit", "0.001", low + "5", "GTC", link()));
        assertThat(offTick.get("retCode").asInt()).isEqualTo(10001);
        post("/v5/order/cancel-all", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\"}");
    }

    @Test
    void shouldRateLimitPerEndpointWith10006AndLimitHeaders() throws Exception {
        // fee-rate allows 5/s per key: send until one is refused (no timing assumption; 6 within a second suffice)
        HttpResponse<String> refused = null;
        int okBefore = 0;
        for (int i = 0; i < 200 && refused == null; i++) {
            final String q = "category=linear&symbol=BTCUSDT";
            final long ts = System.currentTimeMillis();
            final HttpRequest r = HttpRequest.newBuilder(URI.create(emu.restUrl() + "/v5/account/fee-rate?" + q))
                    .header("X-BAPI-API-KEY", "other")
                    .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                    .header("X-BAPI-RECV-WINDOW", "5000")
                    .header("X-BAPI-SIGN", BybitSigner.hmacSha256Hex("other-secret", ts + "other5000" + q))
                    .build();
            final HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            final JsonNode body = M.readTree(resp.body());
            if (body.get("retCode").asInt() == 10006) {
                refused = resp;
                assertThat(body.get("retMsg").asText()).isEqualTo("Too many visits!");
            } else {
                assertThat(body.get("retCode").asInt()).isZero();
                assertThat(resp.headers().firstValue("X-Bapi-Limit")).hasValue("5");
                okBefore++;
            }
        }
        assertThat(refused).as("a request beyond 5/s is refused").isNotNull();
        assertThat(okBefore).isGreaterThanOrEqualTo(5);
        assertThat(refused.headers().firstValue("X-Bapi-Limit")).hasValue("5");
        assertThat(refused.headers().firstValue("X-Bapi-Limit-Status")).hasValue("0");
        assertThat(refused.headers().firstValue("X-Bapi-Limit-Reset-Timestamp")).isPresent();
        // the budget is per key and endpoint: the test key's fee-rate and the other key's wallet are untouched
        assertThat(get("/v5/account/fee-rate", "category=linear&symbol=BTCUSDT")
                        .get("retCode")
                        .asInt())
                .isZero();
        assertThat(get(
                                "/v5/account/wallet-balance",
                                "accountType=UNIFIED",
                                "other",
                                "other-secret",
                                System.currentTimeMillis())
                        .get("retCode")
                        .asInt())
                .isZero();
    }

    @Test
    void shouldRefuseBadSignaturesOldTimestampsAndUnknownKeys() throws Exception {
        final String body = order("Buy", "Limit", "0.001", "1000.0", "GTC", link());
        final long now = System.currentTimeMillis();
        assertThat(post("/v5/order/create", body, body, "wrong", now)
                        .get("retCode")
                        .asInt())
                .isEqualTo(10004);
        assertThat(post("/v5/order/create", body, body, SECRET, now - 60_000)
                        .get("retCode")
                        .asInt())
                .isEqualTo(10002);
        final String tampered = body.replace("0.001", "0.002");
        assertThat(post("/v5/order/create", body, tampered, SECRET, now)
                        .get("retCode")
                        .asInt())
                .isEqualTo(10004);
        assertThat(get("/v5/account/wallet-balance", "accountType=UNIFIED", "nobody", "x", now)
                        .get("retCode")
                        .asInt())
                .isEqualTo(10003);
        assertThat(get("/v5/account/wallet-balance", "accountType=UNIFIED", KEY, "wrong", now)
                        .get("retCode")
                        .asInt())
                .isEqualTo(10004);
    }

    // ------------------------------------------------------------------ WebSockets

    @Test
    void shouldStreamABookThatRebuildsToTheEmulatorsOwn() throws Exception {
        try (Ws ws = new Ws("/v5/public/linear")) {
            ws.send(
                    "{\"req_id\":\"s1\",\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\",\"publicTrade.BTCUSDT\","
                            + "\"tickers.BTCUSDT\"]}");
            final JsonNode ack = ws.next(n -> "subscribe".equals(n.path("op").asText()));
            assertThat(ack.get("success").asBoolean()).isTrue();
            assertThat(ack.get("req_id").asText()).isEqualTo("s1");
            final BybitMarketDecoder decoder = new BybitMarketDecoder();
            long prevU = -1;
            int deltas = 0;
            boolean matched = false;
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (!matched && System.nanoTime() - deadline < 0) {
                final String m = ws.messages.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                decoder.decode(m, System.nanoTime());
                final JsonNode n = M.readTree(m);
                if (!n.path("topic").asText().startsWith("orderbook.")) {
                    continue;
                }
                final long u = n.at("/data/u").asLong();
                if (prevU < 0) {
                    assertThat(n.get("type").asText()).isEqualTo("snapshot");
                } else {
                    assertThat(u).isEqualTo(prevU + 1);
                    deltas++;
                }
                prevU = u;
                if (deltas >= 3 && ws.messages.isEmpty()) {
                    final long before = emu.bookUpdateId("BTCUSDT", 50);
                    final List<List<String[]>> book = emu.book("BTCUSDT", 50);
                    if (before == u && emu.bookUpdateId("BTCUSDT", 50) == u) {
                        final MarketState s = decoder.market("BTCUSDT");
                        for (int side = 0; side < 2; side++) {
                            final Side sd = side == 0 ? Side.BUY : Side.SELL;
                            final List<String[]> rows = book.get(side);
                            assertThat(s.book().depth(sd)).isEqualTo(rows.size());
                            for (int i = 0; i < rows.size(); i++) {
                                assertThat(s.instrument().formatPrice(s.book().priceAt(sd, i)))
                                        .isEqualTo(rows.get(i)[0]);
                                assertThat(s.instrument().formatQty(s.book().sizeAt(sd, i)))
                                        .isEqualTo(rows.get(i)[1]);
                            }
                        }
                        matched = true;
                    }
                }
            }
            assertThat(matched).as("book compared at a quiet moment").isTrue();
            assertThat(decoder.gaps()).isZero();
            ws.send("{\"req_id\":\"p1\",\"op\":\"ping\"}");
            final JsonNode pong = ws.next(n -> "ping".equals(n.path("op").asText()));
            assertThat(pong.get("ret_msg").asText()).isEqualTo("pong");
            ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.500.BTCUSDT\"]}");
            assertThat(ws.next(n -> "subscribe".equals(n.path("op").asText()))
                            .get("success")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void shouldRefuseBadPrivateAuthAndAcceptGoodOne() throws Exception {
        try (Ws ws = new Ws("/v5/private")) {
            final long expires = System.currentTimeMillis() + 10_000;
            ws.send("{\"op\":\"auth\",\"args\":[\"" + KEY + "\"," + expires + ",\"deadbeef\"]}");
            assertThat(ws.next(n -> "auth".equals(n.path("op").asText()))
                            .get("success")
                            .asBoolean())
                    .isFalse();
            ws.send("{\"op\":\"subscribe\",\"args\":[\"order\"]}");
            assertThat(ws.next(n -> "subscribe".equals(n.path("op").asText()))
                            .get("success")
                            .asBoolean())
                    .isFalse();
        }
        try (Ws ws = privateWs()) {
            ws.send("{\"req_id\":\"x\",\"op\":\"ping\"}");
            final JsonNode pong = ws.next(n -> "pong".equals(n.path("op").asText()));
            assertThat(pong.get("args").get(0).isTextual()).isTrue();
        }
    }

    @Test
    void shouldCreateAndCancelOverTradeWebSocket() throws Exception {
        try (Ws ws = new Ws("/v5/trade")) {
            final long expires = System.currentTimeMillis() + 10_000;
            ws.send("{\"reqId\":\"a\",\"op\":\"auth\",\"args\":[\"" + KEY + "\"," + expires + ",\""
                    + BybitSigner.signWebSocket(SECRET, expires) + "\"]}");
            assertThat(ws.next(n -> "auth".equals(n.path("op").asText()))
                            .get("retCode")
                            .asInt())
                    .isZero();
            final String[] t = touch();
            final String price =
                    String.format(java.util.Locale.ROOT, "%.1f", Math.floor(Double.parseDouble(t[0]) * 0.95 * 10) / 10);
            final String id = link();
            ws.send("{\"reqId\":\"c1\",\"header\":{\"X-BAPI-TIMESTAMP\":\"" + System.currentTimeMillis()
                    + "\",\"X-BAPI-RECV-WINDOW\":\"8000\"},\"op\":\"order.create\",\"args\":["
                    + order("Buy", "Limit", "0.001", price, "GTC", id) + "]}");
            final JsonNode created = ws.next(n -> "c1".equals(n.path("reqId").asText()));
            assertThat(created.get("retCode").asInt()).isZero();
            assertThat(created.at("/data/orderLinkId").asText()).isEqualTo(id);
            assertThat(created.at("/header/X-Bapi-Limit").asText()).isEqualTo("10");
            ws.send("{\"reqId\":\"c2\",\"header\":{\"X-BAPI-TIMESTAMP\":" + System.currentTimeMillis()
                    + "},\"op\":\"order.cancel\",\"args\":[{\"category\":\"linear\",\"symbol\":\"BTCUSDT\","
                    + "\"orderLinkId\":\"" + id + "\"}]}");
            assertThat(ws.next(n -> "c2".equals(n.path("reqId").asText()))
                            .get("retCode")
                            .asInt())
                    .isZero();
            ws.send("{\"reqId\":\"c2\",\"header\":{\"X-BAPI-TIMESTAMP\":" + System.currentTimeMillis()
                    + "},\"op\":\"order.cancel\",\"args\":[{\"category\":\"linear\",\"symbol\":\"BTCUSDT\","
                    + "\"orderLinkId\":\"" + id + "\"}]}");
            assertThat(ws.next(n -> "c2".equals(n.path("reqId").asText()))
                            .get("retCode")
                            .asInt())
                    .isEqualTo(20006);
            assertThat(client.findOrder("BTCUSDT", id).orElseThrow().orderStatus())
                    .isEqualTo("Cancelled");
            ws.send("{\"reqId\":\"no-op\",\"args\":[]}");
            assertThat(ws.next(n -> "no-op".equals(n.path("reqId").asText()))
                            .get("retCode")
                            .asInt())
                    .isEqualTo(10404);
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void shouldInjectAndCountFaults() throws Exception {
        final EmulatorFaults f = emu.faults();
        try (Ws ws = new Ws("/v5/public/linear")) {
            ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.BTCUSDT\"]}");
            // count from the snapshot's u: the skipped delta may be the very first one after it
            long prev = ws.next(topic("orderbook.200.BTCUSDT")).at("/data/u").asLong();
            final long skipped = f.skippedDeltas();
            f.skipBookDelta();
            poll(() -> f.skippedDeltas() > skipped, "a delta skipped");
            while (true) {
                final long u =
                        ws.next(topic("orderbook.200.BTCUSDT")).at("/data/u").asLong();
                if (u != prev + 1) {
                    assertThat(u).as("the one gap: u after " + prev).isEqualTo(prev + 2);
                    break;
                }
                prev = u;
            }
            final long restarts = f.bookRestarts();
            f.restartBook();
            final JsonNode restart = ws.next(n ->
                    topic("orderbook.200.BTCUSDT").test(n) && n.at("/data/u").asLong() == 1);
            assertThat(restart.get("type").asText()).isEqualTo("snapshot");
            assertThat(f.bookRestarts()).isGreaterThan(restarts);
            // stall, then delay: pushes are held, counted, and still arrive in order with no update lost
            long u = 1;
            f.stallPushes(1000);
            poll(() -> f.stalledPushes() > 0, "a push held by the stall");
            f.delayPushes(20);
            poll(() -> f.delayedPushes() > 0, "a push delayed");
            f.delayPushes(0);
            final long target = emu.bookUpdateId("BTCUSDT", 200) + 3;
            while (u < target) {
                final long next =
                        ws.next(topic("orderbook.200.BTCUSDT")).at("/data/u").asLong();
                assertThat(next).as("u after " + u).isEqualTo(u + 1);
                u = next;
            }
            assertThat(f.drop(EmulatorFaults.Channel.PUBLIC)).isPositive();
            poll(() -> ws.closed, "public socket dropped");
            assertThat(f.drops(EmulatorFaults.Channel.PUBLIC)).isPositive();
        }
        f.rejectNextOrders(1, 10016);
        final String[] t = touch();
        final String low =
                String.format(java.util.Locale.ROOT, "%.1f", Math.floor(Double.parseDouble(t[0]) * 0.9 * 10) / 10);
        assertThat(post("/v5/order/create", order("Buy", "Limit", "0.001", low, "GTC", link()))
                        .get("retCode")
                        .asInt())
                .isEqualTo(10016);
        assertThat(f.rejectedOrders()).isEqualTo(1);
        f.rateLimitStorm(60_000);
        assertThat(get("/v5/position/list", "category=linear&symbol=BTCUSDT")
                        .get("retCode")
                        .asInt())
                .isEqualTo(10006);
        f.rateLimitStorm(0);
        assertThat(f.rateLimited()).isPositive();
        f.slowResponses(50, 1);
        assertThat(get("/v5/position/list", "category=linear&symbol=BTCUSDT")
                        .get("retCode")
                        .asInt())
                .isZero();
        assertThat(f.slowedResponses()).isEqualTo(1);
        post("/v5/order/cancel-all", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\"}");
    }

    @Test
    void shouldParseFaultSpecs() {
        EmulatorFaults.validate("drop:public@5s,skip-delta@2s,reject:2:110007,slow:3s:1@10s,drop:private~30s,"
                + "stall:1s,delay:200ms,restart-book,storm:2s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorFaults.validate("drop:nowhere"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorFaults.validate("reject:2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ conformance with the fixtures

    /** Field paths with JSON types: {@code result.list[].price -> string}. Arrays are walked through their items. */
    static Map<String, String> shape(JsonNode n) {
        final Map<String, String> out = new TreeMap<>();
        walk(n, "", out);
        return out;
    }

    private static void walk(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            if (!path.isEmpty()) {
                out.put(path, "object");
            }
            final Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (path.endsWith("cumFeeDetail") || path.endsWith("retExtInfo")) {
                    continue; // keyed by coin / free-form
                }
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray()) {
            out.put(path, "array");
            for (JsonNode item : n) {
                walk(item, path + "[]", out);
            }
        } else {
            out.put(path, n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null");
        }
    }

    /** Every field the fixture has, the emulator has with the same type (ignoring {@code ignore}). */
    private final List<String> nonConforming = new ArrayList<>();

    /**
     * Records (in {@link #nonConforming}) every field the fixture has that the emulator lacks or types differently,
     * so one run reports every page; the test asserts the list is empty at its end.
     */
    void assertConforms(String page, JsonNode fixture, JsonNode actual, Set<String> ignore) {
        assertThat(fixture).as(page + ": fixture page").isNotNull();
        assertThat(actual).as(page + ": emulator reply").isNotNull();
        final Map<String, String> want = shape(fixture);
        final Map<String, String> got = shape(actual);
        final Set<String> missing = new TreeSet<>();
        final Set<String> wrongType = new TreeSet<>();
        for (Map.Entry<String, String> e : want.entrySet()) {
            if (ignore.stream().anyMatch(e.getKey()::startsWith)) {
                continue;
            }
            final String g = got.get(e.getKey());
            if (g == null) {
                missing.add(e.getKey());
            } else if (!g.equals(e.getValue()) && !e.getValue().equals("null")) {
                wrongType.add(e.getKey() + " " + g + " != " + e.getValue());
            }
        }
        if (!missing.isEmpty()) {
            nonConforming.add(page + ": fields missing " + missing + " in " + actual);
        }
        if (!wrongType.isEmpty()) {
            nonConforming.add(page + ": types differ " + wrongType);
        }
    }

    @Test
    void shouldMatchTheFixturesFieldByField() throws Exception {
        final Path file = SharedData.require("bybit/fixtures/docs-v5-examples.json");
        final JsonNode fx = M.readTree(Files.readString(file));
        final Set<String> none = Set.of();
        assertConforms(
                "rest_time_0",
                fx.get("rest_time_0"),
                M.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(emu.restUrl() + "/v5/market/time"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()),
                none);
        assertConforms(
                "rest_instruments_info_0_linear_perpetual_BTCUSDT",
                fx.get("rest_instruments_info_0_linear_perpetual_BTCUSDT"),
                get("/v5/market/instruments-info", "category=linear&symbol=BTCUSDT"),
                Set.of("result.list[].preListingInfo"));
        assertConforms(
                "rest_tickers_0",
                fx.get("rest_tickers_0"),
                get("/v5/market/tickers", "category=linear&symbol=BTCUSDT"),
                none);
        assertConforms(
                "rest_fee_rate_0",
                fx.get("rest_fee_rate_0"),
                get("/v5/account/fee-rate", "category=linear&symbol=BTCUSDT"),
                none);
        assertConforms(
                "rest_wallet_balance_0",
                fx.get("rest_wallet_balance_0"),
                get("/v5/account/wallet-balance", "accountType=UNIFIED"),
                none);
        assertConforms(
                "rest_position_list_0",
                fx.get("rest_position_list_0"),
                get("/v5/position/list", "category=linear&symbol=BTCUSDT"),
                none);
        final String[] t = touch();
        final String low =
                String.format(java.util.Locale.ROOT, "%.1f", Math.floor(Double.parseDouble(t[0]) * 0.9 * 10) / 10);
        final String id = link();
        try (Ws ws = privateWs();
                Ws fast = privateWs("\"execution.fast\"")) {
            assertConforms("ws_connect_1", fx.get("ws_connect_1"), ws.authReply, none);
            ws.send("{\"req_id\":\"test\",\"op\":\"ping\"}");
            assertConforms(
                    "ws_connect_5",
                    fx.get("ws_connect_5"),
                    ws.next(n -> "pong".equals(n.path("op").asText())),
                    none);
            final JsonNode created = post("/v5/order/create", order("Buy", "Limit", "0.001", low, "GTC", id));
            assertConforms("rest_order_create_0", fx.get("rest_order_create_0"), created, none);
            final JsonNode orderPush = ws.next(topic("order"));
            assertConforms("ws_private_order_1", fx.get("ws_private_order_1"), orderPush, none);
            final JsonNode positionPush = ws.next(topic("position"));
            assertConforms("ws_private_position_1", fx.get("ws_private_position_1"), positionPush, none);
            assertConforms(
                    "rest_order_realtime_0",
                    fx.get("rest_order_realtime_0"),
                    get("/v5/order/realtime", "category=linear&symbol=BTCUSDT"),
                    none);
            assertConforms(
                    "rest_order_history_0",
                    fx.get("rest_order_history_0"),
                    get("/v5/order/history", "category=linear&symbol=BTCUSDT"),
                    none);
            assertConforms(
                    "rest_order_cancel_all_0",
                    fx.get("rest_order_cancel_all_0"),
                    post("/v5/order/cancel-all", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\"}"),
                    none);
            post("/v5/order/create", order("Buy", "Market", "0.001", null, "IOC", link()));
            final JsonNode execPush = ws.next(topic("execution"));
            assertConforms(
                    "ws_private_execution_fast_1",
                    fx.get("ws_private_execution_fast_1"),
                    fast.next(topic("execution.fast")),
                    none);
            assertConforms(
                    "ws_private_execution_1", fx.get("ws_private_execution_1"), execPush, Set.of("data[].extraFees[]"));
            final JsonNode real = M.readTree(
                    Files.readString(SharedData.require("bybit/fixtures/private-execution-linear-2024-07-23.json")));
            assertConforms("private-execution-linear-2024-07-23", real, execPush, none);
            final JsonNode walletPush = ws.next(topic("wallet"));
            assertConforms("ws_private_wallet_1", fx.get("ws_private_wallet_1"), walletPush, none);
            assertConforms(
                    "rest_execution_list_0",
                    fx.get("rest_execution_list_0"),
                    get("/v5/execution/list", "category=linear&symbol=BTCUSDT"),
                    none);
            post(
                    "/v5/order/create",
                    "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Sell\","
                            + "\"orderType\":\"Market\",\"qty\":\"0.001\",\"reduceOnly\":true}");
        }
        try (Ws ws = new Ws("/v5/public/linear")) {
            ws.send("{\"req_id\":\"10001\",\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\","
                    + "\"publicTrade.BTCUSDT\",\"tickers.BTCUSDT\"]}");
            final JsonNode ack = ws.next(n -> n.has("op"));
            assertConforms("ws_connect_11", fx.get("ws_connect_11"), ack, none);
            assertConforms("ws_connect_10", fx.get("ws_connect_10"), ack, none);
            assertConforms("ws_orderbook_0", fx.get("ws_orderbook_0"), ws.next(topic("orderbook.50.BTCUSDT")), none);
            assertConforms(
                    "ws_orderbook_1",
                    fx.get("ws_orderbook_1"),
                    ws.next(n -> topic("orderbook.50.BTCUSDT").test(n)
                            && n.get("type").asText().equals("delta")
                            && n.at("/data/b").size() > 0
                            && n.at("/data/a").size() > 0),
                    none);
            assertConforms(
                    "ws_public_trade_0", fx.get("ws_public_trade_0"), ws.next(topic("publicTrade.BTCUSDT")), none);
            final JsonNode ticker = ws.next(topic("tickers.BTCUSDT"));
            // the stream carries the fields the market holds; each must exist in Bybit's ticker with the same type
            assertConforms("ws_ticker_0 (reverse)", ticker, fx.get("ws_ticker_0_LinearPerpetual"), Set.of("cs"));
            ws.send("{\"req_id\":\"\",\"op\":\"ping\"}");
            assertConforms(
                    "ws_connect_3",
                    fx.get("ws_connect_3"),
                    ws.next(n -> "ping".equals(n.path("op").asText())),
                    none);
        }
        try (Ws ws = new Ws("/v5/trade")) {
            final long expires = System.currentTimeMillis() + 10_000;
            ws.send("{\"op\":\"auth\",\"args\":[\"" + KEY + "\"," + expires + ",\""
                    + BybitSigner.signWebSocket(SECRET, expires) + "\"]}");
            assertConforms(
                    "ws_trade_1",
                    fx.get("ws_trade_1"),
                    ws.next(n -> "auth".equals(n.path("op").asText())),
                    none);
            ws.send("{\"reqId\":\"test-005\",\"header\":{\"X-BAPI-TIMESTAMP\":\"" + System.currentTimeMillis()
                    + "\",\"X-BAPI-RECV-WINDOW\":\"8000\",\"Referer\":\"bot-001\"},\"op\":\"order.create\","
                    + "\"args\":[" + order("Buy", "Limit", "0.001", low, "PostOnly", link()) + "]}");
            assertConforms(
                    "ws_trade_3",
                    fx.get("ws_trade_3"),
                    ws.next(n -> "test-005".equals(n.path("reqId").asText())),
                    none);
            ws.send("{\"op\":\"ping\"}");
            assertConforms(
                    "ws_trade_7",
                    fx.get("ws_trade_7"),
                    ws.next(n -> "pong".equals(n.path("op").asText())),
                    none);
        }
        assertThat(nonConforming).as("pages that differ from the fixtures").isEmpty();
    }
}
