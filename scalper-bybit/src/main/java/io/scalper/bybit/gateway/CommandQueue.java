package io.scalper.bybit.gateway;

import java.util.ArrayDeque;

/**
 * Order commands in command order behind the client-side rate limit ({@link OrderRateLimiter}, one budget per {@link
 * OrderOp}): a command goes at once if the limit allows and nothing waits before it; otherwise it waits and {@link
 * #drain} sends it when the limit allows. Engine thread.
 */
final class CommandQueue {
    /** A command waiting for the rate limiter. */
    private record Queued(OrderOp op, Runnable send) {}

    private final OrderRateLimiter limiter;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();

    CommandQueue(OrderRateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Sends a command now if the rate limit allows and nothing waits before it; queues it otherwise. */
    void dispatch(OrderOp op, Runnable send, long nowNs) {
        if (queued.isEmpty() && limiter.tryAcquire(op.ordinal(), nowNs)) {
            send.run();
        } else {
            queued.add(new Queued(op, send));
        }
    }

    /**
     * Sends waiting commands, oldest first, while the limit allows; the first that may not go stops the rest.
     *
     * @return how many were sent
     */
    int drain(long nowNs) {
        int n = 0;
        while (!queued.isEmpty() && limiter.tryAcquire(queued.peek().op.ordinal(), nowNs)) {
            queued.poll().send.run();
            n++;
        }
        return n;
    }

    /** Whether no command waits and the limiter is not paused by a rate-limit answer. */
    boolean isIdle(long nowNs) {
        return queued.isEmpty() && !limiter.isPaused(nowNs);
    }

    /** Commands waiting now. */
    int size() {
        return queued.size();
    }

    OrderRateLimiter limiter() {
        return limiter;
    }
}
