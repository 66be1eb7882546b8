package io.scalper.core.session;

import io.scalper.core.config.ConfigText;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.EngineListener;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import io.scalper.core.time.Clock;
import io.scalper.core.time.SystemClock;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Records a live session in {@code STATE/sessions/ID/} so that {@code scalper drift} can replay it through the
 * backtester and compare: what the market sent, what the engine decided, and what went to and came from the venue.
 *
 * <ul>
 *   <li>{@value Session#MARKET}{@code -yyyy-MM-ddTHH.jsonl.gz}: every public frame the feed handled, as received, each
 *       line {@code receiveTimeNs<TAB>frame} — the format of {@code scalper record}, read by {@code scalper backtest} —
 *       and a gap line {@code {"op":"scalper.gap",...}} where the stream disconnected or frames were lost;
 *   <li>{@value Session#STEPS}{@code -*.tsv.gz}: for each turn of the loop that handled frames, the receive time of
 *       its first frame and the turn's time (the engine's clock while it handled them), {@code receivedNs turnNs}; for
 *       each turn that ran the engine's timers (after its frames), {@code t turnNs};
 *   <li>{@value Session#DECISIONS}{@code -*.tsv.gz}: every decision, {@code symbol seq timeNs clockNs fused
 *       confidence direction vetoed} (tab-separated; scores in full precision);
 *   <li>{@value Session#EVENTS}{@code -*.jsonl.gz}: one JSON object per line, {@code k} its kind, {@code s} the
 *       symbol, {@code t} the engine's clock: the order commands ({@code submit}, {@code amend}, {@code cancel}, {@code
 *       cancelAll}, with {@code q} the latest decision's sequence number), the venue's answers ({@code order}: the
 *       event, its local {@code l} and exchange {@code x} times, {@code ack} for a command's reply, otherwise a push),
 *       order round trips ({@code rtt}), funding, venue positions and alerts, refusals, round trips ({@code trade}),
 *       trading states, alerts, reconciliations and gaps;
 *   <li>{@value Session#META}: the venue, each symbol's instrument rules and fee rates, the starting equity, the clock
 *       offset to the venue, the engine clock's start, the bound, and at the end the stop and the counts;
 *       {@value Session#CONFIG}: the configuration in force ({@link ConfigText}); {@value Session#SUMMARY}: the
 *       statistics at the end; {@code start-state.json}, {@code start-edge.json}, {@code start-weights.json}: what the
 *       run restored at start.
 * </ul>
 *
 * <p><b>Disk use is bounded</b> by {@code maxBytes} for the whole {@code sessions} directory: at start the oldest
 * sessions are deleted until they use at most half of it, and a session that reaches the bound stops recording (its
 * {@value Session#META} says when; trading goes on). Files are gzip, rotated every UTC hour, sync-flushed every second
 * (a crash loses at most a second).
 *
 * <p>Threading: everything is called on the engine thread (one producer) and only fills a slot of a preallocated ring
 * — a decision allocates nothing — which a writer thread of its own drains, compresses and writes, so the engine never
 * waits for the disk. If the ring is full (a disk slower than the market) items are dropped, counted and marked with a
 * gap; an I/O error stops the recording, never the trading.
 */
public final class SessionRecorder implements MarketTap, Closeable {
    /** The folder of the state directory that holds the sessions. */
    public static final String SESSIONS_DIRECTORY = "sessions";

    /** Default bound of the sessions directory: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    static final int QUEUE_CAPACITY = 1 << 16;
    private static final int MASK = QUEUE_CAPACITY - 1;
    private static final long FLUSH_EVERY_NS = 1_000_000_000L;
    private static final long IDLE_PARK_NS = 1_000_000L;
    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int FRAME = 1;
    private static final int DECISION = 2;
    private static final int ROW = 3;
    private static final int STEP = 4;

    private final Path directory;
    private final Clock clock;
    private final Consumer<String> warn;
    private final long maxBytes;
    private final long otherBytes;
    private final Slot[] slots = new Slot[QUEUE_CAPACITY];
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private volatile boolean ending;
    private final Thread writer;
    private final SessionMeta meta;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong decisionRows = new AtomicLong();
    private final AtomicLong eventRows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private long droppedSeen;
    private volatile long truncatedNs;
    private volatile String failure;
    private boolean closed;
    private long lastStepNs = Long.MIN_VALUE;
    private boolean began;

    // writer thread only
    private RotatingLines market;
    private RotatingLines events;
    private RotatingLines decisions;
    private RotatingLines steps;
    private final StringBuilder line = new StringBuilder(256);

    private SessionRecorder(Path directory, Clock clock, long maxBytes, long otherBytes, Consumer<String> warn) {
        this.directory = directory;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.otherBytes = otherBytes;
        this.warn = warn;
        this.meta = new SessionMeta(directory.getFileName().toString(), clock.nowNs(), maxBytes);
        this.market = new RotatingLines(directory, Session.MARKET, "jsonl");
        this.events = new RotatingLines(directory, Session.EVENTS, "jsonl");
        this.decisions = new RotatingLines(directory, Session.DECISIONS, "tsv");
        this.steps = new RotatingLines(directory, Session.STEPS, "tsv");
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
        this.writer = new Thread(this::drain, "scalper-session-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Starts a session in {@code stateDirectory/sessions/}: deletes the oldest sessions until those left use at most
     * half of {@code maxBytes}, creates the session's folder (named by the start time, UTC), copies what the run will
     * restore ({@code state.json}, {@code edge.json}, {@code weights.json} as they are now) and starts the writer.
     *
     * @param clock the engine's clock (its value now is the start of the engine's time)
     * @param warn told of anything that stops or degrades the recording
     */
    public static SessionRecorder open(Path stateDirectory, long maxBytes, Clock clock, Consumer<String> warn)
            throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: must be > 0, got " + maxBytes);
        }
        final Path sessions = stateDirectory.resolve(SESSIONS_DIRECTORY);
        Files.createDirectories(sessions);
        final long kept = Session.prune(sessions, maxBytes / 2);
        final String id = ID.format(Instant.ofEpochSecond(0, clock.nowNs()));
        Path dir = sessions.resolve(id);
        for (int i = 1; Files.exists(dir); i++) {
            dir = sessions.resolve(id + "-" + i);
        }
        Files.createDirectories(dir);
        final SessionRecorder r = new SessionRecorder(dir, clock, maxBytes, kept, warn == null ? s -> {} : warn);
        r.copyStart(stateDirectory, "state.json", Session.START_STATE);
        r.copyStart(stateDirectory, "edge.json", Session.START_EDGE);
        r.copyStart(stateDirectory, "weights.json", Session.START_WEIGHTS);
        r.writer.start();
        return r;
    }

    private void copyStart(Path stateDirectory, String name, String copy) throws IOException {
        final Path from = stateDirectory.resolve(name);
        if (Files.isRegularFile(from)) {
            Files.copy(from, directory.resolve(copy), StandardCopyOption.REPLACE_EXISTING);
            meta.restored.add(name);
        }
    }

    /** The session's folder. */
    public Path directory() {
        return directory;
    }

    /**
     * What the run trades with, once connected: the venue, the starting equity, the venue's clock offset (venue minus
     * local, ns; 0 when unknown) and the configuration.
     */
    public void begin(
            String venue, boolean paper, String policy, double startEquity, long clockOffsetNs, ScalperConfig config)
            throws IOException {
        began = true;
        meta.venue = venue;
        meta.paper = paper;
        meta.policy = policy;
        meta.startEquity = startEquity;
        meta.clockOffsetNs = clockOffsetNs;
        new StateSnapshotWriter(directory.resolve(Session.CONFIG)).write(ConfigText.write(config));
        writeMeta();
    }

    /** A symbol traded: its rules and the account's fee rates (NaN when the venue reported none). */
    public void instrument(Instrument instrument, double makerFeeRate, double takerFeeRate) throws IOException {
        meta.symbols.add(new SessionMeta.Symbol(
                instrument.symbol(),
                instrument.tickSize().toPlainString(),
                instrument.qtyStep().toPlainString(),
                instrument.minQty().toPlainString(),
                instrument.minNotional().toPlainString(),
                makerFeeRate,
                takerFeeRate));
        writeMeta();
    }

    /** What the engine of {@code symbol} did: decisions, refusals, round trips, states and alerts. */
    public EngineListener engineListener(String symbol) {
        return new Listener(symbol);
    }

    /** {@code gateway}, with every command and every answer of {@code symbol}'s orders recorded; all else forwarded. */
    public ExchangeGateway gateway(String symbol, ExchangeGateway gateway) {
        return new RecordingGateway(symbol, Objects.requireNonNull(gateway, "gateway"));
    }

    @Override
    public void onFrame(String text, long receivedNs) {
        final long handled = clock.nowNs();
        if (handled != lastStepNs) {
            // the first frame the loop handled in this turn: the turn's time, for the replay's clock
            lastStepNs = handled;
            final Slot st = claim();
            if (st != null) {
                st.kind = STEP;
                st.a = receivedNs;
                st.b = handled;
                publish();
            }
        }
        final Slot s = claim();
        if (s != null) {
            s.kind = FRAME;
            s.text = text;
            s.a = receivedNs;
            publish();
        }
    }

    @Override
    public void onGap(String reason, long timeNs) {
        onFrame(gapFrame(reason), timeNs);
        event(new JsonWriter()
                .beginObject()
                .name("k")
                .value("gap")
                .name("t")
                .value(timeNs)
                .name("reason")
                .value(reason));
    }

    static String gapFrame(String reason) {
        final String safe = reason == null
                ? ""
                : reason.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
        return "{\"op\":\"scalper.gap\",\"success\":false,\"ret_msg\":\"" + safe + "\"}";
    }

    /**
     * A turn of the loop begins at {@code nowNs} (engine thread); {@code timersDue}: the engine's timers will run in it,
     * after the frames it handles — recorded, so that the replay runs them at the same point.
     */
    public void step(long nowNs, boolean timersDue) {
        if (meta.firstStepNs == 0) {
            meta.firstStepNs = nowNs;
        }
        if (timersDue) {
            final Slot st = claim();
            if (st != null) {
                st.kind = STEP;
                st.a = TIMER_TURN;
                st.b = nowNs;
                publish();
            }
        }
    }

    /** In the steps file, the first column of a turn that ran timers. */
    static final long TIMER_TURN = -1;

    /** The stop began: entries stop now; the replay ends here. */
    public void stopping(long nowNs, boolean keepBrackets, boolean flatten) {
        meta.stopNs = nowNs;
        meta.keepBrackets = keepBrackets;
        meta.flatten = flatten;
        event(new JsonWriter()
                .beginObject()
                .name("k")
                .value("stop")
                .name("t")
                .value(nowNs)
                .name("keepBrackets")
                .value(keepBrackets)
                .name("flatten")
                .value(flatten));
    }

    /**
     * Ends the session: waits for the writer to write everything queued, closes the files, writes the statistics
     * ({@code stats}, may be {@code null}) and the final {@value Session#META}.
     */
    public void close(PerformanceStats stats) {
        if (closed) {
            return;
        }
        closed = true;
        ending = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!began) {
            // the run never connected: nothing worth keeping
            try {
                Session.delete(directory);
            } catch (IOException e) {
                warn.accept("session " + directory + ": cannot remove it: " + e.getMessage());
            }
            return;
        }
        meta.endNs = clock.nowNs();
        meta.frames = frames.get();
        meta.decisions = decisionRows.get();
        meta.events = eventRows.get();
        meta.dropped = dropped.get();
        meta.truncatedNs = truncatedNs;
        meta.bytes = bytes.get();
        meta.failure = failure;
        try {
            if (stats != null) {
                new StateSnapshotWriter(directory.resolve(Session.SUMMARY)).write(stats.toJson() + "\n");
            }
            writeMeta();
        } catch (IOException e) {
            warn.accept("session " + directory + ": cannot write its summary: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        close(null);
    }

    /** Items dropped because the writer could not keep up (engine thread). */
    public long dropped() {
        return dropped.get();
    }

    /** Compressed bytes written so far. */
    public long bytes() {
        return bytes.get();
    }

    private void writeMeta() throws IOException {
        new StateSnapshotWriter(directory.resolve(Session.META)).write(meta.toJson() + "\n");
    }

    // ------------------------------------------------------------------ engine thread → ring

    /** One preallocated item of the ring, filled by the engine thread, read by the writer. */
    private static final class Slot {
        int kind;
        String text;
        String symbol;
        long a;
        long b;
        long c;
        double x;
        double y;
        int i;
        boolean f;
    }

    /** The next free slot, or null (dropped, counted) when the ring is full or the recording stopped. */
    private Slot claim() {
        if (closed || truncatedNs != 0 || failure != null) {
            return null;
        }
        final long h = head.get();
        final long d = dropped.get();
        if (d != droppedSeen && h - tail.get() < QUEUE_CAPACITY / 2) {
            droppedSeen = d;
            final Slot g = slots[(int) (h & MASK)];
            g.kind = FRAME;
            g.text = gapFrame("session recorder overflow: " + d + " items dropped");
            g.a = clock.nowNs();
            head.lazySet(h + 1);
            return claim();
        }
        if (h - tail.get() >= QUEUE_CAPACITY) {
            dropped.incrementAndGet();
            return null;
        }
        return slots[(int) (h & MASK)];
    }

    private void publish() {
        head.lazySet(head.get() + 1);
    }

    private void event(JsonWriter w) {
        w.endObject();
        final Slot s = claim();
        if (s != null) {
            s.kind = ROW;
            s.text = w.toString();
            s.a = clock.nowNs();
            publish();
        }
    }

    private JsonWriter begin(String kind, String symbol) {
        return new JsonWriter()
                .beginObject()
                .name("k")
                .value(kind)
                .name("s")
                .value(symbol)
                .name("t")
                .value(clock.nowNs());
    }

    // ------------------------------------------------------------------ writer thread

    private void drain() {
        long nextFlush = SystemClock.monotonicNs() + FLUSH_EVERY_NS;
        try {
            while (true) {
                final long t = tail.get();
                if (t < head.get()) {
                    final Slot s = slots[(int) (t & MASK)];
                    if (truncatedNs == 0 && failure == null) {
                        write(s);
                    }
                    s.text = null;
                    s.symbol = null;
                    tail.lazySet(t + 1);
                } else if (ending) {
                    break;
                } else {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
                final long now = SystemClock.monotonicNs();
                if (now - nextFlush >= 0) {
                    nextFlush = now + FLUSH_EVERY_NS;
                    flush();
                }
            }
        } finally {
            closeFiles();
        }
    }

    private void write(Slot s) {
        try {
            if (s.kind == FRAME) {
                line.setLength(0);
                line.append(s.a).append('\t').append(s.text);
                market.write(s.a, line);
                frames.incrementAndGet();
            } else if (s.kind == DECISION) {
                line.setLength(0);
                line.append(s.symbol)
                        .append('\t')
                        .append(s.a)
                        .append('\t')
                        .append(s.b)
                        .append('\t')
                        .append(s.c)
                        .append('\t')
                        .append(s.x)
                        .append('\t')
                        .append(s.y)
                        .append('\t')
                        .append(s.i)
                        .append('\t')
                        .append(s.f ? 1 : 0);
                decisions.write(s.c, line);
                decisionRows.incrementAndGet();
            } else if (s.kind == ROW) {
                events.write(s.a, s.text);
                eventRows.incrementAndGet();
            } else if (s.kind == STEP) {
                line.setLength(0);
                if (s.a == TIMER_TURN) {
                    line.append('t');
                } else {
                    line.append(s.a);
                }
                line.append('\t').append(s.b);
                steps.write(s.b, line);
            }
            final long used = market.bytes() + events.bytes() + decisions.bytes() + steps.bytes();
            bytes.set(used);
            if (otherBytes + used >= maxBytes) {
                truncatedNs = s.kind == DECISION ? s.c : s.a;
                warn.accept("session " + directory + ": the sessions reached their bound of " + (maxBytes >> 20)
                        + " MiB; recording stops here (trading goes on)");
                flush();
            }
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            warn.accept("session " + directory + ": recording stopped: " + e.getMessage());
        }
    }

    private void flush() {
        try {
            market.flush();
            events.flush();
            decisions.flush();
            steps.flush();
            bytes.set(market.bytes() + events.bytes() + decisions.bytes() + steps.bytes());
        } catch (IOException e) {
            if (failure == null) {
                failure = e.toString();
                warn.accept("session " + directory + ": recording stopped: " + e.getMessage());
            }
        }
    }

    private void closeFiles() {
        for (RotatingLines l : new RotatingLines[] {market, events, decisions, steps}) {
            try {
                l.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e.toString();
                }
                warn.accept("session " + directory + ": cannot finish a file: " + e.getMessage());
            }
        }
        bytes.set(market.bytes() + events.bytes() + decisions.bytes() + steps.bytes());
    }

    // ------------------------------------------------------------------ the engine's side

    private final class Listener implements EngineListener {
        private final String symbol;

        Listener(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public void onDecision(Decision d) {
            lastSeq = d.sequence();
            final Slot s = claim();
            if (s != null) {
                s.kind = DECISION;
                s.symbol = symbol;
                s.a = d.sequence();
                s.b = d.timeNs();
                s.c = clock.nowNs();
                s.x = d.fused();
                s.y = d.confidence();
                s.i = d.direction();
                s.f = d.vetoed();
                publish();
            }
        }

        @Override
        public void onRefusal(String reason, Decision decision) {
            event(begin("refusal", symbol)
                    .name("q")
                    .value(decision.sequence())
                    .name("r")
                    .value(reason));
        }

        @Override
        public void onRoundTrip(RoundTrip t) {
            event(begin("trade", symbol)
                    .name("id")
                    .value(t.id())
                    .name("side")
                    .value(t.side().name())
                    .name("entry")
                    .value(t.entryTimeNs())
                    .name("exit")
                    .value(t.exitTimeNs())
                    .name("entryPx")
                    .value(t.entryPriceTicks())
                    .name("exitPx")
                    .value(t.exitPriceTicks())
                    .name("qty")
                    .value(t.qtyLots())
                    .name("gross")
                    .value(t.grossPnl())
                    .name("fees")
                    .value(t.fees())
                    .name("funding")
                    .value(t.funding())
                    .name("risk")
                    .value(t.riskAmount())
                    .name("slip")
                    .value(t.entrySlippageTicks())
                    .name("reason")
                    .value(t.exitReason()));
        }

        @Override
        public void onTradingState(String state, String reason) {
            event(begin("state", symbol)
                    .name("state")
                    .value(state)
                    .name("reason")
                    .value(reason));
        }

        @Override
        public void onAlert(String code, String detail) {
            event(begin("alert", symbol).name("code").value(code).name("detail").value(detail));
        }

        @Override
        public void onReconciled(
                String sym, long engineLots, long venueLots, long venueAvgEntryTicks, String action, String cause) {
            event(begin("reconciled", symbol)
                    .name("engine")
                    .value(engineLots)
                    .name("venue")
                    .value(venueLots)
                    .name("action")
                    .value(action)
                    .name("cause")
                    .value(cause));
        }
    }

    /** Sequence number of the latest decision (engine thread); commands carry it. */
    private long lastSeq;

    private final class RecordingGateway implements ExchangeGateway {
        private final String symbol;
        private final ExchangeGateway g;

        RecordingGateway(String symbol, ExchangeGateway g) {
            this.symbol = symbol;
            this.g = g;
        }

        @Override
        public void setListener(ExecutionListener listener) {
            g.setListener(new RecordingListener(symbol, listener));
        }

        @Override
        public void submit(OrderRequest r) {
            event(begin("submit", symbol)
                    .name("q")
                    .value(lastSeq)
                    .name("id")
                    .value(r.clientOrderId())
                    .name("side")
                    .value(r.side().name())
                    .name("type")
                    .value(r.type().name())
                    .name("tif")
                    .value(r.timeInForce().name())
                    .name("px")
                    .value(r.priceTicks())
                    .name("qty")
                    .value(r.qtyLots())
                    .name("ro")
                    .value(r.reduceOnly())
                    .name("trig")
                    .value(r.triggerPriceTicks())
                    .name("src")
                    .value(r.triggerSource() == null ? "" : r.triggerSource().name())
                    .name("purpose")
                    .value(r.purpose().name()));
            g.submit(r);
        }

        @Override
        public void amend(String id, long price, long qty, long trigger) {
            event(begin("amend", symbol)
                    .name("q")
                    .value(lastSeq)
                    .name("id")
                    .value(id)
                    .name("px")
                    .value(price)
                    .name("qty")
                    .value(qty)
                    .name("trig")
                    .value(trigger));
            g.amend(id, price, qty, trigger);
        }

        @Override
        public void cancel(String id) {
            event(begin("cancel", symbol).name("q").value(lastSeq).name("id").value(id));
            g.cancel(id);
        }

        @Override
        public void cancelAll(String sym) {
            event(begin("cancelAll", symbol).name("q").value(lastSeq));
            g.cancelAll(sym);
        }

        @Override
        public boolean supportsAmend() {
            return g.supportsAmend();
        }

        @Override
        public void requestVenueCheck(String sym) {
            g.requestVenueCheck(sym);
        }

        @Override
        public boolean isReadyForEntries() {
            return g.isReadyForEntries();
        }
    }

    private final class RecordingListener implements ExecutionListener {
        private final String symbol;
        private final ExecutionListener l;

        RecordingListener(String symbol, ExecutionListener l) {
            this.symbol = symbol;
            this.l = l;
        }

        @Override
        public void onOrderEvent(OrderEvent e) {
            final JsonWriter w = begin("order", symbol)
                    .name("ev")
                    .value(e.getClass().getSimpleName())
                    .name("id")
                    .value(e.clientOrderId())
                    .name("vid")
                    .value(e.venueOrderId())
                    .name("x")
                    .value(e.exchangeTimeNs())
                    .name("l")
                    .value(e.localTimeNs())
                    .name("ack")
                    .value(e.exchangeTimeNs() == 0);
            if (e instanceof OrderEvent.Filled f) {
                w.name("px")
                        .value(f.priceTicks())
                        .name("qty")
                        .value(f.qtyLots())
                        .name("fee")
                        .value(f.fee())
                        .name("liq")
                        .value(f.liquidity().name())
                        .name("leaves")
                        .value(f.leavesQtyLots())
                        .name("exec")
                        .value(f.fillId());
            } else if (e instanceof OrderEvent.Rejected r) {
                w.name("reason").value(r.reason().code()).name("detail").value(r.detail());
            } else if (e instanceof OrderEvent.Canceled c) {
                w.name("reason").value(c.reason().code());
            } else if (e instanceof OrderEvent.AmendRejected r) {
                w.name("reason").value(r.reason().code()).name("detail").value(r.detail());
            } else if (e instanceof OrderEvent.CancelRejected r) {
                w.name("reason").value(r.reason().code()).name("detail").value(r.detail());
            } else if (e instanceof OrderEvent.Amended a) {
                w.name("px")
                        .value(a.priceTicks())
                        .name("qty")
                        .value(a.qtyLots())
                        .name("trig")
                        .value(a.triggerPriceTicks());
            }
            event(w);
            l.onOrderEvent(e);
        }

        @Override
        public void onFunding(String sym, double amount, double rate, long exchangeTimeNs) {
            event(begin("funding", symbol)
                    .name("amount")
                    .value(amount)
                    .name("rate")
                    .value(rate)
                    .name("x")
                    .value(exchangeTimeNs));
            l.onFunding(sym, amount, rate, exchangeTimeNs);
        }

        @Override
        public void onLatency(long roundTripNs) {
            event(begin("rtt", symbol).name("ns").value(roundTripNs));
            l.onLatency(roundTripNs);
        }

        @Override
        public void onVenuePosition(VenuePosition p) {
            event(begin("venuePosition", symbol).name("lots").value(p.signedLots()));
            l.onVenuePosition(p);
        }

        @Override
        public void onVenueAlert(String sym, String code, String detail) {
            event(begin("venueAlert", symbol)
                    .name("code")
                    .value(code)
                    .name("detail")
                    .value(detail));
            l.onVenueAlert(sym, code, detail);
        }
    }

    /** For tests: the symbols recorded so far. */
    List<String> symbols() {
        final List<String> out = new ArrayList<>();
        meta.symbols.forEach(s -> out.add(s.symbol()));
        return out;
    }
}
