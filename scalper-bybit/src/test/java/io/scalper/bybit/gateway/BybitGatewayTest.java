package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitRestConfig;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitGatewayTest {
    static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    private FakeVenue venue;
    private BybitRestClient rest;
    private BybitGateway gateway;
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Long> latencies = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.close();
        }
        if (rest != null) {
            rest.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    static BybitWsConfig wsConfig(long requestTimeoutMs) {
        return new BybitWsConfig(100, 5_000, 10, 40, 10_000, 5_000, requestTimeoutMs, 1024);
    }

    private void start(boolean useTrade, long requestTimeoutMs, boolean refuseTrade) throws Exception {
        venue = new FakeVenue();
        venue.ws.refuseTrade = refuseTrade;
        final BybitEnvironment env = BybitEnvironment.custom(venue.restUrl(), venue.wsUrl());
        final BybitCredentials creds = new BybitCredentials(FakeVenue.KEY, FakeVenue.SECRET);
        rest = BybitRestClient.builder(BybitRestConfig.defaults(env))
                .credentials(creds)
                .build();
        gateway = new BybitGateway(
                env,
                creds,
                rest,
                s -> s.equals("BTCUSDT") ? BTC : null,
                wsConfig(requestTimeoutMs),
                SystemClock.INSTANCE,
                useTrade);
        gateway.setListener(new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent e) {
                events.add(describe(e));
            }

            @Override
            public void onLatency(long roundTripNs) {
                latencies.add(roundTripNs);
            }
        });
        gateway.start();
        until("private stream up", gateway::isPrivateStreamUp);
        if (useTrade && !refuseTrade) {
            until("trade stream up", gateway::isTradeStreamUp);
        }
    }

    static String describe(OrderEvent e) {
        final String base = e.getClass().getSimpleName() + " " + e.clientOrderId();
        if (e instanceof OrderEvent.Rejected r) {
            return base + " " + r.reasonText();
        }
        if (e instanceof OrderEvent.AmendRejected r) {
            return base + " " + r.reasonText();
        }
        if (e instanceof OrderEvent.CancelRejected r) {
            return base + " " + r.reasonText();
        }
        if (e instanceof OrderEvent.Filled f) {
            return base + " " + f.fillId() + " " + f.priceTicks() + "x" + f.qtyLots();
        }
        if (e instanceof OrderEvent.Amended a) {
            return base + " " + a.priceTicks() + "x" + a.qtyLots();
        }
        return base;
    }

    void until(String what, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            if (gateway != null) {
                gateway.poll();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for: " + what + "; events " + events);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Polls a little more so that anything (wrongly) queued would show up. */
    void settle() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            gateway.poll();
            Thread.sleep(5);
        }
    }

    static OrderRequest limit(String id) {
        return OrderRequest.limit(
                id, "BTCUSDT", Side.BUY, 600_000, 1, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY);
    }

    static String ack(JsonNode req, int code, String msg) {
        final String link = req.path("args").get(0).path("orderLinkId").asText("");
        return "{\"reqId\":\"" + req.path("reqId").asText() + "\",\"retCode\":" + code + ",\"retMsg\":\"" + msg
                + "\",\"op\":\"" + req.path("op").asText() + "\",\"data\":"
                + (code == 0 ? "{\"orderId\":\"oid-" + link + "\",\"orderLinkId\":\"" + link + "\"}" : "{}")
                + ",\"retExtInfo\":{},\"header\":{},\"connId\":\"c\"}";
    }

    static String order(String link, String status, String price, String qty) {
        return "{\"topic\":\"order\",\"creationTime\":1700000000000,\"data\":[{\"category\":\"linear\",\"symbol\":"
                + "\"BTCUSDT\",\"orderId\":\"oid-" + link + "\",\"orderLinkId\":\"" + link + "\",\"side\":\"Buy\","
                + "\"orderType\":\"Limit\",\"price\":\"" + price + "\",\"qty\":\"" + qty + "\",\"orderStatus\":\""
                + status + "\",\"cancelType\":\"" + (status.equals("Cancelled") ? "CancelByUser" : "UNKNOWN")
                + "\",\"rejectReason\":\"EC_NoError\",\"triggerPrice\":\"\",\"positionIdx\":0,"
                + "\"updatedTime\":\"1700000000001\"}]}";
    }

    static String execution(String link, String execId) {
        return "{\"topic\":\"execution\",\"creationTime\":1700000000002,\"data\":[{\"category\":\"linear\","
                + "\"symbol\":\"BTCUSDT\",\"execType\":\"Trade\",\"execPrice\":\"60000.0\",\"execQty\":\"0.001\","
                + "\"execFee\":\"0.012\",\"isMaker\":true,\"leavesQty\":\"0\",\"execId\":\"" + execId + "\","
                + "\"execTime\":\"1700000000002\",\"orderLinkId\":\"" + link + "\",\"orderId\":\"oid-" + link + "\"}]}";
    }

    static String restOrder(String link, String status) {
        return "{\"orderId\":\"oid-" + link + "\",\"orderLinkId\":\"" + link + "\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"Buy\",\"orderType\":\"Limit\",\"timeInForce\":\"PostOnly\",\"price\":\"60000.0\","
                + "\"qty\":\"0.001\",\"orderStatus\":\"" + status + "\",\"cancelType\":\"UNKNOWN\","
                + "\"rejectReason\":\"EC_NoError\",\"cumExecQty\":\"0\",\"leavesQty\":\"0.001\",\"triggerPrice\":\"\","
                + "\"reduceOnly\":false,\"positionIdx\":0,\"updatedTime\":\"1700000000001\"}";
    }

    @Test
    void shouldDeliverAcceptedAndFilledOnceEachWhenSubmittedOverTheTradeStream() throws Exception {
        start(true, 5_000, false);
        venue.tradeResponder = j -> ack(j, 0, "OK");
        gateway.submit(limit("o-1"));
        until("accepted", () -> events.contains("Accepted o-1"));
        venue.pushPrivate(order("o-1", "New", "60000.0", "0.001"));
        venue.pushPrivate(execution("o-1", "x-1"));
        venue.pushPrivate(execution("o-1", "x-1")); // a repeat
        venue.pushPrivate(order("o-1", "Filled", "60000.0", "0.001"));
        until("filled", () -> events.stream().anyMatch(e -> e.startsWith("Filled")));
        settle();

        assertThat(events).containsExactly("Accepted o-1", "Filled o-1 x-1 600000x1");
        assertThat(latencies).hasSize(1).allMatch(ns -> ns >= 0);
        assertThat(gateway.wsCommands()).isEqualTo(1);
        assertThat(venue.calls("POST /v5/order/create")).isEmpty();
        assertThat(venue.tradeRequests("order.create")
                        .get(0)
                        .path("args")
                        .get(0)
                        .path("orderLinkId")
                        .asText())
                .isEqualTo("o-1");
        assertThat(gateway.duplicatesDropped()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldPlaceOverRestWhenTheEnvironmentHasNoTradeStream() throws Exception {
        start(false, 5_000, false);
        venue.route("POST /v5/order/create", r -> FakeVenue.ok("{\"orderId\":\"oid-r1\",\"orderLinkId\":\"r-1\"}"));
        gateway.submit(limit("r-1"));
        until("accepted", () -> events.contains("Accepted r-1"));
        venue.pushPrivate(order("r-1", "New", "60000.0", "0.001"));
        settle();

        assertThat(events).containsExactly("Accepted r-1");
        assertThat(latencies).hasSize(1);
        assertThat(gateway.tradeStream()).isNull();
        assertThat(FakeVenue.json(venue.restRequests.stream()
                                .filter(r -> r.getUrl().encodedPath().equals("/v5/order/create"))
                                .findFirst()
                                .orElseThrow())
                        .path("orderLinkId")
                        .asText())
                .isEqualTo("r-1");
    }

    @Test
    void shouldFallBackToRestWhileTheTradeStreamIsDown() throws Exception {
        start(true, 5_000, true);
        venue.route("POST /v5/order/create", r -> FakeVenue.ok("{\"orderId\":\"oid-d1\",\"orderLinkId\":\"d-1\"}"));
        assertThat(gateway.isTradeStreamUp()).isFalse();
        gateway.submit(limit("d-1"));
        until("accepted", () -> events.contains("Accepted d-1"));
        assertThat(venue.calls("POST /v5/order/create")).hasSize(1);
        assertThat(gateway.restCommands()).isEqualTo(1);
    }

    @Test
    void shouldLookTheOrderUpWhenTheTradeStreamDoesNotAnswer() throws Exception {
        start(true, 200, false);
        venue.tradeResponder = j -> null; // silent
        venue.route("GET /v5/order/realtime", r -> FakeVenue.list(restOrder("t-1", "New")));
        gateway.submit(limit("t-1"));
        until("accepted from the look-up", () -> events.contains("Accepted t-1"));
        settle();

        assertThat(events).containsExactly("Accepted t-1");
        assertThat(gateway.lookups()).isEqualTo(1);
        assertThat(venue.calls("GET /v5/order/realtime").get(0)).contains("orderLinkId=t-1");
        assertThat(venue.calls("POST /v5/order/create"))
                .as("found: not re-sent")
                .isEmpty();
    }

    @Test
    void shouldMapRejectionCodesToRejectedEvents() throws Exception {
        start(true, 5_000, false);
        venue.tradeResponder = j -> {
            switch (j.path("op").asText()) {
                case "order.create":
                    return ack(j, 110007, "ab not enough for new order");
                case "order.amend":
                    return ack(j, 110001, "order not exists or too late to replace");
                default:
                    return ack(j, 110001, "order not exists or too late to cancel");
            }
        };
        gateway.submit(limit("j-1"));
        until("rejected", () -> events.stream().anyMatch(e -> e.startsWith("Rejected j-1")));
        gateway.amend("j-1", 600_010, 0, OrderRequest.NO_PRICE);
        gateway.cancel("j-1");
        until("amend and cancel rejected", () -> events.size() >= 3);

        assertThat(events)
                .containsExactly(
                        "Rejected j-1 insufficient_balance (110007 ab not enough for new order)",
                        "AmendRejected j-1 unknown_order (110001 order not exists or too late to replace)",
                        "CancelRejected j-1 unknown_order (110001 order not exists or too late to cancel)");
        assertThat(String.join(" ", events)).doesNotContain(FakeVenue.SECRET);
    }

    @Test
    void shouldMapRestRefusalsToo() throws Exception {
        start(false, 5_000, false);
        venue.route("POST /v5/order/create", r -> FakeVenue.error(110094, "order value below minimum"));
        venue.route("POST /v5/order/cancel", r -> FakeVenue.error(110001, "order not exists"));
        gateway.submit(limit("k-1"));
        gateway.cancel("k-1");
        until("both refused", () -> events.size() >= 2);
        assertThat(events)
                .containsExactly(
                        "Rejected k-1 below_min_notional (110094 order value below minimum)",
                        "CancelRejected k-1 unknown_order (110001 order not exists)");
    }

    @Test
    void shouldAmendAndCancelOverTheTradeStreamWithoutDuplicates() throws Exception {
        start(true, 5_000, false);
        venue.tradeResponder = j -> ack(j, 0, "OK");
        gateway.submit(limit("a-1"));
        until("accepted", () -> events.contains("Accepted a-1"));
        venue.pushPrivate(order("a-1", "New", "60000.0", "0.001"));
        gateway.amend("a-1", 600_010, 2, OrderRequest.NO_PRICE);
        until("amended", () -> events.contains("Amended a-1 600010x2"));
        venue.pushPrivate(order("a-1", "New", "60001.0", "0.002"));
        gateway.cancel("a-1");
        until("canceled", () -> events.contains("Canceled a-1"));
        venue.pushPrivate(order("a-1", "Cancelled", "60001.0", "0.002"));
        settle();

        assertThat(events).containsExactly("Accepted a-1", "Amended a-1 600010x2", "Canceled a-1");
        assertThat(latencies).hasSize(3);
        final JsonNode amend =
                venue.tradeRequests("order.amend").get(0).path("args").get(0);
        assertThat(amend.path("price").asText()).isEqualTo("60001.00");
        assertThat(amend.path("qty").asText()).isEqualTo("0.002");
    }

    @Test
    void shouldReportACancelThatLostTheRaceWithAFillAsRejectedAndKeepTheFillOnce() throws Exception {
        start(true, 5_000, false);
        venue.tradeResponder = j -> j.path("op").asText().equals("order.cancel")
                ? ack(j, 110001, "order not exists or too late to cancel")
                : ack(j, 0, "OK");
        gateway.submit(limit("c-1"));
        until("accepted", () -> events.contains("Accepted c-1"));
        venue.pushPrivate(execution("c-1", "e-1"));
        venue.pushPrivate(order("c-1", "Filled", "60000.0", "0.001"));
        until("filled", () -> events.stream().anyMatch(e -> e.startsWith("Filled c-1")));
        gateway.cancel("c-1"); // sent before the engine learnt of the fill
        until("cancel refused", () -> events.stream().anyMatch(e -> e.startsWith("CancelRejected c-1")));
        venue.pushPrivate(execution("c-1", "e-1")); // the same execution pushed again
        settle();

        assertThat(events).filteredOn(e -> e.startsWith("Filled")).hasSize(1);
        assertThat(events).noneMatch(e -> e.startsWith("Canceled"));
        assertThat(events)
                .filteredOn(e -> e.startsWith("CancelRejected c-1"))
                .singleElement()
                .asString()
                .contains("110001");
    }

    @Test
    void shouldLookACancelUpWhenItsAnswerNeverComesAndReportWhatTheExchangeSays() throws Exception {
        start(true, 200, false);
        venue.tradeResponder = j -> j.path("op").asText().equals("order.cancel") ? null : ack(j, 0, "OK");
        gateway.submit(limit("u-1"));
        until("accepted", () -> events.contains("Accepted u-1"));
        // the cancel's answer is lost; the exchange, asked, says the order is cancelled
        venue.route("GET /v5/order/realtime", r -> FakeVenue.list(restOrder("u-1", "Cancelled")));
        gateway.cancel("u-1");
        until("cancelled from the look-up", () -> events.contains("Canceled u-1"));
        settle();

        assertThat(events).containsExactly("Accepted u-1", "Canceled u-1");
        assertThat(gateway.lookups()).isPositive();
        assertThat(venue.calls("GET /v5/order/realtime")).anyMatch(c -> c.contains("orderLinkId=u-1"));
    }

    @Test
    void shouldShareOneOrderBudgetBetweenTheGatewaysOfOneAccount() throws Exception {
        start(false, 2_000, false);
        final BybitEnvironment env = BybitEnvironment.custom(venue.restUrl(), venue.wsUrl());
        final BybitCredentials creds = new BybitCredentials(FakeVenue.KEY, FakeVenue.SECRET);
        final BybitOrderBudget budget = new BybitOrderBudget();
        final List<BybitGateway> two = new ArrayList<>();
        try {
            for (int g = 0; g < 2; g++) {
                final BybitGateway other = new BybitGateway(
                        env,
                        creds,
                        rest,
                        s -> s.equals("BTCUSDT") ? BTC : null,
                        wsConfig(2_000),
                        SystemClock.INSTANCE,
                        false,
                        budget);
                other.setListener(new ExecutionListener() {
                    @Override
                    public void onOrderEvent(OrderEvent e) {}
                });
                two.add(other);
            }
            // the same instant: each gateway alone may send 8 creates a second, the account together too
            for (int i = 0; i < 6; i++) {
                two.get(0).submit(limit("a-" + i));
                two.get(1).submit(limit("b-" + i));
            }
            final int perSecond = budget.perSecond();
            assertThat(perSecond).isEqualTo(8);
            final int waiting = two.get(0).queuedCommands() + two.get(1).queuedCommands();
            assertThat(12 - waiting)
                    .as("creates sent at once by the account's two gateways")
                    .isEqualTo(perSecond);
            // and the rest goes once the second has passed
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (two.get(0).queuedCommands() + two.get(1).queuedCommands() > 0 && System.nanoTime() < deadline) {
                two.get(0).poll();
                two.get(1).poll();
                Thread.sleep(5);
            }
            assertThat(two.get(0).queuedCommands() + two.get(1).queuedCommands())
                    .isZero();
        } finally {
            for (BybitGateway g : two) {
                g.close();
            }
        }
    }

    @Test
    void shouldKeepSecretsOutOfToStringAndErrors() throws Exception {
        start(true, 5_000, false);
        assertThat(gateway.toString()).doesNotContain(FakeVenue.SECRET).doesNotContain(FakeVenue.KEY);
        assertThat(gateway.privateStream().toString()).doesNotContain(FakeVenue.SECRET);
        assertThat(gateway.privateStream().lastError()).doesNotContain(FakeVenue.SECRET);
        assertThat(rest.toString()).doesNotContain(FakeVenue.SECRET);
    }
}
