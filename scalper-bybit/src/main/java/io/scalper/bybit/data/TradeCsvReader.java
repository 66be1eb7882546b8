package io.scalper.bybit.data;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads Bybit's trade archive CSV ({@code SYMBOLDATE.csv[.gz]} from {@code public.bybit.com/trading}) as batches: the
 * consecutive rows that share a timestamp and a taker side. Columns are found by header name, in each file:
 * {@code timestamp} (decimal seconds, or an integer in s/ms/µs/ns told apart by magnitude), {@code side}
 * ({@code Buy}/{@code Sell}, any case), {@code size} (or {@code volume}/{@code qty}), {@code price}, and optionally
 * {@code symbol}; other columns are ignored. A row that cannot be read, is off the instrument's grid, or names another
 * symbol is counted as malformed and skipped. Nothing is allocated per row.
 */
final class TradeCsvReader implements Closeable {
    private final FileLines lines;
    private final Instrument instrument;

    private int timeCol = -1;
    private int sideCol = -1;
    private int sizeCol = -1;
    private int priceCol = -1;
    private int symbolCol = -1;
    private int need;
    private int[] starts = new int[8];
    private int[] ends = new int[8];

    private long batchTimeNs;
    private Side batchSide;
    private int batchSize;
    private long[] prices = new long[64];
    private long[] sizes = new long[64];

    private boolean hasRow;
    private long rowTime;
    private Side rowSide;
    private long rowPrice;
    private long rowSize;

    private long rows;
    private long malformed;

    TradeCsvReader(List<Path> files, Instrument instrument) {
        this.lines = new FileLines(files);
        this.instrument = instrument;
    }

    /**
     * Reads the next batch.
     *
     * @return {@code false} when the files have ended
     * @throws IOException when a file cannot be read or its header lacks a required column
     */
    boolean nextBatch() throws IOException {
        if (!hasRow && !readRow()) {
            return false;
        }
        hasRow = false;
        batchTimeNs = rowTime;
        batchSide = rowSide;
        batchSize = 0;
        add(rowPrice, rowSize);
        while (readRow()) {
            if (rowTime != batchTimeNs || rowSide != batchSide) {
                hasRow = true;
                break;
            }
            add(rowPrice, rowSize);
        }
        return true;
    }

    private void add(long price, long size) {
        if (batchSize == prices.length) {
            prices = Arrays.copyOf(prices, batchSize * 2);
            sizes = Arrays.copyOf(sizes, batchSize * 2);
        }
        prices[batchSize] = price;
        sizes[batchSize++] = size;
    }

    private boolean readRow() throws IOException {
        while (lines.next()) {
            final LineReader line = lines.line();
            if (line.isBlank()) {
                continue;
            }
            if (lines.firstOfFile()) {
                lines.consumedFirst();
                header(line, lines.file());
                continue;
            }
            rows++;
            if (parseRow(line)) {
                return true;
            }
            malformed++;
        }
        return false;
    }

    private void header(LineReader line, Path file) throws IOException {
        timeCol = -1;
        sideCol = -1;
        sizeCol = -1;
        priceCol = -1;
        symbolCol = -1;
        final String[] names = line.toString().split(",", -1);
        for (int i = 0; i < names.length; i++) {
            final String n =
                    names[i].replace("\uFEFF", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "timestamp":
                case "time":
                    timeCol = timeCol < 0 ? i : timeCol;
                    break;
                case "side":
                    sideCol = sideCol < 0 ? i : sideCol;
                    break;
                case "size":
                case "volume":
                case "qty":
                    sizeCol = sizeCol < 0 ? i : sizeCol;
                    break;
                case "price":
                    priceCol = priceCol < 0 ? i : priceCol;
                    break;
                case "symbol":
                    symbolCol = symbolCol < 0 ? i : symbolCol;
                    break;
                default:
                    break;
            }
        }
        if (timeCol < 0 || sideCol < 0 || sizeCol < 0 || priceCol < 0) {
            throw new IOException("trade file " + file + ": the header must name the columns timestamp, side, size and"
                    + " price, got '" + line + "'");
        }
        need = Math.max(Math.max(timeCol, sideCol), Math.max(Math.max(sizeCol, priceCol), symbolCol)) + 1;
        if (starts.length < need) {
            starts = new int[need];
            ends = new int[need];
        }
    }

    private boolean parseRow(LineReader line) {
        final int len = line.length();
        int col = 0;
        int start = 0;
        for (int i = 0; i <= len && col < need; i++) {
            if (i == len || line.charAt(i) == ',') {
                int s = start;
                int e = i;
                while (s < e && (line.charAt(s) == ' ' || line.charAt(s) == '"')) {
                    s++;
                }
                while (e > s && (line.charAt(e - 1) == ' ' || line.charAt(e - 1) == '"')) {
                    e--;
                }
                starts[col] = s;
                ends[col++] = e;
                start = i + 1;
            }
        }
        if (col < need) {
            return false;
        }
        if (symbolCol >= 0 && !DataFiles.regionEquals(line, starts[symbolCol], ends[symbolCol], instrument.symbol())) {
            return false;
        }
        rowTime = DataFiles.parseEpochTime(line, starts[timeCol], ends[timeCol]);
        if (rowTime == DataFiles.NO_TIME) {
            return false;
        }
        if (DataFiles.equalsIgnoreCase(line, starts[sideCol], ends[sideCol], "buy")) {
            rowSide = Side.BUY;
        } else if (DataFiles.equalsIgnoreCase(line, starts[sideCol], ends[sideCol], "sell")) {
            rowSide = Side.SELL;
        } else {
            return false;
        }
        rowPrice = starts[priceCol] < ends[priceCol]
                ? instrument.priceToTicks(line, starts[priceCol], ends[priceCol])
                : Decimals.INVALID;
        rowSize = starts[sizeCol] < ends[sizeCol]
                ? instrument.qtyToLots(line, starts[sizeCol], ends[sizeCol])
                : Decimals.INVALID;
        return rowPrice != Decimals.INVALID && rowPrice > 0 && rowSize != Decimals.INVALID && rowSize > 0;
    }

    /** Time of the current batch, ns since the epoch. */
    long batchTimeNs() {
        return batchTimeNs;
    }

    /** Taker side of the current batch. */
    Side batchSide() {
        return batchSide;
    }

    /** Trades in the current batch. */
    int batchSize() {
        return batchSize;
    }

    long price(int i) {
        return prices[i];
    }

    long size(int i) {
        return sizes[i];
    }

    /** Data rows read (header rows and blank lines excluded). */
    long rows() {
        return rows;
    }

    long malformed() {
        return malformed;
    }

    /** The file being read, or {@code null}. */
    Path file() {
        return lines.file();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
