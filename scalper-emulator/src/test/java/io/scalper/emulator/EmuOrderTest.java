package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import org.junit.jupiter.api.Test;

/** An order's state as Bybit shows it, changed by the core exchange's events. */
class EmuOrderTest {
    private static EmuOrder limit(long priceTicks, long qtyLots) {
        final EmuOrder o = new EmuOrder();
        o.orderType = "Limit";
        o.priceTicks = priceTicks;
        o.qtyLots = qtyLots;
        return o;
    }

    @Test
    void shouldBePartiallyFilledThenFilledAsFillsAddUp() {
        final EmuOrder o = limit(1000, 10);

        assertThat(o.filled(4, 40.0, 0.01, 0, -1)).isEqualTo(6);
        assertThat(o.status).isEqualTo("PartiallyFilled");
        assertThat(o.isOpen()).isTrue();

        assertThat(o.filled(6, 60.0, 0.02, 1.5, 0)).isZero();
        assertThat(o.status).isEqualTo("Filled");
        assertThat(o.isOpen()).isFalse();
        assertThat(o.cumLots).isEqualTo(10);
        assertThat(o.cumValue).isEqualTo(100.0);
        assertThat(o.cumFee).isEqualTo(0.03);
        assertThat(o.closedPnl).isEqualTo(1.5);
    }

    @Test
    void shouldTakeTheLeavesTheExchangeReportsOverItsOwnCount() {
        final EmuOrder o = limit(1000, 10);

        // the exchange says nothing is left (e.g. a reduce-only order trimmed to the position)
        assertThat(o.filled(4, 40.0, 0, 0, 0)).isZero();
        assertThat(o.status).isEqualTo("Filled");
    }

    @Test
    void shouldChangeOnlyTheFieldsAnAmendAppliesTo() {
        final EmuOrder plain = limit(1000, 10);
        plain.amended(new OrderEvent.Amended("a", "v", 1010, 8, 555, 0, 0));
        assertThat(plain.priceTicks).isEqualTo(1010);
        assertThat(plain.qtyLots).isEqualTo(8);
        assertThat(plain.triggerTicks).isEqualTo(OrderRequest.NO_PRICE); // no trigger to move

        final EmuOrder stop = new EmuOrder();
        stop.orderType = "Market";
        stop.priceTicks = 1100; // the shown slippage bound
        stop.triggerTicks = 900;
        stop.amended(new OrderEvent.Amended("s", "v", OrderRequest.NO_PRICE, 5, 950, 0, 0));
        assertThat(stop.priceTicks).isEqualTo(1100);
        assertThat(stop.triggerTicks).isEqualTo(950);
        assertThat(stop.qtyLots).isEqualTo(5);
    }

    @Test
    void shouldShowACancelInBybitsNamesAndKeepARefusalUntilTaken() {
        final EmuOrder o = limit(1000, 10);
        o.cancelled(CancelReason.POST_ONLY_WOULD_TAKE);
        assertThat(o.status).isEqualTo("Cancelled");
        assertThat(o.rejectReason).isEqualTo("EC_PostOnlyWillTakeLiquidity");

        final EmuOrder r = limit(1000, 10);
        r.refused(RejectReason.ORDER_FINISHED, "too late");
        assertThat(r.status).isEqualTo("New");
        assertThat(r.takeRefusal()).isEqualTo(new EmuOrder.Refusal(RejectReason.ORDER_FINISHED, "too late"));
        assertThat(r.takeRefusal()).isNull();

        r.rejected(RejectReason.INSUFFICIENT_BALANCE, "need 500");
        assertThat(r.status).isEqualTo("Rejected");
        assertThat(r.isOpen()).isFalse();
    }
}
