package io.scalper.bybit.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The lines of several files read one after another, each opened only when the previous one has ended. */
final class FileLines implements Closeable {
    private final List<Path> files;
    private int index = -1;
    private LineReader current;
    private boolean firstOfFile;

    FileLines(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /**
     * Reads the next line.
     *
     * @return {@code false} when all files have ended
     */
    boolean next() throws IOException {
        while (true) {
            if (current != null) {
                if (current.next()) {
                    return true;
                }
                final LineReader done = current;
                current = null;
                done.close();
            }
            if (index + 1 >= files.size()) {
                return false;
            }
            index++;
            current = DataFiles.open(files.get(index));
            firstOfFile = true;
            if (current.next()) {
                return true;
            }
        }
    }

    /** The current line (valid until the next {@link #next()}). */
    LineReader line() {
        return current;
    }

    /**
     * Whether the current line is the first non-blank line of its file, as far as the caller has told: the flag is set
     * when a file is opened and cleared by {@link #consumedFirst()}.
     */
    boolean firstOfFile() {
        return firstOfFile;
    }

    /** Marks the first line of the current file as seen. */
    void consumedFirst() {
        firstOfFile = false;
    }

    /** The file being read, or {@code null} before the first line and after the last. */
    Path file() {
        return current == null ? null : files.get(index);
    }

    /** Number of files. */
    int fileCount() {
        return files.size();
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            final LineReader c = current;
            current = null;
            c.close();
        }
        index = files.size();
    }
}
