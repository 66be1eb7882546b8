package io.scalper.core.synthetic;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import io.scalper.core.util.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic market for one instrument: an order-driven L2 book with trades and a ticker, published the
 * way Bybit publishes them, with injected {@link Scenario}s (spoofs, icebergs, sweeps, bursts, regime shifts, trends)
 * whose ground truth {@link #episodes()} reports.
 *
 * <h2>What it emits</h2>
 * Through a {@link MarketEventSink}, in time order:
 * <ul>
 *   <li>a book snapshot (update id 1) of the best {@link GeneratorConfig#levelsPerSide()} levels per side, then every
 *       {@link GeneratorConfig#bookIntervalNs()} a delta (update ids contiguous) carrying only the levels whose
 *       published size changed — the new absolute size, 0 for a level gone or fallen below the published depth — so
 *       every published book holds exactly {@code levelsPerSide} levels per side, never crossed; no delta when nothing
 *       changed. {@code exchangeTimeNs} is the publication time, {@code matchTimeNs} the time of the last change it
 *       carries;
 *   <li>every trade when it happens, before the delta that reflects it; the fills of one marketable order share their
 *       match time and come best price first;
 *   <li>every {@link GeneratorConfig#tickerIntervalNs()} a ticker: first every field (last price, best bid/ask price and
 *       size, mark price = mid, index price = fair value, funding rate, next funding time on the 00:00/08:00/16:00 UTC
 *       grid, funding interval 8 h), then only the fields that changed. The {@link TickerState} passed carries exactly
 *       those fields ({@code presentFields() == lastUpdateFields()}), so {@code merge} into a cached state is a delta
 *       merge.
 * </ul>
 * Holders passed to the sink are reused: copy what you keep.
 *
 * <h2>Model</h2>
 * A latent fair value follows a random walk whose volatility depends on a Markov-switching {@link Regime}, with
 * occasional spontaneous trends. The book moves only through orders (queue-reactive): resting orders arrive geometric
 * in distance from the touch; each resting lot near the top is cancelled at a rate that falls with its depth, so
 * cancellations scale with the queue and queues stay bounded; marketable orders (log-normal sizes, taker side 50/50
 * when the mid sits at the fair value) consume the best levels — one trade per price, at most 4 levels per order; a
 * spread wider than a tick is soon improved by a new quote on either side. The mid moves when a best level is
 * exhausted, so the thinner side tends to go first and book imbalance predicts the next move. Takers and new resting
 * orders lean toward the fair value, and makers cancel from the quote standing in its way, which keeps the mid within a
 * few ticks of it.
 *
 * <p>That is the legacy model ({@link GeneratorConfig#LEGACY_PREDICTABILITY}). With a predictability in [0, 1] the
 * <em>martingale model</em> runs instead (specified on {@link GeneratorConfig}): the same order flow and patterns, but
 * the mid moves only at book publications, by a symmetric random walk decided by nothing published before, plus the
 * injected post-pattern moves of which the stated share follows the pattern; background trades and cancellations
 * never move it.
 *
 * <p>With the defaults in the NORMAL regime: 20 book deltas/s (one per 50 ms interval), ~6.5 trades/s, 10 tickers/s;
 * the spread is one tick in ~95 % of publications; the mid's 1-second volatility is ~3 ticks (LOW ~1.4, HIGH ~6,
 * EXTREME ~11); when the best sizes differ by more than 30 % of their sum, the next mid move goes toward the thinner
 * side ~68 % of the time.
 *
 * <h2>Structure</h2>
 * The market is the clock and the publisher: it steps to the next internal event (a background order, a scenario
 * action, a regime switch, a natural trend, a publication), keeps the true book and publishes book, trades and ticker.
 * The background order flow is {@code BackgroundFlow}; the martingale model's owed moves are {@code MartingaleWalk};
 * each injected scenario runs as a {@code ScenarioActor} of its kind ({@code SpoofActor}, {@code IcebergActor}, {@code
 * SweepActor}, {@code BurstActor}, {@code RegimeShiftActor}, {@code TrendActor}), which acts through the market's
 * package-private operations and restricts the background flow through {@code FlowConstraints}.
 *
 * <h2>Determinism and cost</h2>
 * The same config and scenarios always give the same event stream, however {@link #run} is split into calls. The
 * background and the scenarios draw from two generators seeded from {@link GeneratorConfig#seed()}, so the market
 * before the first scenario does not depend on the scenarios. An hour of market (72,000 book deltas at 50 ms, several
 * hundred thousand order events) takes well under a second; nothing is allocated per event. Not thread-safe.
 */
public final class SyntheticMarket {
    static final long NEVER = Long.MAX_VALUE;
    /** Index of the bid side in per-side arrays. */
    static final int BID = 0;
    /** Index of the ask side in per-side arrays. */
    static final int ASK = 1;

    static final long NS_PER_S = 1_000_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long FUNDING_INTERVAL_MS = 8 * 3_600_000L;

    /** Levels the true book keeps beyond the published depth (removed from the bottom above 3× this). */
    private static final int MARGIN_LEVELS = 64;
    /** Log-normal shape of resting order and cancellation sizes. */
    static final double LEVEL_SIZE_SIGMA = 1.0;
    /** Volatility factor while a scenario's pattern or post-episode drift runs. */
    private static final double CALM = 0.25;
    /** A scenario sizes its orders from the median of this many best levels. */
    private static final int MEDIAN_LEVELS = 20;

    private final GeneratorConfig config;
    private final int levels;
    private final long bookIntervalNs;
    private final long tickerIntervalNs;
    private final long tickE8;
    private final double levelMu;
    private final long p99Lots;
    private final long minLots;
    private final double floorTicks;

    private final SplittableRandom rng;
    private final SplittableRandom scenarioRng;
    /** Whether the martingale model runs (see {@link GeneratorConfig}); otherwise the legacy queue-reactive one. */
    private final boolean martingale;
    /** The martingale model's owed moves ({@code null} in the legacy model). */
    private final MartingaleWalk walk;

    private final SimLevels[] sides;
    private final BookUpdate update;
    private final TickerState tickerFull = new TickerState();
    private final TickerState tickerDelta = new TickerState();
    private final TickerState tickerOut = new TickerState();
    private final long[] scratch = new long[MEDIAN_LEVELS];
    private final FlowConstraints constraints = new FlowConstraints();
    private final BackgroundFlow flow;

    private final List<Scenario> scenarios;
    private final List<ScenarioEpisode> episodes = new ArrayList<>();

    private MarketEventSink sink;
    private long nowNs;
    private long nextPublishNs;
    private long nextTickerNs;
    private long nextFlowNs;
    private long nextRegimeNs = NEVER;
    private long nextTrendNs = NEVER;
    private long trendEndNs = NEVER;
    private long actionNs = NEVER;
    private long refillNs = NEVER;
    private long releaseNs = NEVER;

    private double fairTicks;
    private long fairTimeNs;
    private Regime regime;
    private Regime forcedRegime;
    private int trendDir;
    private long updateId;
    private long crossSeq;
    private long lastChangeNs;
    private long lastTradePriceTicks = SimLevels.NONE;
    private boolean snapshotDone;
    private boolean tickerStarted;
    private long emitted;
    private long bookUpdates;
    private long trades;
    private long tickers;

    // the running scenario, if any, and the next to start
    private int nextScenario;
    private ScenarioActor active;

    /**
     * @param config the market's parameters
     * @param scenarios patterns to inject, in any order; their windows ({@link Scenario#windowNs()}) must not overlap
     * @throws IllegalArgumentException if two scenarios overlap, naming both
     */
    public SyntheticMarket(GeneratorConfig config, List<Scenario> scenarios) {
        this.config = Objects.requireNonNull(config, "config");
        final List<Scenario> sorted = new ArrayList<>(Objects.requireNonNull(scenarios, "scenarios"));
        sorted.sort(Comparator.comparingLong(Scenario::atNs));
        for (int i = 1; i < sorted.size(); i++) {
            final Scenario prev = sorted.get(i - 1);
            final Scenario next = sorted.get(i);
            if (next.atNs() < prev.atNs() + prev.windowNs()) {
                throw new IllegalArgumentException("scenarios overlap: " + prev.spec() + " controls the market for "
                        + Durations.format(prev.windowNs()) + ", so " + next.spec()
                        + " must start at or after "
                        + Durations.format(prev.atNs() + prev.windowNs()));
            }
        }
        this.scenarios = Collections.unmodifiableList(sorted);
        this.levels = config.levelsPerSide();
        this.bookIntervalNs = config.bookIntervalNs();
        this.tickerIntervalNs = config.tickerIntervalNs();
        final int scale = config.instrument().priceScale();
        this.tickE8 = config.instrument().tickSize().movePointRight(scale).longValueExact()
                * Decimals.pow10(TickerState.E8_SCALE - scale);
        this.levelMu = Math.log(config.restingOrderMedianLots());
        this.p99Lots = config.orderSizeP99Lots();
        this.minLots = Math.max(1, config.instrument().minQtyLots());
        final int maxLevels = levels + 3 * MARGIN_LEVELS;
        final int capacity = Integer.highestOneBit(Math.max(8192, 16 * maxLevels) - 1) << 1;
        this.sides = new SimLevels[] {new SimLevels(Side.BUY, capacity), new SimLevels(Side.SELL, capacity)};
        this.floorTicks = 4.0 * maxLevels + 100;
        this.update = new BookUpdate(maxLevels);
        this.rng = new SplittableRandom(config.seed());
        this.scenarioRng = new SplittableRandom(config.seed() ^ 0x5CE7A210_9E3779B9L);
        this.martingale = config.martingale();
        this.walk = martingale ? new MartingaleWalk(rng, config.predictability()) : null;
        this.flow = new BackgroundFlow(this, rng, sides, constraints);

        final long start = config.startTimeNs();
        this.nowNs = start;
        this.fairTimeNs = start;
        this.lastChangeNs = start;
        this.nextPublishNs = start;
        this.nextTickerNs = start;
        this.regime = config.startRegime();
        buildInitialBook();
        this.fairTicks = mid();
        scheduleRegimeSwitch();
        if (config.trendsPerHour() > 0) {
            nextTrendNs = start + expNs(3600.0 / config.trendsPerHour());
        }
        actionNs = this.scenarios.isEmpty()
                ? NEVER
                : alignAction(start + this.scenarios.get(0).atNs());
        scheduleFlow();
    }

    // ------------------------------------------------------------------ public API

    public GeneratorConfig config() {
        return config;
    }

    /** The scenarios, in start order. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Time up to which the market has been generated, ns since the epoch (the start time before the first event). */
    public long nowNs() {
        return nowNs;
    }

    /**
     * Generates {@code durationNs} more of market: every event with a time in {@code (nowNs, nowNs + durationNs]} (the
     * first call includes the start time itself). Splitting a run into several calls gives the same stream.
     */
    public void run(long durationNs, MarketEventSink sink) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0, got " + durationNs);
        }
        final long end = nowNs + durationNs;
        while (nextEventNs() <= end) {
            step(sink);
        }
        nowNs = end;
    }

    /**
     * Processes the next internal event (an order, a scenario action, a regime change, a publication) and advances
     * {@link #nowNs()} to its time.
     *
     * @return whether anything was emitted to the sink
     */
    public boolean step(MarketEventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        final long before = emitted;
        final long t = nextEventNs();
        nowNs = t;
        updateFair(t);
        if (refillNs == t) {
            active.refill();
            scheduleFlow();
        } else if (releaseNs == t) {
            releaseConstraints();
            scheduleFlow();
        } else if (actionNs == t) {
            scenarioAction();
            maintainDepth();
            scheduleFlow();
        } else if (nextFlowNs == t) {
            flow.event();
            maintainDepth();
            scheduleFlow();
        } else if (nextRegimeNs == t) {
            regime = regime.next(rng.nextDouble());
            scheduleRegimeSwitch();
            scheduleFlow();
        } else if (nextTrendNs == t) {
            startNaturalTrend();
        } else if (trendEndNs == t) {
            endNaturalTrend();
        } else if (nextPublishNs == t) {
            if (martingale && snapshotDone) {
                applyMoves();
            }
            publishBook();
            nextPublishNs += bookIntervalNs;
        } else {
            publishTicker();
            nextTickerNs += tickerIntervalNs;
        }
        return emitted != before;
    }

    /**
     * What was injected so far, in start order: an episode is listed from the moment its pattern starts, with its
     * planned end times, and completed as it unfolds. A scenario starting after the last generated time is absent.
     */
    public List<ScenarioEpisode> episodes() {
        return List.copyOf(episodes);
    }

    /** The current volatility regime. */
    public Regime regime() {
        return regime;
    }

    /** The latent fair value in ticks (what the order flow leans toward). */
    public double fairPriceTicks() {
        return fairTicks;
    }

    /** Best bid of the true book, in ticks (may be ahead of the last publication). */
    public long bestBidTicks() {
        return sides[BID].best;
    }

    /** Best ask of the true book, in ticks (may be ahead of the last publication). */
    public long bestAskTicks() {
        return sides[ASK].best;
    }

    /** Size of a level of the true book in lots, 0 if empty. */
    public long sizeLots(Side side, long priceTicks) {
        return sides[side == Side.BUY ? BID : ASK].size(priceTicks);
    }

    /** Size of a level as last published, 0 if that price is not among the published levels. */
    public long publishedSizeLots(Side side, long priceTicks) {
        return sides[side == Side.BUY ? BID : ASK].publishedSize(priceTicks);
    }

    /** The base market's 99th-percentile marketable order size in lots ({@link GeneratorConfig#orderSizeP99Lots()}). */
    public long orderSizeP99Lots() {
        return p99Lots;
    }

    /** Book messages emitted (the snapshot and the deltas). */
    public long bookUpdates() {
        return bookUpdates;
    }

    /** Trades emitted. */
    public long trades() {
        return trades;
    }

    /** Ticker messages emitted. */
    public long tickers() {
        return tickers;
    }

    // ------------------------------------------------------------------ scheduling

    /** Time of the next internal event (what {@link #step} processes next), ns since the epoch. */
    public long nextEventNs() {
        long t = nextPublishNs;
        t = Math.min(t, nextTickerNs);
        t = Math.min(t, nextFlowNs);
        t = Math.min(t, nextRegimeNs);
        t = Math.min(t, nextTrendNs);
        t = Math.min(t, trendEndNs);
        t = Math.min(t, actionNs);
        t = Math.min(t, releaseNs);
        return Math.min(t, refillNs);
    }

    private long expNs(double meanS) {
        return 1 + (long) (rng.nextExponential() * meanS * NS_PER_S);
    }

    private void scheduleRegimeSwitch() {
        if (forcedRegime != null || config.regimeMeanDwellNs() == 0) {
            nextRegimeNs = NEVER;
            return;
        }
        final double meanS = config.regimeMeanDwellNs() * regime.dwellMultiplier() / NS_PER_S;
        nextRegimeNs = nowNs + expNs(meanS);
    }

    private void scheduleFlow() {
        nextFlowNs = nowNs + expNs(1.0 / flow.rate());
    }

    private void updateFair(long t) {
        final long dt = t - fairTimeNs;
        if (dt <= 0) {
            return;
        }
        fairTimeNs = t;
        if (martingale) {
            accrueMoves(dt / (double) NS_PER_S);
            return;
        }
        final double sigma = config.volatilityTicksPerSqrtS() * regime.volatilityMultiplier() * (calm() ? CALM : 1.0);
        final double drift = scenarioDriftPerNs() + (trendDir == 0 ? 0 : trendDir * config.trendTicksPerS() / NS_PER_S);
        fairTicks += sigma * Math.sqrt(dt / (double) NS_PER_S) * rng.nextGaussian() + drift * dt;
        if (fairTicks < floorTicks) {
            fairTicks = 2 * floorTicks - fairTicks;
        }
    }

    // ------------------------------------------------------------------ book helpers

    /** Mid of the true book, ticks. */
    double mid() {
        return (sides[BID].best + sides[ASK].best) * 0.5;
    }

    /** Spread of the true book, ticks. */
    long spread() {
        return sides[ASK].best - sides[BID].best;
    }

    /** Sets the size of a level of the true book (0 removes it); published with the next book delta. */
    void setLevel(int s, long priceTicks, long sizeLots) {
        sides[s].set(priceTicks, sizeLots);
        lastChangeNs = nowNs;
        crossSeq++;
    }

    /** Emits a trade now. */
    void trade(long priceTicks, long sizeLots, Side aggressor) {
        sink.onTrade(nowNs, priceTicks, sizeLots, aggressor);
        lastTradePriceTicks = priceTicks;
        trades++;
        emitted++;
    }

    /** A log-normal draw from the background generator, rounded. */
    long logNormal(double mu, double sigma) {
        return Math.round(Math.exp(mu + sigma * rng.nextGaussian()));
    }

    /** A geometric draw (failures before the first success of probability {@code p}) from the background generator. */
    long geometric(double p) {
        return (long) (Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - p));
    }

    /** The size of a new resting order in the current regime, {@code extraLog} larger (log), lots. */
    long newLevelSize(double extraLog) {
        final long s = logNormal(levelMu + Math.log(regime.levelSizeMultiplier()) + extraLog, LEVEL_SIZE_SIGMA);
        return Math.max(minLots, Math.min(s, 1000L * config.restingOrderMedianLots()));
    }

    private void buildInitialBook() {
        final long startBid = config.startPriceTicks();
        for (int s = BID; s <= ASK; s++) {
            final SimLevels l = sides[s];
            long p = s == BID ? startBid : startBid + 1;
            for (int r = 0; r < levels + 2 * MARGIN_LEVELS; r++) {
                l.set(p, newLevelSize(r < 10 ? 0 : 0.3));
                p -= l.dir * (r < 8 ? 1 : 1 + Math.min(2, geometric(0.5)));
            }
        }
    }

    private void maintainDepth() {
        final int min = levels + MARGIN_LEVELS;
        final int max = levels + 3 * MARGIN_LEVELS;
        for (int s = BID; s <= ASK; s++) {
            final SimLevels l = sides[s];
            while (l.count < min) {
                final long p = l.worst - l.dir * (1 + Math.min(2, geometric(0.5)));
                setLevel(s, p, newLevelSize(0.3));
            }
            while (l.count > max) {
                setLevel(s, l.worst, 0);
            }
        }
    }

    // ------------------------------------------------------------------ natural trends

    private void startNaturalTrend() {
        nextTrendNs = NEVER;
        if (active != null) {
            nextTrendNs = nowNs + expNs(3600.0 / config.trendsPerHour());
            return;
        }
        trendDir = rng.nextBoolean() ? 1 : -1;
        final double meanS = config.trendMeanDurationNs() / (double) NS_PER_S;
        final long durationNs = Math.max(10 * NS_PER_S, Math.min(expNs(meanS), 10 * config.trendMeanDurationNs()));
        trendEndNs = nowNs + durationNs;
    }

    private void endNaturalTrend() {
        trendDir = 0;
        trendEndNs = NEVER;
        nextTrendNs = config.trendsPerHour() > 0 ? nowNs + expNs(3600.0 / config.trendsPerHour()) : NEVER;
    }

    // ------------------------------------------------------------------ martingale model

    /**
     * Accrues {@code dtS} seconds of the martingale model's moves: the random walk's variance at the current regime
     * (none while a pattern holds the price, a quarter of the volatility while it drifts) and the injected steps of a
     * post-pattern move or trend, a share of them (the predictability) following its direction and the rest fair
     * coins.
     */
    private void accrueMoves(double dtS) {
        final double factor = holding() ? 0.0 : calm() ? CALM : 1.0;
        final double sigma = config.volatilityTicksPerSqrtS() * regime.volatilityMultiplier() * factor;
        final double rate = scenarioDriftPerNs() * NS_PER_S + (trendDir == 0 ? 0 : trendDir * config.trendTicksPerS());
        walk.accrue(dtS, sigma, rate);
    }

    /**
     * Whether a spoof, iceberg, sweep or burst holds the price: its pattern runs, or the constraints it keeps until the
     * publication that shows its end are still in force.
     */
    private boolean holding() {
        return releaseNs != NEVER || refillNs != NEVER || (active != null && active.holdsPrice());
    }

    /**
     * Moves the mid by what accrued since the last publication (called just before a book publication, so the price
     * changes exactly when the book shows it): the random walk as the difference of two independent Poisson counts of
     * one-tick steps with equal means (a symmetric draw, whatever happened before), plus the injected steps owed.
     * Deferred, with everything owed kept, while a pattern holds the price.
     */
    private void applyMoves() {
        if (holding()) {
            return;
        }
        final long net = walk.take();
        if (net != 0) {
            shiftBook(net);
            maintainDepth();
            scheduleFlow();
        }
    }

    /**
     * Shifts the touch {@code ticks} up (positive) or down, keeping a one-tick spread: the quotes in the way are
     * withdrawn and fresh quotes fill the ticks the other side gains.
     */
    private void shiftBook(long ticks) {
        final int lead = ticks > 0 ? BID : ASK;
        final int other = 1 - lead;
        final SimLevels l = sides[lead];
        final SimLevels o = sides[other];
        final long newBest = l.best + l.dir * Math.abs(ticks);
        while (o.count > 0 && !o.isBetter(newBest, o.best)) {
            setLevel(other, o.best, 0);
        }
        final long newOther = newBest - o.dir;
        if (o.count == 0 || o.best != newOther) {
            setLevel(other, newOther, newLevelSize(0));
        }
        for (long p = l.best + l.dir; l.dir * (newBest - p) >= 0; p += l.dir) {
            setLevel(lead, p, newLevelSize(0));
        }
        fairTicks = mid();
    }

    /** In the martingale model, the first book publication at or after {@code t} (price-moving actions happen there). */
    private long alignAction(long t) {
        if (!martingale) {
            return t;
        }
        final long start = config.startTimeNs();
        final long k = Math.floorDiv(t - start + bookIntervalNs - 1, bookIntervalNs);
        return start + k * bookIntervalNs;
    }

    // ------------------------------------------------------------------ publication

    private void publishBook() {
        final BookUpdate u = update.clear();
        if (!snapshotDone) {
            u.snapshot(true);
            sides[BID].snapshot(u, levels);
            sides[ASK].snapshot(u, levels);
            snapshotDone = true;
            u.matchTimeNs(nowNs);
        } else {
            final int changes = sides[BID].publish(u, levels) + sides[ASK].publish(u, levels);
            if (changes == 0) {
                return;
            }
            u.matchTimeNs(lastChangeNs);
        }
        u.updateId(++updateId).exchangeTimeNs(nowNs).sequence(crossSeq);
        sink.onBook(u);
        bookUpdates++;
        emitted++;
    }

    private void publishTicker() {
        final long bid = sides[BID].best;
        final long ask = sides[ASK].best;
        final long last = lastTradePriceTicks == SimLevels.NONE ? bid : lastTradePriceTicks;
        final long markE8 = (bid + ask) * tickE8 / 2;
        final long indexE8 = Math.round(fairTicks) * tickE8;
        final long nowMs = nowNs / NS_PER_MS;
        final long nextFundingMs = (Math.floorDiv(nowMs, FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS;
        final long bidSize = sides[BID].size(bid);
        final long askSize = sides[ASK].size(ask);
        final TickerState d = tickerDelta;
        final TickerState f = tickerFull;
        d.clear();
        final boolean all = !tickerStarted;
        if (all || f.lastPriceTicks() != last) {
            d.lastPriceTicks(last);
        }
        if (all || f.markPriceE8() != markE8) {
            d.markPriceE8(markE8);
        }
        if (all || f.indexPriceE8() != indexE8) {
            d.indexPriceE8(indexE8);
        }
        if (all || f.fundingRateE8() != config.fundingRateE8()) {
            d.fundingRateE8(config.fundingRateE8());
        }
        if (all || f.nextFundingTimeMs() != nextFundingMs) {
            d.nextFundingTimeMs(nextFundingMs);
        }
        if (all || f.bid1PriceTicks() != bid) {
            d.bid1PriceTicks(bid);
        }
        if (all || f.bid1SizeLots() != bidSize) {
            d.bid1SizeLots(bidSize);
        }
        if (all || f.ask1PriceTicks() != ask) {
            d.ask1PriceTicks(ask);
        }
        if (all || f.ask1SizeLots() != askSize) {
            d.ask1SizeLots(askSize);
        }
        if (all) {
            d.fundingIntervalHours(FUNDING_INTERVAL_MS / 3_600_000L);
        }
        if (d.presentFields() == 0) {
            return;
        }
        tickerStarted = true;
        d.exchangeTimeNs(nowNs).crossSequence(crossSeq);
        f.merge(d);
        tickerOut.clear();
        tickerOut.merge(d);
        sink.onTicker(tickerOut);
        tickers++;
        emitted++;
    }

    // ------------------------------------------------------------------ scenarios

    private void scenarioAction() {
        if (active == null) {
            beginScenario(scenarios.get(nextScenario++));
        } else if (active.drifting()) {
            finishScenario();
        } else {
            active.act();
        }
    }

    private void beginScenario(Scenario sc) {
        if (trendDir != 0) {
            endNaturalTrend();
        }
        active = ScenarioActor.of(sc, this);
        active.begin();
        active.recordEpisode();
    }

    /** Ends the running scenario (its episode recorded as it stands) and schedules the next one. */
    void finishScenario() {
        active.recordEpisode();
        active = null;
        actionNs = nextScenario < scenarios.size()
                ? alignAction(config.startTimeNs() + scenarios.get(nextScenario).atNs())
                : NEVER;
        if (actionNs < nowNs) {
            actionNs = alignAction(nowNs);
        }
    }

    /**
     * Lifts every constraint a scenario put on the background flow. Scenarios keep them one book interval past the
     * end of their pattern, so the publication that shows the end (spoof removed, last refill, swept levels gone) shows
     * it unaltered.
     */
    void releaseConstraints() {
        constraints.release();
        releaseNs = NEVER;
    }

    private boolean calm() {
        return active != null && active.calm;
    }

    private double scenarioDriftPerNs() {
        return active == null ? 0 : active.driftPerNs;
    }

    // ------------------------------------------------------------------ what the flow and the scenarios act through

    SimLevels levels(int s) {
        return sides[s];
    }

    FlowConstraints constraints() {
        return constraints;
    }

    SplittableRandom scenarioRng() {
        return scenarioRng;
    }

    boolean martingale() {
        return martingale;
    }

    long minLots() {
        return minLots;
    }

    long bookIntervalNs() {
        return bookIntervalNs;
    }

    int trendDir() {
        return trendDir;
    }

    /** The running scenario's lean of the background takers toward buying (0 when none runs). */
    double scenarioTakerLean() {
        return active == null ? 0 : active.takerLean;
    }

    /** Median size of the best {@link #MEDIAN_LEVELS} levels of side {@code s}, lots. */
    long medianTopLots(int s) {
        return sides[s].medianSize(MEDIAN_LEVELS, scratch);
    }

    void setFairTicks(double ticks) {
        fairTicks = ticks;
    }

    /** The running scenario's next action happens at {@code t}. */
    void actionAt(long t) {
        actionNs = t;
    }

    /** The flow constraints are released at {@code t}. */
    void releaseAt(long t) {
        releaseNs = t;
    }

    /** The running scenario refills at {@code t} ({@link #NEVER}: no refill pending). */
    void refillAt(long t) {
        refillNs = t;
    }

    boolean refillPending() {
        return refillNs != NEVER;
    }

    /** Holds the market in {@code r} (no regime switches) until {@link #restoreRegime}. */
    void forceRegime(Regime r) {
        forcedRegime = r;
        regime = r;
        nextRegimeNs = NEVER;
    }

    /** Returns to {@code r} and resumes regime switching. */
    void restoreRegime(Regime r) {
        forcedRegime = null;
        regime = r;
        scheduleRegimeSwitch();
    }

    int episodeCount() {
        return episodes.size();
    }

    /** Records (index = count) or updates an episode. */
    void recordEpisode(int index, ScenarioEpisode e) {
        if (index < episodes.size()) {
            episodes.set(index, e);
        } else {
            episodes.add(e);
        }
    }
}
