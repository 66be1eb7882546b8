package io.scalper.core.time;

/**
 * Timers for the engine, supplied by the runtime: live code runs tasks on the engine thread from a timer thread's
 * hand-over; backtests and tests use {@link ManualScheduler}, driven by event time. Tasks run on the engine thread.
 */
public interface Scheduler {
    /** A scheduled task that can be cancelled. */
    interface Timer {
        void cancel();
    }

    /** Runs {@code task} once at or after {@code deadlineNs}. */
    Timer schedule(long deadlineNs, Runnable task);

    /** Runs {@code task} every {@code periodNs}, first at {@code firstNs}. */
    Timer schedulePeriodic(long firstNs, long periodNs, Runnable task);
}
