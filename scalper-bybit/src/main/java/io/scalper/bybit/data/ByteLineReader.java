package io.scalper.bybit.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 text one line at a time into a reused {@code byte} buffer: {@link LineReader}'s counterpart for callers
 * that decode the bytes themselves ({@link io.scalper.bybit.marketdata.BybitMarketDecoder#decode(byte[], int, int,
 * long)}), with no {@code char} decoding and no {@code String} per line. Lines end at {@code \n}, {@code \r\n} or
 * {@code \r}, as for {@link LineReader}.
 *
 * <p>The current line is also a {@link CharSequence} of its bytes, one {@code char} per byte — the same text as the
 * line's characters only when the line {@link #isAscii() is ASCII}; callers take {@link #toString()} (the line decoded
 * as UTF-8) for any other line. Allocates nothing per line once the buffer has grown to the longest line. Not
 * thread-safe.
 */
final class ByteLineReader implements CharSequence, Closeable {
    /** Spare bytes kept after every line, so that readers of the buffer may load 8 or 16 bytes at a time near its end. */
    static final int SLACK = 32;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1 << 12];
    private int length;
    private int high;
    private boolean pendingCr;
    private boolean eof;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line into the buffer.
     *
     * @return {@code false} at the end of the input (the buffer is then empty)
     */
    boolean next() throws IOException {
        length = 0;
        high = 0;
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
            final byte[] c = chunk;
            final int end = chunkEnd;
            int i = chunkPos;
            int bits = 0;
            byte b = 0;
            while (i < end && (b = c[i]) != '\n' && b != '\r') {
                bits |= b;
                i++;
            }
            high |= bits;
            append(c, chunkPos, i - chunkPos);
            if (i < end) {
                pendingCr = b == '\r';
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

    private void append(byte[] src, int from, int count) {
        if (length + count + SLACK > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count + SLACK));
        }
        System.arraycopy(src, from, line, length, count);
        length += count;
    }

    /** The buffer holding the current line in {@code [0, length())}; valid until the next {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    /** Whether every byte of the current line is below 0x80 (its bytes are then its characters). */
    boolean isAscii() {
        return high >= 0;
    }

    /** Whether the current line holds only spaces and tabs (or nothing). */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            final byte c = line[i];
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

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (line[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    /** The current line decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
