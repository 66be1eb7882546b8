package io.scalper.core.backtest.events;

import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one or more {@link EventFormat} files (days, in the order given) through memory maps, with no allocation per
 * record. Every file must hold the same instrument. Large files are mapped in windows of at most 1 GiB; records are
 * copied from the map in blocks of {@value #BLOCK_RECORDS} into a reused {@code long[]} (a bulk copy), so each field read
 * is a plain array load.
 */
public final class EventFileCursor implements RecordCursor, Closeable {
    private static final long WINDOW = (1L << 30) / EventFormat.RECORD_SIZE * EventFormat.RECORD_SIZE;
    static final int BLOCK_RECORDS = 4096;
    private static final int LONGS = EventFormat.RECORD_SIZE / Long.BYTES;

    private final List<Path> files;
    private final long[] counts;
    private final Instrument instrument;
    private int fileIndex = -1;
    private FileChannel channel;
    private MappedByteBuffer map;
    private java.nio.LongBuffer longs;
    private final long[] block = new long[BLOCK_RECORDS * LONGS];
    private int blockEnd;
    private int at = -LONGS;
    private long fileRecords;
    private long fileRead;
    private long windowStart;
    private long windowEnd;
    private long total;

    /** Opens the files and checks their headers (readable, same instrument). */
    public EventFileCursor(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no event file given");
        }
        this.files = List.copyOf(files);
        this.counts = new long[files.size()];
        Instrument first = null;
        for (int i = 0; i < files.size(); i++) {
            final Path f = files.get(i);
            final long[] count = new long[1];
            final Instrument inst;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                final ByteBuffer h = ByteBuffer.allocate(EventFormat.HEADER_SIZE);
                while (h.hasRemaining() && ch.read(h) >= 0) {
                    // read the whole header
                }
                h.flip();
                inst = EventFormat.readHeader(h, f.toString(), count);
                final long expected = EventFormat.HEADER_SIZE + count[0] * EventFormat.RECORD_SIZE;
                if (ch.size() < expected) {
                    throw new IOException(f + ": truncated (" + ch.size() + " bytes, header says " + count[0]
                            + " records = " + expected + " bytes)");
                }
            }
            if (first == null) {
                first = inst;
            } else if (!first.equals(inst)) {
                throw new IOException(f + ": instrument " + inst + " differs from " + first + " in " + files.get(0));
            }
            counts[i] = count[0];
            total += count[0];
        }
        this.instrument = first;
    }

    /** Lists files of a directory or returns the one file. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        final List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (java.nio.file.Files.isDirectory(p)) {
                try (var s = java.nio.file.Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".events"))
                            .sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Records in all files. */
    public long totalRecords() {
        return total;
    }

    @Override
    public boolean advance() throws IOException {
        at += LONGS;
        if (at < blockEnd) {
            return true;
        }
        return refill();
    }

    private boolean refill() throws IOException {
        if (fileRead >= fileRecords || fileIndex < 0) {
            if (!nextFile()) {
                return false;
            }
        }
        final long pos = EventFormat.HEADER_SIZE + fileRead * EventFormat.RECORD_SIZE;
        if (pos >= windowEnd) {
            mapWindow(pos);
        }
        final long inWindow = (windowEnd - pos) / EventFormat.RECORD_SIZE;
        final int n = (int) Math.min(BLOCK_RECORDS, Math.min(inWindow, fileRecords - fileRead));
        longs.get((int) ((pos - windowStart) / Long.BYTES), block, 0, n * LONGS);
        fileRead += n;
        blockEnd = n * LONGS;
        at = 0;
        return true;
    }

    private boolean nextFile() throws IOException {
        while (true) {
            closeChannel();
            if (fileIndex + 1 >= files.size()) {
                return false;
            }
            fileIndex++;
            fileRecords = counts[fileIndex];
            fileRead = 0;
            if (fileRecords == 0) {
                continue;
            }
            channel = FileChannel.open(files.get(fileIndex), StandardOpenOption.READ);
            windowStart = 0;
            windowEnd = 0;
            return true;
        }
    }

    private void mapWindow(long pos) throws IOException {
        final long end = EventFormat.HEADER_SIZE + fileRecords * EventFormat.RECORD_SIZE;
        final long size = Math.min(WINDOW, end - pos);
        map = channel.map(FileChannel.MapMode.READ_ONLY, pos, size);
        map.order(ByteOrder.LITTLE_ENDIAN);
        longs = map.asLongBuffer();
        windowStart = pos;
        windowEnd = pos + size;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        map = null;
        longs = null;
    }

    @Override
    public long exchangeTimeNs() {
        return block[at];
    }

    @Override
    public long localTimeNs() {
        return block[at + 1];
    }

    @Override
    public long a() {
        return block[at + 2];
    }

    @Override
    public long b() {
        return block[at + 3];
    }

    @Override
    public long c() {
        return block[at + 4];
    }

    @Override
    public int type() {
        return (int) block[at + 5] & 0xFF;
    }

    @Override
    public int flags() {
        return (int) (block[at + 5] >>> 8) & 0xFF;
    }

    @Override
    public int side() {
        return (int) (block[at + 5] >>> 16) & 0xFF;
    }

    @Override
    public int field() {
        return (int) (block[at + 5] >>> 32);
    }

    @Override
    public void close() throws IOException {
        closeChannel();
        fileIndex = files.size();
        blockEnd = 0;
    }
}
