package io.scalper.core.time;

import java.time.Instant;

/**
 * Wall-clock time with nanosecond resolution where the platform offers it. Reads {@link Instant#now()}
 * through {@link java.time.Clock#systemUTC()}; never goes backwards by more than the OS clock does.
 */
public final class SystemClock implements Clock {
    /** The shared instance. */
    public static final SystemClock INSTANCE = new SystemClock();

    private final java.time.Clock clock = java.time.Clock.systemUTC();

    private SystemClock() {}

    @Override
    public long nowNs() {
        final Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long nowMs() {
        return System.currentTimeMillis();
    }

    /** A monotonic reading for measuring elapsed wall time (not the time of day), ns. */
    public static long monotonicNs() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
