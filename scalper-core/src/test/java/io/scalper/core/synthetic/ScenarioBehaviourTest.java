package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each scenario kind produces, in the published stream, what its definition in {@link ScenarioKind} promises. */
class ScenarioBehaviourTest {
    private static final long S = 1_000_000_000L;
    private static final long AT = 20 * S;
    private static final GeneratorConfig BASE = GeneratorConfig.defaults();
    private static final long START = BASE.startTimeNs() + AT;
    private static final long INTERVAL = BASE.bookIntervalNs();

    /** One published book, as far as a scenario check needs it. */
    private record Seen(long timeNs, long bestBid, long bestAsk, long sizeAtKey, long medianTop20) {}

    private record Run(SyntheticMarket market, RecordingSink sink, ScenarioEpisode episode, List<Seen> seen) {}

    /** Runs one scenario at 20 s and records, after every publication, the size at the episode's key price. */
    private static Run run(ScenarioKind kind, long seed, Map<String, String> params) {
        final Scenario scenario = Scenario.of(kind, AT, params);
        final SyntheticMarket market = new SyntheticMarket(BASE.withSeed(seed), List.of(scenario));
        final RecordingSink sink = new RecordingSink(BASE.instrument(), BASE.levelsPerSide());
        final List<Seen> seen = new ArrayList<>();
        final Side keySide = kind.name().endsWith("_BID") ? Side.BUY : Side.SELL;
        sink.afterBook.add(s -> {
            if (market.episodes().isEmpty()) {
                return;
            }
            final long key = market.episodes().get(0).priceTicks();
            seen.add(new Seen(
                    s.lastUpdate.exchangeTimeNs(),
                    s.book.bestBid(),
                    s.book.bestAsk(),
                    s.book.sizeAtPrice(keySide, key),
                    s.medianTopSize(keySide, 20)));
        });
        market.run(AT + scenario.windowNs() + 2 * S, sink);
        assertThat(sink.violations).isEmpty();
        assertThat(market.episodes()).hasSize(1);
        return new Run(market, sink, market.episodes().get(0), seen);
    }

    private static List<Seen> between(List<Seen> seen, long fromNs, long toNs) {
        return seen.stream()
                .filter(s -> s.timeNs() >= fromNs && s.timeNs() < toNs)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScenarioKind.class,
            names = {"SPOOF_BID", "SPOOF_ASK"})
    void shouldShowALargeOrderNearTheTouchThatLeavesWithoutTrading(ScenarioKind kind) {
        for (long seed = 1; seed <= 8; seed++) {
            final Run r = run(kind, seed, Map.of());
            final ScenarioEpisode e = r.episode();
            final long price = e.priceTicks();
            final int behind = kind == ScenarioKind.SPOOF_ASK ? 1 : -1;

            assertThat(e.startNs()).isEqualTo(START);
            assertThat(e.endNs() - e.startNs()).isBetween(2 * S, 4 * S);
            final List<Seen> during = between(r.seen(), e.startNs(), e.endNs());
            final Seen appeared = during.get(0);
            final long touch = behind > 0 ? appeared.bestAsk() : appeared.bestBid();
            assertThat((price - touch) * behind).as("ticks behind the touch").isBetween(1L, 3L);
            assertThat(appeared.sizeAtKey()).isGreaterThanOrEqualTo(15 * appeared.medianTop20());
            for (Seen s : during) {
                final long t = behind > 0 ? s.bestAsk() : s.bestBid();
                assertThat((price - t) * behind)
                        .as("touch stays away from the spoof")
                        .isPositive();
                assertThat(s.sizeAtKey()).isEqualTo(appeared.sizeAtKey());
            }
            final Seen removed =
                    between(r.seen(), e.endNs(), e.endNs() + INTERVAL + 1).get(0);
            assertThat(removed.sizeAtKey()).isEqualTo(appeared.sizeAtKey() - e.sizeLots());
            assertThat(r.sink().tradesBetween(e.startNs(), e.endNs())).noneMatch(t -> t.priceTicks() == price);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScenarioKind.class,
            names = {"ICEBERG_BID", "ICEBERG_ASK"})
    void shouldAbsorbRepeatedExecutionsAtOnePriceAndRefillTheDisplayedSize(ScenarioKind kind) {
        final boolean bid = kind == ScenarioKind.ICEBERG_BID;
        final Side hitter = bid ? Side.SELL : Side.BUY;
        for (long seed = 1; seed <= 8; seed++) {
            final Run r = run(kind, seed, Map.of());
            final ScenarioEpisode e = r.episode();
            final long price = e.priceTicks();
            final long shown = e.sizeLots();

            final List<RecordingSink.Trade> hits = r.sink().tradesBetween(e.startNs(), e.endNs()).stream()
                    .filter(t -> t.aggressor() == hitter)
                    .toList();
            assertThat(hits).hasSizeBetween(8, 15).hasSize(e.count());
            assertThat(hits).allMatch(t -> t.priceTicks() == price && t.sizeLots() < shown);
            final long executed =
                    hits.stream().mapToLong(RecordingSink.Trade::sizeLots).sum();
            assertThat(executed).isEqualTo(e.volumeLots()).isGreaterThan(3 * shown);
            assertThat(e.endNs() - e.startNs()).isBetween(4 * S, 7 * S);

            final List<Seen> during = between(r.seen(), e.startNs(), e.endNs());
            assertThat(during.get(0).sizeAtKey()).isEqualTo(shown);
            for (Seen s : during) {
                assertThat(bid ? s.bestBid() : s.bestAsk()).as("price holds").isEqualTo(price);
                assertThat(s.sizeAtKey()).isBetween(1L, shown);
            }
            for (int i = 0; i < hits.size(); i++) {
                final long after = hits.get(i).timeNs();
                final long before = i + 1 < hits.size() ? hits.get(i + 1).timeNs() : e.endNs();
                assertThat(between(r.seen(), after, before))
                        .as("refill published after execution " + i)
                        .anyMatch(s -> s.sizeAtKey() == shown);
            }
        }
    }

    @ParameterizedTest(name = "levels {0}")
    @ValueSource(ints = {5, 2, 7, 12})
    void shouldSweepLevelsWithOneOrderAndPublishThemAsDeleted(int levels) {
        for (long seed = 1; seed <= 6; seed++) {
            for (ScenarioKind kind : List.of(ScenarioKind.SWEEP_UP, ScenarioKind.SWEEP_DOWN)) {
                final Map<String, String> params = levels == 5 ? Map.of() : Map.of("levels", String.valueOf(levels));
                final Run r = run(kind, seed, params);
                final ScenarioEpisode e = r.episode();
                final int dir = kind.direction();

                final List<RecordingSink.Trade> fills = r.sink().tradesBetween(e.startNs(), e.startNs());
                assertThat(fills).hasSize(levels).hasSize(e.count());
                assertThat(fills).allMatch(t -> t.aggressor() == (dir > 0 ? Side.BUY : Side.SELL));
                for (int i = 1; i < fills.size(); i++) {
                    assertThat((fills.get(i).priceTicks() - fills.get(i - 1).priceTicks()) * dir)
                            .isPositive();
                }
                assertThat(fills.get(0).priceTicks()).isEqualTo(e.priceTicks());
                assertThat(fills.get(levels - 1).priceTicks()).isEqualTo(e.lastPriceTicks());
                assertThat(fills.stream()
                                .mapToLong(RecordingSink.Trade::sizeLots)
                                .sum())
                        .isEqualTo(e.volumeLots());

                final Seen after = between(r.seen(), e.startNs(), e.startNs() + INTERVAL + 1)
                        .get(0);
                final long touch = dir > 0 ? after.bestAsk() : after.bestBid();
                assertThat((touch - e.lastPriceTicks()) * dir)
                        .as("swept levels gone")
                        .isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScenarioKind.class,
            names = {"BURST_BUY", "BURST_SELL"})
    void shouldPrintABurstOfTradesLargerThanTheBaseMarketsNinetyNinthPercentile(ScenarioKind kind) {
        final long p99 = baseP99();
        for (long seed = 1; seed <= 8; seed++) {
            final Run r = run(kind, seed, Map.of());
            final ScenarioEpisode e = r.episode();
            final Side side = kind.direction() > 0 ? Side.BUY : Side.SELL;

            final List<RecordingSink.Trade> burst = r.sink().tradesBetween(e.startNs(), e.endNs()).stream()
                    .filter(t -> t.sizeLots() >= 2 * BASE.orderSizeP99Lots())
                    .toList();
            assertThat(burst).hasSizeBetween(6, 12).hasSize(e.count());
            assertThat(burst).allMatch(t -> t.aggressor() == side && t.sizeLots() > p99);
            assertThat(burst.stream().map(RecordingSink.Trade::timeNs).distinct())
                    .hasSize(burst.size());
            assertThat(burst.stream().mapToLong(RecordingSink.Trade::sizeLots).sum())
                    .isEqualTo(e.volumeLots());
            assertThat(e.endNs() - e.startNs()).isLessThanOrEqualTo(2 * S);
            final long largeOnSide = r.sink().tradesBetween(e.startNs(), e.endNs()).stream()
                    .filter(t -> t.aggressor() == side && t.sizeLots() > p99)
                    .count();
            assertThat(largeOnSide).as("trades above the 99th percentile").isGreaterThanOrEqualTo(6);
        }
    }

    /** The 99th percentile of trade sizes of ten minutes of base market. */
    private static long baseP99() {
        final RecordingSink base = RecordingSink.run(new SyntheticMarket(BASE, List.of()), 600 * S);
        final long[] sizes = base.trades.stream()
                .mapToLong(RecordingSink.Trade::sizeLots)
                .sorted()
                .toArray();
        return sizes[(int) (sizes.length * 0.99)];
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScenarioKind.class,
            names = {
                "SPOOF_BID",
                "SPOOF_ASK",
                "ICEBERG_BID",
                "ICEBERG_ASK",
                "SWEEP_UP",
                "SWEEP_DOWN",
                "BURST_BUY",
                "BURST_SELL"
            })
    void shouldMoveThePriceTheExpectedWayAfterTheEpisode(ScenarioKind kind) {
        int agree = 0;
        final Map<Long, Double> moves = new HashMap<>();
        for (long seed = 1; seed <= 12; seed++) {
            final Run r = run(kind, seed, Map.of());
            final ScenarioEpisode e = r.episode();
            final double move = r.sink().midAt(e.driftEndNs()) - r.sink().midAt(e.endNs() + INTERVAL);
            moves.put(seed, move);
            if (Math.signum(move) == e.direction()) {
                agree++;
            }
        }
        assertThat(agree).as("seeds moving the expected way, moves " + moves).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScenarioKind.class,
            names = {"TREND_UP", "TREND_DOWN"})
    void shouldDriftSteadilyWithFlowLeaningTheSameWay(ScenarioKind kind) {
        int agree = 0;
        int flowAgree = 0;
        for (long seed = 1; seed <= 10; seed++) {
            final Run r = run(kind, seed, Map.of());
            final ScenarioEpisode e = r.episode();
            assertThat(e.endNs() - e.startNs()).isEqualTo(60 * S);
            final double move = r.sink().midAt(e.endNs()) - r.sink().midAt(e.startNs());
            if (Math.signum(move) == e.direction()) {
                agree++;
            }
            long buys = 0;
            long sells = 0;
            for (RecordingSink.Trade t : r.sink().tradesBetween(e.startNs(), e.endNs())) {
                if (t.aggressor() == Side.BUY) {
                    buys += t.sizeLots();
                } else {
                    sells += t.sizeLots();
                }
            }
            if (Long.signum(buys - sells) == e.direction()) {
                flowAgree++;
            }
        }
        assertThat(agree).isGreaterThanOrEqualTo(9);
        assertThat(flowAgree).isGreaterThanOrEqualTo(8);
    }

    @org.junit.jupiter.api.Test
    void shouldForceTheRegimeForTheDurationThenReturnToThePreviousOne() {
        final Scenario shift = Scenario.parse("REGIME_SHIFT@60s:regime=high,duration=60s");
        final SyntheticMarket market = new SyntheticMarket(BASE.withFixedRegime(Regime.LOW), List.of(shift));
        final RecordingSink sink = new RecordingSink(BASE.instrument(), BASE.levelsPerSide());
        market.run(90 * S, sink);
        assertThat(market.regime()).isEqualTo(Regime.HIGH);
        market.run(90 * S, sink);
        assertThat(market.regime()).isEqualTo(Regime.LOW);

        final long t0 = BASE.startTimeNs();
        final double before = sink.volatility(t0, t0 + 60 * S, S);
        final double during = sink.volatility(t0 + 60 * S, t0 + 120 * S, S);
        final double after = sink.volatility(t0 + 120 * S, t0 + 180 * S, S);
        assertThat(during).isGreaterThan(2 * before).isGreaterThan(2 * after);
        final ScenarioEpisode e = market.episodes().get(0);
        assertThat(e.regime()).isEqualTo(Regime.HIGH);
        assertThat(e.direction()).isZero();
        assertThat(e.endNs() - e.startNs()).isEqualTo(60 * S);
    }
}
