package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;

class OrderTest {
    private static OrderRequest limit(String id, long qty) {
        return OrderRequest.limit(id, "BTCUSDT", Side.BUY, 1000, qty, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY);
    }

    private static OrderEvent.Filled fill(String id, String fillId, long qty, long leaves) {
        return new OrderEvent.Filled(id, "v", fillId, 1000, qty, 0.01, Liquidity.MAKER, leaves, 1, 1);
    }

    private final Order order = new Order(limit("a-1", 10), 0);

    @Test
    void shouldFollowTheNormalLifeOfALimitOrder() {
        assertThat(order.status()).isEqualTo(OrderStatus.INITIALIZED);
        assertThat(order.markSubmitted(5)).isEqualTo(Order.Result.APPLIED);
        assertThat(order.apply(new OrderEvent.Accepted("a-1", "v", 6, 7))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.acceptedNs()).isEqualTo(7);
        assertThat(order.apply(fill("a-1", "f1", 4, 6))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.leavesLots()).isEqualTo(6);
        assertThat(order.apply(fill("a-1", "f2", 6, 0))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledLots()).isEqualTo(10);
        assertThat(order.fees()).isEqualTo(0.02);
        assertThat(order.makerLots()).isEqualTo(10);
        assertThat(order.leavesLots()).isZero();
        assertThat(order.venueOrderId()).isEqualTo("v");
    }

    @Test
    void shouldIgnoreRepeatedEvents() {
        order.markSubmitted(0);
        order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1));
        assertThat(order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1))).isEqualTo(Order.Result.DUPLICATE);
        order.apply(fill("a-1", "f1", 4, 6));
        assertThat(order.apply(fill("a-1", "f1", 4, 6))).isEqualTo(Order.Result.DUPLICATE);
        assertThat(order.filledLots()).isEqualTo(4);
    }

    @Test
    void shouldAcceptAFillBeforeTheAcknowledgement() {
        order.markSubmitted(0);
        assertThat(order.apply(fill("a-1", "f1", 10, 0))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1))).isEqualTo(Order.Result.INVALID);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldHonourAFillAfterACancelWasRequestedOrReported() {
        order.markSubmitted(0);
        order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1));
        order.markCancelRequested();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(order.apply(fill("a-1", "f1", 3, 7))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        order.apply(new OrderEvent.Canceled("a-1", "v", CancelReason.BY_CLIENT, 2, 2));
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(order.filledLots()).isEqualTo(3);
        // the exchange's late push of a fill that raced the cancel
        assertThat(order.apply(fill("a-1", "f2", 7, 0))).isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledLots()).isEqualTo(10);
    }

    @Test
    void shouldEndAnOrderRefusedAfterItsCancelWasSent() {
        // the venue refuses the order after the engine asked to cancel it (found by a session replay with a refusal
        // injected live): before, the refusal was an invalid transition and the cancel's "unknown order" left the order
        // working for good, its cancel retried until the stop gave up
        order.markSubmitted(0);
        order.markCancelRequested();
        assertThat(order.apply(new OrderEvent.Rejected("a-1", "", RejectReason.INSUFFICIENT_BALANCE, 1, 1)))
                .isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.isOpen()).isFalse();
        assertThat(order.apply(new OrderEvent.CancelRejected("a-1", "", RejectReason.UNKNOWN_ORDER, 2, 2)))
                .isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void shouldKeepAFilledOrderFilledWhenItsCancelIsRefused() {
        order.markSubmitted(0);
        order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1));
        order.markCancelRequested();
        order.apply(fill("a-1", "f1", 10, 0));
        assertThat(order.apply(new OrderEvent.CancelRejected("a-1", "v", RejectReason.UNKNOWN_ORDER, 2, 2)))
                .isEqualTo(Order.Result.APPLIED);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldRestorePartiallyFilledAfterARefusedCancel() {
        order.markSubmitted(0);
        order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1));
        order.apply(fill("a-1", "f1", 2, 8));
        order.markCancelRequested();
        order.apply(new OrderEvent.CancelRejected("a-1", "v", RejectReason.RATE_LIMITED, 2, 2));
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void shouldTakeAmendsAndRefusedAmends() {
        order.markSubmitted(0);
        order.apply(new OrderEvent.Accepted("a-1", "v", 1, 1));
        order.markAmendRequested();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_UPDATE);
        order.apply(new OrderEvent.Amended("a-1", "v", 1005, 12, OrderRequest.NO_PRICE, 2, 2));
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.request().priceTicks()).isEqualTo(1005);
        assertThat(order.request().qtyLots()).isEqualTo(12);
        order.markAmendRequested();
        order.apply(new OrderEvent.AmendRejected("a-1", "v", RejectReason.INVALID_REQUEST, 3, 3));
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.request().priceTicks()).isEqualTo(1005);
    }

    @Test
    void shouldReportInvalidTransitionsWithoutThrowingAndStillCountFills() {
        order.markSubmitted(0);
        order.apply(
                new OrderEvent.Rejected("a-1", "", RejectReason.INSUFFICIENT_BALANCE, "110007 ab not enough", 1, 1));
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.reason()).isEqualTo("insufficient_balance (110007 ab not enough)");
        assertThat(order.apply(new OrderEvent.Triggered("a-1", "", 1, 1))).isEqualTo(Order.Result.INVALID);
        assertThat(order.apply(fill("a-1", "f1", 1, 9))).isEqualTo(Order.Result.INVALID);
        assertThat(order.filledLots()).as("a fill is a fact").isEqualTo(1);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void shouldTriggerAConditionalOrder() {
        final Order stop = new Order(
                OrderRequest.stopMarket(
                        "s-1", "BTCUSDT", Side.SELL, 990, 5, true, TriggerSource.MARK_PRICE, OrderPurpose.STOP_LOSS),
                0);
        stop.markSubmitted(0);
        stop.apply(new OrderEvent.Accepted("s-1", "v", 1, 1));
        assertThat(stop.apply(new OrderEvent.Triggered("s-1", "v", 2, 2))).isEqualTo(Order.Result.APPLIED);
        assertThat(stop.status()).isEqualTo(OrderStatus.TRIGGERED);
        stop.apply(new OrderEvent.Filled("s-1", "v", "f", 989, 5, 0.3, Liquidity.TAKER, 0, 3, 3));
        assertThat(stop.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(stop.takerLots()).isEqualTo(5);
    }

    @Test
    void shouldTakeOverAnOrderWorkingAtTheVenueAsAcknowledgedWithoutAnEvent() {
        final Order stop = new Order(
                OrderRequest.stopMarket(
                        "old-1", "BTCUSDT", Side.SELL, 990, 5, true, TriggerSource.LAST_PRICE, OrderPurpose.EXTERNAL),
                3);
        assertThat(stop.adopt("v-9", 4)).isEqualTo(Order.Result.APPLIED);
        assertThat(stop.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(stop.venueOrderId()).isEqualTo("v-9");
        assertThat(stop.submittedNs()).isEqualTo(4);
        assertThat(stop.acceptedNs()).isEqualTo(4);
        assertThat(stop.lastEventNs()).isEqualTo(4);
        assertThat(stop.isOpen()).isTrue();
        assertThat(stop.apply(new OrderEvent.Accepted("old-1", "v-9", 5, 5)))
                .as("the venue repeating what was adopted changes nothing")
                .isEqualTo(Order.Result.DUPLICATE);
        assertThat(stop.markCancelRequested()).isEqualTo(Order.Result.APPLIED);
        assertThat(stop.apply(new OrderEvent.Filled("old-1", "v-9", "f", 989, 5, 0.3, Liquidity.TAKER, 0, 6, 6)))
                .isEqualTo(Order.Result.APPLIED);
        assertThat(stop.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldNotAdoptAnOrderThisRunAlreadySent() {
        order.markSubmitted(1);
        assertThat(order.adopt("v", 2)).isEqualTo(Order.Result.INVALID);
        assertThat(order.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(order.venueOrderId()).isEmpty();
        assertThat(order.acceptedNs()).isZero();
    }

    @Test
    void shouldValidateRequests() {
        assertThatThrownBy(() -> limit("bad id!", 1)).hasMessageContaining("client order id");
        assertThatThrownBy(() -> limit("x".repeat(37), 1)).hasMessageContaining("client order id");
        assertThatThrownBy(() -> limit("a", 0)).hasMessageContaining("quantity must be > 0");
        assertThatThrownBy(
                        () -> OrderRequest.limit("a", "B", Side.BUY, 0, 1, TimeInForce.GTC, false, OrderPurpose.ENTRY))
                .hasMessageContaining("price");
        assertThatThrownBy(() -> new OrderRequest(
                        "a",
                        "B",
                        Side.BUY,
                        OrderType.MARKET,
                        TimeInForce.POST_ONLY,
                        OrderRequest.NO_PRICE,
                        1,
                        false,
                        OrderRequest.NO_PRICE,
                        TriggerSource.LAST_PRICE,
                        OrderPurpose.ENTRY))
                .hasMessageContaining("post-only");
    }

    @Test
    void shouldListTheDocumentedTransitions() {
        assertThat(OrderStateMachine.allows(OrderStatus.CANCELED, OrderStateMachine.Input.FULL_FILL))
                .isTrue();
        assertThat(OrderStateMachine.allows(OrderStatus.PARTIALLY_FILLED, OrderStateMachine.Input.CANCELED))
                .isTrue();
        assertThat(OrderStateMachine.allows(OrderStatus.FILLED, OrderStateMachine.Input.CANCELED))
                .isFalse();
        assertThat(OrderStateMachine.allows(OrderStatus.REJECTED, OrderStateMachine.Input.ACCEPTED))
                .isFalse();
        assertThat(OrderStateMachine.next(OrderStatus.SUBMITTED, OrderStateMachine.Input.FULL_FILL))
                .isEqualTo(OrderStatus.FILLED);
        for (OrderStatus s : OrderStatus.values()) {
            if (s.isTerminal()) {
                assertThat(OrderStateMachine.allows(s, OrderStateMachine.Input.SUBMIT))
                        .isFalse();
            }
        }
    }
}
