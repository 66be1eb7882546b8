package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.rest.BybitAmendOrder;
import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BybitOrderEventsTest {
    private static final Instrument BTC = BybitGatewayTest.BTC; // tick 0.10, lot 0.001
    private static final long NOW_NS = 42;

    private final List<OrderEvent> passed = new ArrayList<>();
    private final OrderEventFilter events = new OrderEventFilter(100);

    @BeforeEach
    void setUp() {
        events.setListener(new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                passed.add(event);
            }
        });
    }

    private static BybitOrder order(
            String linkId,
            String status,
            String type,
            String price,
            String qty,
            String cumExecQty,
            String cancelType,
            String rejectReason) {
        return new BybitOrder(
                "v-" + linkId,
                linkId,
                "BTCUSDT",
                "Buy",
                type,
                "GTC",
                price,
                qty,
                status,
                cancelType,
                rejectReason,
                "",
                "0",
                cumExecQty,
                "0",
                "0",
                "0",
                "",
                0,
                "",
                false,
                false,
                0,
                "1700000000000",
                "1700000001000");
    }

    private static BybitExecution trade(String linkId, String execId, String price, String qty, String leaves) {
        return new BybitExecution(
                "BTCUSDT",
                "v-" + linkId,
                linkId,
                "Buy",
                "Limit",
                execId,
                price,
                qty,
                "0",
                "0.0125",
                "0.0002",
                "Trade",
                "1700000000500",
                true,
                "0",
                leaves,
                price,
                "0.010",
                "",
                1);
    }

    @Test
    void shouldReportAnOrderThatFilledInPartThenWasCancelledAsAcceptedItsFillsOldestFirstAndCancelled() {
        final BybitOrder o =
                order("a", "PartiallyFilledCanceled", "Limit", "50000.0", "0.010", "0.004", "CancelByUser", "");
        // Bybit lists executions newest first; another order's and a funding row are not this order's fills
        final List<BybitExecution> fills = List.of(
                trade("a", "e2", "50000.0", "0.003", "0.006"),
                trade("other", "e9", "50000.0", "0.001", "0"),
                trade("a", "e1", "50000.0", "0.001", "0.009"));

        BybitOrderEvents.report(o, fills, BTC, events, NOW_NS);

        assertThat(passed).hasSize(4);
        assertThat(passed.get(0))
                .isEqualTo(new OrderEvent.Accepted("a", "v-a", 1_700_000_001_000L * 1_000_000L, NOW_NS));
        assertThat(passed.get(1)).isInstanceOfSatisfying(OrderEvent.Filled.class, f -> {
            assertThat(f.fillId()).isEqualTo("e1");
            assertThat(f.qtyLots()).isEqualTo(1);
            assertThat(f.leavesQtyLots()).isEqualTo(9);
        });
        assertThat(passed.get(2))
                .isInstanceOfSatisfying(
                        OrderEvent.Filled.class, f -> assertThat(f.fillId()).isEqualTo("e2"));
        assertThat(passed.get(3))
                .isInstanceOfSatisfying(
                        OrderEvent.Canceled.class, c -> assertThat(c.reason()).isEqualTo(CancelReason.BY_CLIENT));
    }

    @Test
    void shouldReportARejectedOrderWithoutAcceptingIt() {
        final BybitOrder o = order("r", "Rejected", "Limit", "50000.0", "0.010", "0", "", "EC_EcInvalidQty");

        BybitOrderEvents.report(o, List.of(), BTC, events, NOW_NS);

        assertThat(passed).singleElement().isInstanceOfSatisfying(OrderEvent.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.INVALID_QTY);
            assertThat(r.venueOrderId()).isEqualTo("v-r");
        });
    }

    @Test
    void shouldReportTheVenuesPriceAndQuantityOfAnOpenOrderAlreadyReported() {
        events.track("a", new TrackedOrder("BTCUSDT", 500_000, 10, OrderRequest.NO_PRICE));
        events.deliver(new OrderEvent.Accepted("a", "v-a", 0, 0));
        passed.clear();

        BybitOrderEvents.report(order("a", "New", "Limit", "50001.0", "0.008", "0", "", ""), List.of(), BTC, events, 1);

        assertThat(passed).singleElement().isInstanceOfSatisfying(OrderEvent.Amended.class, a -> {
            assertThat(a.priceTicks()).isEqualTo(500_010);
            assertThat(a.qtyLots()).isEqualTo(8);
            assertThat(a.triggerPriceTicks()).isEqualTo(OrderRequest.NO_PRICE);
        });
    }

    @Test
    void shouldKeepTheTrackedPriceOfAMarketOrderWhoseShownPriceIsItsSlippageBound() {
        events.track("m", new TrackedOrder("BTCUSDT", OrderRequest.NO_PRICE, 10, OrderRequest.NO_PRICE));
        events.deliver(new OrderEvent.Accepted("m", "v-m", 0, 0));
        passed.clear();

        BybitOrderEvents.report(
                order("m", "PartiallyFilled", "Market", "55000.0", "0.010", "0.002", "", ""),
                List.of(),
                BTC,
                events,
                1);

        // price and quantity as tracked: nothing changed, nothing reported
        assertThat(passed).isEmpty();
    }

    @Test
    void shouldMapAnExecutionToAFillAndRefuseOneThatDoesNotParse() {
        final OrderEvent.Filled f = BybitOrderEvents.fill(trade("a", "e1", "50000.0", "0.002", ""), BTC, NOW_NS);

        assertThat(f)
                .isEqualTo(new OrderEvent.Filled(
                        "a",
                        "v-a",
                        "e1",
                        500_000,
                        2,
                        0.0125,
                        Liquidity.MAKER,
                        -1,
                        1_700_000_000_500L * 1_000_000L,
                        NOW_NS));
        assertThat(BybitOrderEvents.fill(trade("a", "e2", "", "0.002", ""), BTC, NOW_NS))
                .isNull();
    }

    @Test
    void shouldTellWhetherAnOrderShowsAnAmendApplied() {
        final BybitOrder o = order("a", "New", "Limit", "50001.0", "0.008", "0", "", "");
        final BybitAmendOrder body = BybitAmendOrder.byOrderLinkId("BTCUSDT", "a");

        assertThat(BybitOrderEvents.matches(o, BTC, new AmendValues(500_010, 8, OrderRequest.NO_PRICE, body)))
                .isTrue();
        assertThat(BybitOrderEvents.matches(o, BTC, new AmendValues(OrderRequest.NO_PRICE, 8, 123, body)))
                .isFalse(); // the order shows no trigger
        assertThat(BybitOrderEvents.matches(o, BTC, new AmendValues(500_010, 9, OrderRequest.NO_PRICE, body)))
                .isFalse();
    }

    @Test
    void shouldReadFillsAndUpdateTimesAsBybitWritesThem() {
        assertThat(BybitOrderEvents.hasFills(order("a", "New", "Limit", "1", "1", "0.000", "", "")))
                .isFalse();
        assertThat(BybitOrderEvents.hasFills(order("a", "New", "Limit", "1", "1", "0.001", "", "")))
                .isTrue();
        assertThat(BybitOrderEvents.hasFills(order("a", "New", "Limit", "1", "1", "", "", "")))
                .isFalse();
        assertThat(BybitOrderEvents.updatedNs(order("a", "New", "Limit", "1", "1", "0", "", "")))
                .isEqualTo(1_700_000_001_000L * 1_000_000L);
        assertThat(BybitOrderEvents.ticks(BTC, "0")).isEqualTo(io.scalper.core.util.Decimals.INVALID);
    }

    @Test
    void shouldReportNothingTwiceWhenTheSameStateIsReadAgain() {
        final BybitOrder o = order("a", "Cancelled", "Limit", "50000.0", "0.010", "0.001", "CancelByUser", "");
        final List<BybitExecution> fills = List.of(trade("a", "e1", "50000.0", "0.001", "0.009"));

        BybitOrderEvents.report(o, fills, BTC, events, NOW_NS);
        BybitOrderEvents.report(o, fills, BTC, events, NOW_NS);

        assertThat(passed).hasSize(3);
        assertThat(events.duplicatesDropped()).isEqualTo(3);
        assertThat(passed.get(2)).isInstanceOf(OrderEvent.Canceled.class);
    }
}
