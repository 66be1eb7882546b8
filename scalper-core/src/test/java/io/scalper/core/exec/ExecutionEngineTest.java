package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The execution layer's adopt API: orders found working at the venue are taken over without a made-up event. */
class ExecutionEngineTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final RecordingGateway gateway = new RecordingGateway(clock, false);
    private final List<String> told = new ArrayList<>();
    private final Position position = new Position(BTC);
    private final ExecutionEngine execution = new ExecutionEngine(
            ExecutionConfig.defaults(),
            BTC,
            position,
            new OrderBook(BTC),
            gateway,
            new ClientOrderIds("t", 1_700_000_000_000L, 7),
            clock,
            new ExecutionEngine.Callbacks() {
                @Override
                public void onOrderSubmitted(Order order) {
                    told.add("submitted " + order.clientOrderId());
                }

                @Override
                public void onRetriesSpent(String what) {
                    told.add("spent " + what);
                }
            });

    private static OrderRequest oldStop() {
        return OrderRequest.stopMarket(
                "old-stop", "BTCUSDT", Side.SELL, 649_900, 700, true, TriggerSource.MARK_PRICE, OrderPurpose.EXTERNAL);
    }

    @Test
    void shouldRegisterAnAdoptedOrderAsAcknowledgedAndSendNothing() {
        final Order o = execution.adopt(oldStop(), "v-77");
        assertThat(o.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(o.venueOrderId()).isEqualTo("v-77");
        assertThat(o.acceptedNs()).isEqualTo(clock.nowNs());
        assertThat(execution.orders().get("old-stop")).isSameAs(o);
        assertThat(execution.orders().openOrders()).containsExactly(o);
        assertThat(execution.orders().created()).isEqualTo(1);
        assertThat(gateway.commands()).as("nothing reaches the venue").isEmpty();
        assertThat(told).as("an adopted order was not submitted").isEmpty();
    }

    @Test
    void shouldReturnAnOrderItAlreadyKnowsAsItIs() {
        final Order first = execution.adopt(oldStop(), "v-77");
        execution.apply(new OrderEvent.Filled(
                "old-stop", "v-77", "f-1", 649_890, 300, 0.1, Liquidity.TAKER, 400, clock.nowNs(), clock.nowNs()));
        final Order again = execution.adopt(oldStop(), "v-other");
        assertThat(again).isSameAs(first);
        assertThat(again.venueOrderId()).isEqualTo("v-77");
        assertThat(again.filledLots()).isEqualTo(300);
        assertThat(execution.orders().created()).isEqualTo(1);
    }

    @Test
    void shouldApplyTheVenuesEventsToAnAdoptedOrderAndCancelItOnce() {
        final Order o = execution.adopt(oldStop(), "v-77");
        assertThat(execution.cancel(o)).isTrue();
        assertThat(o.status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(execution.cancel(o))
                .as("a cancel already asked for is not sent again")
                .isFalse();
        assertThat(gateway.commands("cancel"))
                .extracting(RecordingGateway.Command::clientOrderId)
                .containsExactly("old-stop");
        final OrderEvent.Canceled canceled =
                new OrderEvent.Canceled("old-stop", "v-77", CancelReason.BY_CLIENT, clock.nowNs(), clock.nowNs());
        assertThat(execution.apply(canceled)).isSameAs(o);
        assertThat(execution.lastResult()).isEqualTo(Order.Result.APPLIED);
        execution.route(o, canceled); // not one of the bracket's legs: nothing follows
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(execution.orders().openOrders()).isEmpty();
        assertThat(gateway.commands()).hasSize(1);
    }
}
