package io.scalper.core.engine;

import static io.scalper.core.engine.EngineHarness.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderStatus;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.KillSwitch;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.risk.TradingState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine under a venue that misbehaves: unanswered and refused commands, pushes that disagree with the fills, a
 * venue that holds a different position. Every automatic action is bounded and backed off; protection means an
 * acknowledged stop; the venue's position wins once confirmed.
 */
class EngineVenueSafetyTest {
    private final EngineHarness h = new EngineHarness();

    private OrderRequest enterLong() {
        h.signal(0.9);
        final OrderRequest entry = h.last(OrderPurpose.ENTRY);
        assertThat(entry).as("an entry was sent").isNotNull();
        return entry;
    }

    private long count(String kind, OrderPurpose purpose) {
        return h.gateway.commands(kind).stream()
                .filter(c -> c.request() != null && c.request().purpose() == purpose)
                .count();
    }

    private void fillQuietly(OrderRequest r, long lots) {
        h.gateway.fill(r.clientOrderId(), h.bid, lots, 0.1, Liquidity.MAKER);
    }

    @Test
    void shouldNotCountAStopTheVenueHasNotAcknowledgedAndFlattenWhenNoneComesInTime() {
        final OrderRequest entry = enterLong();
        h.gateway.answering(false, true, true); // the venue stops answering creates
        fillQuietly(entry, 700);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        assertThat(stop).as("a stop was sent").isNotNull();
        assertThat(h.order(stop).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(h.engine.isProtected())
                .as("a stop only sent is not protection")
                .isFalse();
        h.advanceMs(1_900);
        assertThat(h.last(OrderPurpose.EXIT)).as("not before the bound").isNull();
        h.advanceMs(300);
        final OrderRequest exit = h.last(OrderPurpose.EXIT);
        assertThat(exit)
                .as("flattened once the bound passed without an acknowledged stop")
                .isNotNull();
        assertThat(exit.reduceOnly()).isTrue();
        assertThat(exit.qtyLots()).isEqualTo(700);
        assertThat(h.engine.invariantViolations()).isEqualTo(1);
        assertThat(h.engine.maxUnprotectedNs()).isGreaterThan(2_000_000_000L);
        assertThat(h.journal).contains("alert unprotected");
    }

    @Test
    void shouldMeasureTheUnprotectedStretchUntilTheStopIsAcknowledged() {
        final OrderRequest entry = enterLong();
        h.gateway.answering(false, true, true);
        fillQuietly(entry, 700);
        h.advanceMs(300);
        h.gateway.accept(h.last(OrderPurpose.STOP_LOSS).clientOrderId());
        assertThat(h.engine.isProtected()).isTrue();
        assertThat(h.engine.maxUnprotectedNs()).isBetween(300_000_000L, 400_000_000L);
        assertThat(h.engine.invariantViolations()).isZero();
        h.advanceMs(5_000);
        assertThat(h.last(OrderPurpose.EXIT)).isNull();
    }

    @Test
    void shouldReAmendARefusedAmendOnlyAfterTheBackOffAndReplaceTheStopWhenAmendsKeepFailing() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 500, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.gateway.answering(true, false, true); // amends go unanswered until the test answers
        fillQuietly(entry, 300);
        assertThat(count("amend", OrderPurpose.STOP_LOSS)).isEqualTo(1);
        h.gateway.amendRejected(stop.clientOrderId(), RejectReason.RATE_LIMITED);
        assertThat(count("amend", OrderPurpose.STOP_LOSS))
                .as("not re-amended at once")
                .isEqualTo(1);
        h.advanceMs(150);
        assertThat(count("amend", OrderPurpose.STOP_LOSS)).isEqualTo(1);
        h.advanceMs(200);
        assertThat(count("amend", OrderPurpose.STOP_LOSS))
                .as("re-amended after the back-off")
                .isEqualTo(2);
        // keep refusing: the amend budget (1 + 4 retries) is spent, then the stop is replaced make-before-break
        for (int i = 0; i < 6; i++) {
            h.gateway.amendRejected(stop.clientOrderId(), RejectReason.RATE_LIMITED);
            h.advanceMs(4_500);
        }
        assertThat(count("amend", OrderPurpose.STOP_LOSS)).isEqualTo(5);
        final List<RecordingGateway.Command> cmds = h.gateway.commands();
        final OrderRequest replacement = h.last(OrderPurpose.STOP_LOSS);
        assertThat(replacement.clientOrderId()).isNotEqualTo(stop.clientOrderId());
        assertThat(replacement.qtyLots()).isEqualTo(800);
        int submitAt = -1;
        int cancelAt = -1;
        for (int i = 0; i < cmds.size(); i++) {
            if (cmds.get(i).clientOrderId().equals(replacement.clientOrderId()) && submitAt < 0) {
                submitAt = i;
            }
            if (cmds.get(i).kind().equals("cancel")
                    && cmds.get(i).clientOrderId().equals(stop.clientOrderId())) {
                cancelAt = i;
            }
        }
        assertThat(submitAt)
                .as("the new stop goes out before the old one is cancelled")
                .isLessThan(cancelAt);
        assertThat(h.engine.isProtected()).isTrue();
    }

    @Test
    void shouldNotPlaceASecondTakeProfitWhileTheOldOneIsStillBeingCancelled() {
        final EngineHarness n = new EngineHarness(EngineHarness.fixedBrackets(), RiskConfig.defaults(), false);
        n.signal(0.9);
        final OrderRequest entry = n.last(OrderPurpose.ENTRY);
        n.fill(entry, n.bid, 500, Liquidity.MAKER);
        final OrderRequest tp = n.last(OrderPurpose.TAKE_PROFIT);
        n.gateway.answering(true, true, false); // cancels wait for the venue
        n.gateway.fill(entry.clientOrderId(), n.bid, 300, 0.1, Liquidity.MAKER);
        assertThat(n.order(tp).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(n.last(OrderPurpose.TAKE_PROFIT).clientOrderId())
                .as("no new take-profit while the old one may still fill")
                .isEqualTo(tp.clientOrderId());
        n.advanceMs(1_000);
        assertThat(n.last(OrderPurpose.TAKE_PROFIT).clientOrderId()).isEqualTo(tp.clientOrderId());
        n.gateway.cancelled(tp.clientOrderId(), CancelReason.BY_CLIENT);
        final OrderRequest fresh = n.last(OrderPurpose.TAKE_PROFIT);
        assertThat(fresh.clientOrderId()).isNotEqualTo(tp.clientOrderId());
        assertThat(fresh.qtyLots()).isEqualTo(800);
    }

    @Test
    void shouldRetryAnIncompleteFlattenWithBackOffAndTripWhenTheBudgetIsSpent() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        h.gateway.answering(true, true, true);
        h.engine.shutdown(true, true);
        for (int i = 0; i < 150; i++) { // 15 s of a venue that cancels every exit unfilled
            final OrderRequest exit = h.last(OrderPurpose.EXIT);
            if (h.order(exit).isOpen()) {
                h.gateway.cancelled(exit.clientOrderId(), CancelReason.IOC_REMAINDER);
            }
            h.advanceMs(100);
        }
        h.advanceMs(20_000);
        assertThat(count("submit", OrderPurpose.EXIT))
                .as("1 flatten + 4 retries, never one per event")
                .isEqualTo(5);
        assertThat(h.engine.retriesSpent()).isEqualTo(1);
        assertThat(h.journal).contains("alert order_retries");
        assertThat(h.engine.isProtected())
                .as("the stop stays while the position is open")
                .isTrue();
        assertThat(h.gateway.commands("venueCheck"))
                .as("the venue is asked what it holds")
                .isNotEmpty();
    }

    @Test
    void shouldSendOneCancelWhileStoppedAndRetryARefusedCancelOnlyAfterTheBackOff() {
        h.gateway.answering(true, true, false);
        final OrderRequest entry = enterLong();
        h.engine.trip(RefusalReason.MANUAL);
        assertThat(h.gateway.commands("cancel")).hasSize(1);
        for (int i = 0; i < 10; i++) {
            h.signal(0.9); // decisions keep coming while the cancel is pending
        }
        assertThat(h.gateway.commands("cancel")).as("no cancel per decision").hasSize(1);
        h.gateway.cancelRejected(entry.clientOrderId(), RejectReason.RATE_LIMITED);
        h.signal(0.9);
        assertThat(h.gateway.commands("cancel")).as("not re-sent at once").hasSize(1);
        h.advanceMs(300);
        assertThat(h.gateway.commands("cancel"))
                .as("re-sent after the back-off")
                .hasSize(2);
        for (int i = 0; i < 10; i++) {
            h.gateway.cancelRejected(entry.clientOrderId(), RejectReason.RATE_LIMITED);
            h.advanceMs(5_000);
        }
        assertThat(h.gateway.commands("cancel")).as("1 + 4 retries").hasSize(5);
        assertThat(h.journal).contains("alert order_retries");
    }

    @Test
    void shouldNeverReplaceAnEntryWhoseOutcomeIsUnknown() {
        h.gateway.answering(false, true, true);
        final OrderRequest entry = enterLong();
        h.book(h.bid + 3, h.ask + 3); // the touch moves away: a reprice would be due
        h.advanceMs(4_000); // past escalateAfter, signal still strong
        h.signal(0.9);
        assertThat(h.gateway.commands("submit")).as("no second entry, no IOC").hasSize(1);
        assertThat(h.gateway.commands("amend")).isEmpty();
        assertThat(h.order(entry).status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void shouldBackOffEntriesAfterRejectionsAndTripAfterTooMany() {
        h.gateway.answering(false, true, true);
        for (int i = 0; i < 5; i++) {
            h.signal(0.9);
            final OrderRequest entry = h.last(OrderPurpose.ENTRY);
            h.gateway.reject(entry.clientOrderId(), RejectReason.INSUFFICIENT_BALANCE);
            final int sent = h.gateway.commands("submit").size();
            h.signal(0.9);
            if (i < 4) {
                assertThat(h.gateway.commands("submit"))
                        .as("no entry during the back-off")
                        .hasSize(sent);
                assertThat(h.journal).contains("refused entry_backoff");
                h.advanceMs(5_000);
            }
        }
        assertThat(h.engine.tradingState()).isNotEqualTo(TradingState.ACTIVE);
        assertThat(h.engine.killSwitch().holds(RefusalReason.ORDER_RETRIES)).isTrue();
        assertThat(h.gateway.commands("submit"))
                .as("five entries, then the switch")
                .hasSize(5);
    }

    @Test
    void shouldAskTheVenueWhenAPushedPositionDisagreesAndAdoptItOnlyWhenConfirmed() {
        h.gateway.venuePosition(BTC.symbol(), 700, 649_990, false);
        assertThat(h.gateway.commands("venueCheck"))
                .as("a push may lead its fills")
                .isEmpty();
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY))
                .as("no entry while the venue disagrees")
                .isNull();
        assertThat(h.journal).contains("refused venue_mismatch");
        h.advanceMs(1_600);
        assertThat(h.gateway.commands("venueCheck")).hasSize(1);
        h.gateway.venuePosition(BTC.symbol(), 700, 649_990, true);
        assertThat(h.engine.position().qtyLots()).as("one read is not enough").isZero();
        h.advanceMs(300);
        assertThat(h.gateway.commands("venueCheck"))
                .as("a second read confirms")
                .hasSize(2);
        h.gateway.venuePosition(BTC.symbol(), 700, 649_990, true);
        assertThat(h.engine.position().qtyLots()).isEqualTo(700);
        assertThat(h.engine.position().avgEntryTicks()).isEqualTo(649_990.0);
        assertThat(h.engine.reconciliations()).isEqualTo(1);
        assertThat(h.journal).contains("reconciled 0 -> 700 adopt venue_check");
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        assertThat(stop).as("the adopted position is bracketed").isNotNull();
        assertThat(stop.qtyLots()).isEqualTo(700);
        assertThat(stop.triggerPriceTicks()).isEqualTo(649_990 - 20);
        assertThat(h.engine.isProtected()).isTrue();
        assertThat(h.engine.venueMismatch()).isFalse();
        assertThat(h.gateway.commands("submit").stream()
                        .filter(c -> c.request().purpose() == OrderPurpose.EXTERNAL)
                        .count())
                .as("the adjustment never reaches the venue")
                .isZero();
    }

    @Test
    void shouldNotReconcileWhenTheFillArrivesAfterItsPositionPush() {
        final OrderRequest entry = enterLong();
        h.gateway.venuePosition(BTC.symbol(), 700, h.bid, false);
        h.advanceMs(200);
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        h.advanceMs(3_000);
        assertThat(h.gateway.commands("venueCheck")).isEmpty();
        assertThat(h.engine.reconciliations()).isZero();
        assertThat(h.engine.venueMismatch()).isFalse();
    }

    @Test
    void shouldNotReconcileWhenASecondReadAgrees() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        h.gateway.venuePosition(BTC.symbol(), 0, OrderRequest.NO_PRICE, true); // raced a fill
        h.gateway.venuePosition(BTC.symbol(), 700, h.bid, true);
        assertThat(h.engine.reconciliations()).isZero();
        assertThat(h.engine.position().qtyLots()).isEqualTo(700);
        assertThat(h.engine.venueMismatch()).isFalse();
    }

    @Test
    void shouldGoFlatAndCancelTheLegsWhenTheVenueIsConfirmedFlat() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        h.gateway.venuePosition(BTC.symbol(), 0, OrderRequest.NO_PRICE, true);
        h.gateway.venuePosition(BTC.symbol(), 0, OrderRequest.NO_PRICE, true);
        assertThat(h.engine.position().isFlat()).isTrue();
        assertThat(h.order(stop).isOpen()).as("nothing left to protect").isFalse();
        assertThat(h.journal).contains("reconciled 700 -> 0 flat venue_check");
    }

    @Test
    void shouldFlattenTheVenuesPositionUnderTheFlattenPolicy() {
        final EngineHarness f = new EngineHarness(
                EngineHarness.fixedBrackets(),
                RiskConfig.defaults(),
                true,
                null,
                b -> b.reconcilePolicy(ReconcilePolicy.FLATTEN));
        f.engine.adoptPosition(-400, 650_010);
        assertThat(f.engine.position().qtyLots()).isEqualTo(-400);
        final OrderRequest exit = f.last(OrderPurpose.EXIT);
        assertThat(exit).isNotNull();
        assertThat(exit.qtyLots()).isEqualTo(400);
        assertThat(exit.reduceOnly()).isTrue();
        assertThat(f.journal).contains("reconciled 0 -> -400 flatten startup");
        assertThat(f.engine.isProtected())
                .as("its stop is kept while the exit works")
                .isTrue();
    }

    @Test
    void shouldTripAndCheckTheVenueOnAVenueAlert() {
        h.gateway.venueAlert(BTC.symbol(), "forced_execution", "AdlTrade 0.5 on BTCUSDT");
        assertThat(h.engine.killSwitch().holds(RefusalReason.VENUE_ALERT)).isTrue();
        assertThat(h.gateway.commands("venueCheck")).hasSize(1);
        assertThat(h.engine.venueAlerts()).isEqualTo(1);
        h.gateway.venueAlert("ETHUSDT", "forced_execution", "not ours");
        assertThat(h.engine.venueAlerts()).isEqualTo(1);
    }

    @Test
    void shouldRefuseEntriesWhileTheGatewayIsBusy() {
        h.gateway.readyForEntries(false);
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNull();
        assertThat(h.journal).contains("refused gateway_busy");
        h.gateway.readyForEntries(true);
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNotNull();
    }

    @Test
    void shouldKeepTheStopWhenStoppingWithoutBracketsWhileAPositionIsOpen() {
        final OrderRequest entry = enterLong();
        h.fill(entry, h.bid, 700, Liquidity.MAKER);
        final OrderRequest stop = h.last(OrderPurpose.STOP_LOSS);
        final OrderRequest tp = h.last(OrderPurpose.TAKE_PROFIT);
        h.engine.shutdown(false, false);
        assertThat(h.order(tp).isOpen()).isFalse();
        assertThat(h.order(stop).isOpen()).as("never left without its stop").isTrue();
        assertThat(h.engine.isProtected()).isTrue();
    }

    @Test
    void shouldReleaseADailyLossTripOfAnEarlierDayOnRestart() {
        final long today = DailyLossLimit.utcDay(h.clock.nowNs());
        h.engine.restoreRisk(
                new DailyLossLimit.State(today - 1, -500, true),
                new KillSwitch.State(
                        TradingState.HALTED,
                        RefusalReason.DAILY_LOSS_LIMIT,
                        h.clock.nowNs() - 86_400_000_000_000L,
                        Set.of(RefusalReason.DAILY_LOSS_LIMIT)),
                10_000);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        h.signal(0.9);
        assertThat(h.last(OrderPurpose.ENTRY)).isNotNull();
    }

    @Test
    void shouldKeepADailyLossTripOfAnEarlierDayWhenAnotherReasonStillHolds() {
        final long today = DailyLossLimit.utcDay(h.clock.nowNs());
        h.engine.restoreRisk(
                new DailyLossLimit.State(today - 1, -500, true),
                new KillSwitch.State(
                        TradingState.HALTED,
                        RefusalReason.DAILY_LOSS_LIMIT,
                        h.clock.nowNs() - 86_400_000_000_000L,
                        Set.of(RefusalReason.DAILY_LOSS_LIMIT, RefusalReason.SLIPPAGE_BREACHES)),
                10_000);
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.HALTED);
        assertThat(h.engine.killSwitch().holds(RefusalReason.DAILY_LOSS_LIMIT)).isFalse();
    }
}
