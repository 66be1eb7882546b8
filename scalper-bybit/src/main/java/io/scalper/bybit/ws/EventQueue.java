package io.scalper.bybit.ws;

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
 * <p>Cost: nothing allocated per event — a preallocated ring of slots (kind, text, time) under one lock, taken briefly
 * by each offer and once per batch of up to 64 events drained (the consumer's callback runs outside it). The frame {@code String} is the
 * WebSocket library's.
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

    private final int capacity;
    // the ring, guarded by this: slots [head, head + count) hold events, oldest first
    private final int[] kinds;
    private final String[] texts;
    private final long[] times;
    private int head;
    private int count;
    // the consumer's batch, taken under the lock and handed over outside it (consumer thread only)
    private final int[] batchKinds;
    private final String[] batchTexts;
    private final long[] batchTimes;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity the most events held at once (at least 1) */
    public EventQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: must be > 0, got " + capacity);
        }
        this.capacity = capacity;
        this.kinds = new int[capacity];
        this.texts = new String[capacity];
        this.times = new long[capacity];
        final int batch = Math.min(capacity, 64);
        this.batchKinds = new int[batch];
        this.batchTexts = new String[batch];
        this.batchTimes = new long[batch];
    }

    /** Adds an event; never waits for the consumer. Returns {@code false} (and counts it) when the queue is full. Any thread. */
    public boolean offer(int kind, String text, long localTimeNs) {
        synchronized (this) {
            if (count < capacity) {
                int slot = head + count;
                if (slot >= capacity) {
                    slot -= capacity;
                }
                kinds[slot] = kind;
                texts[slot] = text == null ? "" : text;
                times[slot] = localTimeNs;
                count++;
                return true;
            }
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
        final int[] k = batchKinds;
        final String[] x = batchTexts;
        final long[] t = batchTimes;
        while (n < max) {
            // take up to a batch under the lock, hand it over outside it
            final int take;
            synchronized (this) {
                take = Math.min(Math.min(count, max - n), k.length);
                int slot = head;
                for (int i = 0; i < take; i++) {
                    k[i] = kinds[slot];
                    x[i] = texts[slot];
                    t[i] = times[slot];
                    texts[slot] = null;
                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }
                head = slot;
                count -= take;
            }
            if (take == 0) {
                break;
            }
            for (int i = 0; i < take; i++) {
                final String text = x[i];
                x[i] = null;
                n++;
                try {
                    consumer.onEvent(k[i], text, t[i]);
                } catch (RuntimeException | Error e) {
                    putBack(i + 1, take);
                    throw e;
                }
            }
        }
        return n;
    }

    /**
     * Returns the batch's events {@code [from, to)} to the head of the queue, as if they had not been taken (the
     * consumer threw); those that no longer fit, because producers filled the room meanwhile, are dropped and counted.
     */
    private void putBack(int from, int to) {
        int lost = 0;
        synchronized (this) {
            for (int i = to - 1; i >= from; i--) {
                if (count == capacity) {
                    lost++;
                    continue;
                }
                head = head == 0 ? capacity - 1 : head - 1;
                kinds[head] = batchKinds[i];
                texts[head] = batchTexts[i];
                times[head] = batchTimes[i];
                count++;
            }
        }
        for (int i = from; i < to; i++) {
            batchTexts[i] = null;
        }
        if (lost > 0) {
            dropped.addAndGet(lost);
        }
    }

    /** Events waiting. */
    public synchronized int size() {
        return count;
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }
}
