package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;

class PositionTest {
    private final Position p = new Position(Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5"));

    @Test
    void shouldAverageEntriesAndRealiseOnReduction() {
        p.onFill(Side.BUY, 650_000, 1000, 0.5, 1);
        p.onFill(Side.BUY, 650_100, 1000, 0.5, 2);
        assertThat(p.qtyLots()).isEqualTo(2000);
        assertThat(p.avgEntryTicks()).isEqualTo(650_050.0);
        assertThat(p.unrealizedPnl(650_150)).isCloseTo(100 * 0.1 * 2, offset(1e-9));
        final double pnl = p.onFill(Side.SELL, 650_150, 500, 0.2, 3);
        assertThat(pnl).isCloseTo(100 * 0.1 * 0.5, offset(1e-9));
        assertThat(p.qtyLots()).isEqualTo(1500);
        assertThat(p.avgEntryTicks()).as("reductions keep the entry price").isEqualTo(650_050.0);
        assertThat(p.fees()).isCloseTo(1.2, offset(1e-12));
        p.onFunding(-0.3);
        assertThat(p.netRealized()).isCloseTo(5.0 - 1.2 - 0.3, offset(1e-9));
    }

    @Test
    void shouldFlipThroughZeroInOneFill() {
        p.onFill(Side.BUY, 1000, 10, 0, 1);
        final double pnl = p.onFill(Side.SELL, 990, 25, 0, 2);
        assertThat(pnl).isCloseTo(-10 * 0.1 * 0.010, offset(1e-12));
        assertThat(p.qtyLots()).isEqualTo(-15);
        assertThat(p.side()).isEqualTo(Side.SELL);
        assertThat(p.avgEntryTicks()).isEqualTo(990.0);
        assertThat(p.openedNs()).isEqualTo(2);
        p.onFill(Side.BUY, 980, 15, 0, 3);
        assertThat(p.isFlat()).isTrue();
        assertThat(p.avgEntryTicks()).isNaN();
        assertThat(p.realizedPnl()).isCloseTo(-0.01 + 10 * 0.1 * 0.015, offset(1e-12));
    }
}
