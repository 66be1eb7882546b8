package io.scalper.core.backtest;

import io.scalper.core.backtest.events.EventBuffer;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileCursor;
import io.scalper.core.backtest.events.MessageReader;
import io.scalper.core.backtest.events.RecordCursor;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.EngineSet;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final List<MarketSource> sources;
    private final List<Path> eventFiles;
    private final long seed;
    private final Path journalDirectory;
    private final long maxDurationNs;
    private final boolean flattenAtEnd;
    private final Progress progress;
    private final Consumer<ScalperEngine.Builder> customizer;
    private final long decisionIntervalNs;
    private final long tradeFromNs;
    private final String description;
    private final ReplayTiming timing;
    private final Consumer<ScalperEngine> onEngine;

    private BacktestRunner(Builder b) {
        this.config = b.config;
        this.sources = b.sources;
        this.eventFiles = b.eventFiles;
        this.seed = b.seed;
        this.journalDirectory = b.journalDirectory;
        this.maxDurationNs = b.maxDurationNs;
        this.flattenAtEnd = b.flattenAtEnd;
        this.progress = b.progress;
        this.customizer = b.customizer;
        this.decisionIntervalNs = b.decisionIntervalNs;
        this.tradeFromNs = b.tradeFromNs;
        this.description = b.description;
        this.timing = b.timing;
        this.onEngine = b.onEngine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the backtest to the end of the data (or the duration limit) and returns the result. With several sources
     * (symbols), their engines trade one account (see {@link Builder#sources}).
     */
    public BacktestResult run() throws IOException {
        final List<Streams> streams = new ArrayList<>();
        try {
            if (sources == null) {
                streams.add(openEventFiles());
            } else {
                for (int i = 0; i < sources.size(); i++) {
                    streams.add(open(sources.get(i)));
                }
            }
            return run(streams);
        } finally {
            IOException first = null;
            for (Streams st : streams) {
                try {
                    st.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (sources != null) {
                for (int i = streams.size(); i < sources.size(); i++) {
                    try {
                        sources.get(i).close(); // never opened into streams (an earlier one failed)
                    } catch (IOException e) {
                        if (first == null) {
                            first = e;
                        }
                    }
                }
            }
            if (first != null) {
                throw first;
            }
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

    private static Streams open(MarketSource source) {
        {
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
    }

    private Streams openEventFiles() throws IOException {
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

    /** One symbol of the run: its market, its simulated exchange, its engine and where it is in both streams. */
    private static final class Leg {
        final Streams streams;
        final MessageReader exReader;
        final MessageReader stReader;
        MarketState exchangeMarket;
        SimulatedExchange exchange;
        ScalperEngine engine;
        int index;
        MarketStateSink toExchange;
        MarketStateSink toEngine;
        long lastEx;
        long lastSt;
        long exMessages;
        long stMessages;
        long events;
        long implausibleReceiveTimes;
        long[] priceTimes = new long[1024];
        double[] prices = new double[1024];
        int priceCount;
        // this turn's candidate times
        long tEx;
        long tSt;
        long stExchange;
        boolean stImplausible;

        Leg(Streams streams) {
            this.streams = streams;
            this.exReader = new MessageReader(streams.exchange);
            this.stReader = new MessageReader(streams.strategy);
        }

        void samplePrice(long t) {
            final double mid = engine.book().mid();
            if (!Double.isNaN(mid)) {
                if (priceCount == priceTimes.length) {
                    priceTimes = Arrays.copyOf(priceTimes, priceCount * 2);
                    prices = Arrays.copyOf(prices, priceCount * 2);
                }
                priceTimes[priceCount] = t;
                prices[priceCount++] = mid;
            }
        }
    }

    private BacktestResult run(List<Streams> all) throws IOException {
        final long wallStart = io.scalper.core.time.SystemClock.monotonicNs();
        final BacktestConfig bt = config.backtest();
        final List<Leg> legs = new ArrayList<>();
        final java.util.Set<String> symbols = new java.util.HashSet<>();
        boolean any = false;
        long t0 = Long.MAX_VALUE;
        for (Streams st : all) {
            if (!symbols.add(st.instrument.symbol())) {
                throw new IllegalArgumentException("symbols: " + st.instrument.symbol() + " is listed twice");
            }
            final Leg leg = new Leg(st);
            legs.add(leg);
            if (leg.exReader.peek()) {
                any = true;
                final long first = timing == null
                        ? leg.exReader.exchangeTimeNs()
                        : timing.startNs(timing.exchangeNs(leg.exReader.exchangeTimeNs(), leg.exReader.localTimeNs()));
                t0 = Math.min(t0, first);
            }
        }
        if (!any) {
            t0 = 0;
        }
        final long endLimit = maxDurationNs > 0 ? t0 + maxDurationNs : Long.MAX_VALUE;

        final ManualClock clock = new ManualClock(t0);
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final long tradeStart = t0 + tradeFromNs;
        final long startMs = t0 / 1_000_000L; // the salt of the client order ids
        try (EngineSet set = new EngineSet(
                config,
                clock,
                scheduler,
                bt.initialBalance(),
                tradeStart,
                decisionIntervalNs,
                journalDirectory,
                legs.size())) {
            for (int i = 0; i < legs.size(); i++) {
                final Leg leg = legs.get(i);
                final Instrument instrument = leg.streams.instrument;
                final long legSeed = seed + i;
                leg.index = i;
                leg.exchangeMarket = new MarketState(instrument, config.book().maxDepth(), config.tape());
                leg.exchange = new SimulatedExchange(
                        SimulatedExchangeConfig.of(bt),
                        leg.exchangeMarket,
                        clock,
                        LatencyModel.of(bt, legSeed),
                        QueueModel.of(bt));
                leg.engine = set.add(instrument, leg.exchange, eb -> {
                    eb.clientOrderIds(new ClientOrderIds(config.execution().clientIdPrefix(), startMs, legSeed));
                    if (tradeFromNs > 0) {
                        eb.gate((d, f, e) -> clock.nowNs() < tradeStart ? WARMUP : null);
                    }
                    if (customizer != null) {
                        customizer.accept(eb);
                    }
                });
                if (onEngine != null) {
                    onEngine.accept(leg.engine);
                }
                leg.toExchange = new MarketStateSink(leg.exchangeMarket, leg.exchange);
                leg.toEngine = new MarketStateSink(leg.engine.market(), leg.engine.marketListener());
                leg.lastEx = t0;
                leg.lastSt = t0;
            }
            return replay(legs, clock, scheduler, set, t0, endLimit, tradeStart, any, wallStart);
        }
    }

    private BacktestResult replay(
            List<Leg> legs,
            ManualClock clock,
            ManualScheduler scheduler,
            EngineSet set,
            long t0,
            long endLimit,
            long tradeStart,
            boolean any,
            long wallStart)
            throws IOException {
        final BacktestConfig bt = config.backtest();
        final int n = legs.size();
        final long sampleNs = bt.equitySampleIntervalNs();
        long nextSample = t0 + sampleNs;
        final long feedLatency = bt.feedLatencyNs();
        final boolean recorded = bt.recordedFeedLatency();
        long events = 0;
        long nextProgress = 0;
        while (true) {
            long tData = Long.MAX_VALUE;
            long tAct = Long.MAX_VALUE;
            boolean pending = false;
            for (int i = 0; i < n; i++) {
                final Leg leg = legs.get(i);
                leg.tEx = Long.MAX_VALUE;
                if (leg.exReader.peek()) {
                    leg.tEx = Math.max(
                            timing == null
                                    ? leg.exReader.exchangeTimeNs()
                                    : timing.exchangeNs(leg.exReader.exchangeTimeNs(), leg.exReader.localTimeNs()),
                            leg.lastEx);
                }
                leg.tSt = Long.MAX_VALUE;
                leg.stImplausible = false;
                if (leg.stMessages < leg.exMessages && leg.stReader.peek()) {
                    leg.stExchange = leg.stReader.exchangeTimeNs();
                    final long local = leg.stReader.localTimeNs();
                    final boolean usable = recorded && local != 0 && local - leg.stExchange <= MAX_RECORDED_FEED_AGE_NS;
                    leg.stImplausible = recorded && local != 0 && !usable;
                    final long arrival = timing != null
                            ? timing.strategyNs(leg.stExchange, local)
                            : usable ? Math.max(local, leg.stExchange) : leg.stExchange + feedLatency;
                    leg.stImplausible &= timing == null;
                    leg.tSt = Math.max(arrival, leg.lastSt);
                }
                tData = Math.min(tData, Math.min(leg.tEx, leg.tSt));
                tAct = Math.min(tAct, leg.exchange.nextEventNs());
                pending |= leg.tEx != Long.MAX_VALUE || leg.tSt != Long.MAX_VALUE || leg.stMessages < leg.exMessages;
            }
            final long deadline = scheduler.nextDeadlineNs();
            final long tTimer = timing == null || deadline == Long.MAX_VALUE ? deadline : timing.timerNs(deadline);
            final long t = Math.min(Math.min(tData, tAct), Math.min(tTimer, nextSample));
            if (t > endLimit || (tData == Long.MAX_VALUE && !pending)) {
                break;
            }
            if (t > clock.nowNs()) {
                clock.setNs(t);
            }
            // at equal times: the exchange's market data, its answers, the strategy's market data, timers, samples
            final Leg exData = due(legs, t, Kind.EXCHANGE_DATA);
            final Leg exAction = exData == null ? due(legs, t, Kind.EXCHANGE_ACTION) : null;
            final Leg stData = exData == null && exAction == null ? due(legs, t, Kind.STRATEGY_DATA) : null;
            if (exData != null) {
                final Leg leg = exData;
                final long e = leg.exReader.dispatch(leg.toExchange);
                leg.toExchange.flush();
                leg.events += e;
                events += e;
                leg.exMessages++;
                leg.lastEx = leg.tEx;
                if (events >= nextProgress && progress != null) {
                    progress.onProgress(events, t, false);
                    nextProgress = events + PROGRESS_MASK;
                }
            } else if (exAction != null) {
                exAction.exchange.advanceTo(t);
            } else if (stData != null) {
                final Leg leg = stData;
                if (leg.stImplausible) {
                    leg.implausibleReceiveTimes++;
                }
                final long age = timing == null
                        ? t - leg.stExchange
                        : timing.feedAgeNs(leg.stExchange, leg.stReader.localTimeNs(), t);
                if (age != Long.MIN_VALUE) {
                    leg.engine.onFeedAge(age);
                }
                leg.stReader.dispatch(leg.toEngine);
                leg.toEngine.flush();
                leg.stMessages++;
                leg.lastSt = leg.tSt;
            } else if (t == tTimer) {
                scheduler.advanceTo(t);
            } else {
                if (t >= tradeStart) {
                    set.sampleEquity(t);
                }
                for (int i = 0; i < n; i++) {
                    legs.get(i).samplePrice(t);
                }
                nextSample = t + sampleNs;
            }
        }

        // the end: stop trading, flatten, let the answers and fills arrive
        final long endData = clock.nowNs();
        if (any) {
            for (Leg leg : legs) {
                leg.engine.shutdown(false, flattenAtEnd);
            }
            final long drainEnd = endData + DRAIN_NS;
            while (true) {
                long tAct = Long.MAX_VALUE;
                boolean settled = true;
                for (Leg leg : legs) {
                    tAct = Math.min(tAct, leg.exchange.nextEventNs());
                    settled &= leg.engine.position().isFlat() && !leg.engine.entryWorking();
                }
                final long t = Math.min(tAct, scheduler.nextDeadlineNs());
                if (t > drainEnd || (tAct == Long.MAX_VALUE && settled)) {
                    break;
                }
                if (t > clock.nowNs()) {
                    clock.setNs(t);
                }
                for (Leg leg : legs) {
                    leg.exchange.advanceTo(clock.nowNs());
                }
                scheduler.advanceTo(clock.nowNs());
            }
            set.sampleEquity(clock.nowNs());
        }
        final long wallNs = io.scalper.core.time.SystemClock.monotonicNs() - wallStart;
        if (progress != null) {
            progress.onProgress(events, clock.nowNs(), true);
        }
        final List<BacktestResult> results = new ArrayList<>();
        for (Leg leg : legs) {
            results.add(result(set, leg, t0, clock.nowNs(), wallNs, leg.events));
        }
        if (legs.size() == 1) {
            return results.get(0);
        }
        return accountResult(set, legs, results, t0, clock.nowNs(), wallNs, events);
    }

    private enum Kind {
        EXCHANGE_DATA,
        EXCHANGE_ACTION,
        STRATEGY_DATA
    }

    /** The first leg whose next item of {@code kind} is due at {@code t}, or {@code null}. */
    private static Leg due(List<Leg> legs, long t, Kind kind) {
        for (int i = 0; i < legs.size(); i++) {
            final Leg leg = legs.get(i);
            final long due = switch (kind) {
                case EXCHANGE_DATA -> leg.tEx;
                case EXCHANGE_ACTION -> leg.exchange.nextEventNs();
                case STRATEGY_DATA -> leg.tSt;
            };
            if (due == t) {
                return leg;
            }
        }
        return null;
    }

    private BacktestResult result(EngineSet set, Leg leg, long t0, long endNs, long wallNs, long events) {
        final ScalperEngine engine = leg.engine;
        final Map<String, Number> extras = new LinkedHashMap<>();
        extras.put("events", events);
        extras.put("messages", leg.exMessages);
        extras.put("eventsPerSecond", Math.round(wallNs <= 0 ? 0 : events * 1e9 / wallNs));
        extras.put("wallSeconds", wallNs / 1e9);
        extras.put("simulatedSeconds", (endNs - t0) / 1e9);
        extras.put("exchangeEquity", leg.exchange.equity());
        extras.put("invariantViolations", engine.invariantViolations());
        extras.put("implausibleReceiveTimes", leg.implausibleReceiveTimes);
        final PerformanceStats stats = set.stats(leg.index, endNs, extras);
        return new BacktestResult(
                leg.streams.instrument,
                leg.streams.description,
                stats,
                List.copyOf(engine.roundTrips()),
                set.recorder(leg.index).tracker().equityCurve().copy(),
                Arrays.copyOf(leg.priceTimes, leg.priceCount),
                Arrays.copyOf(leg.prices, leg.priceCount),
                events,
                leg.exMessages,
                t0,
                endNs,
                wallNs,
                leg.exchange.equity(),
                leg.exchange.position().qtyLots(),
                engine.position().qtyLots(),
                engine.invariantViolations(),
                engine.orders().unknownOrders(),
                List.of());
    }

    /** The account's result over several symbols: totals, with each symbol's result. */
    private BacktestResult accountResult(
            EngineSet set,
            List<Leg> legs,
            List<BacktestResult> results,
            long t0,
            long endNs,
            long wallNs,
            long events) {
        final double balance = config.backtest().initialBalance();
        double exchangeEquity = balance;
        long messages = 0;
        long invariantViolations = 0;
        long unknownOrders = 0;
        long implausible = 0;
        final List<io.scalper.core.metrics.RoundTrip> trades = new ArrayList<>();
        final List<Map<String, Number>> bySymbol = new ArrayList<>();
        final StringBuilder description = new StringBuilder(this.description == null ? "" : this.description);
        for (int i = 0; i < legs.size(); i++) {
            final BacktestResult r = results.get(i);
            exchangeEquity += r.exchangeEquity() - balance;
            messages += r.messages();
            invariantViolations += r.invariantViolations();
            unknownOrders += r.unknownOrders();
            implausible += legs.get(i).implausibleReceiveTimes;
            trades.addAll(r.trades());
            bySymbol.add(r.stats().extras());
            if (this.description == null) {
                description.append(i == 0 ? "" : ", ").append(r.source());
            }
        }
        trades.sort(java.util.Comparator.comparingLong(io.scalper.core.metrics.RoundTrip::exitTimeNs));
        final Map<String, Number> extras = new LinkedHashMap<>();
        extras.put("events", events);
        extras.put("messages", messages);
        extras.put("eventsPerSecond", Math.round(wallNs <= 0 ? 0 : events * 1e9 / wallNs));
        extras.put("wallSeconds", wallNs / 1e9);
        extras.put("simulatedSeconds", (endNs - t0) / 1e9);
        extras.put("exchangeEquity", exchangeEquity);
        extras.put("invariantViolations", invariantViolations);
        extras.put("implausibleReceiveTimes", implausible);
        final PerformanceStats stats = set.stats(endNs, bySymbol, extras);
        final BacktestResult first = results.get(0);
        return new BacktestResult(
                first.instrument(),
                description.toString(),
                stats,
                List.copyOf(trades),
                set.equityCurve().copy(),
                first.priceTimesNs(),
                first.prices(),
                events,
                messages,
                t0,
                endNs,
                wallNs,
                exchangeEquity,
                first.exchangePositionLots(),
                first.enginePositionLots(),
                invariantViolations,
                unknownOrders,
                List.copyOf(results));
    }

    /** Builds a {@link BacktestRunner}. */
    public static final class Builder {
        private ScalperConfig config = ScalperConfig.defaults();
        private List<MarketSource> sources;
        private List<Path> eventFiles;
        private long seed = 1;
        private Path journalDirectory;
        private long maxDurationNs;
        private boolean flattenAtEnd = true;
        private Progress progress;
        private Consumer<ScalperEngine.Builder> customizer;
        private long decisionIntervalNs = 1_000_000_000L;
        private long tradeFromNs;
        private String description;
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

        /** Told each engine once it is built, before the first event (to restore what a live run restored). */
        public Builder onEngine(Consumer<ScalperEngine> callback) {
            this.onEngine = callback;
            return this;
        }

        /** What the result says the market came from, with several sources (default: their own descriptions). */
        public Builder description(String text) {
            this.description = text;
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
            return sources(List.of(Objects.requireNonNull(source, "source")));
        }

        /**
         * Replays several sources, one symbol each, traded by one engine each on one account (an {@link io.scalper.core.engine.Portfolio}: the
         * daily loss, the drawdown tiers and the kill switch are the account's, and the account's notional caps bind),
         * merged in time order on the one simulated clock. The result holds the account's totals, and each symbol's
         * result in {@link BacktestResult#symbols()}. The runner closes them.
         *
         * @throws IllegalArgumentException when the list is empty
         */
        public Builder sources(List<? extends MarketSource> list) {
            if (list == null || list.isEmpty()) {
                throw new IllegalArgumentException("sources: at least one");
            }
            this.sources = List.copyOf(list);
            this.eventFiles = null;
            return this;
        }

        /** Replays binary event files, in the order given (see {@link io.scalper.core.backtest.events.EventFormat}). */
        public Builder eventFiles(List<Path> files) {
            if (files == null || files.isEmpty()) {
                throw new IllegalArgumentException("eventFiles: at least one file");
            }
            this.eventFiles = List.copyOf(files);
            this.sources = null;
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
            if (sources == null && eventFiles == null) {
                throw new IllegalStateException("a backtest needs a source or event files");
            }
            return new BacktestRunner(this);
        }
    }
}
