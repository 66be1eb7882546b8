package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The base market: invariants of the published stream, rates, determinism, regimes, imbalance, ticker. */
class SyntheticMarketTest {
    private static final long S = 1_000_000_000L;
    private static final GeneratorConfig BASE = GeneratorConfig.defaults();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void shouldPublishAnUncrossedBookOfExactlyTheDepthWithContiguousIdsAfterEveryUpdate(long seed) {
        final SyntheticMarket market = new SyntheticMarket(BASE.withSeed(seed), Scenarios.rich(300 * S, seed));
        final RecordingSink sink = RecordingSink.run(market, 300 * S);

        assertThat(sink.violations).isEmpty();
        assertThat(sink.books).hasSizeGreaterThan(5000);
        assertThat(sink.books.get(0).timeNs()).isEqualTo(BASE.startTimeNs());
        assertThat(market.episodes()).hasSize(market.scenarios().size());
    }

    @Test
    void shouldStartWithASnapshotWithUpdateIdOneAtTheStartTime() {
        final List<BookUpdate> first = new ArrayList<>();
        final SyntheticMarket market = new SyntheticMarket(BASE, List.of());
        market.run(0, new MarketEventSink() {
            @Override
            public void onBook(BookUpdate update) {
                first.add(update);
            }
        });
        assertThat(first).hasSize(1);
        assertThat(first.get(0).isSnapshot()).isTrue();
        assertThat(first.get(0).updateId()).isEqualTo(1);
        assertThat(first.get(0).count(Side.BUY)).isEqualTo(200);
        assertThat(first.get(0).count(Side.SELL)).isEqualTo(200);
        assertThat(first.get(0).price(Side.BUY, 0)).isEqualTo(BASE.startPriceTicks());
        assertThat(first.get(0).price(Side.SELL, 0)).isEqualTo(BASE.startPriceTicks() + 1);
    }

    @Test
    void shouldKeepAnyConfiguredDepthAndIntervalAndATinyTick() {
        final Instrument eth = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");
        final GeneratorConfig config = BASE.withInstrument(eth, 300_000)
                .withLevelsPerSide(50)
                .withBookIntervalNs(20_000_000L)
                .withSeed(9);
        final SyntheticMarket market = new SyntheticMarket(config, Scenarios.rich(120 * S, 9));
        final RecordingSink sink = RecordingSink.run(market, 120 * S);

        assertThat(sink.violations).isEmpty();
        assertThat(sink.books.size() / 120.0).isBetween(45.0, 50.01);
    }

    @Test
    void shouldProduceRealisticRatesAndSpreads() {
        final RecordingSink sink =
                RecordingSink.run(new SyntheticMarket(BASE.withFixedRegime(Regime.NORMAL), List.of()), 600 * S);

        final double bookPerS = sink.books.size() / 600.0;
        final double tradesPerS = sink.trades.size() / 600.0;
        final double tickersPerS = sink.tickers / 600.0;
        assertThat(bookPerS).as("book updates/s").isBetween(18.0, 20.01);
        assertThat(tradesPerS).as("trades/s").isBetween(4.0, 12.0);
        assertThat(tickersPerS).as("tickers/s").isBetween(9.0, 10.01);
        final long oneTick =
                sink.books.stream().filter(b -> b.bestAsk() - b.bestBid() == 1).count();
        assertThat(oneTick / (double) sink.books.size())
                .as("share of one-tick spreads")
                .isGreaterThan(0.85);
        assertThat(sink.books.stream().anyMatch(b -> b.bestAsk() - b.bestBid() > 1))
                .as("spread sometimes wider")
                .isTrue();
    }

    @Test
    void shouldDrawHeavyTailedTradeSizes() {
        final RecordingSink sink =
                RecordingSink.run(new SyntheticMarket(BASE.withFixedRegime(Regime.NORMAL), List.of()), 600 * S);
        final long[] sizes = sink.trades.stream()
                .mapToLong(RecordingSink.Trade::sizeLots)
                .sorted()
                .toArray();
        final long p50 = sizes[sizes.length / 2];
        final long p95 = sizes[(int) (sizes.length * 0.95)];
        final long p99 = sizes[(int) (sizes.length * 0.99)];

        assertThat(p50).isBetween(5L, 20L);
        assertThat(p95).isGreaterThan(4 * p50);
        assertThat(p99).isGreaterThan(p95).isLessThanOrEqualTo(BASE.orderSizeP99Lots());
        final long buys =
                sink.trades.stream().filter(t -> t.aggressor() == Side.BUY).count();
        assertThat(buys / (double) sizes.length).as("buy share").isBetween(0.4, 0.6);
    }

    @Test
    void shouldGiveFillsOfOneOrderOneMatchTimeAndPricesGettingWorse() {
        final RecordingSink sink = RecordingSink.run(new SyntheticMarket(BASE, List.of()), 300 * S);
        int multiLevel = 0;
        for (int i = 1; i < sink.trades.size(); i++) {
            final RecordingSink.Trade a = sink.trades.get(i - 1);
            final RecordingSink.Trade b = sink.trades.get(i);
            if (a.timeNs() == b.timeNs()) {
                multiLevel++;
                assertThat(b.aggressor()).isEqualTo(a.aggressor());
                assertThat((b.priceTicks() - a.priceTicks()) * (a.aggressor() == Side.BUY ? 1 : -1))
                        .isPositive();
            }
        }
        assertThat(multiLevel).as("orders taking more than one level").isPositive();
    }

    @Test
    void shouldGiveTheSameStreamForTheSameSeedAndScenarios() {
        final List<Scenario> scenarios = Scenarios.rich(180 * S, 5);
        final long a = RecordingSink.run(new SyntheticMarket(BASE.withSeed(5), scenarios), 180 * S).hash;
        final long b = RecordingSink.run(new SyntheticMarket(BASE.withSeed(5), scenarios), 180 * S).hash;
        final long other = RecordingSink.run(new SyntheticMarket(BASE.withSeed(6), scenarios), 180 * S).hash;

        assertThat(b).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void shouldGiveTheSameStreamWhenTheRunIsSplitIntoSteps() {
        final List<Scenario> scenarios = Scenarios.rich(120 * S, 8);
        final long whole = RecordingSink.run(new SyntheticMarket(BASE.withSeed(8), scenarios), 120 * S).hash;
        final SyntheticMarket split = new SyntheticMarket(BASE.withSeed(8), scenarios);
        final RecordingSink sink = new RecordingSink(BASE.instrument(), BASE.levelsPerSide());
        for (int i = 0; i < 120; i++) {
            split.run(S / 3, sink);
            split.run(S - S / 3, sink);
        }
        assertThat(sink.hash).isEqualTo(whole);
        assertThat(split.nowNs()).isEqualTo(BASE.startTimeNs() + 120 * S);
    }

    @Test
    void shouldAdvanceOneEventPerStep() {
        final SyntheticMarket market = new SyntheticMarket(BASE, List.of());
        final RecordingSink sink = new RecordingSink(BASE.instrument(), BASE.levelsPerSide());
        long prev = market.nowNs();
        int emitting = 0;
        for (int i = 0; i < 10_000; i++) {
            if (market.step(sink)) {
                emitting++;
            }
            assertThat(market.nowNs()).isGreaterThanOrEqualTo(prev);
            prev = market.nowNs();
        }
        assertThat(sink.violations).isEmpty();
        assertThat(emitting).isBetween(100, 10_000);
        assertThat(sink.books).isNotEmpty();
    }

    @Test
    void shouldMakeHighRegimeMoreVolatileThanLow() {
        final RecordingSink low =
                RecordingSink.run(new SyntheticMarket(BASE.withFixedRegime(Regime.LOW), List.of()), 300 * S);
        final RecordingSink high =
                RecordingSink.run(new SyntheticMarket(BASE.withFixedRegime(Regime.HIGH), List.of()), 300 * S);
        final long start = BASE.startTimeNs();

        final double lowVol = low.volatility(start, start + 300 * S, S);
        final double highVol = high.volatility(start, start + 300 * S, S);
        assertThat(highVol).isGreaterThan(2.5 * lowVol);
        assertThat(high.trades.size()).isGreaterThan(2 * low.trades.size());
    }

    @Test
    void shouldSwitchRegimesByItself() {
        final SyntheticMarket market = new SyntheticMarket(BASE.withRegimes(Regime.NORMAL, 10 * S), List.of());
        final java.util.Set<Regime> seen = java.util.EnumSet.noneOf(Regime.class);
        for (int i = 0; i < 600; i++) {
            market.run(S, new MarketEventSink() {});
            seen.add(market.regime());
        }
        assertThat(seen).contains(Regime.LOW, Regime.NORMAL, Regime.HIGH);
    }

    @Test
    void shouldMakeTopOfBookImbalancePredictTheNextMidMove() {
        final RecordingSink sink =
                RecordingSink.run(new SyntheticMarket(BASE.withFixedRegime(Regime.NORMAL), List.of()), 600 * S);
        int agree = 0;
        int total = 0;
        final List<Integer> pending = new ArrayList<>();
        double prevMid = sink.books.get(0).mid();
        for (RecordingSink.Snapshot b : sink.books) {
            if (b.mid() != prevMid) {
                final int dir = b.mid() > prevMid ? 1 : -1;
                for (int sign : pending) {
                    agree += sign == dir ? 1 : 0;
                    total++;
                }
                pending.clear();
                prevMid = b.mid();
            }
            final double imbalance = (b.bidSize() - b.askSize()) / (double) (b.bidSize() + b.askSize());
            if (Math.abs(imbalance) > 0.3) {
                pending.add(imbalance > 0 ? 1 : -1);
            }
        }
        assertThat(total).isGreaterThan(5000);
        assertThat(agree / (double) total)
                .as("share of imbalances followed by a move their way")
                .isGreaterThan(0.6);
    }

    @Test
    void shouldPublishAFullTickerThenOnlyChangedFields() {
        final List<TickerState> seen = new ArrayList<>();
        final List<Long> midE8 = new ArrayList<>();
        final TickerState merged = new TickerState();
        final List<String> problems = new ArrayList<>();
        final SyntheticMarket market = new SyntheticMarket(BASE, List.of());
        final long tickE8 = 10_000_000L;
        market.run(60 * S, new MarketEventSink() {
            @Override
            public void onTicker(TickerState t) {
                if (t.presentFields() != t.lastUpdateFields()) {
                    problems.add("present != last update fields");
                }
                final TickerState before = new TickerState();
                before.merge(merged);
                merged.merge(t);
                if (!seen.isEmpty()) {
                    checkOnlyChanged(before, t, problems);
                }
                final TickerState copy = new TickerState();
                copy.merge(t);
                seen.add(copy);
                midE8.add((merged.bid1PriceTicks() + merged.ask1PriceTicks()) * tickE8 / 2);
            }
        });
        assertThat(problems).isEmpty();
        assertThat(seen.size()).isBetween(550, 601);
        final int all = TickerState.LAST_PRICE
                | TickerState.MARK_PRICE
                | TickerState.INDEX_PRICE
                | TickerState.FUNDING_RATE
                | TickerState.NEXT_FUNDING_TIME
                | TickerState.BID1_PRICE
                | TickerState.BID1_SIZE
                | TickerState.ASK1_PRICE
                | TickerState.ASK1_SIZE
                | TickerState.FUNDING_INTERVAL;
        assertThat(seen.get(0).presentFields()).isEqualTo(all);
        assertThat(seen.get(0).fundingRateE8()).isEqualTo(10_000L);
        assertThat(seen.get(0).nextFundingTimeMs()).isEqualTo(BASE.startTimeNs() / 1_000_000L + 8 * 3_600_000L);
        assertThat(seen.get(0).fundingIntervalHours()).isEqualTo(8);
        assertThat(seen.get(1).presentFields()).isNotEqualTo(all);
        assertThat(seen.stream().skip(1).noneMatch(t -> t.has(TickerState.FUNDING_RATE)))
                .isTrue();
        assertThat(merged.markPriceE8()).isEqualTo(midE8.get(midE8.size() - 1));
        assertThat(merged.bid1PriceTicks()).isLessThan(merged.ask1PriceTicks());
    }

    private static void checkOnlyChanged(TickerState before, TickerState delta, List<String> problems) {
        final long[][] pairs = {
            {TickerState.LAST_PRICE, before.lastPriceTicks(), delta.lastPriceTicks()},
            {TickerState.MARK_PRICE, before.markPriceE8(), delta.markPriceE8()},
            {TickerState.BID1_PRICE, before.bid1PriceTicks(), delta.bid1PriceTicks()},
            {TickerState.BID1_SIZE, before.bid1SizeLots(), delta.bid1SizeLots()},
            {TickerState.ASK1_PRICE, before.ask1PriceTicks(), delta.ask1PriceTicks()},
            {TickerState.ASK1_SIZE, before.ask1SizeLots(), delta.ask1SizeLots()},
            {TickerState.INDEX_PRICE, before.indexPriceE8(), delta.indexPriceE8()}
        };
        for (long[] p : pairs) {
            if (delta.has((int) p[0]) && p[1] == p[2]) {
                problems.add("unchanged field " + p[0] + " sent");
            }
        }
    }

    @Test
    void shouldPutNextFundingTimeOnTheEightHourGrid() {
        final long start = 1_767_254_400_000_000_000L - 30 * S; // 2026-01-01T07:59:30Z
        final List<Long> next = new ArrayList<>();
        new SyntheticMarket(BASE.withStartTimeNs(start), List.of()).run(60 * S, new MarketEventSink() {
            @Override
            public void onTicker(TickerState t) {
                if (t.has(TickerState.NEXT_FUNDING_TIME)) {
                    next.add(t.nextFundingTimeMs());
                }
            }
        });
        assertThat(next).containsExactly(1_767_254_400_000L, 1_767_283_200_000L);
    }

    @Test
    void shouldGenerateAnHourOfMarket() {
        final SyntheticMarket market = new SyntheticMarket(BASE, Scenarios.rich(3600 * S, 1));
        final long[] count = new long[1];
        market.run(3600 * S, new MarketEventSink() {
            @Override
            public void onBook(BookUpdate update) {
                count[0]++;
            }
        });
        assertThat(count[0]).isEqualTo(market.bookUpdates()).isGreaterThan(70_000);
        assertThat(market.trades()).isGreaterThan(10_000);
        assertThat(market.episodes()).hasSizeGreaterThan(150);
    }

    @Test
    void shouldRefuseOverlappingScenarios() {
        final List<Scenario> overlapping = List.of(Scenario.parse("SPOOF_ASK@30s"), Scenario.parse("ICEBERG_BID@35s"));
        assertThatThrownBy(() -> new SyntheticMarket(BASE, overlapping))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenarios overlap: SPOOF_ASK@30s controls the market for 8s, so ICEBERG_BID@35s must start"
                        + " at or after 38s");
        assertThat(new SyntheticMarket(
                                BASE, List.of(Scenario.parse("ICEBERG_BID@38s"), Scenario.parse("SPOOF_ASK@30s")))
                        .scenarios())
                .extracting(Scenario::kind)
                .containsExactly(ScenarioKind.SPOOF_ASK, ScenarioKind.ICEBERG_BID);
    }

    @Test
    void shouldNotChangeTheMarketBeforeTheFirstScenario() {
        final long plain = RecordingSink.run(new SyntheticMarket(BASE, List.of()), 20 * S).hash;
        final long withLater = RecordingSink.run(
                        new SyntheticMarket(BASE, List.of(Scenario.of(ScenarioKind.SWEEP_UP, 30 * S, Map.of()))),
                        20 * S)
                .hash;
        assertThat(withLater).isEqualTo(plain);
    }
}
