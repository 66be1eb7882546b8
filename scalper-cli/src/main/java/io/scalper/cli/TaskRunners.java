package io.scalper.cli;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The two places tasks run: this machine's thread pool, or Apache Spark through a {@link TaskRunnerProvider}. */
final class TaskRunners {
    private TaskRunners() {}

    /** What {@code --spark} with no value means: Spark inside this process, on every core. */
    static final String DEFAULT_MASTER = "local[*]";

    /** A pool of {@code threads} threads on this machine. */
    static TaskRunner local(int threads) {
        return new Local(threads);
    }

    /**
     * A Spark job on {@code master}.
     *
     * @throws ScalperCli.UsageException when the scalper-spark module is not on the class path
     */
    static TaskRunner spark(String master, String appName) {
        for (TaskRunnerProvider p : ServiceLoader.load(TaskRunnerProvider.class)) {
            if (p.name().equals("spark")) {
                return p.open(master, appName);
            }
        }
        throw new ScalperCli.UsageException("--spark: Spark support (the scalper-spark module) is not on the class"
                + " path; run ./scalper, which builds and adds it when --spark is given, or submit"
                + " scalper-spark/target/scalper-spark.jar with spark-submit (see the README)");
    }

    private static final class Local implements TaskRunner {
        private final int threads;
        private final ExecutorService pool;

        Local(int threads) {
            this.threads = threads;
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                final Thread t = new Thread(r, "sweep");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public <R extends Serializable> List<TaskOutcome<R>> runAll(List<? extends ScalperTask<R>> tasks) {
            final List<Future<TaskOutcome<R>>> futures = new ArrayList<>(tasks.size());
            for (ScalperTask<R> t : tasks) {
                futures.add(pool.submit(() -> TaskOutcome.run(t, DataFiles.LOCAL)));
            }
            final List<TaskOutcome<R>> out = new ArrayList<>(tasks.size());
            for (Future<TaskOutcome<R>> f : futures) {
                try {
                    out.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause()); // TaskOutcome.run catches what a task throws
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return threads + " at a time";
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
