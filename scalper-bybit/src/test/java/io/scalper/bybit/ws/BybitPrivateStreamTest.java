package io.scalper.bybit.ws;

import static io.scalper.bybit.ws.WsTesting.fastConfig;
import static io.scalper.bybit.ws.WsTesting.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.auth.BybitSigner;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.ws.FakeBybit.Received;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.testing.SharedData;
import io.scalper.core.time.SystemClock;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitPrivateStreamTest {
    private static final String KEY = "XkEy1234abcd";
    private static final String SECRET = "s3cr3t-value-never-shown";

    private FakeBybit server;
    private BybitPrivateStream stream;
    private final Recorder recorder = new Recorder();

    /** Records what the stream reports, in order. */
    static final class Recorder implements ExecutionListener {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            events.add(new Funding(symbol, amount, rate, exchangeTimeNs));
        }

        @Override
        public void onVenuePosition(io.scalper.core.exec.VenuePosition position) {
            events.add(position);
        }

        @Override
        public void onVenueAlert(String symbol, String code, String detail) {
            events.add("alert " + code + " " + detail);
        }
    }

    record Funding(String symbol, double amount, double rate, long exchangeTimeNs) {}

    @AfterEach
    void tearDown() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.stopQuietly();
        }
    }

    private void start(String serverSecret) throws Exception {
        server = new FakeBybit(FakeBybit.Mode.PRIVATE, KEY, serverSecret).begin();
        stream = new BybitPrivateStream(
                server.url() + "/v5/private",
                new BybitCredentials(KEY, SECRET),
                BybitInstruments.builtIn()::get,
                recorder,
                fastConfig(),
                SystemClock.INSTANCE,
                new SplittableRandom(3));
        stream.start();
    }

    private void pump() {
        stream.poll(1024);
    }

    private static String order(String status, String rejectReason, String cancelType, String price, int positionIdx) {
        return "{\"id\":\"m1\",\"topic\":\"order\",\"creationTime\":1700000000474,\"data\":[{\"category\":\"linear\","
                + "\"symbol\":\"BTCUSDT\",\"orderId\":\"oid-1\",\"orderLinkId\":\"t-0001\",\"side\":\"Buy\","
                + "\"orderType\":\"Limit\",\"timeInForce\":\"PostOnly\",\"price\":\"" + price + "\",\"qty\":\"0.001\","
                + "\"orderStatus\":\"" + status + "\",\"cancelType\":\"" + cancelType + "\",\"rejectReason\":\""
                + rejectReason + "\",\"leavesQty\":\"0.001\",\"cumExecQty\":\"0.000\",\"positionIdx\":" + positionIdx
                + ",\"triggerPrice\":\"\",\"updatedTime\":\"1700000000457\",\"createdTime\":\"1700000000444\"}]}";
    }

    private static String execution(String execType, String fee, boolean maker) {
        return "{\"id\":\"e1\",\"topic\":\"execution\",\"creationTime\":1721703999518,\"data\":[{\"category\":\"linear\","
                + "\"symbol\":\"BTCUSDT\",\"execType\":\"" + execType + "\",\"execPrice\":\"69175.10\","
                + "\"execQty\":\"0.002\",\"execValue\":\"138.35\",\"execFee\":\"" + fee + "\",\"feeRate\":\"0.0001\","
                + "\"isMaker\":" + maker + ",\"side\":\"Buy\",\"orderType\":\"Limit\",\"leavesQty\":\"0.001\","
                + "\"execId\":\"x-1\",\"execTime\":\"1721703999514\",\"seq\":1,\"orderLinkId\":\"t-0001\","
                + "\"orderId\":\"oid-1\"}]}";
    }

    @Test
    void shouldAuthenticateWithValidSignatureThenSubscribeAndBeUp() throws Exception {
        start(SECRET);
        until("private stream up", stream::isUp);

        final Received auth = server.received("auth").get(0);
        final JsonNode args = auth.json().path("args");
        assertThat(args.get(0).asText()).isEqualTo(KEY);
        assertThat(args.get(1).isNumber()).isTrue();
        assertThat(args.get(1).asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(args.get(2).asText())
                .isEqualTo(BybitSigner.signWebSocket(SECRET, args.get(1).asLong()));
        final Received sub = server.received("subscribe").get(0);
        assertThat(sub.json().path("args"))
                .extracting(JsonNode::asText)
                .containsExactly("order", "execution", "position", "wallet");
        assertThat(server.received.indexOf(auth)).isLessThan(server.received.indexOf(sub));
        assertThat(stream.authSuccesses()).isEqualTo(1);
    }

    @Test
    void shouldStayDownAndSurfaceErrorWhenAuthIsRefused() throws Exception {
        start("another-secret");
        server.authRefusalText = "Invalid sign for " + KEY + " " + SECRET;
        until("auth failure surfaced", () -> stream.authFailures() >= 1);

        assertThat(stream.isUp()).isFalse();
        assertThat(server.received("subscribe")).isEmpty();
        assertThat(stream.lastError()).contains("auth refused").contains("Invalid sign");
        assertThat(stream.lastError()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(stream.toString()).doesNotContain(SECRET).doesNotContain(KEY);
    }

    @Test
    void shouldTryARefusedAuthenticationAgainOnANewConnectionAfterABackOff() throws Exception {
        start("another-secret");
        until("refused twice, on two connections", () -> stream.authFailures() >= 2);
        assertThat(stream.connection().recycles()).isGreaterThanOrEqualTo(1);
        assertThat(server.received("auth")).extracting(Received::connection).startsWith(1, 2);
        assertThat(stream.isUp()).isFalse();
    }

    @Test
    void shouldReportEveryGapInOrderWithTheFrames() throws Exception {
        final List<String> gaps = new CopyOnWriteArrayList<>();
        start(SECRET);
        stream.onGap(gaps::add);
        until("up", this::pump, stream::isUp);
        assertThat(gaps).containsExactly("connected");
        server.dropAll();
        until("reconnected", this::pump, () -> gaps.size() >= 3 && stream.isUp());
        assertThat(gaps).containsExactly("connected", "disconnected", "connected");
        assertThat(stream.gaps()).isEqualTo(3);
    }

    @Test
    void shouldReportPositionPushesAndForcedExecutions() throws Exception {
        start(SECRET);
        until("up", this::pump, stream::isUp);
        server.push(
                "{\"topic\":\"position\",\"creationTime\":1,\"data\":[{\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                        + "\"size\":\"0.250\",\"positionIdx\":0,\"entryPrice\":\"60000.04\",\"updatedTime\":\"1700000000123\"}]}");
        server.push(execution("BustTrade", "0", false));
        until("both reported", this::pump, () -> recorder.events.size() >= 2);
        final io.scalper.core.exec.VenuePosition p = (io.scalper.core.exec.VenuePosition) recorder.events.get(0);
        assertThat(p.signedLots()).isEqualTo(250);
        assertThat(p.avgEntryTicks()).isEqualTo(600_000);
        assertThat(p.authoritative()).isFalse();
        assertThat(p.exchangeTimeNs()).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(recorder.events.get(1).toString()).startsWith("alert forced_execution BustTrade Buy 0.002");
        assertThat(stream.forcedExecutions()).isEqualTo(1);
    }

    @Test
    void shouldReauthenticateAndResubscribeAfterReconnect() throws Exception {
        start(SECRET);
        until("private stream up", stream::isUp);
        server.dropAll();
        until("down after drop", () -> !stream.isUp() || stream.connection().reconnects() == 1);
        until("up again", () -> stream.connection().reconnects() == 1 && stream.isUp());

        assertThat(server.received("auth")).extracting(Received::connection).containsExactly(1, 2);
        assertThat(server.received("subscribe"))
                .extracting(Received::connection)
                .containsExactly(1, 2);
        assertThat(stream.authSuccesses()).isEqualTo(2);
    }

    @Test
    void shouldMapOrderAndExecutionPushesToOrderEvents() throws Exception {
        start(SECRET);
        until("private stream up", stream::isUp);

        server.push(order("New", "EC_NoError", "UNKNOWN", "60000.00", 0));
        server.push(order("New", "EC_NoError", "UNKNOWN", "60000.50", 0)); // amended price
        server.push(execution("Trade", "0.0138", true));
        server.push(order("Cancelled", "EC_NoError", "CancelByUser", "60000.50", 0));
        server.push(execution("Funding", "0.25", false));
        until("five events", this::pump, () -> recorder.events.size() == 5);

        assertThat(recorder.events.get(0))
                .isEqualTo(new OrderEvent.Accepted(
                        "t-0001",
                        "oid-1",
                        1_700_000_000_457_000_000L,
                        ((OrderEvent) recorder.events.get(0)).localTimeNs()));
        final OrderEvent.Amended amended = (OrderEvent.Amended) recorder.events.get(1);
        assertThat(amended.priceTicks()).isEqualTo(600005L);
        assertThat(amended.qtyLots()).isEqualTo(1L);
        final OrderEvent.Filled fill = (OrderEvent.Filled) recorder.events.get(2);
        assertThat(fill.clientOrderId()).isEqualTo("t-0001");
        assertThat(fill.venueOrderId()).isEqualTo("oid-1");
        assertThat(fill.fillId()).isEqualTo("x-1");
        assertThat(fill.priceTicks()).isEqualTo(691751L);
        assertThat(fill.qtyLots()).isEqualTo(2L);
        assertThat(fill.fee()).isEqualTo(0.0138);
        assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(fill.leavesQtyLots()).isEqualTo(1L);
        assertThat(fill.exchangeTimeNs()).isEqualTo(1_721_703_999_514_000_000L);
        assertThat(fill.localTimeNs()).isPositive();
        assertThat(((OrderEvent.Canceled) recorder.events.get(3)).reason()).isEqualTo(CancelReason.BY_CLIENT);
        assertThat(((OrderEvent.Canceled) recorder.events.get(3)).detail()).isEqualTo("CancelByUser");
        assertThat(recorder.events.get(4)).isEqualTo(new Funding("BTCUSDT", -0.25, 0.0001, 1_721_703_999_514_000_000L));
    }

    @Test
    void shouldReportPostOnlyThatWouldCrossAsCanceledWithItsReason() throws Exception {
        start(SECRET);
        until("private stream up", stream::isUp);

        server.push(order("Cancelled", "EC_PostOnlyWillTakeLiquidity", "UNKNOWN", "60000.00", 0));
        server.push(order("Rejected", "EC_PostOnlyWillTakeLiquidity", "UNKNOWN", "60000.00", 0));
        server.push(order("Rejected", "EC_InvalidSymbolStatus", "UNKNOWN", "60000.00", 0));
        until("three events", this::pump, () -> recorder.events.size() == 3);

        assertThat(((OrderEvent.Canceled) recorder.events.get(0)).reason())
                .isEqualTo(CancelReason.POST_ONLY_WOULD_TAKE);
        assertThat(((OrderEvent.Canceled) recorder.events.get(1)).reason())
                .isEqualTo(CancelReason.POST_ONLY_WOULD_TAKE);
        final OrderEvent.Rejected rejected = (OrderEvent.Rejected) recorder.events.get(2);
        assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_TRADABLE);
        assertThat(rejected.detail()).isEqualTo("EC_InvalidSymbolStatus");
        assertThat(recorder.events).noneMatch(e -> e instanceof OrderEvent.Filled);
    }

    @Test
    void shouldRefuseHedgeModeOrdersInsteadOfMappingThem() throws Exception {
        start(SECRET);
        until("private stream up", stream::isUp);

        server.push(order("New", "EC_NoError", "UNKNOWN", "60000.00", 1));
        server.push(order("New", "EC_NoError", "UNKNOWN", "60000.00", 0));
        until("one event", this::pump, () -> recorder.events.size() == 1 && stream.hedgeModeRefused() == 1);
        assertThat(recorder.events.get(0)).isInstanceOf(OrderEvent.Accepted.class);
        assertThat(stream.lastError()).contains("hedge mode");

        server.push("{\"id\":\"p1\",\"topic\":\"position\",\"creationTime\":1697682317044,\"data\":[{"
                + "\"positionIdx\":2,\"symbol\":\"BTCUSDT\",\"side\":\"\",\"size\":\"0\",\"category\":\"linear\"}]}");
        server.push("{\"id\":\"w1\",\"topic\":\"wallet\",\"creationTime\":1697682317045,\"data\":[{"
                + "\"accountType\":\"UNIFIED\",\"totalAvailableBalance\":\"100\",\"coin\":[]}]}");
        until("position and wallet seen", this::pump, () -> stream.walletUpdates() == 1);
        assertThat(stream.positionUpdates()).isEqualTo(1);
        assertThat(stream.hedgeModeRefused()).isEqualTo(2);
        assertThat(recorder.events).hasSize(1);
    }

    @Test
    void shouldNotCountFundingAsFillAndMapRecordedDocsExecution() throws Exception {
        final String json = Files.readString(SharedData.require("bybit/fixtures/docs-v5-examples.json"));
        final JsonNode docs = FakeBybit.MAPPER.readTree(json);
        start(SECRET);
        until("private stream up", stream::isUp);

        server.push(docs.path("ws_private_execution_1").toString());
        until("fill from docs example", this::pump, () -> !recorder.events.isEmpty());
        final OrderEvent.Filled fill = (OrderEvent.Filled) recorder.events.get(0);
        assertThat(fill.priceTicks()).isEqualTo(959001L); // 95900.1 on a 0.10 tick
        assertThat(fill.qtyLots()).isEqualTo(500L);
        assertThat(fill.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fill.fee()).isEqualTo(26.3725275);
    }
}
