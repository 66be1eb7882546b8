package io.scalper.bybit.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
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
 * Writes raw public frames to gzip files rotated every UTC hour ({@code DIR/PREFIX-yyyy-MM-ddTHH.jsonl.gz}), one frame
 * per line prefixed with its local receive time in integer nanoseconds and a tab — the format {@code scalper replay},
 * {@code scalper backtest} and {@link RecordedFrameSource} read. A gap (a disconnection, or anything else the caller
 * reports) is written as a control line {@code {"op":"scalper.gap","success":false,"ret_msg":"..."}}: decoders count
 * it as a failed control frame, never as data, and the resubscription after it brings a fresh book snapshot. A file
 * is written as {@code .part} and renamed when it is complete (rotated or closed), so a reader never sees half a gzip.
 * Thread-safe: frames may arrive on I/O threads.
 */
public final class FrameRecorder implements Closeable {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long HOUR_NS = 3_600_000_000_000L;

    private final Path directory;
    private final String prefix;
    private Writer out;
    private Path partFile;
    private Path finalFile;
    private long hourStartNs = Long.MIN_VALUE;
    private long frames;
    private long gaps;
    private long files;
    private boolean closed;

    /**
     * @param directory where the files go (created if needed)
     * @param prefix file name prefix, e.g. {@code bybit-linear}
     */
    public FrameRecorder(Path directory, String prefix) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        Files.createDirectories(directory);
    }

    /** Records one frame received at {@code localTimeNs}. */
    public synchronized void frame(String text, long localTimeNs) {
        if (closed) {
            return;
        }
        try {
            rollTo(localTimeNs);
            out.write(Long.toString(localTimeNs));
            out.write('\t');
            out.write(text.indexOf('\n') >= 0 ? text.replace("\n", " ").replace("\r", " ") : text);
            out.write('\n');
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + partFile, e);
        }
    }

    /** Records that data may be missing from here (e.g. the connection dropped), with a short reason. */
    public synchronized void gap(String reason, long localTimeNs) {
        if (closed) {
            return;
        }
        final String safe = reason == null
                ? ""
                : reason.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
        frame("{\"op\":\"scalper.gap\",\"success\":false,\"ret_msg\":\"" + safe + "\"}", localTimeNs);
        gaps++;
        frames--;
    }

    private void rollTo(long nowNs) throws IOException {
        final long hour = Math.floorDiv(nowNs, HOUR_NS) * HOUR_NS;
        if (out != null && hour == hourStartNs) {
            return;
        }
        finishFile();
        hourStartNs = hour;
        finalFile = uniqueName(HOUR.format(Instant.ofEpochSecond(0, hour)));
        partFile = finalFile.resolveSibling(finalFile.getFileName() + ".part");
        final OutputStream os = Files.newOutputStream(partFile);
        out = new OutputStreamWriter(new GZIPOutputStream(os, 1 << 16), StandardCharsets.UTF_8);
        files++;
    }

    private Path uniqueName(String hour) {
        Path p = directory.resolve(prefix + "-" + hour + ".jsonl.gz");
        // a restart within the same hour must not overwrite what was recorded before it
        for (int i = 1; Files.exists(p); i++) {
            p = directory.resolve(prefix + "-" + hour + "." + i + ".jsonl.gz");
        }
        return p;
    }

    private void finishFile() throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        out = null;
        Files.move(partFile, finalFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Frames recorded (gap markers excluded). */
    public synchronized long frames() {
        return frames;
    }

    /** Gap markers written. */
    public synchronized long gaps() {
        return gaps;
    }

    /** Files started. */
    public synchronized long files() {
        return files;
    }

    /** Finishes the current file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        finishFile();
    }
}
