package io.scalper.bybit.data;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
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
    /** The text being read ({@link #of(Reader)}), or {@code null} for a file. */
    private final LineReader lines;
    /** The file being read, as bytes, or {@code null}. */
    private final ByteLineReader bytes;

    private long localTimeNs;

    private FrameLines(LineReader lines) {
        this.lines = lines;
        this.bytes = null;
    }

    private FrameLines(ByteLineReader bytes) {
        this.lines = null;
        this.bytes = bytes;
    }

    /**
     * Opens a recorded file.
     *
     * @throws IOException naming the file when it cannot be opened or a zip archive holds no file
     */
    public static FrameLines open(Path file) throws IOException {
        return new FrameLines(DataFiles.openBytes(file));
    }

    /** Frames from any text (e.g. a generated market written in memory). */
    public static FrameLines of(Reader text) {
        return new FrameLines(new LineReader(text));
    }

    /** The next frame without its time prefix, or {@code null} at the end. */
    public String next() throws IOException {
        if (bytes != null) {
            while (bytes.next()) {
                final String frame = frame(bytes.toString());
                if (frame != null) {
                    return frame;
                }
            }
            return null;
        }
        while (lines.next()) {
            final String frame = frame(lines.toString());
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    /** The frame of a line without its time prefix (noting the time), or {@code null} for a blank line. */
    private String frame(String text) {
        if (text.isBlank()) {
            return null;
        }
        localTimeNs = 0;
        final int tab = DataFiles.timePrefixTab(text);
        if (tab < 0) {
            return text;
        }
        final long t = DataFiles.parseRecvTime(text, 0, tab);
        localTimeNs = t == DataFiles.NO_TIME ? 0 : t;
        return text.substring(tab + 1);
    }

    /**
     * Reads the next frame and decodes it with {@code decoder}, at its receive time: what {@code decoder.decode(next(),
     * localTimeNs())} does, but straight from the file's bytes for an ASCII line (every Bybit frame), with no {@code
     * String}.
     *
     * @return the decoder's result, or -1 at the end
     */
    public int decodeNext(BybitMarketDecoder decoder) throws IOException {
        final ByteLineReader in = bytes;
        if (in == null) {
            final String frame = next();
            return frame == null ? -1 : decoder.decode(frame, localTimeNs);
        }
        while (in.next()) {
            if (!in.isAscii()) {
                final String frame = frame(in.toString());
                if (frame == null) {
                    continue;
                }
                return decoder.decode(frame, localTimeNs);
            }
            if (isBlank(in)) {
                continue;
            }
            localTimeNs = 0;
            final int tab = DataFiles.timePrefixTab(in);
            int start = 0;
            if (tab >= 0) {
                final long t = DataFiles.parseRecvTime(in, 0, tab);
                localTimeNs = t == DataFiles.NO_TIME ? 0 : t;
                start = tab + 1;
            }
            return decoder.decode(in.bytes(), start, in.length(), localTimeNs);
        }
        return -1;
    }

    /** {@link String#isBlank()} of an ASCII line. */
    private static boolean isBlank(ByteLineReader in) {
        final byte[] b = in.bytes();
        for (int i = 0, n = in.length(); i < n; i++) {
            if (!Character.isWhitespace((char) b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Local receive time of the last frame, ns since the epoch, or 0 when its line carried none (or an unreadable one). */
    public long localTimeNs() {
        return localTimeNs;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        } else {
            bytes.close();
        }
    }
}
