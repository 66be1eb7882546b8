package io.scalper.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DownsampleTest {
    @Test
    void shouldKeepEverySampleWhenTheSeriesFits() {
        assertThat(Downsample.indices(new double[] {3, 1, 2}, 4)).containsExactly(0, 1, 2);
        assertThat(Downsample.indices(new double[0], 4)).isEmpty();
    }

    @Test
    void shouldBoundTheCountAndKeepEndsAndExtremes() {
        final SplittableRandom random = new SplittableRandom(1);
        final double[] values = new double[100_003];
        double v = 0;
        for (int i = 0; i < values.length; i++) {
            v += random.nextDouble(-1, 1);
            values[i] = v;
        }
        values[54_321] = 1e6;
        values[54_322] = -1e6;

        final int[] kept = Downsample.indices(values, 2_000);

        assertThat(kept.length).isBetween(1_000, 2_000);
        assertThat(kept).startsWith(0).endsWith(values.length - 1).contains(54_321, 54_322);
        for (int k = 1; k < kept.length; k++) {
            assertThat(kept[k]).isGreaterThan(kept[k - 1]);
        }
    }

    @Test
    void shouldKeepEachBucketsLowAndHigh() {
        // the two ends, then 3 buckets of 4: [5 9 1 5] keeps 9 and 1, the flat [5 5 5 5] its first, [7 2 5 5] 7 and 2
        final double[] values = {0, 5, 9, 1, 5, 5, 5, 5, 5, 7, 2, 5, 5, 0};

        assertThat(Downsample.indices(values, 8)).containsExactly(0, 2, 3, 5, 9, 10, 13);
    }

    @Test
    void shouldRejectTooFewPoints() {
        assertThatThrownBy(() -> Downsample.indices(new double[10], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPoints");
    }
}
