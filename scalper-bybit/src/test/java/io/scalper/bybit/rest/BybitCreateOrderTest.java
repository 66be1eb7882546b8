package io.scalper.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;

/** Mapping of core orders to Bybit create/amend/trading-stop bodies. */
class BybitCreateOrderTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    @Test
    void shouldMapPostOnlyLimitOrder() throws Exception {
        final OrderRequest r = OrderRequest.limit(
                "t-0001", "BTCUSDT", Side.BUY, 600_000, 1, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY);
        final String json = BybitTransport.MAPPER.writeValueAsString(
                BybitCreateOrder.from(r, BTC).toBody());
        assertThat(json)
                .isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\","
                        + "\"qty\":\"0.001\",\"price\":\"60000.00\",\"timeInForce\":\"PostOnly\","
                        + "\"orderLinkId\":\"t-0001\",\"positionIdx\":0}");
    }

    @Test
    void shouldMapReduceOnlyIocAndFok() {
        final BybitCreateOrder ioc = BybitCreateOrder.from(
                OrderRequest.limit("a-1", "BTCUSDT", Side.SELL, 650_001, 25, TimeInForce.IOC, true, OrderPurpose.ENTRY),
                BTC);
        assertThat(ioc.side()).isEqualTo("Sell");
        assertThat(ioc.price()).isEqualTo("65000.10");
        assertThat(ioc.qty()).isEqualTo("0.025");
        assertThat(ioc.timeInForce()).isEqualTo("IOC");
        assertThat(ioc.toBody()).containsEntry("reduceOnly", true);
        final BybitCreateOrder fok = BybitCreateOrder.from(
                OrderRequest.limit("a-2", "BTCUSDT", Side.BUY, 1, 1, TimeInForce.FOK, false, OrderPurpose.ENTRY), BTC);
        assertThat(fok.timeInForce()).isEqualTo("FOK");
        assertThat(fok.toBody()).doesNotContainKey("reduceOnly");
    }

    @Test
    void shouldMapMarketOrderWithoutPriceOrTimeInForce() {
        final BybitCreateOrder m = BybitCreateOrder.from(
                OrderRequest.market("m-1", "BTCUSDT", Side.BUY, 3, false, OrderPurpose.ENTRY), BTC);
        assertThat(m.toBody())
                .containsEntry("orderType", "Market")
                .doesNotContainKeys("price", "timeInForce", "triggerPrice");
    }

    @Test
    void shouldMapStopsWithTriggerDirectionOfTheirSide() {
        final BybitCreateOrder sellStop = BybitCreateOrder.from(
                OrderRequest.stopMarket(
                        "sl-1", "BTCUSDT", Side.SELL, 590_000, 2, true, TriggerSource.MARK_PRICE, OrderPurpose.ENTRY),
                BTC);
        assertThat(sellStop.toBody())
                .containsEntry("triggerPrice", "59000.00")
                .containsEntry("triggerDirection", 2)
                .containsEntry("triggerBy", "MarkPrice")
                .containsEntry("reduceOnly", true)
                .containsEntry("positionIdx", 0);
        final BybitCreateOrder buyStop = BybitCreateOrder.from(
                OrderRequest.stopMarket(
                        "sl-2", "BTCUSDT", Side.BUY, 610_000, 2, true, TriggerSource.LAST_PRICE, OrderPurpose.ENTRY),
                BTC);
        assertThat(buyStop.triggerDirection()).isEqualTo(1);
        assertThat(buyStop.triggerBy()).isEqualTo("LastPrice");
        assertThat(buyStop.withTriggerDirection(2).triggerDirection()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnInstrumentOfAnotherSymbol() {
        final Instrument eth = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");
        assertThatThrownBy(() -> BybitCreateOrder.from(
                        OrderRequest.market("m-2", "BTCUSDT", Side.BUY, 3, false, OrderPurpose.ENTRY), eth))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETHUSDT");
    }

    @Test
    void shouldBuildAmendAndTradingStopBodies() {
        assertThat(BybitAmendOrder.byOrderLinkId("BTCUSDT", "e-1")
                        .withPrice(BTC, 600_005)
                        .withQty(BTC, 4)
                        .toBody())
                .containsExactly(
                        java.util.Map.entry("category", "linear"),
                        java.util.Map.entry("symbol", "BTCUSDT"),
                        java.util.Map.entry("orderLinkId", "e-1"),
                        java.util.Map.entry("qty", "0.004"),
                        java.util.Map.entry("price", "60000.50"));
        assertThatThrownBy(() -> BybitAmendOrder.byOrderId("BTCUSDT", "x").toBody())
                .hasMessageContaining("nothing to change");
        assertThat(BybitTradingStop.of("BTCUSDT")
                        .withStopLoss(BTC, 590_000, "MarkPrice")
                        .toBody())
                .containsEntry("tpslMode", "Full")
                .containsEntry("positionIdx", 0)
                .containsEntry("stopLoss", "59000.00")
                .containsEntry("slTriggerBy", "MarkPrice")
                .doesNotContainKey("takeProfit");
    }
}
