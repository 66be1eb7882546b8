package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportDataTest {
    private static final PerformanceStats STATS =
            PerformanceStats.of(List.of(), 100, new ExecutionCounts(), Map.of("cooldown", 3L), 0);

    @Test
    void shouldDefaultToTheStatisticsRefusalsAndNoSeries() {
        final ReportData data = ReportData.builder("t", STATS).build();

        assertThat(data.refusals()).containsExactly(Map.entry("cooldown", 3L));
        assertThat(data.trades()).isEmpty();
        assertThat(data.priceCount()).isZero();
        assertThat(data.equityCurve().isEmpty()).isTrue();
        assertThat(data.tickSize()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void shouldRejectPriceArraysOfDifferentLength() {
        assertThatThrownBy(() -> ReportData.builder("t", STATS).prices(new long[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 times but 3 prices");
    }

    @Test
    void shouldRejectDecreasingTimesAndNonFinitePrices() {
        assertThatThrownBy(() -> ReportData.builder("t", STATS).prices(new long[] {5, 4}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time 1");
        assertThatThrownBy(() -> ReportData.builder("t", STATS).prices(new long[] {1, 2}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price 1");
    }

    @Test
    void shouldRejectNullsAndNonPositiveTickSize() {
        assertThatThrownBy(() -> ReportData.builder(null, STATS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReportData.builder("t", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReportData.builder("t", STATS).tickSize(BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        final Map<String, Long> withNull = new HashMap<>();
        withNull.put("gate", null);
        assertThatThrownBy(
                        () -> ReportData.builder("t", STATS).refusals(withNull).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("gate");
    }

    @Test
    void shouldReturnCopiesOfItsArrays() {
        final ReportData data = ReportData.builder("t", STATS)
                .prices(new long[] {1, 2}, new double[] {10, 11})
                .build();

        data.pricesTicks()[0] = 99;
        data.priceTimesNs()[0] = 99;

        assertThat(data.pricesTicks()).containsExactly(10, 11);
        assertThat(data.priceTimesNs()).containsExactly(1, 2);
    }
}
