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

    /**
     * The data files at a location of the file system the tasks read: a file as it is; a folder's {@code .events}
     * files, or a glob's matches, in name order. Here only a runner that reads a cluster's file system lists anything.
     *
     * @throws java.io.IOException when the location cannot be listed, or matches nothing
     */
    default List<String> list(String location) throws java.io.IOException {
        return List.of(location);
    }

    /** Where the tasks run, for people ("4 at a time on this machine", "Spark local[2]"). */
    String describe();

    @Override
    void close();
}
