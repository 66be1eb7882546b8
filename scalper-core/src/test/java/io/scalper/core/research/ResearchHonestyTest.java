package io.scalper.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import io.scalper.core.synthetic.Scenarios;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Research must not find what is not there, and must find what is (issue 13, item 6).
 *
 * <ul>
 *   <li>Look-ahead detector: on a predictability-0 market (the mid a martingale with respect to everything published)
 *       every signal's and the fused score's IC is within noise of 0 at every horizon: |IC| &lt; 3 / √n_eff with
 *       n_eff = resolved decisions × min(1, 250 ms / horizon). A score that read the future (or a forward return
 *       that started before the score's information) would break it; on the legacy market, where the book imbalance
 *       is built to predict, the same bound is broken many times over.
 *   <li>Injected edge: sweeps followed by a move of 20 bps over 20 s, with a share p of it following the sweep; the
 *       sweep signal is active for about 3 s after the sweep, so at the 30 s horizon its decisions see 85–100 % of
 *       the move still ahead (about 92 % on average): research reports an edge between 80 % and 100 % of p × 20 bps.
 * </ul>
 */
class ResearchHonestyTest {
    private static final long S = 1_000_000_000L;
    private static final long HOUR = 3600 * S;

    static Stream<Arguments> noEdgeMarkets() {
        final List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            out.add(Arguments.of(
                    "defaults, predictability 0", GeneratorConfig.defaults().withPredictability(0), seed));
            out.add(Arguments.of("btcusdt (predictability 0)", GeneratorConfig.btcusdt(), seed));
        }
        return out.stream();
    }

    private static ResearchResult research(GeneratorConfig g, List<Scenario> scenarios, long durationNs)
            throws IOException {
        return ResearchRunner.builder()
                .source(new GeneratedSource(g, scenarios, durationNs))
                .build()
                .run();
    }

    @ParameterizedTest(name = "{0}, seed {2}")
    @MethodSource("noEdgeMarkets")
    void shouldFindNoSignalWithAnICBeyondNoiseWhenNothingPredictsTheMid(String name, GeneratorConfig g, long seed)
            throws IOException {
        final ResearchResult r = research(g.withSeed(seed), Scenarios.rich(HOUR, seed), HOUR);

        assertThat(r.samples()).isEqualTo(14_400);
        for (String signal : r.signalNames()) {
            for (int h = 0; h < r.horizonsNs().size(); h++) {
                final SignalStats s = r.stats(signal, h);
                assertThat(s.icSamples()).isGreaterThan(14_000);
                assertThat(Math.abs(s.ic()))
                        .as(
                                "%s at %s: IC %.4f, noise scale %.4f",
                                signal, r.horizonLabels().get(h), s.ic(), s.icNoise())
                        .isLessThan(3 * s.icNoise());
            }
        }
    }

    @Test
    void shouldBreakTheBoundOnTheLegacyMarketWhereImbalanceIsBuiltToPredict() throws IOException {
        final ResearchResult r = research(GeneratorConfig.defaults(), Scenarios.rich(HOUR, 1), HOUR);

        for (String signal : List.of("obi", ResearchResult.FUSED)) {
            final SignalStats s = r.stats(signal, 0);
            assertThat(s.ic()).as(signal).isGreaterThan(10 * s.icNoise());
        }
    }

    @ParameterizedTest(name = "predictability {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1.0, 0.5})
    void shouldFindAnEdgeOfAboutTheInjectedSize(double predictability) throws IOException {
        final double moveBps = 20;
        final GeneratorConfig g =
                GeneratorConfig.btcusdt().withPredictability(predictability).withPatternMoveBps(moveBps);
        final ResearchResult r = research(g, Scenarios.sweeps(HOUR, 7), HOUR);
        final int h30 = r.horizonsNs().indexOf(30 * S);
        final SignalStats sweep = r.stats("sweep", h30);
        final double injected = predictability * moveBps;

        assertThat(sweep.n()).isGreaterThan(500);
        assertThat(sweep.edgeBps()).isBetween(0.8 * injected, 1.0 * injected);
        assertThat(sweep.tStat()).isGreaterThan(5);
        assertThat(sweep.hitRate()).isGreaterThan(0.5);
        if (predictability == 1.0) {
            assertThat(sweep.edgeBps()).isGreaterThan(r.costs().takerTakerBps());
        }
    }

    @Test
    void shouldFindNoEdgeAfterTheSameSweepsAtPredictabilityZero() throws IOException {
        final GeneratorConfig g =
                GeneratorConfig.btcusdt().withPredictability(0).withPatternMoveBps(20);
        final ResearchResult r = research(g, Scenarios.sweeps(HOUR, 7), HOUR);
        // the same patterns, the same injected steps — as fair coins: no edge of the injected size, IC within noise
        for (int h = 0; h < r.horizonsNs().size(); h++) {
            final SignalStats sweep = r.stats("sweep", h);
            assertThat(Math.abs(sweep.ic())).isLessThan(3 * sweep.icNoise());
            assertThat(Math.abs(sweep.edgeBps()))
                    .as("edge at %s", r.horizonLabels().get(h))
                    .isLessThan(0.1 * 20);
        }
    }
}
