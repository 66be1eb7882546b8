package io.scalper.bybit.gateway;

import static io.scalper.bybit.gateway.BybitGatewayTest.BTC;
import static io.scalper.bybit.gateway.BybitGatewayTest.ack;
import static io.scalper.bybit.gateway.BybitGatewayTest.execution;
import static io.scalper.bybit.gateway.BybitGatewayTest.limit;
import static io.scalper.bybit.gateway.BybitGatewayTest.order;
import static io.scalper.bybit.gateway.BybitGatewayTest.restOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitRestConfig;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.time.SystemClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway never guesses: gaps in the private stream are followed by a venue read before the stream counts as up;
 * ambiguous answers are looked up (and looked up again), never taken as refusals; order traffic stays under one
 * limiter; open orders are never forgotten.
 */
class BybitGatewayVenueTruthTest {
    private FakeVenue venue;
    private BybitRestClient rest;
    private BybitGateway gateway;
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<VenuePosition> positions = new CopyOnWriteArrayList<>();
    final List<String> alerts = new CopyOnWriteArrayList<>();

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

    private void start(boolean useTrade, long requestTimeoutMs) throws Exception {
        venue = new FakeVenue();
        venue.tradeResponder = j -> ack(j, 0, "OK");
        final BybitEnvironment env = BybitEnvironment.custom(venue.restUrl(), venue.wsUrl());
        final BybitCredentials creds = new BybitCredentials(FakeVenue.KEY, FakeVenue.SECRET);
        rest = BybitRestClient.builder(BybitRestConfig.defaults(env).withRetries(2, 50, 200))
                .credentials(creds)
                .build();
        gateway = new BybitGateway(
                env,
                creds,
                rest,
                s -> s.equals("BTCUSDT") ? BTC : null,
                BybitGatewayTest.wsConfig(requestTimeoutMs),
                SystemClock.INSTANCE,
                useTrade);
        gateway.watch("BTCUSDT");
        gateway.setListener(new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent e) {
                events.add(BybitGatewayTest.describe(e));
            }

            @Override
            public void onVenuePosition(VenuePosition p) {
                positions.add(p);
            }

            @Override
            public void onVenueAlert(String symbol, String code, String detail) {
                alerts.add(code + " " + detail);
            }
        });
        gateway.start();
        until("private stream up after the first venue read", gateway::isPrivateStreamUp);
        if (useTrade) {
            until("trade stream up", gateway::isTradeStreamUp);
        }
    }

    void until(String what, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            gateway.poll();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                final List<String> last = events.subList(Math.max(0, events.size() - 10), events.size());
                fail("timed out waiting for: " + what + "; last events " + last + "; alerts " + alerts);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static String restExecution(String link, String execId, String side, long execTimeMs) {
        return "{\"symbol\":\"BTCUSDT\",\"orderId\":\"oid-" + link + "\",\"orderLinkId\":\"" + link + "\",\"side\":\""
                + side + "\",\"orderType\":\"Limit\",\"execId\":\"" + execId + "\",\"execPrice\":\"60000.0\","
                + "\"execQty\":\"0.001\",\"execValue\":\"60\",\"execFee\":\"0.012\",\"feeRate\":\"0.0002\","
                + "\"execType\":\"Trade\",\"execTime\":\"" + execTimeMs + "\",\"isMaker\":true,\"leavesQty\":\"0\"}";
    }

    private static String restPosition(String side, String size, long updatedMs) {
        return "{\"symbol\":\"BTCUSDT\",\"side\":\"" + side + "\",\"size\":\"" + size
                + "\",\"positionIdx\":0,\"avgPrice\":\"60000.0\",\"updatedTime\":\"" + updatedMs + "\"}";
    }

    @Test
    void shouldReadTheVenueAfterAPrivateStreamGapAndReportWhatWasMissedThenAnAuthoritativePosition() throws Exception {
        start(true, 5_000);
        gateway.submit(limit("g-1"));
        until("accepted", () -> events.contains("Accepted g-1"));
        // the stream drops; meanwhile the order fills (the pushes are lost with the connection)
        final long filledMs = System.currentTimeMillis();
        venue.route("GET /v5/execution/list", r -> FakeVenue.list(restExecution("g-1", "gx-1", "Buy", filledMs)));
        venue.route("GET /v5/order/realtime", r -> {
            final String q = r.getUrl().query() == null ? "" : r.getUrl().query();
            return q.contains("orderLinkId=g-1") && q.contains("openOnly=1")
                    ? FakeVenue.list(
                            restOrder("g-1", "Filled").replace("\"cumExecQty\":\"0\"", "\"cumExecQty\":\"0.001\""))
                    : FakeVenue.list("");
        });
        venue.route("GET /v5/position/list", r -> FakeVenue.list(restPosition("Buy", "0.001", filledMs)));
        final int readsBefore = (int) gateway.venueReads();
        positions.clear();
        venue.dropPrivate();
        until("the stream counts as down", () -> !gateway.isPrivateStreamUp());
        until("the venue was read and the stream is up again", gateway::isPrivateStreamUp);

        assertThat(gateway.venueReads()).isGreaterThan(readsBefore);
        assertThat(events).contains("Filled g-1 gx-1 600000x1");
        assertThat(events).filteredOn(e -> e.startsWith("Filled")).hasSize(1);
        assertThat(positions).isNotEmpty();
        final VenuePosition p = positions.get(positions.size() - 1);
        assertThat(p.authoritative()).isTrue();
        assertThat(p.signedLots()).isEqualTo(1);
        assertThat(p.avgEntryTicks()).isEqualTo(600_000);
        // the read went position first, then executions since before the last fill, then open orders
        final List<String> reads = venue.calls("GET /v5/");
        final int pos = lastIndexOf(reads, "GET /v5/position/list");
        final int exe = lastIndexOf(reads, "GET /v5/execution/list");
        assertThat(pos).isLessThan(exe);
        assertThat(reads.get(exe)).contains("startTime=");
    }

    private static int lastIndexOf(List<String> calls, String prefix) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldCountAFillAfterThePositionWasReadInThePositionItReports() throws Exception {
        start(true, 5_000);
        gateway.submit(limit("h-1"));
        until("accepted", () -> events.contains("Accepted h-1"));
        final long readMs = System.currentTimeMillis() - 1_000;
        // the position was read flat; a fill executed after that read shows in the executions read next
        venue.route("GET /v5/position/list", r -> FakeVenue.list(restPosition("", "0", readMs)));
        venue.route("GET /v5/execution/list", r -> FakeVenue.list(restExecution("h-1", "hx-1", "Buy", readMs + 5)));
        positions.clear();
        gateway.requestVenueCheck("BTCUSDT");
        until("a position report", () -> !positions.isEmpty());
        assertThat(positions.get(0).signedLots())
                .as("0 + the fill after the read")
                .isEqualTo(1);
        assertThat(events).contains("Filled h-1 hx-1 600000x1");
    }

    @Test
    void shouldPassOnPositionPushesAsNotAuthoritativeAndForcedExecutionsAsAlerts() throws Exception {
        start(true, 5_000);
        positions.clear(); // the start-up read's report
        venue.pushPrivate(
                "{\"topic\":\"position\",\"creationTime\":1,\"data\":[{\"symbol\":\"BTCUSDT\",\"side\":\"Sell\","
                        + "\"size\":\"0.005\",\"positionIdx\":0,\"entryPrice\":\"60000.05\",\"updatedTime\":\"1700000000000\"}]}");
        until("a pushed position", () -> !positions.isEmpty());
        assertThat(positions.get(0).authoritative()).isFalse();
        assertThat(positions.get(0).signedLots()).isEqualTo(-5);
        assertThat(positions.get(0).avgEntryTicks()).as("rounded to the tick").isEqualTo(600_001);
        venue.pushPrivate("{\"topic\":\"execution\",\"creationTime\":1,\"data\":[{\"symbol\":\"BTCUSDT\","
                + "\"execType\":\"AdlTrade\",\"side\":\"Buy\",\"execQty\":\"0.005\",\"execPrice\":\"61000.0\","
                + "\"execId\":\"adl-1\",\"execTime\":\"1700000000001\",\"orderLinkId\":\"\",\"orderId\":\"sys\"}]}");
        until("an alert", () -> !alerts.isEmpty());
        assertThat(alerts.get(0)).startsWith("forced_execution AdlTrade");
        assertThat(events).as("not a fill of ours").noneMatch(e -> e.startsWith("Filled"));
    }

    @Test
    void shouldLookUpAnOpenOrderWhoseCancelIsAnsweredNoSuchOrderAndReportItsFill() throws Exception {
        start(true, 5_000);
        venue.tradeResponder = j -> j.path("op").asText().equals("order.cancel")
                ? ack(j, 110001, "order not exists or too late to cancel")
                : ack(j, 0, "OK");
        gateway.submit(limit("n-1"));
        until("accepted", () -> events.contains("Accepted n-1"));
        // it filled at the venue; that push is lost
        venue.route(
                "GET /v5/order/realtime",
                r -> FakeVenue.list(
                        restOrder("n-1", "Filled").replace("\"cumExecQty\":\"0\"", "\"cumExecQty\":\"0.001\"")));
        venue.route(
                "GET /v5/execution/list",
                r -> FakeVenue.list(restExecution("n-1", "nx-1", "Buy", System.currentTimeMillis())));
        gateway.cancel("n-1");
        until("cancel answered from the look-up", () -> events.stream().anyMatch(e -> e.startsWith("CancelRejected")));
        assertThat(events).contains("Filled n-1 nx-1 600000x1");
        assertThat(events)
                .filteredOn(e -> e.startsWith("CancelRejected"))
                .singleElement()
                .asString()
                .contains("already filled");
        assertThat(gateway.lookups()).isPositive();
    }

    @Test
    void shouldLookUpACreateRetriedAfterATimeoutAndThenRefusedInsteadOfReportingItRejected() throws Exception {
        start(false, 5_000);
        final AtomicInteger attempts = new AtomicInteger();
        venue.route(
                "POST /v5/order/create",
                r -> attempts.incrementAndGet() == 1
                        ? new MockResponse.Builder()
                                .code(503)
                                .body("busy")
                                .build() // the first attempt may have placed it
                        : FakeVenue.error(110007, "ab not enough for new order"));
        venue.route("GET /v5/order/realtime", r -> {
            final String q = r.getUrl().query() == null ? "" : r.getUrl().query();
            return q.contains("orderLinkId=a-1") ? FakeVenue.list(restOrder("a-1", "New")) : FakeVenue.list("");
        });
        gateway.submit(limit("a-1"));
        until("an answer", () -> !events.isEmpty());
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(events).as("it exists: the first attempt placed it").containsExactly("Accepted a-1");
        assertThat(gateway.outcomesUnknown()).isEqualTo(1);
    }

    @Test
    void shouldNeverReportACreateAnsweredDuplicateAsRejectedAndKeepLookingItUp() throws Exception {
        start(true, 5_000);
        venue.tradeResponder = j -> j.path("op").asText().equals("order.create")
                ? ack(j, 110072, "OrderLinkedID is duplicate")
                : ack(j, 0, "OK");
        final AtomicInteger lookups = new AtomicInteger();
        venue.route("GET /v5/order/realtime", r -> {
            final String q = r.getUrl().query() == null ? "" : r.getUrl().query();
            if (!q.contains("orderLinkId=d-1")) {
                return FakeVenue.list("");
            }
            // the order lists lag: the first three look-ups (each asks realtime twice) find nothing
            return lookups.incrementAndGet() <= 6 ? FakeVenue.list("") : FakeVenue.list(restOrder("d-1", "New"));
        });
        gateway.submit(limit("d-1"));
        until("found at last", () -> events.contains("Accepted d-1"));
        assertThat(events).noneMatch(e -> e.startsWith("Rejected"));
        assertThat(venue.tradeRequests("order.create")).as("never re-sent").hasSize(1);
        assertThat(venue.calls("POST /v5/order/create")).isEmpty();
        assertThat(gateway.lookups()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldKeepOrderTrafficUnderTheLimitAndRefuseEntriesWhileCommandsWait() throws Exception {
        start(true, 5_000);
        final int limit = gateway.orderRatePerSecond();
        assertThat(limit).as("Bybit's 10 per second, less the margin").isEqualTo(8);
        for (int i = 0; i < 3 * limit; i++) {
            gateway.submit(limit("r-" + i));
        }
        assertThat(gateway.isReadyForEntries()).isFalse();
        assertThat(gateway.queuedCommands()).isEqualTo(2 * limit);
        until("all accepted", () -> events.size() == 3 * limit);
        assertThat(gateway.isReadyForEntries()).isTrue();
        // no rolling second saw more than the limit
        final List<Long> sent = venue.ws.tradeRequestTimesNs;
        for (int i = limit; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - limit))
                    .as("request %d and the %d before it span more than a second", i, limit)
                    .isGreaterThanOrEqualTo(950_000_000L);
        }
    }

    @Test
    void shouldPauseOrderTrafficAfterATooManyVisitsAnswer() throws Exception {
        start(true, 5_000);
        final AtomicInteger creates = new AtomicInteger();
        venue.tradeResponder =
                j -> creates.incrementAndGet() == 1 ? ack(j, 10006, "Too many visits!") : ack(j, 0, "OK");
        gateway.submit(limit("p-1"));
        until("refused", () -> events.stream().anyMatch(e -> e.startsWith("Rejected p-1 rate_limited (10006")));
        assertThat(gateway.isReadyForEntries()).as("paused").isFalse();
        gateway.submit(limit("p-2"));
        assertThat(venue.tradeRequests("order.create"))
                .as("held during the pause")
                .hasSize(1);
        until("sent after the pause", () -> events.contains("Accepted p-2"));
        assertThat(gateway.rateLimitedAnswers()).isEqualTo(1);
    }

    @Test
    void shouldResyncTheClockAndResendOverRestAfterATimestampRefusal() throws Exception {
        start(true, 5_000);
        venue.tradeResponder = j -> ack(j, 10002, "invalid request, please check your server timestamp");
        venue.route("POST /v5/order/create", r -> FakeVenue.ok("{\"orderId\":\"oid-s1\",\"orderLinkId\":\"s-1\"}"));
        final int timeCalls = venue.calls("GET /v5/market/time").size();
        gateway.submit(limit("s-1"));
        until("accepted over REST", () -> events.contains("Accepted s-1"));
        assertThat(venue.calls("GET /v5/market/time").size()).isGreaterThan(timeCalls);
        assertThat(FakeVenue.json(venue.restRequests.stream()
                                .filter(r -> r.getUrl().encodedPath().equals("/v5/order/create"))
                                .findFirst()
                                .orElseThrow())
                        .path("orderLinkId")
                        .asText())
                .isEqualTo("s-1");
        assertThat(gateway.timestampResyncs()).isEqualTo(1);
    }

    @Test
    void shouldAlertWhenAnOrderCannotBeLookedUpWithinItsBudget() throws Exception {
        start(true, 200);
        venue.tradeResponder = j -> null; // the create is never answered
        venue.route(
                "GET /v5/order/realtime",
                r -> new MockResponse.Builder().code(500).body("down").build());
        gateway.lookUpBudget(3, 100_000_000L, 200_000_000L);
        gateway.submit(limit("u-1"));
        until("alerted", () -> alerts.stream().anyMatch(a -> a.startsWith(BybitGateway.ORDER_UNRESOLVED)));
        assertThat(events)
                .as("a create whose fate is unknown is never reported rejected")
                .isEmpty();
        assertThat(gateway.unresolvedOrders()).isEqualTo(1);
    }

    private long cancels() {
        return events.stream().filter(e -> e.startsWith("Canceled")).count();
    }

    @Test
    void shouldNeverForgetAnOpenOrderHoweverManyFinishedOnesFollow() throws Exception {
        start(true, 5_000);
        gateway.submit(limit("keep-1"));
        until("accepted", () -> events.contains("Accepted keep-1"));
        final int total = BybitGateway.DEFAULT_MAX_TRACKED_ORDERS + 50;
        for (int i = 0; i < total; i++) {
            final String id = "x" + i;
            gateway.track(id, "BTCUSDT", "v" + i, 600_000, 1, OrderRequest.NO_PRICE);
            venue.pushPrivate(order(id, "Cancelled", "60000.0", "0.001"));
            if (i % 500 == 499) { // in batches the hand-off queue (1,024 here) can hold
                final long want = i + 1;
                until("a batch of cancels", () -> cancels() >= want);
            }
        }
        until("every cancel delivered", () -> cancels() >= total);
        assertThat(gateway.trackedOrders()).isLessThanOrEqualTo(BybitGateway.DEFAULT_MAX_TRACKED_ORDERS);
        assertThat(gateway.trackedOrderIds()).contains("keep-1");
        gateway.amend("keep-1", 600_010, 0, OrderRequest.NO_PRICE);
        until("amended", () -> events.contains("Amended keep-1 600010x1"));
        assertThat(events).noneMatch(e -> e.contains("unknown order"));
        venue.pushPrivate(execution("keep-1", "k-x"));
        until("its fill", () -> events.stream().anyMatch(e -> e.startsWith("Filled keep-1")));
    }
}
