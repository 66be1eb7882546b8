package io.scalper.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    @Test
    void shouldRunDueTasksInDeadlineOrderWithTheClockAtEachDeadline() {
        final ManualClock clock = new ManualClock(0);
        final ManualScheduler s = new ManualScheduler(clock);
        final List<String> ran = new ArrayList<>();
        s.schedule(30, () -> ran.add("b@" + clock.nowNs()));
        s.schedule(10, () -> ran.add("a@" + clock.nowNs()));
        final Scheduler.Timer cancelled = s.schedule(20, () -> ran.add("never"));
        s.schedulePeriodic(15, 10, () -> ran.add("p@" + clock.nowNs()));
        cancelled.cancel();
        s.advanceTo(40);
        assertThat(ran).containsExactly("a@10", "p@15", "p@25", "b@30", "p@35");
        assertThat(clock.nowNs()).isEqualTo(40);
        assertThat(s.nextDeadlineNs()).isEqualTo(45);
    }
}
