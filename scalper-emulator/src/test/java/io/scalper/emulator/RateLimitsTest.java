package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bybit's per-UID, per-endpoint budget over a rolling second, with the clock driven by hand. */
class RateLimitsTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH_MS = 1_700_000_000_000L;
    private static final String CREATE = "/v5/order/create";

    private long nowNs = 5_000 * MS;
    private final RateLimits limits = new RateLimits(() -> nowNs, () -> EPOCH_MS + nowNs / MS);

    private RateLimits.Verdict at(long ms) {
        nowNs = 5_000 * MS + ms * MS;
        return limits.take(1, CREATE, 10);
    }

    @Test
    void shouldAcceptTenInAnyRollingSecondAndReportWhatRemains() {
        for (int i = 0; i < 10; i++) {
            final RateLimits.Verdict v = at(i * 100L);
            assertThat(v.allowed()).isTrue();
            assertThat(v.limit()).isEqualTo(10);
            assertThat(v.remaining()).isEqualTo(9 - i);
            assertThat(v.resetEpochMs()).isEqualTo(EPOCH_MS + 5_000 + i * 100L);
        }
        final RateLimits.Verdict refused = at(950);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        // the oldest (at 0) leaves the window at 1000: that is when a slot frees
        assertThat(refused.resetEpochMs()).isEqualTo(EPOCH_MS + 5_000 + 1_000);
        assertThat(at(1_000).allowed()).isTrue();
        // a fixed window restarted at 1000 would accept this one; the rolling second still holds 100..1000
        final RateLimits.Verdict rolling = at(1_001);
        assertThat(rolling.allowed()).isFalse();
        assertThat(rolling.resetEpochMs()).isEqualTo(EPOCH_MS + 5_000 + 1_100);
    }

    @Test
    void shouldNotChargeRefusedRequests() {
        for (int i = 0; i < 10; i++) {
            assertThat(at(0).allowed()).isTrue();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(at(500).allowed()).isFalse();
        }
        final RateLimits.Verdict v = at(1_000);
        assertThat(v.allowed()).isTrue();
        assertThat(v.remaining()).isEqualTo(9);
    }

    @Test
    void shouldKeepOneBudgetPerUidAndEndpoint() {
        for (int i = 0; i < 10; i++) {
            at(0);
        }
        assertThat(at(1).allowed()).isFalse();
        assertThat(limits.take(1, "/v5/order/cancel", 10).allowed()).isTrue();
        assertThat(limits.take(2, CREATE, 10).allowed()).isTrue();
        assertThat(limits.take(2, CREATE, 10).remaining()).isEqualTo(8);
    }

    @Test
    void shouldPeekWithoutCharging() {
        at(0);
        final RateLimits.Verdict peek = limits.peek(1, CREATE, 10);
        assertThat(peek.allowed()).isTrue();
        assertThat(peek.remaining()).isEqualTo(9);
        assertThat(limits.peek(1, CREATE, 10).remaining()).isEqualTo(9);
        for (int i = 0; i < 9; i++) {
            at(10);
        }
        final RateLimits.Verdict full = limits.peek(1, CREATE, 10);
        assertThat(full.allowed()).isFalse();
        assertThat(full.remaining()).isZero();
    }
}
