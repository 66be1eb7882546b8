package io.scalper.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a replay places messages and timers on the live loop's turns. */
class SessionTimingTest {
    // turns that handled frames: first frames received at 100, 200, 300; the turns ran at 150, 210, 400 (a slow one)
    private final SessionTiming t = new SessionTiming(
            0, 10, 120, new long[] {100, 200, 300}, new long[] {150, 210, 400}, new long[] {150, 260, 400});

    @Test
    void shouldGiveEachMessageTheTimeOfTheTurnThatHandledIt() {
        assertThat(t.strategyNs(0, 100)).isEqualTo(150);
        assertThat(t.strategyNs(0, 199)).as("handled in the same turn").isEqualTo(150);
        assertThat(t.strategyNs(0, 200)).isEqualTo(210);
        assertThat(t.strategyNs(0, 350)).isEqualTo(400);
        assertThat(t.strategyNs(0, 700))
                .as("a slow turn drains what keeps arriving at its own clock")
                .isEqualTo(400);
        assertThat(t.strategyNs(0, 50)).as("before any turn: the first turn").isEqualTo(120);
    }

    @Test
    void shouldRunTimersInTheTurnsThatRanThem() {
        assertThat(t.timerNs(20))
                .as("due while starting: the first turn that ran timers")
                .isEqualTo(150);
        assertThat(t.timerNs(151)).isEqualTo(260);
        assertThat(t.timerNs(260)).isEqualTo(260);
        assertThat(t.timerNs(500)).as("after the recording: at its deadline").isEqualTo(500);
        assertThat(t.startNs(100)).isEqualTo(10);
    }

    @Test
    void shouldLetTheExchangeSeeAMessageItsFeedAgeEarlierButNeverAfterTheStrategy() {
        final SessionTiming aged =
                new SessionTiming(0, 10, 0, new long[] {1_000_000_000L}, new long[] {1_000_000_000L}, new long[0]);
        // received at 1 s, stamped 20 ms earlier by the venue
        assertThat(aged.exchangeNs(980_000_000L, 1_000_000_000L)).isEqualTo(980_000_000L);
        assertThat(aged.feedAgeNs(980_000_000L, 1_000_000_000L, 1_000_000_000L)).isEqualTo(20_000_000L);
        // stamped ahead of the local clock (a market faster than real time): no age, seen when received
        assertThat(aged.exchangeNs(5_000_000_000L, 1_000_000_000L)).isEqualTo(1_000_000_000L);
        assertThat(aged.feedAgeNs(5_000_000_000L, 1_000_000_000L, 1_000_000_000L))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(aged.implausible()).isEqualTo(1);
        // received late in a slow turn: never after the strategy's clock
        assertThat(t.exchangeNs(5_000, 700)).isEqualTo(400);
    }
}
