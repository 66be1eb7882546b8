package io.scalper.core.risk;

import static io.scalper.core.risk.RefusalReason.DAILY_LOSS_LIMIT;
import static io.scalper.core.risk.RefusalReason.HALTED_DRAWDOWN;
import static io.scalper.core.risk.RefusalReason.MANUAL;
import static io.scalper.core.risk.RefusalReason.SLIPPAGE_BREACHES;
import static io.scalper.core.risk.TradingState.ACTIVE;
import static io.scalper.core.risk.TradingState.HALTED;
import static io.scalper.core.risk.TradingState.REDUCING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
    private final KillSwitch kill = new KillSwitch(RiskConfig.defaults());

    @Test
    void shouldStartActive() {
        assertThat(kill.tradingState()).isEqualTo(ACTIVE);
        assertThat(kill.isTripped()).isFalse();
        assertThat(kill.reason()).isNull();
        assertThat(kill.trippedNs()).isEqualTo(KillSwitch.NEVER);
        assertThat(kill.allowsOrder(false)).isTrue();
        assertThat(kill.shouldFlatten()).isFalse();
        assertThat(kill.state()).isEqualTo(KillSwitch.State.active());
    }

    @Test
    void shouldAllowOnlyReducingOrdersOnceTripped() {
        assertThat(kill.trip(DAILY_LOSS_LIMIT, 100)).isTrue();

        assertThat(kill.tradingState()).isEqualTo(REDUCING);
        assertThat(kill.reason()).isEqualTo(DAILY_LOSS_LIMIT);
        assertThat(kill.trippedNs()).isEqualTo(100);
        assertThat(kill.allowsOrder(true)).isTrue();
        assertThat(kill.allowsOrder(false)).isFalse();
        assertThat(kill.tradingState().allowsEntries()).isFalse();
        assertThat(kill.shouldFlatten()).isTrue();
        assertThat(kill.trips()).isEqualTo(1);
    }

    @Test
    void shouldHaltOnceThePositionIsFlat() {
        kill.trip(HALTED_DRAWDOWN, 100);

        assertThat(kill.onPositionFlat(200)).isTrue();

        assertThat(kill.tradingState()).isEqualTo(HALTED);
        assertThat(kill.allowsOrder(true)).isFalse();
        assertThat(kill.shouldFlatten()).isFalse();
        assertThat(kill.onPositionFlat(300)).isFalse();
    }

    @Test
    void shouldIgnoreAFlatPositionWhileActive() {
        assertThat(kill.onPositionFlat(1)).isFalse();
        assertThat(kill.tradingState()).isEqualTo(ACTIVE);
    }

    @Test
    void shouldHaltAtOnceWhenTrippedWhileFlat() {
        kill.trip(SLIPPAGE_BREACHES, 100, 0);
        assertThat(kill.tradingState()).isEqualTo(HALTED);

        final KillSwitch withPosition = new KillSwitch(RiskConfig.defaults());
        withPosition.trip(SLIPPAGE_BREACHES, 100, -5);
        assertThat(withPosition.tradingState()).isEqualTo(REDUCING);
    }

    @Test
    void shouldNotAskToFlattenWhenConfiguredToLetExitsWork() {
        final KillSwitch patient = new KillSwitch(RiskConfigs.with("flattenOnKill", false));
        patient.trip(DAILY_LOSS_LIMIT, 1);

        assertThat(patient.tradingState()).isEqualTo(REDUCING);
        assertThat(patient.shouldFlatten()).isFalse();
    }

    @Test
    void shouldKeepTheFirstReasonAndTimeWhenTrippedAgain() {
        kill.trip(DAILY_LOSS_LIMIT, 100);

        assertThat(kill.trip(SLIPPAGE_BREACHES, 200)).isFalse();

        assertThat(kill.reason()).isEqualTo(DAILY_LOSS_LIMIT);
        assertThat(kill.trippedNs()).isEqualTo(100);
        assertThat(kill.holds(SLIPPAGE_BREACHES)).isTrue();
        assertThat(kill.trips()).isEqualTo(1);
    }

    @Test
    void shouldHaltExplicitlyEvenWithAPositionOpen() {
        kill.trip(DAILY_LOSS_LIMIT, 100);

        assertThat(kill.halt(MANUAL, 200)).isTrue();

        assertThat(kill.tradingState()).isEqualTo(HALTED);
        assertThat(kill.reason()).isEqualTo(DAILY_LOSS_LIMIT);
        assertThat(kill.halt(MANUAL, 300)).isFalse();
        assertThat(new KillSwitch(RiskConfig.defaults()).halt(MANUAL, 1)).isTrue();
    }

    @Test
    void shouldStayTrippedUntilResetExplicitly() {
        kill.trip(HALTED_DRAWDOWN, 100, 0);

        kill.reset();

        assertThat(kill.tradingState()).isEqualTo(ACTIVE);
        assertThat(kill.reason()).isNull();
        assertThat(kill.holds(HALTED_DRAWDOWN)).isFalse();
        assertThat(kill.trippedNs()).isEqualTo(KillSwitch.NEVER);
        assertThat(kill.trip(MANUAL, 500)).isTrue();
        assertThat(kill.trips()).isEqualTo(2);
    }

    @Test
    void shouldResumeWhenTheOnlyReasonIsReleased() {
        kill.trip(DAILY_LOSS_LIMIT, 100, 0);

        assertThat(kill.release(DAILY_LOSS_LIMIT)).isTrue();

        assertThat(kill.tradingState()).isEqualTo(ACTIVE);
    }

    @Test
    void shouldStayTrippedWhileAnotherReasonHolds() {
        kill.trip(DAILY_LOSS_LIMIT, 100, 0);
        kill.trip(SLIPPAGE_BREACHES, 200, 0);

        assertThat(kill.release(DAILY_LOSS_LIMIT)).isFalse();

        assertThat(kill.tradingState()).isEqualTo(HALTED);
        assertThat(kill.reason()).isEqualTo(SLIPPAGE_BREACHES);
        assertThat(kill.release(SLIPPAGE_BREACHES)).isTrue();
    }

    @Test
    void shouldIgnoreTheReleaseOfAReasonNotHeld() {
        kill.trip(MANUAL, 100);

        assertThat(kill.release(DAILY_LOSS_LIMIT)).isFalse();
        assertThat(kill.tradingState()).isEqualTo(REDUCING);
        assertThat(new KillSwitch(RiskConfig.defaults()).release(MANUAL)).isFalse();
    }

    @Test
    void shouldRestoreAPersistedTrippedState() {
        kill.trip(DAILY_LOSS_LIMIT, 100);
        kill.trip(SLIPPAGE_BREACHES, 200);
        final KillSwitch.State saved = kill.state();

        final KillSwitch restarted = new KillSwitch(RiskConfig.defaults());
        restarted.restore(saved);

        assertThat(saved)
                .isEqualTo(new KillSwitch.State(
                        REDUCING, DAILY_LOSS_LIMIT, 100, Set.of(DAILY_LOSS_LIMIT, SLIPPAGE_BREACHES)));
        assertThat(restarted.tradingState()).isEqualTo(REDUCING);
        assertThat(restarted.reason()).isEqualTo(DAILY_LOSS_LIMIT);
        assertThat(restarted.trippedNs()).isEqualTo(100);
        assertThat(restarted.holds(SLIPPAGE_BREACHES)).isTrue();
        assertThat(restarted.state()).isEqualTo(saved);
    }

    @Test
    void shouldRejectAnInconsistentState() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KillSwitch.State(ACTIVE, MANUAL, 1, Set.of(MANUAL)))
                .withMessageStartingWith("kill switch state: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new KillSwitch.State(HALTED, null, 1, Set.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KillSwitch.State(HALTED, MANUAL, 1, Set.of(DAILY_LOSS_LIMIT)));
    }

    @Test
    void shouldGateOrdersByTradingState() {
        assertThat(ACTIVE.allowsOrder(false)).isTrue();
        assertThat(ACTIVE.allowsOrder(true)).isTrue();
        assertThat(REDUCING.allowsOrder(false)).isFalse();
        assertThat(REDUCING.allowsOrder(true)).isTrue();
        assertThat(HALTED.allowsOrder(true)).isFalse();
        assertThat(ACTIVE.allowsEntries()).isTrue();
        assertThat(HALTED.code()).isEqualTo("halted");
    }
}
