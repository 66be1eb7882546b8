package io.scalper.core.backtest.events;

import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The compact binary event format: a market of one instrument as fixed-width records, written by
 * {@link EventFileWriter} ({@code scalper convert}) and read through a memory map by {@link EventFileCursor} with no
 * allocation per event.
 *
 * <h2>File layout (little-endian)</h2>
 *
 * A {@value #HEADER_SIZE}-byte header, then records of {@value #RECORD_SIZE} bytes each.
 *
 * <pre>
 * header  0  8 bytes  magic "SCLPEVT1"
 *         8  int      format version ({@value #VERSION})
 *        12  int      record size ({@value #RECORD_SIZE})
 *        16  long     record count (written when the file is closed)
 *        24  int      length n of the instrument text
 *        28  n bytes  instrument text, UTF-8: "symbol tickSize qtyStep minQty minNotional"
 *        ..  zero padding to {@value #HEADER_SIZE}
 *
 * record  0  long     exchange time, ns since the epoch (book/ticker: publication time; trade: match time)
 *         8  long     local receive time, ns since the epoch, or 0 when unknown
 *        16  long     A: book and trade: price in ticks; ticker: the field's value (see below)
 *        24  long     B: book: size in lots (0 deletes the level); trade: size in lots; ticker: 0
 *        32  long     C: book: the update id (Bybit u); trade: 0; ticker: 0
 *        40  byte     type: {@link #BOOK}, {@link #TRADE} or {@link #TICKER}
 *        41  byte     flags: {@link #FIRST}, {@link #LAST}, {@link #SNAPSHOT}, {@link #NO_LEVEL}
 *        42  byte     side: 0 buy (book: bid; trade: the aggressor), 1 sell (ask)
 *        43  byte     reserved, 0
 *        44  int      ticker: the {@link io.scalper.core.market.TickerState} field bit this record carries; else 0
 * </pre>
 *
 * <p>A <b>message</b> is a run of records from one flagged {@link #FIRST} to one flagged {@link #LAST} (a single record
 * may carry both), all of one type and with the times of the first. A book message is one record per level, in the
 * order of the original message, bids and asks in any order; a book message with no level (a heartbeat delta) is one
 * record flagged {@link #NO_LEVEL}. A trade message is a batch of trades (one aggressive order, or one exchange
 * message). A ticker message is one record per field present in the update: last price in ticks, mark and index price
 * and funding rate scaled by 1e8, next funding time in ms, best bid/ask price in ticks and size in lots, open interest
 * in lots, funding interval in hours; a ticker update with no field is one record with field 0.
 */
public final class EventFormat {
    public static final int HEADER_SIZE = 256;
    public static final int RECORD_SIZE = 48;
    public static final int VERSION = 1;
    static final byte[] MAGIC = "SCLPEVT1".getBytes(StandardCharsets.US_ASCII);
    static final int COUNT_OFFSET = 16;

    /** Record type: one order-book level of a book message. */
    public static final int BOOK = 1;
    /** Record type: one trade. */
    public static final int TRADE = 2;
    /** Record type: one field of a ticker update. */
    public static final int TICKER = 3;

    /** Flag: the first record of a message. */
    public static final int FIRST = 1;
    /** Flag: the last record of a message. */
    public static final int LAST = 1 << 1;
    /** Flag: the book message is a snapshot (replaces the whole book). */
    public static final int SNAPSHOT = 1 << 2;
    /** Flag: the book message has no level; the record carries only its id and times. */
    public static final int NO_LEVEL = 1 << 3;

    static final int OFF_EXCHANGE = 0;
    static final int OFF_LOCAL = 8;
    static final int OFF_A = 16;
    static final int OFF_B = 24;
    static final int OFF_C = 32;
    static final int OFF_TYPE = 40;
    static final int OFF_FLAGS = 41;
    static final int OFF_SIDE = 42;
    static final int OFF_FIELD = 44;

    private EventFormat() {}

    /** The header of a file for {@code instrument} with {@code count} records. */
    static ByteBuffer header(Instrument instrument, long count) {
        final ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(VERSION).putInt(RECORD_SIZE).putLong(count);
        final byte[] text = instrumentText(instrument).getBytes(StandardCharsets.UTF_8);
        if (text.length > HEADER_SIZE - 28) {
            throw new IllegalArgumentException("instrument description too long: " + instrument);
        }
        h.putInt(text.length).put(text);
        h.clear();
        return h;
    }

    static String instrumentText(Instrument i) {
        return i.symbol()
                + ' '
                + i.tickSize().toPlainString()
                + ' '
                + i.qtyStep().toPlainString()
                + ' '
                + i.minQty().toPlainString()
                + ' '
                + i.minNotional().toPlainString();
    }

    /** Reads a header; returns the instrument and leaves the record count in {@code count[0]}. */
    static Instrument readHeader(ByteBuffer h, String file, long[] count) throws IOException {
        h.order(ByteOrder.LITTLE_ENDIAN);
        if (h.limit() < HEADER_SIZE) {
            throw new IOException(file + ": not a Scalper event file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (h.get(i) != MAGIC[i]) {
                throw new IOException(file + ": not a Scalper event file (bad magic)");
            }
        }
        final int version = h.getInt(8);
        if (version != VERSION) {
            throw new IOException(
                    file + ": event format version " + version + " is not supported (expected " + VERSION + ")");
        }
        if (h.getInt(12) != RECORD_SIZE) {
            throw new IOException(file + ": record size " + h.getInt(12) + ", expected " + RECORD_SIZE);
        }
        count[0] = h.getLong(COUNT_OFFSET);
        final int n = h.getInt(24);
        if (n <= 0 || n > HEADER_SIZE - 28) {
            throw new IOException(file + ": corrupt header (instrument length " + n + ")");
        }
        final byte[] text = new byte[n];
        h.get(28, text);
        final String[] parts = new String(text, StandardCharsets.UTF_8).split(" ");
        if (parts.length != 5) {
            throw new IOException(
                    file + ": corrupt header (instrument '" + new String(text, StandardCharsets.UTF_8) + "')");
        }
        try {
            return Instrument.of(parts[0], parts[1], parts[2], parts[3], parts[4]);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": corrupt header: " + e.getMessage(), e);
        }
    }
}
