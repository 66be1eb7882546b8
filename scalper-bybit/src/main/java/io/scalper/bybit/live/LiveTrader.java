package io.scalper.bybit.live;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.gateway.BybitReconciliation;
import io.scalper.bybit.gateway.BybitSession;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.runtime.LatencyHistogram;
import io.scalper.core.runtime.LoopStatus;
import io.scalper.core.runtime.RuntimeLog;
import io.scalper.core.runtime.TradingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * <p>Paper mode: live market data, fills from a {@link io.scalper.core.backtest.SimulatedExchange} fed by the same stream; no keys needed.
 *
 * <p>The engine's clock is a manual clock set to the wall clock at every step, and its timers run from a
 * scheduler advanced at every step: one thread, no locks, the same code path as a backtest. All of that is the core's
 * venue-neutral {@link TradingLoop}; this class only puts Bybit ({@link BybitVenue}) under it.
 */
public final class LiveTrader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTrader.class);
    private static final RuntimeLog RUNTIME_LOG = new RuntimeLog() {
        @Override
        public void info(String message) {
            LOG.info(message);
        }

        @Override
        public void warn(String message) {
            LOG.warn(message);
        }

        @Override
        public void error(String message) {
            LOG.error(message);
        }
    };

    private final BybitVenue venue;
    private final List<BybitVenue> venues;
    private final TradingLoop loop;

    private LiveTrader(Builder b) {
        final List<BybitVenue> list = new ArrayList<>();
        // Bybit limits order requests per account: the sessions of one account share one budget
        final io.scalper.bybit.gateway.BybitOrderBudget budget = new io.scalper.bybit.gateway.BybitOrderBudget();
        for (String symbol : b.symbols) {
            // one session per symbol (its streams and gateway); every one reads and trades the same account
            list.add(new BybitVenue(
                            b.environment, b.credentials, symbol, b.config, b.paper, b.depth, b.venueName, b.wsConfig)
                    .orderBudget(budget));
        }
        this.venues = List.copyOf(list);
        this.venue = venues.get(0);
        this.loop = TradingLoop.builder(venues)
                .config(b.config)
                .stateDirectory(b.stateDirectory)
                .reconcile(b.policy)
                .engine(b.customizer)
                .log(RUNTIME_LOG)
                .recordSession(b.sessionMaxBytes)
                .build();
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
        loop.start();
    }

    /** Distribution of feed ages (local receive − exchange time of book messages); engine thread. */
    public LatencyHistogram feedAges() {
        return loop.feedAges();
    }

    /** Distribution of order round trips (request sent → acknowledgement); engine thread. */
    public LatencyHistogram roundTrips() {
        return loop.roundTrips();
    }

    /** One turn of the loop ({@link TradingLoop#step()}). */
    public int step() {
        return loop.step();
    }

    /** Runs {@link #step()} until {@code stop} says so, resting briefly when there is nothing to do. */
    public void runUntil(BooleanSupplier stop) {
        loop.runUntil(stop);
    }

    /** Stops trading ({@link TradingLoop#stop(boolean, boolean)}). */
    public void stop(boolean keepBrackets, boolean flatten) {
        loop.stop(keepBrackets, flatten);
    }

    /** Stops trading, hurried by a second Ctrl-C ({@link TradingLoop#stop(boolean, boolean, BooleanSupplier)}). */
    public void stop(boolean keepBrackets, boolean flatten, BooleanSupplier hurry) {
        loop.stop(keepBrackets, flatten, hurry);
    }

    /** The loop's state now (engine thread); the first symbol's with several ({@link #statuses()}). */
    public LoopStatus status() {
        return loop.status();
    }

    /** Every symbol's state now, in the order given (engine thread). */
    public List<LoopStatus> statuses() {
        return loop.statuses();
    }

    /** The venues, one per symbol. */
    public List<BybitVenue> venues() {
        return venues;
    }

    /** Statistics of the run so far. */
    public PerformanceStats stats() {
        return loop.stats();
    }

    public ScalperEngine engine() {
        return loop.engine();
    }

    public Instrument instrument() {
        return venue.instrument();
    }

    /** What reconciliation found at start ({@code null} in paper mode). */
    public BybitReconciliation reconciliation() {
        return venue.reconciliation();
    }

    public BybitSession session() {
        return venue.session();
    }

    public BybitRestClient rest() {
        return venue.rest();
    }

    /** The runtime under this trader. */
    public TradingLoop loop() {
        return loop;
    }

    /** Stops as on Ctrl-C if still running, then closes the streams and journals ({@link TradingLoop#close()}). */
    @Override
    public void close() {
        loop.close();
    }

    /** Builds a {@link LiveTrader}. */
    public static final class Builder {
        private BybitEnvironment environment;
        private BybitCredentials credentials;
        private List<String> symbols = List.of("BTCUSDT");
        private ScalperConfig config = ScalperConfig.defaults();
        private Path stateDirectory = Path.of("state");
        private ReconcilePolicy policy = ReconcilePolicy.ADOPT;
        private boolean paper;
        private Consumer<ScalperEngine.Builder> customizer;
        private int depth = 50;
        private String venueName;
        private BybitWsConfig wsConfig = BybitWsConfig.defaults();
        private long sessionMaxBytes;

        private Builder() {}

        /**
         * Records the session in the state directory's {@code sessions/} for {@code scalper drift}, the folder bounded by
         * {@code maxBytes} ({@link TradingLoop.Builder#recordSession}); 0 (the default) records nothing.
         */
        public Builder recordSession(long maxBytes) {
            this.sessionMaxBytes = maxBytes;
            return this;
        }

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
            return symbols(List.of(Objects.requireNonNull(symbol, "symbol")));
        }

        /**
         * Trades several symbols on the one account: one engine each on the loop's thread, account-wide risk (see
         * {@link TradingLoop#builder(List)}).
         *
         * @throws IllegalArgumentException when the list is empty or names a symbol twice
         */
        public Builder symbols(List<String> list) {
            if (list == null || list.isEmpty()) {
                throw new IllegalArgumentException("symbols: at least one symbol is required");
            }
            final List<String> upper = new ArrayList<>();
            for (String s : list) {
                final String u = Objects.requireNonNull(s, "symbol").toUpperCase(Locale.ROOT);
                if (upper.contains(u)) {
                    throw new IllegalArgumentException("symbols: " + u + " is listed twice");
                }
                upper.add(u);
            }
            this.symbols = List.copyOf(upper);
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
