package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.scalper.core.model.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionSizerTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final long PRICE_65K_TICKS = 650_000;

    private final PositionSizer sizer = new PositionSizer(RiskConfig.defaults());

    private static PositionSizer sizer(Object... overrides) {
        return new PositionSizer(RiskConfigs.with(overrides));
    }

    @Test
    void shouldValueOneTickOnOneLotAsTickTimesStep() {
        assertThat(PositionSizer.valuePerTickLot(BTC)).isCloseTo(0.0001, offset(1e-18));
    }

    @Test
    void shouldSizeFromRiskThenCapByLeverage() {
        // R = 10,000 × 0.5 % = 50 USDT; a 50-tick stop risks 50 × 0.0001 = 0.005 USDT per lot → 10,000 lots (10 BTC).
        // 10 BTC at 65,000 is 650,000 USDT; leverage 10 allows 100,000 USDT → floor(100,000 / 65) = 1,538 lots.
        final SizingResult r = sizer("maxPositionNotional", 1e12).size(10_000, PRICE_65K_TICKS, 50, BTC, 1.0);

        assertThat(r.accepted()).isTrue();
        assertThat(r.lots()).isEqualTo(1_538);
        assertThat(r.riskAmount()).isCloseTo(1_538 * 50 * 0.0001, offset(1e-9));
        assertThat(BTC.notional(PRICE_65K_TICKS, r.lots())).isLessThanOrEqualTo(100_000);
        assertThat(BTC.notional(PRICE_65K_TICKS, r.lots() + 1)).isGreaterThan(100_000);
    }

    @Test
    void shouldRiskExactlyOneRWhenNoCapBinds() {
        // 500-tick stop = 50 USDT per BTC: 50 USDT of risk buys 1 BTC = 1,000 lots, 65,000 USDT of notional.
        final SizingResult r = sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 1.0);

        assertThat(r.lots()).isEqualTo(1_000);
        assertThat(r.riskAmount()).isCloseTo(50.0, offset(1e-9));
        assertThat(r.refusal()).isNull();
    }

    @Test
    void shouldScaleByTheDrawdownMultiplier() {
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 0.5).lots()).isEqualTo(500);
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 0.25).lots()).isEqualTo(250);
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 0.25).riskAmount())
                .isCloseTo(12.5, offset(1e-9));
    }

    @Test
    void shouldNeverScaleAboveFullSize() {
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 2.0))
                .isEqualTo(sizer.size(10_000, PRICE_65K_TICKS, 500, BTC, 1.0));
    }

    @Test
    void shouldRoundDownToTheStep() {
        // R = 5 USDT, 300-tick stop = 0.03 USDT per lot → 166.67 lots → 166 lots (0.166 BTC), risking 4.98 USDT
        final SizingResult r = sizer.size(1_000, 200_000, 300, BTC, 1.0);

        assertThat(r.lots()).isEqualTo(166);
        assertThat(r.riskAmount()).isCloseTo(4.98, offset(1e-9)).isLessThanOrEqualTo(5.0);
    }

    @Test
    void shouldNotLoseALotToFloatingPointWhenTheDivisionIsExact() {
        // R = 6 × 0.5 % = 0.03 USDT over a 75-tick stop (0.0075 USDT per lot) is exactly 4 lots,
        // but 6 * 0.005 / (75 * 0.0001) evaluates to 3.9999999999999996 in binary floating point
        assertThat(6 * 0.005 / (75 * PositionSizer.valuePerTickLot(BTC))).isLessThan(4.0);

        final SizingResult r = sizer.size(6, 20_000, 75, BTC, 1.0);

        assertThat(r.lots()).isEqualTo(4);
        assertThat(r.riskAmount()).isCloseTo(0.03, offset(1e-12));
    }

    @Test
    void shouldCapByMaxPositionNotional() {
        // floor(50,000 / 65) = 769 lots < leverage cap 1,538 < risk size 10,000
        final SizingResult r = sizer("maxPositionNotional", 50_000.0).size(10_000, PRICE_65K_TICKS, 50, BTC, 1.0);

        assertThat(r.lots()).isEqualTo(769);
        assertThat(r.riskAmount()).isCloseTo(769 * 50 * 0.0001, offset(1e-9));
    }

    @Test
    void shouldRefuseBelowTheMinimumQuantity() {
        // R = 0.5 USDT; a 10,000-tick stop (1,000 USDT per BTC) allows 0.5 lots → 0
        final SizingResult r = sizer.size(100, PRICE_65K_TICKS, 10_000, BTC, 1.0);

        assertThat(r).isEqualTo(SizingResult.refused(RefusalReason.SIZE_BELOW_MINIMUM));
        assertThat(r.lots()).isZero();
        assertThat(r.riskAmount()).isZero();
        assertThat(r.accepted()).isFalse();
    }

    @Test
    void shouldRefuseBelowAMinimumQuantityOfSeveralLotsAndAcceptExactlyAtIt() {
        final Instrument tenLotMinimum = Instrument.of("TESTUSDT", "0.10", "0.001", "0.010", "5");

        // R = 50 USDT: a 50,000-tick stop risks 5 USDT per lot → exactly 10 lots
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 50_000, tenLotMinimum, 1.0)
                        .lots())
                .isEqualTo(10);
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 50_001, tenLotMinimum, 1.0)
                        .refusal())
                .isEqualTo(RefusalReason.SIZE_BELOW_MINIMUM);
    }

    @Test
    void shouldRefuseBelowTheMinimumNotional() {
        // price 1,000 USDT: one lot is worth 1 USDT; R = 0.5 USDT and a 1,250-tick stop allow 4 lots = 4 USDT < 5
        assertThat(sizer.size(100, 10_000, 1_250, BTC, 1.0).refusal()).isEqualTo(RefusalReason.SIZE_BELOW_MIN_NOTIONAL);
        assertThat(sizer.size(100, 10_000, 1_000, BTC, 1.0).accepted()).isTrue();
    }

    @Test
    void shouldRefuseWhenTheMaxPositionCutsTheSizeBelowTheMinimum() {
        assertThat(sizer("maxPositionNotional", 60.0)
                        .size(10_000, PRICE_65K_TICKS, 50, BTC, 1.0)
                        .refusal())
                .isEqualTo(RefusalReason.MAX_POSITION);
    }

    @Test
    void shouldRefuseWhenLeverageCutsTheSizeBelowTheMinimum() {
        assertThat(sizer("maxLeverage", 0.005)
                        .size(10_000, PRICE_65K_TICKS, 50, BTC, 1.0)
                        .refusal())
                .isEqualTo(RefusalReason.MAX_LEVERAGE);
        // one lot (65 USDT) fits leverage 0.01 on 10,000 USDT but misses a 100 USDT minimum notional
        final Instrument bigMinimum = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "100");
        assertThat(sizer("maxLeverage", 0.01)
                        .size(10_000, PRICE_65K_TICKS, 50, bigMinimum, 1.0)
                        .refusal())
                .isEqualTo(RefusalReason.MAX_LEVERAGE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -50, Long.MIN_VALUE})
    void shouldRefuseWithoutAStopDistance(long stopTicks) {
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, stopTicks, BTC, 1.0).refusal())
                .isEqualTo(RefusalReason.NO_STOP_DISTANCE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldRefuseWithoutUsableEquity(double equity) {
        assertThat(sizer.size(equity, PRICE_65K_TICKS, 50, BTC, 1.0).refusal()).isEqualTo(RefusalReason.NO_EQUITY);
    }

    @Test
    void shouldRefuseWithoutAnEntryPrice() {
        assertThat(sizer.size(10_000, 0, 50, BTC, 1.0).refusal()).isEqualTo(RefusalReason.NO_ENTRY_PRICE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN})
    void shouldRefuseWhenTheDrawdownTierHalts(double multiplier) {
        assertThat(sizer.size(10_000, PRICE_65K_TICKS, 50, BTC, multiplier).refusal())
                .isEqualTo(RefusalReason.HALTED_DRAWDOWN);
    }

    @Test
    void shouldReportTheStopDistanceFirstWhenSeveralInputsAreBad() {
        assertThat(sizer.size(0, 0, 0, BTC, 0).refusal()).isEqualTo(RefusalReason.NO_STOP_DISTANCE);
        assertThat(sizer.size(0, 0, 10, BTC, 0).refusal()).isEqualTo(RefusalReason.NO_EQUITY);
        assertThat(sizer.size(1, 0, 10, BTC, 0).refusal()).isEqualTo(RefusalReason.NO_ENTRY_PRICE);
    }
}
