package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderEventFilterTest {
    private final List<OrderEvent> passed = new ArrayList<>();
    private OrderEventFilter filter;

    @BeforeEach
    void setUp() {
        filter = new OrderEventFilter(BybitGateway.DEFAULT_MAX_TRACKED_ORDERS);
        filter.setListener(new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                passed.add(event);
            }
        });
    }

    private void place(String id, long priceTicks, long qtyLots) {
        filter.track(id, new TrackedOrder("BTCUSDT", priceTicks, qtyLots, OrderRequest.NO_PRICE));
    }

    private static OrderEvent.Accepted accepted(String id) {
        return new OrderEvent.Accepted(id, "v-" + id, 0, 0);
    }

    private static OrderEvent.Filled fill(String id, String execId, long lots, long exchangeMs) {
        return new OrderEvent.Filled(
                id, "v-" + id, execId, 1000, lots, 0.01, Liquidity.MAKER, -1, exchangeMs * 1_000_000L, 0);
    }

    private static OrderEvent.Canceled canceled(String id) {
        return new OrderEvent.Canceled(id, "v-" + id, CancelReason.BY_CLIENT, 0, 0);
    }

    private static OrderEvent.Amended amended(String id, long priceTicks, long qtyLots) {
        return new OrderEvent.Amended(id, "v-" + id, priceTicks, qtyLots, OrderRequest.NO_PRICE, 0, 0);
    }

    @Test
    void shouldPassAcceptedOnlyForAnOrderNothingWasReportedAbout() {
        place("a", 1000, 10);

        filter.deliver(accepted("a"));
        filter.deliver(accepted("a"));

        assertThat(passed).hasSize(1);
        assertThat(filter.duplicatesDropped()).isEqualTo(1);
        assertThat(filter.venueOrderId("a")).isEqualTo("v-a");
    }

    @Test
    void shouldPassEachFillOnceByExecutionIdAndFinishAnOrderFilledInFull() {
        place("a", 1000, 10);
        filter.deliver(accepted("a"));

        filter.deliver(fill("a", "e1", 4, 5_000));
        filter.deliver(fill("a", "e1", 4, 5_000));
        assertThat(filter.openOrders()).containsKey("a");
        filter.deliver(fill("a", "e2", 6, 4_000));

        assertThat(passed)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Filled", "Filled");
        assertThat(filter.duplicatesDropped()).isEqualTo(1);
        assertThat(filter.get("a").terminal).isTrue();
        assertThat(filter.openOrders()).doesNotContainKey("a");
        assertThat(filter.lastExecMs()).isEqualTo(5_000);
    }

    @Test
    void shouldPassOneTerminalEventPerOrder() {
        place("a", 1000, 10);

        filter.deliver(canceled("a"));
        filter.deliver(new OrderEvent.Rejected("a", "", RejectReason.UNKNOWN, "late", 0, 0));
        filter.deliver(new OrderEvent.Expired("a", "", 0, 0));
        filter.deliver(canceled("a"));

        assertThat(passed).containsExactly(canceled("a"));
        assertThat(filter.duplicatesDropped()).isEqualTo(3);
    }

    @Test
    void shouldPassAmendedOnlyWhenPriceQuantityOrTriggerDifferFromTheLastReported() {
        place("a", 1000, 10);

        filter.deliver(amended("a", 1000, 10));
        filter.deliver(amended("a", 1001, 10));
        filter.deliver(amended("a", 1001, 10));
        filter.deliver(amended("a", 1001, 8));

        assertThat(passed).containsExactly(amended("a", 1001, 10), amended("a", 1001, 8));
        assertThat(filter.get("a").priceTicks).isEqualTo(1001);
        assertThat(filter.get("a").qtyLots).isEqualTo(8);
    }

    @Test
    void shouldNotCountARefusedAmendOrCancelAsReportingTheOrder() {
        place("a", 1000, 10);

        filter.deliver(new OrderEvent.AmendRejected("a", "", RejectReason.UNKNOWN, "x", 0, 0));
        filter.deliver(new OrderEvent.CancelRejected("a", "", RejectReason.UNKNOWN, "x", 0, 0));
        filter.deliver(accepted("a"));

        assertThat(passed).hasSize(3);
        assertThat(filter.duplicatesDropped()).isZero();
    }

    @Test
    void shouldTrackAnOrderFirstSeenInAnEventAndDropEventsOfIgnoredOrders() {
        filter.ignore("flatten-1");

        filter.deliver(accepted("elsewhere"));
        filter.deliver(accepted("elsewhere"));
        filter.deliver(accepted("flatten-1"));
        filter.deliver(fill("flatten-1", "e9", 3, 1_000));

        assertThat(passed).containsExactly(accepted("elsewhere"));
        assertThat(filter.isTracked("elsewhere")).isTrue();
        assertThat(filter.isTracked("flatten-1")).isFalse();
        assertThat(filter.lastExecMs()).isZero();
        // no symbol: not among the orders a venue read looks for
        assertThat(filter.openOrders()).isEmpty();
    }

    @Test
    void shouldForgetOnlyFinishedOrdersBeyondTheLimitOldestFirst() {
        filter = new OrderEventFilter(3);
        place("open-1", 1000, 10);
        filter.deliver(canceled("done-1"));
        filter.deliver(canceled("done-2"));
        filter.deliver(canceled("done-3"));
        place("open-2", 1000, 10);

        assertThat(filter.ids()).containsExactly("open-1", "done-3", "open-2");

        place("open-3", 1000, 10);
        place("open-4", 1000, 10);

        assertThat(filter.ids()).containsExactly("open-1", "open-2", "open-3", "open-4");
        assertThat(filter.openOrders()).containsOnlyKeys("open-1", "open-2", "open-3", "open-4");
    }
}
