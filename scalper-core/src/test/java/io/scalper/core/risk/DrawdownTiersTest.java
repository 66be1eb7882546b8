package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrawdownTiersTest {
    private final DrawdownTiers tiers = new DrawdownTiers(RiskConfig.defaults());

    @Test
    void shouldStartAtFullSizeWithNoPeak() {
        assertThat(tiers.multiplier()).isEqualTo(1.0);
        assertThat(tiers.drawdown()).isZero();
        assertThat(tiers.peakEquity()).isNaN();
        assertThat(tiers.isHalted()).isFalse();
        assertThat(tiers.tierCount()).isEqualTo(3);
    }

    @ParameterizedTest(name = "equity {0} → multiplier {1}")
    @CsvSource({
        "10000, 1.0",
        "9800.01, 1.0",
        "9800, 0.5",
        "9600.01, 0.5",
        "9600, 0.25",
        "9400.01, 0.25",
        "9400, 0.0",
        "5000, 0.0",
        "0, 0.0",
        "-100, 0.0"
    })
    void shouldSwitchTiersExactlyAtTwoFourAndSixPercent(double equity, double multiplier) {
        tiers.onEquity(10_000);

        assertThat(tiers.onEquity(equity)).isEqualTo(multiplier);
        assertThat(tiers.multiplier()).isEqualTo(multiplier);
        assertThat(tiers.isHalted()).isEqualTo(multiplier == 0.0);
    }

    @ParameterizedTest(name = "peak {0}")
    @CsvSource({"12345.67", "0.3", "987654321.123", "77777.77"})
    void shouldSwitchTiersAtTheBoundaryWhateverThePeak(double peak) {
        tiers.onEquity(peak);

        assertThat(tiers.onEquity(peak * (1 - 0.02))).isEqualTo(0.5);
        assertThat(tiers.onEquity(peak * (1 - 0.04))).isEqualTo(0.25);
        assertThat(tiers.onEquity(peak * (1 - 0.06))).isEqualTo(0.0);
        assertThat(tiers.onEquity(peak * (1 - 0.0199))).isEqualTo(1.0);
    }

    @Test
    void shouldMeasureDrawdownFromTheRunningPeak() {
        tiers.onEquity(10_000);
        tiers.onEquity(11_000);
        tiers.onEquity(10_450);

        assertThat(tiers.peakEquity()).isEqualTo(11_000);
        assertThat(tiers.equity()).isEqualTo(10_450);
        assertThat(tiers.drawdown()).isCloseTo(0.05, offset(1e-12));
        assertThat(tiers.multiplier()).isEqualTo(0.25);
    }

    @Test
    void shouldRecoverSizeWhenEquityRecovers() {
        tiers.onEquity(10_000);
        tiers.onEquity(9_300);
        assertThat(tiers.isHalted()).isTrue();

        tiers.onEquity(9_900);
        assertThat(tiers.multiplier()).isEqualTo(1.0);
        tiers.onEquity(10_500);
        assertThat(tiers.drawdown()).isZero();
        assertThat(tiers.peakEquity()).isEqualTo(10_500);
    }

    @Test
    void shouldIgnoreEquityThatIsNotFinite() {
        tiers.onEquity(10_000);
        tiers.onEquity(9_700);

        assertThat(tiers.onEquity(Double.NaN)).isEqualTo(0.5);
        assertThat(tiers.onEquity(Double.POSITIVE_INFINITY)).isEqualTo(0.5);
        assertThat(tiers.peakEquity()).isEqualTo(10_000);
        assertThat(tiers.equity()).isEqualTo(9_700);
    }

    @Test
    void shouldRestoreAPersistedPeak() {
        tiers.restorePeak(10_000);
        tiers.onEquity(9_500);

        assertThat(tiers.peakEquity()).isEqualTo(10_000);
        assertThat(tiers.multiplier()).isEqualTo(0.25);
    }

    @Test
    void shouldLetAnOperatorLowerThePeak() {
        tiers.onEquity(10_000);
        tiers.onEquity(9_300);

        tiers.restorePeak(9_300);

        assertThat(tiers.drawdown()).isZero();
        assertThat(tiers.multiplier()).isEqualTo(1.0);
    }

    @Test
    void shouldNeverRestoreAPeakBelowTheCurrentEquity() {
        tiers.onEquity(10_000);
        tiers.restorePeak(5_000);

        assertThat(tiers.peakEquity()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> tiers.restorePeak(Double.NaN));
    }

    @Test
    void shouldFollowConfiguredTiers() {
        final DrawdownTiers custom = new DrawdownTiers(RiskConfigs.with("drawdownTiers", "0.01:0.8, 0.1:0.1"));
        custom.onEquity(1_000);

        assertThat(custom.onEquity(995)).isEqualTo(1.0);
        assertThat(custom.onEquity(990)).isEqualTo(0.8);
        assertThat(custom.onEquity(500)).isEqualTo(0.1);
        assertThat(custom.isHalted()).isFalse();
        assertThat(custom.threshold(1)).isEqualTo(0.1);
        assertThat(custom.tierMultiplier(0)).isEqualTo(0.8);
    }

    @Test
    void shouldNeverScaleWithoutTiers() {
        final DrawdownTiers none = new DrawdownTiers(RiskConfigs.with("drawdownTiers", ""));
        none.onEquity(1_000);

        assertThat(none.onEquity(1)).isEqualTo(1.0);
        assertThat(none.tierCount()).isZero();
    }

    @Test
    void shouldGiveTheMultiplierOfAnyDrawdown() {
        assertThat(tiers.multiplierAt(0.0)).isEqualTo(1.0);
        assertThat(tiers.multiplierAt(0.02)).isEqualTo(0.5);
        assertThat(tiers.multiplierAt(0.039)).isEqualTo(0.5);
        assertThat(tiers.multiplierAt(0.04)).isEqualTo(0.25);
        assertThat(tiers.multiplierAt(0.06)).isEqualTo(0.0);
        assertThat(tiers.multiplierAt(1.5)).isEqualTo(0.0);
    }
}
