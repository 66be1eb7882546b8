package io.scalper.spark;

import io.scalper.cli.TaskRunner;
import io.scalper.cli.TaskRunnerProvider;

/** What {@code --spark} finds through {@link java.util.ServiceLoader}: runners backed by a Spark context. */
public final class SparkProvider implements TaskRunnerProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TaskRunner open(String master, String appName) {
        return new SparkTaskRunner(master, appName);
    }
}
