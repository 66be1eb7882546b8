package io.scalper.core.tape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeHistogramTest {

    @Test
    void shouldRepresentSizesExactlyWhenBelowThirtyTwo() {
        for (long size = 1; size < 32; size++) {
            assertThat(SizeHistogram.representative(SizeHistogram.bucketOf(size)))
                    .isEqualTo(size);
        }
    }

    @Test
    void shouldStayWithinOneThirtySecondWhenSizesAreSmall() {
        int previous = 0;
        for (long size = 1; size <= 200_000; size++) {
            final int bucket = SizeHistogram.bucketOf(size);
            assertThat(bucket).isBetween(previous, previous + 1);
            assertThat(Math.abs(SizeHistogram.representative(bucket) - size)).isLessThanOrEqualTo(size >>> 5);
            previous = bucket;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void shouldStayWithinOneThirtySecondWhenSizesSpanTheLongRange(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            final long size = random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(63);
            final long sizeLots = Math.max(1, size);
            final int bucket = SizeHistogram.bucketOf(sizeLots);
            assertThat(bucket).isBetween(0, SizeHistogram.BUCKET_COUNT - 1);
            assertThat(Math.abs(SizeHistogram.representative(bucket) - sizeLots))
                    .isLessThanOrEqualTo(sizeLots >>> 5);
        }
        assertThat(SizeHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(SizeHistogram.BUCKET_COUNT - 1);
        assertThat(SizeHistogram.representative(SizeHistogram.BUCKET_COUNT - 1)).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"0.95, 100, 95", "0.5, 4, 2", "0.5, 5, 3", "0.01, 10, 1", "0.999, 10, 10", "0.99, 1, 1", "0.1, 10, 1"})
    void shouldUseNearestRankWhenRankingQuantiles(double q, long n, long rank) {
        assertThat(SizeHistogram.rank(q, n)).isEqualTo(rank);
    }

    @Test
    void shouldReturnNoneWhenEmptiedAgain() {
        final SizeHistogram histogram = new SizeHistogram();
        histogram.add(5);
        histogram.add(1_000);
        assertThat(histogram.quantile(0.5)).isEqualTo(5);
        assertThat(histogram.quantile(0.99)).isEqualTo(SizeHistogram.representative(SizeHistogram.bucketOf(1_000)));

        histogram.remove(1_000);
        histogram.remove(5);

        assertThat(histogram.total()).isZero();
        assertThat(histogram.quantile(0.5)).isEqualTo(TradeTape.NONE);
    }
}
