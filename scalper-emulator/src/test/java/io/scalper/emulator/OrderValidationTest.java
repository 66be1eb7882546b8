package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderType;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests are checked as Bybit checks them, and refused in Bybit's words. */
class OrderValidationTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    private static OrderValidation.Checked<OrderValidation.Create> check(ObjectNode p) {
        return OrderValidation.create(p, s -> s.equals("BTCUSDT") ? BTC : null);
    }

    private static ObjectNode limitBuy() {
        final ObjectNode p = Json.obj();
        p.put("category", "linear");
        p.put("symbol", "BTCUSDT");
        p.put("side", "Buy");
        p.put("orderType", "Limit");
        p.put("qty", "0.010");
        p.put("price", "50000.0");
        p.put("orderLinkId", "bot-1");
        return p;
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "category    | spot      | params error: category only support linear",
                "symbol      | ETHUSDT   | params error: symbol invalid",
                "side        | buy       | params error: side invalid",
                "orderType   | StopLimit | params error: orderType invalid",
                "timeInForce | GTX       | params error: timeInForce invalid",
                "qty         | 0.000     | params error: Qty invalid",
                "qty         | 0.0005    | params error: qty invalid: BTCUSDT: quantity '0.0005' is not a multiple of step 0.001",
                "price       | 0.0       | params error: price invalid",
                "price       | 50000.05  | params error: price invalid: BTCUSDT: price '50000.05' is not a multiple of tick 0.10",
                "triggerPrice| 1.23      | params error: triggerPrice invalid: BTCUSDT: price '1.23' is not a multiple of tick 0.10",
                "orderLinkId | has space | params error: orderLinkId invalid",
                "triggerDirection | up   | params error: triggerDirection invalid",
                "triggerDirection | 3    | params error: triggerDirection invalid"
            })
    void shouldRefuseABadParameterWithBybitsParamsError(String field, String value, String message) {
        final ObjectNode p = limitBuy();
        p.put(field, value);

        final OrderValidation.Checked<OrderValidation.Create> checked = check(p);

        assertThat(checked.value()).isNull();
        assertThat(checked.refusal().retCode()).isEqualTo(10001);
        assertThat(checked.refusal().retMsg()).isEqualTo(message);
        assertThat(checked.refusal().injected()).isFalse();
    }

    @Test
    void shouldRefuseALimitOrderWithoutAPriceAndAPostOnlyMarketOrder() {
        final ObjectNode noPrice = limitBuy();
        noPrice.remove("price");
        assertThat(check(noPrice).refusal().retMsg()).isEqualTo("params error: price invalid: missing price");

        final ObjectNode postOnlyMarket = limitBuy();
        postOnlyMarket.put("orderType", "Market");
        postOnlyMarket.put("timeInForce", "PostOnly");
        assertThat(check(postOnlyMarket).refusal().retMsg()).isEqualTo("params error: Market order cannot be PostOnly");
    }

    @Test
    void shouldDefaultTheTimeInForceAndIgnoreAZeroTrigger() {
        final ObjectNode limit = limitBuy();
        limit.put("triggerPrice", "0");
        final OrderValidation.Create c = check(limit).value();
        assertThat(c.timeInForce()).isEqualTo("GTC");
        assertThat(c.tif()).isEqualTo(TimeInForce.GTC);
        assertThat(c.priceTicks()).isEqualTo(500_000);
        assertThat(c.qtyLots()).isEqualTo(10);
        assertThat(c.isConditional()).isFalse();

        final ObjectNode market = limitBuy();
        market.put("orderType", "Market");
        market.remove("price");
        final OrderValidation.Create m = check(market).value();
        assertThat(m.timeInForce()).isEqualTo("IOC");
        assertThat(m.priceTicks()).isEqualTo(OrderRequest.NO_PRICE);
    }

    @Test
    void shouldTurnAConditionalMarketOrderIntoAStopAndRefuseAConditionalLimitOrder() {
        final ObjectNode stop = limitBuy();
        stop.put("orderType", "Market");
        stop.remove("price");
        stop.put("triggerPrice", "49000.0");
        stop.put("triggerBy", "MarkPrice");
        stop.put("reduceOnly", true);
        final OrderValidation.Create c = check(stop).value();

        final OrderRequest r = OrderValidation.coreRequest(c, "core-1");

        assertThat(r.isConditional()).isTrue();
        assertThat(r.triggerPriceTicks()).isEqualTo(490_000);
        assertThat(r.triggerSource()).isEqualTo(TriggerSource.MARK_PRICE);
        assertThat(r.reduceOnly()).isTrue();
        assertThat(r.side()).isEqualTo(Side.BUY);
        assertThat(r.clientOrderId()).isEqualTo("core-1");

        final ObjectNode conditionalLimit = limitBuy();
        conditionalLimit.put("triggerPrice", "49000.0");
        assertThat(OrderValidation.coreRequest(check(conditionalLimit).value(), "core-2"))
                .isNull();
    }

    @Test
    void shouldPassAPostOnlyLimitOrderToTheExchangeAsPostOnly() {
        final ObjectNode p = limitBuy();
        p.put("timeInForce", "PostOnly");
        p.put("side", "Sell");

        final OrderRequest r = OrderValidation.coreRequest(check(p).value(), "bot-1");

        assertThat(r.type()).isEqualTo(OrderType.LIMIT);
        assertThat(r.timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
        assertThat(r.side()).isEqualTo(Side.SELL);
        assertThat(r.priceTicks()).isEqualTo(500_000);
    }

    @Test
    void shouldKeepWhatAnAmendLeavesOutAndRefuseAnOffGridValue() {
        final ObjectNode p = Json.obj();
        p.put("qty", "0.004");
        final OrderValidation.Amend a = OrderValidation.amend(p, BTC).value();
        assertThat(a).isEqualTo(new OrderValidation.Amend(OrderRequest.NO_PRICE, 4, OrderRequest.NO_PRICE));

        p.put("price", "1.01");
        final OrderValidation.Checked<OrderValidation.Amend> bad = OrderValidation.amend(p, BTC);
        assertThat(bad.refusal().retCode()).isEqualTo(10001);
        assertThat(bad.refusal().retMsg()).startsWith("params error: BTCUSDT: price '1.01'");
    }

    @ParameterizedTest(name = "buy {0}, sell {1}: {2}")
    @CsvSource({
        "10, 10.0, 10",
        "2.50, 2.5, 2.5",
        "10, 5, params error: buy leverage not equal sell leverage",
        "0.5, 0.5, params error: leverage invalid",
        "101, 101, params error: leverage invalid",
        "ten, ten, params error: leverage invalid"
    })
    void shouldAcceptOnlyEqualLeveragesFromOneToAHundred(String buy, String sell, String outcome) {
        final ObjectNode p = Json.obj();
        p.put("buyLeverage", buy);
        p.put("sellLeverage", sell);

        final OrderValidation.Checked<String> checked = OrderValidation.leverage(p);

        if (outcome.startsWith("params error")) {
            assertThat(checked.refusal().retMsg()).isEqualTo(outcome);
        } else {
            assertThat(checked.refusal()).isNull();
            assertThat(checked.value()).isEqualTo(outcome);
        }
    }

    @Test
    void shouldRequireASymbolOrASettleCoin() {
        final ObjectNode p = Json.obj();
        assertThat(OrderValidation.requireSymbolOrSettleCoin(p).retMsg())
                .isEqualTo("params error: symbol or settleCoin is required");
        p.put("settleCoin", "USDT");
        assertThat(OrderValidation.requireSymbolOrSettleCoin(p)).isNull();
    }

    @Test
    void shouldAnswerTheExchangesRefusalWithBybitsCode() {
        final Reply r = OrderValidation.refusal(new EmuOrder.Refusal(RejectReason.INSUFFICIENT_BALANCE, "need 500"));

        assertThat(r.retCode()).isEqualTo(110007);
        assertThat(r.injected()).isFalse();
    }
}
