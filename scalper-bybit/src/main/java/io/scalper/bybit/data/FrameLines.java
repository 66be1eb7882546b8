package io.scalper.bybit.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Recorded frames one per line, as text: plain, {@code .gz} or {@code .zip} (the first file inside), each line
 * optionally prefixed with its local receive time and a tab ({@code recvTime\tframe}; integer nanoseconds or decimal
 * seconds since the epoch). Blank lines are skipped. What {@code scalper replay} reads; {@link RecordedFrameSource} is
 * the same format decoded into market events.
 */
public final class FrameLines implements Closeable {
    private final LineReader lines;
    private long localTimeNs;

    private FrameLines(LineReader lines) {
        this.lines = lines;
    }

    /**
     * Opens a recorded file.
     *
     * @throws IOException naming the file when it cannot be opened or a zip archive holds no file
     */
    public static FrameLines open(Path file) throws IOException {
        return new FrameLines(DataFiles.open(file));
    }

    /** Frames from any text (e.g. a generated market written in memory). */
    public static FrameLines of(Reader text) {
        return new FrameLines(new LineReader(text));
    }

    /** The next frame without its time prefix, or {@code null} at the end. */
    public String next() throws IOException {
        while (lines.next()) {
            final String text = lines.toString();
            if (text.isBlank()) {
                continue;
            }
            localTimeNs = 0;
            final int tab = DataFiles.timePrefixTab(lines);
            if (tab < 0) {
                return text;
            }
            final long t = DataFiles.parseRecvTime(lines, 0, tab);
            localTimeNs = t == DataFiles.NO_TIME ? 0 : t;
            return text.substring(tab + 1);
        }
        return null;
    }

    /** Local receive time of the last frame, ns since the epoch, or 0 when its line carried none (or an unreadable one). */
    public long localTimeNs() {
        return localTimeNs;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
