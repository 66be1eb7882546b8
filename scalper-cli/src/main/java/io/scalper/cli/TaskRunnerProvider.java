package io.scalper.cli;

/**
 * Where a {@link TaskRunner} for {@code --spark} comes from: found with {@link java.util.ServiceLoader}, so that the
 * command line does not depend on the {@code scalper-spark} module that provides it.
 */
public interface TaskRunnerProvider {
    /** The provider's name: {@code spark}. */
    String name();

    /**
     * Starts a runner.
     *
     * @param master where the job runs ({@code local[*]}, {@code local[2]}, a cluster's master URL); empty: the one the
     *     environment gives (spark-submit's)
     * @param appName the job's name
     */
    TaskRunner open(String master, String appName);
}
