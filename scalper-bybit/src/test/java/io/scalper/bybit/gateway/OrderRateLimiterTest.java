package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client-side limit on order traffic: the window per kind, and the pauses after Bybit's 10006. */
class OrderRateLimiterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void shouldPauseOnceForABurstOfRefusalsInFlight() {
        final OrderRateLimiter l = new OrderRateLimiter(3, 8);
        l.onRateLimited(0);
        // four more answers of the same burst (or of another session of the account) while paused
        for (int i = 1; i <= 4; i++) {
            l.onRateLimited(i * 10_000_000L);
        }
        assertThat(l.pauses()).isEqualTo(1);
        assertThat(l.isPaused(S - 1)).isTrue();
        assertThat(l.isPaused(S)).as("one second, not 8").isFalse();
        assertThat(l.mayAcquire(0, S)).isTrue();
    }

    @Test
    void shouldDoubleThePauseWhileRefusalsFollowResumingAndResetOnAnAcceptedRequest() {
        final OrderRateLimiter l = new OrderRateLimiter(3, 8);
        l.onRateLimited(0);
        l.onRateLimited(S); // refused again right after resuming
        assertThat(l.isPaused(S + 2 * S - 1)).isTrue();
        assertThat(l.isPaused(3 * S)).isFalse();
        l.onRateLimited(3 * S);
        assertThat(l.isPaused(3 * S + 4 * S - 1)).as("4 s").isTrue();
        l.onAccepted();
        l.onRateLimited(8 * S);
        assertThat(l.isPaused(9 * S))
                .as("back to one second after an accepted request")
                .isFalse();
        assertThat(l.pauses()).isEqualTo(4);
    }

    @Test
    void shouldAllowPerSecondRequestsOfAKindInAnyRollingSecond() {
        final OrderRateLimiter l = new OrderRateLimiter(3, 2);
        assertThat(l.tryAcquire(0, 0)).isTrue();
        assertThat(l.tryAcquire(0, 100)).isTrue();
        assertThat(l.tryAcquire(0, 200)).isFalse();
        assertThat(l.tryAcquire(1, 200)).as("another kind has its own window").isTrue();
        assertThat(l.nextAllowedNs(0, 200)).isEqualTo(S);
        assertThat(l.tryAcquire(0, S)).isTrue();
        assertThat(l.deferrals()).isEqualTo(1);
    }
}
