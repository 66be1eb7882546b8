package io.scalper.core.engine;

import static io.scalper.core.engine.EngineHarness.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderStatus;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.exec.VenueOrder;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.risk.TradingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's adopt API: a position the venue holds at start-up and the orders resting for it are taken over — the
 * orders registered as acknowledged, the position booked as an adjustment and bracketed — and no order event or fill is
 * made up for any of it.
 */
class ScalperEngineAdoptTest {
    private static final long AVG = 649_990;

    /** Everything the engine tells its listener, one line each. */
    private final List<String> told = new ArrayList<>();

    private final EngineListener recorder = new EngineListener() {
        @Override
        public void onOrderAdopted(Order order) {
            told.add("adopted " + order.clientOrderId() + " " + order.status());
        }

        @Override
        public void onOrderSubmitted(Order order) {
            told.add("submitted " + order.request().purpose());
        }

        @Override
        public void onOrderEvent(OrderEvent event, Order order) {
            told.add("event " + event.getClass().getSimpleName() + " " + event.clientOrderId());
        }

        @Override
        public void onFill(OrderEvent.Filled fill, Order order, long positionLots) {
            told.add("fill " + fill.clientOrderId() + " -> " + positionLots);
        }

        @Override
        public void onReconciled(
                String symbol, long engineLots, long venueLots, long avg, String action, String cause) {
            told.add("reconciled " + engineLots + " -> " + venueLots + " @" + avg + " " + action + " " + cause);
        }

        @Override
        public void onRoundTrip(RoundTrip trade) {
            told.add("round trip " + trade.exitReason());
        }
    };

    private final EngineHarness h = new EngineHarness(
            EngineHarness.fixedBrackets(), RiskConfig.defaults(), true, null, b -> b.listener(recorder));

    private static VenueOrder restingStop(String id) {
        return new VenueOrder(
                OrderRequest.stopMarket(
                        id,
                        BTC.symbol(),
                        Side.SELL,
                        649_900,
                        700,
                        true,
                        TriggerSource.MARK_PRICE,
                        OrderPurpose.EXTERNAL),
                "v-" + id);
    }

    private static VenueOrder restingTakeProfit(String id) {
        return new VenueOrder(
                OrderRequest.limit(
                        id, BTC.symbol(), Side.SELL, 650_100, 700, TimeInForce.GTC, true, OrderPurpose.EXTERNAL),
                "v-" + id);
    }

    @Test
    void shouldTakeOverThePositionAndItsRestingLegsThenBracketItAndCancelThemWithoutMakingUpEvents() {
        h.gateway.answering(true, true, false); // cancels stay pending: what was asked is what the test sees
        told.clear();
        final List<Order> adopted =
                h.engine.adopt(700, AVG, List.of(restingStop("old-stop"), restingTakeProfit("old-tp")), true);

        assertThat(adopted).extracting(Order::clientOrderId).containsExactly("old-stop", "old-tp");
        assertThat(adopted).allMatch(o -> o.status() == OrderStatus.PENDING_CANCEL);
        assertThat(adopted.get(0).venueOrderId()).isEqualTo("v-old-stop");
        assertThat(h.engine.position().qtyLots()).isEqualTo(700);
        assertThat(h.engine.position().avgEntryTicks()).isEqualTo((double) AVG);
        assertThat(h.engine.reconciliations()).isEqualTo(1);

        // the engine's own bracket first, then the resting orders' cancels; nothing of the adoption reaches the venue
        final List<RecordingGateway.Command> commands = h.gateway.commands();
        assertThat(commands)
                .extracting(c -> c.kind() + " " + c.clientOrderId().startsWith("old-"))
                .containsExactly("submit false", "submit false", "cancel true", "cancel true");
        assertThat(h.gateway.commands("cancel"))
                .extracting(RecordingGateway.Command::clientOrderId)
                .containsExactly("old-stop", "old-tp");
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        assertThat(stop.qtyLots()).isEqualTo(700);
        assertThat(stop.triggerPriceTicks()).as("priced from the adopted entry").isEqualTo(AVG - 20);
        assertThat(h.last(OrderPurpose.TAKE_PROFIT).priceTicks()).isEqualTo(AVG + 30);
        assertThat(h.engine.isProtected()).as("its new stop is acknowledged").isTrue();

        // what the listener heard: the adoptions and the reconciliation, then only the bracket's own orders
        assertThat(told)
                .containsExactly(
                        "adopted old-stop ACCEPTED",
                        "adopted old-tp ACCEPTED",
                        "reconciled 0 -> 700 @649990 adopt startup",
                        "submitted STOP_LOSS",
                        "submitted TAKE_PROFIT",
                        "event Accepted " + stop.clientOrderId(),
                        "event Accepted " + h.last(OrderPurpose.TAKE_PROFIT).clientOrderId());
        assertThat(h.engine.orders().all())
                .as("no order is made up for the adjustment")
                .extracting(o -> o.request().purpose())
                .containsExactlyInAnyOrder(
                        OrderPurpose.EXTERNAL, OrderPurpose.EXTERNAL, OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT);
        assertThat(h.engine.orders().created()).isEqualTo(4);
    }

    @Test
    void shouldLetAFillOfAnAdoptedOrderMoveThePositionAndCloseTheAdoptedTrade() {
        final Order old = h.engine
                .adopt(700, AVG, List.of(restingStop("old-stop")), false)
                .get(0);
        assertThat(old.status()).as("kept working").isEqualTo(OrderStatus.ACCEPTED);
        assertThat(h.gateway.commands("cancel")).isEmpty();

        h.gateway.fill("old-stop", 649_900, 700, 0.35, Liquidity.TAKER);

        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.engine.unknownFills())
                .as("the venue's old stop is an order the engine knows")
                .isZero();
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(h.engine.roundTrips()).hasSize(1);
        final RoundTrip trip = h.engine.roundTrips().get(0);
        assertThat(trip.side()).isEqualTo(Side.BUY);
        assertThat(trip.entryPriceTicks()).as("the adopted entry").isEqualTo((double) AVG);
        assertThat(trip.exitPriceTicks()).isEqualTo(649_900.0);
        assertThat(trip.exitReason()).isEqualTo("external");
        assertThat(h.order(h.last(OrderPurpose.STOP_LOSS)).isOpen())
                .as("flat: the engine's own stop goes")
                .isFalse();
    }

    @Test
    void shouldCancelRestingOrdersOfAFlatVenueWithoutReconciling() {
        h.gateway.answering(true, true, false);
        h.engine.adopt(0, 0, List.of(restingStop("old-stop")), true);
        assertThat(h.engine.reconciliations()).isZero();
        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.gateway.commands())
                .extracting(c -> c.kind() + " " + c.clientOrderId())
                .containsExactly("cancel old-stop");
    }

    @Test
    void shouldLeaveAnOrderItAlreadyTracksAsItIs() {
        final Order first =
                h.engine.adopt(0, 0, List.of(restingStop("old-stop")), false).get(0);
        told.clear();
        final Order again =
                h.engine.adopt(0, 0, List.of(restingStop("old-stop")), false).get(0);
        assertThat(again).isSameAs(first);
        assertThat(told).as("adopted once").isEmpty();
        assertThat(h.engine.orders().created()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnOrderOfAnotherSymbolNamingIt() {
        final VenueOrder eth =
                new VenueOrder(OrderRequest.market("eth-1", "ETHUSDT", Side.SELL, 5, true, OrderPurpose.EXTERNAL), "v");
        assertThatThrownBy(() -> h.engine.adopt(700, AVG, List.of(eth), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eth-1")
                .hasMessageContaining("ETHUSDT");
        assertThat(h.engine.position().isFlat()).as("nothing was adopted").isTrue();
        assertThat(h.engine.orders().all()).isEmpty();
    }

    @Test
    void shouldJournalTheAdoptedOrderAndNoMadeUpOrderOrFill(@TempDir Path dir) throws IOException {
        final EngineRecorder journals = new EngineRecorder(dir, 10_000, EngineHarness.START_NS, 1_000_000_000L);
        final EngineHarness j = new EngineHarness(
                EngineHarness.fixedBrackets(), RiskConfig.defaults(), true, null, b -> b.listener(journals));
        journals.attach(j.engine);
        final VenueOrder buyStop = new VenueOrder(
                OrderRequest.stopMarket(
                        "old-stop",
                        BTC.symbol(),
                        Side.BUY,
                        650_100,
                        400,
                        true,
                        TriggerSource.MARK_PRICE,
                        OrderPurpose.EXTERNAL),
                "v-old-stop");
        j.engine.adopt(-400, 650_010, List.of(buyStop), true);
        // a venue check later finds 100 lots less: the difference is an adjustment too
        j.gateway.venuePosition(BTC.symbol(), -300, 650_010, true);
        j.gateway.venuePosition(BTC.symbol(), -300, 650_010, true);
        assertThat(j.engine.position().qtyLots()).isEqualTo(-300);
        journals.close();

        final String orders = Files.readString(dir.resolve("orders.csv"), StandardCharsets.UTF_8);
        assertThat(orders.lines().filter(l -> l.contains(",adopted,old-stop,")))
                .hasSize(1)
                .allMatch(l -> l.contains("EXTERNAL") && l.contains("v-old-stop"));
        assertThat(orders).doesNotContain("adj-");
        assertThat(orders.lines().filter(l -> l.contains(",submit,")))
                .as("the bracket, re-sized after the venue check")
                .isNotEmpty()
                .noneMatch(l -> l.contains("EXTERNAL"));
        assertThat(Files.readString(dir.resolve("fills.csv"), StandardCharsets.UTF_8)
                        .lines())
                .as("nothing filled: only the header")
                .hasSize(1);
        assertThat(Files.readString(dir.resolve("events.csv"), StandardCharsets.UTF_8))
                .contains("startup")
                .contains("venue_check");
    }
}
