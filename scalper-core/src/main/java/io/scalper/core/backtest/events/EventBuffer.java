package io.scalper.core.backtest.events;

import java.io.IOException;
import java.util.Arrays;

/**
 * An in-memory ring of {@link EventFormat} records with any number of independent readers, refilled on demand by a
 * {@link Refill} (a source encoded through an {@link EventEncoder}). Records are kept until every reader has passed
 * them; the ring doubles when a slow reader would otherwise be overrun. Allocates nothing once it has grown to the
 * largest lag between its readers.
 */
public final class EventBuffer implements RecordSink {
    /** Produces more records into the buffer. */
    @FunctionalInterface
    public interface Refill {
        /**
         * Writes at least one record into the buffer, or returns {@code false} when there is nothing more.
         *
         * @return whether the source may have more
         */
        boolean refill() throws IOException;
    }

    private long[] exchange;
    private long[] local;
    private long[] a;
    private long[] b;
    private long[] c;
    private long[] meta;
    private int mask;
    private long written;
    private Refill refill;
    private boolean exhausted;
    private Reader[] readers = new Reader[0];

    /** A buffer with room for {@code initialCapacity} records (rounded up to a power of two) before it grows. */
    public EventBuffer(int initialCapacity) {
        final int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        exchange = new long[cap];
        local = new long[cap];
        a = new long[cap];
        b = new long[cap];
        c = new long[cap];
        meta = new long[cap];
        mask = cap - 1;
    }

    /** Sets what refills the buffer when a reader reaches the end of what was written. */
    public void setRefill(Refill refill) {
        this.refill = refill;
    }

    /** A new reader starting at the oldest record still held (the first record, if none has been dropped). */
    public Reader newReader() {
        final Reader r = new Reader(minPosition());
        readers = Arrays.copyOf(readers, readers.length + 1);
        readers[readers.length - 1] = r;
        return r;
    }

    private long minPosition() {
        long min = written;
        for (Reader r : readers) {
            // a reader's current record stays readable until it advances again
            min = Math.min(min, r.slot < 0 ? r.position : r.position - 1);
        }
        return readers.length == 0 ? 0 : min;
    }

    @Override
    public void write(
            long exchangeTimeNs,
            long localTimeNs,
            long av,
            long bv,
            long cv,
            int type,
            int flags,
            int side,
            int field) {
        if (written - minPosition() > mask) {
            grow();
        }
        final int i = (int) written & mask;
        exchange[i] = exchangeTimeNs;
        local[i] = localTimeNs;
        a[i] = av;
        b[i] = bv;
        c[i] = cv;
        meta[i] = (type & 0xFF) | (flags & 0xFF) << 8 | (side & 0xFF) << 16 | ((long) field) << 32;
        written++;
    }

    private void grow() {
        final long from = minPosition();
        final long[][] old = {exchange, local, a, b, c, meta};
        final int oldMask = mask;
        allocate((mask + 1) * 2);
        final long[][] now = {exchange, local, a, b, c, meta};
        for (long p = from; p < written; p++) {
            for (int k = 0; k < old.length; k++) {
                now[k][(int) p & mask] = old[k][(int) p & oldMask];
            }
        }
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    /** Capacity of the ring. */
    public int capacity() {
        return mask + 1;
    }

    private boolean fill(long position) throws IOException {
        while (position >= written) {
            if (exhausted || refill == null || !refill.refill()) {
                exhausted = true;
                return position < written;
            }
        }
        return true;
    }

    /** One reader's position in the buffer. */
    public final class Reader implements RecordCursor {
        private long position;
        private int slot = -1;

        private Reader(long position) {
            this.position = position;
        }

        @Override
        public boolean advance() throws IOException {
            if (position >= written && !fill(position)) {
                return false;
            }
            slot = (int) position & mask;
            position++;
            return true;
        }

        @Override
        public long exchangeTimeNs() {
            return exchange[slot];
        }

        @Override
        public long localTimeNs() {
            return local[slot];
        }

        @Override
        public long a() {
            return a[slot];
        }

        @Override
        public long b() {
            return b[slot];
        }

        @Override
        public long c() {
            return c[slot];
        }

        @Override
        public int type() {
            return (int) meta[slot] & 0xFF;
        }

        @Override
        public int flags() {
            return (int) (meta[slot] >>> 8) & 0xFF;
        }

        @Override
        public int side() {
            return (int) (meta[slot] >>> 16) & 0xFF;
        }

        @Override
        public int field() {
            return (int) (meta[slot] >>> 32);
        }
    }
}
