package io.scalper.core.time;

/**
 * A clock moved by hand: by tests, and by replays and backtests (which set it to each event's time).
 * Not thread-safe; owned by the engine thread.
 */
public final class ManualClock implements Clock {
    private long nowNs;

    /** A clock at time zero (the Unix epoch). */
    public ManualClock() {
        this(0L);
    }

    /** A clock at {@code startNs}. */
    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    /**
     * Sets the time. Time may not go backwards.
     *
     * @throws IllegalArgumentException if {@code timeNs} is before the current time
     */
    public void setNs(long timeNs) {
        if (timeNs - nowNs < 0) {
            throw new IllegalArgumentException("time may not go backwards: " + timeNs + " < " + nowNs);
        }
        this.nowNs = timeNs;
    }

    /** Moves the clock forward by {@code deltaNs} (which must not be negative). */
    public void advanceNs(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("deltaNs must not be negative: " + deltaNs);
        }
        this.nowNs += deltaNs;
    }

    /** Moves the clock forward by {@code deltaMs} milliseconds. */
    public void advanceMs(long deltaMs) {
        advanceNs(deltaMs * 1_000_000L);
    }

    @Override
    public String toString() {
        return "ManualClock[" + nowNs + "ns]";
    }
}
