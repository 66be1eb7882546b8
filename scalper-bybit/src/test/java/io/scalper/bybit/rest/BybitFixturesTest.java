package io.scalper.bybit.rest;

import static io.scalper.bybit.rest.RestTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.core.model.Instrument;
import io.scalper.core.testing.SharedData;
import io.scalper.core.util.Decimals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parses real recorded answers and Bybit's documentation examples from {@code ../shared/data/bybit/fixtures}, served
 * over loopback. Skipped when the shared data is absent.
 */
class BybitFixturesTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final Instrument ETH = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");

    private RestTestSupport t;
    private JsonNode docs;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestTestSupport();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String doc(String key) throws Exception {
        if (docs == null) {
            final Path file = SharedData.require("bybit/fixtures/docs-v5-examples.json");
            docs = BybitTransport.MAPPER.readTree(Files.readString(file));
        }
        final JsonNode node = docs.get(key);
        assertThat(node).as(key).isNotNull();
        return node.toString();
    }

    @Test
    void shouldParseRecordedLinearInstruments() throws Exception {
        final Path file = SharedData.require("bybit/fixtures/rest-instruments-linear-2023.json");
        t.enqueue(json(Files.readString(file)));
        final List<BybitInstrumentInfo> infos = t.client.instrumentsInfo(null);
        assertThat(infos).extracting(BybitInstrumentInfo::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(infos.get(0).contractType()).isEqualTo("LinearPerpetual");
        assertThat(infos.get(0).isTrading()).isTrue();
        assertThat(infos.get(0).toInstrument())
                .isEqualTo(new Instrument(
                        BTC.symbol(),
                        BTC.tickSize(),
                        BTC.qtyStep(),
                        BTC.minQty(),
                        new java.math.BigDecimal(infos.get(0).minNotionalValue())));
        assertThat(infos.get(1).toInstrument().tickSize()).isEqualByComparingTo("0.01");
        assertThat(infos.get(1).toInstrument().qtyStep()).isEqualByComparingTo("0.01");
    }

    @Test
    void shouldParseDocsInstrumentsExample() throws Exception {
        t.enqueue(json(doc("rest_instruments_info_0_linear_perpetual_BTCUSDT")));
        final BybitInstrumentInfo btc = t.client.instrumentsInfo("BTCUSDT").get(0);
        assertThat(btc.toInstrument()).isEqualTo(BTC);
        assertThat(btc.fundingIntervalMinutes()).isEqualTo(480);
        assertThat(btc.maxLeverage()).isEqualTo("100.00");
        assertThat(btc.priceScale()).isEqualTo("2");
        t.enqueue(
                json(doc("rest_instruments_info_0_linear_prelisting")),
                RestTestSupport.ok("{\"category\":\"linear\",\"list\":[],\"nextPageCursor\":\"\"}"));
        final BybitInstrumentInfo pre = t.client.instrumentsInfo("BIOUSDT").get(0);
        t.take();
        t.take();
        assertThat(t.take().getUrl().queryParameter("cursor")).isEqualTo("first%3DBIOUSDT%26last%3DBIOUSDT");
        assertThat(pre.status()).isEqualTo("PreLaunch");
        assertThat(pre.toInstrument().qtyStep()).isEqualByComparingTo("1");
    }

    @Test
    void shouldParseDocsOrdersExecutionsAndPositions() throws Exception {
        t.enqueue(json(doc("rest_order_realtime_0")));
        final BybitOrder order = t.client.openOrders("ETHUSDT", "").list().get(0);
        assertThat(order.orderLinkId()).isEqualTo("test-000005");
        assertThat(order.isOpen()).isTrue();
        assertThat(order.priceTicks(ETH)).isEqualTo(160_000);
        assertThat(order.qtyLots(ETH)).isEqualTo(10);
        assertThat(order.toSide()).isEqualTo(io.scalper.core.model.Side.BUY);

        t.enqueue(json(doc("rest_order_history_0")));
        final BybitOrder cancelled = t.client.openOrders("BTCUSDT", "").list().get(0);
        assertThat(cancelled.rejectReason()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        assertThat(cancelled.isOpen()).isFalse();

        t.enqueue(json(doc("rest_execution_list_0")));
        final BybitPage<BybitExecution> fills = t.client.executions(null, null, 0, "");
        assertThat(fills.hasMore()).isTrue();
        final BybitExecution fill = fills.list().get(0);
        assertThat(fill.execType()).isEqualTo("Trade");
        assertThat(fill.isFunding()).isFalse();
        assertThat(fill.execFeeDecimal()).isEqualByComparingTo("0.071409");

        t.enqueue(json(doc("rest_position_list_0")));
        final BybitPosition position = t.client.positions("BTCUSD").get(0);
        assertThat(position.side()).isEqualTo("Sell");
        assertThat(position.avgPriceDecimal()).isEqualByComparingTo("27464.50441675");
        assertThat(position.isFlat()).isFalse();
    }

    @Test
    void shouldParseDocsAccountAndMarketExamples() throws Exception {
        t.enqueue(json(doc("rest_wallet_balance_0")));
        final BybitWalletBalance wallet = t.client.walletBalance();
        assertThat(wallet.accountType()).isEqualTo("UNIFIED");
        assertThat(wallet.availableBalance()).isEqualByComparingTo("3.00326056");
        assertThat(wallet.totalPerpUPL()).isEqualTo("0");
        assertThat(wallet.coin()).isNotEmpty();

        t.enqueue(json(doc("rest_fee_rate_0")));
        final BybitFeeRate fee = t.client.feeRates("ETHUSDT").get(0);
        assertThat(fee.taker()).isEqualByComparingTo("0.0006");
        assertThat(fee.maker()).isEqualByComparingTo("0.0001");

        t.enqueue(json(doc("rest_order_cancel_all_0")));
        assertThat(t.client.cancelAllOrders("BTCUSDT"))
                .containsExactly(
                        new BybitOrderAck("1616024329462743808", "1616024329462743809"),
                        new BybitOrderAck("1616024287544869632", "1616024287544869633"));

        t.enqueue(json(doc("rest_time_0")));
        t.client.syncTime();
        assertThat(t.client.serverTimeMs()).isEqualTo(1_688_639_403_423L);

        t.enqueue(json(doc("rest_tickers_0")));
        final BybitTicker ticker = t.client.tickers("BTCUSD").get(0);
        assertThat(ticker.fundingRateDecimal()).isEqualByComparingTo("0.0001");
        assertThat(ticker.nextFundingTimeMs()).isEqualTo(1_760_371_200_000L);
        assertThat(ticker.ask1SizeLots(Instrument.of("BTCUSD", "0.5", "1", "1", "0")))
                .isNotEqualTo(Decimals.INVALID);
    }
}
