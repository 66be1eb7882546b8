package io.scalper.spark;

import io.scalper.cli.DataFiles;
import io.scalper.cli.ScalperTask;
import io.scalper.cli.TaskOutcome;
import io.scalper.cli.TaskRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs {@link ScalperTask}s as one Spark job per batch: one Spark task per scalper task (a partition each), each
 * calling the very {@link TaskOutcome#run} the thread pool calls, so the results are the same; {@code collect} brings
 * them back in order. A task that throws becomes a failed outcome inside the Spark task, so Spark neither retries it
 * nor aborts the job: the others' results survive.
 *
 * <p>Owns its {@link JavaSparkContext}: started here, stopped by {@link #close()}. With a {@code local} master the
 * web UI is off and the driver binds to the loopback address.
 */
final class SparkTaskRunner implements TaskRunner {
    private final JavaSparkContext context;
    private final String master;

    /**
     * @param master {@code local[*]}, {@code local[N]}, a cluster's master URL; empty or {@code null}: the
     *     {@code spark.master} that spark-submit sets, else {@code local[*]}
     */
    SparkTaskRunner(String master, String appName) {
        final SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        this.master = conf.get("spark.master");
        if (this.master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "localhost");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // research brings every file's decisions back for an exact merge (about 50 MB per day of data at the default
        // 250 ms grid): the driver needs them all, so Spark's 1 GB cap on collected results would only get in the way
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        this.context = new JavaSparkContext(conf);
    }

    @Override
    public <R extends Serializable> List<TaskOutcome<R>> runAll(List<? extends ScalperTask<R>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        final List<ScalperTask<R>> list = new ArrayList<>(tasks);
        context.setJobDescription(
                list.size() + " scalper tasks, the first " + list.get(0).name());
        return context.parallelize(list, list.size())
                .map(SparkTaskRunner::<R>run)
                .collect();
    }

    /** What each Spark task does: runs the scalper task on the executor, its data fetched there. */
    private static <R extends Serializable> TaskOutcome<R> run(ScalperTask<R> task) {
        return TaskOutcome.run(task, HadoopDataFiles.INSTANCE);
    }

    @Override
    public List<String> list(String location) throws java.io.IOException {
        return DataFiles.isRemote(location)
                ? HadoopDataFiles.list(location, context.hadoopConfiguration())
                : List.of(location);
    }

    @Override
    public String describe() {
        return "Spark " + master + " (" + context.defaultParallelism() + " at a time)";
    }

    @Override
    public void close() {
        context.stop();
    }
}
