package io.scalper.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.EdgeConfig;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.risk.TradingState;
import io.scalper.core.testing.Records;
import org.junit.jupiter.api.Test;

/**
 * Costs first: every entry is priced in basis points before it is sent — the expected move must beat the round trip,
 * the brackets are far enough that a stop-out is not mostly fees, the size risks what it says, a position is closed
 * before funding.
 */
class EngineCostsTest {
    private static final double FEES_BPS = (0.00055 + 0.00055) * 1e4; // taker entry + taker exit, 11 bps
    private static final double MAKER_TAKER_FEES_BPS = (0.0002 + 0.00055) * 1e4; // what the brackets price, 7.5 bps

    private static EngineHarness withEdge(java.util.function.Consumer<ScalperEngine.Builder> customizer) {
        return withEdge(EdgeConfig.defaults(), customizer);
    }

    private static EngineHarness withEdge(
            EdgeConfig edge, java.util.function.Consumer<ScalperEngine.Builder> customizer) {
        return new EngineHarness(EngineHarness.fixedBrackets(), RiskConfig.defaults(), edge, true, null, customizer);
    }

    /** The edge gate pricing a maker entry and a taker exit (7.5 bps of fees) instead of the default taker/taker. */
    private static EdgeConfig makerTaker() {
        final EdgeConfig d = EdgeConfig.defaults();
        return new EdgeConfig(
                d.enabled(),
                d.horizonNs(),
                d.sampleIntervalNs(),
                "makerTaker",
                d.marginBps(),
                d.priorSamples(),
                d.halfLifeSamples(),
                d.calibrationFile());
    }

    /** A calibration that has seen {@code n} decisions at {@code score} followed by a {@code moveBps} move. */
    private static EdgeCalibration learned(double score, double moveBps, int n) {
        final EdgeCalibration c = new EdgeCalibration(EdgeConfig.defaults().horizonNs());
        for (int i = 0; i < n; i++) {
            c.record(score, moveBps);
            c.record(-score, -moveBps);
            c.record(0.0, 0.0);
        }
        return c;
    }

    @Test
    void shouldRefuseEntriesWhileTheCalibrationKnowsNoEdge() {
        final EngineHarness h = withEdge(b -> {});
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNull();
        assertThat(h.engine.refusals().count(RefusalReason.EDGE_BELOW_COST)).isPositive();
        assertThat(h.journal).contains("refused edge_below_cost");
        assertThat(h.engine.lastExpectedEdgeBps()).isCloseTo(0.0, within(1e-9));
        // the default path: a taker entry and a taker exit at 0.055 % each, plus the one-tick spread crossed at 65,000
        assertThat(h.engine.lastCostBps()).isCloseTo(FEES_BPS + 1e4 / 650_000.5, within(1e-6));
    }

    @Test
    void shouldEnterWhenTheLearnedMoveBeatsTheCostAndRefuseWhenItDoesNot() {
        final EngineHarness rich = withEdge(b -> b.edgeCalibration(learned(0.9, 30, 2_000)));
        rich.signal(0.9);
        assertThat(rich.last(OrderPurpose.ENTRY))
                .as("30 bps expected against 12")
                .isNotNull();
        assertThat(rich.engine.lastExpectedEdgeBps()).isGreaterThan(20);

        final EngineHarness poor = withEdge(b -> b.edgeCalibration(learned(0.9, 6, 2_000)));
        poor.signal(0.9);
        assertThat(poor.last(OrderPurpose.ENTRY))
                .as("6 bps expected against 12")
                .isNull();
        assertThat(poor.engine.refusals().count(RefusalReason.EDGE_BELOW_COST)).isPositive();

        final EngineHarness wrongWay = withEdge(b -> b.edgeCalibration(learned(0.9, 30, 2_000)));
        wrongWay.signal(-0.9); // a short where the calibration expects the price to fall: allowed
        assertThat(wrongWay.last(OrderPurpose.ENTRY).side()).isEqualTo(io.scalper.core.model.Side.SELL);
    }

    @Test
    void shouldTakeLiquidityAtOnceOnlyWhenTheExpectedMoveAlsoPaysATakerRoundTrip() {
        final EngineHarness urgent = withEdge(b -> b.edgeCalibration(learned(0.9, 30, 2_000)));
        urgent.signal(0.9);
        final OrderRequest ioc = urgent.last(OrderPurpose.ENTRY);
        assertThat(ioc.timeInForce())
                .as("30 bps expected beats 11 bps of taker fees both ways")
                .isEqualTo(io.scalper.core.exec.TimeInForce.IOC);
        assertThat(ioc.priceTicks())
                .as("through the ask by maxSlippageBps, 2 bps of 65,000.1 = 130 ticks")
                .isEqualTo(urgent.ask + 130);
        assertThat(urgent.engine.urgentEntries()).isEqualTo(1);

        final EngineHarness refused = withEdge(b -> b.edgeCalibration(learned(0.9, 10, 2_000)));
        refused.signal(0.9);
        assertThat(refused.last(OrderPurpose.ENTRY))
                .as("10 bps: not enough for the default taker/taker path")
                .isNull();

        final EngineHarness patient = withEdge(makerTaker(), b -> b.edgeCalibration(learned(0.9, 10, 2_000)));
        patient.signal(0.9);
        final OrderRequest resting = patient.last(OrderPurpose.ENTRY);
        assertThat(resting.timeInForce())
                .as("10 bps, pricing a maker entry: enough to rest post-only, not to take")
                .isEqualTo(io.scalper.core.exec.TimeInForce.POST_ONLY);
        assertThat(patient.engine.urgentEntries()).isZero();
    }

    @Test
    void shouldTrailByStopDistancesSoTheTrailIsNeverTighterThanTheStop() {
        final EngineHarness h = new EngineHarness(
                ExecutionConfig.defaults(),
                RiskConfig.defaults(),
                EdgeConfig.defaults().withEnabled(false),
                true,
                null,
                b -> {});
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        h.fill(entry, entry.priceTicks(), entry.qtyLots(), Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        final long distance = entry.priceTicks() - stop.triggerPriceTicks();
        h.advanceMs(600);
        h.book(entry.priceTicks() + distance - 5, entry.priceTicks() + distance - 4); // not yet one stop in favour
        assertThat(h.gateway.commands("amend")).isEmpty();
        h.advanceMs(600);
        h.book(entry.priceTicks() + distance, entry.priceTicks() + distance + 1); // one stop in favour
        final var amends = h.gateway.commands("amend");
        assertThat(amends).isNotEmpty();
        assertThat(amends.get(amends.size() - 1).triggerPriceTicks())
                .as("the stop moves to the entry price: a stop distance behind the best bid")
                .isEqualTo(entry.priceTicks());
    }

    @Test
    void shouldLearnFromEveryDecisionWhetherItTradedOrNot() {
        final EngineHarness h = withEdge(b -> {});
        for (int i = 0; i < 600; i++) { // 60 s of decisions every 100 ms, the mid stepping up 1 tick a second
            h.advanceMs(100);
            h.book(650_000 + i / 10, 650_001 + i / 10);
        }
        assertThat(h.gateway.commands("submit")).as("nothing traded").isEmpty();
        // decisions every 250 ms resolved after 30 s: about (60 - 30) × 4
        assertThat(h.engine.edgeCalibration().samples()).isBetween(100.0, 130.0);
    }

    @Test
    void shouldPriceTheBracketsFromCostAndSizeTheRiskTheyImply() {
        final EngineHarness h = new EngineHarness(
                ExecutionConfig.defaults(),
                RiskConfig.defaults(),
                EdgeConfig.defaults().withEnabled(false),
                true,
                null,
                b -> {});
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        // stop = max(20 ticks, 1 sigma over 30 s (about 0 on this still book), 2 round trips of ~7.5 bps)
        final double costTicks = (MAKER_TAKER_FEES_BPS + 0.5 * 1e4 / 650_000.5) * 650_000.5 / 1e4;
        final long stopTicks = (long) Math.ceil(2 * costTicks);
        // 0.5 % of 10,000 over the stop: 50 USDT / (stop ticks × 0.1 × 0.001) lots, under the 10x cap
        assertThat(entry.qtyLots()).isEqualTo((long) Math.floor(50.0 / (stopTicks * 0.1 * 0.001)));
        h.fill(entry, entry.priceTicks(), entry.qtyLots(), Liquidity.MAKER);
        assertThat(entry.priceTicks() - h.last(OrderPurpose.STOP_LOSS).triggerPriceTicks())
                .isEqualTo(stopTicks);
        assertThat(h.last(OrderPurpose.TAKE_PROFIT).priceTicks() - entry.priceTicks())
                .as("1.5 stops")
                .isEqualTo((long) Math.ceil(1.5 * stopTicks));
        assertThat(h.engine.cappedEntries()).isZero();
        // a stop-out then costs about 1 R plus the fees, not many R of fees
        h.fill(
                h.last(OrderPurpose.STOP_LOSS),
                h.last(OrderPurpose.STOP_LOSS).triggerPriceTicks(),
                entry.qtyLots(),
                Liquidity.TAKER);
        final double r = h.engine.roundTrips().get(0).rMultiple();
        assertThat(r).isBetween(-1.6, -1.0);
    }

    @Test
    void shouldWidenTheStopWithVolatilityOverTheHoldingHorizon() {
        final EngineHarness h = new EngineHarness(
                Records.with(ExecutionConfig.defaults(), "stopCostMultiple", 0.0),
                RiskConfig.defaults(),
                EdgeConfig.defaults().withEnabled(false),
                true,
                null,
                b -> {});
        for (int i = 0; i < 100; i++) { // the mid swings 50 ticks every 100 ms
            h.advanceMs(100).book(i % 2 == 0 ? 650_050 : 650_000, i % 2 == 0 ? 650_051 : 650_001);
        }
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        h.fill(entry, entry.priceTicks(), entry.qtyLots(), Liquidity.MAKER);
        final long stop = entry.priceTicks() - h.last(OrderPurpose.STOP_LOSS).triggerPriceTicks();
        final double sigmaTicks = h.engine.pipeline().features().volTicksPerSqrtSec() * Math.sqrt(30);
        assertThat(stop).as("one sigma over 30 s").isEqualTo((long) Math.ceil(sigmaTicks));
        assertThat(stop).isGreaterThan(ExecutionConfig.defaults().stopTicks());
    }

    @Test
    void shouldJournalACappedSizeAndCountTheDailyLossInTheRiskActuallyTaken() {
        // 20-tick brackets ask for 25 BTC; the 100,000 USDT position cap (and 10x leverage, the same here) cap it at
        // 1.538: the trade risks 3 USDT, not 50
        final EngineHarness h = new EngineHarness();
        final java.util.List<io.scalper.core.risk.SizingResult> capped = new java.util.ArrayList<>();
        final EngineHarness c = new EngineHarness(
                EngineHarness.fixedBrackets(),
                RiskConfig.defaults(),
                EdgeConfig.defaults().withEnabled(false),
                true,
                null,
                b -> b.listener(new EngineListener() {
                    @Override
                    public void onSizeCapped(io.scalper.core.risk.SizingResult size) {
                        capped.add(size);
                    }
                }));
        c.signal(0.9);
        assertThat(capped).hasSize(1);
        assertThat(capped.get(0).cappedBy()).isEqualTo(RefusalReason.MAX_POSITION);
        assertThat(capped.get(0).lots()).isEqualTo(1538);
        assertThat(capped.get(0).uncappedLots()).isEqualTo(25_000);
        assertThat(capped.get(0).riskAmount()).isCloseTo(1538 * 20 * 0.1 * 0.001, within(1e-9));
        // one stop-out loses 3 USDT of price and ~75 of fees: 25 R of the R actually taken, past the 10 R daily limit
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        h.fill(entry, entry.priceTicks(), 1538, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.fill(stop, stop.triggerPriceTicks(), 1538, Liquidity.TAKER);
        assertThat(h.engine.roundTrips().get(0).rMultiple()).isLessThan(-10);
        assertThat(h.engine.dailyLoss().isTripped()).isTrue();
        assertThat(h.engine.killSwitch().holds(RefusalReason.DAILY_LOSS_LIMIT)).isTrue();
    }

    @Test
    void shouldCloseAPositionWhenTheFundingWindowStartsUnlessToldToHold() {
        final long fundingMs = (EngineHarness.START_NS + 10 * 60_000_000_000L) / 1_000_000L;
        final EngineHarness h = new EngineHarness();
        h.nextFunding(fundingMs);
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        h.fill(entry, entry.priceTicks(), 500, Liquidity.MAKER);
        h.advanceMs(6 * 60_000 + 30_000); // 3.5 min before funding: outside the window
        h.book(h.bid, h.ask);
        assertThat(h.last(OrderPurpose.EXIT)).isNull();
        h.advanceMs(60_000); // 2.5 min before: inside
        h.book(h.bid, h.ask);
        final OrderRequest exit = h.last(OrderPurpose.EXIT);
        assertThat(exit).as("closed before funding").isNotNull();
        assertThat(exit.qtyLots()).isEqualTo(500);
        assertThat(h.engine.fundingCloses()).isEqualTo(1);
        assertThat(h.journal).contains("alert funding_close");
        h.book(h.bid, h.ask);
        assertThat(h.gateway.commands("submit").stream()
                        .filter(cmd -> cmd.request().purpose() == OrderPurpose.EXIT)
                        .count())
                .as("once per funding time")
                .isEqualTo(1);

        final EngineHarness hold = new EngineHarness(
                EngineHarness.fixedBrackets(), Records.with(RiskConfig.defaults(), "fundingClose", false), true);
        hold.nextFunding(fundingMs);
        hold.signal(0.9);
        final OrderRequest e2 = hold.last(OrderPurpose.ENTRY);
        hold.fill(e2, e2.priceTicks(), 500, Liquidity.MAKER);
        hold.advanceMs(7 * 60_000 + 30_000);
        hold.book(hold.bid, hold.ask);
        assertThat(hold.last(OrderPurpose.EXIT)).as("held through funding").isNull();
        assertThat(hold.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void shouldReadAResearchCalibrationFileNamedInTheConfigAndRefuseOneForAnotherHorizon(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        final java.nio.file.Path file = dir.resolve("cal.json");
        java.nio.file.Files.writeString(file, EdgeCalibration.toJson(java.util.List.of(learned(0.9, 30, 2_000))));
        final ScalperConfig config = ScalperConfig.defaults().with("edge.calibrationFile", file.toString());
        final ScalperEngine e = ScalperEngine.builder()
                .config(config)
                .instrument(EngineHarness.BTC)
                .clock(new io.scalper.core.time.ManualClock(EngineHarness.START_NS))
                .gateway(new io.scalper.core.exec.RecordingGateway(
                        new io.scalper.core.time.ManualClock(EngineHarness.START_NS), true))
                .build();
        assertThat(e.edgeCalibration().expectedMoveBps(0.9)).isGreaterThan(20);
        final ScalperConfig otherHorizon = config.with("edge.horizon", "5s").with("edge.sampleInterval", "250ms");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScalperEngine.builder()
                        .config(otherHorizon)
                        .instrument(EngineHarness.BTC)
                        .clock(new io.scalper.core.time.ManualClock(0))
                        .gateway(new io.scalper.core.exec.RecordingGateway(
                                new io.scalper.core.time.ManualClock(0), true))
                        .build())
                .hasMessageContaining("edge.calibrationFile");
    }
}
