package io.scalper.bybit.data;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plays Bybit's daily history archives of one instrument: order-book files {@code {DATE}_{SYMBOL}_ob{N}.data} (or
 * {@code .data.zip}, {@code .data.gz}; one WebSocket-format {@code orderbook} message per line) merged with trade files
 * {@code {SYMBOL}{DATE}.csv[.gz]} from {@code public.bybit.com/trading}. Either list may be empty (book only, trades
 * only); several days are given as lists in time order, read one file after another.
 *
 * <p><b>Order.</b> Messages are merged strictly by time: a book message by its exchange time ({@code ts}, ms), a trade
 * batch by its timestamp. <b>Ties go to the trades</b>: a book message stamped {@code T} is the exchange's view after
 * what matched by {@code T}, so trades at exactly {@code T} are played before it. Each source keeps its own order
 * (files are assumed to be sorted by time, as Bybit publishes them).
 *
 * <p><b>Trades.</b> The consecutive CSV rows with the same timestamp and taker side form one batch, played by one
 * {@link #next} call (one aggressive order sweeping levels). Columns are found by header name ({@code timestamp},
 * {@code side}, {@code size}, {@code price}, optional {@code symbol}); the timestamp is decimal seconds. Prices and sizes
 * must lie on the instrument's grid.
 *
 * <p><b>Bad input.</b> A book line without a readable {@code ts} or that the decoder refuses, and a trade row that cannot
 * be read or is off the grid, are counted ({@link #malformedBookLines()}, {@link #malformedTradeRows()}) and skipped.
 * A trade file whose header lacks a required column fails with an {@link IOException} naming it.
 *
 * <p>Archives carry no receive time: {@link #localTimeNs()} is always 0. Nothing is allocated per message beyond each
 * book line's {@code String}. Not thread-safe.
 */
public final class BybitArchiveSource implements MarketSource {
    private static final long NS_PER_MS = 1_000_000L;

    private final Instrument instrument;
    private final String symbol;
    private final List<Path> bookFiles;
    private final List<Path> tradeFiles;
    private final FileLines book;
    private final TradeCsvReader tradeReader;
    private final BybitMarketDecoder decoder;
    private final MarketState market;

    private String pendingBook;
    private long pendingBookNs;
    private boolean bookDone;
    private boolean batchReady;
    private boolean tradesDone;

    private long bookLines;
    private long bookMessages;
    private long malformedBookLines;
    private long otherSymbolLines;
    private long tradeBatches;
    private long trades;

    private BybitArchiveSource(List<Path> bookFiles, List<Path> tradeFiles, Instrument instrument) {
        this.instrument = instrument;
        this.symbol = instrument.symbol();
        this.bookFiles = bookFiles;
        this.tradeFiles = tradeFiles;
        this.book = new FileLines(bookFiles);
        this.tradeReader = new TradeCsvReader(tradeFiles, instrument);
        this.decoder = DataFiles.emitDecoder(instrument);
        this.market = decoder.register(instrument);
        this.bookDone = bookFiles.isEmpty();
        this.tradesDone = tradeFiles.isEmpty();
    }

    /**
     * One day: an order-book archive and, optionally, the trade archive of the same day.
     *
     * @param bookFile the {@code .data[.zip]} file, or {@code null} for trades only
     * @param tradeFile the {@code .csv[.gz]} file, or {@code null} for the book only
     * @throws IllegalArgumentException when both are {@code null}
     */
    public static BybitArchiveSource open(Path bookFile, Path tradeFile, Instrument instrument) throws IOException {
        return open(
                bookFile == null ? List.of() : List.of(bookFile),
                tradeFile == null ? List.of() : List.of(tradeFile),
                instrument);
    }

    /**
     * Several days: order-book and trade archives, each list in time order. Files are opened lazily, one at a time per
     * list; one that cannot be read fails the {@link #next} call that reaches it, with an {@link IOException} naming
     * it.
     *
     * @throws NoSuchFileException naming the first file that does not exist
     * @throws IllegalArgumentException when both lists are empty
     */
    public static BybitArchiveSource open(List<Path> bookFiles, List<Path> tradeFiles, Instrument instrument)
            throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        final List<Path> b = List.copyOf(bookFiles);
        final List<Path> t = List.copyOf(tradeFiles);
        if (b.isEmpty() && t.isEmpty()) {
            throw new IllegalArgumentException("archive source for " + instrument.symbol() + ": no files given");
        }
        for (List<Path> files : List.of(b, t)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new NoSuchFileException(f.toString(), null, "no such archive file");
                }
            }
        }
        return new BybitArchiveSource(b, t, instrument);
    }

    @Override
    public Instrument instrument() {
        return instrument;
    }

    @Override
    public boolean next(MarketEventSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        while (true) {
            if (pendingBook == null && !bookDone) {
                readBookLine();
            }
            if (!batchReady && !tradesDone) {
                batchReady = tradeReader.nextBatch();
                tradesDone = !batchReady;
            }
            if (batchReady && (pendingBook == null || tradeReader.batchTimeNs() <= pendingBookNs)) {
                batchReady = false;
                emitBatch(sink);
                return true;
            }
            if (pendingBook == null) {
                return false;
            }
            final String frame = pendingBook;
            pendingBook = null;
            decoder.emitTo(market, sink);
            final int r = decoder.decode(frame, 0);
            if (r == BybitMarketDecoder.BOOK) {
                bookMessages++;
                return true;
            }
            if (r == BybitMarketDecoder.IGNORED) {
                otherSymbolLines++;
            } else {
                malformedBookLines++;
            }
        }
    }

    private void emitBatch(MarketEventSink sink) {
        final TradeCsvReader t = tradeReader;
        final long time = t.batchTimeNs();
        final Side side = t.batchSide();
        final int n = t.batchSize();
        tradeBatches++;
        trades += n;
        for (int i = 0; i < n; i++) {
            sink.onTrade(time, t.price(i), t.size(i), side);
        }
    }

    /** Reads book lines until one of the symbol with a readable exchange time is pending, or the files end. */
    private void readBookLine() throws IOException {
        final FileLines in = book;
        while (in.next()) {
            final LineReader line = in.line();
            if (line.isBlank()) {
                continue;
            }
            bookLines++;
            if (DataFiles.topicSymbol(line, 0, symbol) == DataFiles.OTHER_SYMBOL) {
                otherSymbolLines++;
                continue;
            }
            final long tsMs = DataFiles.jsonLong(line, "\"ts\"");
            if (tsMs == DataFiles.NO_TIME) {
                malformedBookLines++;
                continue;
            }
            pendingBook = line.toString();
            pendingBookNs = tsMs * NS_PER_MS;
            return;
        }
        bookDone = true;
    }

    /** Always 0: archives carry no local receive time. */
    @Override
    public long localTimeNs() {
        return 0;
    }

    @Override
    public String describe() {
        final List<String> parts = new ArrayList<>();
        if (!bookFiles.isEmpty()) {
            parts.add("book " + names(bookFiles));
        }
        if (!tradeFiles.isEmpty()) {
            parts.add("trades " + names(tradeFiles));
        }
        return "Bybit archive " + symbol + ": " + String.join(", ", parts);
    }

    private static String names(List<Path> files) {
        if (files.size() == 1) {
            return files.get(0).toString();
        }
        return files.get(0) + " .. " + files.get(files.size() - 1) + " (" + files.size() + " files)";
    }

    /** Non-blank order-book lines read. */
    public long bookLines() {
        return bookLines;
    }

    /** Order-book messages emitted. */
    public long bookMessages() {
        return bookMessages;
    }

    /** Order-book lines skipped as malformed (no readable {@code ts}, or refused by the decoder). */
    public long malformedBookLines() {
        return malformedBookLines;
    }

    /** Order-book lines of another symbol, skipped. */
    public long otherSymbolLines() {
        return otherSymbolLines;
    }

    /** Trade rows read (headers and blank lines excluded), good or not. */
    public long tradeRows() {
        return tradeReader.rows();
    }

    /** Trade rows skipped: unreadable, off the grid, or of another symbol. */
    public long malformedTradeRows() {
        return tradeReader.malformed();
    }

    /** Trade batches emitted (each one {@link #next} call). */
    public long tradeBatches() {
        return tradeBatches;
    }

    /** Trades emitted. */
    public long trades() {
        return trades;
    }

    /** All lines and rows skipped as malformed. */
    public long malformed() {
        return malformedBookLines + tradeReader.malformed();
    }

    @Override
    public void close() throws IOException {
        try {
            book.close();
        } finally {
            tradeReader.close();
        }
    }
}
