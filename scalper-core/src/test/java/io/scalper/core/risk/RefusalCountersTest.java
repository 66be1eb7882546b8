package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalCountersTest {
    private final RefusalCounters counters = new RefusalCounters();

    @Test
    void shouldStartAtZero() {
        assertThat(counters.total()).isZero();
        for (RefusalReason r : RefusalReason.values()) {
            assertThat(counters.count(r)).isZero();
        }
    }

    @Test
    void shouldCountEachReasonSeparatelyAndInTotal() {
        counters.increment(RefusalReason.SPREAD_TOO_WIDE);
        counters.increment(RefusalReason.SPREAD_TOO_WIDE);
        counters.increment(RefusalReason.COOLDOWN);

        assertThat(counters.count(RefusalReason.SPREAD_TOO_WIDE)).isEqualTo(2);
        assertThat(counters.count(RefusalReason.COOLDOWN)).isEqualTo(1);
        assertThat(counters.count(RefusalReason.KILL_SWITCH)).isZero();
        assertThat(counters.total()).isEqualTo(3);
        assertThat(counters).hasToString("RefusalCounters[spread_too_wide=2 cooldown=1]");
    }

    @Test
    void shouldSnapshotEveryCodeInDeclarationOrderAsAnImmutableCopy() {
        counters.increment(RefusalReason.ENTRY_WORKING);
        final Map<String, Long> snapshot = counters.snapshot();
        counters.increment(RefusalReason.ENTRY_WORKING);

        assertThat(snapshot).hasSize(RefusalReason.values().length);
        assertThat(snapshot.keySet()).first().isEqualTo("kill_switch");
        assertThat(snapshot).containsEntry("entry_working", 1L).containsEntry("spread_too_wide", 0L);
        assertThatThrownBy(() -> snapshot.put("cooldown", 5L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(counters.snapshot()).containsEntry("entry_working", 2L);
    }

    @Test
    void shouldResetEveryCount() {
        counters.increment(RefusalReason.BOOK_STALE);
        counters.reset();

        assertThat(counters.total()).isZero();
    }
}
