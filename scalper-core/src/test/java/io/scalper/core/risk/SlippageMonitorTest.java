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
    void shouldBreachOnlyWhenWorseThanTheThreshold() {
        monitor.onFill(1_000, 1_003, BUY, 1);
        assertThat(monitor.breaches()).isZero();

        monitor.onFill(1_000, 1_004, BUY, 2);
        assertThat(monitor.breaches()).isEqualTo(1);
        assertThat(monitor.lastBreachNs()).isEqualTo(2);

        monitor.onFill(1_000, 996, SELL, 3);
        assertThat(monitor.breaches()).isEqualTo(2);
        monitor.onFill(1_000, 990, BUY, 4);
        assertThat(monitor.breaches()).as("price improvement is never a breach").isEqualTo(2);
    }

    @Test
    void shouldCallForTheKillSwitchAfterThreeBreaches() {
        monitor.onFill(1_000, 1_010, BUY, 1);
        monitor.onFill(1_000, 1_001, BUY, 2);
        monitor.onFill(1_000, 990, SELL, 3);
        assertThat(monitor.shouldKill()).isFalse();

        monitor.onFill(1_000, 1_004, BUY, 4);

        assertThat(monitor.breaches()).isEqualTo(3);
        assertThat(monitor.shouldKill()).isTrue();
    }

    @Test
    void shouldFollowTheConfiguredThresholdAndCount() {
        final SlippageMonitor strict =
                new SlippageMonitor(RiskConfigs.with("slippageBreachTicks", 0L, "slippageBreachesToKill", 1));

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
