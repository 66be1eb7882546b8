package io.scalper.bybit.data;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.marketdata.InstrumentResolver;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** File opening, name rules and allocation-free field parsing shared by the sources of this package. */
final class DataFiles {
    /** Returned by the time parsers for text that is not a time. */
    static final long NO_TIME = Long.MIN_VALUE;

    /** {@link #topicSymbol} result: the line has no {@code "topic"} key (a control frame, or not a frame at all). */
    static final int NO_TOPIC = -1;
    /** {@link #topicSymbol} result: the topic names another symbol. */
    static final int OTHER_SYMBOL = 0;
    /** {@link #topicSymbol} result: the topic names the wanted symbol. */
    static final int SAME_SYMBOL = 1;

    private static final long NS_PER_S = 1_000_000_000L;

    private DataFiles() {}

    /** Lower-case file name, for suffix tests. */
    static String lowerName(Path file) {
        final Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Opens a text file for reading line by line: plain, gzip ({@code .gz}) or the first file inside a zip archive
     * ({@code .zip}), UTF-8.
     *
     * @throws IOException naming the file when it cannot be opened or a zip archive holds no file
     */
    static LineReader open(Path file) throws IOException {
        return new LineReader(new InputStreamReader(openStream(file), StandardCharsets.UTF_8));
    }

    /** As {@link #open(Path)}, lines as bytes. */
    static ByteLineReader openBytes(Path file) throws IOException {
        return new ByteLineReader(openStream(file));
    }

    /** The file's content: plain, gunzipped ({@code .gz}) or the first file of a {@code .zip}. */
    private static InputStream openStream(Path file) throws IOException {
        final String name = lowerName(file);
        InputStream in = Files.newInputStream(file);
        try {
            if (name.endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            } else if (name.endsWith(".zip")) {
                final ZipInputStream zip = new ZipInputStream(in);
                in = zip;
                ZipEntry entry;
                do {
                    entry = zip.getNextEntry();
                } while (entry != null && entry.isDirectory());
                if (entry == null) {
                    throw new IOException("the zip archive holds no file");
                }
            }
        } catch (IOException e) {
            in.close();
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return in;
    }

    /**
     * A local receive time as written by a recorder: integer nanoseconds, or decimal seconds since the epoch (extra
     * decimals beyond nanoseconds are dropped). Surrounding spaces are allowed.
     *
     * @return ns since the epoch, or {@link #NO_TIME} for anything else (including values &le; 0)
     */
    static long parseRecvTime(CharSequence text, int from, int to) {
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        final int dot = indexOf(text, '.', from, to);
        final long v;
        if (dot < 0) {
            v = Decimals.parse(text, from, to, 0);
        } else {
            v = Decimals.parse(text, from, Math.min(to, dot + 10), 9);
        }
        return v == Decimals.INVALID || v <= 0 ? NO_TIME : v;
    }

    /**
     * The tab ending a receive-time prefix ({@code recvTime\tframe}): the line starts with a digit and holds a tab.
     *
     * @return the tab's index, or -1 when the line has no time prefix
     */
    static int timePrefixTab(CharSequence line) {
        if (line.length() == 0) {
            return -1;
        }
        final char c = line.charAt(0);
        return c >= '0' && c <= '9' ? indexOf(line, '\t', 0, line.length()) : -1;
    }

    /**
     * An exchange timestamp of unknown unit, as archive files write it: decimal text is seconds; an integer is taken as
     * seconds, milliseconds, microseconds or nanoseconds by its magnitude (below 10^11, 10^14, 10^17, or above — dates
     * from 1973 to 5138 read unambiguously).
     *
     * @return ns since the epoch, or {@link #NO_TIME}
     */
    static long parseEpochTime(CharSequence text, int from, int to) {
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        if (indexOf(text, '.', from, to) >= 0) {
            return parseRecvTime(text, from, to);
        }
        final long v = Decimals.parse(text, from, to, 0);
        if (v == Decimals.INVALID || v <= 0) {
            return NO_TIME;
        }
        if (v < 100_000_000_000L) {
            return v * NS_PER_S;
        }
        if (v < 100_000_000_000_000L) {
            return v * 1_000_000L;
        }
        if (v < 100_000_000_000_000_000L) {
            return v * 1_000L;
        }
        return v;
    }

    /**
     * Where the line's {@code "topic"} points: {@link #SAME_SYMBOL} when the topic's last dot-separated part is
     * {@code symbol}, {@link #OTHER_SYMBOL} when it is another one, {@link #NO_TOPIC} when the line has no topic key (or
     * it is not a plain string). A cheap pre-filter that lets a source skip other symbols without decoding them.
     */
    static int topicSymbol(CharSequence line, int from, String symbol) {
        final int end = topicEnd(line, from);
        if (end < 0) {
            return NO_TOPIC;
        }
        final int start = lastDot(line, end);
        if (start < 0) {
            return NO_TOPIC;
        }
        return regionEquals(line, start, end, symbol) ? SAME_SYMBOL : OTHER_SYMBOL;
    }

    /** Index just past the topic value (its closing quote), or -1 when there is no plain-string topic. */
    static int topicEnd(CharSequence line, int from) {
        final int key = indexOf(line, "\"topic\"", from);
        if (key < 0) {
            return -1;
        }
        int p = skipSpaces(line, key + 7);
        if (p >= line.length() || line.charAt(p) != ':') {
            return -1;
        }
        p = skipSpaces(line, p + 1);
        if (p >= line.length() || line.charAt(p) != '"') {
            return -1;
        }
        final int start = p + 1;
        for (int i = start; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** Index just after the last dot of the topic value that ends at {@code end}, or -1. */
    static int lastDot(CharSequence line, int end) {
        for (int i = end - 1; i >= 0; i--) {
            final char c = line.charAt(i);
            if (c == '.') {
                return i + 1 < end ? i + 1 : -1;
            }
            if (c == '"') {
                return -1;
            }
        }
        return -1;
    }

    /** Index of the opening quote of the topic value that ends at {@code end}. */
    static int topicStart(CharSequence line, int end) {
        int i = end - 1;
        while (i >= 0 && line.charAt(i) != '"') {
            i--;
        }
        return i + 1;
    }

    /**
     * The integer value of a top-level key such as {@code "ts"} (passed with its quotes), found by text search: the first
     * occurrence of the quoted key followed by a colon.
     *
     * @return the value, or {@link #NO_TIME} when absent or not a non-negative integer
     */
    static long jsonLong(CharSequence line, String quotedKey) {
        int from = 0;
        while (true) {
            final int key = indexOf(line, quotedKey, from);
            if (key < 0) {
                return NO_TIME;
            }
            int p = skipSpaces(line, key + quotedKey.length());
            if (p < line.length() && line.charAt(p) == ':') {
                p = skipSpaces(line, p + 1);
                final int start = p;
                while (p < line.length() && line.charAt(p) >= '0' && line.charAt(p) <= '9') {
                    p++;
                }
                final long v = Decimals.parse(line, start, p, 0);
                return v == Decimals.INVALID ? NO_TIME : v;
            }
            from = key + 1;
        }
    }

    static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(CharSequence text, String s, int from) {
        final int n = s.length();
        final int last = text.length() - n;
        final char first = s.charAt(0);
        outer:
        for (int i = from; i <= last; i++) {
            if (text.charAt(i) != first) {
                continue;
            }
            for (int k = 1; k < n; k++) {
                if (text.charAt(i + k) != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether {@code text[from, to)} equals {@code s}. */
    static boolean regionEquals(CharSequence text, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (text.charAt(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text[from, to)} equals {@code s}, ignoring ASCII case. */
    static boolean equalsIgnoreCase(CharSequence text, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase(text.charAt(from + i)) != Character.toLowerCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(CharSequence text, int p) {
        while (p < text.length()) {
            final char c = text.charAt(p);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    /** A tape as small as allowed: the decoders here never apply trades, but a market needs one. */
    static TapeConfig tinyTape() {
        return new TapeConfig(TapeConfig.MIN_CAPACITY, new long[] {NS_PER_S}, TapeConfig.MIN_CAPACITY, 0.95, 1);
    }

    /** A decoder that knows only {@code instrument} (other symbols are ignored) and emits its frames. */
    static BybitMarketDecoder emitDecoder(Instrument instrument) {
        return new BybitMarketDecoder(BybitInstruments.fromTable(java.util.List.of(instrument), false), 1, tinyTape());
    }

    /**
     * Resolves {@code symbol} for frames in {@code file}: first by asking the resolver without decimals (a table hit),
     * else by decoding the first frame of the symbol found in the file with the resolver, as a live decoder would.
     *
     * @throws IllegalArgumentException naming the file when the symbol has no frame there or the resolver declines it
     */
    static Instrument resolveFromFrames(Path file, String symbol, InstrumentResolver resolver) throws IOException {
        final Instrument known = resolver.resolve(symbol, -1, -1);
        if (known != null) {
            return known;
        }
        final BybitMarketDecoder decoder = new BybitMarketDecoder(resolver, 1, tinyTape());
        try (LineReader lines = open(file)) {
            while (lines.next()) {
                final int start = timePrefixTab(lines) + 1;
                if (topicSymbol(lines, start, symbol) != SAME_SYMBOL) {
                    continue;
                }
                final int r = decoder.decode(lines.string(start, lines.length()), 0);
                if (r == BybitMarketDecoder.IGNORED) {
                    throw new IllegalArgumentException(
                            "symbol " + symbol + " in " + file + ": the resolver declined it");
                }
                final MarketState m = decoder.market(symbol);
                if (m != null) {
                    return m.instrument();
                }
            }
        }
        throw new IllegalArgumentException("no decodable frame of symbol " + symbol + " in " + file);
    }
}
