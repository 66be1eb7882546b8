package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitRestConfig;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.time.SystemClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitSessionTest {
    private FakeVenue venue;
    private BybitRestClient rest;
    private BybitSession session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        if (rest != null) {
            rest.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    private void start(String openOrders, String position) throws Exception {
        venue = new FakeVenue();
        venue.route(
                "GET /v5/market/instruments-info",
                r -> FakeVenue.list("{\"symbol\":\"BTCUSDT\","
                        + "\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\",\"baseCoin\":\"BTC\",\"quoteCoin\":"
                        + "\"USDT\",\"settleCoin\":\"USDT\",\"priceScale\":\"2\",\"priceFilter\":{\"minPrice\":\"0.10\","
                        + "\"maxPrice\":\"1999999.80\",\"tickSize\":\"0.10\"},\"lotSizeFilter\":{\"maxOrderQty\":\"1190.000\","
                        + "\"minOrderQty\":\"0.001\",\"qtyStep\":\"0.001\",\"maxMktOrderQty\":\"500.000\","
                        + "\"minNotionalValue\":\"5\"},\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\","
                        + "\"leverageStep\":\"0.01\"},\"fundingInterval\":480}"));
        venue.route(
                "GET /v5/account/fee-rate",
                r -> FakeVenue.ok(
                        "{\"list\":[{\"symbol\":\"BTCUSDT\",\"takerFeeRate\":\"0.00055\",\"makerFeeRate\":\"0.0002\"}]}"));
        venue.route("POST /v5/position/set-leverage", r -> FakeVenue.error(110043, "Set leverage not modified"));
        venue.route("GET /v5/order/realtime", r -> FakeVenue.list(openOrders));
        venue.route("GET /v5/position/list", r -> FakeVenue.list(position));
        venue.route("POST /v5/order/cancel", r -> FakeVenue.ok("{\"orderId\":\"x\",\"orderLinkId\":\"\"}"));
        venue.route("POST /v5/order/cancel-all", r -> FakeVenue.ok("{\"list\":[],\"success\":\"1\"}"));
        venue.route("POST /v5/order/create", r -> FakeVenue.ok("{\"orderId\":\"f-1\",\"orderLinkId\":\"\"}"));
        venue.tradeResponder = j -> BybitGatewayTest.ack(j, 0, "OK");
        final BybitEnvironment env = BybitEnvironment.custom(venue.restUrl(), venue.wsUrl());
        final BybitCredentials creds = new BybitCredentials(FakeVenue.KEY, FakeVenue.SECRET);
        rest = BybitRestClient.builder(BybitRestConfig.defaults(env))
                .credentials(creds)
                .build();
        session = new BybitSession(
                env,
                creds,
                rest,
                new BybitSession.Config("BTCUSDT", 50, "5", BybitGatewayTest.wsConfig(5_000)),
                SystemClock.INSTANCE,
                new BybitMarketDecoder());
        session.start();
    }

    void until(String what, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            session.poll();
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static final String POSITION = "{\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"size\":\"0.010\",\"positionIdx\":0,"
            + "\"avgPrice\":\"60000.04\",\"markPrice\":\"60010\"}";

    static String open(String link, boolean reduceOnly, String trigger) {
        return "{\"orderId\":\"oid-" + link + "\",\"orderLinkId\":\"" + link + "\",\"symbol\":\"BTCUSDT\",\"side\":\""
                + (reduceOnly ? "Sell" : "Buy") + "\",\"orderType\":\"" + (trigger.isEmpty() ? "Limit" : "Market")
                + "\",\"timeInForce\":\"GTC\",\"price\":\"" + (trigger.isEmpty() ? "59000.0" : "0")
                + "\",\"qty\":\"0.010\",\"orderStatus\":\"" + (trigger.isEmpty() ? "New" : "Untriggered")
                + "\",\"triggerPrice\":\"" + trigger + "\",\"triggerBy\":\"LastPrice\",\"reduceOnly\":" + reduceOnly
                + ",\"positionIdx\":0}";
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldFlattenFirstAndCancelTheStopOnlyOnceFlat() throws Exception {
        start(open("old-entry", false, "") + "," + open("stop-1", true, "59500.0"), POSITION);
        final AtomicBoolean flat = new AtomicBoolean();
        venue.route("GET /v5/position/list", r -> FakeVenue.list(flat.get() ? "" : POSITION));
        venue.route("POST /v5/order/create", r -> {
            flat.set(true); // the reduce-only market order closes it
            return FakeVenue.ok("{\"orderId\":\"f-1\",\"orderLinkId\":\"\"}");
        });
        assertThat(session.shutdown(true, true)).as("flat at the venue").isZero();
        final List<String> calls = venue.calls("POST /v5/order/");
        final int flatten = indexOf(calls, "POST /v5/order/create");
        assertThat(flatten).as("a flatten was sent").isNotNegative();
        final List<String> cancels = venue.restRequests.stream()
                .filter(q -> q.getUrl().encodedPath().equals("/v5/order/cancel"))
                .map(q -> FakeVenue.json(q).path("orderId").asText())
                .toList();
        assertThat(cancels).as("the entry and, once flat, the stop").containsExactly("oid-old-entry", "oid-stop-1");
        final int stopCancel = calls.lastIndexOf("POST /v5/order/cancel");
        assertThat(flatten).as("the flatten goes before the stop is cancelled").isLessThan(stopCancel);
    }

    @Test
    void shouldKeepTheStopWhenTheFlattenDoesNotLeaveThePositionFlat() throws Exception {
        start(open("stop-1", true, "59500.0"), POSITION);
        session.shutdownFlatWaitMs(600);
        assertThat(session.shutdown(true, true)).as("still open").isEqualTo(10);
        assertThat(venue.calls("POST /v5/order/create"))
                .as("the flatten was tried")
                .isNotEmpty();
        assertThat(venue.calls("POST /v5/order/cancel")).as("the stop is kept").isEmpty();
        assertThat(venue.calls("POST /v5/order/cancel-all")).isEmpty();
    }

    @Test
    void shouldStartWithRulesFeesAndLeverageNotModified() throws Exception {
        start("", POSITION);
        assertThat(session.instrument().tickSize().toPlainString()).isEqualTo("0.10");
        assertThat(session.feeRate().makerFeeRate()).isEqualTo("0.0002");
        assertThat(venue.calls("POST /v5/position/set-leverage")).hasSize(1);
        assertThat(session.toString()).doesNotContain(FakeVenue.SECRET);
    }

    @Test
    void shouldAdoptThePositionCancelOldEntriesAndLetTheEngineBracketIt() throws Exception {
        start(open("old-entry", false, "") + "," + open("old-stop", true, "59500.0"), POSITION);
        until(
                "streams up",
                () -> session.isPrivateStreamUp() && session.gateway().isTradeStreamUp());
        final BybitReconciliation r = session.reconcile(ReconcilePolicy.ADOPT);

        assertThat(r.positionLots()).isEqualTo(10);
        assertThat(r.avgEntryTicks()).isEqualTo(600_000);
        assertThat(r.keptOrders()).extracting(o -> o.orderLinkId()).containsExactly("old-stop");
        assertThat(r.cancelledOrders()).extracting(o -> o.orderLinkId()).containsExactly("old-entry");
        assertThat(venue.calls("POST /v5/order/create"))
                .as("never a second position")
                .isEmpty();

        final ScalperEngine engine = ScalperEngine.builder()
                .instrument(session.instrument())
                .clock(SystemClock.INSTANCE)
                .gateway(session.gateway())
                .build();
        assertThat(EngineAdoption.adopt(engine, session.gateway(), r, true)).isTrue();
        assertThat(engine.reconciliations())
                .as("journalled as a start-up adoption")
                .isEqualTo(1);
        assertThat(engine.position().qtyLots()).isEqualTo(10);
        final io.scalper.core.exec.Order kept = engine.orders().get("old-stop");
        assertThat(kept).as("the kept stop is an order the engine tracks").isNotNull();
        assertThat(kept.request().purpose()).isEqualTo(io.scalper.core.exec.OrderPurpose.EXTERNAL);
        assertThat(kept.request().triggerPriceTicks()).isEqualTo(595_000);
        assertThat(kept.venueOrderId()).isEqualTo("oid-old-stop");
        assertThat(kept.acceptedNs()).as("taken over as acknowledged, not sent").isEqualTo(kept.submittedNs());
        until(
                "bracket and cancel sent",
                () -> venue.tradeRequests("order.create").size() >= 2
                        && venue.tradeRequests("order.cancel").size() >= 1);
        assertThat(venue.tradeRequests("order.create"))
                .allMatch(j -> j.path("args").get(0).path("reduceOnly").asBoolean()
                        && j.path("args").get(0).path("side").asText().equals("Sell"));
        assertThat(venue.tradeRequests("order.create"))
                .anyMatch(j -> j.path("args").get(0).has("triggerPrice"));
        assertThat(venue.tradeRequests("order.cancel")
                        .get(0)
                        .path("args")
                        .get(0)
                        .path("orderLinkId")
                        .asText())
                .isEqualTo("old-stop");
    }

    @Test
    void shouldFlattenByCancellingEverythingAndClosingReduceOnly() throws Exception {
        start(open("old-entry", false, ""), POSITION);
        final BybitReconciliation r = session.reconcile(ReconcilePolicy.FLATTEN);

        assertThat(r.flattenOrderLinkId()).startsWith("flat-");
        assertThat(venue.calls("POST /v5/order/cancel-all")).hasSize(1);
        final var create = venue.restRequests.stream()
                .filter(q -> q.getUrl().encodedPath().equals("/v5/order/create"))
                .toList();
        assertThat(create).hasSize(1);
        final var body = FakeVenue.json(create.get(0));
        assertThat(body.path("side").asText()).isEqualTo("Sell");
        assertThat(body.path("orderType").asText()).isEqualTo("Market");
        assertThat(body.path("qty").asText()).isEqualTo("0.010");
        assertThat(body.path("reduceOnly").asBoolean()).isTrue();
    }

    @Test
    void shouldRefuseEntriesUntilTheBookIsInSyncAndReportFeedAge() throws Exception {
        start("", "");
        final List<Long> ages = new CopyOnWriteArrayList<>();
        session.onFeedAge(ages::add);
        final BybitHealthGate gate = session.healthGate();
        assertThat(gate.check()).isEqualTo(BybitHealthGate.BOOK_OUT_OF_SYNC);
        final long ts = System.currentTimeMillis() - 5;
        venue.pushPublic("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + ts
                + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"60000.00\",\"1.000\"]],\"a\":[[\"60000.10\",\"1.000\"]],"
                + "\"u\":1,\"seq\":1},\"cts\":" + ts + "}");
        until("book in sync and private up", () -> {
            if (!session.isBookInSync()) {
                venue.pushPublic("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + ts
                        + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"60000.00\",\"1.000\"]],\"a\":[[\"60000.10\","
                        + "\"1.000\"]],\"u\":1,\"seq\":1},\"cts\":" + ts + "}");
            }
            return session.isBookInSync() && session.isPrivateStreamUp();
        });
        assertThat(gate.check()).isNull();
        assertThat(ages).isNotEmpty();
        assertThat(session.feedAgeNs()).isGreaterThan(0);
    }

    @Test
    void shouldRefusePrivateStreamDownAndAllowAfter() {
        final AtomicBoolean book = new AtomicBoolean(true);
        final AtomicBoolean priv = new AtomicBoolean(false);
        final BybitHealthGate gate = new BybitHealthGate(book::get, priv::get);
        assertThat(gate.refuse(null, null, null)).isEqualTo(BybitHealthGate.PRIVATE_STREAM_DOWN);
        book.set(false);
        assertThat(gate.check()).isEqualTo(BybitHealthGate.BOOK_OUT_OF_SYNC);
        book.set(true);
        priv.set(true);
        assertThat(gate.check()).isNull();
    }
}
