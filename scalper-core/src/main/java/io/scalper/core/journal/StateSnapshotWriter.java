package io.scalper.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Replaces a small state file (position, working orders, kill switch, daily loss, equity peak: whatever text or JSON
 * the runner writes, e.g. with {@link io.scalper.core.metrics.JsonWriter}) so that a reader, or the process after a
 * crash, finds either the previous content or the new one, never a mix.
 *
 * <p>{@link #write} writes the whole content to {@code .<name>.tmp} in the same directory, forces it to disk, then
 * renames it over the file with {@link StandardCopyOption#ATOMIC_MOVE} (falling back to
 * {@link StandardCopyOption#REPLACE_EXISTING} where the file system cannot move atomically), and finally forces the
 * directory where the platform allows it. A failed write leaves the file as it was. A temporary file left by a crash is
 * simply overwritten next time. One writer per file; readers may be in other threads or processes.
 */
public final class StateSnapshotWriter {
    private final Path file;
    private final Path temp;

    /** A writer for {@code file} (its directory is created on the first write). */
    public StateSnapshotWriter(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        final Path name = this.file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file path: " + file);
        }
        this.temp = this.file.resolveSibling("." + name + ".tmp");
    }

    /** The state file. */
    public Path file() {
        return file;
    }

    /** The temporary file used while writing. */
    public Path tempFile() {
        return temp;
    }

    /** Atomically replaces the file's content with {@code text} (UTF-8). */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Atomically replaces the file's content with {@code content}. */
    public void write(byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        Files.createDirectories(file.getParent());
        try {
            try (FileChannel ch = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                final ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceDirectory(file.getParent());
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open or sync a directory (Windows); the rename itself has happened.
        }
    }

    /** The file's content (UTF-8), or empty if there is no file yet. */
    public Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
