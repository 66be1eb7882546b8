package io.scalper.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void shouldRankTiesByTheirAverageRank() {
        assertThat(Stats.ranks(new double[] {3, 1, 3, 2, -0.0, 0.0}, 6)).containsExactly(5.5, 3.0, 5.5, 4.0, 1.5, 1.5);
    }

    @Test
    void shouldComputeSpearmanLikeThePearsonCorrelationOfRanks() {
        final double[] x = {1, 2, 3, 4, 5};
        assertThat(Stats.spearman(x, new double[] {10, 20, 30, 40, 1000}, 5)).isCloseTo(1, within(1e-12));
        assertThat(Stats.spearman(x, new double[] {5, 4, 3, 2, 1}, 5)).isCloseTo(-1, within(1e-12));
        // ranks of y: 1, 3, 2, 5, 4 -> d² = 0+1+1+1+1 = 4, rho = 1 - 6·4 / (5·24) = 0.8
        assertThat(Stats.spearman(x, new double[] {1, 3, 2, 5, 4}, 5)).isCloseTo(0.8, within(1e-12));
        assertThat(Stats.spearman(x, new double[] {7, 7, 7, 7, 7}, 5)).isNaN();
        assertThat(Stats.spearman(x, x, 2)).isNaN();
    }

    @Test
    void shouldGiveTheClassicTStatisticWhenSamplesDoNotOverlap() {
        final SplittableRandom random = new SplittableRandom(1);
        final int n = 400;
        final long[] times = new long[n];
        final double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            times[i] = i * 1_000L;
            x[i] = 0.3 + random.nextGaussian();
            sum += x[i];
        }
        final double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        final double classic = mean / Math.sqrt(ss / n / n);
        // a bandwidth no wider than the spacing: no pair is weighted, Newey-West is the classic (population) t
        assertThat(Stats.neweyWestT(times, x, n, 1_000L, 1_000L)).isCloseTo(classic, within(1e-9));
    }

    @Test
    void shouldWidenTheStandardErrorOfOverlappingSums() {
        // x_i = sum of 8 consecutive iid shocks: overlapping windows, as forward returns over 8 sampling steps
        final SplittableRandom random = new SplittableRandom(2);
        final int n = 20_000;
        final double[] shocks = new double[n + 8];
        for (int i = 0; i < shocks.length; i++) {
            shocks[i] = random.nextGaussian();
        }
        final long[] times = new long[n];
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i;
            for (int k = 0; k < 8; k++) {
                x[i] += shocks[i + k];
            }
        }
        final double overlapAware = Stats.neweyWestT(times, x, n, 16, 8);
        final double naive = Stats.neweyWestT(times, x, n, 1, 8);
        // the naive t is about √8 times too large (a bandwidth of twice the overlap gets the variance within ~15 %)
        assertThat(Math.abs(naive / overlapAware)).isCloseTo(Math.sqrt(8), within(0.6));
        assertThat(Math.abs(overlapAware)).isLessThan(4);
    }

    @Test
    void shouldReportNoTStatisticOnFewerThanTenIndependentWindows() {
        final long[] times = new long[200];
        final double[] x = new double[200];
        for (int i = 0; i < 200; i++) {
            times[i] = i * 250L; // 50 s of samples
            x[i] = 1 + (i % 3);
        }
        assertThat(Stats.independentWindows(times, 200, 30_000L)).isEqualTo(2);
        assertThat(Stats.neweyWestT(times, x, 200, 60_000L, 30_000L)).isNaN();
        assertThat(Stats.neweyWestT(times, x, 200, 2_000L, 1_000L)).isFinite();
    }

    @Test
    void shouldTakeTheMedian() {
        assertThat(Stats.median(new double[] {3, 1, 2, 100}, 3)).isEqualTo(2);
        assertThat(Stats.median(new double[] {4, 1, 3, 2}, 4)).isEqualTo(2.5);
        assertThat(Stats.median(new double[0], 0)).isNaN();
    }
}
