package io.scalper.bybit.ws;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between a stream's I/O threads and the engine thread: producers {@link #offer} events, one consumer
 * (the engine thread) {@link #drain}s them in the order they were offered.
 *
 * <p>Threading: {@link #offer} may be called from any thread (the socket's read thread, the connection's timer
 * thread); {@link #drain} must be called from one thread only. Nothing the consumer owns (books, order state, strategy
 * state) is touched by a producer. The queue is bounded: when full, {@link #offer} drops the event, returns {@code
 * false} and counts it in {@link #dropped()}; consumers treat a change of that counter as lost data (books resync).
 *
 * <p>Cost: one small holder per event on top of the frame {@code String} the WebSocket library already allocates.
 */
public final class EventQueue {
    /** Event kind: the connection opened (before any text of the new connection). */
    public static final int CONNECTED = 1;
    /** Event kind: a text frame. */
    public static final int TEXT = 2;
    /** Event kind: the connection closed or failed (after every text of that connection). */
    public static final int DISCONNECTED = 3;

    /** Receives drained events on the consumer thread. */
    @FunctionalInterface
    public interface Consumer {
        /**
         * @param kind {@link #CONNECTED}, {@link #TEXT} or {@link #DISCONNECTED}
         * @param text the frame for {@link #TEXT}, otherwise a short description (may be empty, never {@code null})
         * @param localTimeNs local receive time, ns since the epoch
         */
        void onEvent(int kind, String text, long localTimeNs);
    }

    private record Entry(int kind, String text, long localTimeNs) {}

    private final ArrayBlockingQueue<Entry> queue;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity the most events held at once (at least 1) */
    public EventQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: must be > 0, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds an event; never blocks. Returns {@code false} (and counts it) when the queue is full. Any thread. */
    public boolean offer(int kind, String text, long localTimeNs) {
        if (queue.offer(new Entry(kind, text == null ? "" : text, localTimeNs))) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /**
     * Hands up to {@code max} queued events to {@code consumer}, oldest first; never blocks. Consumer thread only.
     *
     * @return the number of events handed over
     */
    public int drain(Consumer consumer, int max) {
        int n = 0;
        while (n < max) {
            final Entry e = queue.poll();
            if (e == null) {
                break;
            }
            n++;
            consumer.onEvent(e.kind, e.text, e.localTimeNs);
        }
        return n;
    }

    /** Events waiting. */
    public int size() {
        return queue.size();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }
}
