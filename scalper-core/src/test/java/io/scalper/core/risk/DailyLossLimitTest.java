package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DailyLossLimitTest {
    private static final long S = 1_000_000_000L;
    /** 2026-01-02T00:00:00Z. */
    private static final long MIDNIGHT_NS = 1_767_312_000L * S;

    private static final long EVENING_NS = MIDNIGHT_NS - 3_600 * S;
    private static final double R = 50.0;

    private final DailyLossLimit limit = new DailyLossLimit(RiskConfig.defaults());

    @Test
    void shouldComputeTheUtcDayLikeJavaTime() {
        assertThat(DailyLossLimit.utcDay(MIDNIGHT_NS))
                .isEqualTo(LocalDate.of(2026, 1, 2).toEpochDay())
                .isEqualTo(LocalDate.ofInstant(Instant.ofEpochSecond(1_767_312_000L), ZoneOffset.UTC)
                        .toEpochDay());
        assertThat(DailyLossLimit.utcDay(MIDNIGHT_NS - 1))
                .isEqualTo(LocalDate.of(2026, 1, 1).toEpochDay());
        assertThat(DailyLossLimit.utcDay(-1)).isEqualTo(-1);
        assertThat(DailyLossLimit.utcDay(0)).isZero();
    }

    @Test
    void shouldTripAtExactlyTenR() {
        for (int i = 0; i < 9; i++) {
            assertThat(limit.onRealized(-R, R, EVENING_NS + i * S)).isFalse();
        }
        assertThat(limit.isTripped()).isFalse();
        assertThat(limit.realisedTodayR(R)).isEqualTo(-9.0);

        assertThat(limit.onRealized(-R, R, EVENING_NS + 10 * S)).isTrue();

        assertThat(limit.isTripped()).isTrue();
        assertThat(limit.realisedToday()).isEqualTo(-500.0);
        assertThat(limit.trippedNs()).isEqualTo(EVENING_NS + 10 * S);
        assertThat(limit.lossLimit(R)).isEqualTo(500.0);
    }

    @Test
    void shouldNotTripJustShortOfTenR() {
        limit.onRealized(-499.99, R, EVENING_NS);

        assertThat(limit.isTripped()).isFalse();
    }

    @Test
    void shouldTripOnTenRReachedThroughAwkwardDecimals() {
        // 0.1 USDT R: a hundred losses of 0.01 sum to 0.9999999999999999 in binary floating point
        for (int i = 0; i < 100; i++) {
            limit.onRealized(-0.01, 0.1, EVENING_NS + i);
        }

        assertThat(limit.isTripped()).isTrue();
    }

    @Test
    void shouldNetWinsAgainstLosses() {
        limit.onRealized(-400, R, EVENING_NS);
        limit.onRealized(+150, R, EVENING_NS + S);
        limit.onRealized(-200, R, EVENING_NS + 2 * S);

        assertThat(limit.realisedToday()).isEqualTo(-450.0);
        assertThat(limit.isTripped()).isFalse();
    }

    @Test
    void shouldStayTrippedForTheRestOfTheDayWhateverFollows() {
        limit.onRealized(-600, R, EVENING_NS);
        assertThat(limit.onRealized(+1_000, R, EVENING_NS + S)).isFalse();

        assertThat(limit.onTime(MIDNIGHT_NS - 1)).isFalse();
        assertThat(limit.isTripped()).isTrue();
        assertThat(limit.realisedToday()).isEqualTo(400.0);
    }

    @Test
    void shouldResetAtUtcMidnightAndReportTheRelease() {
        limit.onRealized(-600, R, EVENING_NS);

        assertThat(limit.onTime(MIDNIGHT_NS)).isTrue();

        assertThat(limit.isTripped()).isFalse();
        assertThat(limit.realisedToday()).isZero();
        assertThat(limit.utcDay()).isEqualTo(DailyLossLimit.utcDay(MIDNIGHT_NS));
        assertThat(limit.onTime(MIDNIGHT_NS + S)).isFalse();
    }

    @Test
    void shouldStartTheNewDaysTotalWithTheFirstResultAfterMidnight() {
        limit.onRealized(-300, R, MIDNIGHT_NS - 1);
        limit.onRealized(-300, R, MIDNIGHT_NS);

        assertThat(limit.realisedToday()).isEqualTo(-300.0);
        assertThat(limit.isTripped()).isFalse();
    }

    @Test
    void shouldNotRollBackwardsWhenTimeGoesBack() {
        limit.onRealized(-100, R, MIDNIGHT_NS + S);
        limit.onRealized(-100, R, MIDNIGHT_NS - S);

        assertThat(limit.utcDay()).isEqualTo(DailyLossLimit.utcDay(MIDNIGHT_NS));
        assertThat(limit.realisedToday()).isEqualTo(-200.0);
    }

    @Test
    void shouldStayTrippedAfterARestartOnTheSameDay() {
        limit.onRealized(-600, R, EVENING_NS);
        final DailyLossLimit.State saved = limit.state();

        final DailyLossLimit restarted = new DailyLossLimit(RiskConfig.defaults());
        assertThat(restarted.restore(saved, MIDNIGHT_NS - 1)).isTrue();

        assertThat(restarted.isTripped()).isTrue();
        assertThat(restarted.realisedToday()).isEqualTo(-600.0);
        assertThat(restarted.state()).isEqualTo(saved);
    }

    @Test
    void shouldKeepTheDaysLossesAfterARestartOnTheSameDay() {
        limit.onRealized(-450, R, EVENING_NS);

        final DailyLossLimit restarted = new DailyLossLimit(RiskConfig.defaults());
        restarted.restore(limit.state(), EVENING_NS + 60 * S);

        assertThat(restarted.onRealized(-50, R, EVENING_NS + 120 * S)).isTrue();
    }

    @Test
    void shouldStartAFreshDayWhenRestoredOnALaterUtcDay() {
        limit.onRealized(-600, R, EVENING_NS);
        final DailyLossLimit.State saved = limit.state();

        final DailyLossLimit restarted = new DailyLossLimit(RiskConfig.defaults());
        assertThat(restarted.restore(saved, MIDNIGHT_NS)).isFalse();

        assertThat(restarted.isTripped()).isFalse();
        assertThat(restarted.realisedToday()).isZero();
        assertThat(restarted.state())
                .isEqualTo(new DailyLossLimit.State(DailyLossLimit.utcDay(MIDNIGHT_NS), 0.0, false));
    }

    @Test
    void shouldExportTheStateOfAFreshLimit() {
        assertThat(limit.state()).isEqualTo(new DailyLossLimit.State(DailyLossLimit.NO_DAY, 0.0, false));
        limit.onTime(EVENING_NS);
        assertThat(limit.state().utcDay()).isEqualTo(DailyLossLimit.utcDay(EVENING_NS));
    }

    @Test
    void shouldRejectBadInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> limit.onRealized(-1, 0, EVENING_NS));
        assertThatIllegalArgumentException().isThrownBy(() -> limit.onRealized(-1, Double.NaN, EVENING_NS));
        assertThatIllegalArgumentException().isThrownBy(() -> limit.onRealized(Double.NaN, R, EVENING_NS));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DailyLossLimit.State(1, Double.POSITIVE_INFINITY, false))
                .withMessageStartingWith("daily loss state: realisedToday");
    }

    @Test
    void shouldTripAtAConfiguredNumberOfR() {
        final DailyLossLimit three = new DailyLossLimit(RiskConfigs.with("dailyLossR", 3.0));

        assertThat(three.onRealized(-149, R, EVENING_NS)).isFalse();
        assertThat(three.onRealized(-1, R, EVENING_NS + S)).isTrue();
    }
}
