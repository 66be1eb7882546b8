package io.scalper.cli;

import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * What became of one {@link ScalperTask}: its value, or the reason it failed (one line). A failing task never takes
 * the others' results with it.
 *
 * @param name the task's {@link ScalperTask#name()}
 * @param value its result; {@code null} when it failed
 * @param error why it failed; {@code null} when it did not
 */
public record TaskOutcome<R extends Serializable>(String name, R value, String error) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Runs {@code task} here, catching what it throws. */
    public static <R extends Serializable> TaskOutcome<R> run(ScalperTask<R> task, DataFiles files) {
        try {
            return new TaskOutcome<>(task.name(), task.run(files), null);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            return new TaskOutcome<>(task.name(), null, reason(e));
        }
    }

    /** Whether the task failed. */
    public boolean failed() {
        return error != null;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ScalperCli.UsageException) {
            return t.getMessage();
        }
        return t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
