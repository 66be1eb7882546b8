package io.scalper.core.runtime;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.engine.EngineSet;
import io.scalper.core.engine.Portfolio;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** One symbol: its venue and its engine. */
    private static final class Leg {
        final Venue venue;
        ScalperEngine engine;
        Path learnedDirectory;

        Leg(Venue venue) {
            this.venue = venue;
        }
    }

    private final List<Leg> legs;
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
    /** The engines and what records them, shared with the backtest runner ({@code null} before start). */
    private EngineSet set;

    private StateSnapshotWriter stateWriter;
    private io.scalper.core.session.SessionRecorder session;
    private long nextHousekeepingNs;
    private long housekeepings;
    private long startNs;
    private boolean stopped;
    private double venueStartEquity = Double.NaN;
    private double venueEndEquity = Double.NaN;

    private TradingLoop(Builder b) {
        final List<Leg> l = new ArrayList<>();
        for (Venue v : b.venues) {
            l.add(new Leg(v));
        }
        this.legs = List.copyOf(l);
        this.config = b.config;
        this.stateDirectory = b.stateDirectory;
        this.policy = b.policy;
        this.customizer = b.customizer;
        this.log = b.log;
        this.sessionMaxBytes = b.sessionMaxBytes;
    }

    /** A builder for a loop trading one symbol on {@code venue}. */
    public static Builder builder(Venue venue) {
        return new Builder(List.of(Objects.requireNonNull(venue, "venue")));
    }

    /**
     * A builder for a loop trading several symbols on one account, one venue per symbol (each its own connection to the
     * same account): one engine per symbol on the loop's thread, sharing a {@link Portfolio} — the daily loss, the
     * drawdown tiers and the kill switch are the account's, and the account's notional caps bind. One state file, one
     * set of journals (their {@code symbol} column tells the symbols apart), what each engine learned in a folder named
     * after its symbol.
     *
     * @throws IllegalArgumentException when there is no venue, or two trade the same symbol
     */
    public static Builder builder(List<? extends Venue> venues) {
        if (venues == null || venues.isEmpty()) {
            throw new IllegalArgumentException("symbols: at least one venue is required");
        }
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (Venue v : venues) {
            if (!seen.add(Objects.requireNonNull(v, "venue").symbol())) {
                throw new IllegalArgumentException("symbols: " + v.symbol() + " is listed twice");
            }
        }
        return new Builder(List.copyOf(venues));
    }

    private boolean multi() {
        return legs.size() > 1;
    }

    /**
     * Connects and prepares everything; blocks on the venues. Afterwards {@link #step()} or {@link #runUntil} trade.
     *
     * @throws IOException when a venue cannot be reached or refuses, or the saved state cannot be read
     */
    public void start() throws IOException {
        final SystemClock wall = SystemClock.INSTANCE;
        startNs = wall.nowNs();
        StateDirectory.prepare(stateDirectory, log);
        final List<String> symbols = new ArrayList<>();
        for (Leg leg : legs) {
            symbols.add(leg.venue.symbol());
        }
        final Map<String, RuntimeState.Restored> restored =
                RuntimeState.readAll(stateDirectory.resolve("state.json"), symbols);
        clock = new ManualClock(wall.nowNs());
        scheduler = new ManualScheduler(clock);
        if (sessionMaxBytes > 0) {
            session = io.scalper.core.session.SessionRecorder.open(stateDirectory, sessionMaxBytes, clock, log::warn);
            log.info("recording the session in " + session.directory() + " (sessions bounded to "
                    + (sessionMaxBytes >> 20) + " MiB)");
        }
        for (Leg leg : legs) {
            leg.venue.connect(clock);
        }
        // one account: the first venue's equity is the account's (every venue of a run reads the same account)
        final Venue first = legs.get(0).venue;
        final double equity = first.startEquity();
        if (!first.paper()) {
            venueStartEquity = equity;
        }
        if (session != null) {
            session.begin(first.name(), first.paper(), policy.name(), equity, first.clockOffsetNs(), config);
            for (Leg leg : legs) {
                session.instrument(leg.venue.instrument(), leg.venue.makerFeeRate(), leg.venue.takerFeeRate());
                leg.venue.tap(session);
            }
        }
        set = new EngineSet(config, clock, scheduler, equity, clock.nowNs(), SECOND_NS, stateDirectory, legs.size());
        for (Leg leg : legs) {
            buildEngine(leg, equity, restored.get(leg.venue.symbol()));
        }
        stateWriter = new StateSnapshotWriter(stateDirectory.resolve("state.json"));
        for (Leg leg : legs) {
            final ScalperEngine e = leg.engine;
            leg.venue.attach(e, policy, ns -> {
                feedAges.record(ns);
                e.onFeedAge(ns);
            });
        }
        writeState();
        for (Leg leg : legs) {
            final Venue venue = leg.venue;
            final Instrument instrument = venue.instrument();
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
    }

    private void buildEngine(Leg leg, double equity, RuntimeState.Restored restored) throws IOException {
        final Venue venue = leg.venue;
        final Instrument instrument = venue.instrument();
        leg.learnedDirectory = multi() ? stateDirectory.resolve(instrument.symbol()) : stateDirectory;
        final Optional<EdgeCalibration> learnedEdge = LearnedState.readEdge(leg.learnedDirectory, config, log);
        final ExchangeGateway gateway =
                session == null ? venue.gateway() : session.gateway(instrument.symbol(), venue.gateway());
        final ScalperEngine engine = set.add(instrument, observeLatency(gateway, roundTrips), eb -> {
            eb.market(venue.market()).reconcilePolicy(policy);
            if (session != null) {
                eb.addListener(session.engineListener(instrument.symbol()));
            }
            if (!Double.isNaN(venue.makerFeeRate()) && !Double.isNaN(venue.takerFeeRate())) {
                // the account's own fee rates price every entry (the edge gate's cost, the brackets)
                eb.feeRates(venue.makerFeeRate(), venue.takerFeeRate());
            }
            learnedEdge.ifPresent(eb::edgeCalibration);
            if (venue.entryGate() != null) {
                eb.gate(venue.entryGate());
            }
            if (customizer != null) {
                customizer.accept(eb);
            }
        });
        leg.engine = engine;
        final boolean learnedWeights = LearnedState.restoreWeights(leg.learnedDirectory, engine);
        if (learnedEdge.isPresent() || learnedWeights) {
            log.info(String.format(
                    Locale.ROOT,
                    "%s: restored what was learned: edge calibration of %.0f samples, adaptive weights %s",
                    instrument.symbol(),
                    engine.edgeCalibration().samples(),
                    learnedWeights ? "restored" : "from scratch"));
        }
        if (restored != null) {
            engine.restoreRisk(restored.daily(), restored.kill(), restored.peak());
            log.info(instrument.symbol() + ": restored risk state: trading "
                    + restored.kill().tradingState() + ", daily loss "
                    + restored.daily().realisedToday() + ", equity peak " + restored.peak());
        }
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
     * One turn of the loop on the engine thread: set the clock, deliver market data and exchange events of every
     * venue, run due timers, and every second sample equity and write the state and health files.
     *
     * @return how many messages and events were handled (0: idle)
     */
    public int step() {
        final long now = Math.max(clock.nowNs(), SystemClock.INSTANCE.nowNs());
        clock.setNs(now);
        if (session != null) {
            session.step(now, scheduler.nextDeadlineNs() <= now);
        }
        int n = 0;
        for (int i = 0; i < legs.size(); i++) {
            n += legs.get(i).venue.poll(now);
        }
        scheduler.advanceTo(now);
        if (now >= nextHousekeepingNs) {
            nextHousekeepingNs = now + SECOND_NS;
            sampleEquity(now);
            writeState();
            if (++housekeepings % LEARNED_EVERY_SECONDS == 0) {
                writeLearned();
            }
        }
        return n;
    }

    private void sampleEquity(long now) {
        set.sampleEquity(now);
    }

    private void writeLearned() {
        for (Leg leg : legs) {
            LearnedState.write(leg.learnedDirectory, leg.engine);
        }
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
        if (stopped || !built()) {
            return;
        }
        stopped = true;
        if (session != null) {
            session.stopping(clock.nowNs(), keepBrackets, flatten);
        }
        for (Leg leg : legs) {
            leg.engine.shutdown(keepBrackets, flatten);
            if (!leg.venue.paper()) {
                // a fill whose push was lost (a dropped stream message) shows only when the venue is read: read it now
                leg.engine.verifyWithVenue();
            }
        }
        final long deadline = SystemClock.INSTANCE.nowNs() + 10 * SECOND_NS;
        // wait for the venue to confirm: working entries gone, the position flat when flattening, a position kept
        // protected by an acknowledged stop (one being re-placed after a refusal or a rate-limit pause), and no read of
        // the
        // venue pending — the one asked for above, or a reconnecting private stream's (not counted up until the venue
        // has been read) — nor a disagreement being checked: a fill whose push was lost shows only then, and leaving
        // earlier would save a position the venue no longer holds
        while (SystemClock.INSTANCE.nowNs() < deadline && !hurry.getAsBoolean() && unsettled(flatten)) {
            if (safeStep() == 0) {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
        for (int i = 0; i < 20 && !hurry.getAsBoolean(); i++) {
            safeStep(); // late confirmations
            LockSupport.parkNanos(10 * IDLE_PARK_NS);
        }
        for (Leg leg : legs) {
            final ScalperEngine engine = leg.engine;
            final String symbol = leg.venue.symbol();
            try {
                final long left = leg.venue.shutdown(!keepBrackets, flatten);
                if (left != 0) {
                    log.warn(symbol + ": stopped with a position of " + left
                            + " lots at the venue, protected by its stop");
                }
                if (left != engine.position().qtyLots()) {
                    log.error(symbol + ": stopped while the engine held "
                            + engine.position().qtyLots() + " lots and the venue " + left
                            + ": the next start takes the venue's (reconciliation)");
                }
            } catch (IOException | RuntimeException e) {
                log.error(symbol + ": shutdown: " + e.getMessage());
            }
        }
        sampleEquity(clock.nowNs());
        try {
            writeState();
            writeLearned();
        } catch (RuntimeException e) {
            log.error("final state: " + e.getMessage());
        }
        if (!legs.get(0).venue.paper()) {
            try {
                venueEndEquity = legs.get(0).venue.venueEquity();
            } catch (IOException e) {
                log.warn("final wallet balance: " + e.getMessage());
            }
        }
    }

    private boolean unsettled(boolean flatten) {
        for (Leg leg : legs) {
            final ScalperEngine engine = leg.engine;
            if (engine.entryWorking()
                    || (flatten && !engine.position().isFlat())
                    || (!engine.position().isFlat() && !engine.isProtected())
                    || !leg.venue.privateStreamUp()
                    || engine.venueCheckPending()
                    || engine.venueMismatch()) {
                return true;
            }
        }
        return false;
    }

    private boolean built() {
        for (Leg leg : legs) {
            if (leg.engine == null) {
                return false;
            }
        }
        return true;
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
            if (multi()) {
                stateWriter.write(RuntimeState.snapshot(engines(), clock.nowNs()));
            } else {
                stateWriter.write(RuntimeState.snapshot(legs.get(0).engine, clock.nowNs()));
            }
            final StringBuilder perSymbol = new StringBuilder();
            boolean ok = true;
            LoopStatus first = null;
            long messages = 0;
            for (Leg leg : legs) {
                final LoopStatus s = status(leg);
                final ScalperEngine engine = leg.engine;
                final long bookAgeNs = bookAgeNs(engine);
                final boolean bookFresh =
                        bookAgeNs >= 0 && bookAgeNs <= config.risk().maxBookAgeNs();
                final boolean legOk = s.bookInSync() && bookFresh && s.privateStreamUp() && engine.isProtected();
                ok &= legOk;
                messages += s.messages();
                final String fields = healthFields(s, engine, bookAgeNs);
                if (first == null) {
                    first = s;
                }
                if (multi()) {
                    perSymbol
                            .append(perSymbol.length() == 0 ? "" : ",")
                            .append('"')
                            .append(s.symbol())
                            .append("\":{\"status\":\"")
                            .append(legOk ? "ok" : "degraded")
                            .append("\",")
                            .append(fields)
                            .append('}');
                }
            }
            final String health;
            if (multi()) {
                health = String.format(
                        Locale.ROOT,
                        "{\"timeNs\":%d,\"status\":\"%s\",\"tradingState\":\"%s\",\"messages\":%d,"
                                + "\"equity\":%.8f,\"symbols\":{%s}}%n",
                        clock.nowNs(),
                        ok ? "ok" : "degraded",
                        first.tradingState(),
                        messages,
                        set.equity(),
                        perSymbol);
            } else {
                health = String.format(
                        Locale.ROOT,
                        "{\"timeNs\":%d,\"status\":\"%s\",%s}%n",
                        clock.nowNs(),
                        ok ? "ok" : "degraded",
                        healthFields(first, legs.get(0).engine, bookAgeNs(legs.get(0).engine)));
            }
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

    private static String healthFields(LoopStatus s, ScalperEngine engine, long bookAgeNs) {
        return String.format(
                Locale.ROOT,
                "\"tradingState\":\"%s\",\"bookInSync\":%s,\"bookAgeMs\":%s,\"privateStreamUp\":%s,\"protected\":%s,"
                        + "\"venueMismatch\":%s,\"messages\":%d,\"feedAgeMs\":%s",
                s.tradingState(),
                s.bookInSync(),
                bookAgeNs < 0 ? "null" : Long.toString(bookAgeNs / 1_000_000L),
                s.privateStreamUp(),
                engine.isProtected(),
                engine.venueMismatch(),
                s.messages(),
                Double.isNaN(s.feedAgeMs()) ? "null" : String.format(Locale.ROOT, "%.3f", s.feedAgeMs()));
    }

    /** Local time since the book last changed, ns; -1 before the first update. */
    private long bookAgeNs(ScalperEngine engine) {
        final long last = engine.book().lastLocalTimeNs();
        return last == io.scalper.core.book.OrderBook.NONE || last <= 0 ? -1 : Math.max(0, clock.nowNs() - last);
    }

    /** The loop's state now (engine thread): the first symbol's, with several (see {@link #statuses()}). */
    public LoopStatus status() {
        return status(legs.get(0));
    }

    /** The state of every symbol now, in the order of the venues (engine thread). */
    public List<LoopStatus> statuses() {
        final List<LoopStatus> out = new ArrayList<>(legs.size());
        for (Leg leg : legs) {
            out.add(status(leg));
        }
        return out;
    }

    private LoopStatus status(Leg leg) {
        final ScalperEngine engine = leg.engine;
        final Venue venue = leg.venue;
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

    /**
     * Statistics of the run so far. With several symbols: the account's totals (every symbol's trades, the account's
     * equity), with each symbol's own statistics in {@link PerformanceStats#symbols()}.
     */
    public PerformanceStats stats() {
        final long now = clock.nowNs();
        final double seconds = (SystemClock.INSTANCE.nowNs() - startNs) / 1e9;
        final List<Map<String, Number>> bySymbol = new ArrayList<>();
        long messages = 0;
        for (Leg leg : legs) {
            final long m = leg.venue.messages();
            messages += m;
            bySymbol.add(rateExtras(m, seconds));
        }
        final Map<String, Number> extras = rateExtras(messages, seconds);
        if (!Double.isNaN(venueStartEquity)) {
            // the venue's own account, read at start and after stop: the reconciliation of our PnL
            extras.put("venueStartEquity", venueStartEquity);
        }
        if (!Double.isNaN(venueEndEquity)) {
            extras.put("venueEndEquity", venueEndEquity);
        }
        return set.stats(now, bySymbol, extras);
    }

    private static Map<String, Number> rateExtras(long messages, double seconds) {
        final Map<String, Number> extras = new LinkedHashMap<>();
        extras.put("events", messages);
        extras.put("eventsPerSecond", Math.round(seconds > 0 ? messages / seconds : 0));
        extras.put("wallSeconds", seconds);
        return extras;
    }

    /** The engine ({@code null} before {@link #start()}); the first symbol's, with several (see {@link #engines()}). */
    public ScalperEngine engine() {
        return legs.get(0).engine;
    }

    /** The engines, one per symbol in the order of the venues (empty before {@link #start()}). */
    public List<ScalperEngine> engines() {
        final List<ScalperEngine> out = new ArrayList<>(legs.size());
        for (Leg leg : legs) {
            if (leg.engine != null) {
                out.add(leg.engine);
            }
        }
        return out;
    }

    /** The account shared by the symbols' engines, or {@code null} with one symbol (or before {@link #start()}). */
    public Portfolio portfolio() {
        return set == null ? null : set.portfolio();
    }

    /** The venue (the first symbol's, with several). */
    public Venue venue() {
        return legs.get(0).venue;
    }

    /** The venues, one per symbol. */
    public List<Venue> venues() {
        final List<Venue> out = new ArrayList<>(legs.size());
        for (Leg leg : legs) {
            out.add(leg.venue);
        }
        return out;
    }

    /** The session being recorded ({@code null} when not recording, or before {@link #start()}). */
    public io.scalper.core.session.SessionRecorder session() {
        return session;
    }

    /**
     * Closes the venues and the journals. A loop started but not {@linkplain #stop stopped} (it ended in an exception)
     * is stopped first as on Ctrl-C — entries cancelled, brackets kept, the stop never cancelled while a position is
     * open — so try-with-resources leaves the venues tidy on every path.
     */
    @Override
    public void close() {
        if (built() && !stopped) {
            try {
                stop(true, false);
            } catch (RuntimeException e) {
                log.error("stopping on close: " + e);
            }
        }
        if (session != null) {
            try {
                session.close(set == null || !built() ? null : stats());
            } catch (RuntimeException e) {
                log.error("closing the session recording: " + e);
            }
        }
        try {
            if (set != null) {
                set.close();
            }
        } catch (IOException e) {
            log.error("closing journals: " + e.getMessage());
        }
        for (Leg leg : legs) {
            leg.venue.close();
        }
    }

    /** Builds a {@link TradingLoop}. */
    public static final class Builder {
        private final List<Venue> venues;
        private ScalperConfig config = ScalperConfig.defaults();
        private Path stateDirectory = Path.of("state");
        private ReconcilePolicy policy = ReconcilePolicy.ADOPT;
        private Consumer<ScalperEngine.Builder> customizer;
        private RuntimeLog log = RuntimeLog.system(TradingLoop.class.getName());
        private long sessionMaxBytes;

        private Builder(List<Venue> venues) {
            this.venues = venues;
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
