package io.scalper.bybit.rest;

import io.scalper.core.time.Clock;

/**
 * A token bucket for one endpoint: up to {@code ratePerSecond} requests in any burst, refilled evenly (one token every
 * {@code 1 s / ratePerSecond}), implemented as a reservation (generic cell rate algorithm) so concurrent callers are
 * queued fairly. Also honours a "blocked until" time set from Bybit's rate-limit headers or a 10006 answer.
 * Thread-safe; waiting happens outside the lock.
 */
final class RequestThrottle {
    private static final long SECOND_NS = 1_000_000_000L;

    private final Clock clock;
    private final long intervalNs;
    private final long burstNs;
    private long theoreticalArrivalNs;
    private long blockedUntilNs;
    private boolean started;

    /** @param ratePerSecond requests per second, &gt; 0 */
    RequestThrottle(Clock clock, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond: must be > 0, got " + ratePerSecond);
        }
        this.clock = clock;
        this.intervalNs = SECOND_NS / ratePerSecond;
        this.burstNs = intervalNs * ratePerSecond;
    }

    /**
     * Reserves the next slot and returns how long the caller must wait before sending (0 = at once). The reservation is
     * taken whether or not the caller waits.
     */
    synchronized long reserveNs() {
        final long nowNs = clock.nowNs();
        if (!started) {
            theoreticalArrivalNs = nowNs;
            started = true;
        }
        final long startNs = theoreticalArrivalNs - nowNs > 0 ? theoreticalArrivalNs : nowNs;
        final long tat = startNs + intervalNs;
        long waitNs = tat - burstNs - nowNs;
        theoreticalArrivalNs = tat;
        final long blockedNs = blockedUntilNs - nowNs;
        if (blockedNs > waitNs) {
            waitNs = blockedNs;
        }
        return waitNs > 0 ? waitNs : 0;
    }

    /** No request may be sent before {@code untilNs} (clock time); an earlier block is kept if later. */
    synchronized void blockUntil(long untilNs) {
        if (untilNs - blockedUntilNs > 0) {
            blockedUntilNs = untilNs;
        }
    }
}
