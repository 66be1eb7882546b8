package io.scalper.bybit.gateway;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one REST thread and the queue of what its calls found. A {@link Task} runs on the REST thread, in
 * submission order (a cancel never overtakes its create), and returns what to do on the engine thread; {@link
 * #drain} runs those outcomes there. {@link #later} queues engine-thread work for the next drain, so a command never
 * reports re-entrantly.
 */
final class RestWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);

    /** A REST call: runs on the REST thread and returns what to do on the engine thread, or {@code null}. */
    @FunctionalInterface
    interface Task {
        Runnable call();
    }

    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Runnable> outcomes = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** @param threadName the REST thread's name (a daemon thread) */
    RestWorker(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the REST thread; dropped once closed. Any thread. */
    void submit(Task task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                final Runnable outcome = task.call();
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("bybit gateway: closed, REST command dropped");
        }
    }

    /** Runs {@code work} at the next {@link #drain}, after the outcomes queued before it. */
    void later(Runnable work) {
        outcomes.add(work);
    }

    /**
     * Runs queued outcomes, oldest first. Engine thread.
     *
     * @return how many ran (at most {@code max})
     */
    int drain(int max) {
        int n = 0;
        for (; n < max; n++) {
            final Runnable r = outcomes.poll();
            if (r == null) {
                break;
            }
            r.run();
        }
        return n;
    }

    /** Stops the thread: a call in progress finishes (up to 5 s are waited for), queued ones are dropped. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
