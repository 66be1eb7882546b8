package io.scalper.bybit.gateway;

/**
 * The one client-side limit on order traffic, shared by REST and the trade WebSocket (Bybit counts both against the
 * same per-UID budget): at most {@code perSecond} requests of each kind (create, amend, cancel) in any rolling second,
 * and nothing at all while paused after Bybit answered "too many visits" (10006, 10018). A sliding window of the last
 * {@code perSecond} send times per kind, so the bound holds for every one-second window, not only on average.
 *
 * <p>Bybit's default for non-VIP linear accounts is 10 per second per endpoint ({@code /v5/order/create}, {@code
 * amend}, {@code cancel}, {@code cancel-all}); the gateway keeps a margin below it. Allocation-free; engine thread.
 */
final class OrderRateLimiter {
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    private final int perSecond;
    private final long[][] sent;
    private final int[] next;
    private long pausedUntilNs = NONE;
    private int consecutivePauses;
    private long refusedNow;
    private long pauses;

    /**
     * @param kinds how many kinds of request are limited separately
     * @param perSecond requests of one kind allowed in any rolling second (≥ 1)
     */
    OrderRateLimiter(int kinds, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("orders per second: must be >= 1, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.sent = new long[kinds][perSecond];
        this.next = new int[kinds];
        for (long[] ring : sent) {
            java.util.Arrays.fill(ring, NONE);
        }
    }

    /** Whether a request of {@code kind} may go now; if so it is counted as sent. */
    boolean tryAcquire(int kind, long nowNs) {
        if (!mayAcquire(kind, nowNs)) {
            refusedNow++;
            return false;
        }
        sent[kind][next[kind]] = nowNs;
        next[kind] = (next[kind] + 1) % perSecond;
        return true;
    }

    /** Whether a request of {@code kind} could go now (nothing is counted). */
    boolean mayAcquire(int kind, long nowNs) {
        if (isPaused(nowNs)) {
            return false;
        }
        final long oldest = sent[kind][next[kind]];
        return oldest == NONE || nowNs - oldest >= SECOND_NS;
    }

    /** When a request of {@code kind} may go at the earliest, ns. */
    long nextAllowedNs(int kind, long nowNs) {
        long at = nowNs;
        final long oldest = sent[kind][next[kind]];
        if (oldest != NONE && oldest + SECOND_NS - at > 0) {
            at = oldest + SECOND_NS;
        }
        if (isPaused(nowNs) && pausedUntilNs - at > 0) {
            at = pausedUntilNs;
        }
        return at;
    }

    /**
     * Bybit refused a request as over its limit: nothing goes for a second, doubling (up to 8 s) while refusals follow
     * each other — a refusal of a request sent after the last pause ended, with none accepted between; refusals that
     * arrive during a pause do not lengthen it.
     */
    void onRateLimited(long nowNs) {
        if (isPaused(nowNs)) {
            // the answer to a request sent before the pause began (a burst in flight, or another session of the
            // account): the pause already covers it, and it is not a refusal after resuming — lengthening the pause
            // for each would keep the protective orders of every session waiting up to 8 s for one burst
            return;
        }
        consecutivePauses = Math.min(consecutivePauses + 1, 4);
        final long until = nowNs + (SECOND_NS << (consecutivePauses - 1));
        if (pausedUntilNs == NONE || until - pausedUntilNs > 0) {
            pausedUntilNs = until;
        }
        pauses++;
    }

    /** A request went through: the next refusal pauses for a second again. */
    void onAccepted() {
        consecutivePauses = 0;
    }

    boolean isPaused(long nowNs) {
        return pausedUntilNs != NONE && nowNs - pausedUntilNs < 0;
    }

    /** Requests of one kind allowed per rolling second. */
    int perSecond() {
        return perSecond;
    }

    /** Times a request had to wait. */
    long deferrals() {
        return refusedNow;
    }

    /** Pauses after Bybit's rate-limit answers. */
    long pauses() {
        return pauses;
    }
}
