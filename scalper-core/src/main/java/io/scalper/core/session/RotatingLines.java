package io.scalper.core.session;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Lines into gzip files rotated every UTC hour of the lines' own times, {@code DIR/PREFIX-yyyy-MM-ddTHH.SUFFIX.gz} —
 * the layout of {@code scalper record} — each written as {@code .part} and renamed when complete (rotated or closed).
 * {@link #flush()} sync-flushes the compressor, so a reader of a {@code .part} file (a session cut short by a crash)
 * finds every line written up to the last flush. Counts the compressed bytes that reached the file. Not thread-safe:
 * one writer thread owns it.
 */
final class RotatingLines implements Closeable {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long HOUR_NS = 3_600_000_000_000L;

    private final Path directory;
    private final String prefix;
    private final String suffix;
    private Writer out;
    private Counting counting;
    private Path partFile;
    private Path finalFile;
    private long hourStartNs = Long.MIN_VALUE;
    private long bytesOfFinishedFiles;
    private long lines;
    private long files;
    private long sinceFlush;

    /**
     * @param directory where the files go (must exist)
     * @param prefix file name prefix, e.g. {@code market}
     * @param suffix file name suffix before {@code .gz}, e.g. {@code jsonl}
     */
    RotatingLines(Path directory, String prefix, String suffix) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
    }

    /** Writes one line (without its newline; a newline inside it is replaced by a space) stamped {@code timeNs}. */
    void write(long timeNs, CharSequence line) throws IOException {
        rollTo(timeNs);
        for (int i = 0, n = line.length(); i < n; i++) {
            final char c = line.charAt(i);
            out.write(c == '\n' || c == '\r' ? ' ' : c);
        }
        out.write('\n');
        lines++;
        sinceFlush += line.length() + 1;
        if (sinceFlush >= FLUSH_EVERY_CHARS) {
            flush(); // what the compressor holds stays small: the bytes counted are the bytes on disk, nearly
        }
    }

    /** Text written between two flushes at most (the compressor's backlog, and the error in {@link #bytes()}). */
    static final int FLUSH_EVERY_CHARS = 64 * 1024;

    private void rollTo(long timeNs) throws IOException {
        final long hour = Math.floorDiv(timeNs, HOUR_NS) * HOUR_NS;
        if (out != null && (hour == hourStartNs || timeNs < hourStartNs)) {
            return; // a line stamped a little earlier than the last (clock jitter) stays in the current file
        }
        finishFile();
        hourStartNs = hour;
        finalFile = uniqueName(HOUR.format(Instant.ofEpochSecond(0, hour)));
        partFile = finalFile.resolveSibling(finalFile.getFileName() + ".part");
        counting = new Counting(Files.newOutputStream(partFile));
        out = new OutputStreamWriter(new GZIPOutputStream(counting, 1 << 13, true), StandardCharsets.UTF_8);
        files++;
    }

    private Path uniqueName(String hour) {
        Path p = directory.resolve(prefix + "-" + hour + "." + suffix + ".gz");
        for (int i = 1; Files.exists(p) || Files.exists(p.resolveSibling(p.getFileName() + ".part")); i++) {
            p = directory.resolve(prefix + "-" + hour + "." + i + "." + suffix + ".gz");
        }
        return p;
    }

    private void finishFile() throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        bytesOfFinishedFiles += counting.count;
        out = null;
        counting = null;
        Files.move(partFile, finalFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Pushes what was written to the file (a gzip sync flush: readable up to here even if the process dies). */
    void flush() throws IOException {
        sinceFlush = 0;
        if (out != null) {
            out.flush();
        }
    }

    /** Compressed bytes written to the files so far (those of the current file up to its last flush or more). */
    long bytes() {
        return bytesOfFinishedFiles + (counting == null ? 0 : counting.count);
    }

    long lines() {
        return lines;
    }

    long files() {
        return files;
    }

    /** Finishes the current file. */
    @Override
    public void close() throws IOException {
        finishFile();
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
