package io.scalper.core.engine;

import static io.scalper.core.engine.EngineHarness.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderStatus;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.KillSwitch;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.risk.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScalperEngineTest {
    private final EngineHarness h = new EngineHarness();

    private OrderRequest enterLong() {
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        assertThat(entry).as("an entry was sent").isNotNull();
        return entry;
    }

    @Test
    void shouldEnterWithAPostOnlyLimitAtTheTouchSizedByRisk() {
        final OrderRequest entry = enterLong();
        assertThat(entry.side()).isEqualTo(Side.BUY);
        assertThat(entry.timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
        assertThat(entry.priceTicks()).as("joins the best bid (1-tick spread)").isEqualTo(h.bid);
        // 0.5 % of 10,000 = 50 USDT over a 20-tick (2 USDT/BTC) stop = 25 BTC, capped by 10x leverage: 1.538 BTC
        assertThat(entry.qtyLots()).isEqualTo(1538);
        assertThat(entry.reduceOnly()).isFalse();
        assertThat(entry.clientOrderId()).matches("[A-Za-z0-9_-]{1,36}").startsWith("sc-");
        assertThat(h.engine.entryWorking()).isTrue();
        h.signal(0.9);
        assertThat(h.gateway.commands("submit"))
                .as("no second entry while one works")
                .hasSize(1);
        assertThat(h.engine.refusals().count(RefusalReason.ENTRY_WORKING)).isEqualTo(1);
    }

    @Test
    void shouldImproveTheTouchByOneTickWhenTheSpreadAllows() {
        h.book(650_000, 650_002); // a 2-tick spread is still within the spread gate
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY).priceTicks()).isEqualTo(650_001);
    }

    @Test
    void shouldBracketEveryFillWithAStopAndATakeProfitSizedToThePosition() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 500, Liquidity.MAKER);
        OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        final OrderRequest tp = h.last(OrderPurpose.TAKE_PROFIT);
        assertThat(stop.side()).isEqualTo(Side.SELL);
        assertThat(stop.reduceOnly()).isTrue();
        assertThat(stop.isConditional()).isTrue();
        assertThat(stop.triggerPriceTicks()).isEqualTo(h.bid - 20);
        assertThat(stop.triggerSource())
                .as("on the mark: one stray print does not fire it")
                .isEqualTo(TriggerSource.MARK_PRICE);
        assertThat(stop.qtyLots()).isEqualTo(500);
        assertThat(tp.timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
        assertThat(tp.reduceOnly()).isTrue();
        assertThat(tp.priceTicks()).isEqualTo(h.bid + 30);
        // the rest fills: both legs are amended to the whole position
        h.fill(entry, h.bid, 1038, Liquidity.MAKER);
        assertThat(h.engine.position().qtyLots()).isEqualTo(1538);
        final var amends = h.gateway.commands("amend");
        assertThat(amends).extracting(c -> c.qtyLots()).contains(1538L);
        assertThat(h.order(stop).request().qtyLots()).isEqualTo(1538);
        assertThat(h.order(tp).request().qtyLots()).isEqualTo(1538);
        assertThat(h.maxPositionSeen).isLessThanOrEqualTo(1538);
    }

    @Test
    void shouldRepostAfterAPostOnlyCancel() {
        final OrderRequest entry = enterLong();
        h.book(h.bid + 2, h.ask + 2); // market moved; the exchange says our post-only would have crossed
        h.gateway.cancelled(entry.clientOrderId(), CancelReason.POST_ONLY_WOULD_TAKE);
        final OrderRequest again = h.last(OrderPurpose.ENTRY);
        assertThat(again.clientOrderId()).isNotEqualTo(entry.clientOrderId());
        assertThat(again.priceTicks()).isEqualTo(h.bid);
        assertThat(again.qtyLots()).isEqualTo(1538);
        h.check();
    }

    @ParameterizedTest
    @EnumSource(CancelReason.class)
    void shouldRepostOnlyWhenTheCancelReasonIsPostOnlyWouldTake(CancelReason reason) {
        final OrderRequest entry = enterLong();
        h.book(h.bid + 2, h.ask + 2);
        // the venue's text says post-only, but only the core reason counts
        h.gateway.cancelled(entry.clientOrderId(), reason, "EC_PostOnlyWillTakeLiquidity");
        final OrderRequest last = h.last(OrderPurpose.ENTRY);
        if (reason == CancelReason.POST_ONLY_WOULD_TAKE) {
            assertThat(last.clientOrderId()).isNotEqualTo(entry.clientOrderId());
            assertThat(last.priceTicks()).isEqualTo(h.bid);
        } else {
            assertThat(last.clientOrderId())
                    .as("no repost after a cancel for %s", reason)
                    .isEqualTo(entry.clientOrderId());
        }
        h.check();
    }

    @Test
    void shouldRepriceByAmendWhenTheTouchMovesAway() {
        final OrderRequest entry = enterLong();
        h.advanceMs(300);
        h.book(h.bid + 3, h.ask + 3);
        final var amends = h.gateway.commands("amend");
        assertThat(amends).hasSize(1);
        assertThat(amends.get(0).clientOrderId()).isEqualTo(entry.clientOrderId());
        assertThat(amends.get(0).priceTicks()).isEqualTo(h.bid);
        assertThat(h.order(entry).request().priceTicks()).isEqualTo(h.bid);
    }

    @Test
    void shouldCancelAndReplaceWhenTheGatewayCannotAmend() {
        final EngineHarness noAmend = new EngineHarness(EngineHarness.fixedBrackets(), RiskConfig.defaults(), false);
        noAmend.signal(0.9);
        final OrderRequest entry = noAmend.last(OrderPurpose.ENTRY);
        noAmend.advanceMs(300);
        noAmend.book(noAmend.bid + 3, noAmend.ask + 3);
        assertThat(noAmend.gateway.commands("cancel"))
                .extracting(c -> c.clientOrderId())
                .contains(entry.clientOrderId());
        final OrderRequest replacement = noAmend.last(OrderPurpose.ENTRY);
        assertThat(replacement.clientOrderId()).isNotEqualTo(entry.clientOrderId());
        assertThat(replacement.priceTicks()).isEqualTo(noAmend.bid);
    }

    @Test
    void shouldEscalateToAnIocCappedAtTheSlippageLimitWhenTheSignalStaysStrong() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 538, Liquidity.MAKER);
        h.advanceMs(3_100);
        final OrderRequest ioc = h.last(OrderPurpose.ENTRY);
        assertThat(ioc.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(ioc.priceTicks())
                .as("maxSlippageBps through the ask: 2 bps of %d ticks", h.ask)
                .isEqualTo(h.ask + h.ask * 2 / 10_000);
        assertThat(ioc.qtyLots()).as("only the remainder").isEqualTo(1000);
        h.fill(ioc, h.ask, 1000, Liquidity.TAKER);
        assertThat(h.engine.position().qtyLots()).isEqualTo(1538);
        assertThat(h.engine.escalations()).isEqualTo(1);
    }

    @Test
    void shouldAbandonTheEntryWhenTheSignalDecaysAndBracketThePartialFill() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 300, Liquidity.MAKER);
        h.signal(0.05);
        assertThat(h.order(entry).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(h.engine.entryWorking()).isFalse();
        assertThat(h.engine.position().qtyLots()).isEqualTo(300);
        assertThat(h.order(h.last(OrderPurpose.STOP_LOSS)).request().qtyLots()).isEqualTo(300);
    }

    @Test
    void shouldAccountForAFillThatArrivesAfterTheCancel() {
        final OrderRequest entry = enterLong();
        h.signal(0.0); // abandon: cancel acknowledged at once
        assertThat(h.order(entry).status()).isEqualTo(OrderStatus.CANCELED);
        h.fill(entry, h.bid, 200, Liquidity.MAKER); // the race: a fill after the cancel
        assertThat(h.engine.position().qtyLots()).isEqualTo(200);
        assertThat(h.order(h.last(OrderPurpose.STOP_LOSS)).request().qtyLots()).isEqualTo(200);
    }

    @Test
    void shouldIgnoreDuplicateFillsAndCopeWithAMissingAcknowledgement() {
        final EngineHarness manual = new EngineHarness();
        manual.signal(0.9);
        final OrderRequest entry = manual.last(OrderPurpose.ENTRY);
        final OrderEvent.Filled fill = new OrderEvent.Filled(
                entry.clientOrderId(), "v1", "fill-1", manual.bid, 400, 0.05, Liquidity.MAKER, 1138, 1, 1);
        manual.gateway.deliver(fill);
        manual.gateway.deliver(fill);
        assertThat(manual.engine.position().qtyLots()).isEqualTo(400);
        assertThat(manual.engine.orders().duplicates()).isPositive();
        manual.gateway.deliver(new OrderEvent.Accepted(entry.clientOrderId(), "v1", 1, 1)); // late ack: duplicate
        assertThat(manual.order(entry).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        manual.check();
    }

    @Test
    void shouldCloseWithTheTakeProfitCancelTheStopAndRecordTheRoundTrip() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 1538, Liquidity.MAKER);
        final long entryPrice = h.bid;
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        final OrderRequest tp = h.last(OrderPurpose.TAKE_PROFIT);
        h.book(entryPrice + 30, entryPrice + 31);
        h.fill(tp, entryPrice + 30, 1538, Liquidity.MAKER);
        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.order(stop).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(h.engine.roundTrips()).hasSize(1);
        final RoundTrip t = h.engine.roundTrips().get(0);
        assertThat(t.exitReason()).isEqualTo("take_profit");
        assertThat(t.grossPnl()).isCloseTo(30 * 0.1 * 1.538, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.qtyLots()).isEqualTo(1538);
        assertThat(t.riskAmount()).isCloseTo(1538 * 20 * 0.1 * 0.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.signalNames()).contains("control", "obi");
    }

    @Test
    void shouldFlattenWhenTakeProfitAndStopBothFillInARace() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 1000, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        final OrderRequest tp = h.last(OrderPurpose.TAKE_PROFIT);
        h.fill(tp, tp.priceTicks(), 1000, Liquidity.MAKER);
        h.fill(stop, stop.triggerPriceTicks(), 1000, Liquidity.TAKER); // arrived although its cancel was sent
        assertThat(h.engine.overshoots()).isEqualTo(1);
        final OrderRequest exit = h.last(OrderPurpose.EXIT);
        assertThat(exit).isNotNull();
        assertThat(exit.side()).isEqualTo(Side.BUY);
        assertThat(exit.reduceOnly()).isTrue();
        assertThat(exit.qtyLots()).isEqualTo(1000);
        h.fill(exit, h.ask, 1000, Liquidity.TAKER);
        assertThat(h.engine.position().isFlat()).isTrue();
    }

    @Test
    void shouldReplaceARejectedStopAndFlattenWhenItKeepsFailing() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        final java.util.Set<String> stops = new java.util.HashSet<>();
        final long[] waitedMs = new long[3];
        for (int i = 0; i < 3; i++) {
            final String rejected = h.last(OrderPurpose.STOP_LOSS).clientOrderId();
            stops.add(rejected);
            h.gateway.reject(rejected, RejectReason.UNKNOWN);
            while (h.engine.legReplacements() < i + 1 && waitedMs[i] < 5_000) {
                h.advanceMs(10);
                waitedMs[i] += 10;
            }
            assertThat(h.engine.legReplacements()).isEqualTo(i + 1);
            h.check();
        }
        // re-placed at once the first time, then after a doubling back-off (250 ms, 500 ms): never in a burst
        assertThat(waitedMs[0]).isZero();
        assertThat(waitedMs[1]).isBetween(250L, 400L);
        assertThat(waitedMs[2]).isBetween(500L, 650L);
        stops.add(h.last(OrderPurpose.STOP_LOSS).clientOrderId());
        assertThat(stops).as("each replacement is a new order").hasSize(4);
        assertThat(h.last(OrderPurpose.EXIT)).isNull();
        h.gateway.reject(h.last(OrderPurpose.STOP_LOSS).clientOrderId(), RejectReason.UNKNOWN);
        final OrderRequest exit = h.last(OrderPurpose.EXIT);
        assertThat(exit).as("flattened instead of staying unprotected").isNotNull();
        assertThat(exit.qtyLots()).isEqualTo(700);
        assertThat(h.engine.tradingState())
                .as("a spent retry budget trips the kill switch")
                .isNotEqualTo(io.scalper.core.risk.TradingState.ACTIVE);
        assertThat(h.engine.retriesSpent()).isEqualTo(1);
    }

    @Test
    void shouldTrailTheStopOnceThePriceMovesInFavour() {
        final OrderRequest entry = enterLong();
        final long entryPrice = h.bid;
        h.fill(entry, entryPrice, 1538, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.advanceMs(600);
        h.book(entryPrice + 16, entryPrice + 17);
        assertThat(h.order(stop).request().triggerPriceTicks()).isEqualTo(entryPrice + 6);
        h.book(entryPrice + 25, entryPrice + 26); // within the minimum interval: no amend yet
        assertThat(h.order(stop).request().triggerPriceTicks()).isEqualTo(entryPrice + 6);
        h.advanceMs(600);
        h.book(entryPrice + 25, entryPrice + 26);
        assertThat(h.order(stop).request().triggerPriceTicks()).isEqualTo(entryPrice + 15);
        h.book(entryPrice + 20, entryPrice + 21); // pulling back never lowers it
        h.advanceMs(600);
        h.book(entryPrice + 20, entryPrice + 21);
        assertThat(h.order(stop).request().triggerPriceTicks()).isEqualTo(entryPrice + 15);
        h.fill(h.gateway.request(stop.clientOrderId()), entryPrice + 15, 1538, Liquidity.TAKER);
        assertThat(h.engine.roundTrips().get(0).exitReason()).isEqualTo("trailing_stop");
    }

    @Test
    void shouldTripTheKillSwitchDuringAnOpenPositionAndFlattenIt() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 1000, Liquidity.MAKER);
        h.engine.trip(RefusalReason.MANUAL);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.REDUCING);
        assertThat(h.engine.entryWorking()).isFalse();
        final OrderRequest exit = h.last(OrderPurpose.EXIT);
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.qtyLots()).isEqualTo(1000);
        h.check();
        h.fill(exit, h.bid, 1000, Liquidity.TAKER);
        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.HALTED);
        h.signal(0.9);
        assertThat(h.gateway.commands("submit").stream().filter(c -> c.request().purpose() == OrderPurpose.ENTRY))
                .hasSize(1);
        assertThat(h.engine.refusals().count(RefusalReason.KILL_SWITCH)).isEqualTo(1);
    }

    @Test
    void shouldRefuseEntriesAfterARestartWithADailyLossTrippedTheSameUtcDay() {
        final long day = DailyLossLimit.utcDay(EngineHarness.START_NS);
        h.engine.restoreRisk(new DailyLossLimit.State(day, -600, true), KillSwitch.State.active(), 10_000);
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNull();
        assertThat(h.engine.tradingState()).isNotEqualTo(TradingState.ACTIVE);
        // the next UTC day it trades again
        final EngineHarness tomorrow = new EngineHarness();
        tomorrow.engine.restoreRisk(new DailyLossLimit.State(day - 1, -600, true), KillSwitch.State.active(), 10_000);
        tomorrow.signal(0.9);
        assertThat(tomorrow.last(OrderPurpose.ENTRY)).isNotNull();
    }

    @Test
    void shouldRefuseAnEntryOnAWideSpreadAndAfterALosingTradeWithReasonCodes() {
        // a generous daily limit: a 20-tick stop on a capped size risks 3 USDT against 75 of fees, and the daily loss
        // is
        // counted in the R actually at risk, so one such loss would otherwise trip it (see the daily-loss test)
        final EngineHarness h = new EngineHarness(
                EngineHarness.fixedBrackets(),
                io.scalper.core.testing.Records.with(RiskConfig.defaults(), "dailyLossR", 1_000.0),
                true);
        h.book(650_000, 650_005);
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNull();
        assertThat(h.engine.refusals().count(RefusalReason.SPREAD_TOO_WIDE)).isEqualTo(1);
        h.book(650_000, 650_001);
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        h.fill(entry, h.bid, 1538, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.fill(stop, stop.triggerPriceTicks(), 1538, Liquidity.TAKER);
        assertThat(h.engine.roundTrips().get(0).netPnl()).isNegative();
        h.signal(0.9);
        assertThat(h.engine.refusals().count(RefusalReason.COOLDOWN)).isEqualTo(1);
        h.advanceMs(5_100);
        h.signal(0.9);
        assertThat(h.engine.entryWorking()).isTrue();
    }

    @Test
    void shouldTripOnAFillForAnOrderItNeverSent() {
        h.gateway.deliver(new OrderEvent.Filled("sc-stranger-1", "v", "f-x", h.bid, 5, 0, Liquidity.TAKER, 0, 1, 1));
        assertThat(h.engine.unknownFills()).isEqualTo(1);
        assertThat(h.engine.tradingState()).isNotEqualTo(TradingState.ACTIVE);
    }

    @Test
    void shouldRefuseEntriesThroughAUserGateAfterTheBuiltInOnes() {
        final boolean[] closed = {true};
        final EngineHarness gated = new EngineHarness((d, f, e) -> closed[0] ? "weekend" : null);
        gated.signal(0.9);
        gated.signal(0.9);
        assertThat(gated.last(OrderPurpose.ENTRY)).isNull();
        assertThat(gated.engine.customRefusals()).containsEntry("weekend", 2L);
        gated.book(650_000, 650_005); // a built-in gate refuses first: the user's gate is not asked
        gated.signal(0.9);
        assertThat(gated.engine.customRefusals()).containsEntry("weekend", 2L);
        assertThat(gated.engine.refusals().count(RefusalReason.SPREAD_TOO_WIDE))
                .isEqualTo(2); // book() and signal() both decide
        closed[0] = false;
        gated.book(650_000, 650_001);
        gated.signal(0.9);
        assertThat(gated.last(OrderPurpose.ENTRY)).isNotNull();
    }

    @Test
    void shouldCountOneSlippageBreachPerOrderAndTripTheKillSwitchAtTheThirdOrder() {
        final EngineHarness h = new EngineHarness(
                EngineHarness.fixedBrackets(),
                io.scalper.core.testing.Records.with(RiskConfig.defaults(), "dailyLossR", 1_000.0),
                true);
        // one entry that swept three levels, each fill 400 ticks (6 bps at 65,000) worse than its limit: one breach
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        for (int i = 0; i < 3; i++) {
            h.fill(entry, entry.priceTicks() + 400, 100, Liquidity.TAKER);
        }
        assertThat(h.engine.slippage().breaches()).isEqualTo(1);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        // a stop-market filling a few ticks through its trigger is what stops do: not a breach
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.fill(stop, stop.triggerPriceTicks() - 4, 100, Liquidity.TAKER);
        assertThat(h.engine.slippage().breaches()).isEqualTo(1);
        // the rest 400 ticks through (far beyond half the spread and the mid's volatility): a second breach
        h.fill(stop, stop.triggerPriceTicks() - 400, 200, Liquidity.TAKER);
        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.engine.slippage().breaches()).isEqualTo(2);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        // after the cooldown, a third order breaching trips the switch and the position is flattened
        h.advanceMs(60_000);
        h.book(h.bid, h.ask);
        h.signal(0.9);
        final OrderRequest again = h.last(OrderPurpose.ENTRY);
        h.fill(again, again.priceTicks() + 400, 100, Liquidity.TAKER);
        assertThat(h.engine.slippage().breaches()).isEqualTo(3);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.REDUCING);
        assertThat(h.last(OrderPurpose.EXIT).qtyLots()).isEqualTo(100);
    }

    @Test
    void shouldTripTheKillSwitchWhenTheDailyLossLimitIsReached() {
        final RiskConfig r = RiskConfig.defaults();
        final RiskConfig oneR = io.scalper.core.testing.Records.with(r, "dailyLossR", 1.0);
        final EngineHarness daily = new EngineHarness(EngineHarness.fixedBrackets(), oneR, true);
        daily.signal(0.9);
        final OrderRequest entry = daily.last(OrderPurpose.ENTRY);
        daily.fill(entry, entry.priceTicks(), 1538, Liquidity.MAKER);
        final OrderRequest stop = daily.last(OrderPurpose.STOP_LOSS);
        // a stop-out 200 ticks below entry (a gap through the stop): far more than 1 R of 50 USDT
        daily.fill(stop, entry.priceTicks() - 200, 1538, Liquidity.TAKER);
        assertThat(daily.engine.roundTrips().get(0).netPnl()).isLessThan(-50);
        assertThat(daily.engine.dailyLoss().isTripped()).isTrue();
        assertThat(daily.engine.tradingState()).isEqualTo(TradingState.HALTED);
        daily.advanceMs(6_000);
        daily.signal(0.9);
        assertThat(daily.engine.refusals().count(RefusalReason.KILL_SWITCH)).isPositive();
    }

    @Test
    void shouldWidenTheBracketWithVolatilityWhenConfigured() {
        final ExecutionConfig d = EngineHarness.fixedBrackets();
        final ExecutionConfig volScaled = io.scalper.core.testing.Records.with(d, "stopVolMultiple", 1.0);
        final EngineHarness vol = new EngineHarness(volScaled, RiskConfig.defaults(), true);
        for (int i = 0; i < 100; i++) { // mid swings 5 ticks every 100 ms
            vol.advanceMs(100).book(i % 2 == 0 ? 650_005 : 650_000, i % 2 == 0 ? 650_006 : 650_001);
        }
        vol.signal(0.9);
        final OrderRequest entry = vol.last(OrderPurpose.ENTRY);
        assertThat(entry).isNotNull();
        vol.fill(entry, entry.priceTicks(), entry.qtyLots(), Liquidity.MAKER);
        final long stopDistance =
                entry.priceTicks() - vol.last(OrderPurpose.STOP_LOSS).triggerPriceTicks();
        final long tpDistance = vol.last(OrderPurpose.TAKE_PROFIT).priceTicks() - entry.priceTicks();
        assertThat(stopDistance).as("wider than the 20-tick floor").isGreaterThan(20);
        assertThat((double) tpDistance / stopDistance).isCloseTo(30.0 / 20, org.assertj.core.data.Offset.offset(0.05));
        // the trade's R is measured on the wider stop
        vol.fill(vol.last(OrderPurpose.STOP_LOSS), entry.priceTicks() - stopDistance, entry.qtyLots(), Liquidity.TAKER);
        assertThat(vol.engine.roundTrips().get(0).riskAmount())
                .isCloseTo(entry.qtyLots() * stopDistance * 0.0001, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldNameWhatTheBuilderIsMissing() {
        assertThatThrownBy(() -> ScalperEngine.builder().clock(h.clock).build()).hasMessageContaining("instrument");
        assertThatThrownBy(() -> ScalperEngine.builder().instrument(BTC).build())
                .hasMessageContaining("clock");
        assertThatThrownBy(() ->
                        ScalperEngine.builder().instrument(BTC).clock(h.clock).build())
                .hasMessageContaining("gateway");
    }
}
