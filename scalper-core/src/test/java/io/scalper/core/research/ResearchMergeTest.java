package io.scalper.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.edge.EdgeCalibration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Research merged from parts equals research over their concatenation, exactly: the per-horizon statistics are
 * recomputed over the pooled decisions, not averaged per part.
 */
class ResearchMergeTest {
    private static final long MINUTE = 60_000_000_000L;

    private static ResearchResult research(long seed, long durationNs) throws IOException {
        return ResearchRunner.builder()
                .source(GeneratedSource.rich(seed, durationNs))
                .description("seed " + seed)
                .build()
                .run();
    }

    /** Every statistic and calibration of {@code a} and {@code b} are the same numbers (bit for bit, NaN = NaN). */
    private static void assertSameStatistics(ResearchResult a, ResearchResult b) {
        assertThat(b.samples()).isEqualTo(a.samples());
        assertThat(b.signalNames()).isEqualTo(a.signalNames());
        for (String s : a.signalNames()) {
            for (int h = 0; h < a.horizonsNs().size(); h++) {
                assertThat(b.stats(s, h))
                        .as(s + " at " + a.horizonLabels().get(h))
                        .isEqualTo(a.stats(s, h));
            }
        }
        assertThat(EdgeCalibration.toJson(b.calibrations())).isEqualTo(EdgeCalibration.toJson(a.calibrations()));
        assertThat(b.medianSpreadBps()).isEqualTo(a.medianSpreadBps());
        assertThat(b.costs()).isEqualTo(a.costs());
        assertThat(b.decisionTimesNs()).isEqualTo(a.decisionTimesNs());
        assertThat(b.toJson().replace(b.source(), "")).isEqualTo(a.toJson().replace(a.source(), ""));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.37, 0.5, 0.93})
    void shouldGiveBackOneReplayWhenItsDecisionsAreSplitAndMerged(double at) throws IOException {
        final ResearchResult whole = research(3, 4 * MINUTE);
        final ResearchSamples d = whole.decisions();
        final int k = (int) (d.samples() * at);
        // two consecutive slices: the IC ranks, the Newey–West pairs across the cut and the calibration's order matter
        final ResearchResult merged = ResearchResult.merge(
                List.of(d.slice(0, k).result(), d.slice(k, d.samples()).result()), "two");

        assertSameStatistics(whole, merged);
        assertThat(merged.source()).isEqualTo("two");
    }

    @Test
    void shouldPoolTheDecisionsOfSeparateReplaysNotAverageTheirStatistics() throws IOException {
        final ResearchResult a = research(1, 3 * MINUTE);
        final ResearchResult b = research(2, 2 * MINUTE);

        final ResearchResult merged = ResearchResult.merge(List.of(a, b), "a+b");

        // the concatenation: every decision of a, then every decision of b, each as its own replay resolved it
        assertThat(merged.samples()).isEqualTo(a.samples() + b.samples());
        assertThat(merged.messages()).isEqualTo(a.messages() + b.messages());
        final long[] times = merged.decisionTimesNs();
        assertThat(java.util.Arrays.copyOf(times, a.samples())).isEqualTo(a.decisionTimesNs());
        final int last = 5; // 30 s, the longest horizon
        for (int h = 0; h < a.horizonsNs().size(); h++) {
            // a horizon never reaches into the next file: what a left unresolved stays so (NaN)
            assertThat(java.util.Arrays.copyOf(merged.forwardReturnsBps(h), a.samples()))
                    .isEqualTo(a.forwardReturnsBps(h));
        }
        assertThat(Double.isNaN(a.forwardReturnsBps(last)[a.samples() - 1])).isTrue();
        final SignalStats m = merged.stats(ResearchResult.FUSED, 1);
        final SignalStats sa = a.stats(ResearchResult.FUSED, 1);
        final SignalStats sb = b.stats(ResearchResult.FUSED, 1);
        assertThat(m.icSamples()).isEqualTo(sa.icSamples() + sb.icSamples());
        assertThat(m.n()).isEqualTo(sa.n() + sb.n());
        // pooled edge: the count-weighted mean (not the mean of the two means)
        final double pooled = (sa.edgeBps() * sa.n() + sb.edgeBps() * sb.n()) / (sa.n() + sb.n());
        assertThat(m.edgeBps()).isCloseTo(pooled, org.assertj.core.api.Assertions.within(1e-9));
        // the IC over the union: Spearman over every resolved pair of both, computed here from the raw pairs
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        for (ResearchResult r : List.of(a, b)) {
            final double[] s = r.scores(ResearchResult.FUSED);
            final double[] f = r.forwardReturnsBps(1);
            for (int i = 0; i < s.length; i++) {
                if (!Double.isNaN(f[i])) {
                    x.add(s[i]);
                    y.add(f[i]);
                }
            }
        }
        final double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        final double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(m.ic()).isEqualTo(Stats.spearman(xs, ys, xs.length));
        assertThat(m.ic()).isNotEqualTo((sa.ic() + sb.ic()) / 2);
    }

    @Test
    void shouldTakeDecisionsInMarketTimeForTheTStatisticWhatEverTheOrderOfTheParts() throws IOException {
        final ResearchSamples d = research(4, 4 * MINUTE).decisions();
        final int k = d.samples() / 2;
        final ResearchResult inOrder = ResearchSamples.merge(List.of(d.slice(0, k), d.slice(k, d.samples())), "x")
                .result();
        final ResearchResult reversed = ResearchSamples.merge(List.of(d.slice(k, d.samples()), d.slice(0, k)), "x")
                .result();

        int finite = 0;
        for (int h = 0; h < inOrder.horizonsNs().size(); h++) {
            final SignalStats a = inOrder.stats(ResearchResult.FUSED, h);
            final SignalStats b = reversed.stats(ResearchResult.FUSED, h);
            assertThat(Double.valueOf(b.tStat())).isEqualTo(Double.valueOf(a.tStat()));
            assertThat(Double.valueOf(b.ic())).isEqualTo(Double.valueOf(a.ic()));
            assertThat(b.n()).isEqualTo(a.n());
            finite += Double.isFinite(a.tStat()) ? 1 : 0;
        }
        assertThat(finite).as("horizons with a t-statistic").isPositive();
    }

    @Test
    void shouldTravelSerializedAndRefuseToMergeDifferentResearch() throws Exception {
        final ResearchResult r = research(5, MINUTE);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(r.decisions());
        }
        final ResearchSamples back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ResearchSamples) in.readObject();
        }
        assertSameStatistics(r, back.result());

        final ResearchResult otherHorizons = ResearchRunner.builder()
                .source(GeneratedSource.rich(5, MINUTE))
                .horizonsNs(List.of(1_000_000_000L))
                .description("one horizon")
                .build()
                .run();
        assertThatThrownBy(() -> ResearchResult.merge(List.of(r, otherHorizons), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge: horizons differ between seed 5 and one horizon; research them apart");
    }
}
