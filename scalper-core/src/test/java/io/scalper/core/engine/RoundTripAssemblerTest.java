package io.scalper.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.Position;
import io.scalper.core.feature.Features;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.FusionConfig;
import io.scalper.core.signal.Signal;
import io.scalper.core.signal.SignalFusion;
import io.scalper.core.testing.MarketScript;
import org.junit.jupiter.api.Test;

class RoundTripAssemblerTest {
    private final Position position = new Position(Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5"));
    private final RoundTripAssembler trips = new RoundTripAssembler("BTCUSDT", position);
    private final Decision decision = decision(0.8, -0.4);

    /** A decision of two signals, "up" and "down", with these scores and equal weights. */
    private static Decision decision(double up, double down) {
        final MarketScript m = new MarketScript();
        m.flatBook(1000, 10);
        return SignalFusion.builder(FusionConfig.defaults())
                .add(fixed("up", up), 1)
                .add(fixed("down", down), 1)
                .build()
                .evaluate(m.features());
    }

    private static Signal fixed(String name, double score) {
        return new Signal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double score(Features features) {
                return score;
            }
        };
    }

    /** Applies a fill to the position, then reports it, as the engine does. */
    private void fill(
            Side side, long priceTicks, long lots, double fee, OrderPurpose purpose, double intended, long t) {
        final long before = position.qtyLots();
        final double pnl = position.onFill(side, priceTicks, lots, fee, t);
        trips.onFill(side, priceTicks, lots, fee, pnl, before, purpose, intended, t);
    }

    @Test
    void shouldAverageEntriesAndExitsAndTakeTheEntryPlan() {
        trips.planEntry(50.0, decision);
        fill(Side.BUY, 1000, 10, 0.1, OrderPurpose.ENTRY, 998, 1);
        assertThat(trips.isOpen()).isTrue();
        fill(Side.BUY, 1010, 30, 0.3, OrderPurpose.ENTRY, Double.NaN, 2);
        fill(Side.SELL, 1020, 20, 0.2, OrderPurpose.TAKE_PROFIT, Double.NaN, 3);
        fill(Side.SELL, 1030, 20, 0.2, OrderPurpose.TAKE_PROFIT, Double.NaN, 4);
        assertThat(position.isFlat()).isTrue();

        final RoundTrip t = trips.close("take_profit", decision, 4);
        assertThat(trips.isOpen()).isFalse();
        assertThat(t.id()).isEqualTo(1);
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.entryTimeNs()).isEqualTo(1);
        assertThat(t.exitTimeNs()).isEqualTo(4);
        assertThat(t.entryPriceTicks()).isEqualTo((1000.0 * 10 + 1010.0 * 30) / 40);
        assertThat(t.exitPriceTicks()).isEqualTo(1025.0);
        assertThat(t.qtyLots()).isEqualTo(40);
        assertThat(t.fees()).isCloseTo(0.8, offset(1e-12));
        assertThat(t.grossPnl()).isCloseTo(position.realizedPnl(), offset(1e-12));
        assertThat(t.riskAmount()).isEqualTo(50.0);
        assertThat(t.entrySlippageTicks())
                .as("a long bought 2 ticks above the intended price")
                .isEqualTo(2.0);
        assertThat(t.exitReason()).isEqualTo("take_profit");
        assertThat(t.signalNames()).containsExactly("up", "down");
        assertThat(t.signalContributions()[0]).isCloseTo(0.5 * 0.8, offset(1e-12));
        assertThat(t.signalContributions()[1]).isCloseTo(0.5 * -0.4, offset(1e-12));
        assertThat(trips.roundTrips()).containsExactly(t);
    }

    @Test
    void shouldCountFundingOnlyWhileATripIsOpen() {
        trips.onFunding(5.0);
        fill(Side.SELL, 1000, 10, 0, OrderPurpose.ENTRY, Double.NaN, 1);
        trips.onFunding(-1.5);
        fill(Side.BUY, 990, 10, 0, OrderPurpose.STOP_LOSS, Double.NaN, 2);
        final RoundTrip t = trips.close("stop_loss", decision, 2);
        trips.onFunding(7.0);
        assertThat(t.funding()).isEqualTo(-1.5);
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.entrySlippageTicks()).as("no intended price").isZero();
    }

    @Test
    void shouldLeaveTheRiskUnknownWhenNoEntryOpenedTheTrip() {
        trips.planEntry(50.0, decision);
        fill(Side.BUY, 1000, 10, 0, OrderPurpose.EXTERNAL, Double.NaN, 1);
        fill(Side.SELL, 1000, 10, 0, OrderPurpose.EXTERNAL, Double.NaN, 2);
        final RoundTrip t = trips.close("external", decision, 2);
        assertThat(t.riskAmount()).isNaN();
        assertThat(t.rMultiple()).isNaN();
    }

    @Test
    void shouldCountOnlyTheClosedPartOfAFlipAsExitAndStartTheNextTripAtItsPrice() {
        trips.planEntry(20.0, decision);
        fill(Side.BUY, 1000, 10, 0, OrderPurpose.ENTRY, Double.NaN, 1);
        // one fill of 25 closes the 10 long and opens 15 short: the engine closes the trip, then opens the next
        fill(Side.SELL, 990, 25, 2.5, OrderPurpose.EXIT, Double.NaN, 2);
        final RoundTrip first = trips.close("exit", decision, 2);
        trips.open(OrderPurpose.EXIT, 990, Double.NaN, 2);
        assertThat(first.exitPriceTicks()).isEqualTo(990.0);
        assertThat(first.qtyLots())
                .as("the trip held 10 lots; the 15 beyond are the next trip's")
                .isEqualTo(10);
        fill(Side.BUY, 980, 15, 0, OrderPurpose.STOP_LOSS, Double.NaN, 3);
        final RoundTrip second = trips.close("stop_loss", decision, 3);
        assertThat(second.id()).isEqualTo(2);
        assertThat(second.side()).isEqualTo(Side.SELL);
        assertThat(second.entryTimeNs()).isEqualTo(2);
        assertThat(second.entryPriceTicks())
                .as("the flipping fill's remainder is the new trip's entry")
                .isEqualTo(990.0);
        assertThat(second.qtyLots()).isEqualTo(15);
        assertThat(second.exitPriceTicks()).isEqualTo(980.0);
        assertThat(second.riskAmount()).as("opened by an exit, not an entry").isNaN();
        assertThat(first.fees())
                .as("the closed 10 lots' share of the flipping fill's fee")
                .isEqualTo(1.0);
        assertThat(second.fees()).as("the opened 15 lots' share").isEqualTo(1.5);
        assertThat(trips.roundTrips()).containsExactly(first, second);
    }
}
