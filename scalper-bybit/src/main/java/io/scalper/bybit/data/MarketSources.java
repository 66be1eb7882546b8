package io.scalper.bybit.data;

import io.scalper.core.backtest.MarketSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the right {@link MarketSource} for a Bybit data file, by its name (case-insensitive):
 *
 * <ul>
 *   <li>{@code *.jsonl}, {@code *.jsonl.gz}, {@code *.jsonl.zip}: a recording of the public stream —
 *       {@link RecordedFrameSource}, with the receive times of a {@code *.recv.tsv} sidecar when present;
 *   <li>{@code *.data}, {@code *.data.zip}, {@code *.data.gz}: a Bybit order-book archive —
 *       {@link BybitArchiveSource}, merged with the trade archive {@code SYMBOLDATE.csv.gz} (or {@code .csv}) of the same
 *       folder when the name is {@code DATE_SYMBOL_obN.data...} and such a file exists;
 *   <li>{@code *.csv}, {@code *.csv.gz}: a Bybit trade archive alone — {@link BybitArchiveSource} without a book.
 * </ul>
 *
 * <p>A name that matches none of these fails with an {@link IllegalArgumentException} naming the file; a missing file
 * with a {@link NoSuchFileException}. When the file name carries a symbol (Bybit's archive names) that is not the one
 * asked for, the open fails too rather than playing another market.
 */
public final class MarketSources {
    /** Bybit's order-book archive name: date, symbol, depth. */
    private static final Pattern BOOK_ARCHIVE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})_([A-Z0-9]+)_ob(\\d+)\\.data(\\.zip|\\.gz)?", Pattern.CASE_INSENSITIVE);
    /** Bybit's trade archive name: symbol then date. */
    private static final Pattern TRADE_ARCHIVE =
            Pattern.compile("([A-Z0-9]+?)(\\d{4}-\\d{2}-\\d{2})\\.csv(\\.gz)?", Pattern.CASE_INSENSITIVE);

    /** How many trade rows are read to infer the decimals of a symbol known only by name. */
    private static final int PROBE_ROWS = 10_000;

    /** The kinds of file this factory opens. */
    public enum Format {
        /** Recorded WebSocket frames, one per line ({@code .jsonl}). */
        FRAMES,
        /** Bybit's order-book archive ({@code .data}). */
        BOOK_ARCHIVE,
        /** Bybit's trade archive ({@code .csv}). */
        TRADE_CSV
    }

    private MarketSources() {}

    /**
     * The format of a file by its name.
     *
     * @throws IllegalArgumentException naming the file when the name has none of the known suffixes
     */
    public static Format formatOf(Path file) {
        final String name = DataFiles.lowerName(file);
        if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".jsonl.zip")) {
            return Format.FRAMES;
        }
        if (name.endsWith(".data") || name.endsWith(".data.zip") || name.endsWith(".data.gz")) {
            return Format.BOOK_ARCHIVE;
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return Format.TRADE_CSV;
        }
        throw new IllegalArgumentException("cannot tell the format of " + file
                + ": expected a recording (.jsonl[.gz|.zip]), a Bybit order-book archive (.data[.zip|.gz]) or a Bybit"
                + " trade archive (.csv[.gz])");
    }

    /** Opens a file for an instrument with {@link SourceOptions#defaults()}. */
    public static MarketSource open(Path file, Instrument instrument) throws IOException {
        return open(file, instrument, SourceOptions.defaults());
    }

    /**
     * Opens a file for an instrument.
     *
     * @throws IllegalArgumentException naming the file when its format is unknown or its name carries another symbol
     * @throws NoSuchFileException naming the file when it does not exist
     */
    public static MarketSource open(Path file, Instrument instrument, SourceOptions options) throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(options, "options");
        final Format format = checkFile(file, instrument.symbol());
        switch (format) {
            case FRAMES:
                return RecordedFrameSource.open(file, instrument, options);
            case BOOK_ARCHIVE:
                return BybitArchiveSource.open(file, options.findTradeFile() ? findTradeFile(file) : null, instrument);
            default:
                return BybitArchiveSource.open(null, file, instrument);
        }
    }

    /** Opens a file for a symbol with {@link SourceOptions#defaults()}. */
    public static MarketSource open(Path file, String symbol) throws IOException {
        return open(file, symbol, SourceOptions.defaults());
    }

    /**
     * Opens a file for a symbol, resolving its instrument with the options' resolver: a table hit, or else the decimals
     * of the symbol's first message in the file (the first rows, for a trade archive).
     *
     * @throws IllegalArgumentException naming the file when its format is unknown, its name carries another symbol, or
     *     the symbol cannot be resolved from it
     */
    public static MarketSource open(Path file, String symbol, SourceOptions options) throws IOException {
        return open(file, resolve(file, symbol, options), options);
    }

    /**
     * Opens several files of one symbol, played one after another ({@link ConcatSource}, each opened when its turn
     * comes); the instrument is resolved from the first file. A single file is opened directly.
     *
     * @throws IllegalArgumentException naming a file whose format is unknown or whose name carries another symbol
     */
    public static MarketSource open(List<Path> files, String symbol, SourceOptions options) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files given for " + symbol);
        }
        return open(files, resolve(files.get(0), symbol, options), options);
    }

    /** As {@link #open(List, String, SourceOptions)} for a known instrument. */
    public static MarketSource open(List<Path> files, Instrument instrument, SourceOptions options) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files given for " + instrument.symbol());
        }
        for (Path f : files) {
            checkFile(f, instrument.symbol());
        }
        if (files.size() == 1) {
            return open(files.get(0), instrument, options);
        }
        final List<ConcatSource.Opener> openers = new ArrayList<>(files.size());
        for (Path f : files) {
            openers.add(() -> open(f, instrument, options));
        }
        return ConcatSource.lazy(instrument, openers);
    }

    /**
     * The trade archive of the same day beside a Bybit order-book archive {@code DATE_SYMBOL_obN.data[.zip]}:
     * {@code SYMBOLDATE.csv.gz} or {@code SYMBOLDATE.csv} in the same folder.
     *
     * @return the file, or {@code null} when the name is not an archive name or there is no such file
     */
    public static Path findTradeFile(Path bookArchive) {
        final Path name = bookArchive.getFileName();
        if (name == null) {
            return null;
        }
        final Matcher m = BOOK_ARCHIVE.matcher(name.toString());
        if (!m.matches()) {
            return null;
        }
        final String base = m.group(2) + m.group(1);
        for (String suffix : new String[] {".csv.gz", ".csv"}) {
            final Path candidate = bookArchive.resolveSibling(base + suffix);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The symbol a Bybit archive name carries ({@code 2024-12-01_XRPUSDT_ob500.data.zip}, {@code XRPUSDT2024-12-01.csv.gz}),
     * upper case, or {@code null} for other names.
     */
    public static String symbolOf(Path file) {
        final Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        Matcher m = BOOK_ARCHIVE.matcher(name.toString());
        if (m.matches()) {
            return m.group(2).toUpperCase(java.util.Locale.ROOT);
        }
        m = TRADE_ARCHIVE.matcher(name.toString());
        if (m.matches()) {
            return m.group(1).toUpperCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private static Format checkFile(Path file, String symbol) throws IOException {
        Objects.requireNonNull(file, "file");
        final Format format = formatOf(file);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such market data file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a regular file: " + file);
        }
        final String named = symbolOf(file);
        if (named != null && !named.equals(symbol)) {
            throw new IllegalArgumentException(file + " holds " + named + " data, not " + symbol);
        }
        return format;
    }

    private static Instrument resolve(Path file, String symbol, SourceOptions options) throws IOException {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(options, "options");
        final Format format = checkFile(file, symbol);
        if (format != Format.TRADE_CSV) {
            return DataFiles.resolveFromFrames(file, symbol, options.resolver());
        }
        final Instrument known = options.resolver().resolve(symbol, -1, -1);
        if (known != null) {
            return known;
        }
        final int[] scales = tradeScales(file);
        final Instrument inferred =
                scales[0] < 0 || scales[1] < 0 ? null : options.resolver().resolve(symbol, scales[0], scales[1]);
        if (inferred == null) {
            throw new IllegalArgumentException("cannot resolve the instrument of " + symbol + " from " + file
                    + ": give its rules (tick size, quantity step) explicitly");
        }
        return inferred;
    }

    /** The most decimals among the prices and sizes of the first rows of a trade archive: {price, size}, or -1s. */
    private static int[] tradeScales(Path file) throws IOException {
        int priceScale = -1;
        int qtyScale = -1;
        try (LineReader lines = DataFiles.open(file)) {
            int priceCol = -1;
            int sizeCol = -1;
            int rows = 0;
            while (lines.next() && rows < PROBE_ROWS) {
                if (lines.isBlank()) {
                    continue;
                }
                final String[] cells = lines.toString().split(",", -1);
                if (priceCol < 0) {
                    for (int i = 0; i < cells.length; i++) {
                        final String n =
                                cells[i].replace("\uFEFF", "").replace("\"", "").trim();
                        if (n.equalsIgnoreCase("price")) {
                            priceCol = i;
                        } else if (sizeCol < 0
                                && (n.equalsIgnoreCase("size")
                                        || n.equalsIgnoreCase("volume")
                                        || n.equalsIgnoreCase("qty"))) {
                            sizeCol = i;
                        }
                    }
                    if (priceCol < 0 || sizeCol < 0) {
                        throw new IOException(
                                "trade file " + file + ": the header must name the columns price and size");
                    }
                    continue;
                }
                rows++;
                if (cells.length > Math.max(priceCol, sizeCol)) {
                    final String p = cells[priceCol].trim();
                    final String q = cells[sizeCol].trim();
                    if (!p.isEmpty() && !q.isEmpty()) {
                        priceScale = Math.max(priceScale, Decimals.scaleOf(p, 0, p.length()));
                        qtyScale = Math.max(qtyScale, Decimals.scaleOf(q, 0, q.length()));
                    }
                }
            }
        }
        return new int[] {priceScale, qtyScale};
    }
}
