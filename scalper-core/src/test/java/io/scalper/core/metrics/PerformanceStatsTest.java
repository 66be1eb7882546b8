package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.model.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceStatsTest {
    static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    static final long MINUTE_NS = 60_000_000_000L;
    static final long DAY_NS = 86_400_000_000_000L;

    static RoundTrip trade(
            long id,
            double gross,
            double fees,
            double funding,
            double risk,
            double slippageTicks,
            String[] names,
            double[] contributions) {
        final long entry = T0 + id * 10 * MINUTE_NS;
        return new RoundTrip(
                id,
                "BTCUSDT",
                id % 2 == 0 ? Side.SELL : Side.BUY,
                entry,
                entry + MINUTE_NS,
                650_000,
                650_010,
                5,
                gross,
                fees,
                funding,
                risk,
                slippageTicks,
                "take_profit",
                names,
                contributions);
    }

    static RoundTrip trade(long id, double net) {
        return trade(id, net, 0, 0, Double.NaN, Double.NaN, null, null);
    }

    /**
     * Four trades worked by hand, start equity 100:
     *
     * <pre>
     * id gross fees funding  net   risk  R     slip  signals (contribution)
     * 1   10   1     0       9     5    1.8    1     obi 0.3, umom 0.1   → obi 6.75, umom 2.25
     * 2   -4   1     0.5    -4.5   5   -0.9    2     obi 0.2, umom -0.1  → obi -9,   umom 4.5
     * 3    6   1    -1       4     0    NaN    NaN   obi 0.1, vwap -0.1  → sum 0, not split
     * 4   -2   0.5   0      -2.5   2.5 -1     -1     none
     * equity 100 → 109 → 104.5 → 108.5 → 106
     * </pre>
     */
    static List<RoundTrip> fourTrades() {
        return List.of(
                trade(1, 10, 1, 0, 5, 1, new String[] {"obi", "umom"}, new double[] {0.3, 0.1}),
                trade(2, -4, 1, 0.5, 5, 2, new String[] {"obi", "umom"}, new double[] {0.2, -0.1}),
                trade(3, 6, 1, -1, 0, Double.NaN, new String[] {"obi", "vwap"}, new double[] {0.1, -0.1}),
                trade(4, -2, 0.5, 0, 2.5, -1, null, null));
    }

    @Test
    void shouldComputeCountsAndSumsOfHandWorkedTrades() {
        final PerformanceStats s =
                PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(8, 4, 3, 2, 20, 5, 1), DAY_NS);

        assertThat(s.trades()).isEqualTo(4);
        assertThat(s.wins()).isEqualTo(2);
        assertThat(s.losses()).isEqualTo(2);
        assertThat(s.breakevens()).isZero();
        assertThat(s.winRate()).isEqualTo(0.5);
        assertThat(s.grossPnl()).isCloseTo(10, within(1e-12));
        assertThat(s.fees()).isCloseTo(3.5, within(1e-12));
        assertThat(s.funding()).isCloseTo(-0.5, within(1e-12));
        assertThat(s.netPnl()).isCloseTo(6, within(1e-12));
        assertThat(s.realizedPnl()).isEqualTo(s.grossPnl());
        assertThat(s.startEquity() + s.realizedPnl() - s.fees() + s.funding()).isCloseTo(s.endEquity(), within(1e-12));
        assertThat(s.startEquity()).isEqualTo(100);
        assertThat(s.endEquity()).isCloseTo(106, within(1e-12));
        assertThat(s.profitFactor()).isCloseTo(13.0 / 7.0, within(1e-12));
        assertThat(s.avgSlippageTicks()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(s.periodNs()).isEqualTo(DAY_NS);
    }

    @Test
    void shouldAverageROnlyOverTradesWithAKnownRisk() {
        final PerformanceStats s = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.avgR()).isCloseTo((1.8 - 0.9 - 1.0) / 3, within(1e-12));
    }

    @Test
    void shouldMeasureMaxDrawdownFromTheRealisedEquityAfterEachTrade() {
        final PerformanceStats s = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.maxDrawdown()).isCloseTo(4.5, within(1e-12));
        assertThat(s.maxDrawdownFraction()).isCloseTo(4.5 / 109, within(1e-12));
    }

    @Test
    void shouldIncludeIntermediateEquitySamplesInTheDrawdown() {
        final PerformanceTracker t = new PerformanceTracker(100, T0);
        final List<RoundTrip> trades = fourTrades();
        t.onTrade(trades.get(0));
        t.onEquitySample(T0 + 15 * MINUTE_NS, t.realizedEquity() + 3); // open trade 2 up 3 at the mark: 112
        t.onTrade(trades.get(1));
        t.onEquitySample(T0 + 25 * MINUTE_NS, t.realizedEquity() - 6); // trade 3 down 6 at the mark: 98.5
        t.onTrade(trades.get(2));
        t.onTrade(trades.get(3));

        final PerformanceStats s = t.stats(T0 + DAY_NS);
        assertThat(s.maxDrawdown()).isCloseTo(112 - 98.5, within(1e-12));
        assertThat(s.maxDrawdownFraction()).isCloseTo((112 - 98.5) / 112, within(1e-12));
        assertThat(s.endEquity()).isCloseTo(106, within(1e-12));
        assertThat(t.equityCurve().size()).isEqualTo(7);
    }

    @Test
    void shouldReportTheLatestEquitySampleAsEndEquityWhileRealisedPnlStaysWithClosedTrades() {
        final PerformanceTracker t = new PerformanceTracker(100, T0);
        t.onTrade(trade(1, 5));
        t.onEquitySample(T0 + DAY_NS / 2, 102);

        final PerformanceStats s = t.stats(T0 + DAY_NS);
        assertThat(s.endEquity()).isEqualTo(102);
        assertThat(s.realizedPnl()).isEqualTo(5);
    }

    @Test
    void shouldAnnualisePerTradeSharpeByTradeFrequencyOverThePeriod() {
        final PerformanceStats s = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS);

        // nets 9, -4.5, 4, -2.5: mean 1.5, squared deviations 56.25 + 36 + 6.25 + 16 = 114.5, sample variance / 3
        final double perTrade = 1.5 / Math.sqrt(114.5 / 3);
        assertThat(s.sharpe()).isCloseTo(perTrade * Math.sqrt(4 * 365), within(1e-9));
        final PerformanceStats week = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), 7 * DAY_NS);
        assertThat(week.sharpe()).isCloseTo(perTrade * Math.sqrt(4 * 365 / 7.0), within(1e-9));
    }

    @Test
    void shouldGiveZeroSharpeWhenItIsUndefined() {
        final ExecutionCounts none = new ExecutionCounts();
        assertThat(PerformanceStats.of(List.of(), 100, none, DAY_NS).sharpe()).isZero();
        assertThat(PerformanceStats.of(List.of(trade(1, 5)), 100, none, DAY_NS).sharpe())
                .isZero();
        assertThat(PerformanceStats.of(List.of(trade(1, 5), trade(2, 5)), 100, none, DAY_NS)
                        .sharpe())
                .as("zero standard deviation")
                .isZero();
        assertThat(PerformanceStats.of(fourTrades(), 100, none, 0).sharpe())
                .as("empty period")
                .isZero();
    }

    @Test
    void shouldComputeTheFillRatioAndCopyExecutionCounts() {
        final ExecutionCounts counts = new ExecutionCounts(8, 4, 3, 2, 20, 5, 1);
        final PerformanceStats s = PerformanceStats.of(fourTrades(), 100, counts, DAY_NS);
        counts.onOrderSubmitted(io.scalper.core.exec.OrderPurpose.ENTRY);

        assertThat(s.fillRatio()).isEqualTo(0.5);
        assertThat(s.entriesPlaced()).isEqualTo(8);
        assertThat(s.entriesFilled()).isEqualTo(4);
        assertThat(s.makerFills()).isEqualTo(3);
        assertThat(s.takerFills()).isEqualTo(2);
        assertThat(s.orders()).isEqualTo(20);
        assertThat(s.cancels()).isEqualTo(5);
        assertThat(s.rejects()).isEqualTo(1);
    }

    @Test
    void shouldSplitEachTradesNetPnlAcrossSignalsBySignedShareOfTheFusedScore() {
        final PerformanceStats s = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.signalPnl()).containsOnlyKeys("obi", "umom", "vwap");
        assertThat(s.signalPnl().keySet()).containsExactly("obi", "umom", "vwap");
        assertThat(s.signalPnl().get("obi")).isCloseTo(6.75 - 9, within(1e-9));
        assertThat(s.signalPnl().get("umom")).isCloseTo(2.25 + 4.5, within(1e-9));
        assertThat(s.signalPnl().get("vwap")).isZero();
        assertThat(s.attributedPnl()).isCloseTo(9 - 4.5, within(1e-12));
        final double sum =
                s.signalPnl().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(s.attributedPnl(), within(1e-9));
    }

    @Test
    void shouldReportUndefinedRatiosAsNanWithNoTrades() {
        final PerformanceStats s = PerformanceStats.of(List.of(), 250, new ExecutionCounts(), DAY_NS);

        assertThat(s.trades()).isZero();
        assertThat(s.winRate()).isNaN();
        assertThat(s.profitFactor()).isNaN();
        assertThat(s.avgR()).isNaN();
        assertThat(s.fillRatio()).isNaN();
        assertThat(s.avgSlippageTicks()).isNaN();
        assertThat(s.maxDrawdown()).isZero();
        assertThat(s.maxDrawdownFraction()).isZero();
        assertThat(s.startEquity()).isEqualTo(250);
        assertThat(s.endEquity()).isEqualTo(250);
        assertThat(s.netPnl()).isZero();
        assertThat(s.signalPnl()).isEmpty();
        assertThat(s.toJson()).contains("\"winRate\":null", "\"profitFactor\":null", "\"avgR\":null", "\"sharpe\":0");
    }

    @Test
    void shouldGiveInfiniteProfitFactorWhenEveryTradeWins() {
        final PerformanceStats s =
                PerformanceStats.of(List.of(trade(1, 3), trade(2, 1)), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.winRate()).isEqualTo(1.0);
        assertThat(s.losses()).isZero();
        assertThat(s.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.maxDrawdown()).isZero();
        assertThat(s.toJson()).contains("\"profitFactor\":null");
    }

    @Test
    void shouldGiveZeroProfitFactorWhenEveryTradeLoses() {
        final PerformanceStats s =
                PerformanceStats.of(List.of(trade(1, -3), trade(2, -1)), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.winRate()).isZero();
        assertThat(s.wins()).isZero();
        assertThat(s.profitFactor()).isZero();
        assertThat(s.maxDrawdown()).isEqualTo(4);
        assertThat(s.maxDrawdownFraction()).isEqualTo(0.04);
    }

    @Test
    void shouldCountBreakEvenTradesAsNeitherWinsNorLosses() {
        final PerformanceStats s =
                PerformanceStats.of(List.of(trade(1, 0), trade(2, 0)), 100, new ExecutionCounts(), DAY_NS);

        assertThat(s.breakevens()).isEqualTo(2);
        assertThat(s.winRate()).isZero();
        assertThat(s.profitFactor()).isNaN();
    }

    @Test
    void shouldLeaveAvgRUndefinedWhenNoTradeHasAKnownRisk() {
        final List<RoundTrip> trades = List.of(
                trade(1, 5, 0, 0, 0, 0, null, null),
                trade(2, -5, 0, 0, Double.NaN, 0, null, null),
                trade(3, 1, 0, 0, -1, 0, null, null));

        assertThat(PerformanceStats.of(trades, 100, new ExecutionCounts(), DAY_NS)
                        .avgR())
                .isNaN();
    }

    @Test
    void shouldRefuseTradesWithNonFiniteMoney() {
        final PerformanceTracker t = new PerformanceTracker(100, T0);

        assertThatThrownBy(() -> t.onTrade(trade(1, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new PerformanceTracker(Double.POSITIVE_INFINITY, T0))
                .hasMessageContaining("startEquity");
        assertThat(t.trades()).isZero();
    }

    @Test
    void shouldWriteExactlyTheExpectedJson() {
        final RoundTrip t1 = trade(1, 12, 2, 0, 5, 0.5, new String[] {"obi", "umom"}, new double[] {0.3, 0.1});
        final RoundTrip t2 = trade(2, -4, 1, 0, 5, 1.5, new String[] {"obi", "umom"}, new double[] {0.2, 0.2});
        final Map<String, Long> refusals = new LinkedHashMap<>();
        refusals.put("spread", 3L);
        refusals.put("daily \"loss\"\n", 1L);
        final long periodNs = PerformanceStats.YEAR_NS / 36; // nets 10, -5: sharpe = (√2/6)·√(2·36) = 2

        final PerformanceStats s = PerformanceStats.of(
                        List.of(t1, t2), 1000, new ExecutionCounts(4, 2, 1, 3, 9, 2, 1), refusals, periodNs)
                .withExtras(Map.of("eventsPerSecond", 1234.5, "events", 123456L));

        assertThat(s.toJson())
                .isEqualTo("{\"trades\":2,\"wins\":1,\"losses\":1,\"breakevens\":0,\"winRate\":0.5,"
                        + "\"startEquity\":1000,\"endEquity\":1005,\"realizedPnl\":8,\"netPnl\":5,\"grossPnl\":8,"
                        + "\"fees\":3,\"funding\":0,\"avgR\":0.5,\"profitFactor\":2,\"sharpe\":2,\"maxDrawdown\":5,"
                        + "\"maxDrawdownFraction\":0.0049505,\"periodNs\":876000000000000,\"entriesPlaced\":4,"
                        + "\"entriesFilled\":2,\"fillRatio\":0.5,\"makerFills\":1,\"takerFills\":3,\"orders\":9,"
                        + "\"cancels\":2,\"rejects\":1,\"avgSlippageTicks\":1,\"attributedPnl\":5,"
                        + "\"events\":123456,\"eventsPerSecond\":1234.5,"
                        + "\"refusals\":{\"daily \\\"loss\\\"\\n\":1,\"spread\":3},"
                        + "\"signalPnl\":{\"obi\":5,\"umom\":0}}");
    }

    @Test
    void shouldWriteByteIdenticalParseableJsonWithTheRequiredKeysInOrder() {
        final PerformanceStats a = PerformanceStats.of(
                        fourTrades(), 100, new ExecutionCounts(8, 4, 3, 2, 20, 5, 1), Map.of("latency", 2L), DAY_NS)
                .withExtras(Map.of("events", 10L, "eventsPerSecond", 0.1));
        final PerformanceStats b = PerformanceStats.of(
                        fourTrades(), 100, new ExecutionCounts(8, 4, 3, 2, 20, 5, 1), Map.of("latency", 2L), DAY_NS)
                .withExtras(Map.of("eventsPerSecond", 0.1, "events", 10L));

        final String json = a.toJson();
        assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(b.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json).doesNotContain("\n");
        final Map<String, Object> parsed = MiniJson.parseObject(json);
        assertThat(parsed.keySet())
                .containsSubsequence(
                        "trades",
                        "wins",
                        "losses",
                        "winRate",
                        "startEquity",
                        "endEquity",
                        "realizedPnl",
                        "fees",
                        "funding",
                        "sharpe",
                        "maxDrawdown",
                        "fillRatio",
                        "makerFills",
                        "takerFills",
                        "events",
                        "eventsPerSecond",
                        "refusals",
                        "signalPnl")
                .contains("netPnl", "grossPnl", "avgR", "profitFactor", "maxDrawdownFraction", "avgSlippageTicks");
        assertThat(parsed.keySet()).startsWith(PerformanceStats.JSON_KEYS.toArray(new String[0]));
        assertThat(parsed.get("refusals")).isEqualTo(Map.of("latency", new java.math.BigDecimal("2")));
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) parsed.get("signalPnl")).keySet()))
                .containsExactly("obi", "umom", "vwap");
        assertThat(new java.math.BigDecimal(parsed.get("netPnl").toString()).doubleValue())
                .isCloseTo(6, within(1e-8));
    }

    @Test
    void shouldWriteTheSameJsonWhateverTheDefaultLocale() {
        final String expected = PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS)
                .toJson();
        final Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS)
                            .toJson())
                    .isEqualTo(expected);
            Locale.setDefault(new Locale("ar", "EG"));
            assertThat(PerformanceStats.of(fourTrades(), 100, new ExecutionCounts(), DAY_NS)
                            .toJson())
                    .isEqualTo(expected);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void shouldRefuseExtrasThatClashWithStandardKeys() {
        final PerformanceStats s = PerformanceStats.of(List.of(), 100, new ExecutionCounts(), DAY_NS);

        assertThatThrownBy(() -> s.withExtras(Map.of("trades", 1))).hasMessageContaining("trades");
        assertThatThrownBy(() -> s.withExtras(Map.of("signalPnl", 1))).hasMessageContaining("signalPnl");
        assertThatThrownBy(() -> new PerformanceTracker(100, T0).putExtra("sharpe", 1))
                .hasMessageContaining("sharpe");
    }

    @Test
    void shouldCarryTrackerExtrasAndRefusalsIntoTheStats() {
        final PerformanceTracker t = new PerformanceTracker(100, T0);
        t.putExtra("events", 42L);
        t.onRefusal("spread");
        t.onRefusal("spread");
        t.onRefusals("funding", 3);
        t.onRefusals("latency", 0);

        final PerformanceStats s = t.stats(T0 + DAY_NS);
        assertThat(s.extras()).containsExactly(Map.entry("events", 42L));
        assertThat(s.refusals().keySet()).containsExactly("funding", "latency", "spread");
        assertThat(s.refusals()).containsEntry("spread", 2L).containsEntry("funding", 3L);
        assertThat(s.toJson()).contains("\"events\":42,\"refusals\":{\"funding\":3,\"latency\":0,\"spread\":2}");
    }

    @Test
    void shouldProduceStatsAtAnyTimeWithoutDisturbingTheTracker() {
        final PerformanceTracker t = new PerformanceTracker(100, T0);
        final List<RoundTrip> trades = fourTrades();
        t.onTrade(trades.get(0));
        t.onTrade(trades.get(1));
        final PerformanceStats early = t.stats(T0 + DAY_NS);
        t.onTrade(trades.get(2));
        t.onTrade(trades.get(3));

        assertThat(early.trades()).isEqualTo(2);
        assertThat(early.netPnl()).isCloseTo(4.5, within(1e-12));
        assertThat(t.stats(T0 + DAY_NS).toJson())
                .isEqualTo(PerformanceStats.of(trades, 100, new ExecutionCounts(), DAY_NS)
                        .toJson());
    }
}
