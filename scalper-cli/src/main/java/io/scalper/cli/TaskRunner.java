package io.scalper.cli;

import java.io.Serializable;
import java.util.List;

/** Runs independent {@link ScalperTask}s: on this machine's cores, or on Apache Spark. */
public interface TaskRunner extends AutoCloseable {
    /**
     * Runs every task once and returns what became of each, in the order of {@code tasks}. A failing task is an
     * outcome, not an exception.
     */
    <R extends Serializable> List<TaskOutcome<R>> runAll(List<? extends ScalperTask<R>> tasks);

    /** Where the tasks run, for people ("4 at a time on this machine", "Spark local[2]"). */
    String describe();

    @Override
    void close();
}
