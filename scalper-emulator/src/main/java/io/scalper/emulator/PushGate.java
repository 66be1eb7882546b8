package io.scalper.emulator;

import java.util.ArrayDeque;

/**
 * Orders one account's private pushes after the replies of the commands that caused them, as on Bybit: a command
 * places a {@link Barrier} when it starts running (on the exchange thread); every push made after it waits until the
 * barrier is {@linkplain Barrier#release() released} (the reply was written) and every earlier barrier too. Pushes
 * made before a barrier are not held by it. With no barrier pending a push goes out at once. Thread-safe; pushes keep
 * the order they were made in.
 */
final class PushGate {
    /** One private push bound for one session. */
    private record Push(Account.Subscriber to, String text, long madeNanos) {}

    /** The point in the push order a command's reply must pass before later pushes go out. */
    final class Barrier {
        private boolean released;

        /** Lets the pushes behind this barrier go (once every earlier barrier is released too). Idempotent. */
        void release() {
            synchronized (PushGate.this) {
                if (released) {
                    return;
                }
                released = true;
                drain();
            }
        }
    }

    /**
     * One request's claim on its account's gate, made from the thread that answers it: {@link #place} on the exchange
     * thread before the command runs, {@link #release} once the reply is written (or abandoned). A place after the
     * release places nothing, so an abandoned request never blocks the account's pushes.
     */
    static final class Hold {
        private Barrier barrier;
        private boolean released;

        synchronized void place(PushGate gate) {
            if (!released) {
                barrier = gate.hold();
            }
        }

        /** Idempotent. */
        void release() {
            final Barrier b;
            synchronized (this) {
                released = true;
                b = barrier;
                barrier = null;
            }
            if (b != null) {
                b.release();
            }
        }
    }

    /** Pushes and barriers in order; empty when nothing is held. Guarded by {@code this}. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    /** Places a barrier: pushes made from now on wait for its release. */
    synchronized Barrier hold() {
        final Barrier b = new Barrier();
        queue.addLast(b);
        return b;
    }

    /** Sends {@code text} to {@code to} now, or queues it behind the pending barriers. */
    synchronized void push(Account.Subscriber to, String text) {
        final long now = System.nanoTime();
        if (queue.isEmpty()) {
            to.send(text, now);
        } else {
            queue.addLast(new Push(to, text, now));
        }
    }

    /** Sends from the head up to the first barrier still pending; drops released barriers. */
    private void drain() {
        while (!queue.isEmpty()) {
            final Object head = queue.peekFirst();
            if (head instanceof Barrier b) {
                if (!b.released) {
                    return;
                }
                queue.pollFirst();
            } else {
                final Push p = (Push) queue.pollFirst();
                p.to().send(p.text(), p.madeNanos());
            }
        }
    }

    /** Pushes waiting behind a barrier (for tests). */
    synchronized int heldPushes() {
        int n = 0;
        for (Object o : queue) {
            if (o instanceof Push) {
                n++;
            }
        }
        return n;
    }
}
