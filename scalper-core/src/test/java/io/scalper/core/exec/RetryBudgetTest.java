package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldAllowTheFirstAttemptAtOnceAndSpaceTheOthersByADoublingBackOff() {
        final RetryBudget b = new RetryBudget(4, 100 * MS, 250 * MS);
        assertThat(b.tryAcquire(0)).isTrue();
        assertThat(b.tryAcquire(99 * MS)).isFalse();
        assertThat(b.tryAcquire(100 * MS)).isTrue();
        assertThat(b.nextAllowedNs()).isEqualTo(300 * MS); // 100 ms doubled
        assertThat(b.tryAcquire(299 * MS)).isFalse();
        assertThat(b.tryAcquire(300 * MS)).isTrue();
        assertThat(b.nextAllowedNs()).as("capped").isEqualTo(550 * MS);
        assertThat(b.isSpent()).isFalse();
        assertThat(b.tryAcquire(550 * MS)).isTrue();
        assertThat(b.isSpent()).isTrue();
        assertThat(b.tryAcquire(10_000 * MS)).as("spent stays spent").isFalse();
        assertThat(b.exhaustions()).isEqualTo(1);
        b.reset();
        assertThat(b.isSpent()).isFalse();
        assertThat(b.tryAcquire(10_000 * MS)).isTrue();
        assertThat(b.attempts()).isEqualTo(1);
    }

    @Test
    void shouldCompareTimesBySubtractionAcrossTheSignBoundary() {
        final RetryBudget b = new RetryBudget(2, 10, 10);
        assertThat(b.tryAcquire(Long.MAX_VALUE - 5)).isTrue();
        assertThat(b.tryAcquire(Long.MAX_VALUE)).isFalse();
        assertThat(b.tryAcquire(Long.MAX_VALUE + 5)).as("wrapped, 10 ns later").isTrue();
    }

    @Test
    void shouldNotOverflowALongBackOffAfterManyAttempts() {
        final RetryBudget b = new RetryBudget(80, 1_000 * MS, 30_000 * MS);
        long now = 0;
        for (int i = 0; i < 80; i++) {
            assertThat(b.tryAcquire(now)).isTrue();
            assertThat(b.nextAllowedNs() - now).isBetween(0L, 30_000 * MS);
            now = b.nextAllowedNs();
        }
    }

    @Test
    void shouldBeSpentFromTheStartWithNoAttempts() {
        final RetryBudget b = new RetryBudget(0, 1, 1);
        assertThat(b.isSpent()).isTrue();
        assertThat(b.tryAcquire(0)).isFalse();
    }

    @Test
    void shouldRefuseBadSettingsNamingThem() {
        assertThatThrownBy(() -> new RetryBudget(-1, 1, 1)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryBudget(1, 10, 5)).hasMessageContaining("backoff");
    }
}
