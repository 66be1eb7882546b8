package io.scalper.bybit.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads text one line at a time into a reused {@code char} buffer, which this object exposes as a
 * {@link CharSequence} (the current line, without its terminator). Unlike {@link java.io.BufferedReader#readLine()} it
 * allocates nothing per line once its buffers have grown to the longest line, so callers parse columns in place and
 * build a {@code String} only for what they keep. Lines end at {@code \n}, {@code \r\n} or {@code \r}. Not thread-safe.
 */
final class LineReader implements CharSequence, Closeable {
    private final Reader in;
    private final char[] chunk = new char[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private char[] line = new char[1 << 12];
    private int length;
    private boolean pendingCr;
    private boolean eof;

    LineReader(Reader in) {
        this.in = in;
    }

    /**
     * Reads the next line into the buffer.
     *
     * @return {@code false} at the end of the input (the buffer is then empty)
     */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                if (eof || !fill()) {
                    return any;
                }
            }
            if (pendingCr) {
                pendingCr = false;
                if (chunk[chunkPos] == '\n') {
                    chunkPos++;
                    continue;
                }
            }
            any = true;
            final char[] c = chunk;
            final int end = chunkEnd;
            int i = chunkPos;
            while (i < end && c[i] != '\n' && c[i] != '\r') {
                i++;
            }
            append(c, chunkPos, i - chunkPos);
            if (i < end) {
                pendingCr = c[i] == '\r';
                chunkPos = i + 1;
                return true;
            }
            chunkPos = end;
        }
    }

    private boolean fill() throws IOException {
        final int n = in.read(chunk, 0, chunk.length);
        if (n <= 0) {
            eof = true;
            chunkPos = 0;
            chunkEnd = 0;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private void append(char[] src, int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(src, from, line, length, count);
        length += count;
    }

    /** Whether the current line holds only spaces and tabs (or nothing). */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            final char c = line[i];
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code c} in the current line at or after {@code from}, or -1. */
    int indexOf(char c, int from) {
        for (int i = from; i < length; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The characters {@code [from, to)} of the current line as a new {@code String}. */
    String string(int from, int to) {
        return new String(line, from, to - from);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return line[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return string(start, end);
    }

    @Override
    public String toString() {
        return string(0, length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
