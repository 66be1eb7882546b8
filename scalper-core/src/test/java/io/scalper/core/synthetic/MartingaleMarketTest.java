package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.model.Side;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The martingale model of the generator ({@link GeneratorConfig#predictability()} in [0, 1]): at 0 nothing published
 * before a mid move says anything about its direction — not the book imbalance, not the previous move, not a pattern —
 * while every pattern still happens; above 0 the stated share of the injected move follows the pattern.
 *
 * <p>Bounds: under independence the direction of each distinct move is a fair coin, so a hit rate over {@code n}
 * distinct moves has standard deviation {@code 0.5 / √n}; the tests allow three of them.
 */
class MartingaleMarketTest {
    private static final long S = 1_000_000_000L;
    private static final long HOUR = 3600 * S;

    static Stream<Arguments> markets() {
        return Stream.of(
                Arguments.of("defaults at 0", (LongFunction<GeneratorConfig>)
                        seed -> GeneratorConfig.defaults().withPredictability(0).withSeed(seed)),
                Arguments.of("btcusdt", (LongFunction<GeneratorConfig>)
                        seed -> GeneratorConfig.btcusdt().withSeed(seed)),
                Arguments.of("ethusdt", (LongFunction<GeneratorConfig>)
                        seed -> GeneratorConfig.ethusdt().withSeed(seed)));
    }

    private static RecordingSink run(GeneratorConfig config, List<Scenario> scenarios, long durationNs) {
        return RecordingSink.run(new SyntheticMarket(config, scenarios), durationNs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markets")
    void shouldPublishAValidOneTickBookAndTradeOnlyAtThePublishedTouch(
            String name, LongFunction<GeneratorConfig> market) {
        final GeneratorConfig config = market.apply(5);
        final RecordingSink sink = run(config, Scenarios.rich(20 * 60 * S, 5), 20 * 60 * S);

        assertThat(sink.violations).isEmpty();
        assertThat(sink.books)
                .allSatisfy(b -> assertThat(b.bestAsk() - b.bestBid()).isOne());
        // a trade either prints at the touch last published, or shares its time with the publication that shows the
        // move it belongs to (a sweep): no trade reveals a move before the book does
        int b = 0;
        int early = 0;
        for (RecordingSink.Trade t : sink.trades) {
            while (b + 1 < sink.books.size() && sink.books.get(b + 1).timeNs() < t.timeNs()) {
                b++;
            }
            final RecordingSink.Snapshot shown = sink.books.get(b);
            final boolean sameInstant =
                    b + 1 < sink.books.size() && sink.books.get(b + 1).timeNs() == t.timeNs();
            final long touch = t.aggressor() == Side.BUY ? shown.bestAsk() : shown.bestBid();
            if (t.priceTicks() != touch && !sameInstant && shown.timeNs() < t.timeNs()) {
                early++;
            }
        }
        assertThat(early).as("trades away from the published touch").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markets")
    void shouldMakeTheNextMoveIndependentOfBookImbalanceAndOfThePreviousMoveAtZero(
            String name, LongFunction<GeneratorConfig> market) {
        long towardThinner = 0;
        long imbalanced = 0;
        long sameAsPrevious = 0;
        long moves = 0;
        for (long seed = 1; seed <= 3; seed++) {
            final RecordingSink sink = run(market.apply(seed), Scenarios.rich(HOUR, seed), HOUR);
            final List<RecordingSink.Snapshot> books = sink.books;
            double previous = 0;
            for (int i = 1; i < books.size(); i++) {
                final double move = books.get(i).mid() - books.get(i - 1).mid();
                if (move == 0) {
                    continue;
                }
                // one sample per distinct move: the book published just before it, and the move before it
                final RecordingSink.Snapshot before = books.get(i - 1);
                final double imbalance =
                        (before.bidSize() - before.askSize()) / (double) (before.bidSize() + before.askSize());
                if (Math.abs(imbalance) > 0.3) {
                    imbalanced++;
                    // bid heavier (imbalance > 0): the thinner side is the ask, and "toward it" is up
                    if (Math.signum(move) == Math.signum(imbalance)) {
                        towardThinner++;
                    }
                }
                if (previous != 0) {
                    moves++;
                    if (Math.signum(move) == Math.signum(previous)) {
                        sameAsPrevious++;
                    }
                }
                previous = move;
            }
        }

        assertThat(imbalanced).isGreaterThan(10_000);
        assertThat(moves).isGreaterThan(10_000);
        assertThat(towardThinner / (double) imbalanced).isCloseTo(0.5, within(imbalanced));
        assertThat(sameAsPrevious / (double) moves).isCloseTo(0.5, within(moves));
    }

    @Test
    void shouldLetBookImbalancePredictTheNextMoveInTheLegacyModel() {
        // the same measurement on the legacy model: the test above can fail
        final RecordingSink sink = run(GeneratorConfig.defaults(), List.of(), HOUR);
        long toward = 0;
        long n = 0;
        for (int i = 1; i < sink.books.size(); i++) {
            final double move = sink.books.get(i).mid() - sink.books.get(i - 1).mid();
            final RecordingSink.Snapshot before = sink.books.get(i - 1);
            final double imbalance =
                    (before.bidSize() - before.askSize()) / (double) (before.bidSize() + before.askSize());
            if (move != 0 && Math.abs(imbalance) > 0.3) {
                n++;
                toward += Math.signum(move) == Math.signum(imbalance) ? 1 : 0;
            }
        }
        assertThat(toward / (double) n).isGreaterThan(0.5 + 3 * 0.5 / Math.sqrt(n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markets")
    void shouldMakeTheMoveAfterEveryPatternIndependentOfItsDirectionAtZero(
            String name, LongFunction<GeneratorConfig> market) {
        long followed = 0;
        long firstFollowed = 0;
        long n = 0;
        final Set<ScenarioKind> seen = EnumSet.noneOf(ScenarioKind.class);
        for (long seed = 1; seed <= 3; seed++) {
            final SyntheticMarket m = new SyntheticMarket(market.apply(seed), Scenarios.rich(HOUR, seed));
            final RecordingSink sink = RecordingSink.run(m, HOUR);
            for (ScenarioEpisode e : m.episodes()) {
                seen.add(e.kind());
                if (e.direction() == 0) {
                    continue;
                }
                // trends: their own span; the others: from the end of the pattern to a second after the injected move
                final boolean trend = e.kind() == ScenarioKind.TREND_UP || e.kind() == ScenarioKind.TREND_DOWN;
                final long from = trend ? e.startNs() : e.endNs();
                final long to = trend ? e.endNs() : e.driftEndNs() + S;
                final double move = sink.midAt(to) - sink.midAt(from);
                final double first = firstMoveAfter(sink, from);
                if (move == 0 || first == 0) {
                    continue;
                }
                n++;
                followed += Math.signum(move) == e.direction() ? 1 : 0;
                firstFollowed += Math.signum(first) == e.direction() ? 1 : 0;
            }
        }

        assertThat(seen).as("every pattern still happens").containsExactlyInAnyOrder(ScenarioKind.values());
        assertThat(n).isGreaterThan(300);
        assertThat(followed / (double) n).isCloseTo(0.5, within(n));
        assertThat(firstFollowed / (double) n).isCloseTo(0.5, within(n));
    }

    @Test
    void shouldInjectTheStatedShareOfThePostPatternMove() {
        final double share = 0.5;
        final double moveBps = 20;
        double sumError = 0;
        double sumSq = 0;
        int n = 0;
        for (long seed = 1; seed <= 2; seed++) {
            final GeneratorConfig config = GeneratorConfig.defaults()
                    .withSeed(seed)
                    .withPredictability(share)
                    .withPatternMoveBps(moveBps);
            final SyntheticMarket m = new SyntheticMarket(config, Scenarios.rich(HOUR, seed));
            final RecordingSink sink = RecordingSink.run(m, HOUR);
            for (ScenarioEpisode e : m.episodes()) {
                if (e.direction() == 0 || e.kind() == ScenarioKind.TREND_UP || e.kind() == ScenarioKind.TREND_DOWN) {
                    continue;
                }
                final double start = sink.midAt(e.endNs());
                final double injectedTicks = Math.round(moveBps * 1e-4 * start);
                final double signed = e.direction() * (sink.midAt(e.driftEndNs() + S) - start);
                final double error = signed - share * injectedTicks;
                sumError += error;
                sumSq += error * error;
                n++;
            }
        }
        final double meanError = sumError / n;
        final double sd = Math.sqrt(sumSq / n - meanError * meanError);

        // per episode: share × 1300 ticks in the pattern's direction, plus (1 − share) × 1300 fair coin steps
        // (sd ≈ 25 ticks) and a damped random walk; the mean error is within four standard errors of 0
        assertThat(n).isGreaterThan(200);
        assertThat(Math.abs(meanError)).isLessThan(4 * sd / Math.sqrt(n));
        assertThat(sd).isLessThan(0.1 * share * 1300);
    }

    @Test
    void shouldMoveExactlyTheInjectedSizeAtPredictabilityOne() {
        final GeneratorConfig config = GeneratorConfig.btcusdt()
                .withFixedRegime(Regime.NORMAL)
                .withPredictability(1)
                .withPatternMoveBps(30);
        final SyntheticMarket m =
                new SyntheticMarket(config, List.of(Scenario.parse("SWEEP_DOWN@20s"), Scenario.parse("BURST_BUY@40s")));
        final RecordingSink sink = RecordingSink.run(m, 60 * S);
        assertThat(m.episodes()).hasSize(2);
        for (ScenarioEpisode e : m.episodes()) {
            final double start = sink.midAt(e.endNs());
            final double injected = Math.round(30e-4 * start);
            // the random walk runs at a quarter of its volatility during the move: 45 / 4 ticks per √s over 3 s
            assertThat(e.direction() * (sink.midAt(e.driftEndNs() + 200_000_000L) - start))
                    .isCloseTo(injected, org.assertj.core.data.Offset.offset(4 * 45.0 / 4 * Math.sqrt(3)));
        }
    }

    @Test
    void shouldMoveTheMidBySweptLevelsAndAbsorbBursts() {
        final GeneratorConfig config =
                GeneratorConfig.defaults().withPredictability(0).withFixedRegime(Regime.LOW);
        final SyntheticMarket m = new SyntheticMarket(
                config, List.of(Scenario.parse("SWEEP_UP@10s:levels=6"), Scenario.parse("BURST_SELL@20s")));
        final RecordingSink sink = RecordingSink.run(m, 30 * S);
        final ScenarioEpisode sweep = m.episodes().get(0);
        final ScenarioEpisode burst = m.episodes().get(1);

        assertThat(sink.tradesBetween(sweep.startNs(), sweep.startNs())).hasSize(6);
        // the bids follow the swept asks: the new best bid sits one tick below the new best ask
        assertThat(sink.midAt(sweep.startNs()) - sink.midAt(sweep.startNs() - 1))
                .isGreaterThanOrEqualTo(5.0);
        final long burstTrades = sink.tradesBetween(burst.startNs(), burst.endNs()).stream()
                .filter(t -> t.sizeLots() >= 2 * config.orderSizeP99Lots())
                .count();
        assertThat(burstTrades).isEqualTo(burst.count());
        assertThat(sink.midAt(burst.endNs())).isEqualTo(sink.midAt(burst.startNs() - 1));
    }

    @Test
    void shouldRefuseAPredictabilityOutsideZeroToOneOrAPatternMoveOutOfRange() {
        final GeneratorConfig d = GeneratorConfig.defaults();
        assertThatThrownBy(() -> d.withPredictability(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("generator.predictability: must be in [0, 1]");
        assertThatThrownBy(() -> d.withPredictability(Double.NaN))
                .hasMessageStartingWith("generator.predictability: must be in [0, 1]");
        assertThatThrownBy(() -> d.withPatternMoveBps(-1))
                .hasMessageStartingWith("generator.patternMoveBps: must be in [0.0, 1000.0], got -1.0");
        assertThatThrownBy(() -> GeneratorConfig.profile("btc"))
                .hasMessageStartingWith("generator.profile: must be one of [default, btcusdt, ethusdt], got 'btc'");
        assertThat(d.martingale()).isFalse();
        assertThat(d.withPredictability(0).martingale()).isTrue();
        assertThat(GeneratorConfig.profile("BTCUSDT")).isEqualTo(GeneratorConfig.btcusdt());
        assertThat(GeneratorConfig.profile("default")).isEqualTo(d);
    }

    @Test
    void shouldKeepTheOldConstructorOnTheLegacyModel() {
        final GeneratorConfig d = GeneratorConfig.defaults();
        final GeneratorConfig old = new GeneratorConfig(
                d.instrument(),
                d.seed(),
                d.startTimeNs(),
                d.startPriceTicks(),
                d.levelsPerSide(),
                d.bookIntervalNs(),
                d.tickerIntervalNs(),
                d.marketOrdersPerS(),
                d.tradeSizeMedianLots(),
                d.tradeSizeSigma(),
                d.limitOrdersPerS(),
                d.touchOrderLifetimeNs(),
                d.restingOrderMedianLots(),
                d.volatilityTicksPerSqrtS(),
                d.startRegime(),
                d.regimeMeanDwellNs(),
                d.trendsPerHour(),
                d.trendMeanDurationNs(),
                d.trendTicksPerS(),
                d.fundingRateE8());
        assertThat(old).isEqualTo(d);
        assertThat(old.predictability()).isEqualTo(GeneratorConfig.LEGACY_PREDICTABILITY);
        assertThat(d.withPredictability(0.3).withSeed(9).predictability()).isEqualTo(0.3);
    }

    /** Three standard deviations of a hit rate over {@code n} fair coins. */
    private static org.assertj.core.data.Offset<Double> within(long n) {
        return org.assertj.core.data.Offset.offset(3 * 0.5 / Math.sqrt(n));
    }

    /** The first published mid change after {@code timeNs} (0 if none). */
    private static double firstMoveAfter(RecordingSink sink, long timeNs) {
        final double start = sink.midAt(timeNs);
        for (RecordingSink.Snapshot b : sink.books) {
            if (b.timeNs() > timeNs && b.mid() != start) {
                return b.mid() - start;
            }
        }
        return 0;
    }
}
