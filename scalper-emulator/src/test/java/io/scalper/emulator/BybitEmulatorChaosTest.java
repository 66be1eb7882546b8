package io.scalper.emulator;

import static io.scalper.emulator.EmulatorClient.cancel;
import static io.scalper.emulator.EmulatorClient.link;
import static io.scalper.emulator.EmulatorClient.order;
import static io.scalper.emulator.EmulatorClient.poll;
import static io.scalper.emulator.EmulatorClient.pushOf;
import static io.scalper.emulator.EmulatorClient.reqId;
import static io.scalper.emulator.EmulatorClient.scaled;
import static io.scalper.emulator.EmulatorClient.stop;
import static io.scalper.emulator.EmulatorClient.topic;
import static io.scalper.emulator.EmulatorClient.tradeFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator under the faults of the chaos tests (issue #12), over real sockets: the venue keeps matching while
 * pushes are lost, replies go out before the pushes they caused, book faults hit every symbol, rate limits are Bybit's
 * (per UID and endpoint, rolling second, REST and WS trade sharing one budget), and each fault refuses or delays what
 * it should and nothing else. Each test starts its own emulator at market speed 10.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BybitEmulatorChaosTest {
    private static final String KEY = "chaos-key";
    private static final String SECRET = "chaos-secret";
    private static final Instrument BTC = BybitInstruments.BTCUSDT;

    private BybitEmulator emu;
    private EmulatorClient c;

    private void start(String... symbols) throws Exception {
        emu = BybitEmulator.builder()
                .apiKey(KEY, SECRET)
                .apiKey("idle", "idle-secret")
                .symbols(symbols.length == 0 ? List.of("BTCUSDT") : List.of(symbols))
                .speed(10)
                .seed(11)
                .build()
                .start();
        c = new EmulatorClient(emu, KEY, SECRET);
        poll(() -> emu.marketMessages() > 50, "market running");
    }

    @AfterEach
    void closeEmulator() {
        if (emu != null) {
            emu.close();
        }
    }

    // ------------------------------------------------------------------ matching goes on while pushes are lost

    @Test
    void shouldKeepFillingWhileThePrivateSocketIsDroppedAndShowTheFillsOverRest() throws Exception {
        start();
        final EmulatorClient.Ws before = c.privateWs();
        assertThat(emu.faults().drop(EmulatorFaults.Channel.PRIVATE)).isEqualTo(1);
        poll(() -> before.closed && emu.connections(EmulatorFaults.Channel.PRIVATE) == 0, "private socket dropped");
        assertThat(before.closeCode).as("closed abruptly, no close handshake").isEqualTo(1006);
        assertThat(emu.faults().drops(EmulatorFaults.Channel.PRIVATE)).isEqualTo(1);

        // stops one tick either side of the last trade: whichever way the market moves, one triggers and fills while
        // no private session of the account exists
        final long last = BTC.parsePrice(c.prices()[2]);
        final String up = link();
        final String down = link();
        assertThat(c.post("/v5/order/create", stop("Buy", "0.001", BTC.formatPrice(last + 1), 1, false, up))
                        .get("retCode")
                        .asInt())
                .isZero();
        assertThat(c.post("/v5/order/create", stop("Sell", "0.001", BTC.formatPrice(last - 1), 2, false, down))
                        .get("retCode")
                        .asInt())
                .isZero();
        poll(() -> emu.openOrders(KEY, "BTCUSDT").size() < 2, "a stop triggered and filled");
        assertThat(emu.connections(EmulatorFaults.Channel.PRIVATE)).isZero();
        assertThat(c.post("/v5/order/cancel-all", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\"}")
                        .get("retCode")
                        .asInt())
                .isZero();

        try (EmulatorClient.Ws after = c.privateWs()) {
            long signedFills = 0;
            int filled = 0;
            for (String id : List.of(up, down)) {
                final JsonNode rt = c.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT&orderLinkId=" + id);
                final String status = rt.at("/result/list/0/orderStatus").asText();
                if (!status.equals("Filled")) {
                    assertThat(status).isEqualTo("Cancelled");
                    continue;
                }
                filled++;
                assertThat(rt.at("/result/list/0/cumExecQty").asText()).isEqualTo("0.001");
                final JsonNode hist = c.get("/v5/order/history", "category=linear&symbol=BTCUSDT&orderLinkId=" + id);
                assertThat(hist.at("/result/list/0/orderStatus").asText()).isEqualTo("Filled");
                final JsonNode execs = c.get("/v5/execution/list", "category=linear&symbol=BTCUSDT&orderLinkId=" + id);
                long lots = 0;
                for (JsonNode e : execs.at("/result/list")) {
                    assertThat(e.get("execType").asText()).isEqualTo("Trade");
                    lots += BTC.parseQty(e.get("execQty").asText());
                }
                assertThat(lots).as("executions of " + id).isEqualTo(1);
                signedFills += id.equals(up) ? lots : -lots;
            }
            assertThat(filled).isPositive();
            final JsonNode pos =
                    c.get("/v5/position/list", "category=linear&symbol=BTCUSDT").at("/result/list/0");
            final long restLots = BTC.parseQty(pos.get("size").asText())
                    * (pos.get("side").asText().equals("Sell") ? -1 : 1);
            assertThat(restLots).isEqualTo(signedFills);
            assertThat(emu.position(KEY, "BTCUSDT").sizeLots()).isEqualTo(signedFills);
            // Bybit does not replay what a dropped session missed: the new session got no push of those orders
            assertThat(after.received(pushOf("execution", up))).isNull();
            assertThat(after.received(pushOf("execution", down))).isNull();
        }
    }

    // ------------------------------------------------------------------ replies before pushes

    /**
     * Records, for each private push about the watched order, how many bytes of the command's reply had reached this
     * host unread at that moment; {@link #stop} ends it before the test reads the reply.
     */
    static final class ReplyProbe {
        private final List<Integer> seen = new ArrayList<>();
        private String link;
        private IntSupplier replyBytes;
        private boolean watching;

        synchronized void watch(String link, IntSupplier replyBytes) {
            this.link = link;
            this.replyBytes = replyBytes;
            seen.clear();
            watching = true;
        }

        synchronized void onPush(JsonNode n) {
            if (watching && link.equals(n.at("/data/0/orderLinkId").asText())) {
                seen.add(replyBytes.getAsInt());
            }
        }

        synchronized List<Integer> stop() {
            watching = false;
            return List.copyOf(seen);
        }
    }

    @Test
    void shouldWriteTheRestReplyBeforeThePushesTheCommandCaused() throws Exception {
        start();
        try (EmulatorClient.Ws ws = c.privateWs()) {
            final ReplyProbe probe = new ReplyProbe();
            ws.onEach = probe::onPush;
            // a market order fills at once: order, execution, position and wallet pushes, all caused by the create
            final String filled = link();
            try (EmulatorClient.RawHttp http = c.new RawHttp()) {
                probe.watch(filled, http::arrivedBytes);
                http.send("/v5/order/create", order("Buy", "Market", "0.001", null, "IOC", filled));
                ws.next(pushOf("order", filled));
                ws.next(pushOf("execution", filled));
                final List<Integer> seen = probe.stop();
                assertThat(http.reply().get("retCode").asInt()).isZero();
                assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
                assertThat(seen)
                        .as("reply bytes already here when each push of the order arrived")
                        .allMatch(b -> b > 0);
            }

            // a cancel: the Cancelled push comes after the cancel's reply
            final String resting = link();
            assertThat(c.post(
                                    "/v5/order/create",
                                    order("Buy", "Limit", "0.001", scaled(c.prices()[0], 0.9), "GTC", resting))
                            .get("retCode")
                            .asInt())
                    .isZero();
            ws.next(pushOf("order", resting));
            try (EmulatorClient.RawHttp http = c.new RawHttp()) {
                probe.watch(resting, http::arrivedBytes);
                http.send("/v5/order/cancel", cancel(resting));
                final JsonNode push = ws.next(pushOf("order", resting));
                assertThat(push.at("/data/0/orderStatus").asText()).isEqualTo("Cancelled");
                final List<Integer> seen = probe.stop();
                assertThat(http.reply().get("retCode").asInt()).isZero();
                assertThat(seen).isNotEmpty().allMatch(b -> b > 0);
            }
        }
    }

    @Test
    void shouldWriteTheTradeSocketReplyBeforeThePushesTheCommandCaused() throws Exception {
        start();
        try (EmulatorClient.Ws ws = c.privateWs();
                EmulatorClient.RawWs trade = c.new RawWs("/v5/trade")) {
            trade.send(c.authFrame("reqId", "auth"));
            assertThat(trade.read().get("retCode").asInt()).isZero();
            final ReplyProbe probe = new ReplyProbe();
            ws.onEach = probe::onPush;
            final String id = link();
            probe.watch(id, trade::arrivedBytes);
            trade.send(tradeFrame("t1", "order.create", order("Sell", "Market", "0.001", null, "IOC", id)));
            ws.next(pushOf("order", id));
            ws.next(pushOf("execution", id));
            final List<Integer> seen = probe.stop();
            final JsonNode reply = trade.read();
            assertThat(reply.get("reqId").asText()).isEqualTo("t1");
            assertThat(reply.get("retCode").asInt()).isZero();
            assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
            assertThat(seen)
                    .as("trade reply already here when each push of the order arrived")
                    .allMatch(b -> b > 0);
        }
    }

    // ------------------------------------------------------------------ book faults on every symbol

    @Test
    void shouldSkipADeltaAndRestartTheBookOfEverySymbol() throws Exception {
        start("BTCUSDT", "ETHUSDT");
        final List<String> topics = List.of("orderbook.50.BTCUSDT", "orderbook.50.ETHUSDT");
        final EmulatorFaults f = emu.faults();
        try (EmulatorClient.Ws ws = c.new Ws("/v5/public/linear")) {
            ws.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\",\"orderbook.50.ETHUSDT\"]}");
            final Map<String, Long> prev = new HashMap<>();
            for (String t : topics) {
                prev.put(t, ws.next(topic(t)).at("/data/u").asLong());
            }
            f.skipBookDelta();
            poll(() -> f.skippedDeltas() >= 2, "a delta skipped on each topic");
            assertThat(f.skippedDeltas()).isEqualTo(2);
            final Map<String, Long> gaps = new HashMap<>();
            while (gaps.size() < 2) {
                final JsonNode n = ws.next(m -> topics.contains(m.path("topic").asText()));
                final String t = n.get("topic").asText();
                final long u = n.at("/data/u").asLong();
                if (u != prev.get(t) + 1) {
                    assertThat(gaps).as("one gap on " + t).doesNotContainKey(t);
                    assertThat(u).as(t + ": the one gap, after " + prev.get(t)).isEqualTo(prev.get(t) + 2);
                    gaps.put(t, u);
                }
                prev.put(t, u);
            }
            f.restartBook();
            // the two restarts arrive in either order: wait for both in one pass (next() drops what it skips)
            final Map<String, String> restarts = new HashMap<>();
            while (restarts.size() < 2) {
                final JsonNode restart =
                        ws.next(n -> topics.contains(n.path("topic").asText())
                                && n.at("/data/u").asLong() == 1);
                restarts.put(restart.get("topic").asText(), restart.get("type").asText());
            }
            assertThat(restarts).containsEntry(topics.get(0), "snapshot").containsEntry(topics.get(1), "snapshot");
            assertThat(f.bookRestarts()).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------ rate limits

    @Test
    void shouldShareTheOrderBudgetOfRestAndTradeSocketAndCountTheTraffic() throws Exception {
        start();
        try (EmulatorClient.Ws trade = c.tradeWs()) {
            final String unknown = cancel("nope");
            // the first request of a fresh budget: 10 per second, 9 left
            final HttpResponse<String> first = c.postRaw("/v5/order/cancel", unknown);
            assertThat(EmulatorClient.M.readTree(first.body()).get("retCode").asInt())
                    .isEqualTo(110001);
            assertThat(first.headers().firstValue("X-Bapi-Limit")).hasValue("10");
            assertThat(first.headers().firstValue("X-Bapi-Limit-Status")).hasValue("9");
            int sent = 1;
            int wsSent = 0;
            boolean shared = false;
            for (int attempt = 0; attempt < 5 && !shared; attempt++) {
                // REST cancels until the budget is spent (no timing assumption: a refusal means 10 in the last second)
                HttpResponse<String> refused = null;
                for (int i = 0; i < 200 && refused == null; i++) {
                    final HttpResponse<String> r = c.postRaw("/v5/order/cancel", unknown);
                    sent++;
                    final int code =
                            EmulatorClient.M.readTree(r.body()).get("retCode").asInt();
                    if (code == 10006) {
                        refused = r;
                        assertThat(EmulatorClient.M
                                        .readTree(r.body())
                                        .get("retMsg")
                                        .asText())
                                .isEqualTo("Too many visits!");
                    } else {
                        assertThat(code).isEqualTo(110001);
                    }
                }
                assertThat(refused)
                        .as("a cancel beyond 10 per second is refused")
                        .isNotNull();
                assertThat(refused.headers().firstValue("X-Bapi-Limit-Status")).hasValue("0");
                final long reset = Long.parseLong(refused.headers()
                        .firstValue("X-Bapi-Limit-Reset-Timestamp")
                        .orElseThrow());
                // the same budget over the trade socket: refused too, if it arrives before a slot frees
                final String id = "w" + attempt;
                trade.send(tradeFrame(id, "order.cancel", unknown));
                wsSent++;
                final JsonNode reply = trade.next(reqId(id));
                final long serverNow =
                        Long.parseLong(reply.at("/header/Timenow").asText());
                if (serverNow < reset - 5) {
                    assertThat(reply.get("retCode").asInt()).isEqualTo(10006);
                    assertThat(reply.at("/header/X-Bapi-Limit").asText()).isEqualTo("10");
                    assertThat(reply.at("/header/X-Bapi-Limit-Status").asText()).isEqualTo("0");
                    shared = true;
                }
            }
            assertThat(shared)
                    .as("a trade-socket cancel met the REST budget spent")
                    .isTrue();
            final BybitEmulator.OrderTraffic traffic = emu.orderTraffic(KEY);
            assertThat(traffic.requests()).isEqualTo(sent + wsSent);
            // a refusal means 10 accepted in the second before it: 11 received within one rolling second at least
            assertThat(traffic.maxPerSecond()).isGreaterThanOrEqualTo(11);
            assertThat(traffic.refused(10006)).isGreaterThanOrEqualTo(2);
            assertThat(traffic.rateLimited()).isEqualTo(traffic.refused(10006));
            assertThat(traffic.refused(110001) + traffic.refused(10006)).isEqualTo(sent + wsSent);
            assertThat(traffic.injectedRefusals()).isEmpty();
            // the other endpoints and the other account keep their own budgets
            assertThat(c.post("/v5/order/cancel-all", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\"}")
                            .get("retCode")
                            .asInt())
                    .isZero();
            assertThat(emu.orderTraffic("idle").requests()).isZero();
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void shouldHoldSlowRestRepliesWhileTheOrderTakesEffectAtOnce() throws Exception {
        start();
        final String price = scaled(c.prices()[0], 0.9);
        try (EmulatorClient.Ws ws = c.privateWs()) {
            final long delayMs = 4000;
            emu.faults().slowResponses(delayMs, 1);
            final String id = link();
            final long sentNs = System.nanoTime();
            final CompletableFuture<HttpResponse<String>> reply =
                    c.postAsync("/v5/order/create", order("Buy", "Limit", "0.001", price, "GTC", id));
            poll(
                    () -> emu.openOrders(KEY, "BTCUSDT").stream()
                            .anyMatch(o -> o.orderLinkId().equals(id)),
                    "order live");
            // its push goes at the normal time; other requests are answered meanwhile
            ws.next(pushOf("order", id));
            assertThat(c.get("/v5/position/list", "category=linear&symbol=BTCUSDT")
                            .get("retCode")
                            .asInt())
                    .isZero();
            assertThat(reply).as("the reply still held").isNotDone();
            assertThat(EmulatorClient.M
                            .readTree(reply.get(20, TimeUnit.SECONDS).body())
                            .get("retCode")
                            .asInt())
                    .isZero();
            assertThat(System.nanoTime() - sentNs).isGreaterThanOrEqualTo(delayMs * 1_000_000L);
            assertThat(emu.faults().slowedResponses()).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldSlowTradeSocketRepliesWhileTheOrderTakesEffectAtOnce() throws Exception {
        start();
        final String price = scaled(c.prices()[0], 0.9);
        try (EmulatorClient.Ws trade = c.tradeWs()) {
            final long delayMs = 4000;
            emu.faults().slowResponses(delayMs, 1);
            final String id = link();
            final long sentNs = System.nanoTime();
            trade.send(tradeFrame("slow", "order.create", order("Buy", "Limit", "0.001", price, "GTC", id)));
            poll(
                    () -> emu.openOrders(KEY, "BTCUSDT").stream()
                            .anyMatch(o -> o.orderLinkId().equals(id)),
                    "order live");
            assertThat(trade.received(reqId("slow"))).as("the reply still held").isNull();
            final JsonNode reply = trade.next(reqId("slow"));
            assertThat(reply.get("retCode").asInt()).isZero();
            assertThat(reply.at("/data/orderLinkId").asText()).isEqualTo(id);
            assertThat(System.nanoTime() - sentNs).isGreaterThanOrEqualTo(delayMs * 1_000_000L);
            assertThat(emu.faults().slowedResponses()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseOrdersDuringAStormWithoutProcessingThem() throws Exception {
        start();
        final String price = scaled(c.prices()[0], 0.9);
        try (EmulatorClient.Ws trade = c.tradeWs()) {
            emu.faults().rateLimitStorm(60_000);
            final String rest = link();
            final String ws = link();
            final JsonNode r = c.post("/v5/order/create", order("Buy", "Limit", "0.001", price, "GTC", rest));
            assertThat(r.get("retCode").asInt()).isEqualTo(10006);
            assertThat(r.get("retMsg").asText()).isEqualTo("Too many visits!");
            trade.send(tradeFrame("s1", "order.create", order("Buy", "Limit", "0.001", price, "GTC", ws)));
            assertThat(trade.next(reqId("s1")).get("retCode").asInt()).isEqualTo(10006);
            emu.faults().rateLimitStorm(0);
            assertThat(emu.openOrders(KEY, "BTCUSDT")).isEmpty();
            for (String id : List.of(rest, ws)) {
                assertThat(c.get("/v5/order/history", "category=linear&symbol=BTCUSDT&orderLinkId=" + id)
                                .at("/result/list"))
                        .as("no trace of " + id)
                        .isEmpty();
            }
            final BybitEmulator.OrderTraffic t = emu.orderTraffic(KEY);
            assertThat(t.requests()).isEqualTo(2);
            assertThat(t.refusals()).containsExactly(Map.entry(10006, 2L));
            assertThat(t.injectedRefusals()).containsExactly(Map.entry(10006, 2L));
            assertThat(t.rateLimited()).isZero();
            assertThat(emu.faults().rateLimited()).isEqualTo(2);
        }
    }

    @Test
    void shouldRejectInjectedCreatesWithoutProcessingThem() throws Exception {
        start();
        final String price = scaled(c.prices()[0], 0.9);
        try (EmulatorClient.Ws trade = c.tradeWs()) {
            emu.faults().apply("reject:2:110007");
            final String rest = link();
            final String ws = link();
            final String third = link();
            assertThat(c.post("/v5/order/create", order("Buy", "Limit", "0.001", price, "GTC", rest))
                            .get("retCode")
                            .asInt())
                    .isEqualTo(110007);
            trade.send(tradeFrame("r1", "order.create", order("Buy", "Limit", "0.001", price, "GTC", ws)));
            assertThat(trade.next(reqId("r1")).get("retCode").asInt()).isEqualTo(110007);
            assertThat(c.post("/v5/order/create", order("Buy", "Limit", "0.001", price, "GTC", third))
                            .get("retCode")
                            .asInt())
                    .isZero();
            assertThat(emu.openOrders(KEY, "BTCUSDT"))
                    .extracting(BybitEmulator.OpenOrder::orderLinkId)
                    .containsExactly(third);
            for (String id : List.of(rest, ws)) {
                assertThat(c.get("/v5/order/history", "category=linear&symbol=BTCUSDT&orderLinkId=" + id)
                                .at("/result/list"))
                        .as("no trace of " + id)
                        .isEmpty();
            }
            assertThat(emu.faults().rejectedOrders()).isEqualTo(2);
            final BybitEmulator.OrderTraffic t = emu.orderTraffic(KEY);
            assertThat(t.requests()).isEqualTo(3);
            assertThat(t.injectedRefusals()).containsExactly(Map.entry(110007, 2L));
            assertThat(t.refusals()).containsExactly(Map.entry(110007, 2L));
        }
    }

    @Test
    void shouldDropTradeSocketsAbruptly() throws Exception {
        start();
        try (EmulatorClient.Ws trade = c.tradeWs()) {
            assertThat(emu.faults().drop(EmulatorFaults.Channel.TRADE)).isEqualTo(1);
            poll(() -> trade.closed, "trade socket dropped");
            assertThat(trade.closeCode).isEqualTo(1006);
            assertThat(emu.faults().drops(EmulatorFaults.Channel.TRADE)).isEqualTo(1);
            poll(() -> emu.connections(EmulatorFaults.Channel.TRADE) == 0, "session gone");
        }
    }

    // ------------------------------------------------------------------ observation API

    @Test
    void shouldShowOpenOrdersAndThePositionAsTheVenueHoldsThem() throws Exception {
        start();
        final String[] p = c.prices();
        assertThat(c.post("/v5/order/create", order("Buy", "Market", "0.002", null, "IOC", link()))
                        .get("retCode")
                        .asInt())
                .isZero();
        final String stopPrice = scaled(p[0], 0.95);
        final String stopId = link();
        assertThat(c.post("/v5/order/create", stop("Sell", "0.002", stopPrice, 2, true, stopId))
                        .get("retCode")
                        .asInt())
                .isZero();
        final String bidPrice = scaled(p[0], 0.9);
        final String bidId = link();
        assertThat(c.post("/v5/order/create", order("Buy", "Limit", "0.003", bidPrice, "GTC", bidId))
                        .get("retCode")
                        .asInt())
                .isZero();

        final BybitEmulator.VenuePosition pos = emu.position(KEY, "BTCUSDT");
        assertThat(pos.sizeLots()).isEqualTo(2);
        final JsonNode rest =
                c.get("/v5/position/list", "category=linear&symbol=BTCUSDT").at("/result/list/0");
        final double restTicks = Double.parseDouble(rest.get("avgPrice").asText()) / BTC.tickSizeDouble();
        assertThat(Math.abs(pos.avgPriceTicks() - restTicks)).isLessThanOrEqualTo(0.1);
        assertThat(pos.netRealizedPnl()).as("the taker fee paid").isNegative();

        final List<BybitEmulator.OpenOrder> open = emu.openOrders(KEY, "BTCUSDT");
        assertThat(open).extracting(BybitEmulator.OpenOrder::orderLinkId).containsExactly(stopId, bidId);
        final BybitEmulator.OpenOrder stop = open.get(0);
        assertThat(stop.side()).isEqualTo(Side.SELL);
        assertThat(stop.orderType()).isEqualTo("Market");
        assertThat(stop.status()).isEqualTo("Untriggered");
        assertThat(stop.qtyLots()).isEqualTo(2);
        assertThat(stop.leavesLots()).isEqualTo(2);
        assertThat(stop.priceTicks()).isEqualTo(BybitEmulator.OpenOrder.NONE);
        assertThat(stop.triggerPriceTicks()).isEqualTo(BTC.parsePrice(stopPrice));
        assertThat(stop.triggerDirection()).isEqualTo(2);
        assertThat(stop.reduceOnly()).isTrue();
        assertThat(stop.closeOnTrigger()).isTrue();
        assertThat(stop.isConditional()).isTrue();
        assertThat(stop.orderId())
                .isEqualTo(c.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT&orderLinkId=" + stopId)
                        .at("/result/list/0/orderId")
                        .asText());
        final BybitEmulator.OpenOrder bid = open.get(1);
        assertThat(bid.side()).isEqualTo(Side.BUY);
        assertThat(bid.orderType()).isEqualTo("Limit");
        assertThat(bid.status()).isEqualTo("New");
        assertThat(bid.qtyLots()).isEqualTo(3);
        assertThat(bid.priceTicks()).isEqualTo(BTC.parsePrice(bidPrice));
        assertThat(bid.isConditional()).isFalse();
        assertThat(bid.triggerDirection()).isZero();
        assertThat(bid.reduceOnly()).isFalse();

        assertThat(emu.orderTraffic(KEY).requests()).isEqualTo(3);
        assertThat(emu.orderTraffic(KEY).refusals()).isEmpty();
        assertThatThrownBy(() -> emu.openOrders("nobody", "BTCUSDT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey");
        assertThatThrownBy(() -> emu.position(KEY, "DOGEUSDT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOGEUSDT");
        assertThatThrownBy(() -> emu.orderTraffic("nobody")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> open.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
