package io.scalper.core.signal;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.testing.MarketScript;
import org.junit.jupiter.api.Test;

/** The sign conventions each built-in signal promises, driven through the whole pipeline on scripted markets. */
class SignalSignsTest {
    private final MarketScript m = new MarketScript();

    private double score(String name) {
        final Decision d = m.decision();
        return d.score(d.indexOf(name));
    }

    @Test
    void obiShouldBePositiveForABidHeavyBookAndNegativeForAnAskHeavyOne() {
        m.snapshot(1000, 1001, 50, new long[] {40}, new long[] {5});
        assertThat(score("obi")).isGreaterThan(0.5);
        m.snapshot(1000, 1001, 50, new long[] {5}, new long[] {40});
        assertThat(score("obi")).isLessThan(-0.5);
        m.flatBook(1000, 10);
        assertThat(score("obi")).isCloseTo(0.0, offset(0.25));
    }

    @Test
    void umomShouldFollowTheFastEmaAboveTheSlowOneWhenBuyFlowConfirms() {
        m.flatBook(1000, 10);
        for (int i = 1; i <= 20; i++) {
            m.advanceMs(100).trade(1000 + i, 2, BUY).flatBook(1000 + i, 10);
        }
        assertThat(score("umom")).isGreaterThan(0.3);
        final MarketScript down = new MarketScript();
        down.flatBook(1000, 10);
        for (int i = 1; i <= 20; i++) {
            down.advanceMs(100).trade(1000 - i, 2, SELL).flatBook(1000 - i, 10);
        }
        assertThat(down.decision().score(down.decision().indexOf("umom"))).isLessThan(-0.3);
    }

    @Test
    void umomShouldStaySilentWhenFlowDisagrees() {
        m.flatBook(1000, 10);
        for (int i = 1; i <= 20; i++) {
            m.advanceMs(100).trade(1000 + i, 2, SELL).flatBook(1000 + i, 10);
        }
        assertThat(score("umom")).isZero();
    }

    @Test
    void prtShouldFadeAPulledAskAndDecay() {
        m.flatBook(1000, 10);
        m.advanceMs(100).set(SELL, 1003, 400);
        m.advanceMs(1000).set(SELL, 1003, 10);
        assertThat(score("prt")).isCloseTo(1.0, offset(1e-9));
        m.idleMs(2000); // half-life 2 s
        assertThat(score("prt")).isCloseTo(0.5, offset(1e-9));
        m.idleMs(10_000); // beyond the 8 s maximum age
        assertThat(score("prt")).isZero();
    }

    @Test
    void prtShouldBeNegativeForAPulledBid() {
        m.flatBook(1000, 10);
        m.advanceMs(100).set(BUY, 998, 100);
        m.advanceMs(1000).set(BUY, 998, 0);
        assertThat(score("prt")).isCloseTo(-10.0 / 16, offset(1e-9)); // 100 / 10 = 10 of a full 16
    }

    @Test
    void ltbShouldFollowABurstOfLargeTrades() {
        m.flatBook(1000, 10);
        for (int i = 0; i < 100; i++) {
            m.advanceMs(10).trade(1001, 1 + i % 3, i % 2 == 0 ? BUY : SELL);
        }
        m.flush();
        assertThat(score("ltb")).isZero();
        for (int i = 0; i < 5; i++) {
            m.advanceMs(100).trade(1001, 60, BUY).flush();
        }
        assertThat(score("ltb")).isCloseTo(1.0, offset(1e-9));
        final MarketScript sells = new MarketScript();
        sells.flatBook(1000, 10);
        for (int i = 0; i < 100; i++) {
            sells.advanceMs(10).trade(1001, 1 + i % 3, i % 2 == 0 ? BUY : SELL);
        }
        sells.advanceMs(100)
                .trade(1000, 60, SELL)
                .trade(1000, 60, SELL)
                .trade(1000, 60, SELL)
                .flush();
        assertThat(sells.decision().score(sells.decision().indexOf("ltb"))).isCloseTo(-0.6, offset(1e-9));
    }

    @Test
    void sweepShouldBePositiveWhenABuyTakesSeveralAskLevels() {
        m.flatBook(1000, 10);
        m.advanceMs(10);
        for (long p = 1001; p <= 1006; p++) {
            m.trade(p, 10, BUY);
        }
        m.flush();
        assertThat(score("sweep")).isCloseTo(1.0, offset(1e-9));
        m.idleMs(2000);
        assertThat(score("sweep")).isCloseTo(0.5, offset(1e-9));
        m.advanceMs(10)
                .trade(1000, 10, SELL)
                .trade(999, 10, SELL)
                .trade(998, 10, SELL)
                .flush();
        assertThat(score("sweep")).isCloseTo(-0.4, offset(1e-9));
    }

    @Test
    void iceShouldBePositiveForARefillingBidAndNegativeForARefillingAsk() {
        m.snapshot(1000, 1001, 50, new long[] {2, 10}, new long[] {10});
        for (int i = 0; i < 6; i++) {
            m.advanceMs(200).trade(1000, 2, SELL);
            m.advanceMs(20).set(BUY, 1000, 2);
        }
        assertThat(score("ice")).isCloseTo(1.0, offset(1e-9));
        final MarketScript ask = new MarketScript();
        ask.snapshot(1000, 1001, 50, new long[] {10}, new long[] {3, 10});
        for (int i = 0; i < 3; i++) {
            ask.advanceMs(200).trade(1001, 3, BUY);
            ask.advanceMs(20).set(SELL, 1001, 3);
        }
        assertThat(ask.decision().score(ask.decision().indexOf("ice"))).isCloseTo(-0.5, offset(1e-9));
    }

    @Test
    void vwapShouldBePositiveBelowVwapAndNegativeAbove() {
        m.flatBook(1050, 10);
        for (int i = 0; i < 10; i++) {
            m.advanceMs(100).trade(1100, 1, BUY);
        }
        m.flush();
        assertThat(score("vwap")).isCloseTo(1.0, offset(1e-9));
        final MarketScript above = new MarketScript();
        above.flatBook(1050, 10);
        above.advanceMs(100).trade(1000, 1, SELL).flush();
        assertThat(above.decision().score(above.decision().indexOf("vwap"))).isCloseTo(-1.0, offset(1e-9));
        final MarketScript near = new MarketScript();
        near.flatBook(1000, 10);
        near.advanceMs(100).trade(1001, 1, BUY).flush();
        assertThat(near.decision().score(near.decision().indexOf("vwap"))).isZero();
    }

    @Test
    void regimeShouldFollowTheDriftAndFallSilentInExtremeVolatility() {
        m.flatBook(1000, 10);
        for (int i = 1; i <= 300; i++) {
            m.advanceMs(1000).flatBook(1000 + i, 10);
        }
        assertThat(score("regime")).isGreaterThan(0.5);
        for (int i = 1; i <= 50; i++) {
            m.advanceMs(100).flatBook(i % 2 == 0 ? 1300 : 1330, 10);
        }
        assertThat(m.features().regime()).isEqualTo(io.scalper.core.feature.VolRegime.EXTREME);
        assertThat(score("regime")).isZero();
        assertThat(m.decision().vetoed()).isTrue();
        assertThat(m.decision().direction()).isEqualTo(Decision.FLAT);
    }
}
