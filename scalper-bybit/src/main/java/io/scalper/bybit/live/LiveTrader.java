package io.scalper.bybit.live;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.gateway.BybitReconciliation;
import io.scalper.bybit.gateway.BybitSession;
import io.scalper.bybit.gateway.EngineAdoption;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitWalletBalance;
import io.scalper.bybit.ws.BybitPublicStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.EngineRecorder;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.market.MarketDataListeners;
import io.scalper.core.market.MarketState;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live loop: Bybit's streams → the engine → Bybit, on the calling thread (the engine thread), with journals, a
 * periodic state snapshot and a health file in the state directory. What {@code scalper run} runs, and what a Java
 * program embeds to trade live:
 *
 * <pre>{@code
 * try (LiveTrader t = LiveTrader.builder().environment(env).credentials(creds).symbol("BTCUSDT")
 *         .config(config).stateDirectory(dir).engine(b -> b.signal(new MySignal(), 0.1)).build()) {
 *     t.start();                        // connect, load rules, restore risk state, reconcile, build the engine
 *     t.runUntil(() -> stopRequested);  // the loop
 *     t.stop(true, false);              // stop entries, cancel working entries, keep brackets
 * }
 * }</pre>
 *
 * <p>Start-up: server time, instrument rules, fee rate and leverage over REST; the public, private and trade streams;
 * the engine, reading the book the feed decoder keeps and trading through {@link io.scalper.bybit.gateway.BybitGateway}
 * with the health gate (no entries while the book is out of sync or the private stream is down); the previous run's
 * kill switch, daily loss and equity peak restored from {@code state.json}; then reconciliation with the exchange —
 * {@link ReconcilePolicy#ADOPT} brackets a position found there, {@link ReconcilePolicy#FLATTEN} closes it — so a
 * restart never opens a second position.
 *
 * <p>Paper mode: live market data, fills from a {@link SimulatedExchange} fed by the same stream; no keys needed.
 *
 * <p>The engine's clock is a manual clock set to the wall clock at every step, and its timers run from a
 * {@link ManualScheduler} advanced at every step: one thread, no locks, the same code path as a backtest.
 */
public final class LiveTrader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTrader.class);
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long IDLE_PARK_NS = 200_000L;

    /** A snapshot of the loop for a status line or metrics. */
    public record Status(
            String venue,
            String symbol,
            double mid,
            long spreadTicks,
            long positionLots,
            double positionQty,
            double entryPrice,
            double unrealizedPnl,
            double realizedNet,
            double equity,
            double fused,
            double confidence,
            String tradingState,
            long refusals,
            double feedAgeMs,
            double roundTripMs,
            long reconnects,
            long messages,
            long trades,
            long orders,
            long fills,
            boolean bookInSync,
            boolean privateStreamUp) {}

    private final BybitEnvironment environment;
    private final BybitCredentials credentials;
    private final String symbol;
    private final ScalperConfig config;
    private final Path stateDirectory;
    private final ReconcilePolicy policy;
    private final boolean paper;
    private final Consumer<ScalperEngine.Builder> customizer;
    private final int depth;
    private final String venueName;
    private final BybitWsConfig wsConfig;

    private BybitRestClient rest;
    private BybitSession session;
    private BybitPublicStream paperStream;
    private SimulatedExchange paperExchange;
    private BybitMarketDecoder decoder;
    private ManualClock clock;
    private ManualScheduler scheduler;
    private ScalperEngine engine;
    private EngineRecorder recorder;
    private StateSnapshotWriter stateWriter;
    private Instrument instrument;
    private BybitReconciliation reconciliation;
    private long nextHousekeepingNs;
    private long housekeepings;
    /** What the engine learned (edge calibration, adaptive weights) is saved this often, and at stop. */
    private static final int LEARNED_EVERY_SECONDS = 10;

    private long startNs;
    private boolean stopped;
    private final LatencyHistogram feedAges = new LatencyHistogram();
    private final LatencyHistogram roundTrips = new LatencyHistogram();
    private double venueStartEquity = Double.NaN;
    private double venueEndEquity = Double.NaN;

    private LiveTrader(Builder b) {
        this.environment = b.environment;
        this.credentials = b.credentials;
        this.symbol = b.symbol;
        this.config = b.config;
        this.stateDirectory = b.stateDirectory;
        this.policy = b.policy;
        this.paper = b.paper;
        this.customizer = b.customizer;
        this.depth = b.depth;
        this.venueName = b.venueName != null ? b.venueName : environment.name();
        this.wsConfig = b.wsConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and prepares everything; blocks on REST. Afterwards {@link #step()} or {@link #runUntil} trade.
     *
     * @throws IOException when Bybit cannot be reached or refuses (bad key, unknown symbol), or the saved state
     *     cannot be read
     */
    public void start() throws IOException {
        final SystemClock wall = SystemClock.INSTANCE;
        startNs = wall.nowNs();
        StateDirectory.prepare(stateDirectory);
        final Optional<LiveState.Restored> restored = LiveState.read(stateDirectory.resolve("state.json"), symbol);
        final BybitRestClient.Builder rb = BybitRestClient.builder(environment);
        if (credentials != null) {
            rb.credentials(credentials);
        }
        rest = rb.build();
        rest.syncTime();
        final List<Instrument> found = rest.instruments(symbol);
        if (found.isEmpty()) {
            throw new IOException(
                    "instruments-info: " + symbol + " is not a trading linear contract on " + environment.name());
        }
        instrument = found.get(0);
        decoder = new BybitMarketDecoder(
                BybitInstruments.fromTable(List.of(instrument), false),
                config.book().maxDepth(),
                config.tape());
        final MarketState market = decoder.register(instrument);
        clock = new ManualClock(wall.nowNs());
        scheduler = new ManualScheduler(clock);
        final ExchangeGateway gateway;
        final double equity;
        if (paper) {
            final BacktestConfig bt = config.backtest();
            paperExchange = new SimulatedExchange(
                    SimulatedExchangeConfig.of(bt), market, clock, LatencyModel.of(bt, 1), QueueModel.of(bt));
            gateway = paperExchange;
            equity = bt.initialBalance();
            paperStream = BybitPublicStream.of(environment, decoder, List.of(symbol), depth, wsConfig, wall);
        } else {
            session = new BybitSession(
                    environment,
                    credentials,
                    rest,
                    new BybitSession.Config(symbol, depth, leverageText(), wsConfig),
                    wall,
                    decoder);
            session.start();
            gateway = session.gateway();
            equity = walletEquity();
            venueStartEquity = equity;
        }
        final ExchangeGateway observed = observeLatency(gateway);
        recorder = new EngineRecorder(stateDirectory, equity, clock.nowNs(), SECOND_NS);
        final ScalperEngine.Builder eb = ScalperEngine.builder()
                .config(config)
                .instrument(instrument)
                .market(market)
                .clock(clock)
                .scheduler(scheduler)
                .gateway(observed)
                .initialEquity(equity)
                .reconcilePolicy(policy)
                .listener(recorder);
        if (session != null && session.feeRate() != null) {
            // the account's own fee rates price every entry (the edge gate's cost, the brackets)
            eb.feeRates(
                    session.feeRate().maker().doubleValue(),
                    session.feeRate().taker().doubleValue());
        }
        final Optional<io.scalper.core.edge.EdgeCalibration> learnedEdge =
                LearnedState.readEdge(stateDirectory, config);
        learnedEdge.ifPresent(eb::edgeCalibration);
        if (session != null) {
            eb.gate(session.healthGate());
        } else {
            eb.gate((d, f, e) -> paperStream.isInSync() ? null : "book_out_of_sync");
        }
        if (customizer != null) {
            customizer.accept(eb);
        }
        engine = eb.build();
        recorder.attach(engine);
        final boolean learnedWeights = LearnedState.restoreWeights(stateDirectory, engine);
        if (learnedEdge.isPresent() || learnedWeights) {
            LOG.info(
                    "restored what was learned: edge calibration of {} samples, adaptive weights {}",
                    String.format(Locale.ROOT, "%.0f", engine.edgeCalibration().samples()),
                    learnedWeights ? "restored" : "from scratch");
        }
        if (paper) {
            // the paper exchange sees each event before the strategy, as the simulated exchange does in a backtest
            decoder.setListener(MarketDataListeners.fanOut(paperExchange, engine.marketListener()));
            paperStream.start();
        } else {
            decoder.setListener(engine.marketListener());
            final ScalperEngine e = engine;
            session.onFeedAge(ns -> {
                feedAges.record(ns);
                e.onFeedAge(ns);
            });
        }
        stateWriter = new StateSnapshotWriter(stateDirectory.resolve("state.json"));
        if (restored.isPresent()) {
            final LiveState.Restored r = restored.get();
            engine.restoreRisk(r.daily(), r.kill(), r.peak());
            LOG.info(
                    "restored risk state: trading {}, daily loss {}, equity peak {}",
                    r.kill().tradingState(),
                    r.daily().realisedToday(),
                    r.peak());
        }
        if (session != null) {
            reconciliation = session.reconcile(policy);
            if (policy == ReconcilePolicy.ADOPT && !reconciliation.hadPosition()) {
                // flat: reduce-only legs left by a previous run (a bracket whose other leg filled while we were
                // down) have nothing to protect; cancel them so that no order works that the engine does not know
                for (io.scalper.bybit.rest.BybitOrder o : reconciliation.keptOrders()) {
                    try {
                        rest.cancelOrder(symbol, o.orderLinkId());
                        LOG.info("cancelled {} left by a previous run: the position is flat", o.orderLinkId());
                    } catch (IOException e) {
                        LOG.warn("could not cancel {} left by a previous run: {}", o.orderLinkId(), e.getMessage());
                    }
                }
            }
            if (policy == ReconcilePolicy.ADOPT && reconciliation.hadPosition()) {
                EngineAdoption.adopt(engine, session.gateway(), reconciliation, true);
                LOG.info(
                        "adopted a position of {} lots at {} found on {}",
                        reconciliation.positionLots(),
                        reconciliation.avgEntryPrice(),
                        environment.name());
            }
        }
        writeState();
        LOG.info(
                "live on {} ({}): {} tick {} step {}, equity {}{}",
                venueName,
                paper ? "paper" : "trading",
                symbol,
                instrument.tickSize().toPlainString(),
                instrument.qtyStep().toPlainString(),
                String.format(Locale.ROOT, "%.2f", equity),
                paper ? "" : ", leverage " + leverageText());
    }

    /** The gateway, with every order round trip it reports also recorded in {@link #roundTrips()}. */
    private ExchangeGateway observeLatency(ExchangeGateway g) {
        return new ExchangeGateway() {
            @Override
            public void setListener(io.scalper.core.exec.ExecutionListener listener) {
                g.setListener(new io.scalper.core.exec.ExecutionListener() {
                    @Override
                    public void onOrderEvent(io.scalper.core.exec.OrderEvent event) {
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
                });
            }

            @Override
            public void submit(io.scalper.core.exec.OrderRequest request) {
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
        };
    }

    /** Distribution of feed ages (local receive − exchange time of book messages); engine thread. */
    public LatencyHistogram feedAges() {
        return feedAges;
    }

    /** Distribution of order round trips (request sent → acknowledgement); engine thread. */
    public LatencyHistogram roundTrips() {
        return roundTrips;
    }

    private String leverageText() {
        final double lev = config.risk().maxLeverage();
        return BigDecimal.valueOf(Math.max(1, Math.floor(lev)))
                .stripTrailingZeros()
                .toPlainString();
    }

    private double walletEquity() throws IOException {
        final BybitWalletBalance w = rest.walletBalance();
        try {
            final double e = Double.parseDouble(w.totalEquity());
            if (e > 0) {
                return e;
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        throw new IOException("wallet-balance: no equity on the account (" + w.totalEquity() + ")");
    }

    /**
     * One turn of the loop on the engine thread: set the clock, deliver market data and exchange events, run due
     * timers, and every second write the state and health files.
     *
     * @return how many messages and events were handled (0: idle)
     */
    public int step() {
        final long now = Math.max(clock.nowNs(), SystemClock.INSTANCE.nowNs());
        clock.setNs(now);
        int n;
        if (paper) {
            n = paperStream.poll(BybitSession.DEFAULT_POLL_BATCH);
            paperExchange.advanceTo(now);
        } else {
            n = session.poll();
        }
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
     * Stops trading: no new entries; working entries cancelled; brackets kept with the exchange unless
     * {@code keepBrackets} is false; the position flattened at market when {@code flatten}. Waits (up to 10 s) for
     * the exchange to confirm, then writes the final state.
     */
    public void stop(boolean keepBrackets, boolean flatten) {
        stop(keepBrackets, flatten, () -> false);
    }

    /**
     * As {@link #stop(boolean, boolean)}, but stops waiting for confirmations as soon as {@code hurry} says so (a
     * second Ctrl-C): the cancels are sent, the state is written, and it returns.
     */
    public void stop(boolean keepBrackets, boolean flatten, BooleanSupplier hurry) {
        if (stopped || engine == null) {
            return;
        }
        stopped = true;
        engine.shutdown(keepBrackets, flatten);
        final long deadline = SystemClock.INSTANCE.nowNs() + 10 * SECOND_NS;
        while (SystemClock.INSTANCE.nowNs() < deadline
                && !hurry.getAsBoolean()
                && (engine.entryWorking() || (flatten && !engine.position().isFlat()))) {
            if (safeStep() == 0) {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
        for (int i = 0; i < 20 && !hurry.getAsBoolean(); i++) {
            safeStep(); // late confirmations
            LockSupport.parkNanos(10 * IDLE_PARK_NS);
        }
        if (session != null) {
            try {
                final long left = session.shutdown(!keepBrackets, flatten);
                if (left != 0) {
                    LOG.warn("stopped with a position of {} lots at the venue, protected by its stop", left);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("shutdown: {}", e.getMessage());
            }
        }
        recorder.tracker().onEquitySample(clock.nowNs(), engine.equity());
        try {
            writeState();
            LearnedState.write(stateDirectory, engine);
        } catch (RuntimeException e) {
            LOG.error("final state: {}", e.getMessage());
        }
        if (session != null) {
            try {
                venueEndEquity = walletEquity();
            } catch (IOException e) {
                LOG.warn("final wallet balance: {}", e.getMessage());
            }
        }
    }

    /** A step during the stop: a failure (a full disk...) must not keep the venue-level shutdown from running. */
    private int safeStep() {
        try {
            return step();
        } catch (RuntimeException e) {
            LOG.error("while stopping: {}", e.toString());
            return 0;
        }
    }

    private void writeState() {
        try {
            stateWriter.write(LiveState.snapshot(engine, clock.nowNs()));
            final Status s = status();
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
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
    public Status status() {
        final MarketState m = engine.market();
        final double mid = m.book().mid();
        final double tick = instrument.tickSizeDouble();
        final double avg = engine.position().avgEntryTicks();
        final Decision d = engine.lastDecision();
        final long reconnects = paper
                ? paperStream.connection().reconnects()
                : session.publicStream().connection().reconnects()
                        + session.gateway().privateStream().connection().reconnects();
        return new Status(
                venueName + (paper ? " (paper)" : ""),
                symbol,
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
                reconnects,
                decoder.messages(),
                engine.roundTrips().size(),
                engine.orders().created(),
                engine.position().fills(),
                paper ? paperStream.isInSync() : session.isBookInSync(),
                paper || session.isPrivateStreamUp());
    }

    /** Statistics of the run so far. */
    public PerformanceStats stats() {
        final java.util.Map<String, Number> extras = new java.util.LinkedHashMap<>();
        extras.put("events", decoder.messages());
        final double seconds = (SystemClock.INSTANCE.nowNs() - startNs) / 1e9;
        extras.put("eventsPerSecond", Math.round(seconds > 0 ? decoder.messages() / seconds : 0));
        extras.put("wallSeconds", seconds);
        if (!Double.isNaN(venueStartEquity)) {
            // the venue's own account, read over REST at start and after stop: the reconciliation of our PnL
            extras.put("venueStartEquity", venueStartEquity);
        }
        if (!Double.isNaN(venueEndEquity)) {
            extras.put("venueEndEquity", venueEndEquity);
        }
        return recorder.stats(clock.nowNs()).withExtras(extras);
    }

    public ScalperEngine engine() {
        return engine;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** What reconciliation found at start ({@code null} in paper mode). */
    public BybitReconciliation reconciliation() {
        return reconciliation;
    }

    public BybitSession session() {
        return session;
    }

    public BybitRestClient rest() {
        return rest;
    }

    /**
     * Closes the streams and journals. A trader started but not {@linkplain #stop stopped} (the loop ended in an
     * exception) is stopped first as on Ctrl-C — entries cancelled, brackets kept, the stop never cancelled while a
     * position is open — so try-with-resources leaves the venue tidy on every path.
     */
    @Override
    public void close() {
        if (engine != null && !stopped) {
            try {
                stop(true, false);
            } catch (RuntimeException e) {
                LOG.error("stopping on close: {}", e.toString());
            }
        }
        try {
            if (recorder != null) {
                recorder.close();
            }
        } catch (IOException e) {
            LOG.error("closing journals: {}", e.getMessage());
        }
        if (session != null) {
            session.close();
        }
        if (paperStream != null) {
            paperStream.close();
        }
    }

    /** Builds a {@link LiveTrader}. */
    public static final class Builder {
        private BybitEnvironment environment;
        private BybitCredentials credentials;
        private String symbol = "BTCUSDT";
        private ScalperConfig config = ScalperConfig.defaults();
        private Path stateDirectory = Path.of("state");
        private ReconcilePolicy policy = ReconcilePolicy.ADOPT;
        private boolean paper;
        private Consumer<ScalperEngine.Builder> customizer;
        private int depth = 50;
        private String venueName;
        private BybitWsConfig wsConfig = BybitWsConfig.defaults();

        private Builder() {}

        public Builder environment(BybitEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** API key and secret (not needed in paper mode). */
        public Builder credentials(BybitCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder symbol(String symbol) {
            this.symbol = Objects.requireNonNull(symbol, "symbol").toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder config(ScalperConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Journals, {@code state.json} and {@code health.json} go here (default {@code ./state}). */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** What to do with a position or orders found on the exchange at start (default ADOPT). */
        public Builder reconcile(ReconcilePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Live market data, simulated fills. */
        public Builder paper(boolean paper) {
            this.paper = paper;
            return this;
        }

        /** Customises the engine (custom signals and gates) before it is built. */
        public Builder engine(Consumer<ScalperEngine.Builder> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** Order-book depth subscribed (1, 50, 200 or 1000; default 50). */
        public Builder depth(int depth) {
            if (depth != 1 && depth != 50 && depth != 200 && depth != 1000) {
                throw new IllegalArgumentException("depth must be 1, 50, 200 or 1000, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /** Name shown for the venue (default: the environment's). */
        public Builder venueName(String name) {
            this.venueName = name;
            return this;
        }

        public Builder webSocketConfig(BybitWsConfig config) {
            this.wsConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        public LiveTrader build() {
            if (environment == null) {
                throw new IllegalStateException("live trader: environment is required");
            }
            if (!paper && credentials == null) {
                throw new IllegalStateException("live trader: credentials are required unless paper");
            }
            return new LiveTrader(this);
        }
    }
}
