package io.scalper.bybit.ws;

import static io.scalper.bybit.ws.WsTesting.fastConfig;
import static io.scalper.bybit.ws.WsTesting.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.ws.FakeBybit.Received;
import io.scalper.core.time.SystemClock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitTradeStreamTest {
    private static final String KEY = "TrAdEkEy9876";
    private static final String SECRET = "trade-secret-never-shown";

    private FakeBybit server;
    private BybitTradeStream stream;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private final BybitTradeStream.ResponseListener listener = new BybitTradeStream.ResponseListener() {
        @Override
        public void onAck(String reqId, String op, String orderId, String orderLinkId, long roundTripNs) {
            outcomes.add("ack " + reqId + " " + op + " " + orderId + " " + orderLinkId + (roundTripNs >= 0 ? "" : "!"));
        }

        @Override
        public void onRejected(String reqId, String op, String orderLinkId, int retCode, String retMsg) {
            outcomes.add("rejected " + reqId + " " + op + " " + orderLinkId + " " + retCode + " " + retMsg);
        }

        @Override
        public void onUnknown(String reqId, String op, String orderLinkId) {
            outcomes.add("unknown " + reqId + " " + op + " " + orderLinkId);
        }
    };

    @AfterEach
    void tearDown() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.stopQuietly();
        }
    }

    private void start(String serverSecret, BybitWsConfig config) throws Exception {
        server = new FakeBybit(FakeBybit.Mode.TRADE, KEY, serverSecret).begin();
        stream = new BybitTradeStream(
                server.url() + "/v5/trade",
                new BybitCredentials(KEY, SECRET),
                listener,
                config,
                SystemClock.INSTANCE,
                new SplittableRandom(5));
        stream.start();
    }

    private void pump() {
        stream.poll(64);
    }

    private static BybitCreateOrder limit(String linkId) {
        return new BybitCreateOrder(
                "BTCUSDT", "Buy", "Limit", "0.001", "60000.00", "PostOnly", linkId, false, null, 0, null, 0);
    }

    private static String reply(JsonNode request, int retCode, String retMsg) {
        final String linkId = request.path("args").get(0).path("orderLinkId").asText("");
        return "{\"reqId\":\"" + request.path("reqId").asText() + "\",\"retCode\":" + retCode + ",\"retMsg\":\""
                + retMsg + "\",\"op\":\"" + request.path("op").asText() + "\",\"data\":{\"orderId\":\"oid-" + linkId
                + "\",\"orderLinkId\":\"" + linkId + "\"},\"retExtInfo\":{},\"header\":{},\"connId\":\"c\"}";
    }

    @Test
    void shouldRefuseDemoEnvironmentWhichHasNoTradeStream() {
        assertThatThrownBy(() -> BybitTradeStream.of(
                        BybitEnvironment.DEMO,
                        new BybitCredentials(KEY, SECRET),
                        listener,
                        fastConfig(),
                        SystemClock.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo");
    }

    @Test
    void shouldAuthenticateThenCorrelateResponsesByReqId() throws Exception {
        final List<JsonNode> held = new CopyOnWriteArrayList<>();
        final List<WebSocket> conns = new CopyOnWriteArrayList<>();
        start(SECRET, fastConfig());
        server.tradeResponder = (conn, request) -> {
            held.add(request);
            conns.add(conn);
            return null;
        };
        assertThat(stream.create(limit("t-a"))).as("not up yet").isNull();
        until("trade stream up", stream::isUp);

        final String first = stream.create(limit("t-a"));
        final String second = stream.amend(BybitAmendOrder.byOrderLinkId("BTCUSDT", "t-b")
                .withQty(io.scalper.bybit.marketdata.BybitInstruments.BTCUSDT, 2));
        assertThat(first).isNotNull().isNotEqualTo(second);
        until("both requests at the server", () -> held.size() == 2);
        // Answer in reverse order: correlation is by reqId, not by order of arrival.
        conns.get(1).send(reply(held.get(1), 0, "OK"));
        conns.get(0).send(reply(held.get(0), 0, "OK"));
        until("two acks", this::pump, () -> outcomes.size() == 2);

        assertThat(outcomes)
                .containsExactly(
                        "ack " + second + " order.amend oid-t-b t-b", "ack " + first + " order.create oid-t-a t-a");
        final JsonNode create = held.get(0);
        assertThat(create.path("reqId").asText()).isEqualTo(first);
        assertThat(create.path("op").asText()).isEqualTo("order.create");
        assertThat(create.path("header").path("X-BAPI-TIMESTAMP").asText()).matches("\\d{13}");
        assertThat(create.path("header").path("X-BAPI-RECV-WINDOW").asText()).isEqualTo("5000");
        final JsonNode args = create.path("args");
        assertThat(args.size()).isEqualTo(1);
        assertThat(args.get(0).toString())
                .isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\","
                        + "\"qty\":\"0.001\",\"price\":\"60000.00\",\"timeInForce\":\"PostOnly\","
                        + "\"orderLinkId\":\"t-a\",\"positionIdx\":0}");
        assertThat(held.get(1).path("args").get(0).path("qty").asText()).isEqualTo("0.002");
        final Received auth = server.received("auth").get(0);
        assertThat(auth.json().path("reqId").asText()).startsWith("auth-");
        assertThat(server.received.indexOf(auth)).isZero();
        assertThat(stream.acks()).isEqualTo(2);
        assertThat(stream.pendingRequests()).isZero();
    }

    @Test
    void shouldReportNonZeroRetCodeAsRejectionWithTheCode() throws Exception {
        start(SECRET, fastConfig());
        server.tradeResponder = (conn, request) -> reply(request, 110007, "ab not enough for new order");
        until("trade stream up", stream::isUp);

        final String reqId = stream.create(limit("t-poor"));
        final String cancel = stream.cancel("BTCUSDT", "t-poor");
        until("two rejections", this::pump, () -> outcomes.size() == 2);
        assertThat(outcomes)
                .containsExactly(
                        "rejected " + reqId + " order.create t-poor 110007 ab not enough for new order",
                        "rejected " + cancel + " order.cancel t-poor 110007 ab not enough for new order");
        assertThat(stream.rejections()).isEqualTo(2);
    }

    @Test
    void shouldReportUnansweredRequestAsUnknownAfterTimeoutAndDropLateResponse() throws Exception {
        final List<JsonNode> held = new CopyOnWriteArrayList<>();
        start(SECRET, fastConfig().withRequestTimeout(200));
        server.tradeResponder = (conn, request) -> {
            held.add(request);
            return null; // never answers
        };
        until("trade stream up", stream::isUp);

        final String reqId = stream.create(limit("t-slow"));
        until("unknown reported", this::pump, () -> !outcomes.isEmpty());
        assertThat(outcomes).containsExactly("unknown " + reqId + " order.create t-slow");
        assertThat(stream.timeouts()).isEqualTo(1);

        server.push(reply(held.get(0), 0, "OK"));
        until("late response counted", this::pump, () -> stream.lateResponses() == 1);
        assertThat(outcomes).hasSize(1);
        assertThat(server.received("order.create")).hasSize(1);
    }

    @Test
    void shouldStayDownWithRedactedErrorWhenAuthIsRefused() throws Exception {
        start("wrong-secret", fastConfig());
        server.authRefusalText = "invalid sign " + SECRET + " " + KEY;
        until("auth refused", () -> stream.authFailures() >= 1);
        assertThat(stream.isUp()).isFalse();
        assertThat(stream.create(limit("t-x"))).isNull();
        assertThat(stream.lastError()).contains("10004").doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(stream.toString()).doesNotContain(SECRET).doesNotContain(KEY);
    }

    @Test
    void shouldReauthenticateAfterReconnect() throws Exception {
        start(SECRET, fastConfig());
        until("trade stream up", stream::isUp);
        server.dropAll();
        until("up again", () -> stream.connection().reconnects() == 1 && stream.isUp());
        assertThat(server.received("auth")).extracting(Received::connection).containsExactly(1, 2);
        assertThat(server.received("auth"))
                .extracting(r -> r.json().path("reqId").asText())
                .doesNotHaveDuplicates();
    }
}
