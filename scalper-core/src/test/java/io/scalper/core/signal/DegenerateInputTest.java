package io.scalper.core.signal;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.testing.MarketScript;
import org.junit.jupiter.api.Test;

/** No NaN, no infinity, no score outside [-1, 1], whatever the market throws at the pipeline. */
class DegenerateInputTest {
    private final MarketScript m = new MarketScript();

    private void assertSane() {
        final Decision d = m.decision();
        for (int i = 0; i < d.signalCount(); i++) {
            assertThat(d.score(i)).as(d.name(i)).isFinite().isBetween(-1.0, 1.0);
            assertThat(d.weight(i)).as(d.name(i)).isFinite().isBetween(0.0, 1.0);
        }
        assertThat(d.fused()).isFinite().isBetween(-1.0, 1.0);
        assertThat(d.confidence()).isFinite().isBetween(0.0, 1.0);
    }

    @Test
    void shouldSurviveTradesBeforeAnyBook() {
        m.trade(1000, 1, BUY).flush();
        assertSane();
        assertThat(m.decision().vetoed()).as("no book: no entries").isTrue();
        m.idleMs(1000);
        assertSane();
    }

    @Test
    void shouldSurviveOneSidedAndEmptyBooks() {
        final BookUpdate asksOnly = new BookUpdate().snapshot(true).updateId(1).exchangeTimeNs(m.nowNs());
        asksOnly.addAsk(1001, 5).addAsk(1002, 5);
        m.sink.onBook(asksOnly);
        assertSane();
        m.advanceMs(100).trade(1001, 5, BUY).flush();
        assertSane();
        final BookUpdate empty = new BookUpdate().snapshot(true).updateId(2).exchangeTimeNs(m.nowNs());
        m.sink.onBook(empty);
        assertSane();
        m.idleMs(10_000);
        assertSane();
    }

    @Test
    void shouldSurviveASingleTradeAndZeroVolume() {
        m.flatBook(1000, 10);
        assertSane();
        m.idleMs(100);
        assertSane();
        m.advanceMs(1).trade(1001, 1, BUY).flush();
        assertSane();
    }

    @Test
    void shouldSurviveHugePricesAndSizes() {
        final long huge = 1_000_000_000_000_000L;
        m.snapshot(huge, huge + 1, 20, new long[] {1_000_000_000_000L}, new long[] {1});
        m.advanceMs(100)
                .trade(huge + 1, 1_000_000_000_000L, BUY)
                .trade(huge + 2, 1, BUY)
                .flush();
        m.advanceMs(100).snapshot(huge / 2, huge / 2 + 1, 20, new long[] {1}, new long[] {1_000_000_000_000L});
        assertSane();
    }

    @Test
    void shouldSurviveLongGapsInTime() {
        m.flatBook(1000, 10);
        m.advanceMs(100).trade(1001, 3, BUY).flush();
        m.idleMs(10L * 24 * 3600 * 1000);
        assertSane();
        m.advanceMs(1).flatBook(1500, 10);
        assertSane();
        m.advanceMs(365L * 24 * 3600 * 1000).trade(1501, 1, SELL).flush();
        assertSane();
    }

    @Test
    void shouldSurviveAWideAndLockedSpread() {
        m.snapshot(1000, 1500, 10, new long[] {1}, new long[] {1});
        assertSane();
        m.advanceMs(10).set(BUY, 1500, 1); // crossed: the book goes out of sync
        assertSane();
        assertThat(m.decision().vetoed()).isTrue();
    }
}
