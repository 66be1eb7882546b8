package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyModelTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void logNormalShouldCentreOnItsMedianHaveARightTailAndRepeatForASeed(long seed) {
        final LatencyModel a = LatencyModel.logNormal(5_000_000, 2_000_000, 0.5, seed);
        final LatencyModel b = LatencyModel.logNormal(5_000_000, 2_000_000, 0.5, seed);
        final long[] entries = new long[20_001];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = a.entryNs(0);
            assertThat(b.entryNs(0)).isEqualTo(entries[i]);
        }
        Arrays.sort(entries);
        final long median = entries[entries.length / 2];
        assertThat(median).isBetween(4_700_000L, 5_300_000L);
        final long p99 = entries[(int) (entries.length * 0.99)];
        // exp(0.5 * 2.326) = 3.2 times the median
        assertThat(p99).isBetween(14_000_000L, 18_000_000L);
        assertThat(entries[0]).isPositive();
        assertThat(a.responseNs(0)).isPositive();
    }

    @Test
    void recordedShouldReplayTheMeasurementsInOrderAndWrapAround() {
        final LatencyModel m = LatencyModel.recorded(new long[] {3, 1, 4}, new long[] {7, 9});
        assertThat(new long[] {m.entryNs(0), m.entryNs(0), m.entryNs(0), m.entryNs(0)})
                .containsExactly(3, 1, 4, 3);
        assertThat(new long[] {m.responseNs(0), m.responseNs(0), m.responseNs(0)})
                .containsExactly(7, 9, 7);
        assertThatThrownBy(() -> LatencyModel.recorded(new long[0], new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyModel.recorded(new long[] {-1}, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyModel.logNormal(0, 1, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
