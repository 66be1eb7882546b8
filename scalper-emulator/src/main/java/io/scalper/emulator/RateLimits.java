package io.scalper.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bybit's per-UID, per-endpoint budgets: at most {@code limit} accepted requests in any ROLLING 1-second window (a
 * request is accepted when fewer than {@code limit} were accepted in the second before it; refused requests do not use
 * the budget). REST and WS-trade order operations of one UID and endpoint share one budget. Thread-safe.
 */
final class RateLimits {
    /** The window, ns. */
    static final long WINDOW_NS = 1_000_000_000L;

    /**
     * The verdict on one request and the figures Bybit reports in {@code X-Bapi-Limit*}.
     *
     * @param allowed whether the request may proceed
     * @param limit {@code X-Bapi-Limit}: the endpoint's budget per second
     * @param remaining {@code X-Bapi-Limit-Status}: requests left in the window after this one (0 when refused)
     * @param resetEpochMs {@code X-Bapi-Limit-Reset-Timestamp}: when refused, the epoch ms at which the oldest request
     *     leaves the window (a slot frees); otherwise now
     */
    record Verdict(boolean allowed, int limit, int remaining, long resetEpochMs) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final LongSupplier epochMsClock;

    RateLimits() {
        this(System::nanoTime, System::currentTimeMillis);
    }

    /** With the clocks given: {@code nanoClock} monotonic ns, {@code epochMsClock} wall-clock epoch ms. */
    RateLimits(LongSupplier nanoClock, LongSupplier epochMsClock) {
        this.nanoClock = nanoClock;
        this.epochMsClock = epochMsClock;
    }

    /** Takes one request of {@code uid} on {@code endpoint} (e.g. {@code /v5/order/create}) from its budget. */
    Verdict take(long uid, String endpoint, int limit) {
        return window(uid, endpoint, limit).take(nanoClock.getAsLong(), epochMsClock.getAsLong(), true);
    }

    /** The budget's state now, taking nothing (for replies refused before the budget is consulted). */
    Verdict peek(long uid, String endpoint, int limit) {
        return window(uid, endpoint, limit).take(nanoClock.getAsLong(), epochMsClock.getAsLong(), false);
    }

    private Window window(long uid, String endpoint, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, got " + limit);
        }
        return windows.computeIfAbsent(uid + " " + endpoint, k -> new Window(limit));
    }

    /** Times (ns) of the accepted requests still in the window: a ring of {@code limit} slots, oldest at head. */
    private static final class Window {
        private final long[] times;
        private int head;
        private int count;

        Window(int limit) {
            this.times = new long[limit];
        }

        synchronized Verdict take(long nowNs, long nowEpochMs, boolean consume) {
            final int limit = times.length;
            while (count > 0 && nowNs - times[head] >= WINDOW_NS) {
                head = (head + 1) % limit;
                count--;
            }
            if (count < limit) {
                if (consume) {
                    times[(head + count) % limit] = nowNs;
                    count++;
                }
                return new Verdict(true, limit, limit - count, nowEpochMs);
            }
            final long freeInNs = times[head] + WINDOW_NS - nowNs;
            return new Verdict(false, limit, 0, nowEpochMs + (freeInNs + 999_999L) / 1_000_000L);
        }
    }
}
