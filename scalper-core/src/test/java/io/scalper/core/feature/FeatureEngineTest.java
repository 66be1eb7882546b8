package io.scalper.core.feature;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketState;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.testing.MarketScript;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {
    private final MarketScript m = new MarketScript();

    private Features f() {
        return m.features();
    }

    @Test
    void shouldMeasureImbalanceAndMicroPriceOfABidHeavyBook() {
        m.snapshot(1000, 1001, 50, new long[] {10}, new long[] {2});
        assertThat(f().bookValid()).isTrue();
        assertThat(f().mid()).isEqualTo(1000.5);
        assertThat(f().spreadTicks()).isEqualTo(1);
        assertThat(f().obi()).isCloseTo((50.0 - 10) / 60, offset(1e-12));
        assertThat(f().microMinusMidTicks()).isCloseTo((1000.0 * 2 + 1001.0 * 10) / 12 - 1000.5, offset(1e-9));
        m.snapshot(1000, 1001, 50, new long[] {2}, new long[] {10});
        assertThat(f().obi()).isNegative();
        assertThat(f().microMinusMidTicks()).isNegative();
    }

    @Test
    void shouldTrackTheRateOfChangeOfImbalance() {
        m.flatBook(1000, 10);
        for (int i = 1; i <= 10; i++) {
            m.advanceMs(100).set(BUY, 1000, 10 + 5L * i);
        }
        assertThat(f().obi()).isPositive();
        assertThat(f().obiRocPerSec()).isPositive();
    }

    @Test
    void shouldWeightLevelsByDistanceWhenConfigured() {
        final FeatureConfig d = FeatureConfig.defaults();
        final FeatureConfig decaying = new FeatureConfig(
                d.obiLevels(),
                1.0,
                d.obiRocHalfLifeNs(),
                d.emaFastHalfLifeNs(),
                d.emaSlowHalfLifeNs(),
                d.volHalfLifeNs(),
                d.volLongHalfLifeNs(),
                d.regimeWarmupNs(),
                d.regimeLowRatio(),
                d.regimeHighRatio(),
                d.regimeExtremeRatio(),
                d.driftHalfLifeNs(),
                d.flowFastWindow(),
                d.flowSlowWindow(),
                d.vwapWindow(),
                d.largeTradeWindowNs(),
                d.prtNearTicks(),
                d.prtLargeFactor(),
                d.prtReferenceLevels(),
                d.prtMinLifeNs(),
                d.prtMaxLifeNs(),
                d.sweepMinLevels(),
                d.icebergMinRefills(),
                d.icebergMinExecutedRatio());
        final MarketState market = new MarketState(MarketScript.INSTRUMENT);
        final FeatureEngine engine = new FeatureEngine(decaying, market);
        final BookUpdate u = new BookUpdate().snapshot(true).updateId(1).exchangeTimeNs(1);
        // deep bid size far from the touch barely counts; the ask is heavy at the touch
        u.addBid(1000, 1).addBid(999, 1).addBid(998, 1).addBid(997, 1).addBid(996, 100);
        u.addAsk(1001, 5).addAsk(1002, 1).addAsk(1003, 1).addAsk(1004, 1).addAsk(1005, 1);
        market.book().apply(u);
        engine.onBook();
        assertThat(engine.features().obi()).isNegative();
    }

    @Test
    void shouldComputeTimeDecayedEmasIndependentlyOfEventSpacing() {
        m.flatBook(1000, 10); // mid 1000.5
        m.advanceMs(1000).flatBook(1010, 10); // mid 1010.5 from here
        m.idleMs(1000);
        assertThat(f().emaFast()).isCloseTo(1010.5 - 10 * 0.5, offset(1e-9));
        assertThat(f().emaSlow()).isCloseTo(1010.5 - 10 * Math.pow(2, -1.0 / 5), offset(1e-9));

        final MarketScript irregular = new MarketScript();
        irregular.flatBook(1000, 10);
        irregular.advanceMs(1000).flatBook(1010, 10);
        for (long step : new long[] {1, 7, 92, 300, 100, 250, 250}) {
            irregular.idleMs(step);
        }
        assertThat(irregular.features().emaFast()).isCloseTo(f().emaFast(), offset(1e-9));
        assertThat(irregular.features().emaSlow()).isCloseTo(f().emaSlow(), offset(1e-9));
        assertThat(f().emaFast()).isGreaterThan(f().emaSlow());
    }

    @Test
    void shouldMeasureRealisedVolatilityInTicksPerSqrtSecond() {
        m.flatBook(1000, 10);
        for (int i = 1; i <= 600; i++) {
            m.advanceMs(100).flatBook(i % 2 == 0 ? 1000 : 1001, 10);
        }
        // one tick squared every 0.1 s: variance rate 10 ticks^2/s
        assertThat(f().volTicksPerSqrtSec()).isCloseTo(Math.sqrt(10), offset(0.05));
        assertThat(f().volLongTicksPerSqrtSec()).isCloseTo(Math.sqrt(10), offset(0.05));
        assertThat(f().driftTicksPerSec()).isCloseTo(0.0, offset(0.1));
    }

    @Test
    void shouldClassifyVolatilityRegimesAfterWarmUp() {
        m.flatBook(1000, 10);
        assertThat(f().regime()).isEqualTo(VolRegime.NORMAL);
        for (int i = 1; i <= 300; i++) {
            m.advanceMs(1000).flatBook(i % 2 == 0 ? 1000 : 1001, 10);
        }
        assertThat(f().regime()).isEqualTo(VolRegime.NORMAL);
        for (int i = 1; i <= 50; i++) {
            m.advanceMs(100).flatBook(i % 2 == 0 ? 1000 : 1006, 10);
        }
        assertThat(f().regime()).isEqualTo(VolRegime.EXTREME);
        assertThat(f().volRatio()).isGreaterThan(3.5);
        // a long quiet spell: short volatility decays below half the baseline
        m.idleMs(60_000);
        assertThat(f().regime()).isEqualTo(VolRegime.LOW);
    }

    @Test
    void shouldMeasureAggressiveFlowImbalance() {
        m.flatBook(1000, 10);
        m.advanceMs(10).trade(1001, 3, BUY).trade(1000, 1, SELL).flush();
        assertThat(f().flowImbalanceFast()).isCloseTo(0.5, offset(1e-12));
        assertThat(f().flowNetFastLots()).isEqualTo(2);
        m.idleMs(1500);
        assertThat(f().flowImbalanceFast()).as("out of the 1 s window").isZero();
        assertThat(f().flowImbalanceSlow()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void shouldMeasureDistanceFromVwapInVolatilityUnits() {
        m.flatBook(1050, 10);
        for (int i = 0; i < 10; i++) {
            m.advanceMs(100).trade(1000, 1, SELL);
        }
        m.flush();
        assertThat(f().vwapTicks()).isEqualTo(1000.0);
        assertThat(f().vwapDistanceVol())
                .as("mid above VWAP, volatility floored at 1 tick")
                .isCloseTo(50.5, offset(1e-9));
    }

    @Test
    void shouldCountLargeTradesInItsWindow() {
        m.flatBook(1000, 10);
        for (int i = 0; i < 100; i++) {
            m.advanceMs(10).trade(1001, 1, i % 2 == 0 ? BUY : SELL);
        }
        m.flush();
        assertThat(f().largeTradeCount()).as("no trade stands out yet").isZero();
        m.advanceMs(10)
                .trade(1001, 50, BUY)
                .trade(1001, 40, BUY)
                .trade(1000, 30, SELL)
                .flush();
        assertThat(f().largeTradeCount()).isEqualTo(3);
        assertThat(f().largeBuyLots()).isEqualTo(90);
        assertThat(f().largeSellLots()).isEqualTo(30);
        assertThat(f().largeTradeNet()).isCloseTo(0.5, offset(1e-12));
        m.idleMs(5_000);
        assertThat(f().largeTradeCount()).isZero();
    }

    @Test
    void shouldReportALargeLevelPulledWithoutTrading() {
        m.flatBook(1000, 10);
        m.advanceMs(100).set(SELL, 1003, 200);
        m.advanceMs(1000).set(SELL, 1003, 10);
        assertThat(f().pulls()).isEqualTo(1);
        assertThat(f().pullSide()).isEqualTo(-1);
        assertThat(f().pullPriceTicks()).isEqualTo(1003);
        assertThat(f().pullMagnitude()).isCloseTo(200.0 / 10, offset(1e-9));
        assertThat(f().pullTimeNs()).isEqualTo(m.nowNs());
    }

    @Test
    void shouldNotReportALargeLevelThatTraded() {
        m.flatBook(1000, 10);
        m.advanceMs(100).set(SELL, 1003, 200);
        m.advanceMs(500).trade(1003, 5, BUY).flush();
        m.advanceMs(500).set(SELL, 1003, 0);
        assertThat(f().pulls()).isZero();
    }

    @Test
    void shouldIgnoreFlickerFarLevelsAndOrdinarySizes() {
        m.flatBook(1000, 10);
        m.advanceMs(100).set(SELL, 1003, 200);
        m.advanceMs(50).set(SELL, 1003, 10); // pulled after 50 ms < 200 ms: flicker
        m.advanceMs(100).set(SELL, 1020, 500); // far from the touch
        m.advanceMs(1000).set(SELL, 1020, 10);
        m.advanceMs(100).set(BUY, 999, 30); // only 3x the reference
        m.advanceMs(1000).set(BUY, 999, 10);
        assertThat(f().pulls()).isZero();
    }

    @Test
    void shouldDetectASweepAcrossSeveralLevelsAndTheLevelsItEmptied() {
        m.flatBook(1000, 10);
        m.advanceMs(10);
        for (long p = 1001; p <= 1004; p++) {
            m.trade(p, 10, BUY);
        }
        m.flush();
        assertThat(f().sweeps()).isEqualTo(1);
        assertThat(f().sweepSide()).isEqualTo(1);
        assertThat(f().sweepLevels()).isEqualTo(4);
        assertThat(f().sweepLots()).isEqualTo(40);
        m.delta()
                .level(SELL, 1001, 0)
                .level(SELL, 1002, 0)
                .level(SELL, 1003, 0)
                .level(SELL, 1004, 0)
                .publish();
        assertThat(f().sweepEmptied()).isEqualTo(4);
    }

    @Test
    void shouldNotCallTwoPricesOrSeparateOrdersASweep() {
        m.flatBook(1000, 10);
        m.advanceMs(10).trade(1001, 10, BUY).trade(1002, 3, BUY).flush();
        m.advanceMs(10).trade(1000, 1, SELL).flush();
        m.advanceMs(10).trade(999, 1, SELL).flush();
        m.advanceMs(10).trade(998, 1, SELL).flush();
        assertThat(f().sweeps()).isZero();
        assertThat(f().sweepSide()).isZero();
    }

    @Test
    void shouldDetectABidIcebergRefillingWhileSellsHitIt() {
        m.snapshot(1000, 1001, 50, new long[] {2, 10}, new long[] {10});
        for (int i = 0; i < 4; i++) {
            m.advanceMs(200).trade(1000, 2, SELL);
            m.advanceMs(20).set(BUY, 1000, 2); // refilled to the same displayed size
        }
        assertThat(f().icebergs()).isEqualTo(1);
        assertThat(f().icebergSide()).isEqualTo(1);
        assertThat(f().icebergRefills()).isEqualTo(4);
        assertThat(f().icebergExecutedRatio()).isCloseTo(4.0, offset(1e-9));
        assertThat(f().icebergPriceTicks()).isEqualTo(1000);
    }

    @Test
    void shouldNotCallALevelThatShrinksAsItTradesAnIceberg() {
        m.snapshot(1000, 1001, 50, new long[] {20}, new long[] {10});
        long size = 20;
        for (int i = 0; i < 5; i++) {
            size -= 2;
            m.advanceMs(200).trade(1000, 2, SELL);
            m.advanceMs(20).set(BUY, 1000, size);
        }
        assertThat(f().icebergs()).isZero();
        assertThat(f().icebergSide()).isZero();
    }

    @Test
    void shouldRefuseAConfigNamingATapeWindowThatDoesNotExist() {
        final MarketState market = new MarketState(
                MarketScript.INSTRUMENT, 64, new TapeConfig(1024, new long[] {1_000_000_000L}, 512, 0.95, 50));
        assertThatThrownBy(() -> new FeatureEngine(FeatureConfig.defaults(), market))
                .hasMessageStartingWith("features.flowSlowWindow");
    }
}
