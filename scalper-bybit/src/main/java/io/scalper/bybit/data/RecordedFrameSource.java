package io.scalper.bybit.data;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plays the frames of one symbol from a recording of Bybit's public WebSocket stream: one frame per line, as received
 * (a {@code .jsonl} recording, or Bybit's {@code *_ob{N}.data} archive lines, which have the same format); plain,
 * {@code .gz}, or the first file inside a {@code .zip}.
 *
 * <p><b>Local receive times.</b> A line may start with the receive time and a tab ({@code recvTime\tframe}): integer
 * nanoseconds or decimal seconds since the epoch (a line that starts with a digit and holds a tab has such a prefix).
 * Otherwise, for a file {@code NAME.jsonl[.gz|.zip]}, a sidecar {@code NAME.recv.tsv[.gz]} beside it is used when
 * present (unless {@link SourceOptions#recvSidecar()} is off): one row per frame line, in the same order, after an
 * optional header, whose first column is the receive time in the same notation. A time prefix on the line wins over the sidecar. Without either, {@link #localTimeNs()} is 0.
 *
 * <p><b>Filtering.</b> Frames whose topic names another symbol are skipped before decoding (counted in
 * {@link #otherSymbolFrames()}); the rest go through a {@link BybitMarketDecoder} in emit mode, so each book, trade or
 * ticker message of the symbol becomes one {@link #next} call. Control frames and unknown topics are counted in
 * {@link #otherFrames()}; malformed frames (and lines with an unreadable time prefix) in {@link #malformed()}; both
 * are skipped without an exception. Lines are read as bytes and decoded in place: nothing is allocated per frame
 * (a line that is not ASCII is decoded from its text, a {@code String}).
 *
 * <p>Not thread-safe.
 */
public final class RecordedFrameSource implements MarketSource {
    private final Path file;
    private final Path sidecarFile;
    private final Instrument instrument;
    private final String symbol;
    private final ByteLineReader lines;
    private final LineReader sidecar;
    private final BybitMarketDecoder decoder;
    private final MarketState market;

    private boolean sidecarHeaderChecked;
    private long localTimeNs;
    private long frames;
    private long malformed;
    private long otherSymbolFrames;
    private long otherFrames;
    private long bookMessages;
    private long tradeMessages;
    private long tickerMessages;
    private long sidecarMissing;

    private RecordedFrameSource(Path file, Instrument instrument, boolean useSidecar) throws IOException {
        this.file = file;
        this.instrument = instrument;
        this.symbol = instrument.symbol();
        this.decoder = DataFiles.emitDecoder(instrument);
        this.market = decoder.register(instrument);
        this.sidecarFile = useSidecar ? sidecarOf(file) : null;
        this.lines = DataFiles.openBytes(file);
        LineReader s = null;
        if (sidecarFile != null) {
            try {
                s = DataFiles.open(sidecarFile);
            } catch (IOException e) {
                lines.close();
                throw e;
            }
        }
        this.sidecar = s;
    }

    /** Opens a recording with {@link SourceOptions#defaults()}. */
    public static RecordedFrameSource open(Path file, Instrument instrument) throws IOException {
        return open(file, instrument, SourceOptions.defaults());
    }

    /**
     * Opens a recording and plays the frames of {@code instrument}'s symbol.
     *
     * @throws IOException naming the file when it (or its sidecar) cannot be opened
     */
    public static RecordedFrameSource open(Path file, Instrument instrument, SourceOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(instrument, "instrument");
        return new RecordedFrameSource(file, instrument, options.recvSidecar());
    }

    /** Opens a recording for a symbol with {@link SourceOptions#defaults()}. */
    public static RecordedFrameSource open(Path file, String symbol) throws IOException {
        return open(file, symbol, SourceOptions.defaults());
    }

    /**
     * Opens a recording for a symbol, resolving its instrument with the options' resolver: a table hit, or else the
     * decimals of the symbol's first frame in the file.
     *
     * @throws IllegalArgumentException naming the file when the symbol has no decodable frame there or the resolver
     *     declines it
     */
    public static RecordedFrameSource open(Path file, String symbol, SourceOptions options) throws IOException {
        Objects.requireNonNull(symbol, "symbol");
        return open(file, DataFiles.resolveFromFrames(file, symbol, options.resolver()), options);
    }

    /**
     * The symbols with book, trade or ticker frames in a recording, in order of first appearance (reads the whole
     * file).
     */
    public static List<String> symbols(Path file) throws IOException {
        final List<String> out = new ArrayList<>();
        try (LineReader lines = DataFiles.open(file)) {
            while (lines.next()) {
                final int start = DataFiles.timePrefixTab(lines) + 1;
                final int end = DataFiles.topicEnd(lines, start);
                if (end < 0) {
                    continue;
                }
                final int from = DataFiles.topicStart(lines, end);
                final int sym = DataFiles.lastDot(lines, end);
                if (sym < 0
                        || !(startsWith(lines, from, "orderbook.")
                                || startsWith(lines, from, "publicTrade.")
                                || startsWith(lines, from, "tickers."))
                        || known(out, lines, sym, end)) {
                    continue;
                }
                out.add(lines.string(sym, end));
            }
        }
        return out;
    }

    private static boolean startsWith(CharSequence text, int from, String prefix) {
        final int to = from + prefix.length();
        return to <= text.length() && DataFiles.regionEquals(text, from, to, prefix);
    }

    private static boolean known(List<String> symbols, CharSequence text, int from, int to) {
        for (String s : symbols) {
            if (DataFiles.regionEquals(text, from, to, s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The receive-time sidecar of a recording, {@code NAME.recv.tsv} or {@code NAME.recv.tsv.gz} beside
     * {@code NAME.jsonl[.gz|.zip]}, or {@code null} when the file is not a {@code .jsonl} or there is none.
     */
    public static Path sidecarOf(Path file) {
        final Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String base = name.toString();
        final String lower = DataFiles.lowerName(file);
        int cut = lower.length();
        if (lower.endsWith(".gz")) {
            cut -= 3;
        } else if (lower.endsWith(".zip")) {
            cut -= 4;
        }
        if (!lower.startsWith(".jsonl", cut - 6)) {
            return null;
        }
        base = base.substring(0, cut - 6);
        for (String suffix : new String[] {".recv.tsv", ".recv.tsv.gz"}) {
            final Path candidate = file.resolveSibling(base + suffix);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public Instrument instrument() {
        return instrument;
    }

    @Override
    public boolean next(MarketEventSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        final ByteLineReader in = lines;
        while (in.next()) {
            if (in.isBlank()) {
                continue;
            }
            frames++;
            long local = sidecar == null ? 0 : nextSidecarTime();
            // an ASCII line (every Bybit frame) is read and decoded straight from its bytes; any other line as the
            // text it decodes to, as before
            final boolean ascii = in.isAscii();
            final CharSequence text = ascii ? in : in.toString();
            int start = 0;
            final int tab = DataFiles.timePrefixTab(text);
            if (tab > 0) {
                local = DataFiles.parseRecvTime(text, 0, tab);
                if (local == DataFiles.NO_TIME) {
                    malformed++;
                    continue;
                }
                start = tab + 1;
            }
            if (DataFiles.topicSymbol(text, start, symbol) == DataFiles.OTHER_SYMBOL) {
                otherSymbolFrames++;
                continue;
            }
            decoder.emitTo(market, sink);
            // the message's own receive time while its events are emitted (a backtest's encoder reads it then)
            localTimeNs = local;
            final int r = ascii
                    ? decoder.decode(in.bytes(), start, in.length(), local)
                    : decoder.decode(((String) text).substring(start), local);
            switch (r) {
                case BybitMarketDecoder.BOOK:
                    bookMessages++;
                    break;
                case BybitMarketDecoder.TRADES:
                    tradeMessages++;
                    break;
                case BybitMarketDecoder.TICKER:
                    tickerMessages++;
                    break;
                case BybitMarketDecoder.MALFORMED:
                    malformed++;
                    continue;
                case BybitMarketDecoder.IGNORED:
                    otherSymbolFrames++;
                    continue;
                default:
                    otherFrames++;
                    continue;
            }
            localTimeNs = local;
            return true;
        }
        return false;
    }

    /** The sidecar's next receive time, skipping a header row; 0 when the sidecar has ended or the row is unreadable. */
    private long nextSidecarTime() throws IOException {
        final LineReader s = sidecar;
        while (s.next()) {
            if (s.isBlank()) {
                continue;
            }
            int tab = s.indexOf('\t', 0);
            if (tab < 0) {
                tab = s.length();
            }
            final long t = DataFiles.parseRecvTime(s, 0, tab);
            if (t == DataFiles.NO_TIME && !sidecarHeaderChecked) {
                sidecarHeaderChecked = true;
                continue;
            }
            sidecarHeaderChecked = true;
            if (t == DataFiles.NO_TIME) {
                sidecarMissing++;
                return 0;
            }
            return t;
        }
        sidecarMissing++;
        return 0;
    }

    @Override
    public long localTimeNs() {
        return localTimeNs;
    }

    @Override
    public String describe() {
        return "recorded " + symbol + " from " + file
                + (sidecarFile != null ? " (receive times from " + sidecarFile + ")" : "");
    }

    /** The recording. */
    public Path file() {
        return file;
    }

    /** The receive-time sidecar in use, or {@code null}. */
    public Path sidecarFile() {
        return sidecarFile;
    }

    /** Non-blank lines read so far, of any symbol. */
    public long frames() {
        return frames;
    }

    /** Book messages of the symbol emitted. */
    public long bookMessages() {
        return bookMessages;
    }

    /** Trade messages of the symbol emitted (each one {@link #next} call). */
    public long tradeMessages() {
        return tradeMessages;
    }

    /** Trades of the symbol emitted. */
    public long trades() {
        return decoder.trades();
    }

    /** Ticker messages of the symbol emitted. */
    public long tickerMessages() {
        return tickerMessages;
    }

    /** Malformed lines skipped: frames the decoder refused, and lines whose time prefix is not a time. */
    public long malformed() {
        return malformed;
    }

    /** Frames of other symbols skipped. */
    public long otherSymbolFrames() {
        return otherSymbolFrames;
    }

    /** Well-formed frames skipped because they carry no event: control frames and topics not decoded (klines...). */
    public long otherFrames() {
        return otherFrames;
    }

    /** Frames for which the sidecar had no readable row (their receive time is 0). */
    public long sidecarMissing() {
        return sidecarMissing;
    }

    @Override
    public void close() throws IOException {
        try {
            lines.close();
        } finally {
            if (sidecar != null) {
                sidecar.close();
            }
        }
    }
}
