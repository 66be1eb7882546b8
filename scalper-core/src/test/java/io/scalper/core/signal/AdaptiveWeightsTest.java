package io.scalper.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveWeightsTest {
    private static final long MS = 1_000_000L;

    /** The default rule on a 2 s horizon, so that a test needs few steps. */
    private static final FusionConfig.Adaptive CFG =
            new FusionConfig.Adaptive(true, 2_000 * MS, 250 * MS, 0.02, 10.0, 0.1, 10.0, 50, 0.2);

    /** A random walk of the mid around 1000, one tick (0.1) steps. */
    private static double[] walk(SplittableRandom random, int steps) {
        final double[] mids = new double[steps];
        mids[0] = 1000;
        for (int i = 1; i < steps; i++) {
            mids[i] = mids[i - 1] + 0.1 * (random.nextInt(3) - 1);
        }
        return mids;
    }

    /**
     * A random-walk mid known in advance: signal 0 always names the next horizon's move, signal 1 always the opposite,
     * signal 2 is noise, signal 3 is silent.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 99, 2024})
    void shouldMoveWeightsTowardTheRightSignalAndAwayFromTheWrongOneWithinBounds(long seed) {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {0.25, 0.25, 0.25, 0.25}, CFG);
        final SplittableRandom random = new SplittableRandom(seed);
        final int steps = 4_000;
        final long stepNs = 50 * MS;
        final int horizonSteps = (int) (CFG.horizonNs() / stepNs);
        final double[] mids = walk(random, steps + horizonSteps + 1);
        final double[] scores = new double[4];
        for (int i = 0; i < steps; i++) {
            final double future = mids[i + horizonSteps] - mids[i];
            scores[0] = Math.signum(future);
            scores[1] = -Math.signum(future);
            scores[2] = random.nextDouble() * 2 - 1;
            scores[3] = 0;
            w.observe(i * stepNs, mids[i], scores);
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                assertThat(w.multiplier(k)).isBetween(Math.min(1.0, CFG.floor()), CFG.cap());
                sum += w.weight(k);
            }
            assertThat(sum).isCloseTo(1.0, offset(1e-9));
            if (w.samples(0) < CFG.minSamples()) {
                assertThat(w.multiplier(0)).as("before its own minSamples").isEqualTo(1.0);
            }
        }
        assertThat(w.edge(0)).isGreaterThan(0.9);
        assertThat(w.edge(1)).isLessThan(-0.9);
        assertThat(Math.abs(w.edge(2))).isLessThan(0.3);
        assertThat(w.samples(3)).as("a silent signal is never judged").isZero();
        assertThat(w.multiplier(3)).isEqualTo(1.0);
        assertThat(w.multiplier(0)).isEqualTo(CFG.cap());
        assertThat(w.multiplier(1)).isEqualTo(CFG.floor());
        assertThat(w.weight(0)).isGreaterThan(w.weight(3)).isGreaterThan(w.weight(1));
        assertThat(w.weight(0)).isGreaterThan(w.weight(2));
        assertThat(w.weight(0) / w.weight(1)).isCloseTo(CFG.cap() / CFG.floor(), offset(1e-9));
    }

    /**
     * A signal that speaks one sample in twenty and is then always right is judged by what it said: its edge is that
     * of its active samples, not diluted by its silences (as an EWMA over every sample would make it), so it outweighs
     * a signal that always speaks at random.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 8, 13})
    void shouldJudgeARareSignalByWhatItSaidNotByItsSilences(long seed) {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {0.2, 0.8}, CFG);
        final SplittableRandom random = new SplittableRandom(seed);
        final int steps = 40_000;
        final long stepNs = 250 * MS;
        final int horizonSteps = (int) (CFG.horizonNs() / stepNs);
        final double[] mids = walk(random, steps + horizonSteps + 1);
        for (int i = 0; i < steps; i++) {
            final double future = mids[i + horizonSteps] - mids[i];
            final double rare = random.nextInt(20) == 0 ? Math.signum(future) : 0.0;
            w.observe(i * stepNs, mids[i], new double[] {rare, random.nextDouble() * 2 - 1});
        }
        assertThat(w.samples(0)).isBetween(CFG.minSamples() + 1L, (long) (steps / 20 * 1.3));
        // the noise is active 80 % of the time; horizons without a move (about a fifth) are not judged
        assertThat(w.samples(1)).isGreaterThan(steps / 2L);
        assertThat(w.edge(0)).isGreaterThan(0.9);
        assertThat(w.weight(0)).isGreaterThan(0.8);
    }

    /**
     * The edge weighs each hit by the size of the move: a signal right on every large move and wrong on every small one
     * has a positive edge although it is right only half the time.
     */
    @Test
    void shouldWeighHitsByTheSizeOfTheMove() {
        final FusionConfig.Adaptive cfg =
                new FusionConfig.Adaptive(true, 1_000 * MS, 1_000 * MS, 0.02, 10, 0.1, 10, 10, 0.2);
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {1, 1}, cfg);
        double mid = 1000;
        for (int i = 0; i < 400; i++) {
            final boolean large = i % 2 == 0;
            final double move = (large ? 5.0 : 0.5) * (i % 4 < 2 ? 1 : -1);
            // signal 0: right on the large moves, wrong on the small ones; signal 1: the other way round
            final double s0 = large ? Math.signum(move) : -Math.signum(move);
            w.observe(i * 1_000 * MS, mid, new double[] {s0, -s0});
            mid += move;
        }
        // each sample: +-1 x move; large 5 and small 0.5 in turn: (5 - 0.5) / (5 + 0.5)
        assertThat(w.edge(0)).isCloseTo(4.5 / 5.5, offset(0.05));
        assertThat(w.edge(1)).isCloseTo(-4.5 / 5.5, offset(0.05));
        assertThat(w.moveBps(0)).isCloseTo(2.75 / 1000 * 1e4, offset(1.0));
        assertThat(w.weight(0)).isGreaterThan(w.weight(1));
    }

    @Test
    void shouldKeepBaseWeightsUntilEnoughSamplesResolveOrWhenDisabled() {
        final FusionConfig.Adaptive off =
                new FusionConfig.Adaptive(false, 2_000 * MS, 250 * MS, 0.02, 2, 0.5, 2, 20, 0.2);
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {3, 1}, off);
        for (int i = 0; i < 1000; i++) {
            w.observe(i * 100 * MS, 1000 + i, new double[] {1, -1});
        }
        assertThat(w.weight(0)).isEqualTo(0.75);
        assertThat(w.resolved()).isZero();

        final AdaptiveWeights early = new AdaptiveWeights(new double[] {3, 1}, CFG);
        for (int i = 0; i < 120; i++) { // 12 s of samples every 250 ms: ~40 horizons resolved, fewer than 50
            early.observe(i * 100 * MS, 1000 + i, new double[] {1, -1});
        }
        assertThat(early.resolved()).isPositive().isLessThan(CFG.minSamples());
        assertThat(early.edge(0)).as("learning already").isGreaterThan(0.9);
        assertThat(early.weight(0)).as("but not yet weighing").isEqualTo(0.75);
    }

    @Test
    void shouldSkipHorizonsWithoutAMoveAndIgnoreUnknownMids() {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {1, 1}, CFG);
        for (int i = 0; i < 100; i++) {
            w.observe(i * 250 * MS, 1000, new double[] {1, -1});
            w.observe(i * 250 * MS + 1, Double.NaN, new double[] {1, -1});
        }
        assertThat(w.resolved()).isZero();
        assertThat(w.skipped()).isPositive();
        assertThat(w.edge(0)).isZero();
        assertThat(w.samples(0)).isZero();
    }

    @Test
    void shouldNotJudgeSamplesBelowTheActiveScore() {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {1, 1}, CFG);
        for (int i = 0; i < 400; i++) {
            w.observe(i * 250 * MS, 1000 + i, new double[] {0.19, 0.2});
        }
        assertThat(w.resolved()).isPositive();
        assertThat(w.samples(0)).isZero();
        assertThat(w.samples(1)).isEqualTo(w.resolved());
        assertThat(w.edge(1)).isCloseTo(0.2, offset(1e-9));
    }

    @Test
    void shouldRestoreWhatWasLearnedAndGoOnLearningFromIt() {
        final AdaptiveWeights w = new AdaptiveWeights(new double[] {1, 1}, CFG);
        w.restore(new double[] {0.5, -0.5}, new long[] {100, 100}, new double[] {10, 10}, 100);
        assertThat(w.multiplier(0)).isEqualTo(5.0);
        assertThat(w.multiplier(1)).isEqualTo(CFG.floor());
        // a further sample where both were right on a 10 bps move: each edge moves by smoothing toward +-1
        w.observe(0, 1000, new double[] {1, 1});
        w.observe(CFG.horizonNs(), 1001, new double[] {0, 0});
        assertThat(w.edge(0)).isCloseTo((0.5 * 10 + 0.02 * (10 - 0.5 * 10)) / 10, offset(1e-9));
        assertThatThrownBy(() -> w.restore(new double[] {2, 0}, new long[] {1, 1}, new double[] {1, 1}, 1))
                .hasMessageContaining("edge must be in [-1, 1]");
        assertThatThrownBy(() -> w.restore(new double[] {0, 0}, new long[] {-1, 1}, new double[] {1, 1}, 1))
                .hasMessageContaining("sample count");
        assertThatThrownBy(() -> w.restore(new double[] {0, 0}, new long[] {1, 1}, new double[] {Double.NaN, 1}, 1))
                .hasMessageContaining("move");
    }
}
