package io.scalper.cli;

import java.io.Serializable;

/**
 * One independent, single-threaded unit of a sweep or of a research over many files: a backtest of one parameter
 * combination on one market over one period, the span of one market, the research of one file. Serialisable, so that
 * the same object runs on this machine's thread pool ({@link TaskRunners#local}) or as a task of an Apache Spark job
 * (the {@code scalper-spark} module): both call {@link #run}, so their results are the same by construction.
 *
 * @param <R> what it returns (serialisable, to travel back to the driver)
 */
public interface ScalperTask<R extends Serializable> extends Serializable {
    /** What the task does, for people: how a failure is reported. */
    String name();

    /**
     * Runs the task where it is.
     *
     * @param files turns the task's data locations into files readable here
     */
    R run(DataFiles files) throws Exception;
}
