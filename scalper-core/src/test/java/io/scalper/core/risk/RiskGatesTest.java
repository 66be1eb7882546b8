package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;
import io.scalper.core.testing.MarketScript;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiskGatesTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long NOW_NS = MarketScript.START_NS + 600 * S;
    private static final long NOW_MS = NOW_NS / MS;
    private static final Features NORMAL = normalFeatures();
    private static final Features EXTREME = extremeFeatures();

    private final RiskGates gates = new RiskGates(RiskConfig.defaults());
    private final EntryContext ctx = new EntryContext();

    /** One failing condition per gate, in the documented order. */
    private static final List<Breaker> BREAKERS = List.of(
            new Breaker(RefusalReason.KILL_SWITCH, c -> c.tradingState(TradingState.REDUCING)),
            new Breaker(RefusalReason.DAILY_LOSS_LIMIT, c -> c.dailyLossTripped(true)),
            new Breaker(RefusalReason.HALTED_DRAWDOWN, c -> c.drawdownMultiplier(0.0)),
            new Breaker(RefusalReason.BOOK_OUT_OF_SYNC, c -> c.bookSynced(false)),
            new Breaker(RefusalReason.BOOK_STALE, c -> c.lastBookUpdateNs(NOW_NS - 2 * S - 1)),
            new Breaker(RefusalReason.REGIME_EXTREME, c -> c.features(EXTREME)),
            new Breaker(RefusalReason.SPREAD_TOO_WIDE, c -> c.spreadTicks(3)),
            new Breaker(RefusalReason.LATENCY_TOO_HIGH, c -> c.latencyNs(80 * MS + 1)),
            new Breaker(RefusalReason.FUNDING_WINDOW, c -> c.nextFundingTimeMs(NOW_MS + 180_000)),
            new Breaker(RefusalReason.COOLDOWN, c -> c.lastLossExitNs(NOW_NS - 5 * S + 1)),
            new Breaker(RefusalReason.POSITION_OPEN, c -> c.positionLots(5)),
            new Breaker(RefusalReason.ENTRY_WORKING, c -> c.entryWorking(true)));

    private record Breaker(RefusalReason reason, Consumer<EntryContext> apply) {
        @Override
        public String toString() {
            return reason.code();
        }
    }

    private static Features normalFeatures() {
        final MarketScript m = new MarketScript();
        m.flatBook(1000, 10);
        return m.features();
    }

    private static Features extremeFeatures() {
        final MarketScript m = new MarketScript();
        m.flatBook(1000, 10);
        for (int i = 1; i <= 300; i++) {
            m.advanceMs(1000).flatBook(i % 2 == 0 ? 1000 : 1001, 10);
        }
        for (int i = 1; i <= 50; i++) {
            m.advanceMs(100).flatBook(i % 2 == 0 ? 1000 : 1006, 10);
        }
        return m.features();
    }

    /** A context in which every gate passes at {@code nowNs}. */
    private static EntryContext fine(EntryContext c, long nowNs) {
        return c.clear()
                .nowNs(nowNs)
                .features(NORMAL)
                .positionLots(0)
                .entryWorking(false)
                .spreadTicks(1)
                .bookSynced(true)
                .lastBookUpdateNs(nowNs - 100 * MS)
                .latencyNs(10 * MS)
                .nextFundingTimeMs(nowNs / MS + 3_600_000)
                .fundingIntervalHours(8)
                .lastLossExitNs(nowNs - 60 * S)
                .tradingState(TradingState.ACTIVE)
                .drawdownMultiplier(1.0)
                .dailyLossTripped(false);
    }

    private EntryContext fine() {
        return fine(ctx, NOW_NS);
    }

    @Test
    void shouldBuildFeaturesInTheRegimesTheTestsNeed() {
        assertThat(NORMAL.regime()).isEqualTo(VolRegime.NORMAL);
        assertThat(EXTREME.regime()).isEqualTo(VolRegime.EXTREME);
    }

    @Test
    void shouldAllowAnEntryWhenEveryGatePasses() {
        assertThat(gates.check(fine())).isNull();
        assertThat(gates.checks()).isEqualTo(1);
        assertThat(gates.allowed()).isEqualTo(1);
        assertThat(gates.counters().total()).isZero();
    }

    @Test
    void shouldAllowAnEntryOnAFreshContextAtTimeZero() {
        assertThat(gates.check(new EntryContext())).isNull();
    }

    static Stream<Breaker> breakers() {
        return BREAKERS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakers")
    void shouldRefuseWithEachGateAloneAndCountIt(Breaker breaker) {
        breaker.apply().accept(fine());

        assertThat(gates.check(ctx)).isEqualTo(breaker.reason());
        assertThat(gates.counters().count(breaker.reason())).isEqualTo(1);
        assertThat(gates.counters().total()).isEqualTo(1);
        assertThat(gates.allowed()).isZero();
    }

    @Test
    void shouldReportTheFirstFailingGateInTheDocumentedOrder() {
        for (int first = 0; first <= BREAKERS.size(); first++) {
            fine();
            for (int i = first; i < BREAKERS.size(); i++) {
                BREAKERS.get(i).apply().accept(ctx);
            }
            final RefusalReason expected =
                    first < BREAKERS.size() ? BREAKERS.get(first).reason() : null;
            assertThat(gates.check(ctx)).as("gates %d.. failing", first).isEqualTo(expected);
        }
        for (Breaker b : BREAKERS) {
            assertThat(gates.counters().count(b.reason())).as(b.reason().code()).isEqualTo(1);
        }
    }

    @Test
    void shouldListTheGatesFirstInTheEnumInTheSameOrder() {
        for (int i = 0; i < BREAKERS.size(); i++) {
            assertThat(RefusalReason.values()[i]).isEqualTo(BREAKERS.get(i).reason());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldReportTheEarliestOfAnyRandomSetOfFailingGates(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] expectedCounts = new long[RefusalReason.values().length];
        long refused = 0;
        final int checks = 500;
        for (int n = 0; n < checks; n++) {
            fine();
            RefusalReason expected = null;
            for (Breaker b : BREAKERS) {
                if (random.nextInt(4) == 0) {
                    b.apply().accept(ctx);
                    if (expected == null) {
                        expected = b.reason();
                    }
                }
            }
            assertThat(gates.check(ctx)).isEqualTo(expected);
            if (expected != null) {
                expectedCounts[expected.ordinal()]++;
                refused++;
            }
        }
        for (RefusalReason r : RefusalReason.values()) {
            assertThat(gates.counters().count(r)).as(r.code()).isEqualTo(expectedCounts[r.ordinal()]);
        }
        assertThat(gates.counters().total()).isEqualTo(refused);
        assertThat(gates.checks()).isEqualTo(checks);
        assertThat(gates.allowed()).isEqualTo(checks - refused);
    }

    @Test
    void shouldRefuseInAnyTrippedTradingState() {
        assertThat(gates.check(fine().tradingState(TradingState.HALTED))).isEqualTo(RefusalReason.KILL_SWITCH);
        assertThat(gates.check(fine().tradingState(null))).isEqualTo(RefusalReason.KILL_SWITCH);
    }

    @Test
    void shouldTreatAnUnknownMultiplierAsHalted() {
        assertThat(gates.check(fine().drawdownMultiplier(Double.NaN))).isEqualTo(RefusalReason.HALTED_DRAWDOWN);
        assertThat(gates.check(fine().drawdownMultiplier(0.25))).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {EntryContext.NONE, 0, -1})
    void shouldTreatAMissingOrCrossedSpreadAsABookOutOfSync(long spreadTicks) {
        assertThat(gates.check(fine().spreadTicks(spreadTicks))).isEqualTo(RefusalReason.BOOK_OUT_OF_SYNC);
    }

    @Test
    void shouldAllowABookExactlyAtTheAgeLimit() {
        assertThat(gates.check(fine().lastBookUpdateNs(NOW_NS - 2 * S))).isNull();
        assertThat(gates.check(fine().lastBookUpdateNs(NOW_NS - 2 * S - 1))).isEqualTo(RefusalReason.BOOK_STALE);
    }

    @Test
    void shouldTreatABookNeverUpdatedAsStale() {
        assertThat(gates.check(fine().lastBookUpdateNs(EntryContext.NONE))).isEqualTo(RefusalReason.BOOK_STALE);
    }

    @Test
    void shouldSkipTheRegimeGateWithoutFeatures() {
        assertThat(gates.check(fine().features(null))).isNull();
    }

    @Test
    void shouldAllowASpreadExactlyAtTheLimit() {
        assertThat(gates.check(fine().spreadTicks(2))).isNull();
        assertThat(gates.check(fine().spreadTicks(3))).isEqualTo(RefusalReason.SPREAD_TOO_WIDE);
    }

    @Test
    void shouldAllowLatencyExactlyAtTheLimitAndWhenUnknown() {
        assertThat(gates.check(fine().latencyNs(80 * MS))).isNull();
        assertThat(gates.check(fine().latencyNs(Double.NaN))).isNull();
        assertThat(gates.check(fine().latencyNs(-1))).isNull();
        assertThat(gates.check(fine().latencyNs(Double.POSITIVE_INFINITY))).isEqualTo(RefusalReason.LATENCY_TOO_HIGH);
    }

    @Test
    void shouldTakeTheWorseOfFeedAgeAndRoundTrip() {
        assertThat(fine().latencyNs(5 * MS, 90 * MS).latencyNs()).isEqualTo(90 * MS);
        assertThat(gates.check(ctx)).isEqualTo(RefusalReason.LATENCY_TOO_HIGH);
        assertThat(fine().latencyNs(90 * MS, Double.NaN).latencyNs()).isEqualTo(90 * MS);
        assertThat(fine().latencyNs(-1, 30 * MS).latencyNs()).isEqualTo(30 * MS);
        assertThat(fine().latencyNs(Double.NaN, -5).latencyNs()).isNaN();
        assertThat(gates.check(ctx)).isNull();
    }

    @Test
    void shouldRefuseWithinThreeMinutesBeforeAFundingTime() {
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS + 180_000))).isEqualTo(RefusalReason.FUNDING_WINDOW);
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS))).isEqualTo(RefusalReason.FUNDING_WINDOW);
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS + 180_001))).isNull();
    }

    @Test
    void shouldPassTheFundingGateWhenTheFundingTimeIsUnknown() {
        assertThat(gates.check(fine().nextFundingTimeMs(EntryContext.NONE))).isNull();
    }

    @Test
    void shouldRefuseWithinThreeMinutesAfterAFundingTimeOnceTheTickerHasMovedOn() {
        final long eightHoursMs = 8 * 3_600_000L;
        // funding settled at NOW_MS - 60 s; the ticker already shows the next one, 8 h after it
        final long nextMs = NOW_MS - 60_000 + eightHoursMs;

        assertThat(gates.check(fine().nextFundingTimeMs(nextMs))).isEqualTo(RefusalReason.FUNDING_WINDOW);
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS - 180_000 + eightHoursMs)))
                .isEqualTo(RefusalReason.FUNDING_WINDOW);
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS - 180_001 + eightHoursMs)))
                .isNull();
    }

    @Test
    void shouldRefuseJustAfterAFundingTimeTheTickerHasNotMovedOnYet() {
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS - 180_000))).isEqualTo(RefusalReason.FUNDING_WINDOW);
        assertThat(gates.check(fine().nextFundingTimeMs(NOW_MS - 180_001))).isNull();
    }

    @Test
    void shouldCheckOnlyTheNextFundingTimeWhenTheIntervalIsUnknown() {
        final long nextMs = NOW_MS - 60_000 + 8 * 3_600_000L;

        assertThat(gates.check(fine().fundingIntervalHours(EntryContext.NONE).nextFundingTimeMs(nextMs)))
                .isNull();
        assertThat(gates.check(fine().fundingIntervalHours(4).nextFundingTimeMs(NOW_MS - 60_000 + 4 * 3_600_000L)))
                .isEqualTo(RefusalReason.FUNDING_WINDOW);
    }

    @Test
    void shouldFollowAConfiguredFundingWindow() {
        final RiskGates narrow = new RiskGates(RiskConfigs.with("fundingWindowNs", 30 * S));

        assertThat(narrow.check(fine().nextFundingTimeMs(NOW_MS + 31_000))).isNull();
        assertThat(narrow.check(fine().nextFundingTimeMs(NOW_MS + 30_000))).isEqualTo(RefusalReason.FUNDING_WINDOW);
    }

    @Test
    void shouldCoolDownForFiveSecondsAfterALosingTrade() {
        assertThat(gates.check(fine().lastLossExitNs(NOW_NS))).isEqualTo(RefusalReason.COOLDOWN);
        assertThat(gates.check(fine().lastLossExitNs(NOW_NS - 5 * S + 1))).isEqualTo(RefusalReason.COOLDOWN);
        assertThat(gates.check(fine().lastLossExitNs(NOW_NS - 5 * S))).isNull();
        assertThat(gates.check(fine().lastLossExitNs(EntryContext.NONE))).isNull();
    }

    @Test
    void shouldRefuseWithAShortPositionOpen() {
        assertThat(gates.check(fine().positionLots(-1))).isEqualTo(RefusalReason.POSITION_OPEN);
    }

    @Test
    void shouldCountRefusalsPerReason() {
        gates.check(fine().spreadTicks(5));
        gates.check(fine().spreadTicks(5));
        gates.check(fine().entryWorking(true));
        gates.check(fine());

        assertThat(gates.counters().count(RefusalReason.SPREAD_TOO_WIDE)).isEqualTo(2);
        assertThat(gates.counters().count(RefusalReason.ENTRY_WORKING)).isEqualTo(1);
        assertThat(gates.counters().snapshot())
                .containsEntry("spread_too_wide", 2L)
                .containsEntry("entry_working", 1L)
                .containsEntry("cooldown", 0L);
        assertThat(gates.checks()).isEqualTo(4);
        assertThat(gates.allowed()).isEqualTo(1);
    }

    @Test
    void shouldCarryTheDecisionWithoutReadingIt() {
        final MarketScript m = new MarketScript();
        m.flatBook(1000, 10);

        assertThat(gates.check(fine().decision(m.decision()))).isNull();
        assertThat(ctx.decision()).isSameAs(m.decision());
        assertThat(ctx.clear().decision()).isNull();
    }

    static Stream<Arguments> allBreakerPairs() {
        final List<Arguments> pairs = new ArrayList<>();
        for (int i = 0; i < BREAKERS.size(); i++) {
            for (int j = i + 1; j < BREAKERS.size(); j++) {
                pairs.add(Arguments.of(BREAKERS.get(i), BREAKERS.get(j)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} before {1}")
    @MethodSource("allBreakerPairs")
    void shouldPreferTheEarlierGateOfAnyPair(Breaker earlier, Breaker later) {
        fine();
        later.apply().accept(ctx);
        earlier.apply().accept(ctx);

        assertThat(gates.check(ctx)).isEqualTo(earlier.reason());
    }
}
