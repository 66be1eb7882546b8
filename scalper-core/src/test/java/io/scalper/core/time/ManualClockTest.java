package io.scalper.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void shouldMoveOnlyWhenTold() {
        final ManualClock clock = new ManualClock(1_000);
        assertThat(clock.nowNs()).isEqualTo(1_000);
        clock.advanceNs(500);
        clock.advanceMs(2);
        assertThat(clock.nowNs()).isEqualTo(2_001_500);
        assertThat(clock.nowMs()).isEqualTo(2);
        clock.setNs(5_000_000);
        assertThat(clock.nowNs()).isEqualTo(5_000_000);
    }

    @Test
    void shouldRefuseToGoBackwards() {
        final ManualClock clock = new ManualClock(10);
        assertThatThrownBy(() -> clock.setNs(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceNs(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.nowNs()).isEqualTo(10);
    }

    @Test
    void shouldReadTheSystemClockInNanoseconds() {
        final long before = System.currentTimeMillis();
        final long ns = SystemClock.INSTANCE.nowNs();
        final long after = System.currentTimeMillis();
        assertThat(ns / 1_000_000).isBetween(before, after);
    }
}
