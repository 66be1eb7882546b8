package io.scalper.core.journal;

import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.model.Instrument;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An append-only CSV file with a fixed column set: the building block of the journals, usable for custom ones.
 *
 * <p><b>Opening.</b> {@link #open} creates the directory if needed and opens {@code fileName} in append mode. A new or
 * empty file gets the header line; an existing file whose first line is the same header is continued (after a
 * restart) without a second header. An existing file with a different header (the column set changed, e.g. another
 * set of signals) is left alone and the journal moves on to {@code name-2.ext}, {@code name-3.ext}, ... — the first
 * that is new, empty or has the same header; {@link #path()} tells which. If the file does not end with a line break
 * (a row cut short by a crash), one is added first so the next row starts on its own line.
 *
 * <p><b>Rows.</b> Add exactly one cell per column with the {@code cell*} methods, then {@link #endRow()}: the row is
 * written with a single {@code write} to the unbuffered file, so it has reached the operating system when
 * {@code endRow} returns and a process crash loses at most the row being built. ({@link #sync()} forces it to the disk
 * as well, for power loss.) Lines end with {@code \n}; text is UTF-8.
 *
 * <p><b>Cells.</b> Text is quoted (RFC 4180) when it contains a comma, a double quote, CR or LF, with quotes doubled;
 * otherwise written as is. Null text and non-finite numbers are empty cells. Decimals use
 * {@link JsonWriter#appendDecimal} (plain, half-even to 8 places, no trailing zeros, no locale). Times take two
 * columns: epoch milliseconds and ISO-8601 UTC with milliseconds ({@code 2026-01-01T00:00:00.000Z}). Prices and
 * quantities are the exchange's decimal text from the {@link Instrument}.
 *
 * <p>Not thread-safe: one writer thread. Rows allocate a little (a string and its bytes); fine for orders, fills,
 * trades and decisions at entry, not meant for every market event.
 */
public final class CsvJournal implements Closeable {
    /** How many alternative file names {@link #open} tries before giving up. */
    public static final int MAX_ALTERNATIVES = 1000;

    private static final DateTimeFormatter ISO_MS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withLocale(Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int EXTRA_PRICE_DECIMALS = 4;

    private final Path path;
    private final List<String> columns;
    private final FileOutputStream out;
    private final boolean created;
    private final StringBuilder row = new StringBuilder(256);
    private int cells;
    private long rows;
    private boolean closed;

    private CsvJournal(Path path, List<String> columns, FileOutputStream out, boolean created) {
        this.path = path;
        this.columns = columns;
        this.out = out;
        this.created = created;
    }

    /**
     * Opens (or creates) a journal; see the class comment for how an existing file is continued.
     *
     * @param directory created if missing
     * @param fileName e.g. {@code trades.csv}
     * @param columns column names, at least one
     * @throws IOException if the file cannot be opened or written
     */
    public static CsvJournal open(Path directory, String fileName, List<String> columns) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fileName, "fileName");
        final List<String> cols = List.copyOf(columns);
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("a journal needs at least one column");
        }
        final String header = headerLine(cols);
        Files.createDirectories(directory);
        for (int k = 1; k <= MAX_ALTERNATIVES; k++) {
            final Path candidate = directory.resolve(alternativeName(fileName, k));
            final boolean empty = !Files.exists(candidate) || Files.size(candidate) == 0;
            if (!empty && !header.equals(firstLine(candidate))) {
                continue;
            }
            final FileOutputStream stream = new FileOutputStream(candidate.toFile(), true);
            try {
                if (empty) {
                    stream.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (!endsWithLineBreak(candidate)) {
                    stream.write('\n');
                }
            } catch (IOException e) {
                stream.close();
                throw e;
            }
            return new CsvJournal(candidate, cols, stream, empty);
        }
        throw new IOException("journal " + directory.resolve(fileName) + ": " + MAX_ALTERNATIVES
                + " files with other headers; move old journals away");
    }

    static String alternativeName(String fileName, int k) {
        if (k == 1) {
            return fileName;
        }
        final int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName + "-" + k : fileName.substring(0, dot) + "-" + k + fileName.substring(dot);
    }

    private static String headerLine(List<String> columns) {
        final StringBuilder sb = new StringBuilder(columns.size() * 12);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            final String name = Objects.requireNonNull(columns.get(i), "column name");
            if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("column name with a line break: '" + name + "'");
            }
            appendQuoted(sb, name);
        }
        return sb.toString();
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            final String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    private static boolean endsWithLineBreak(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = ch.size();
            if (size == 0) {
                return true;
            }
            final ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** Whether this open created the file (and wrote the header), rather than continuing one. */
    public boolean created() {
        return created;
    }

    /** Rows written through this instance. */
    public long rows() {
        return rows;
    }

    /** Adds a text cell, quoted if needed; {@code null} is an empty cell. */
    public CsvJournal cell(String text) {
        separator();
        if (text != null) {
            appendQuoted(row, text);
        }
        return this;
    }

    /** Adds an integer cell. */
    public CsvJournal cell(long value) {
        separator();
        row.append(value);
        return this;
    }

    /** Adds a decimal cell; empty when not finite. */
    public CsvJournal cell(double value) {
        separator();
        JsonWriter.appendDecimal(row, value);
        return this;
    }

    /** Adds {@code true} or {@code false}. */
    public CsvJournal cell(boolean value) {
        separator();
        row.append(value);
        return this;
    }

    /** Adds an empty cell. */
    public CsvJournal emptyCell() {
        separator();
        return this;
    }

    /** Adds two cells for a time: epoch milliseconds (floor) and ISO-8601 UTC with milliseconds. */
    public CsvJournal timeCells(long timeNs) {
        final long ms = Math.floorDiv(timeNs, 1_000_000L);
        separator();
        row.append(ms);
        separator();
        ISO_MS.formatTo(Instant.ofEpochMilli(ms), row);
        return this;
    }

    /** Adds a price in ticks as the instrument's decimal text; empty for {@link Long#MIN_VALUE} ("no price"). */
    public CsvJournal priceCell(Instrument instrument, long priceTicks) {
        separator();
        if (priceTicks != Long.MIN_VALUE) {
            instrument.appendPrice(row, priceTicks);
        }
        return this;
    }

    /**
     * Adds a price in (possibly fractional) ticks, such as an average fill price: a whole number of ticks is the
     * instrument's decimal text; a price between ticks keeps up to 4 more decimals (half-even); empty when not finite.
     */
    public CsvJournal priceCell(Instrument instrument, double priceTicks) {
        separator();
        if (!Double.isFinite(priceTicks)) {
            return this;
        }
        if (priceTicks == Math.rint(priceTicks) && Math.abs(priceTicks) < 1e15) {
            instrument.appendPrice(row, (long) priceTicks);
            return this;
        }
        BigDecimal price = new BigDecimal(priceTicks)
                .multiply(instrument.tickSize())
                .setScale(instrument.priceScale() + EXTRA_PRICE_DECIMALS, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        if (price.scale() < instrument.priceScale()) {
            price = price.setScale(instrument.priceScale());
        }
        row.append(price.toPlainString());
        return this;
    }

    /** Adds a (signed) quantity in lots as the instrument's decimal text. */
    public CsvJournal qtyCell(Instrument instrument, long lots) {
        separator();
        instrument.appendQty(row, lots);
        return this;
    }

    private void separator() {
        if (cells > 0) {
            row.append(',');
        }
        cells++;
    }

    /**
     * Writes the row built so far and starts a new one.
     *
     * @throws IllegalStateException if the row does not have one cell per column (nothing is written; the row is
     *     discarded) or the journal is closed
     * @throws IOException if the write fails
     */
    public void endRow() throws IOException {
        if (closed) {
            discardRow();
            throw new IllegalStateException("journal " + path + " is closed");
        }
        if (cells != columns.size()) {
            final int had = cells;
            discardRow();
            throw new IllegalStateException(
                    "journal " + path.getFileName() + ": row has " + had + " cells, expected " + columns.size());
        }
        row.append('\n');
        final byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        discardRow();
        out.write(bytes);
        rows++;
    }

    /** Drops the cells added since the last {@link #endRow()}. */
    public void discardRow() {
        row.setLength(0);
        cells = 0;
    }

    /** Forces the written rows to the storage device (fsync). */
    public void sync() throws IOException {
        out.getChannel().force(false);
    }

    /** Closes the file; further rows fail. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    /** Appends {@code text} as a CSV cell: as is, or quoted with inner quotes doubled if it needs quoting. */
    public static void appendQuoted(StringBuilder out, String text) {
        boolean quote = false;
        for (int i = 0, n = text.length(); i < n && !quote; i++) {
            final char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            final char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** {@code text} as a CSV cell; see {@link #appendQuoted}. */
    public static String quote(String text) {
        final StringBuilder sb = new StringBuilder(text.length() + 2);
        appendQuoted(sb, text);
        return sb.toString();
    }
}
