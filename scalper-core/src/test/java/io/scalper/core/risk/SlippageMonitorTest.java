package io.scalper.core.risk;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlippageMonitorTest {
    private final SlippageMonitor monitor = new SlippageMonitor(RiskConfig.defaults());

    @Test
    void shouldCountABuyFilledHigherAsPositiveSlippage() {
        assertThat(monitor.onFill(1_000, 1_002, BUY, 1)).isEqualTo(2);
        assertThat(monitor.onFill(1_000, 999, BUY, 2)).isEqualTo(-1);
    }

    @Test
    void shouldCountASellFilledLowerAsPositiveSlippage() {
        assertThat(monitor.onFill(1_000, 998, SELL, 1)).isEqualTo(2);
        assertThat(monitor.onFill(1_000, 1_001, SELL, 2)).isEqualTo(-1);
        assertThat(SlippageMonitor.slippageTicks(1_000, 1_000, SELL)).isZero();
    }

    @Test
    void shouldBreachOnlyWhenWorseThanTheThresholdInBasisPoints() {
        // at a price of 10,000 ticks one tick is one basis point; the default threshold is 5 bps
        monitor.onFill(10_000, 10_005, BUY, 1, true, 0);
        assertThat(monitor.breaches()).isZero();
        assertThat(monitor.lastWasBreach()).isFalse();

        monitor.onFill(10_000, 10_006, BUY, 2, true, 0);
        assertThat(monitor.breaches()).isEqualTo(1);
        assertThat(monitor.lastBreachNs()).isEqualTo(2);

        monitor.onFill(10_000, 9_994, SELL, 3, true, 0);
        assertThat(monitor.breaches()).isEqualTo(2);
        monitor.onFill(10_000, 9_900, BUY, 4, true, 0);
        assertThat(monitor.breaches()).as("price improvement is never a breach").isEqualTo(2);
    }

    @Test
    void shouldAllowWhatTheOrderTypeShouldExpect() {
        // a stop-market expecting 3 bps (half the spread and the mid's short-term volatility): 8 bps is fine, 9 is not
        monitor.onFill(10_000, 10_008, BUY, 1, true, 3.0);
        assertThat(monitor.breaches()).isZero();
        monitor.onFill(10_000, 10_009, BUY, 2, true, 3.0);
        assertThat(monitor.breaches()).isEqualTo(1);
    }

    @Test
    void shouldMeasureInPriceNotTicksSoTheSameTicksMeanLessOnADearerInstrument() {
        monitor.onFill(1_000, 1_001, BUY, 1, true, 0); // 10 bps
        assertThat(monitor.breaches()).isEqualTo(1);
        monitor.onFill(650_000, 650_030, BUY, 2, true, 0); // 30 ticks of BTCUSDT: 0.46 bps
        assertThat(monitor.breaches()).isEqualTo(1);
    }

    @Test
    void shouldNotCountABreachWhenTheCallerSaysSo() {
        monitor.onFill(10_000, 10_100, BUY, 1, false, 0);
        assertThat(monitor.lastWasBreach()).isTrue();
        assertThat(monitor.breaches()).as("one breach per order at most").isZero();
    }

    @Test
    void shouldCallForTheKillSwitchAfterThreeBreaches() {
        monitor.onFill(10_000, 10_010, BUY, 1, true, 0);
        monitor.onFill(10_000, 10_001, BUY, 2, true, 0);
        monitor.onFill(10_000, 9_990, SELL, 3, true, 0);
        assertThat(monitor.shouldKill()).isFalse();

        monitor.onFill(10_000, 10_006, BUY, 4, true, 0);

        assertThat(monitor.breaches()).isEqualTo(3);
        assertThat(monitor.shouldKill()).isTrue();
    }

    @Test
    void shouldFollowTheConfiguredThresholdAndCount() {
        final SlippageMonitor strict =
                new SlippageMonitor(RiskConfigs.with("slippageBreachBps", 0.0, "slippageBreachesToKill", 1));

        strict.onFill(1_000, 1_000, BUY, 1);
        assertThat(strict.shouldKill()).isFalse();
        strict.onFill(1_000, 1_001, BUY, 2);
        assertThat(strict.shouldKill()).isTrue();
    }

    @Test
    void shouldAverageAndTrackTheWorstSlippage() {
        assertThat(monitor.averageSlippageTicks()).isZero();
        assertThat(monitor.worstSlippageTicks()).isZero();

        monitor.onFill(1_000, 999, BUY, 1);
        assertThat(monitor.worstSlippageTicks()).isEqualTo(-1);
        monitor.onFill(1_000, 1_005, BUY, 2);
        monitor.onFill(1_000, 1_002, SELL, 3);

        assertThat(monitor.fills()).isEqualTo(3);
        assertThat(monitor.averageSlippageTicks()).isEqualTo(2.0 / 3.0);
        assertThat(monitor.worstSlippageTicks()).isEqualTo(5);
    }

    @Test
    void shouldForgetEverythingOnReset() {
        for (int i = 0; i < 3; i++) {
            monitor.onFill(1_000, 1_010, BUY, i);
        }
        monitor.reset();

        assertThat(monitor.shouldKill()).isFalse();
        assertThat(monitor.fills()).isZero();
        assertThat(monitor.breaches()).isZero();
        assertThat(monitor.averageSlippageTicks()).isZero();
        assertThat(monitor.lastBreachNs()).isEqualTo(Long.MIN_VALUE);
    }
}
