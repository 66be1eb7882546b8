package io.scalper.core.runtime;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.engine.EngineRecorder;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.market.MarketState;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The venue-neutral trading runtime: one {@link ScalperEngine} driven against a {@link Venue} on the calling thread (the
 * engine thread). It owns the clock (a manual clock set to the wall clock at every step), the scheduler of the engine's
 * timers, the recorder (journals, round trips, equity sampled every second), the state directory ({@code state.json},
 * {@code health.json}, what the engine learned), the status and the latency histograms; the venue brings the market,
 * the gateway, start-up, reconciliation, shutdown, health and equity. What {@code scalper run} runs through Bybit's
 * venue, and what a second venue would reuse unchanged:
 *
 * <pre>{@code
 * try (TradingLoop loop = TradingLoop.builder(venue).config(config).stateDirectory(dir).build()) {
 *     loop.start();                        // connect, restore risk state, build the engine, reconcile
 *     loop.runUntil(() -> stopRequested);  // the loop
 *     loop.stop(true, false);              // stop entries, cancel working entries, keep brackets
 * }
 * }</pre>
 */
public final class TradingLoop implements AutoCloseable {
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long IDLE_PARK_NS = 200_000L;
    /** What the engine learned (edge calibration, adaptive weights) is saved this often, and at stop. */
    private static final int LEARNED_EVERY_SECONDS = 10;

    private final Venue venue;
    private final ScalperConfig config;
    private final Path stateDirectory;
    private final ReconcilePolicy policy;
    private final Consumer<ScalperEngine.Builder> customizer;
    private final RuntimeLog log;
    private final long sessionMaxBytes;
    private final LatencyHistogram feedAges = new LatencyHistogram();
    private final LatencyHistogram roundTrips = new LatencyHistogram();

    private ManualClock clock;
    private ManualScheduler scheduler;
    private ScalperEngine engine;
    private EngineRecorder recorder;
    private StateSnapshotWriter stateWriter;
    private io.scalper.core.session.SessionRecorder session;
    private long nextHousekeepingNs;
    private long housekeepings;
    private long startNs;
    private boolean stopped;
    private double venueStartEquity = Double.NaN;
    private double venueEndEquity = Double.NaN;

    private TradingLoop(Builder b) {
        this.venue = b.venue;
        this.config = b.config;
        this.stateDirectory = b.stateDirectory;
        this.policy = b.policy;
        this.customizer = b.customizer;
        this.log = b.log;
        this.sessionMaxBytes = b.sessionMaxBytes;
    }

    /** A builder for a loop trading on {@code venue}. */
    public static Builder builder(Venue venue) {
        return new Builder(venue);
    }

    /**
     * Connects and prepares everything; blocks on the venue. Afterwards {@link #step()} or {@link #runUntil} trade.
     *
     * @throws IOException when the venue cannot be reached or refuses, or the saved state cannot be read
     */
    public void start() throws IOException {
        final SystemClock wall = SystemClock.INSTANCE;
        startNs = wall.nowNs();
        StateDirectory.prepare(stateDirectory, log);
        final Optional<RuntimeState.Restored> restored =
                RuntimeState.read(stateDirectory.resolve("state.json"), venue.symbol());
        clock = new ManualClock(wall.nowNs());
        scheduler = new ManualScheduler(clock);
        if (sessionMaxBytes > 0) {
            session = io.scalper.core.session.SessionRecorder.open(stateDirectory, sessionMaxBytes, clock, log::warn);
            log.info("recording the session in " + session.directory() + " (sessions bounded to "
                    + (sessionMaxBytes >> 20) + " MiB)");
        }
        venue.connect(clock);
        final Instrument instrument = venue.instrument();
        final double equity = venue.startEquity();
        if (!venue.paper()) {
            venueStartEquity = equity;
        }
        if (session != null) {
            session.begin(venue.name(), venue.paper(), policy.name(), equity, venue.clockOffsetNs(), config);
            session.instrument(instrument, venue.makerFeeRate(), venue.takerFeeRate());
            venue.tap(session);
        }
        recorder = new EngineRecorder(stateDirectory, equity, clock.nowNs(), SECOND_NS);
        final ScalperEngine.Builder eb = ScalperEngine.builder()
                .config(config)
                .instrument(instrument)
                .market(venue.market())
                .clock(clock)
                .scheduler(scheduler)
                .gateway(observeLatency(
                        session == null ? venue.gateway() : session.gateway(instrument.symbol(), venue.gateway()),
                        roundTrips))
                .initialEquity(equity)
                .reconcilePolicy(policy)
                .listener(recorder);
        if (session != null) {
            eb.addListener(session.engineListener(instrument.symbol()));
        }
        if (!Double.isNaN(venue.makerFeeRate()) && !Double.isNaN(venue.takerFeeRate())) {
            // the account's own fee rates price every entry (the edge gate's cost, the brackets)
            eb.feeRates(venue.makerFeeRate(), venue.takerFeeRate());
        }
        final Optional<EdgeCalibration> learnedEdge = LearnedState.readEdge(stateDirectory, config, log);
        learnedEdge.ifPresent(eb::edgeCalibration);
        if (venue.entryGate() != null) {
            eb.gate(venue.entryGate());
        }
        if (customizer != null) {
            customizer.accept(eb);
        }
        engine = eb.build();
        recorder.attach(engine);
        final boolean learnedWeights = LearnedState.restoreWeights(stateDirectory, engine);
        if (learnedEdge.isPresent() || learnedWeights) {
            log.info(String.format(
                    Locale.ROOT,
                    "restored what was learned: edge calibration of %.0f samples, adaptive weights %s",
                    engine.edgeCalibration().samples(),
                    learnedWeights ? "restored" : "from scratch"));
        }
        stateWriter = new StateSnapshotWriter(stateDirectory.resolve("state.json"));
        if (restored.isPresent()) {
            final RuntimeState.Restored r = restored.get();
            engine.restoreRisk(r.daily(), r.kill(), r.peak());
            log.info("restored risk state: trading " + r.kill().tradingState() + ", daily loss "
                    + r.daily().realisedToday() + ", equity peak " + r.peak());
        }
        final ScalperEngine e = engine;
        venue.attach(engine, policy, ns -> {
            feedAges.record(ns);
            e.onFeedAge(ns);
        });
        writeState();
        log.info(String.format(
                Locale.ROOT,
                "live on %s (%s): %s tick %s step %s, equity %.2f%s",
                venue.name(),
                venue.paper() ? "paper" : "trading",
                instrument.symbol(),
                instrument.tickSize().toPlainString(),
                instrument.qtyStep().toPlainString(),
                equity,
                venue.accountDetail()));
    }

    /**
     * The gateway, with every order round trip it reports also recorded in {@link #roundTrips()}. Everything else passes
     * through unchanged, both ways — commands, venue checks and readiness to the venue; order events, funding, venue
     * positions and alerts to the engine ({@code TradingLoopTest} checks that every method of both interfaces is
     * forwarded: a forgotten default method would silently cut the engine off from the venue's truth).
     */
    static ExchangeGateway observeLatency(ExchangeGateway g, LatencyHistogram roundTrips) {
        return new LatencyObservingGateway(g, roundTrips);
    }

    /** See {@link #observeLatency}. */
    static final class LatencyObservingGateway implements ExchangeGateway {
        private final ExchangeGateway g;
        private final LatencyHistogram roundTrips;

        LatencyObservingGateway(ExchangeGateway g, LatencyHistogram roundTrips) {
            this.g = g;
            this.roundTrips = roundTrips;
        }

        @Override
        public void setListener(ExecutionListener listener) {
            g.setListener(new LatencyObservingListener(listener, roundTrips));
        }

        @Override
        public void submit(OrderRequest request) {
            g.submit(request);
        }

        @Override
        public void amend(String id, long price, long qty, long trigger) {
            g.amend(id, price, qty, trigger);
        }

        @Override
        public void cancel(String id) {
            g.cancel(id);
        }

        @Override
        public void cancelAll(String sym) {
            g.cancelAll(sym);
        }

        @Override
        public boolean supportsAmend() {
            return g.supportsAmend();
        }

        @Override
        public void requestVenueCheck(String symbol) {
            g.requestVenueCheck(symbol);
        }

        @Override
        public boolean isReadyForEntries() {
            return g.isReadyForEntries();
        }
    }

    /** See {@link #observeLatency}. */
    static final class LatencyObservingListener implements ExecutionListener {
        private final ExecutionListener listener;
        private final LatencyHistogram roundTrips;

        LatencyObservingListener(ExecutionListener listener, LatencyHistogram roundTrips) {
            this.listener = listener;
            this.roundTrips = roundTrips;
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            listener.onOrderEvent(event);
        }

        @Override
        public void onFunding(String sym, double amount, double rate, long exchangeTimeNs) {
            listener.onFunding(sym, amount, rate, exchangeTimeNs);
        }

        @Override
        public void onLatency(long roundTripNs) {
            roundTrips.record(roundTripNs);
            listener.onLatency(roundTripNs);
        }

        @Override
        public void onVenuePosition(io.scalper.core.exec.VenuePosition position) {
            listener.onVenuePosition(position);
        }

        @Override
        public void onVenueAlert(String symbol, String code, String detail) {
            listener.onVenueAlert(symbol, code, detail);
        }
    }

    /** Distribution of feed ages (local receive − exchange time of market messages); engine thread. */
    public LatencyHistogram feedAges() {
        return feedAges;
    }

    /** Distribution of order round trips (request sent → acknowledgement); engine thread. */
    public LatencyHistogram roundTrips() {
        return roundTrips;
    }

    /**
     * One turn of the loop on the engine thread: set the clock, deliver market data and exchange events, run due
     * timers, and every second sample equity and write the state and health files.
     *
     * @return how many messages and events were handled (0: idle)
     */
    public int step() {
        final long now = Math.max(clock.nowNs(), SystemClock.INSTANCE.nowNs());
        clock.setNs(now);
        if (session != null) {
            session.step(now, scheduler.nextDeadlineNs() <= now);
        }
        final int n = venue.poll(now);
        scheduler.advanceTo(now);
        if (now >= nextHousekeepingNs) {
            nextHousekeepingNs = now + SECOND_NS;
            recorder.tracker().onEquitySample(now, engine.equity());
            writeState();
            if (++housekeepings % LEARNED_EVERY_SECONDS == 0) {
                LearnedState.write(stateDirectory, engine);
            }
        }
        return n;
    }

    /** Runs {@link #step()} until {@code stop} says so, resting briefly when there is nothing to do. */
    public void runUntil(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            if (step() == 0) {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
    }

    /**
     * Stops trading: no new entries; working entries cancelled; brackets kept with the exchange unless {@code
     * keepBrackets} is false; the position flattened at market when {@code flatten}. Waits (up to 10 s) for the
     * exchange to confirm, then writes the final state.
     */
    public void stop(boolean keepBrackets, boolean flatten) {
        stop(keepBrackets, flatten, () -> false);
    }

    /**
     * As {@link #stop(boolean, boolean)}, but stops waiting for confirmations as soon as {@code hurry} says so (a second
     * Ctrl-C): the cancels are sent, the state is written, and it returns.
     */
    public void stop(boolean keepBrackets, boolean flatten, BooleanSupplier hurry) {
        if (stopped || engine == null) {
            return;
        }
        stopped = true;
        if (session != null) {
            session.stopping(clock.nowNs(), keepBrackets, flatten);
        }
        engine.shutdown(keepBrackets, flatten);
        if (!venue.paper()) {
            // a fill whose push was lost (a dropped stream message) shows only when the venue is read: read it now
            engine.verifyWithVenue();
        }
        final long deadline = SystemClock.INSTANCE.nowNs() + 10 * SECOND_NS;
        // wait for the venue to confirm: working entries gone, the position flat when flattening, and no read of the
        // venue pending — the one asked for above, or a reconnecting private stream's (not counted up until the venue
        // has been read) — nor a disagreement being checked: a fill whose push was lost shows only then, and leaving
        // earlier would save a position the venue no longer holds
        while (SystemClock.INSTANCE.nowNs() < deadline
                && !hurry.getAsBoolean()
                && (engine.entryWorking()
                        || (flatten && !engine.position().isFlat())
                        || !venue.privateStreamUp()
                        || engine.venueCheckPending()
                        || engine.venueMismatch())) {
            if (safeStep() == 0) {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
        for (int i = 0; i < 20 && !hurry.getAsBoolean(); i++) {
            safeStep(); // late confirmations
            LockSupport.parkNanos(10 * IDLE_PARK_NS);
        }
        try {
            final long left = venue.shutdown(!keepBrackets, flatten);
            if (left != 0) {
                log.warn("stopped with a position of " + left + " lots at the venue, protected by its stop");
            }
            if (left != engine.position().qtyLots()) {
                log.error("stopped while the engine held " + engine.position().qtyLots() + " lots and the venue " + left
                        + ": the next start takes the venue's (reconciliation)");
            }
        } catch (IOException | RuntimeException e) {
            log.error("shutdown: " + e.getMessage());
        }
        recorder.tracker().onEquitySample(clock.nowNs(), engine.equity());
        try {
            writeState();
            LearnedState.write(stateDirectory, engine);
        } catch (RuntimeException e) {
            log.error("final state: " + e.getMessage());
        }
        if (!venue.paper()) {
            try {
                venueEndEquity = venue.venueEquity();
            } catch (IOException e) {
                log.warn("final wallet balance: " + e.getMessage());
            }
        }
    }

    /** A step during the stop: a failure (a full disk...) must not keep the venue-level shutdown from running. */
    private int safeStep() {
        try {
            return step();
        } catch (RuntimeException e) {
            log.error("while stopping: " + e);
            return 0;
        }
    }

    private void writeState() {
        try {
            stateWriter.write(RuntimeState.snapshot(engine, clock.nowNs()));
            final LoopStatus s = status();
            final long bookAgeNs = bookAgeNs();
            final boolean bookFresh =
                    bookAgeNs >= 0 && bookAgeNs <= config.risk().maxBookAgeNs();
            final String health = String.format(
                    Locale.ROOT,
                    "{\"timeNs\":%d,\"status\":\"%s\",\"tradingState\":\"%s\",\"bookInSync\":%s,"
                            + "\"bookAgeMs\":%s,\"privateStreamUp\":%s,\"protected\":%s,\"venueMismatch\":%s,"
                            + "\"messages\":%d,\"feedAgeMs\":%s}%n",
                    clock.nowNs(),
                    s.bookInSync() && bookFresh && s.privateStreamUp() && engine.isProtected() ? "ok" : "degraded",
                    s.tradingState(),
                    s.bookInSync(),
                    bookAgeNs < 0 ? "null" : Long.toString(bookAgeNs / 1_000_000L),
                    s.privateStreamUp(),
                    engine.isProtected(),
                    engine.venueMismatch(),
                    s.messages(),
                    Double.isNaN(s.feedAgeMs()) ? "null" : String.format(Locale.ROOT, "%.3f", s.feedAgeMs()));
            final Path tmp = stateDirectory.resolve("health.json.tmp");
            Files.writeString(tmp, health, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    stateDirectory.resolve("health.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state in " + stateDirectory, e);
        }
    }

    /** Local time since the book last changed, ns; -1 before the first update. */
    private long bookAgeNs() {
        final long last = engine.book().lastLocalTimeNs();
        return last == io.scalper.core.book.OrderBook.NONE || last <= 0 ? -1 : Math.max(0, clock.nowNs() - last);
    }

    /** The loop's state now (engine thread). */
    public LoopStatus status() {
        final Instrument instrument = engine.instrument();
        final MarketState m = engine.market();
        final double mid = m.book().mid();
        final double tick = instrument.tickSizeDouble();
        final double avg = engine.position().avgEntryTicks();
        final Decision d = engine.lastDecision();
        return new LoopStatus(
                venue.name() + (venue.paper() ? " (paper)" : ""),
                instrument.symbol(),
                Double.isNaN(mid) ? Double.NaN : mid * tick,
                m.book().spreadTicks(),
                engine.position().qtyLots(),
                engine.position().qtyLots() * instrument.qtyStepDouble(),
                Double.isNaN(avg) ? Double.NaN : avg * tick,
                Double.isNaN(mid) ? 0 : engine.position().unrealizedPnl(mid),
                engine.position().netRealized(),
                engine.equity(),
                d.fused(),
                d.confidence(),
                engine.tradingState().name(),
                engine.refusals().total()
                        + engine.customRefusals().values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                engine.feedAgeNs() / 1e6,
                engine.roundTripNs() / 1e6,
                venue.reconnects(),
                venue.messages(),
                engine.roundTrips().size(),
                engine.orders().created(),
                engine.position().fills(),
                venue.bookInSync(),
                venue.privateStreamUp());
    }

    /** Statistics of the run so far. */
    public PerformanceStats stats() {
        final Map<String, Number> extras = new LinkedHashMap<>();
        extras.put("events", venue.messages());
        final double seconds = (SystemClock.INSTANCE.nowNs() - startNs) / 1e9;
        extras.put("eventsPerSecond", Math.round(seconds > 0 ? venue.messages() / seconds : 0));
        extras.put("wallSeconds", seconds);
        if (!Double.isNaN(venueStartEquity)) {
            // the venue's own account, read at start and after stop: the reconciliation of our PnL
            extras.put("venueStartEquity", venueStartEquity);
        }
        if (!Double.isNaN(venueEndEquity)) {
            extras.put("venueEndEquity", venueEndEquity);
        }
        return recorder.stats(clock.nowNs()).withExtras(extras);
    }

    /** The engine ({@code null} before {@link #start()}). */
    public ScalperEngine engine() {
        return engine;
    }

    public Venue venue() {
        return venue;
    }

    /** The session being recorded ({@code null} when not recording, or before {@link #start()}). */
    public io.scalper.core.session.SessionRecorder session() {
        return session;
    }

    /**
     * Closes the venue and the journals. A loop started but not {@linkplain #stop stopped} (it ended in an exception) is
     * stopped first as on Ctrl-C — entries cancelled, brackets kept, the stop never cancelled while a position is open —
     * so try-with-resources leaves the venue tidy on every path.
     */
    @Override
    public void close() {
        if (engine != null && !stopped) {
            try {
                stop(true, false);
            } catch (RuntimeException e) {
                log.error("stopping on close: " + e);
            }
        }
        if (session != null) {
            try {
                session.close(recorder == null || engine == null ? null : stats());
            } catch (RuntimeException e) {
                log.error("closing the session recording: " + e);
            }
        }
        try {
            if (recorder != null) {
                recorder.close();
            }
        } catch (IOException e) {
            log.error("closing journals: " + e.getMessage());
        }
        venue.close();
    }

    /** Builds a {@link TradingLoop}. */
    public static final class Builder {
        private final Venue venue;
        private ScalperConfig config = ScalperConfig.defaults();
        private Path stateDirectory = Path.of("state");
        private ReconcilePolicy policy = ReconcilePolicy.ADOPT;
        private Consumer<ScalperEngine.Builder> customizer;
        private RuntimeLog log = RuntimeLog.system(TradingLoop.class.getName());
        private long sessionMaxBytes;

        private Builder(Venue venue) {
            this.venue = Objects.requireNonNull(venue, "venue");
        }

        public Builder config(ScalperConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Journals, {@code state.json}, {@code health.json} and what was learned go here (default {@code ./state}). */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** What to do with a position or orders found on the venue at start (default ADOPT). */
        public Builder reconcile(ReconcilePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Customises the engine (custom signals and gates) before it is built. */
        public Builder engine(Consumer<ScalperEngine.Builder> engineCustomizer) {
            this.customizer = engineCustomizer;
            return this;
        }

        /** Where the loop reports (default: {@link RuntimeLog#system}). */
        public Builder log(RuntimeLog runtimeLog) {
            this.log = Objects.requireNonNull(runtimeLog, "log");
            return this;
        }

        /**
         * Records the session in {@code stateDirectory/sessions/} for {@code scalper drift} (see {@link
         * io.scalper.core.session.SessionRecorder}), the whole {@code sessions} folder bounded by {@code maxBytes}; 0
         * (the default) records nothing.
         */
        public Builder recordSession(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("recordSession: maxBytes must be >= 0, got " + maxBytes);
            }
            this.sessionMaxBytes = maxBytes;
            return this;
        }

        public TradingLoop build() {
            return new TradingLoop(this);
        }
    }
}
