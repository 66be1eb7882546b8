package io.scalper.core.backtest.events;

import java.io.IOException;

/** Where {@link EventEncoder} writes records: an {@link EventFileWriter} or an {@link EventBuffer}. */
public interface RecordSink {
    /** Appends one record (fields as in {@link EventFormat}). */
    void write(long exchangeTimeNs, long localTimeNs, long a, long b, long c, int type, int flags, int side, int field)
            throws IOException;
}
