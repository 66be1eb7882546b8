package io.scalper.core.backtest.events;

import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes an {@link EventFormat} file: the header, then records through a 1 MiB buffer. The file is written under a
 * temporary name and moved into place by {@link #close()}, with the record count in its header, so a reader never sees a
 * half-written file.
 */
public final class EventFileWriter implements RecordSink, Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer =
            ByteBuffer.allocateDirect(EventFormat.RECORD_SIZE * 21_845).order(ByteOrder.LITTLE_ENDIAN);
    private final Instrument instrument;
    private long count;
    private boolean closed;

    public EventFileWriter(Path file, Instrument instrument) throws IOException {
        this.target = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        final Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.temp = target.resolveSibling(target.getFileName() + ".part");
        this.channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        writeFully(EventFormat.header(instrument, 0));
    }

    @Override
    public void write(
            long exchangeTimeNs, long localTimeNs, long a, long b, long c, int type, int flags, int side, int field)
            throws IOException {
        if (buffer.remaining() < EventFormat.RECORD_SIZE) {
            drain();
        }
        buffer.putLong(exchangeTimeNs)
                .putLong(localTimeNs)
                .putLong(a)
                .putLong(b)
                .putLong(c)
                .put((byte) type)
                .put((byte) flags)
                .put((byte) side)
                .put((byte) 0)
                .putInt(field);
        count++;
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Records written. */
    public long count() {
        return count;
    }

    /** Writes what is buffered and the record count, and moves the file into place. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            drain();
            channel.position(0);
            writeFully(EventFormat.header(instrument, count));
            channel.force(false);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the partial file (after a failure). */
    public void abort() {
        closed = true;
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
