package io.scalper.bybit.rest;

import static io.scalper.bybit.rest.RestTestSupport.KEY;
import static io.scalper.bybit.rest.RestTestSupport.SECRET;
import static io.scalper.bybit.rest.RestTestSupport.START_MS;
import static io.scalper.bybit.rest.RestTestSupport.body;
import static io.scalper.bybit.rest.RestTestSupport.error;
import static io.scalper.bybit.rest.RestTestSupport.ok;
import static io.scalper.bybit.rest.RestTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scalper.bybit.auth.BybitSigner;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST client against a loopback MockWebServer, with time driven by hand. */
class BybitRestClientTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final String ACK = "{\"orderId\":\"oid-1\",\"orderLinkId\":\"t-0001\"}";

    private RestTestSupport t;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestTestSupport();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static OrderRequest postOnly(String id) {
        return OrderRequest.limit(
                id, "BTCUSDT", Side.BUY, 600_000, 1, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY);
    }

    @Test
    void shouldSignGetOverTheExactQueryStringSent() throws Exception {
        t.enqueue(ok("{\"category\":\"linear\",\"list\":[]}"));
        t.client.positions("BTCUSDT");
        final RecordedRequest r = t.take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v5/position/list");
        final String query = r.getUrl().encodedQuery();
        assertThat(query).isEqualTo("category=linear&symbol=BTCUSDT&limit=200");
        assertThat(r.getHeaders().get("X-BAPI-API-KEY")).isEqualTo(KEY);
        assertThat(r.getHeaders().get("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(START_MS));
        assertThat(r.getHeaders().get("X-BAPI-RECV-WINDOW")).isEqualTo("5000");
        assertThat(r.getHeaders().get("X-BAPI-SIGN"))
                .isEqualTo(BybitSigner.hmacSha256Hex(SECRET, START_MS + KEY + "5000" + query));
    }

    @Test
    void shouldSignPostOverTheExactBodySent() throws Exception {
        t.enqueue(ok(ACK));
        final BybitOrderAck ack = t.client.createOrder(postOnly("t-0001"), BTC);
        assertThat(ack).isEqualTo(new BybitOrderAck("oid-1", "t-0001"));
        final RecordedRequest r = t.take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v5/order/create");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        final String sent = body(r);
        assertThat(sent).contains("\"timeInForce\":\"PostOnly\"", "\"orderLinkId\":\"t-0001\"");
        assertThat(r.getHeaders().get("X-BAPI-SIGN"))
                .isEqualTo(BybitSigner.hmacSha256Hex(SECRET, START_MS + KEY + "5000" + sent));
    }

    @Test
    void shouldUseTheConfiguredRecvWindow() throws Exception {
        t.close();
        t = new RestTestSupport(c -> c.withRecvWindowMs(2500));
        t.enqueue(ok("{\"list\":[]}"));
        t.client.feeRates("BTCUSDT");
        final RecordedRequest r = t.take();
        assertThat(r.getHeaders().get("X-BAPI-RECV-WINDOW")).isEqualTo("2500");
        assertThat(r.getHeaders().get("X-BAPI-SIGN"))
                .isEqualTo(BybitSigner.hmacSha256Hex(
                        SECRET, START_MS + KEY + "2500" + r.getUrl().encodedQuery()));
    }

    @Test
    void shouldSendMarketRequestsUnsigned() throws Exception {
        t.enqueue(ok("{\"category\":\"linear\",\"list\":[]}"));
        t.client.tickers("BTCUSDT");
        final RecordedRequest r = t.take();
        assertThat(r.getHeaders().get("X-BAPI-SIGN")).isNull();
        assertThat(r.getHeaders().get("X-BAPI-API-KEY")).isNull();
    }

    @Test
    void shouldApplyTheServerTimeOffsetToTimestamps() throws Exception {
        final long serverMs = START_MS + 1_500;
        t.enqueue(ok("{\"timeSecond\":\"" + serverMs / 1000 + "\",\"timeNano\":\"" + serverMs * 1_000_000L + "\"}"));
        assertThat(t.client.syncTime()).isEqualTo(1_500);
        assertThat(t.client.serverTimeMs()).isEqualTo(serverMs);
        t.enqueue(ok(ACK));
        t.client.createOrder(postOnly("t-0001"), BTC);
        t.take();
        final RecordedRequest r = t.take();
        assertThat(r.getHeaders().get("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(serverMs));
        assertThat(r.getHeaders().get("X-BAPI-SIGN"))
                .isEqualTo(BybitSigner.hmacSha256Hex(SECRET, serverMs + KEY + "5000" + body(r)));
    }

    @ParameterizedTest
    @CsvSource({
        "10003, AUTH",
        "10004, AUTH",
        "10005, AUTH",
        "10010, AUTH",
        "10002, TIMESTAMP",
        "10006, RATE_LIMIT",
        "10001, PARAMETER",
        "110007, INSUFFICIENT_BALANCE",
        "110012, INSUFFICIENT_BALANCE",
        "110001, UNKNOWN_ORDER",
        "110008, ORDER_FINISHED",
        "110072, DUPLICATE_ORDER_LINK_ID",
        "110043, NOT_MODIFIED",
        "34040, NOT_MODIFIED",
        "110094, ORDER_REJECTED",
        "110092, ORDER_REJECTED",
        "110074, NOT_TRADABLE",
        "10016, SERVER",
        "12345, OTHER"
    })
    void shouldMapRetCodeToCategory(int retCode, BybitErrorCategory category) {
        assertThat(BybitErrorCategory.of(retCode)).isEqualTo(category);
    }

    @Test
    void shouldRaiseTypedErrorsWithCodeMessageAndEndpoint() throws Exception {
        t.enqueue(error(110007, "ab not enough for new order"));
        final BybitApiException e =
                catchThrowableOfType(BybitApiException.class, () -> t.client.createOrder(postOnly("t-0002"), BTC));
        assertThat(e.retCode()).isEqualTo(110007);
        assertThat(e.retMsg()).isEqualTo("ab not enough for new order");
        assertThat(e.category()).isEqualTo(BybitErrorCategory.INSUFFICIENT_BALANCE);
        assertThat(e.endpoint()).isEqualTo("POST /v5/order/create");
        assertThat(e.getMessage())
                .isEqualTo("Bybit POST /v5/order/create: retCode 110007 (INSUFFICIENT_BALANCE): "
                        + "ab not enough for new order");

        t.enqueue(error(110001, "Order does not exist"));
        assertThatThrownBy(() -> t.client.cancelOrder("BTCUSDT", "gone-1"))
                .isInstanceOfSatisfying(
                        BybitApiException.class,
                        x -> assertThat(x.category()).isEqualTo(BybitErrorCategory.UNKNOWN_ORDER));
        t.enqueue(error(10003, "API key is invalid."));
        assertThatThrownBy(() -> t.client.walletBalance())
                .isInstanceOfSatisfying(
                        BybitApiException.class, x -> assertThat(x.category()).isEqualTo(BybitErrorCategory.AUTH));
        assertThat(t.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void shouldTreatLeverageNotModifiedAsSuccess() throws Exception {
        t.enqueue(ok("{}"), error(110043, "Set leverage has not been modified."));
        assertThat(t.client.setLeverage("BTCUSDT", "5")).isTrue();
        assertThat(body(t.take()))
                .isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"buyLeverage\":\"5\","
                        + "\"sellLeverage\":\"5\"}");
        assertThat(t.client.setLeverage("BTCUSDT", "5")).isFalse();
    }

    @Test
    void shouldTreatTradingStopNotModifiedAsSuccess() throws Exception {
        t.enqueue(error(34040, "not modified"));
        assertThat(t.client.setTradingStop(BybitTradingStop.of("BTCUSDT").withStopLoss(BTC, 590_000, "MarkPrice")))
                .isFalse();
    }

    @Test
    void shouldDelayTheEleventhOrderWithinOneSecond() throws Exception {
        for (int i = 0; i < 11; i++) {
            t.enqueue(ok(ACK));
        }
        for (int i = 0; i < 10; i++) {
            t.client.createOrder(postOnly("t-" + i), BTC);
        }
        assertThat(t.sleepsNs).isEmpty();
        t.client.createOrder(postOnly("t-10"), BTC);
        assertThat(t.sleepsNs).containsExactly(100_000_000L);
        assertThat(t.events).containsExactly("throttled POST /v5/order/create 100ms");
        assertThat(t.server.getRequestCount()).isEqualTo(11);
    }

    @Test
    void shouldKeepSeparateBudgetsPerEndpointAndHonourConfiguredRate() throws Exception {
        t.close();
        t = new RestTestSupport(c -> c.withOrderRatePerSecond(2));
        for (int i = 0; i < 5; i++) {
            t.enqueue(ok(ACK));
        }
        t.client.createOrder(postOnly("a-1"), BTC);
        t.client.createOrder(postOnly("a-2"), BTC);
        t.client.cancelOrder("BTCUSDT", "a-1");
        t.client.cancelOrder("BTCUSDT", "a-2");
        assertThat(t.sleepsNs).isEmpty();
        t.client.createOrder(postOnly("a-3"), BTC);
        assertThat(t.sleepsNs).containsExactly(500_000_000L);
    }

    @Test
    void shouldRetryGetAfterRateLimitThenSucceed() throws Exception {
        t.enqueue(
                error(10006, "Too many visits!"),
                ok("{\"category\":\"linear\",\"list\":[{\"symbol\":\"BTCUSDT\",\"bid1Price\":\"60000.00\"}]}"));
        final List<BybitTicker> tickers = t.client.tickers("BTCUSDT");
        assertThat(tickers).hasSize(1);
        assertThat(tickers.get(0).bid1PriceTicks(BTC)).isEqualTo(600_000);
        assertThat(t.server.getRequestCount()).isEqualTo(2);
        assertThat(t.events).containsExactly("retry GET /v5/market/tickers #1 retCode 10006 200ms");
    }

    @Test
    void shouldWaitForTheRateLimitWindowResetWhenBybitReportsIt() throws Exception {
        t.enqueue(
                new MockResponse.Builder(error(10006, "Too many visits!"))
                        .addHeader("X-Bapi-Limit", "10")
                        .addHeader("X-Bapi-Limit-Status", "0")
                        .addHeader("X-Bapi-Limit-Reset-Timestamp", Long.toString(START_MS + 350))
                        .build(),
                ok(ACK));
        t.client.amendOrder(BybitAmendOrder.byOrderLinkId("BTCUSDT", "t-0001").withPrice(BTC, 600_010));
        assertThat(t.sleepsNs).containsExactly(350_000_000L);
        assertThat(t.server.getRequestCount()).isEqualTo(2);
        assertThat(t.client.rateLimit("/v5/order/amend"))
                .hasValueSatisfying(s -> assertThat(s.exhausted()).isTrue());
    }

    @Test
    void shouldHoldAnEndpointWhoseWindowIsUsedUp() throws Exception {
        t.enqueue(
                new MockResponse.Builder(ok(ACK))
                        .addHeader("X-Bapi-Limit", "10")
                        .addHeader("X-Bapi-Limit-Status", "0")
                        .addHeader("X-Bapi-Limit-Reset-Timestamp", Long.toString(START_MS + 400))
                        .build(),
                ok(ACK));
        t.client.createOrder(postOnly("w-1"), BTC);
        assertThat(t.client.rateLimit("/v5/order/create"))
                .hasValue(new RateLimitStatus("/v5/order/create", 10, 0, START_MS + 400, START_MS));
        t.client.createOrder(postOnly("w-2"), BTC);
        assertThat(t.sleepsNs).containsExactly(400_000_000L);
    }

    @Test
    void shouldRetryCreateWithTheSameOrderLinkId() throws Exception {
        t.enqueue(status(502), error(10016, "service restarting"), ok(ACK));
        final BybitOrderAck ack = t.client.createOrder(postOnly("t-0001"), BTC);
        assertThat(ack.orderId()).isEqualTo("oid-1");
        final String first = body(t.take());
        assertThat(body(t.take())).isEqualTo(first);
        assertThat(body(t.take())).isEqualTo(first).contains("\"orderLinkId\":\"t-0001\"");
        assertThat(t.events)
                .containsExactly(
                        "retry POST /v5/order/create #1 HTTP 502 200ms",
                        "retry POST /v5/order/create #2 retCode 10016 400ms");
    }

    @Test
    void shouldReturnTheExistingOrderWhenARetryFindsItsOrderLinkIdTaken() throws Exception {
        t.enqueue(
                new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                        .build(),
                error(110072, "OrderLinkedID is duplicate"),
                ok("{\"category\":\"linear\",\"nextPageCursor\":\"\",\"list\":[{\"orderId\":\"oid-landed\","
                        + "\"orderLinkId\":\"t-0001\",\"symbol\":\"BTCUSDT\",\"orderStatus\":\"New\"}]}"));
        final BybitOrderAck ack = t.client.createOrder(postOnly("t-0001"), BTC);
        assertThat(ack).isEqualTo(new BybitOrderAck("oid-landed", "t-0001"));
        final RecordedRequest first = t.take();
        final RecordedRequest second = t.take();
        assertThat(body(second)).isEqualTo(body(first));
        final RecordedRequest query = t.take();
        assertThat(query.getUrl().encodedPath()).isEqualTo("/v5/order/realtime");
        assertThat(query.getUrl().queryParameter("orderLinkId")).isEqualTo("t-0001");
    }

    @Test
    void shouldReportADuplicateOrderLinkIdOnTheFirstAttempt() throws Exception {
        t.enqueue(error(110072, "OrderLinkedID is duplicate"));
        assertThatThrownBy(() -> t.client.createOrder(postOnly("t-0001"), BTC))
                .isInstanceOfSatisfying(
                        BybitApiException.class,
                        e -> assertThat(e.category()).isEqualTo(BybitErrorCategory.DUPLICATE_ORDER_LINK_ID));
        assertThat(t.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldNotRetryAmendOrCancelWhoseOutcomeIsUnknown() throws Exception {
        t.enqueue(status(502), error(10016, "restarting"));
        assertThatThrownBy(() -> t.client.cancelOrder("BTCUSDT", "t-0001"))
                .isInstanceOfSatisfying(BybitApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.category()).isEqualTo(BybitErrorCategory.SERVER);
                });
        assertThatThrownBy(() -> t.client.amendOrder(
                        BybitAmendOrder.byOrderLinkId("BTCUSDT", "t-0001").withQty(BTC, 2)))
                .isInstanceOfSatisfying(
                        BybitApiException.class, e -> assertThat(e.retCode()).isEqualTo(10016));
        assertThat(t.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void shouldRetryGetAfterDisconnectAndGiveUpAfterMaxAttempts() throws Exception {
        final MockResponse drop = new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                .build();
        t.enqueue(
                drop,
                ok("{\"list\":[{\"symbol\":\"BTCUSDT\",\"takerFeeRate\":\"0.00055\","
                        + "\"makerFeeRate\":\"0.0002\"}]}"));
        assertThat(t.client.feeRates("BTCUSDT").get(0).maker()).isEqualByComparingTo("0.0002");
        t.enqueue(status(500), status(503), status(500));
        assertThatThrownBy(() -> t.client.walletBalance())
                .isInstanceOfSatisfying(
                        BybitApiException.class, e -> assertThat(e.attempt()).isEqualTo(3));
        assertThat(t.server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void shouldStopAllRequestsAfterHttp403UntilTheBanBackoffEnds() throws Exception {
        t.enqueue(status(403));
        assertThatThrownBy(() -> t.client.tickers("BTCUSDT")).isInstanceOfSatisfying(BybitApiException.class, e -> {
            assertThat(e.category()).isEqualTo(BybitErrorCategory.IP_BANNED);
            assertThat(e.httpStatus()).isEqualTo(403);
        });
        t.clock.advanceMs(BybitRestConfig.DEFAULT_IP_BAN_BACKOFF_MS - 1);
        assertThatThrownBy(() -> t.client.createOrder(postOnly("t-0001"), BTC))
                .isInstanceOfSatisfying(
                        BybitApiException.class, e -> assertThat(e.category()).isEqualTo(BybitErrorCategory.IP_BANNED));
        assertThat(t.server.getRequestCount()).isEqualTo(1);
        t.clock.advanceMs(1);
        t.enqueue(ok(ACK));
        assertThat(t.client.createOrder(postOnly("t-0001"), BTC).orderId()).isEqualTo("oid-1");
    }

    @Test
    void shouldResyncTheClockOnceAfterATimestampError() throws Exception {
        final long serverMs = START_MS + 7_000;
        t.enqueue(
                error(10002, "invalid request, please check your server timestamp or recv_window param"),
                ok("{\"timeSecond\":\"0\",\"timeNano\":\"" + serverMs * 1_000_000L + "\"}"),
                ok(ACK));
        t.client.cancelOrder("BTCUSDT", "t-0001");
        assertThat(t.take().getHeaders().get("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(START_MS));
        assertThat(t.take().getUrl().encodedPath()).isEqualTo("/v5/market/time");
        assertThat(t.take().getHeaders().get("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(serverMs));
    }

    @Test
    void shouldKeepCredentialsOutOfErrorsAndDescriptions() throws Exception {
        t.enqueue(
                error(10004, "error sign! origin_string[" + START_MS + KEY + "5000category=linear] secret=" + SECRET));
        final BybitApiException e = catchThrowableOfType(BybitApiException.class, () -> t.client.walletBalance());
        final RecordedRequest sent = t.take();
        final String signature = sent.getHeaders().get("X-BAPI-SIGN");
        assertThat(e.category()).isEqualTo(BybitErrorCategory.AUTH);
        for (String text : List.of(e.getMessage(), e.retMsg(), e.toString(), t.client.toString())) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(KEY).doesNotContain(signature);
        }
        assertThat(e.retMsg()).contains("test…");
    }

    @Test
    void shouldRefusePrivateCallsWithoutCredentials() {
        try (BybitRestClient anonymous =
                BybitRestClient.builder(t.client.config().environment()).build()) {
            assertThatThrownBy(anonymous::walletBalance)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs credentials");
        }
    }

    @Test
    void shouldPaginateInstrumentsAndConvertToCoreInstruments() throws Exception {
        t.enqueue(
                ok("{\"category\":\"linear\",\"nextPageCursor\":\"c%3D1\",\"list\":["
                        + instrument("BTCUSDT", "0.10", "0.001", "5") + "]}"),
                ok("{\"category\":\"linear\",\"nextPageCursor\":\"\",\"list\":["
                        + instrument("ETHUSDT", "0.01", "0.01", "5") + "]}"));
        final List<Instrument> instruments = t.client.instruments(null);
        assertThat(instruments).containsExactly(BTC, Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5"));
        assertThat(t.take().getUrl().encodedQuery()).isEqualTo("category=linear&limit=1000");
        assertThat(t.take().getUrl().encodedQuery()).isEqualTo("category=linear&limit=1000&cursor=c%253D1");
    }

    private static String instrument(String symbol, String tick, String step, String minNotional) {
        return "{\"symbol\":\"" + symbol + "\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\","
                + "\"priceFilter\":{\"tickSize\":\"" + tick + "\"},\"lotSizeFilter\":{\"qtyStep\":\"" + step
                + "\",\"minOrderQty\":\"" + step + "\",\"minNotionalValue\":\"" + minNotional + "\"},"
                + "\"fundingInterval\":480}";
    }

    @Test
    void shouldParseOrderbookLevelsIntoTicksAndLots() throws Exception {
        t.enqueue(ok("{\"s\":\"BTCUSDT\",\"b\":[[\"65485.40\",\"0.297\"]],\"a\":[[\"65485.50\",\"1.2\"]],"
                + "\"ts\":1716863719031,\"u\":230704,\"seq\":1432604333,\"cts\":1716863718905}"));
        final BybitOrderbook book = t.client.orderbook("BTCUSDT", 50);
        assertThat(book.bids().get(0).priceTicks(BTC)).isEqualTo(654_854);
        assertThat(book.asks().get(0).sizeLots(BTC)).isEqualTo(1_200);
        assertThat(book.u()).isEqualTo(230704);
        assertThat(t.take().getUrl().encodedQuery()).isEqualTo("category=linear&symbol=BTCUSDT&limit=50");
    }

    @Test
    void shouldFailClearlyOnAResponseThatIsNotAnEnvelope() {
        for (int i = 0; i < 3; i++) {
            t.enqueue(RestTestSupport.json("<html>oops</html>"));
        }
        assertThatThrownBy(() -> t.client.tickers(null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not JSON");
        assertThat(t.server.getRequestCount()).isEqualTo(3);
    }
}
