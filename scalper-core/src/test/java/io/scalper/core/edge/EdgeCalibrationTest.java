package io.scalper.core.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.testing.Allocations;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeCalibrationTest {
    private static final long S = 1_000_000_000L;

    /** Scores like the fused score's: normal with sd 0.25, clipped to [-1, 1]. */
    private static double score(SplittableRandom random) {
        return Math.max(-1, Math.min(1, 0.25 * random.nextGaussian()));
    }

    @Test
    void shouldExpectNoMoveWithoutSamples() {
        final EdgeCalibration c = new EdgeCalibration(S);
        for (double s = -1; s <= 1; s += 0.05) {
            assertThat(c.expectedMoveBps(s)).isZero();
        }
        assertThat(c.expectedMoveBps(Double.NaN)).isZero();
        assertThat(c.slopeBpsPerScore()).isZero();
    }

    @Test
    void shouldStayNearZeroOnFewSamples() {
        final EdgeCalibration c = new EdgeCalibration(S);
        for (int i = 0; i < 20; i++) {
            c.record(0.5, 50);
        }
        // 20 samples against a prior of 200: the estimate keeps the sign but well under a quarter of the raw mean
        assertThat(c.bucketMeanBps(c.bucketOf(0.5))).isEqualTo(50.0);
        assertThat(c.expectedMoveBps(0.5)).isPositive().isLessThan(0.25 * 50);
    }

    /**
     * Seeded: returns = slope × score + noise (sd 5 bps). After 100,000 samples the estimate is within 0.6 bps of the
     * true line for every |score| ≤ 0.9 (the buckets near 0 hold thousands of samples, standard error under 0.15 bps;
     * the sparse outer ones lean on the pooled slope); with no edge it stays within 0.6 bps of 0.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldConvergeToAnInjectedLinearEdgeAndStayAtZeroWithout(long seed) {
        for (double slope : new double[] {10.0, 0.0, -6.0}) {
            final SplittableRandom random = new SplittableRandom(seed * 31 + (long) slope);
            final EdgeCalibration c = new EdgeCalibration(S);
            for (int i = 0; i < 100_000; i++) {
                final double s = score(random);
                c.record(s, slope * s + 5 * random.nextGaussian());
            }
            for (double s = -0.9; s <= 0.9001; s += 0.1) {
                assertThat(c.expectedMoveBps(s))
                        .as("slope %s at score %.1f", slope, s)
                        .isCloseTo(slope * s, within(0.6));
            }
            assertThat(c.slopeBpsPerScore()).isCloseTo(slope, within(0.3));
        }
    }

    @Test
    void shouldFollowAChangingEdgeWhenForgetting() {
        final SplittableRandom random = new SplittableRandom(9);
        final EdgeCalibration forgetting = new EdgeCalibration(S, 20, 200, 5_000);
        final EdgeCalibration keeping = new EdgeCalibration(S);
        for (int i = 0; i < 100_000; i++) {
            final double s = score(random);
            final double r = (i < 50_000 ? 10 : -10) * s + 5 * random.nextGaussian();
            forgetting.record(s, r);
            keeping.record(s, r);
        }
        assertThat(forgetting.expectedMoveBps(0.3)).isCloseTo(-3, within(0.8));
        assertThat(keeping.expectedMoveBps(0.3)).isCloseTo(0, within(0.8));
        assertThat(forgetting.samples()).isCloseTo(5_000 / Math.log(2), within(10.0));
    }

    @Test
    void shouldPutScoresIntoEqualBucketsOverMinusOneToOne() {
        final EdgeCalibration c = new EdgeCalibration(S);
        assertThat(c.bucketOf(-1)).isZero();
        assertThat(c.bucketOf(-0.95)).isZero();
        assertThat(c.bucketOf(-0.9)).isEqualTo(1);
        assertThat(c.bucketOf(0)).isEqualTo(10);
        assertThat(c.bucketOf(1)).isEqualTo(19);
        assertThat(c.bucketLo(10)).isCloseTo(0, within(1e-12));
        assertThat(c.bucketHi(19)).isEqualTo(1.0);
        c.record(7, 3); // clamped to 1
        c.record(0.2, Double.NaN); // ignored
        assertThat(c.bucketCount(19)).isEqualTo(1.0);
        assertThat(c.samples()).isEqualTo(1.0);
    }

    @Test
    void shouldReadBackWhatItWrote() {
        final SplittableRandom random = new SplittableRandom(4);
        final EdgeCalibration a = new EdgeCalibration(S, 20, 150, 0);
        final EdgeCalibration b = new EdgeCalibration(5 * S, 10, 50, 1_000);
        for (int i = 0; i < 5_000; i++) {
            final double s = score(random);
            a.record(s, 4 * s + random.nextGaussian());
            b.record(s, -2 * s + random.nextGaussian());
        }
        final String text = EdgeCalibration.toJson(List.of(a, b));
        final List<EdgeCalibration> back = EdgeCalibration.parseAll(text);

        assertThat(back).hasSize(2);
        assertThat(back.get(0).sameAs(a, 1e-8)).isTrue();
        assertThat(back.get(1).sameAs(b, 1e-8)).isTrue();
        assertThat(back.get(1).halfLifeSamples()).isEqualTo(1_000);
        assertThat(EdgeCalibration.parse(text, 5 * S).expectedMoveBps(0.4))
                .isCloseTo(b.expectedMoveBps(0.4), within(1e-6));
        assertThat(EdgeCalibration.parseAll(a.toJson()).get(0).buckets()).isEqualTo(20);
        // it goes on learning from where the file left it
        final EdgeCalibration resumed = EdgeCalibration.parse(text, S);
        resumed.record(0.1, 1);
        assertThat(resumed.samples()).isEqualTo(a.samples() + 1);
    }

    @Test
    void shouldRefuseABadFileNamingWhatIsWrong() {
        final String good = new EdgeCalibration(S).toJson();
        assertThatThrownBy(() -> EdgeCalibration.parseAll("{")).hasMessageStartingWith("edge calibration: not JSON: ");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("scalper.edge-calibration", "other")))
                .hasMessage("edge calibration: format: expected \"scalper.edge-calibration\", got other");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"version\":1", "\"version\":2")))
                .hasMessageStartingWith("edge calibration: version: expected 1");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"count\":[0,", "\"count\":[")))
                .hasMessage("edge calibration: calibrations[0].count: expected an array of 20 numbers");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"count\":[0,", "\"count\":[-1,")))
                .hasMessageStartingWith("edge calibration: calibrations[0].count[0]: expected a number >= 0");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"buckets\":20", "\"buckets\":1")))
                .hasMessageStartingWith("edge calibration: calibrations[0].buckets: must be in [2.0, 200.0]");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"priorSamples\":200,", "")))
                .hasMessage("edge calibration: calibrations[0].priorSamples: expected a number, got null");
        assertThatThrownBy(() -> EdgeCalibration.parseAll(good.replace("\"horizon\":", "\"horizonNs\":1,\"horizon\":")))
                .hasMessageStartingWith("edge calibration: not JSON: member 'horizonNs' given twice");
        assertThatThrownBy(() -> EdgeCalibration.parse(good, 2 * S))
                .hasMessage("edge calibration: no calibration for horizon 2s (the file has [1s])");
        assertThatThrownBy(() -> new EdgeCalibration(S, 20, -1, 0)).hasMessageStartingWith("priorSamples:");
    }

    @Test
    void shouldAllocateNothingToRecordOrToExpect() {
        final EdgeCalibration c = new EdgeCalibration(S, 20, 200, 10_000);
        final double[] sink = {0};
        final Runnable pass = () -> {
            for (int i = 0; i < 200_000; i++) {
                final double s = ((i * 37) % 200) / 100.0 - 1;
                c.record(s, s * 3);
                sink[0] += c.expectedMoveBps(-s);
            }
        };
        pass.run();
        final long bytes = Allocations.bytes(pass);

        assertThat(sink[0]).isNotZero();
        assertThat(bytes).as("bytes allocated over 400,000 calls").isLessThan(1024);
    }
}
