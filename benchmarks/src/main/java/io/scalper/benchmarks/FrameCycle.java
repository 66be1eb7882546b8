package io.scalper.benchmarks;

/**
 * Hands out the recorded book frames in order, forever: snapshot, deltas, then the snapshot again, which resets the
 * book and its update id so the next deltas are contiguous again. Counts the frames served. Not thread-safe.
 */
final class FrameCycle {
    private final String[] frames;
    private final byte[][] bytes;
    private int next;
    private long served;

    FrameCycle(String[] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("frames: empty");
        }
        this.frames = frames;
        this.bytes = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            bytes[i] = frames[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The next frame as UTF-8 bytes (the same frames as {@link #next()}, encoded once up front). */
    byte[] nextBytes() {
        final int i = next;
        next = i + 1 == frames.length ? 0 : i + 1;
        served++;
        return bytes[i];
    }

    /** The next frame. */
    String next() {
        final int i = next;
        next = i + 1 == frames.length ? 0 : i + 1;
        served++;
        return frames[i];
    }

    /** Frames per cycle (one snapshot and its deltas). */
    int length() {
        return frames.length;
    }

    /** Frames served so far. */
    long served() {
        return served;
    }

    /** Whether the next frame is the snapshot that starts a cycle. */
    boolean atCycleStart() {
        return next == 0;
    }
}
