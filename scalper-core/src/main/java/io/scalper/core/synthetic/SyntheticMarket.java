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
 * <h2>Determinism and cost</h2>
 * The same config and scenarios always give the same event stream, however {@link #run} is split into calls. The
 * background and the scenarios draw from two generators seeded from {@link GeneratorConfig#seed()}, so the market
 * before the first scenario does not depend on the scenarios. An hour of market (72,000 book deltas at 50 ms, several
 * hundred thousand order events) takes well under a second; nothing is allocated per event. Not thread-safe.
 */
public final class SyntheticMarket {
    private static final long NEVER = Long.MAX_VALUE;
    private static final int BID = 0;
    private static final int ASK = 1;
    private static final long NS_PER_S = 1_000_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long FUNDING_INTERVAL_MS = 8 * 3_600_000L;

    /** Levels the true book keeps beyond the published depth (removed from the bottom above 3× this). */
    private static final int MARGIN_LEVELS = 64;
    /** A base-market marketable order takes at most this many levels (a larger sweep is always injected). */
    private static final int MAX_BASE_LEVELS = 4;
    /** P(distance d) ∝ (1 − p)^d for a new resting order d ticks behind its touch. */
    private static final double ADD_DISTANCE_P = 0.35;
    /** Cancellations hit the best this many levels; each lot there is cancelled at rate hazard × decay^rank. */
    private static final int CANCEL_RANKS = 32;

    private static final double CANCEL_RANK_DECAY = 0.75;
    /** Log-normal shape of resting order and cancellation sizes. */
    private static final double LEVEL_SIZE_SIGMA = 1.0;
    /** Rate at which a spread wider than one tick is improved (NORMAL regime). */
    private static final double IMPROVE_PER_S = 100.0;
    /** Rate of makers pulling the quote in the way of the fair value, per tick of distance beyond half a tick. */
    private static final double PULL_PER_S_PER_TICK = 8.0;
    /** Largest lean of the taker side and of the side of new resting orders toward the fair value. */
    private static final double FAIR_LEAN = 0.4;
    /** Distance (ticks) between fair value and mid at which the lean reaches tanh(1) of its largest value. */
    private static final double FAIR_LEAN_TICKS = 2.0;

    /** A spread improvement lands d + 1 ticks inside the touch, P(d) ∝ (1 − p)^d. */
    private static final double IMPROVE_DISTANCE_P = 0.6;
    /** New quotes inside the spread are this much larger (log) than the median resting order. */
    private static final double IMPROVE_SIZE_LOG = 0.3;
    /** Volatility factor while a scenario's pattern or post-episode drift runs. */
    private static final double CALM = 0.25;

    private static final double NATURAL_TREND_TAKER_LEAN = 0.1;
    private static final double SCENARIO_TREND_TAKER_LEAN = 0.15;

    /** Scenario phases: the pattern runs; it has ended and waits for its last publication; the post-episode drift. */
    private static final int PHASE_PATTERN = 1;

    private static final int PHASE_END = 2;
    private static final int PHASE_DRIFT = 3;

    private final GeneratorConfig config;
    private final int levels;
    private final long bookIntervalNs;
    private final long tickerIntervalNs;
    private final long tickE8;
    private final double tradeMu;
    private final double levelMu;
    private final long p99Lots;
    private final long minLots;
    private final double floorTicks;

    private final SplittableRandom rng;
    private final SplittableRandom scenarioRng;
    /** Whether the martingale model runs (see {@link GeneratorConfig}); otherwise the legacy queue-reactive one. */
    private final boolean martingale;
    /** Share of injected steps that follow their pattern's direction (martingale model). */
    private final double share;

    private final SimLevels[] sides;
    private final BookUpdate update;
    private final TickerState tickerFull = new TickerState();
    private final TickerState tickerDelta = new TickerState();
    private final TickerState tickerOut = new TickerState();
    private final long[] scratch = new long[CANCEL_RANKS + 32];
    private final long[][] cancelPrices = new long[2][CANCEL_RANKS];
    private final double[][] cancelRates = new double[2][CANCEL_RANKS];
    private final int[] cancelCount = new int[2];
    private final double cancelHazardPerLot;
    /** Cancellation rates as of the last {@link #scheduleFlow()}; every book change is followed by one. */
    private double cancelRateBid;

    private double cancelRateAsk;

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
    // martingale model: random-walk variance (ticks²) and injected steps owed since the last applied move
    private double varianceBudget;
    private double dueUp;
    private double dueDown;
    private double dueCoin;
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

    // constraints a running scenario puts on the background flow (index BID/ASK = resting side)
    private final long[] guard = {SimLevels.NONE, SimLevels.NONE};
    private final long[] frozen = {SimLevels.NONE, SimLevels.NONE};
    private final long[] addLimit = {SimLevels.NONE, SimLevels.NONE};
    private final boolean[] suppressTaker = new boolean[2]; // by aggressor ordinal
    private boolean calm;
    private double scenarioDriftPerNs;
    private double scenarioTakerLean;

    // the running scenario
    private int nextScenario;
    private Scenario active;
    private int phase;
    private int sSide;
    private Side sAggressor;
    private Regime sPrevRegime;
    private long sPrice;
    private long sOrigSize;
    private long sDisplay;
    private int sTotal;
    private final long[] sTimes = new long[64];
    private long sDriftTicks;
    private long sDriftTimeNs;
    private int epIndex;
    private long epStartNs;
    private long epEndNs;
    private long epDriftEndNs;
    private long epPrice;
    private long epLastPrice;
    private long epSize;
    private long epVolume;
    private int epCount;
    private Regime epRegime;

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
        this.tradeMu = Math.log(config.tradeSizeMedianLots());
        this.levelMu = Math.log(config.restingOrderMedianLots());
        this.cancelHazardPerLot = NS_PER_S
                / (double) config.touchOrderLifetimeNs()
                / (config.restingOrderMedianLots() * Math.exp(LEVEL_SIZE_SIGMA * LEVEL_SIZE_SIGMA / 2));
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
        this.share = martingale ? config.predictability() : 0.0;

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
            refill();
            scheduleFlow();
        } else if (releaseNs == t) {
            releaseConstraints();
            scheduleFlow();
        } else if (actionNs == t) {
            scenarioAction();
            maintainDepth();
            scheduleFlow();
        } else if (nextFlowNs == t) {
            flowEvent();
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
        cancelRateBid = cancelWeights(BID);
        cancelRateAsk = cancelWeights(ASK);
        final double total = marketRate()
                + limitRate()
                + cancelRateBid
                + cancelRateAsk
                + improveRate()
                + pullRate(fairTicks - mid());
        nextFlowNs = nowNs + expNs(1.0 / total);
    }

    private double marketRate() {
        return config.marketOrdersPerS() * regime.takerRateMultiplier();
    }

    private double limitRate() {
        return config.limitOrdersPerS();
    }

    private double improveRate() {
        return spread() > 1 ? IMPROVE_PER_S * regime.spreadRecoveryMultiplier() : 0;
    }

    private static double pullRate(double gapTicks) {
        return PULL_PER_S_PER_TICK * Math.max(0, Math.abs(gapTicks) - 0.5);
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
        final double sigma = config.volatilityTicksPerSqrtS() * regime.volatilityMultiplier() * (calm ? CALM : 1.0);
        final double drift = scenarioDriftPerNs + (trendDir == 0 ? 0 : trendDir * config.trendTicksPerS() / NS_PER_S);
        fairTicks += sigma * Math.sqrt(dt / (double) NS_PER_S) * rng.nextGaussian() + drift * dt;
        if (fairTicks < floorTicks) {
            fairTicks = 2 * floorTicks - fairTicks;
        }
    }

    // ------------------------------------------------------------------ book helpers

    private double mid() {
        return (sides[BID].best + sides[ASK].best) * 0.5;
    }

    private long spread() {
        return sides[ASK].best - sides[BID].best;
    }

    private void setLevel(int s, long priceTicks, long sizeLots) {
        sides[s].set(priceTicks, sizeLots);
        lastChangeNs = nowNs;
        crossSeq++;
    }

    private void trade(long priceTicks, long sizeLots, Side aggressor) {
        sink.onTrade(nowNs, priceTicks, sizeLots, aggressor);
        lastTradePriceTicks = priceTicks;
        trades++;
        emitted++;
    }

    private long logNormal(double mu, double sigma) {
        return Math.round(Math.exp(mu + sigma * rng.nextGaussian()));
    }

    private long geometric(double p) {
        return (long) (Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - p));
    }

    private long newLevelSize(double extraLog) {
        final long s = logNormal(levelMu + Math.log(regime.levelSizeMultiplier()) + extraLog, LEVEL_SIZE_SIGMA);
        return Math.max(minLots, Math.min(s, 1000L * config.restingOrderMedianLots()));
    }

    /** Whether removing the best level of side {@code s} would bring its touch to or behind the side's guard. */
    private boolean touchGuarded(int s) {
        final long g = guard[s];
        if (g == SimLevels.NONE) {
            return false;
        }
        final SimLevels l = sides[s];
        final long next = l.deeper(l.best);
        return next == SimLevels.NONE || !l.isBetter(next, g);
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

    // ------------------------------------------------------------------ background order flow

    private void flowEvent() {
        final double gap = fairTicks - mid();
        final double rm = marketRate();
        final double ra = limitRate();
        final double rcBid = cancelRateBid;
        final double rcAsk = cancelRateAsk;
        final double rc = rcBid + rcAsk;
        final double ri = improveRate();
        final double rp = pullRate(gap);
        double u = rng.nextDouble() * (rm + ra + rc + ri + rp);
        if ((u -= rm) < 0) {
            marketOrder(gap);
        } else if ((u -= ra) < 0) {
            limitOrder(gap);
        } else if ((u -= rc) < 0) {
            cancel(rcBid, rcAsk);
        } else if ((u -= ri) < 0) {
            improve();
        } else {
            pull(gap);
        }
    }

    private double lean(double gap) {
        return FAIR_LEAN * Math.tanh(gap / FAIR_LEAN_TICKS);
    }

    private void marketOrder(double gap) {
        double pBuy = 0.5 + lean(gap) + scenarioTakerLean + trendDir * NATURAL_TREND_TAKER_LEAN;
        pBuy = Math.max(0.03, Math.min(0.97, pBuy));
        final Side aggressor = rng.nextDouble() < pBuy ? Side.BUY : Side.SELL;
        final long size = Math.max(
                minLots, Math.min(logNormal(tradeMu, config.tradeSizeSigma()), 1000L * config.tradeSizeMedianLots()));
        if (!suppressTaker[aggressor.ordinal()]) {
            marketable(aggressor, size);
        }
    }

    /** A marketable order: takes the best levels of the other side, at most {@link #MAX_BASE_LEVELS}. */
    private void marketable(Side aggressor, long sizeLots) {
        if (martingale) {
            absorb(aggressor, sizeLots);
            return;
        }
        final int s = aggressor == Side.BUY ? ASK : BID;
        final SimLevels l = sides[s];
        final long g = guard[s];
        long remaining = sizeLots;
        for (int taken = 0; remaining > 0 && taken < MAX_BASE_LEVELS; taken++) {
            final long p = l.best;
            if (p == frozen[s] || (g != SimLevels.NONE && !l.isBetter(p, g))) {
                return;
            }
            final long avail = l.size(p);
            long take = Math.min(avail, remaining);
            if (take == avail && touchGuarded(s)) {
                take = avail - 1;
            }
            if (take <= 0) {
                return;
            }
            trade(p, take, aggressor);
            setLevel(s, p, avail - take);
            remaining -= take;
            if (avail - take > 0) {
                return;
            }
        }
    }

    private void limitOrder(double gap) {
        final int s = rng.nextDouble() < 0.5 + lean(gap) ? BID : ASK;
        final SimLevels l = sides[s];
        final long p = l.best - l.dir * geometric(ADD_DISTANCE_P);
        final long size = newLevelSize(0);
        if (p == frozen[s] || p <= 0 || (addLimit[s] != SimLevels.NONE && l.isBetter(p, addLimit[s]))) {
            return;
        }
        setLevel(s, p, l.size(p) + size);
    }

    /**
     * Fills the cancellation intensities of the best {@link #CANCEL_RANKS} levels of side {@code s}: each resting order
     * (of mean size {@code restingOrderMeanLots}) is cancelled at rate {@code hazard × decay^rank}.
     *
     * @return the side's total cancellation rate, per second
     */
    private double cancelWeights(int s) {
        final SimLevels l = sides[s];
        final int n = Math.min(CANCEL_RANKS, l.count);
        final long[] prices = cancelPrices[s];
        final double[] w = cancelRates[s];
        double total = 0;
        double hazard = cancelHazardPerLot;
        long p = l.best;
        for (int r = 0; r < n; r++) {
            prices[r] = p;
            w[r] = hazard * l.size(p);
            total += w[r];
            hazard *= CANCEL_RANK_DECAY;
            p = l.deeper(p);
        }
        cancelCount[s] = n;
        return total;
    }

    private void cancel(double bidRate, double askRate) {
        double u = rng.nextDouble() * (bidRate + askRate);
        final int s;
        if (u < bidRate) {
            s = BID;
        } else {
            s = ASK;
            u -= bidRate;
        }
        final double[] w = cancelRates[s];
        final int n = cancelCount[s];
        int r = 0;
        while (r < n - 1 && (u -= w[r]) >= 0) {
            r++;
        }
        final SimLevels l = sides[s];
        final long price = cancelPrices[s][r];
        if (price == frozen[s]) {
            return;
        }
        final long left = Math.max(0, l.size(price) - newLevelSize(0));
        if (left == 0 && price == l.best && (martingale || touchGuarded(s))) {
            return;
        }
        setLevel(s, price, left);
    }

    private boolean canImprove(int s) {
        final SimLevels l = sides[s];
        final long p = l.best + l.dir;
        return addLimit[s] == SimLevels.NONE || !l.isBetter(p, addLimit[s]);
    }

    private void improve() {
        final long spread = spread();
        if (spread <= 1) {
            return;
        }
        int s = rng.nextBoolean() ? BID : ASK;
        if (!canImprove(s)) {
            s = 1 - s;
            if (!canImprove(s)) {
                return;
            }
        }
        final SimLevels l = sides[s];
        final long p = l.best + l.dir * (1 + Math.min(spread - 2, geometric(IMPROVE_DISTANCE_P)));
        if (p == frozen[s]) {
            return;
        }
        setLevel(s, p, newLevelSize(IMPROVE_SIZE_LOG));
    }

    private void pull(double gap) {
        final int s = gap > 0 ? ASK : BID;
        final SimLevels l = sides[s];
        final long p = l.best;
        if (p == frozen[s]) {
            return;
        }
        final long left = Math.max(0, l.size(p) - newLevelSize(0));
        if (left == 0 && touchGuarded(s)) {
            return;
        }
        setLevel(s, p, left);
    }

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
     * post-pattern move or trend, a share {@link #share} of them following its direction and the rest fair coins.
     */
    private void accrueMoves(double dtS) {
        final double factor = holding() ? 0.0 : calm ? CALM : 1.0;
        final double sigma = config.volatilityTicksPerSqrtS() * regime.volatilityMultiplier() * factor;
        varianceBudget += sigma * sigma * dtS;
        final double rate = scenarioDriftPerNs * NS_PER_S + (trendDir == 0 ? 0 : trendDir * config.trendTicksPerS());
        if (rate != 0) {
            final double steps = Math.abs(rate) * dtS;
            if (rate > 0) {
                dueUp += share * steps;
            } else {
                dueDown += share * steps;
            }
            dueCoin += (1 - share) * steps;
        }
    }

    /**
     * Whether a spoof, iceberg, sweep or burst holds the price: its pattern runs, or the constraints it keeps until the
     * publication that shows its end are still in force.
     */
    private boolean holding() {
        if (releaseNs != NEVER || refillNs != NEVER) {
            return true;
        }
        if (active == null || phase == PHASE_DRIFT) {
            return false;
        }
        final ScenarioKind k = active.kind();
        return k != ScenarioKind.REGIME_SHIFT && k != ScenarioKind.TREND_UP && k != ScenarioKind.TREND_DOWN;
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
        final double mu = varianceBudget;
        varianceBudget = 0;
        long net = mu > 0 ? poisson(mu / 2) - poisson(mu / 2) : 0;
        final long up = (long) dueUp;
        final long down = (long) dueDown;
        final long coins = (long) dueCoin;
        dueUp -= up;
        dueDown -= down;
        dueCoin -= coins;
        net += up - down;
        for (long i = 0; i < coins; i++) {
            net += rng.nextBoolean() ? 1 : -1;
        }
        if (net != 0) {
            shiftBook(net);
            maintainDepth();
            scheduleFlow();
        }
    }

    private long poisson(double mean) {
        if (mean < 40) {
            final double limit = Math.exp(-mean);
            long k = 0;
            double product = rng.nextDouble();
            while (product > limit) {
                k++;
                product *= rng.nextDouble();
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
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

    /**
     * A marketable order of the martingale model: prints in full at the touch and never moves the price; a touch it
     * would empty is refilled to the minimum quantity.
     */
    private void absorb(Side aggressor, long sizeLots) {
        final int s = aggressor == Side.BUY ? ASK : BID;
        final SimLevels l = sides[s];
        final long p = l.best;
        if (p == frozen[s]) {
            return;
        }
        trade(p, sizeLots, aggressor);
        setLevel(s, p, Math.max(minLots, l.size(p) - sizeLots));
    }

    /** After a sweep in the martingale model: the sweeping side's quotes follow up to one tick from the new touch. */
    private void closeSweptGap() {
        final int taker = 1 - sSide;
        final SimLevels t = sides[taker];
        final long target = sides[sSide].best - t.dir;
        for (long p = t.best + t.dir; t.dir * (target - p) >= 0; p += t.dir) {
            setLevel(taker, p, newLevelSize(0));
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
            return;
        }
        if (phase == PHASE_DRIFT) {
            finish();
            return;
        }
        switch (active.kind()) {
            case SPOOF_BID:
            case SPOOF_ASK:
                setLevel(sSide, sPrice, sOrigSize);
                releaseNs = nowNs + bookIntervalNs + 1;
                startDrift(mid());
                break;
            case ICEBERG_BID:
            case ICEBERG_ASK:
                if (phase == PHASE_PATTERN) {
                    icebergFill();
                } else {
                    releaseConstraints();
                    startDrift(mid());
                }
                break;
            case BURST_BUY:
            case BURST_SELL:
                burstTrade();
                break;
            case REGIME_SHIFT:
                forcedRegime = null;
                regime = sPrevRegime;
                scheduleRegimeSwitch();
                epLastPrice = sides[BID].best;
                finish();
                break;
            case TREND_UP:
            case TREND_DOWN:
                epLastPrice = sides[BID].best;
                finish();
                break;
            default:
                throw new IllegalStateException(active + " has no action in phase " + phase);
        }
    }

    private void beginScenario(Scenario sc) {
        active = sc;
        if (trendDir != 0) {
            endNaturalTrend();
        }
        final ScenarioKind kind = sc.kind();
        epIndex = episodes.size();
        epStartNs = nowNs;
        epEndNs = nowNs;
        epDriftEndNs = nowNs;
        epPrice = sides[BID].best;
        epLastPrice = epPrice;
        epSize = 0;
        epVolume = 0;
        epCount = 0;
        epRegime = regime;
        sDriftTicks = sc.longParam(Scenario.DRIFT, defaultDriftTicks(kind));
        sDriftTimeNs = sc.driftTimeNs();
        phase = PHASE_PATTERN;
        switch (kind) {
            case SPOOF_BID:
            case SPOOF_ASK:
                beginSpoof(sc);
                break;
            case ICEBERG_BID:
            case ICEBERG_ASK:
                beginIceberg(sc);
                break;
            case SWEEP_UP:
            case SWEEP_DOWN:
                sweep(sc);
                break;
            case BURST_BUY:
            case BURST_SELL:
                beginBurst(sc);
                break;
            case REGIME_SHIFT: {
                final Regime r = sc.regimeParam(Regime.HIGH);
                final long durationNs = sc.durationParam(Scenario.DURATION, 60 * NS_PER_S);
                sPrevRegime = regime;
                forcedRegime = r;
                regime = r;
                epRegime = r;
                nextRegimeNs = NEVER;
                epEndNs = nowNs + durationNs;
                epDriftEndNs = epEndNs;
                actionNs = epEndNs;
                break;
            }
            default: {
                final double rate = sc.doubleParam(Scenario.RATE, 1.5);
                final long durationNs = sc.durationParam(Scenario.DURATION, 60 * NS_PER_S);
                scenarioDriftPerNs = kind.direction() * rate / NS_PER_S;
                scenarioTakerLean = kind.direction() * SCENARIO_TREND_TAKER_LEAN;
                epEndNs = nowNs + durationNs;
                epDriftEndNs = epEndNs;
                actionNs = epEndNs;
                break;
            }
        }
        recordEpisode();
    }

    private static long defaultDriftTicks(ScenarioKind kind) {
        switch (kind) {
            case SWEEP_UP:
            case SWEEP_DOWN:
                return 5;
            case BURST_BUY:
            case BURST_SELL:
                return 6;
            default:
                return 8;
        }
    }

    private void beginSpoof(Scenario sc) {
        sSide = sc.kind() == ScenarioKind.SPOOF_BID ? BID : ASK;
        final SimLevels l = sides[sSide];
        final long distance = sc.longParam(Scenario.DISTANCE, 1 + scenarioRng.nextInt(3));
        final long multiple = sc.longParam(Scenario.MULTIPLE, 20);
        sPrice = l.best - l.dir * distance;
        sOrigSize = l.size(sPrice);
        final long added = multiple * Math.max(minLots, l.medianSize(20, scratch));
        setLevel(sSide, sPrice, sOrigSize + added);
        guard[sSide] = sPrice;
        frozen[sSide] = sPrice;
        calm = true;
        fairTicks = mid();
        final long holdNs = sc.durationParam(
                Scenario.HOLD,
                Scenario.SPOOF_MIN_HOLD_NS
                        + scenarioRng.nextLong(Scenario.SPOOF_MAX_HOLD_NS - Scenario.SPOOF_MIN_HOLD_NS + 1));
        epPrice = sPrice;
        epLastPrice = sPrice;
        epSize = added;
        epEndNs = nowNs + holdNs;
        epDriftEndNs = epEndNs + sDriftTimeNs;
        actionNs = epEndNs;
    }

    private void beginIceberg(Scenario sc) {
        sSide = sc.kind() == ScenarioKind.ICEBERG_BID ? BID : ASK;
        sAggressor = sSide == BID ? Side.SELL : Side.BUY;
        final SimLevels l = sides[sSide];
        sPrice = l.best;
        sDisplay = Math.max(4 * minLots, l.medianSize(20, scratch) / 3);
        setLevel(sSide, sPrice, sDisplay);
        frozen[sSide] = sPrice;
        addLimit[sSide] = sPrice;
        suppressTaker[sAggressor.ordinal()] = true;
        calm = true;
        fairTicks = mid();
        sTotal = (int) sc.longParam(Scenario.FILLS, 8 + scenarioRng.nextInt(8));
        final long durationNs = sc.durationParam(Scenario.DURATION, 5 * NS_PER_S);
        final long spacing = durationNs / sTotal;
        for (int i = 0; i < sTotal; i++) {
            sTimes[i] = nowNs + bookIntervalNs + 1 + i * spacing + (long) (scenarioRng.nextDouble() * spacing / 2);
        }
        epPrice = sPrice;
        epLastPrice = sPrice;
        epSize = sDisplay;
        epEndNs = sTimes[sTotal - 1] + 2 * bookIntervalNs + 1;
        epDriftEndNs = epEndNs + sDriftTimeNs;
        actionNs = sTimes[0];
    }

    private void icebergFill() {
        if (refillNs != NEVER) {
            refill();
        }
        final long shown = sides[sSide].size(sPrice);
        final long lo = Math.max(1, (shown + 1) / 2);
        final long hi = Math.max(lo, Math.min(shown - 1, shown * 95 / 100));
        final long x = lo + scenarioRng.nextLong(hi - lo + 1);
        trade(sPrice, x, sAggressor);
        setLevel(sSide, sPrice, shown - x);
        epVolume += x;
        epCount++;
        refillNs = nowNs + bookIntervalNs + 1;
        if (epCount < sTotal) {
            actionNs = sTimes[epCount];
        } else {
            phase = PHASE_END;
            actionNs = refillNs + bookIntervalNs;
        }
        recordEpisode();
    }

    /**
     * Lifts every constraint a scenario put on the background flow. Scenarios keep them one book interval past the
     * end of their pattern, so the publication that shows the end (spoof removed, last refill, swept levels gone) shows
     * it unaltered.
     */
    private void releaseConstraints() {
        for (int s = BID; s <= ASK; s++) {
            guard[s] = SimLevels.NONE;
            frozen[s] = SimLevels.NONE;
            addLimit[s] = SimLevels.NONE;
        }
        suppressTaker[0] = false;
        suppressTaker[1] = false;
        releaseNs = NEVER;
    }

    private void refill() {
        setLevel(sSide, sPrice, sDisplay);
        refillNs = NEVER;
    }

    private void sweep(Scenario sc) {
        sAggressor = sc.kind() == ScenarioKind.SWEEP_UP ? Side.BUY : Side.SELL;
        sSide = sAggressor == Side.BUY ? ASK : BID;
        final SimLevels l = sides[sSide];
        final int k = (int) Math.min(sc.longParam(Scenario.LEVELS, 5), l.count - 1);
        epPrice = l.best;
        for (int i = 0; i < k; i++) {
            final long p = l.best;
            final long size = l.size(p);
            trade(p, size, sAggressor);
            setLevel(sSide, p, 0);
            epVolume += size;
            epLastPrice = p;
        }
        epCount = k;
        if (martingale) {
            closeSweptGap();
            startDrift(mid());
            return;
        }
        addLimit[sSide] = l.best;
        releaseNs = nowNs + bookIntervalNs + 1;
        startDrift(l.best);
    }

    private void beginBurst(Scenario sc) {
        sAggressor = sc.kind() == ScenarioKind.BURST_BUY ? Side.BUY : Side.SELL;
        sSide = sAggressor == Side.BUY ? ASK : BID;
        sTotal = (int) sc.longParam(Scenario.TRADES, 6 + scenarioRng.nextInt(7));
        final long durationNs = sc.durationParam(Scenario.DURATION, 2 * NS_PER_S);
        final long spacing = durationNs / sTotal;
        for (int i = 0; i < sTotal; i++) {
            sTimes[i] = nowNs + i * spacing + (i == 0 ? 0 : (long) (scenarioRng.nextDouble() * spacing * 0.8));
        }
        calm = true;
        fairTicks = mid();
        epEndNs = sTimes[sTotal - 1];
        epDriftEndNs = epEndNs + sDriftTimeNs;
        burstTrade();
    }

    private void burstTrade() {
        final SimLevels l = sides[sSide];
        final long p = l.best;
        final long size = Math.round(p99Lots * (2.0 + 1.5 * scenarioRng.nextDouble()));
        if (martingale) {
            trade(p, size, sAggressor); // absorbed: the touch stays
        } else {
            setLevel(sSide, p, size);
            trade(p, size, sAggressor);
            setLevel(sSide, p, 0);
        }
        if (epCount == 0) {
            epPrice = p;
        }
        epLastPrice = p;
        epVolume += size;
        epCount++;
        fairTicks = mid();
        if (epCount < sTotal) {
            actionNs = sTimes[epCount];
            recordEpisode();
        } else {
            startDrift(mid());
        }
    }

    /** Ends the pattern now and starts the post-episode drift from {@code fromTicks}. */
    private void startDrift(double fromTicks) {
        final int dir = active.kind().direction();
        calm = true;
        fairTicks = fromTicks;
        if (martingale && active.param(Scenario.DRIFT) == null) {
            sDriftTicks = Math.round(config.patternMoveBps() * 1e-4 * mid());
        }
        scenarioDriftPerNs = sDriftTimeNs == 0 ? 0 : dir * (double) sDriftTicks / sDriftTimeNs;
        epEndNs = nowNs;
        epDriftEndNs = nowNs + sDriftTimeNs;
        phase = PHASE_DRIFT;
        actionNs = epDriftEndNs;
        recordEpisode();
    }

    private void finish() {
        recordEpisode();
        calm = false;
        scenarioDriftPerNs = 0;
        scenarioTakerLean = 0;
        active = null;
        phase = 0;
        actionNs = nextScenario < scenarios.size()
                ? alignAction(config.startTimeNs() + scenarios.get(nextScenario).atNs())
                : NEVER;
        if (actionNs < nowNs) {
            actionNs = alignAction(nowNs);
        }
    }

    private void recordEpisode() {
        final ScenarioKind kind = active.kind();
        final ScenarioEpisode e = new ScenarioEpisode(
                kind,
                epStartNs,
                epEndNs,
                epDriftEndNs,
                kind.direction(),
                epPrice,
                epLastPrice,
                epSize,
                epVolume,
                epCount,
                epRegime);
        if (epIndex < episodes.size()) {
            episodes.set(epIndex, e);
        } else {
            episodes.add(e);
        }
    }
}
