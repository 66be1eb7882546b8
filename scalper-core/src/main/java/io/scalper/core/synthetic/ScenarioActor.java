package io.scalper.core.synthetic;

import java.util.SplittableRandom;

/**
 * One injected {@link Scenario} while it runs: it acts on the {@link SyntheticMarket}'s book and tape (through the
 * market's package-private operations), constrains the background flow ({@link FlowConstraints}) and records its
 * {@link ScenarioEpisode}. A pattern runs first ({@link #begin}, then an {@link #act} at each time it asks for with
 * {@link SyntheticMarket#actionAt}); then the post-episode drift, which the market ends. While a scenario runs it may
 * calm the fair value, drift it and lean the background takers.
 *
 * <p>Each kind is a subclass; its random draws come from the market's scenario generator in a fixed order, so the
 * market stays deterministic.
 */
abstract class ScenarioActor {
    /** The pattern runs. */
    static final int PHASE_PATTERN = 1;
    /** The pattern has ended and waits for its last publication. */
    static final int PHASE_END = 2;
    /** The post-episode drift. */
    static final int PHASE_DRIFT = 3;

    static final long NS_PER_S = 1_000_000_000L;

    final Scenario scenario;
    final SyntheticMarket m;
    final SplittableRandom rng;
    int phase = PHASE_PATTERN;

    /** Whether the fair value's volatility is damped. */
    boolean calm;
    /** Drift of the fair value (or of the martingale model's owed steps), ticks per ns. */
    double driftPerNs;
    /** Added to the background taker's probability of buying. */
    double takerLean;

    long driftTicks;
    final long driftTimeNs;

    // the episode as it unfolds
    private final int epIndex;
    final long epStartNs;
    long epEndNs;
    long epDriftEndNs;
    long epPrice;
    long epLastPrice;
    long epSize;
    long epVolume;
    int epCount;
    Regime epRegime;

    ScenarioActor(Scenario scenario, SyntheticMarket market, long defaultDriftTicks) {
        this.scenario = scenario;
        this.m = market;
        this.rng = market.scenarioRng();
        final long now = market.nowNs();
        epIndex = market.episodeCount();
        epStartNs = now;
        epEndNs = now;
        epDriftEndNs = now;
        epPrice = market.bestBidTicks();
        epLastPrice = epPrice;
        epRegime = market.regime();
        driftTicks = scenario.longParam(Scenario.DRIFT, defaultDriftTicks);
        driftTimeNs = scenario.driftTimeNs();
    }

    /** The actor for {@code scenario}'s kind, starting now. */
    static ScenarioActor of(Scenario scenario, SyntheticMarket market) {
        switch (scenario.kind()) {
            case SPOOF_BID:
            case SPOOF_ASK:
                return new SpoofActor(scenario, market);
            case ICEBERG_BID:
            case ICEBERG_ASK:
                return new IcebergActor(scenario, market);
            case SWEEP_UP:
            case SWEEP_DOWN:
                return new SweepActor(scenario, market);
            case BURST_BUY:
            case BURST_SELL:
                return new BurstActor(scenario, market);
            case REGIME_SHIFT:
                return new RegimeShiftActor(scenario, market);
            default:
                return new TrendActor(scenario, market);
        }
    }

    /** Starts the pattern (the market records the episode afterwards). */
    abstract void begin();

    /** The action the pattern asked for, now. */
    void act() {
        throw new IllegalStateException(scenario + " has no action in phase " + phase);
    }

    /** Restores what the pattern shows at its price after a fill (icebergs). */
    void refill() {
        throw new IllegalStateException(scenario + " has nothing to refill");
    }

    /** Whether the post-episode drift runs (the market ends the scenario at its next action). */
    final boolean drifting() {
        return phase == PHASE_DRIFT;
    }

    /** Whether the pattern holds the price (the martingale model defers its moves meanwhile). */
    boolean holdsPrice() {
        return phase != PHASE_DRIFT;
    }

    /** Ends the pattern now and starts the post-episode drift from {@code fromTicks}. */
    final void startDrift(double fromTicks) {
        final int dir = scenario.kind().direction();
        calm = true;
        m.setFairTicks(fromTicks);
        if (m.martingale() && scenario.param(Scenario.DRIFT) == null) {
            driftTicks = Math.round(m.config().patternMoveBps() * 1e-4 * m.mid());
        }
        driftPerNs = driftTimeNs == 0 ? 0 : dir * (double) driftTicks / driftTimeNs;
        final long now = m.nowNs();
        epEndNs = now;
        epDriftEndNs = now + driftTimeNs;
        phase = PHASE_DRIFT;
        m.actionAt(epDriftEndNs);
        recordEpisode();
    }

    /** Records the episode as it stands. */
    final void recordEpisode() {
        final ScenarioKind kind = scenario.kind();
        m.recordEpisode(
                epIndex,
                new ScenarioEpisode(
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
                        epRegime));
    }
}
