package io.scalper.bybit.rest;

/**
 * Waits, for the REST client's throttle and retry backoff. Tests inject one that advances a manual clock instead of
 * sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Blocks for {@code durationNs} nanoseconds (&gt; 0). */
    void sleepNs(long durationNs) throws InterruptedException;

    /** {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return ns -> Thread.sleep(ns / 1_000_000L, (int) (ns % 1_000_000L));
    }
}
