package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EquityCurveTest {
    @Test
    void shouldReportNoDrawdownWhenEmptyOrRising() {
        final EquityCurve c = new EquityCurve();
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.lastEquity()).isNaN();
        assertThat(c.maxDrawdown()).isZero();

        c.add(1, 100);
        c.add(2, 100);
        c.add(3, 120);
        assertThat(c.maxDrawdown()).isZero();
        assertThat(c.maxDrawdownFraction()).isZero();
        assertThat(c.peakEquity()).isEqualTo(120);
        assertThat(c.lastEquity()).isEqualTo(120);
    }

    @Test
    void shouldMeasureTheLargestFallFromARunningPeak() {
        final EquityCurve c = new EquityCurve();
        final double[] equity = {100, 110, 95, 105, 130, 117, 140, 139};
        for (int i = 0; i < equity.length; i++) {
            c.add(i, equity[i]);
        }

        assertThat(c.maxDrawdown()).isEqualTo(15); // 110 → 95
        assertThat(c.maxDrawdownFraction()).isCloseTo(15.0 / 110, within(1e-15));
        assertThat(c.size()).isEqualTo(8);
    }

    @Test
    void shouldTakeAbsoluteAndFractionalMaximaFromDifferentSamples() {
        final EquityCurve c = new EquityCurve();
        c.add(0, 10);
        c.add(1, 5); // 5 down, 50 %
        c.add(2, 100);
        c.add(3, 90); // 10 down, 10 %

        assertThat(c.maxDrawdown()).isEqualTo(10);
        assertThat(c.maxDrawdownFraction()).isEqualTo(0.5);
    }

    @Test
    void shouldIgnoreNonPositivePeaksForTheFraction() {
        final EquityCurve c = new EquityCurve();
        c.add(0, -10);
        c.add(1, -20);

        assertThat(c.maxDrawdown()).isEqualTo(10);
        assertThat(c.maxDrawdownFraction()).isZero();
    }

    @Test
    void shouldKeepTimesNonDecreasingAndGrowPastItsInitialCapacity() {
        final EquityCurve c = new EquityCurve(1);
        c.add(100, 1);
        c.add(90, 2);
        for (int i = 0; i < 100; i++) {
            c.add(200 + i, 3 + i);
        }

        assertThat(c.timeNs(1)).isEqualTo(100);
        assertThat(c.size()).isEqualTo(102);
        assertThat(c.equity(101)).isEqualTo(102);
        assertThatThrownBy(() -> c.equity(102)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> c.add(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCopyACurveThatAlreadyFitsWhenDownsampling() {
        final EquityCurve c = new EquityCurve();
        c.add(1, 10);
        c.add(2, 8);
        c.add(3, 12);

        final EquityCurve d = c.downsample(8);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.equity(1)).isEqualTo(8);
        d.add(4, 0);
        assertThat(c.size()).isEqualTo(3);
        assertThatThrownBy(() -> c.downsample(7)).hasMessageContaining("maxPoints");
    }

    @Test
    void shouldKeepANarrowDrawdownSpikeWhenDownsampling() {
        final EquityCurve c = new EquityCurve();
        for (int i = 0; i < 10_000; i++) {
            c.add(i, 1000 + i * 0.01);
        }
        c.add(10_000, 500); // one-sample crash
        for (int i = 10_001; i < 20_000; i++) {
            c.add(i, 1100 + i * 0.01);
        }

        final EquityCurve d = c.downsample(8);
        assertThat(d.size()).isLessThanOrEqualTo(8);
        assertThat(d.maxDrawdown()).isEqualTo(c.maxDrawdown());
        assertThat(d.timeNs(0)).isZero();
        assertThat(d.timeNs(d.size() - 1)).isEqualTo(19_999);
    }

    static Stream<Arguments> curves() {
        return LongStream.rangeClosed(1, 12).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("curves")
    void shouldPreserveMaxDrawdownAndOrderWhenDownsamplingRandomCurves(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int n = random.nextInt(2, 5_000);
        final EquityCurve c = new EquityCurve(4);
        double equity = 10_000;
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(0, 1_000);
            equity = Math.max(1, equity + random.nextGaussian() * (random.nextDouble() < 0.01 ? 400 : 20));
            c.add(t, equity);
        }
        assertThat(c.maxDrawdown()).isEqualTo(bruteForceMaxDrawdown(c));

        final int maxPoints = random.nextInt(EquityCurve.MIN_DOWNSAMPLE_POINTS, 300);
        final EquityCurve d = c.downsample(maxPoints);
        assertThat(d.size()).isLessThanOrEqualTo(maxPoints).isLessThanOrEqualTo(n);
        assertThat(d.equity(0)).isEqualTo(c.equity(0));
        assertThat(d.lastEquity()).isEqualTo(c.lastEquity());
        assertThat(d.maxDrawdown()).isEqualTo(c.maxDrawdown());
        assertThat(d.maxDrawdownFraction()).isEqualTo(c.maxDrawdownFraction());
        for (int i = 1; i < d.size(); i++) {
            assertThat(d.timeNs(i)).isGreaterThanOrEqualTo(d.timeNs(i - 1));
        }
        assertThat(c.downsample(maxPoints).toString()).isEqualTo(d.toString());
    }

    private static double bruteForceMaxDrawdown(EquityCurve c) {
        double max = 0;
        for (int j = 0; j < c.size(); j++) {
            for (int i = 0; i <= j; i++) {
                max = Math.max(max, c.equity(i) - c.equity(j));
            }
        }
        return max;
    }
}
