package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderFixtures;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;

class ExecutionCountsTest {
    private final ExecutionCounts counts = new ExecutionCounts();

    private Order submit(String id, OrderPurpose purpose, long lots) {
        final Order order = new Order(
                OrderRequest.limit(id, "BTCUSDT", Side.BUY, 650_000, lots, TimeInForce.POST_ONLY, false, purpose), 1);
        OrderFixtures.submit(order, 1);
        counts.onOrderSubmitted(purpose);
        return order;
    }

    private void apply(Order order, OrderEvent event) {
        counts.onOrderEvent(order, event, OrderFixtures.apply(order, event));
    }

    private static OrderEvent.Filled fill(String id, String fillId, long lots, Liquidity liquidity) {
        return new OrderEvent.Filled(id, "v-" + id, fillId, 650_000, lots, 0.01, liquidity, -1, 2, 2);
    }

    @Test
    void shouldCountAnEntryFilledOnceHoweverManyFillsItGets() {
        final Order entry = submit("e-1", OrderPurpose.ENTRY, 5);
        apply(entry, new OrderEvent.Accepted("e-1", "v-e-1", 2, 2));
        apply(entry, fill("e-1", "f1", 2, Liquidity.MAKER));
        apply(entry, fill("e-1", "f1", 2, Liquidity.MAKER)); // duplicate
        apply(entry, fill("e-1", "f2", 3, Liquidity.TAKER));

        assertThat(counts.orders()).isEqualTo(1);
        assertThat(counts.entriesPlaced()).isEqualTo(1);
        assertThat(counts.entriesFilled()).isEqualTo(1);
        assertThat(counts.makerFills()).isEqualTo(1);
        assertThat(counts.takerFills()).isEqualTo(1);
        assertThat(counts.fillRatio()).isEqualTo(1.0);
    }

    @Test
    void shouldCountCancelsRejectsAndNonEntryOrders() {
        final Order canceled = submit("e-1", OrderPurpose.ENTRY, 5);
        apply(canceled, new OrderEvent.Accepted("e-1", "v1", 2, 2));
        apply(canceled, new OrderEvent.Canceled("e-1", "v1", CancelReason.POST_ONLY_WOULD_TAKE, 3, 3));
        apply(canceled, new OrderEvent.Canceled("e-1", "v1", CancelReason.POST_ONLY_WOULD_TAKE, 3, 3));
        final Order rejected = submit("e-2", OrderPurpose.ENTRY, 5);
        apply(rejected, new OrderEvent.Rejected("e-2", "", RejectReason.INSUFFICIENT_BALANCE, 3, 3));
        final Order takeProfit = submit("tp-1", OrderPurpose.TAKE_PROFIT, 5);
        apply(takeProfit, fill("tp-1", "f9", 5, Liquidity.MAKER));

        assertThat(counts.orders()).isEqualTo(3);
        assertThat(counts.entriesPlaced()).isEqualTo(2);
        assertThat(counts.entriesFilled()).isZero();
        assertThat(counts.cancels()).isEqualTo(1);
        assertThat(counts.rejects()).isEqualTo(1);
        assertThat(counts.makerFills()).isEqualTo(1);
        assertThat(counts.fillRatio()).isZero();
    }

    @Test
    void shouldHaveNoFillRatioBeforeAnyEntry() {
        assertThat(counts.fillRatio()).isNaN();
    }

    @Test
    void shouldSnapshotIndependently() {
        counts.onOrderSubmitted(OrderPurpose.ENTRY);
        final ExecutionCounts copy = counts.copy();
        counts.onEntryFilled();

        assertThat(copy.entriesFilled()).isZero();
        assertThat(copy.entriesPlaced()).isEqualTo(1);
        assertThat(counts.entriesFilled()).isEqualTo(1);
    }

    @Test
    void shouldRefuseInconsistentInitialValues() {
        assertThatThrownBy(() -> new ExecutionCounts(1, 2, 0, 0, 0, 0, 0)).hasMessageContaining("entriesFilled");
        assertThatThrownBy(() -> new ExecutionCounts(-1, 0, 0, 0, 0, 0, 0)).hasMessageContaining(">= 0");
    }
}
