package io.scalper.core.backtest;

import io.scalper.core.backtest.events.EventBuffer;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileCursor;
import io.scalper.core.backtest.events.MessageReader;
import io.scalper.core.backtest.events.RecordCursor;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.EngineRecorder;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link ScalperEngine} — the same engine as live — against a {@link SimulatedExchange} over a recorded,
 * archived, generated or binary market, strictly in time order, on one thread.
 *
 * <h2>Time</h2>
 *
 * Every market message is seen twice: by the exchange at its exchange time, and by the strategy at its local receive
 * time — the time recorded with the data when there is one (and {@code backtest.recordedFeedLatency}; and it is at
 * most {@link #MAX_RECORDED_FEED_AGE_NS} after the exchange time), else the exchange time plus
 * {@code backtest.feedLatency}. Both streams keep the data's order; a message's times are raised,
 * when needed, so that neither stream goes back in time and the strategy never sees a message before the exchange
 * does. The runner repeatedly takes the earliest of: the next message for the exchange, the exchange's next order
 * arrival or answer, the next message for the strategy, the engine's next timer, and the next equity sample; sets the
 * {@link ManualClock} to that time; and runs it (at equal times, in that order). Nothing depends on the wall clock, so
 * the same data, configuration and seed give the same trades and journals, byte for byte.
 *
 * <h2>End</h2>
 *
 * When the data ends (or the duration limit is reached), the engine is shut down with its position flattened at market
 * (unless {@link Builder#flattenAtEnd(boolean) flattenAtEnd(false)}), the exchange's answers are delivered, and the
 * result is computed. Afterwards the accounts balance: initial balance + realised PnL − fees + funding equals the
 * exchange's equity, and the strategy's position equals the exchange's.
 */
public final class BacktestRunner {
    /** Told every so often how far the replay is. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param events events replayed so far
         * @param simTimeNs simulated time reached
         * @param done whether the replay has finished
         */
        void onProgress(long events, long simTimeNs, boolean done);
    }

    /** Refusal code of entries refused during the warm-up before {@link Builder#tradeFromNs}. */
    public static final String WARMUP = "warmup";

    /**
     * A recorded receive time more than this after the exchange time is taken for a clock problem of the recorder
     * (counted as {@code implausibleReceiveTimes}), and the message arrives after {@code backtest.feedLatency} instead.
     */
    public static final long MAX_RECORDED_FEED_AGE_NS = 10_000_000_000L;

    private static final int PROGRESS_MASK = (1 << 16) - 1;
    private static final long DRAIN_NS = 60_000_000_000L;

    private final ScalperConfig config;
    private final MarketSource source;
    private final List<Path> eventFiles;
    private final long seed;
    private final Path journalDirectory;
    private final long maxDurationNs;
    private final boolean flattenAtEnd;
    private final Progress progress;
    private final Consumer<ScalperEngine.Builder> customizer;
    private final long decisionIntervalNs;
    private final long tradeFromNs;
    private final ReplayTiming timing;
    private final Consumer<ScalperEngine> onEngine;

    private BacktestRunner(Builder b) {
        this.config = b.config;
        this.source = b.source;
        this.eventFiles = b.eventFiles;
        this.seed = b.seed;
        this.journalDirectory = b.journalDirectory;
        this.maxDurationNs = b.maxDurationNs;
        this.flattenAtEnd = b.flattenAtEnd;
        this.progress = b.progress;
        this.customizer = b.customizer;
        this.decisionIntervalNs = b.decisionIntervalNs;
        this.tradeFromNs = b.tradeFromNs;
        this.timing = b.timing;
        this.onEngine = b.onEngine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the backtest to the end of the data (or the duration limit) and returns the result. */
    public BacktestResult run() throws IOException {
        final Streams streams = openStreams();
        try {
            return run(streams);
        } finally {
            streams.close();
        }
    }

    /** The two views of the market: what the exchange reads and what the strategy reads. */
    private static final class Streams implements Closeable {
        final Instrument instrument;
        final RecordCursor exchange;
        final RecordCursor strategy;
        final String description;
        final Closeable[] closeables;

        Streams(
                Instrument instrument,
                RecordCursor exchange,
                RecordCursor strategy,
                String description,
                Closeable... closeables) {
            this.instrument = instrument;
            this.exchange = exchange;
            this.strategy = strategy;
            this.description = description;
            this.closeables = closeables;
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Closeable c : closeables) {
                try {
                    c.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private Streams openStreams() throws IOException {
        if (source != null) {
            final EventBuffer buffer = new EventBuffer(1 << 14);
            final EventEncoder encoder = new EventEncoder(buffer, source::localTimeNs);
            buffer.setRefill(() -> {
                final boolean more = source.next(encoder);
                encoder.endMessage();
                return more;
            });
            final RecordCursor ex = buffer.newReader();
            final RecordCursor st = buffer.newReader();
            return new Streams(source.instrument(), ex, st, source.describe(), source);
        }
        final EventFileCursor ex = new EventFileCursor(eventFiles);
        final EventFileCursor st;
        try {
            st = new EventFileCursor(eventFiles);
        } catch (IOException e) {
            ex.close();
            throw e;
        }
        final String description = eventFiles.size() == 1
                ? eventFiles.get(0).toString()
                : eventFiles.size() + " event files from " + eventFiles.get(0);
        return new Streams(ex.instrument(), ex, st, description, ex, st);
    }

    private BacktestResult run(Streams s) throws IOException {
        final long wallStart = io.scalper.core.time.SystemClock.monotonicNs();
        final BacktestConfig bt = config.backtest();
        final Instrument instrument = s.instrument;
        final MessageReader exReader = new MessageReader(s.exchange);
        final MessageReader stReader = new MessageReader(s.strategy);
        final boolean any = exReader.peek();
        final long t0 = !any
                ? 0
                : timing == null
                        ? exReader.exchangeTimeNs()
                        : timing.startNs(timing.exchangeNs(exReader.exchangeTimeNs(), exReader.localTimeNs()));
        final long endLimit = maxDurationNs > 0 ? t0 + maxDurationNs : Long.MAX_VALUE;

        final ManualClock clock = new ManualClock(t0);
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final MarketState exchangeMarket =
                new MarketState(instrument, config.book().maxDepth(), config.tape());
        final SimulatedExchange exchange = new SimulatedExchange(
                SimulatedExchangeConfig.of(bt), exchangeMarket, clock, LatencyModel.of(bt, seed), QueueModel.of(bt));
        final long tradeStart = t0 + tradeFromNs;
        final EngineRecorder recorder =
                new EngineRecorder(journalDirectory, bt.initialBalance(), tradeStart, decisionIntervalNs);
        final ScalperEngine.Builder eb = ScalperEngine.builder()
                .config(config)
                .instrument(instrument)
                .clock(clock)
                .scheduler(scheduler)
                .gateway(exchange)
                .initialEquity(bt.initialBalance())
                .listener(recorder)
                .clientOrderIds(new ClientOrderIds(config.execution().clientIdPrefix(), t0 / 1_000_000L, seed));
        if (tradeFromNs > 0) {
            eb.gate((d, f, e) -> clock.nowNs() < tradeStart ? WARMUP : null);
        }
        if (customizer != null) {
            customizer.accept(eb);
        }
        final ScalperEngine engine = eb.build();
        try (recorder) {
            recorder.attach(engine);
            if (onEngine != null) {
                onEngine.accept(engine);
            }
            final MarketStateSink toExchange = new MarketStateSink(exchangeMarket, exchange);
            final MarketStateSink toEngine = new MarketStateSink(engine.market(), engine.marketListener());
            final EquityCurve curve = recorder.tracker().equityCurve();
            final long sampleNs = bt.equitySampleIntervalNs();
            long nextSample = t0 + sampleNs;
            long[] priceTimes = new long[1024];
            double[] prices = new double[1024];
            int priceCount = 0;
            final long feedLatency = bt.feedLatencyNs();
            final boolean recorded = bt.recordedFeedLatency();

            long lastEx = t0;
            long lastSt = t0;
            long exMessages = 0;
            long stMessages = 0;
            long events = 0;
            long nextProgress = 0;
            long implausibleReceiveTimes = 0;
            while (true) {
                long tEx = Long.MAX_VALUE;
                if (exReader.peek()) {
                    tEx = Math.max(
                            timing == null
                                    ? exReader.exchangeTimeNs()
                                    : timing.exchangeNs(exReader.exchangeTimeNs(), exReader.localTimeNs()),
                            lastEx);
                }
                long tSt = Long.MAX_VALUE;
                long stExchange = 0;
                boolean stImplausible = false;
                if (stMessages < exMessages && stReader.peek()) {
                    stExchange = stReader.exchangeTimeNs();
                    final long local = stReader.localTimeNs();
                    final boolean usable = recorded && local != 0 && local - stExchange <= MAX_RECORDED_FEED_AGE_NS;
                    stImplausible = recorded && local != 0 && !usable;
                    final long arrival = timing != null
                            ? timing.strategyNs(stExchange, local)
                            : usable ? Math.max(local, stExchange) : stExchange + feedLatency;
                    stImplausible &= timing == null;
                    tSt = Math.max(arrival, lastSt);
                }
                final long tAct = exchange.nextEventNs();
                final long deadline = scheduler.nextDeadlineNs();
                final long tTimer = timing == null || deadline == Long.MAX_VALUE ? deadline : timing.timerNs(deadline);
                final long tData = Math.min(tEx, tSt);
                final long t = Math.min(Math.min(tData, tAct), Math.min(tTimer, nextSample));
                if (t > endLimit || (tData == Long.MAX_VALUE && stMessages >= exMessages)) {
                    break;
                }
                if (t > clock.nowNs()) {
                    clock.setNs(t);
                }
                if (t == tEx) {
                    events += exReader.dispatch(toExchange);
                    toExchange.flush();
                    exMessages++;
                    lastEx = tEx;
                    if (events >= nextProgress && progress != null) {
                        progress.onProgress(events, t, false);
                        nextProgress = events + PROGRESS_MASK;
                    }
                } else if (t == tAct) {
                    exchange.advanceTo(t);
                } else if (t == tSt) {
                    if (stImplausible) {
                        implausibleReceiveTimes++;
                    }
                    final long age =
                            timing == null ? t - stExchange : timing.feedAgeNs(stExchange, stReader.localTimeNs(), t);
                    if (age != Long.MIN_VALUE) {
                        engine.onFeedAge(age);
                    }
                    stReader.dispatch(toEngine);
                    toEngine.flush();
                    stMessages++;
                    lastSt = tSt;
                } else if (t == tTimer) {
                    scheduler.advanceTo(t);
                } else {
                    if (t >= tradeStart) {
                        recorder.tracker().onEquitySample(t, engine.equity());
                    }
                    final double mid = engine.book().mid();
                    if (!Double.isNaN(mid)) {
                        if (priceCount == priceTimes.length) {
                            priceTimes = Arrays.copyOf(priceTimes, priceCount * 2);
                            prices = Arrays.copyOf(prices, priceCount * 2);
                        }
                        priceTimes[priceCount] = t;
                        prices[priceCount++] = mid;
                    }
                    nextSample = t + sampleNs;
                }
            }

            // the end: stop trading, flatten, let the answers and fills arrive
            final long endData = clock.nowNs();
            if (any) {
                engine.shutdown(false, flattenAtEnd);
                final long drainEnd = endData + DRAIN_NS;
                while (true) {
                    final long t = Math.min(exchange.nextEventNs(), scheduler.nextDeadlineNs());
                    if (t > drainEnd
                            || (exchange.nextEventNs() == Long.MAX_VALUE
                                    && engine.position().isFlat()
                                    && !engine.entryWorking())) {
                        break;
                    }
                    if (t > clock.nowNs()) {
                        clock.setNs(t);
                    }
                    exchange.advanceTo(clock.nowNs());
                    scheduler.advanceTo(clock.nowNs());
                }
                recorder.tracker().onEquitySample(clock.nowNs(), engine.equity());
            }
            final long wallNs = io.scalper.core.time.SystemClock.monotonicNs() - wallStart;
            if (progress != null) {
                progress.onProgress(events, clock.nowNs(), true);
            }
            final Map<String, Number> extras = new LinkedHashMap<>();
            extras.put("events", events);
            extras.put("messages", exMessages);
            extras.put("eventsPerSecond", Math.round(wallNs <= 0 ? 0 : events * 1e9 / wallNs));
            extras.put("wallSeconds", wallNs / 1e9);
            extras.put("simulatedSeconds", (clock.nowNs() - t0) / 1e9);
            extras.put("exchangeEquity", exchange.equity());
            extras.put("invariantViolations", engine.invariantViolations());
            extras.put("implausibleReceiveTimes", implausibleReceiveTimes);
            final PerformanceStats stats = recorder.stats(clock.nowNs()).withExtras(extras);
            return new BacktestResult(
                    instrument,
                    s.description,
                    stats,
                    List.copyOf(engine.roundTrips()),
                    curve.copy(),
                    Arrays.copyOf(priceTimes, priceCount),
                    Arrays.copyOf(prices, priceCount),
                    events,
                    exMessages,
                    t0,
                    clock.nowNs(),
                    wallNs,
                    exchange.equity(),
                    exchange.position().qtyLots(),
                    engine.position().qtyLots(),
                    engine.invariantViolations(),
                    engine.orders().unknownOrders());
        }
    }

    /** Builds a {@link BacktestRunner}. */
    public static final class Builder {
        private ScalperConfig config = ScalperConfig.defaults();
        private MarketSource source;
        private List<Path> eventFiles;
        private long seed = 1;
        private Path journalDirectory;
        private long maxDurationNs;
        private boolean flattenAtEnd = true;
        private Progress progress;
        private Consumer<ScalperEngine.Builder> customizer;
        private long decisionIntervalNs = 1_000_000_000L;
        private long tradeFromNs;
        private ReplayTiming timing;
        private Consumer<ScalperEngine> onEngine;

        private Builder() {}

        /**
         * Replays a recorded live session on its own clock (see {@link ReplayTiming}); {@code null} (the default) for a
         * market's exchange times and {@code backtest.feedLatency}.
         */
        public Builder timing(ReplayTiming timing) {
            this.timing = timing;
            return this;
        }

        /** Told the engine once it is built, before the first event (to restore what a live run restored). */
        public Builder onEngine(Consumer<ScalperEngine> callback) {
            this.onEngine = callback;
            return this;
        }

        /**
         * Trades only from this much simulated time after the first event: before it the market warms up the books,
         * features and signals, and entries are refused with {@link #WARMUP}; statistics start there. For
         * walk-forward test windows. Default 0.
         */
        public Builder tradeFromNs(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("tradeFromNs must be >= 0, got " + ns);
            }
            this.tradeFromNs = ns;
            return this;
        }

        /** The strategy and backtest configuration (default: {@link ScalperConfig#defaults()}). */
        public Builder config(ScalperConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Replays a source (recorded frames, archives, the generator). The runner closes it. */
        public Builder source(MarketSource source) {
            this.source = Objects.requireNonNull(source, "source");
            this.eventFiles = null;
            return this;
        }

        /** Replays binary event files, in the order given (see {@link io.scalper.core.backtest.events.EventFormat}). */
        public Builder eventFiles(List<Path> files) {
            if (files == null || files.isEmpty()) {
                throw new IllegalArgumentException("eventFiles: at least one file");
            }
            this.eventFiles = List.copyOf(files);
            this.source = null;
            return this;
        }

        /** Seed of everything random in the run (the client order id salt); the same seed gives the same run. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where the CSV journals go; {@code null} (the default) for none. */
        public Builder journalDirectory(Path directory) {
            this.journalDirectory = directory;
            return this;
        }

        /** Stops after this much simulated time from the first event; 0 (the default) for the whole data. */
        public Builder maxDurationNs(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("maxDurationNs must be >= 0, got " + ns);
            }
            this.maxDurationNs = ns;
            return this;
        }

        /** Whether the position is flattened at market when the data ends (default {@code true}). */
        public Builder flattenAtEnd(boolean flatten) {
            this.flattenAtEnd = flatten;
            return this;
        }

        /** Progress reports, every 65,536 events and at the end. */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /** Customises the engine before it is built (custom signals, gates); clock, gateway and scheduler are set. */
        public Builder engine(Consumer<ScalperEngine.Builder> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** Least time between two journaled decisions of the same direction (default 1 s). */
        public Builder decisionIntervalNs(long ns) {
            this.decisionIntervalNs = ns;
            return this;
        }

        public BacktestRunner build() {
            if (source == null && eventFiles == null) {
                throw new IllegalStateException("a backtest needs a source or event files");
            }
            return new BacktestRunner(this);
        }
    }
}
