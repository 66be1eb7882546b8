package io.scalper.core.time;

/**
 * Source of time for everything in core. Core logic never reads the wall clock directly: live code
 * injects {@link SystemClock}, replays and tests inject {@link ManualClock}.
 */
public interface Clock {
    /** Current time as nanoseconds since the Unix epoch. */
    long nowNs();

    /** Current time as milliseconds since the Unix epoch. */
    default long nowMs() {
        return nowNs() / 1_000_000L;
    }
}
