package io.scalper.core.session;

import io.scalper.core.config.ConfigText;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A live session recorded by {@link SessionRecorder}, read back: its rules, fees, configuration and times, the files of
 * its market, and its log of decisions, commands, answers and round trips. A session cut short (the process killed)
 * is read up to the last second it flushed: its {@code .part} files are read as far as they go.
 */
public final class Session {
    /** Prefix of the market files. */
    public static final String MARKET = "market";
    /** Prefix of the event log files. */
    public static final String EVENTS = "events";
    /** Prefix of the files of the loop's turns. */
    public static final String STEPS = "steps";
    /** Prefix of the decision files. */
    public static final String DECISIONS = "decisions";
    /** The session's description. */
    public static final String META = "session.json";
    /** The configuration in force ({@link ConfigText}). */
    public static final String CONFIG = "config.properties";
    /** The run's statistics at the end ({@code PerformanceStats#toJson}). */
    public static final String SUMMARY = "summary.json";
    /** {@code state.json} as the run found it (the risk state it restored). */
    public static final String START_STATE = "start-state.json";
    /** {@code edge.json} as the run found it. */
    public static final String START_EDGE = "start-edge.json";
    /** {@code weights.json} as the run found it. */
    public static final String START_WEIGHTS = "start-weights.json";

    private final Path directory;
    private final SessionMeta meta;
    private final ScalperConfig config;

    private Session(Path directory, SessionMeta meta, ScalperConfig config) {
        this.directory = directory;
        this.meta = meta;
        this.config = config;
    }

    /**
     * Opens a session folder, or the latest session of a state directory ({@code DIR/sessions/*}).
     *
     * @throws NoSuchFileException naming the path when there is no session there
     * @throws IOException naming the file that cannot be read or understood
     */
    public static Session open(Path path) throws IOException {
        Path dir = path;
        if (!Files.isRegularFile(dir.resolve(META))) {
            final List<Path> all = list(path);
            if (all.isEmpty()) {
                throw new NoSuchFileException(
                        path.toString(), null, "no recorded session (no " + META + " there or in its sessions/)");
            }
            dir = all.get(all.size() - 1);
        }
        final SessionMeta meta;
        try {
            meta = SessionMeta.parse(Files.readString(dir.resolve(META), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException(dir.resolve(META) + ": not a session description: " + e.getMessage(), e);
        }
        final ScalperConfig config;
        try {
            config = ConfigText.read(Files.readString(dir.resolve(CONFIG), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(dir.resolve(CONFIG) + ": missing (the session never connected)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
        if (meta.symbols.isEmpty()) {
            throw new IOException(dir.resolve(META) + ": no symbol recorded (the session never connected)");
        }
        return new Session(dir, meta, config);
    }

    /** The sessions of a state directory (its {@code sessions/} folders with a description), oldest first. */
    public static List<Path> list(Path stateDirectory) throws IOException {
        final Path sessions = stateDirectory.resolve(SessionRecorder.SESSIONS_DIRECTORY);
        if (!Files.isDirectory(sessions)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sessions)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(META)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * Deletes the oldest sessions in {@code sessions} (every folder there, by name) until those left use at most
     * {@code keepBytes}; returns what they use.
     */
    static long prune(Path sessions, long keepBytes) throws IOException {
        final List<Path> dirs;
        try (Stream<Path> s = Files.list(sessions)) {
            dirs = s.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        final long[] sizes = new long[dirs.size()];
        long total = 0;
        for (int i = 0; i < dirs.size(); i++) {
            sizes[i] = size(dirs.get(i));
            total += sizes[i];
        }
        for (int i = 0; i < dirs.size() && total > keepBytes; i++) {
            delete(dirs.get(i));
            total -= sizes[i];
        }
        return total;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** The session's name (its start time, UTC). */
    public String id() {
        return meta.id;
    }

    /** The venue's name ({@code sim}, {@code testnet}, ...). */
    public String venue() {
        return meta.venue;
    }

    public boolean paper() {
        return meta.paper;
    }

    /** The configuration in force. */
    public ScalperConfig config() {
        return config;
    }

    /** The symbols traded, in order. */
    public List<String> symbols() {
        return meta.symbols.stream().map(SessionMeta.Symbol::symbol).toList();
    }

    /** The first symbol. */
    public String symbol() {
        return meta.symbols.get(0).symbol();
    }

    /** The instrument rules of a symbol as the venue reported them. */
    public Instrument instrument(String symbol) {
        return symbolMeta(symbol).instrument();
    }

    /** The account's maker fee rate for {@code symbol}, or NaN when the venue reported none (the config's applied). */
    public double makerFeeRate(String symbol) {
        return symbolMeta(symbol).makerFeeRate();
    }

    /** The account's taker fee rate for {@code symbol}, or NaN. */
    public double takerFeeRate(String symbol) {
        return symbolMeta(symbol).takerFeeRate();
    }

    private SessionMeta.Symbol symbolMeta(String symbol) {
        for (SessionMeta.Symbol s : meta.symbols) {
            if (s.symbol().equals(symbol)) {
                return s;
            }
        }
        throw new IllegalArgumentException("symbol " + symbol + " is not in session " + meta.id + " " + symbols());
    }

    /** Equity the run started from. */
    public double startEquity() {
        return meta.startEquity;
    }

    /** Venue clock minus local clock, ns (0 when unknown). */
    public long clockOffsetNs() {
        return meta.clockOffsetNs;
    }

    /** The engine clock when the engine was built (its timers run from there). */
    public long clockStartNs() {
        return meta.clockStartNs;
    }

    /** The engine clock at the loop's first turn (0 when unknown). */
    public long firstStepNs() {
        return meta.firstStepNs;
    }

    /**
     * The loop's turns: {@code [receive times of the first frames of the turns that handled frames, those turns' times,
     * the times of the turns that ran the engine's timers]}, each in order (held in memory: 8 bytes a number).
     */
    public long[][] steps() throws IOException {
        long[] recv = new long[1024];
        long[] turn = new long[1024];
        long[] timers = new long[256];
        int n = 0;
        int nt = 0;
        try (CloseableLines lines = lines(files(STEPS))) {
            while (lines.hasNext()) {
                final String l = lines.next();
                final int tab = l.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                try {
                    final long t = Long.parseLong(l.substring(tab + 1));
                    if (l.charAt(0) == 't') {
                        if (nt == timers.length) {
                            timers = java.util.Arrays.copyOf(timers, nt * 2);
                        }
                        timers[nt++] = t;
                        continue;
                    }
                    final long r = Long.parseLong(l.substring(0, tab));
                    if (n == recv.length) {
                        recv = java.util.Arrays.copyOf(recv, n * 2);
                        turn = java.util.Arrays.copyOf(turn, n * 2);
                    }
                    recv[n] = r;
                    turn[n++] = t;
                } catch (NumberFormatException e) {
                    // a line cut by a crash
                }
            }
        }
        return new long[][] {
            java.util.Arrays.copyOf(recv, n), java.util.Arrays.copyOf(turn, n), java.util.Arrays.copyOf(timers, nt)
        };
    }

    /** When the stop began (entries stopped), or 0 if the session has no stop (killed). */
    public long stopNs() {
        return meta.stopNs;
    }

    /** Whether the stop flattened the position. */
    public boolean flattened() {
        return meta.flatten;
    }

    /** When the session ended, or 0 if it did not end cleanly. */
    public long endNs() {
        return meta.endNs;
    }

    /** When recording stopped at the disk bound, or 0. */
    public long truncatedNs() {
        return meta.truncatedNs;
    }

    /** Items the recorder dropped (it could not keep up). */
    public long dropped() {
        return meta.dropped;
    }

    /** Compressed bytes the session's files took. */
    public long bytes() {
        return meta.bytes;
    }

    /** The bound of the sessions directory in force. */
    public long maxBytes() {
        return meta.maxBytes;
    }

    /** Files the run restored at start ({@code state.json}, {@code edge.json}, {@code weights.json}). */
    public List<String> restored() {
        return List.copyOf(meta.restored);
    }

    /** A file of the session as text, if present (e.g. {@link #START_WEIGHTS}). */
    public Optional<String> text(String name) throws IOException {
        final Path p = directory.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** The files with a prefix ({@link #MARKET}, ...), in time order, {@code .part} ones included. */
    public List<Path> files(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> {
                        final String n = p.getFileName().toString();
                        return n.startsWith(prefix + "-") && (n.endsWith(".gz") || n.endsWith(".gz.part"));
                    })
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    // ------------------------------------------------------------------ reading lines

    /**
     * The lines of gzip files one after another. A file cut short (a {@code .part} of a killed run) is read as far as
     * it goes.
     */
    public static CloseableLines lines(List<Path> files) {
        return new CloseableLines(files);
    }

    /** An iterator over the lines of several gzip files. */
    public static final class CloseableLines implements Iterator<String>, Closeable {
        private final List<Path> files;
        private int index;
        private BufferedReader reader;
        private String next;
        private boolean truncated;

        CloseableLines(List<Path> files) {
            this.files = List.copyOf(files);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                try {
                    if (reader == null) {
                        if (index >= files.size()) {
                            return false;
                        }
                        final InputStream in = Files.newInputStream(files.get(index++));
                        reader = new BufferedReader(
                                new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8),
                                1 << 16);
                    }
                    next = reader.readLine();
                    if (next == null) {
                        reader.close();
                        reader = null;
                    }
                } catch (EOFException | ZipException e) {
                    truncated = true; // a file cut short: what was flushed is read, the rest is lost
                    closeQuietly();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return true;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final String s = next;
            next = null;
            return s;
        }

        /** Whether a file ended before its end (a run that was killed). */
        public boolean truncated() {
            return truncated;
        }

        private void closeQuietly() {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (IOException ignored) {
                // nothing to do
            }
            reader = null;
        }

        @Override
        public void close() {
            closeQuietly();
            index = files.size();
        }
    }

    // ------------------------------------------------------------------ the decisions

    /** A decision as recorded: sequence number, event time, the engine's clock, fused score, confidence, direction. */
    public record DecisionRow(
            String symbol,
            long seq,
            long timeNs,
            long clockNs,
            double fused,
            double confidence,
            int direction,
            boolean vetoed) {
        static DecisionRow parse(String line) {
            final String[] f = line.split("\t", -1);
            if (f.length < 8) {
                throw new IllegalArgumentException("not a decision row: " + line);
            }
            return new DecisionRow(
                    f[0],
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    Integer.parseInt(f[6]),
                    "1".equals(f[7]));
        }
    }

    /** The decisions of {@code symbol} in order, streamed (sessions can hold millions); close it when done. */
    public DecisionCursor decisions(String symbol) throws IOException {
        return new DecisionCursor(lines(files(DECISIONS)), symbol);
    }

    /** The decisions of one symbol, read as they are needed. */
    public static final class DecisionCursor implements Iterator<DecisionRow>, Closeable {
        private final CloseableLines lines;
        private final String prefix;
        private DecisionRow next;

        DecisionCursor(CloseableLines lines, String symbol) {
            this.lines = lines;
            this.prefix = symbol + "\t";
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                final String l = lines.next();
                if (l.startsWith(prefix)) {
                    try {
                        next = DecisionRow.parse(l);
                    } catch (IllegalArgumentException e) {
                        // a row cut by a crash
                    }
                }
            }
            return next != null;
        }

        @Override
        public DecisionRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final DecisionRow d = next;
            next = null;
            return d;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    // ------------------------------------------------------------------ the event log

    /** An order command the engine sent: {@code submit}, {@code amend}, {@code cancel} or {@code cancelAll}. */
    public record Command(
            String kind,
            long timeNs,
            long decisionSeq,
            String id,
            Side side,
            String type,
            String timeInForce,
            long priceTicks,
            long qtyLots,
            boolean reduceOnly,
            long triggerTicks,
            String purpose) {}

    /**
     * The venue's answer about an order: {@code event} is the order event's name ({@code Accepted}, {@code Filled},
     * ...); {@code ack} for the reply to a command, otherwise a push. Times: the engine's clock when it arrived, the
     * local receive and the exchange times (0 when unknown). {@code detail}: the venue's words for a refusal, the
     * execution id for a fill; {@code leavesLots} -1 when unknown.
     */
    public record Answer(
            long timeNs,
            String event,
            String id,
            long exchangeNs,
            long localNs,
            boolean ack,
            long priceTicks,
            long qtyLots,
            double fee,
            String liquidity,
            long leavesLots,
            String reason,
            String detail) {}

    /** Something else worth a line: {@code refusal}, {@code state}, {@code alert}, {@code gap}, {@code stop}, ... */
    public record Note(String kind, long timeNs, long decisionSeq, String code, String detail) {}

    /** What the event log holds for one symbol. */
    public record Log(
            List<Command> commands,
            List<Answer> answers,
            long[] roundTripTimesNs,
            long[] roundTripsNs,
            List<RoundTrip> trades,
            List<Note> notes,
            boolean truncated) {}

    /** Reads the event log of {@code symbol} (gaps, recorded for every symbol, are included). */
    public Log log(String symbol) throws IOException {
        final List<Command> commands = new ArrayList<>();
        final List<Answer> answers = new ArrayList<>();
        final List<RoundTrip> trades = new ArrayList<>();
        final List<Note> notes = new ArrayList<>();
        final List<long[]> rtts = new ArrayList<>();
        boolean truncated;
        try (CloseableLines lines = lines(files(EVENTS))) {
            while (lines.hasNext()) {
                final String line = lines.next();
                final Map<String, Object> m;
                try {
                    m = FlatJson.parse(line);
                } catch (IllegalArgumentException e) {
                    continue; // a line cut by a crash
                }
                final String kind = str(m, "k");
                final String sym = str(m, "s");
                if (!sym.isEmpty() && !sym.equals(symbol)) {
                    continue;
                }
                final long t = num(m, "t");
                switch (kind) {
                    case "submit", "amend", "cancel", "cancelAll" ->
                        commands.add(new Command(
                                kind,
                                t,
                                num(m, "q"),
                                str(m, "id"),
                                m.containsKey("side") ? Side.valueOf(str(m, "side")) : null,
                                str(m, "type"),
                                str(m, "tif"),
                                num(m, "px"),
                                num(m, "qty"),
                                Boolean.TRUE.equals(m.get("ro")),
                                num(m, "trig"),
                                str(m, "purpose")));
                    case "order" ->
                        answers.add(new Answer(
                                t,
                                str(m, "ev"),
                                str(m, "id"),
                                num(m, "x"),
                                num(m, "l"),
                                Boolean.TRUE.equals(m.get("ack")),
                                num(m, "px"),
                                num(m, "qty"),
                                dbl(m, "fee"),
                                str(m, "liq"),
                                m.containsKey("leaves") ? num(m, "leaves") : -1,
                                str(m, "reason"),
                                "Filled".equals(m.get("ev")) ? str(m, "exec") : str(m, "detail")));
                    case "rtt" -> rtts.add(new long[] {t, num(m, "ns")});
                    case "trade" ->
                        trades.add(new RoundTrip(
                                num(m, "id"),
                                symbol,
                                Side.valueOf(str(m, "side")),
                                num(m, "entry"),
                                num(m, "exit"),
                                dbl(m, "entryPx"),
                                dbl(m, "exitPx"),
                                num(m, "qty"),
                                dbl(m, "gross"),
                                dbl(m, "fees"),
                                dbl(m, "funding"),
                                dbl(m, "risk"),
                                dbl(m, "slip"),
                                str(m, "reason"),
                                null,
                                null));
                    case "refusal" -> notes.add(new Note(kind, t, num(m, "q"), str(m, "r"), ""));
                    case "state" -> notes.add(new Note(kind, t, 0, str(m, "state"), str(m, "reason")));
                    case "alert", "venueAlert" -> notes.add(new Note(kind, t, 0, str(m, "code"), str(m, "detail")));
                    case "gap" -> notes.add(new Note(kind, t, 0, "gap", str(m, "reason")));
                    case "stop" -> notes.add(new Note(kind, t, 0, "stop", "flatten " + m.get("flatten")));
                    case "reconciled" ->
                        notes.add(new Note(
                                kind,
                                t,
                                0,
                                str(m, "action"),
                                str(m, "cause") + ": engine " + num(m, "engine") + " lots, venue " + num(m, "venue")));
                    default -> {
                        // funding, venue positions: not compared
                    }
                }
            }
            truncated = lines.truncated();
        }
        final long[] times = new long[rtts.size()];
        final long[] values = new long[rtts.size()];
        for (int i = 0; i < rtts.size(); i++) {
            times[i] = rtts.get(i)[0];
            values[i] = rtts.get(i)[1];
        }
        return new Log(
                List.copyOf(commands),
                List.copyOf(answers),
                times,
                values,
                List.copyOf(trades),
                List.copyOf(notes),
                truncated);
    }

    /**
     * The order round trips recorded in a session folder or in every session of a state directory: times (the
     * engine's clock when the acknowledgement arrived) and round trips, ns, in time order.
     *
     * @throws IOException when there is no session there, or none recorded a round trip
     */
    public static long[][] roundTrips(Path path) throws IOException {
        final List<Path> dirs = Files.isRegularFile(path.resolve(META)) ? List.of(path) : list(path);
        if (dirs.isEmpty()) {
            throw new NoSuchFileException(path.toString(), null, "no recorded session there");
        }
        final List<long[]> all = new ArrayList<>();
        for (Path d : dirs) {
            final Session s = open(d);
            for (String sym : s.symbols()) {
                final Log log = s.log(sym);
                for (int i = 0; i < log.roundTripsNs().length; i++) {
                    all.add(new long[] {log.roundTripTimesNs()[i], log.roundTripsNs()[i]});
                }
            }
        }
        if (all.isEmpty()) {
            throw new IOException(path + ": no order round trip recorded");
        }
        all.sort(Comparator.comparingLong(a -> a[0]));
        final long[] times = new long[all.size()];
        final long[] rtts = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            times[i] = all.get(i)[0];
            rtts[i] = all.get(i)[1];
        }
        return new long[][] {times, rtts};
    }

    private static String str(Map<String, Object> m, String key) {
        final Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    private static long num(Map<String, Object> m, String key) {
        final Object v = m.get(key);
        return v instanceof Long l ? l : v instanceof Number n ? (long) n.doubleValue() : 0;
    }

    private static double dbl(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public String toString() {
        return "Session[" + meta.id + " " + meta.venue + " " + symbols() + "]";
    }
}
