package io.scalper.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveWeightsTest {
    private static final long MS = 1_000_000L;

    /**
     * A random-walk mid known in advance: signal 0 always names the next horizon's move, signal 1 always the opposite,
     * signal 2 is noise, signal 3 is silent.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 99, 2024})
    void shouldMoveWeightsTowardTheRightSignalAndAwayFromTheWrongOneWithinBounds(long seed) {
        final FusionConfig.Adaptive cfg = FusionConfig.Adaptive.defaults();
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {0.25, 0.25, 0.25, 0.25}, cfg);
        final SplittableRandom random = new SplittableRandom(seed);
        final int steps = 4_000;
        final long stepNs = 50 * MS;
        final double[] mids = new double[steps + 100];
        mids[0] = 1000;
        for (int i = 1; i < mids.length; i++) {
            mids[i] = mids[i - 1] + (random.nextInt(3) - 1);
        }
        final int horizonSteps = (int) (cfg.horizonNs() / stepNs);
        final double[] scores = new double[4];
        long resolvedAtSeparation = -1;
        for (int i = 0; i < steps; i++) {
            final double future = mids[i + horizonSteps] - mids[i];
            scores[0] = Math.signum(future);
            scores[1] = -Math.signum(future);
            scores[2] = random.nextDouble() * 2 - 1;
            scores[3] = 0;
            w.observe(i * stepNs, mids[i], scores);
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                assertThat(w.multiplier(k)).isBetween(cfg.floor(), cfg.cap());
                sum += w.weight(k);
            }
            assertThat(sum).isCloseTo(1.0, offset(1e-9));
            if (resolvedAtSeparation < 0 && w.multiplier(0) == cfg.cap() && w.multiplier(1) == cfg.floor()) {
                resolvedAtSeparation = w.resolved();
            }
        }
        assertThat(w.edge(0)).isGreaterThan(0.9);
        assertThat(w.edge(1)).isLessThan(-0.9);
        assertThat(Math.abs(w.edge(2))).isLessThan(0.3);
        assertThat(w.weight(0)).isGreaterThan(w.weight(2)).isGreaterThan(w.weight(1));
        assertThat(w.weight(0) / w.weight(1)).isCloseTo(cfg.cap() / cfg.floor(), offset(1e-9));
        // with smoothing 0.02 and gain 2 the edge needs ~35 resolved horizons to reach ±0.5
        assertThat(resolvedAtSeparation).isBetween((long) cfg.minSamples(), 100L);
    }

    @Test
    void shouldKeepBaseWeightsUntilEnoughSamplesResolveOrWhenDisabled() {
        final FusionConfig.Adaptive off = new FusionConfig.Adaptive(false, 2_000 * MS, 250 * MS, 0.02, 2, 0.5, 2, 20);
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {3, 1}, off);
        for (int i = 0; i < 1000; i++) {
            w.observe(i * 100 * MS, 1000 + i, new double[] {1, -1});
        }
        assertThat(w.weight(0)).isEqualTo(0.75);
        assertThat(w.resolved()).isZero();

        final AdaptiveWeights early = new AdaptiveWeights(new double[] {3, 1}, FusionConfig.Adaptive.defaults());
        for (int i = 0; i < 40; i++) { // 4 s of samples: only ~8 horizons resolved
            early.observe(i * 100 * MS, 1000 + i, new double[] {1, -1});
        }
        assertThat(early.resolved()).isPositive().isLessThan(20);
        assertThat(early.weight(0)).isEqualTo(0.75);
    }

    @Test
    void shouldSkipHorizonsWithoutAMoveAndIgnoreUnknownMids() {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {1, 1}, FusionConfig.Adaptive.defaults());
        for (int i = 0; i < 100; i++) {
            w.observe(i * 250 * MS, 1000, new double[] {1, -1});
            w.observe(i * 250 * MS + 1, Double.NaN, new double[] {1, -1});
        }
        assertThat(w.resolved()).isZero();
        assertThat(w.skipped()).isPositive();
        assertThat(w.edge(0)).isZero();
    }
}
