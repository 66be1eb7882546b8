package io.scalper.core.time;

import java.util.PriorityQueue;

/**
 * A {@link Scheduler} driven by hand: {@link #advanceTo(long)} moves its {@link ManualClock} forward, running every
 * task that falls due in deadline order (ties in scheduling order), with the clock set to each task's deadline. For
 * backtests and tests. Not thread-safe.
 */
public final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    public ManualClock clock() {
        return clock;
    }

    private final class Task implements Timer, Comparable<Task> {
        long deadlineNs;
        final long periodNs;
        final Runnable task;
        long seq;
        boolean cancelled;

        Task(long deadlineNs, long periodNs, Runnable task) {
            this.deadlineNs = deadlineNs;
            this.periodNs = periodNs;
            this.task = task;
            this.seq = sequence++;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            final int c = Long.compare(deadlineNs, o.deadlineNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public Timer schedule(long deadlineNs, Runnable task) {
        final Task t = new Task(deadlineNs, 0, task);
        queue.add(t);
        return t;
    }

    @Override
    public Timer schedulePeriodic(long firstNs, long periodNs, Runnable task) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("periodNs must be > 0, got " + periodNs);
        }
        final Task t = new Task(firstNs, periodNs, task);
        queue.add(t);
        return t;
    }

    /** Deadline of the next pending task, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineNs() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadlineNs;
    }

    /** Runs every task due at or before {@code timeNs}, then leaves the clock at {@code timeNs}. */
    public void advanceTo(long timeNs) {
        while (true) {
            final long next = nextDeadlineNs();
            if (next > timeNs) {
                break;
            }
            final Task t = queue.poll();
            if (next > clock.nowNs()) {
                clock.setNs(next);
            }
            if (t.periodNs > 0) {
                t.deadlineNs += t.periodNs;
                t.seq = sequence++;
                queue.add(t);
            }
            t.task.run();
        }
        if (timeNs > clock.nowNs()) {
            clock.setNs(timeNs);
        }
    }

    /** Tasks pending (cancelled ones may still be counted until they come due). */
    public int pending() {
        return queue.size();
    }
}
