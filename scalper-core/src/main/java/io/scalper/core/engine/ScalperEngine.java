package io.scalper.core.engine;

import io.scalper.core.book.OrderBook;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.EdgeConfig;
import io.scalper.core.edge.ForwardReturns;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.ExecutionEngine;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderManager;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.exec.RetryBudget;
import io.scalper.core.exec.VenueOrder;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.feature.FeatureEngine;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.DrawdownTiers;
import io.scalper.core.risk.EntryContext;
import io.scalper.core.risk.KillSwitch;
import io.scalper.core.risk.PositionSizer;
import io.scalper.core.risk.RefusalCounters;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.risk.RiskGates;
import io.scalper.core.risk.SizingResult;
import io.scalper.core.risk.SlippageMonitor;
import io.scalper.core.risk.TradingState;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.Signal;
import io.scalper.core.signal.SignalFusion;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.time.Clock;
import io.scalper.core.time.Scheduler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place a strategy is assembled: market data → features → signals → fusion → risk gates → smart order router
 * → OCO brackets → exchange, and order events back → orders, position, PnL, round trips.
 *
 * <p>Built with {@link #builder()}. Consumes market events (through {@link #marketListener()}), order events (it is
 * the gateway's {@link ExecutionListener}) and timer ticks (from the {@link Scheduler}) on one thread — live, the
 * runtime's engine thread; in a backtest, the runner's. The engine cannot tell which. State getters are for the same
 * thread (status displays copy them there).
 *
 * <h2>The venue is the truth</h2>
 *
 * <ul>
 *   <li>"Protected" means a stop the venue acknowledged. A position without one for longer than {@code
 *       execution.maxUnprotected} is re-protected (a new stop) or, when the stop's fate is unknown, flattened; the
 *       longest such stretch is measured ({@link #maxUnprotectedNs()}).
 *   <li>Positions the venue reports ({@link ExecutionListener#onVenuePosition}) are compared with the engine's. A push
 *       that disagrees for longer than {@code execution.positionCheckGrace} makes the engine ask the venue ({@link
 *       ExchangeGateway#requestVenueCheck}); two authoritative answers in a row that disagree the same way are
 *       reconciled: the engine's position becomes the venue's, journalled with both figures, and is bracketed or
 *       closed per the {@link ReconcilePolicy}. Entries are refused meanwhile ({@code venue_mismatch}).
 *   <li>Every automatic order action has a retry budget with back-off; when one is spent the kill switch trips
 *       ({@code order_retries}) and the venue is checked.
 * </ul>
 */
public final class ScalperEngine implements ExecutionListener {
    private final Instrument instrument;
    private final MarketState market;
    private final SignalPipeline pipeline;
    private final ExchangeGateway gateway;
    private final Clock clock;
    private final ExecutionConfig execConfig;
    private final RiskConfig riskConfig;
    private final io.scalper.core.signal.FusionConfig fusionConfig;
    private final EdgeConfig edgeConfig;
    private final EdgeCalibration calibration;
    private final ForwardReturns forwardReturns;
    private final int costPath;
    private double makerFeeRate;
    private double takerFeeRate;
    private double lastExpectedEdgeBps = Double.NaN;
    private double lastCostBps = Double.NaN;
    private double lastSpreadBps = Double.NaN;
    private long fundingClosedForMs = Long.MIN_VALUE;
    private long fundingCloses;
    private long cappedEntries;
    private final Position position;
    private final ExecutionEngine execution;
    private final RiskGates gates;
    private final PositionSizer sizer;
    private final DrawdownTiers drawdown;
    private final DailyLossLimit dailyLoss;
    private final SlippageMonitor slippage;
    private final KillSwitch killSwitch;
    /** The account shared with the engines of other symbols, or {@code null} when this engine trades alone. */
    private final Portfolio portfolio;

    private final RefusalCounters refusals;
    private final EntryContext entryContext = new EntryContext();
    private final List<EntryGate> customGates;
    private final EngineListener listener;
    private final double initialEquity;
    private final RoundTripAssembler trips;
    private final MarketDataListener marketListener;

    private double feedAgeNs = Double.NaN;
    private Order lastBreachOrder;
    private double roundTripNs = Double.NaN;
    private final java.util.Map<String, long[]> customRefusals = new java.util.TreeMap<>();
    private long lastLossExitNs = Long.MIN_VALUE;
    private long unknownFills;
    private long invariantViolations;
    private long fundingEvents;
    private long overshoots;
    private int depth;
    private final java.util.ArrayDeque<Object> deferred = new java.util.ArrayDeque<>();

    // protection and venue truth
    private final ReconcilePolicy mismatchPolicy;
    private long unprotectedSinceNs = NONE;
    private boolean unprotectedBreach;
    private long maxUnprotectedNs;
    private long venueLots = NONE;
    private long mismatchSinceNs = NONE;
    private long confirmVenueLots = NONE;
    private long confirmEngineLots = NONE;
    private boolean venueCheckInFlight;
    private long venueCheckSentNs;
    private final RetryBudget venueChecks;
    private long venueChecksSent;
    private long reconciliations;
    private int entryRejects;
    private long entryBackoffUntilNs = NONE;
    private long retriesSpent;
    private long venueAlerts;

    private static final long NONE = Long.MIN_VALUE;
    /** A venue check unanswered for this long is considered lost (asked again when the budget allows). */
    private static final long VENUE_CHECK_TIMEOUT_NS = 10_000_000_000L;

    private ScalperEngine(Builder b) {
        this.instrument = b.instrument;
        this.clock = b.clock;
        this.gateway = b.gateway;
        this.execConfig = b.config.execution();
        this.riskConfig = b.config.risk();
        this.fusionConfig = b.config.fusion();
        this.edgeConfig = b.config.edge();
        this.calibration = b.calibration != null
                ? b.calibration
                : new EdgeCalibration(
                        edgeConfig.horizonNs(),
                        EdgeCalibration.DEFAULT_BUCKETS,
                        edgeConfig.priorSamples(),
                        edgeConfig.halfLifeSamples());
        this.forwardReturns =
                new ForwardReturns(edgeConfig.horizonNs(), edgeConfig.sampleIntervalNs(), this::onForwardReturn);
        this.costPath = RoundTripCosts.pathIndex(edgeConfig.path());
        this.makerFeeRate = Double.isNaN(b.makerFeeRate) ? b.config.backtest().makerFeeRate() : b.makerFeeRate;
        this.takerFeeRate = Double.isNaN(b.takerFeeRate) ? b.config.backtest().takerFeeRate() : b.takerFeeRate;
        this.listener = b.extraListeners.isEmpty() ? b.listener : new FanOutListener(b.listener, b.extraListeners);
        this.initialEquity = b.initialEquity;
        this.customGates = List.copyOf(b.gates);
        this.market = b.market != null
                ? b.market
                : new MarketState(instrument, b.config.book().maxDepth(), b.config.tape());
        final SignalFusion.Builder fusion =
                SignalFusion.builder(b.config.fusion()).addBuiltIns(b.config.signals());
        for (int i = 0; i < b.signals.size(); i++) {
            fusion.add(b.signals.get(i), b.signalWeights.get(i));
        }
        this.pipeline = new SignalPipeline(market, new FeatureEngine(b.config.features(), market), fusion.build());
        this.position = new Position(instrument);
        this.trips = new RoundTripAssembler(instrument.symbol(), position);
        final ClientOrderIds ids = b.clientOrderIds != null
                ? b.clientOrderIds
                : new ClientOrderIds(execConfig.clientIdPrefix(), clock.nowMs(), new SecureRandom().nextLong());
        this.execution = new ExecutionEngine(
                execConfig, instrument, position, market.book(), gateway, ids, clock, new ExecutionEngine.Callbacks() {
                    @Override
                    public void onOrderSubmitted(Order order) {
                        listener.onOrderSubmitted(order);
                    }

                    @Override
                    public void onRetriesSpent(String what) {
                        ScalperEngine.this.onRetriesSpent(what);
                    }
                });
        this.mismatchPolicy = b.mismatchPolicy;
        this.venueChecks = RetryBudget.of(execConfig);
        this.gates = new RiskGates(riskConfig);
        this.refusals = gates.counters();
        this.sizer = new PositionSizer(riskConfig);
        this.portfolio = b.portfolio;
        // with several symbols on one account, the daily loss and the drawdown are the account's (shared)
        this.drawdown = portfolio != null ? portfolio.drawdown() : new DrawdownTiers(riskConfig);
        this.dailyLoss = portfolio != null ? portfolio.dailyLoss() : new DailyLossLimit(riskConfig);
        this.slippage = new SlippageMonitor(riskConfig);
        this.killSwitch = new KillSwitch(riskConfig);
        if (portfolio == null) {
            drawdown.onEquity(initialEquity);
        } else {
            portfolio.register(this);
        }
        gateway.setListener(this);
        this.marketListener = new MarketDataListener() {
            @Override
            public void onBook(MarketState m, int result) {
                final Decision d = pipeline.book(m);
                if (d != null) {
                    onDecision(d, pipeline.features());
                }
            }

            @Override
            public void onTrades(MarketState m, int count) {
                final Decision d = pipeline.trades(m, count);
                if (d != null) {
                    onDecision(d, pipeline.features());
                }
            }
        };
        if (b.scheduler != null) {
            b.scheduler.schedulePeriodic(
                    clock.nowNs() + execConfig.timerIntervalNs(), execConfig.timerIntervalNs(), this::onTimer);
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Where market data goes: plug it into a feed decoder or a {@link io.scalper.core.market.MarketStateSink} over
     * {@link #market()}.
     */
    public MarketDataListener marketListener() {
        return marketListener;
    }

    /** Housekeeping tick (reprice timeouts, escalation, entry timeout) — called by the scheduler. */
    public void onTimer() {
        enter();
        try {
            final long now = clock.nowNs();
            pipeline.featureEngine().advanceTo(now);
            execution.updateEntry(pipeline.decision().fused(), now);
            execution.onTimer(now);
            checkVenue(now);
        } finally {
            leave();
        }
    }

    /**
     * Marks the engine busy. Events a gateway delivers while the engine is busy (a synchronous acknowledgement of the
     * order it is sending) are queued and handled, in order, when the outermost call finishes: the engine's state is
     * never changed under its own feet.
     */
    private void enter() {
        depth++;
    }

    private void leave() {
        if (depth == 1) {
            Object e;
            while ((e = deferred.poll()) != null) {
                if (e instanceof OrderEvent) {
                    handle((OrderEvent) e);
                } else {
                    handleVenuePosition((VenuePosition) e);
                }
            }
            checkInvariants();
        }
        depth--;
    }

    private void onDecision(Decision d, Features f) {
        enter();
        try {
            decide(d, f);
        } finally {
            leave();
        }
    }

    private void decide(Decision d, Features f) {
        final long now = clock.nowNs();
        final double mid = market.book().mid();
        if (!Double.isNaN(mid)) {
            forwardReturns.onMid(now, mid);
            forwardReturns.onDecision(now, d.fused());
        }
        checkFunding(now);
        listener.onDecision(d);
        drawdown.onEquity(accountEquity());
        execution.onMarket(now);
        execution.updateEntry(d.fused(), now);
        dailyLoss.onTime(now);
        // the limit may be shared with other symbols' engines (one account): follow it whoever saw the change
        if (!dailyLoss.isTripped() && killSwitch.holds(RefusalReason.DAILY_LOSS_LIMIT)) {
            killSwitch.release(RefusalReason.DAILY_LOSS_LIMIT);
        }
        if (killSwitch.tradingState() != TradingState.ACTIVE && execution.entryWorking()) {
            execution.abandonEntry(); // idempotent: a cancel already asked for is not sent again
        }
        if (drawdown.isHalted() && killSwitch.tradingState() == TradingState.ACTIVE) {
            trip(RefusalReason.HALTED_DRAWDOWN);
        }
        if (d.direction() == Decision.FLAT) {
            if (d.vetoed()
                    && d.regime() == io.scalper.core.feature.VolRegime.EXTREME
                    && Math.abs(d.fused()) >= fusionConfig.entryScore()
                    && d.confidence() >= fusionConfig.minConfidence()) {
                // an entry the extreme regime vetoed: counted and journalled like any other refusal
                refusals.increment(RefusalReason.REGIME_EXTREME);
                listener.onRefusal(RefusalReason.REGIME_EXTREME.code(), d);
            }
            return;
        }
        final OrderBook book = market.book();
        final EntryContext ctx = entryContext
                .clear()
                .nowNs(now)
                .features(f)
                .decision(d)
                .positionLots(position.qtyLots())
                .entryWorking(execution.entryWorking() || execution.exitWorking())
                .spreadTicks(f.spreadTicks())
                .bookSynced(book.isSynced())
                .lastBookUpdateNs(book.lastLocalTimeNs() > 0 ? book.lastLocalTimeNs() : book.lastUpdateTimeNs())
                .latencyNs(feedAgeNs, roundTripNs)
                .nextFundingTimeMs(market.ticker().nextFundingTimeMs())
                .fundingIntervalHours(market.ticker().fundingIntervalHours())
                .lastLossExitNs(lastLossExitNs)
                .tradingState(killSwitch.tradingState())
                .drawdownMultiplier(drawdown.multiplier())
                .dailyLossTripped(dailyLoss.isTripped());
        RefusalReason reason = gates.check(ctx);
        if (reason == null) {
            reason = venueGate(now);
            if (reason == null) {
                reason = edgeGate(d, f);
            }
            if (reason != null) {
                refusals.increment(reason);
            }
        }
        if (reason != null) {
            listener.onRefusal(reason.code(), d);
            return;
        }
        for (int i = 0; i < customGates.size(); i++) {
            final String custom = customGates.get(i).refuse(d, f, this);
            if (custom != null) {
                long[] count = customRefusals.get(custom);
                if (count == null) {
                    count = new long[1];
                    customRefusals.put(custom, count);
                }
                count[0]++;
                listener.onRefusal(custom, d);
                return;
            }
        }
        final Side side = d.direction() > 0 ? Side.BUY : Side.SELL;
        final long entryTicks = side == Side.BUY ? f.bestBid() : f.bestAsk();
        setBracketDistances(f);
        SizingResult size = sizer.size(
                accountEquity(), entryTicks, execution.stopDistanceTicks(), instrument, drawdown.multiplier());
        if (size.refusal() == null && portfolio != null) {
            // the account's caps, all symbols together
            final long fits = portfolio.fit(this, size.lots(), entryTicks);
            if (fits == 0) {
                size = SizingResult.refused(RefusalReason.ACCOUNT_NOTIONAL);
            } else if (fits < size.lots()) {
                size = new SizingResult(
                        fits,
                        size.riskAmount() * fits / size.lots(),
                        null,
                        size.uncappedLots(),
                        RefusalReason.ACCOUNT_NOTIONAL);
            }
        }
        if (size.refusal() != null) {
            refusals.increment(size.refusal());
            listener.onRefusal(size.refusal().code(), d);
            return;
        }
        if (size.cappedBy() != null) {
            // the cap binds: the smaller size is used, and the trade's R is what it actually risks
            cappedEntries++;
            listener.onSizeCapped(size);
        }
        trips.planEntry(size.riskAmount(), d);
        // taking liquidity both ways is worth it when the expected move beats the taker/taker round trip too
        final boolean urgent = edgeConfig.enabled()
                && lastExpectedEdgeBps
                        >= RoundTripCosts.bps(2, makerFeeRate, takerFeeRate, lastSpreadBps) + edgeConfig.marginBps();
        execution.enter(side, size.lots(), now, urgent);
    }

    /** Entry gates on the venue's side: a position difference being checked, back-off after rejections, busy gateway. */
    private RefusalReason venueGate(long now) {
        if (mismatchSinceNs != NONE) {
            return RefusalReason.VENUE_MISMATCH;
        }
        if (entryBackoffUntilNs != NONE && now - entryBackoffUntilNs < 0) {
            return RefusalReason.ENTRY_BACKOFF;
        }
        if (!gateway.isReadyForEntries()) {
            return RefusalReason.GATEWAY_BUSY;
        }
        return null;
    }

    /**
     * The expected-edge gate: the calibration's expected move over the holding horizon, in the entry's direction, must
     * beat the round-trip cost of the likely execution path at the current spread plus the margin.
     */
    private RefusalReason edgeGate(Decision d, Features f) {
        final double mid = f.mid();
        final double spreadBps = mid > 0 ? f.spreadTicks() * 1e4 / mid : Double.NaN;
        lastSpreadBps = spreadBps;
        final double expected = calibration.expectedMoveBps(d.fused());
        lastExpectedEdgeBps = d.direction() > 0 ? expected : -expected;
        lastCostBps = RoundTripCosts.bps(costPath, makerFeeRate, takerFeeRate, spreadBps);
        if (!edgeConfig.enabled()) {
            return null;
        }
        return lastExpectedEdgeBps >= lastCostBps + edgeConfig.marginBps() ? null : RefusalReason.EDGE_BELOW_COST;
    }

    /** A decision's forward return resolved: the calibration learns from every decision, traded or not. */
    private void onForwardReturn(long index, long decisionTimeNs, double score, double forwardReturnBps) {
        calibration.record(score, forwardReturnBps);
    }

    /**
     * Bracket distances for the next entry: the stop at least {@code stopTicks}, {@code stopVolMultiple} standard
     * deviations of the mid over {@code volHorizon}, and {@code stopCostMultiple} round-trip costs (maker entry, taker
     * exit); the take-profit at least {@code takeProfitTicks} and {@code takeProfitRatio} stops.
     */
    private void setBracketDistances(Features f) {
        final double horizonSec = execConfig.volHorizonNs() / 1e9;
        final double volTicks = f.volTicksPerSqrtSec() * Math.sqrt(horizonSec);
        final double mid = f.mid();
        final double spreadBps = mid > 0 ? f.spreadTicks() * 1e4 / mid : 0;
        final double costTicks = mid > 0 ? RoundTripCosts.bps(1, makerFeeRate, takerFeeRate, spreadBps) * mid / 1e4 : 0;
        double stop = execConfig.stopTicks();
        if (Double.isFinite(volTicks)) {
            stop = Math.max(stop, execConfig.stopVolMultiple() * volTicks);
        }
        if (Double.isFinite(costTicks)) {
            stop = Math.max(stop, execConfig.stopCostMultiple() * costTicks);
        }
        final long stopTicks = Math.max(1, (long) Math.ceil(stop));
        final long takeProfitTicks =
                Math.max(execConfig.takeProfitTicks(), (long) Math.ceil(execConfig.takeProfitRatio() * stopTicks));
        execution.bracketDistances(stopTicks, takeProfitTicks);
    }

    /**
     * Funding: a position open when the window before a funding time starts is closed ({@code risk.fundingClose}),
     * once per funding time, so the strategy stays flat around it; entries are refused by the funding gate.
     */
    private void checkFunding(long now) {
        if (!riskConfig.fundingClose() || position.isFlat() || riskConfig.fundingWindowNs() <= 0) {
            return;
        }
        final long nextMs = market.ticker().nextFundingTimeMs();
        if (nextMs <= 0 || nextMs == fundingClosedForMs) {
            return;
        }
        final long untilNs = nextMs * 1_000_000L - now;
        if (untilNs <= riskConfig.fundingWindowNs() && untilNs > -riskConfig.fundingWindowNs()) {
            fundingClosedForMs = nextMs;
            fundingCloses++;
            listener.onAlert("funding_close", "position " + position.qtyLots() + " lots closed before funding");
            execution.abandonEntry();
            execution.flatten();
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (depth > 0) {
            deferred.add(event);
            return;
        }
        enter();
        try {
            handle(event);
        } finally {
            leave();
        }
    }

    @Override
    public void onVenuePosition(VenuePosition report) {
        if (!instrument.symbol().equals(report.symbol())) {
            return;
        }
        if (depth > 0) {
            deferred.add(report);
            return;
        }
        enter();
        try {
            handleVenuePosition(report);
        } finally {
            leave();
        }
    }

    @Override
    public void onVenueAlert(String symbol, String code, String detail) {
        if (!instrument.symbol().equals(symbol)) {
            return;
        }
        enter();
        try {
            venueAlerts++;
            listener.onAlert(code, detail);
            trip(RefusalReason.VENUE_ALERT);
            requestVenueCheck(clock.nowNs(), true);
        } finally {
            leave();
        }
    }

    /** An automatic order action used its whole retry budget: stop entries, ask the venue what it holds. */
    private void onRetriesSpent(String what) {
        retriesSpent++;
        listener.onAlert("order_retries", what + ": retry budget spent");
        trip(RefusalReason.ORDER_RETRIES);
        requestVenueCheck(clock.nowNs(), true);
    }

    private void handleVenuePosition(VenuePosition report) {
        final long now = clock.nowNs();
        venueLots = report.signedLots();
        final long engineLots = position.qtyLots();
        if (report.authoritative()) {
            venueCheckInFlight = false;
        }
        if (venueLots == engineLots) {
            mismatchSinceNs = NONE;
            confirmVenueLots = NONE;
            if (report.authoritative()) {
                venueChecks.reset();
            }
            return;
        }
        if (mismatchSinceNs == NONE) {
            mismatchSinceNs = now;
        }
        if (!report.authoritative()) {
            return; // a push may lead or trail its fills: checked over REST after the grace period
        }
        if (confirmVenueLots == venueLots && confirmEngineLots == engineLots) {
            reconcile(report, "venue_check");
            return;
        }
        // one read can race a fill; a second one that disagrees the same way settles it
        confirmVenueLots = venueLots;
        confirmEngineLots = engineLots;
        requestVenueCheck(now, true);
    }

    /**
     * Asks the venue for its position and the fills since the last one delivered — the read that follows a stream gap
     * — so that a fill whose push was lost shows; the answers arrive as events ({@link #onVenuePosition}, fills).
     * The runtime calls it when stopping, before the venue-level shutdown. Engine thread.
     */
    public void verifyWithVenue() {
        enter();
        try {
            requestVenueCheck(clock.nowNs(), true);
        } finally {
            leave();
        }
    }

    /** Whether a read of the venue the engine asked for is still unanswered (given up after 10 s). */
    public boolean venueCheckPending() {
        return venueCheckInFlight && clock.nowNs() - venueCheckSentNs <= VENUE_CHECK_TIMEOUT_NS;
    }

    /** Timer: asks the venue when a disagreement outlived the grace period (or a confirmation is due). */
    private void checkVenue(long now) {
        if (venueCheckInFlight && now - venueCheckSentNs > VENUE_CHECK_TIMEOUT_NS) {
            venueCheckInFlight = false;
        }
        if (mismatchSinceNs == NONE) {
            return;
        }
        if (position.qtyLots() == venueLots && confirmVenueLots == NONE) {
            mismatchSinceNs = NONE; // fills caught up with the push
            return;
        }
        final boolean due = confirmVenueLots != NONE || now - mismatchSinceNs >= execConfig.positionCheckGraceNs();
        if (due) {
            requestVenueCheck(now, false);
        }
    }

    private void requestVenueCheck(long now, boolean force) {
        if (venueCheckInFlight && !force) {
            return;
        }
        if (!venueChecks.tryAcquire(now)) {
            if (venueChecks.isSpent()) {
                // the venue keeps disagreeing in ways a second read does not confirm: stop entries, keep checking
                // slowly
                if (killSwitch.tradingState() == TradingState.ACTIVE) {
                    listener.onAlert("venue_mismatch", "venue checks did not settle the position");
                    trip(RefusalReason.ORDER_RETRIES);
                }
                venueChecks.reset();
            }
            return;
        }
        venueCheckInFlight = true;
        venueCheckSentNs = now;
        venueChecksSent++;
        gateway.requestVenueCheck(instrument.symbol());
    }

    /**
     * Makes the engine's position the venue's: the difference is booked as an adjustment (the part the engine held beyond
     * the venue's at the mid price, the part the venue holds beyond the engine's at the venue's average entry) — no
     * order, nothing sent anywhere; then the position is bracketed or closed per the policy.
     */
    private void reconcile(VenuePosition report, String cause) {
        final long engineLots = position.qtyLots();
        final long target = report.signedLots();
        mismatchSinceNs = NONE;
        confirmVenueLots = NONE;
        venueChecks.reset();
        reconciliations++;
        final String action = target == 0 ? "flat" : mismatchPolicy == ReconcilePolicy.FLATTEN ? "flatten" : "adopt";
        listener.onReconciled(instrument.symbol(), engineLots, target, report.avgEntryTicks(), action, cause);
        setPosition(target, report.avgEntryTicks());
        if (target != 0 && mismatchPolicy == ReconcilePolicy.FLATTEN) {
            execution.flatten();
        }
    }

    private void setPosition(long target, long avgEntryTicks) {
        final long now = clock.nowNs();
        long current = position.qtyLots();
        if (current == target) {
            return;
        }
        final double mid = market.book().mid();
        final long reduceAt = Double.isNaN(mid)
                ? (avgEntryTicks > 0 ? avgEntryTicks : Math.round(position.avgEntryTicks()))
                : Math.round(mid);
        // first close what the engine holds beyond the venue (all of it when the venue is flat or on the other side)
        if (current != 0 && (Long.signum(current) != Long.signum(target) || Math.abs(current) > Math.abs(target))) {
            final long close =
                    Long.signum(current) != Long.signum(target) ? Math.abs(current) : Math.abs(current - target);
            bookAdjustment(current > 0 ? Side.SELL : Side.BUY, close, reduceAt, now);
            current = position.qtyLots();
        }
        if (current != target) {
            final long add = Math.abs(target - current);
            final long price = avgEntryTicks > 0 ? avgEntryTicks : reduceAt;
            bookAdjustment(target > current ? Side.BUY : Side.SELL, add, price, now);
        }
    }

    /**
     * Books a change of the position that no order of this run made (the venue's position taken over): the position,
     * the round trip and the bracket follow as after a fill, fee-free, but no order or fill is made up — it is
     * journalled through {@link EngineListener#onReconciled}, and a round trip it closes ends as {@code external}.
     */
    private void bookAdjustment(Side side, long lots, long priceTicks, long now) {
        final long price = Math.max(1, priceTicks);
        final long before = position.qtyLots();
        final double pnl = position.onFill(side, price, lots, 0.0, now);
        trips.onFill(side, price, lots, 0.0, pnl, before, OrderPurpose.EXTERNAL, execution.intendedPriceTicks(), now);
        closeOrFlipTrip(before, price, OrderPurpose.EXTERNAL, now);
        execution.onPositionChanged();
        if (position.isFlat()) {
            killSwitch.onPositionFlat(now);
        }
    }

    /**
     * Adopts a position found at the venue (start-up): the engine's position becomes {@code signedLots} at {@code
     * avgEntryTicks} and is bracketed (or closed, under {@link ReconcilePolicy#FLATTEN}), journalled through {@link
     * EngineListener#onReconciled}. No order is made up for it. Engine thread, before trading.
     */
    public void adoptPosition(long signedLots, long avgEntryTicks) {
        enter();
        try {
            reconcile(
                    new VenuePosition(instrument.symbol(), signedLots, avgEntryTicks, true, 0, clock.nowNs()),
                    "startup");
        } finally {
            leave();
        }
    }

    /**
     * Takes over what the venue holds for this instrument when the engine starts: the orders working there for the
     * position (its stop and take-profit left by a previous run, say), then the position itself. Engine thread, before
     * trading.
     *
     * <ol>
     *   <li>Each working order is registered as an order the venue acknowledged, with its venue id — no event is made
     *       up — so that its fills move the position like any other fill (instead of tripping the unknown-fill switch)
     *       and its end is tracked; the listener is told ({@link EngineListener#onOrderAdopted}). An order already
     *       known is left as it is.
     *   <li>A position that is not flat is adopted as with {@link #adoptPosition}: it becomes the engine's, journalled
     *       through {@link EngineListener#onReconciled} ({@code startup}), and is bracketed by the engine's own OCO
     *       (or closed, under {@link ReconcilePolicy#FLATTEN}).
     *   <li>With {@code cancelWorking}, the working orders are then cancelled: their replacements were sent first, so
     *       the position keeps a stop working at the venue throughout.
     * </ol>
     *
     * @param signedLots the venue's position, signed lots (0: flat)
     * @param avgEntryTicks its average entry price, ticks
     * @param working the orders working at the venue for this instrument (usually {@link OrderPurpose#EXTERNAL})
     * @param cancelWorking whether to cancel them once the position is bracketed
     * @return the engine's orders for {@code working}, in the same order
     * @throws IllegalArgumentException when an order is for another symbol
     */
    public List<Order> adopt(long signedLots, long avgEntryTicks, List<VenueOrder> working, boolean cancelWorking) {
        for (VenueOrder w : working) {
            if (!instrument.symbol().equals(w.request().symbol())) {
                throw new IllegalArgumentException("adopt: order " + w.request().clientOrderId() + " is for "
                        + w.request().symbol() + ", not " + instrument.symbol());
            }
        }
        final List<Order> adopted = new ArrayList<>(working.size());
        enter();
        try {
            for (VenueOrder w : working) {
                final boolean known = execution.orders().get(w.request().clientOrderId()) != null;
                final Order o = execution.adopt(w.request(), w.venueOrderId());
                if (!known) {
                    listener.onOrderAdopted(o);
                }
                adopted.add(o);
            }
        } finally {
            leave();
        }
        if (signedLots != 0) {
            adoptPosition(signedLots, avgEntryTicks);
        }
        if (cancelWorking) {
            for (Order o : adopted) {
                enter();
                try {
                    execution.cancel(o);
                } finally {
                    leave();
                }
            }
        }
        return adopted;
    }

    private void handle(OrderEvent event) {
        final Order order = execution.apply(event);
        listener.onOrderEvent(event, order);
        if (order == null) {
            if (event instanceof OrderEvent.Filled) {
                unknownFills++;
                trip(RefusalReason.UNKNOWN_FILL);
            }
            return;
        }
        if (execution.lastResult() == Order.Result.DUPLICATE) {
            return;
        }
        if (event instanceof OrderEvent.Filled) {
            onFill((OrderEvent.Filled) event, order);
        }
        execution.route(order, event);
        if (order.request().purpose() == OrderPurpose.ENTRY) {
            if (execution.takeRejectedEntry()) {
                onEntryRejected();
            } else if (event instanceof OrderEvent.Accepted || event instanceof OrderEvent.Filled) {
                entryRejects = 0;
                entryBackoffUntilNs = NONE;
            }
        }
    }

    /** The venue refused an entry before anything filled: back off the next one; too many in a row trip the switch. */
    private void onEntryRejected() {
        final long now = clock.nowNs();
        entryRejects++;
        if (entryRejects > execConfig.maxRetries()) {
            entryBackoffUntilNs = NONE;
            entryRejects = 0;
            onRetriesSpent("entry");
            return;
        }
        final long wait =
                Math.min(execConfig.retryMaxBackoffNs(), execConfig.retryBackoffNs() << Math.min(entryRejects - 1, 20));
        entryBackoffUntilNs = now + wait;
    }

    private void onFill(OrderEvent.Filled f, Order order) {
        final long now = clock.nowNs();
        final Side side = order.request().side();
        final long before = position.qtyLots();
        final double pnl = position.onFill(side, f.priceTicks(), f.qtyLots(), f.fee(), now);
        listener.onFill(f, order, position.qtyLots());
        final OrderPurpose purpose = order.request().purpose();
        trips.onFill(
                side, f.priceTicks(), f.qtyLots(), f.fee(), pnl, before, purpose, execution.intendedPriceTicks(), now);
        // slippage against what we intended
        final double expected = expectedPrice(order);
        if (!Double.isNaN(expected)) {
            slippage.onFill(
                    Math.round(expected),
                    f.priceTicks(),
                    side,
                    now,
                    order != lastBreachOrder,
                    slippageAllowanceBps(order));
            if (slippage.lastWasBreach()) {
                lastBreachOrder = order;
            }
            if (slippage.shouldKill()) {
                trip(RefusalReason.SLIPPAGE_BREACHES);
            }
        }
        closeOrFlipTrip(before, f.priceTicks(), purpose, now);
        if (order.request().reduceOnly()
                && !position.isFlat()
                && (before == 0 || Long.signum(before) != Long.signum(position.qtyLots()))) {
            // a reduce-only leg filled past flat (a take-profit/stop race): close what it opened, do not bracket it
            overshoots++;
            execution.onPositionChanged();
            execution.flatten();
            return;
        }
        execution.onPositionChanged();
        if (position.isFlat()) {
            killSwitch.onPositionFlat(now);
        }
    }

    /**
     * The slippage an order's type should expect, bps: none for a limit (it fills at its price or better); for a market
     * or stop-market order half the spread plus twice the mid's one-second volatility.
     */
    private double slippageAllowanceBps(Order order) {
        if (order.request().type() == io.scalper.core.exec.OrderType.LIMIT) {
            return 0;
        }
        final Features f = pipeline.features();
        final double mid = f.mid();
        if (!(mid > 0)) {
            return 0;
        }
        final double spreadBps = f.spreadTicks() * 1e4 / mid;
        final double volBps = Double.isFinite(f.volTicksPerSqrtSec()) ? f.volTicksPerSqrtSec() * 1e4 / mid : 0;
        return spreadBps / 2 + 2 * volBps;
    }

    /** The price a fill is measured against: a limit's own price, else the touch the router meant to trade at. */
    private double expectedPrice(Order order) {
        switch (order.request().purpose()) {
            case ENTRY:
                return order.request().type() == io.scalper.core.exec.OrderType.LIMIT
                        ? order.request().priceTicks()
                        : execution.intendedPriceTicks();
            case STOP_LOSS:
                return order.request().triggerPriceTicks();
            default:
                return Double.NaN;
        }
    }

    /** Ends the trip when the position went flat, or ends it and starts the next when one fill flipped it. */
    private void closeOrFlipTrip(long before, long priceTicks, OrderPurpose purpose, long now) {
        if (position.isFlat() && trips.isOpen()) {
            closeTrip(purpose, now);
        } else if (Long.signum(before) != Long.signum(position.qtyLots()) && before != 0) {
            // flipped through zero in one fill: close the old trip, open a new one
            closeTrip(purpose, now);
            trips.open(purpose, priceTicks, execution.intendedPriceTicks(), now);
        }
    }

    private void closeTrip(OrderPurpose purpose, long now) {
        final RoundTrip trip = trips.close(execution.exitReason(purpose), pipeline.decision(), now);
        // R is what the trade actually risked (a cap may have cut its size); nominal R when it is unknown (adopted)
        final double riskUnit = Double.isFinite(trip.riskAmount()) && trip.riskAmount() > 0
                ? trip.riskAmount()
                : riskConfig.riskUnit(initialEquity + position.netRealized());
        if (dailyLoss.onRealized(trip.netPnl(), riskUnit, now)) {
            trip(RefusalReason.DAILY_LOSS_LIMIT);
        }
        if (trip.netPnl() < 0) {
            lastLossExitNs = now;
        }
        listener.onRoundTrip(trip);
    }

    @Override
    public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
        if (!instrument.symbol().equals(symbol)) {
            return;
        }
        fundingEvents++;
        position.onFunding(amount);
        trips.onFunding(amount);
    }

    @Override
    public void onLatency(long roundTripNs) {
        this.roundTripNs = roundTripNs;
    }

    /** The runtime reports the market-data feed age (local receive − exchange time), ns. */
    public void onFeedAge(long feedAgeNs) {
        this.feedAgeNs = feedAgeNs;
    }

    // ------------------------------------------------------------------ control

    /**
     * Trips the kill switch: no new entries; working entries cancelled; the position flattened with a reduce-only
     * market order when {@code risk.flattenOnKill} (the stop stays until it is flat), else brackets kept. A switch that
     * is already tripped only records the extra reason.
     */
    public void trip(RefusalReason reason) {
        enter();
        try {
            final long now = clock.nowNs();
            final boolean first = killSwitch.trip(reason, now, position.qtyLots());
            if (!first) {
                return;
            }
            execution.abandonEntry();
            if (riskConfig.flattenOnKill() && !position.isFlat()) {
                execution.flatten();
            }
            listener.onTradingState(killSwitch.tradingState().name(), reason.code());
            if (portfolio != null) {
                portfolio.onTrip(this, reason); // the kill switch is the account's: every symbol stops
            }
        } finally {
            leave();
        }
    }

    /**
     * Stops trading: no new entries, working entries cancelled; brackets cancelled unless {@code keepBrackets}; the
     * position flattened if {@code flatten}.
     */
    public void shutdown(boolean keepBrackets, boolean flatten) {
        enter();
        try {
            killSwitch.trip(RefusalReason.SHUTDOWN, clock.nowNs(), position.qtyLots());
            execution.abandonEntry();
            if (flatten && !position.isFlat()) {
                execution.flatten(); // the stop stays until the position is flat
            } else if (!keepBrackets) {
                execution.cancelLegs(); // the take-profit; the stop only when flat
            }
            listener.onTradingState(killSwitch.tradingState().name(), RefusalReason.SHUTDOWN.code());
        } finally {
            leave();
        }
    }

    /**
     * After every event and timer tick: a position without an acknowledged stop for longer than {@code maxUnprotected}
     * is re-protected or flattened (once per stretch counted in {@link #invariantViolations()}).
     */
    private void checkInvariants() {
        final long now = clock.nowNs();
        if (execution.isProtected()) {
            if (unprotectedSinceNs != NONE) {
                maxUnprotectedNs = Math.max(maxUnprotectedNs, now - unprotectedSinceNs);
                unprotectedSinceNs = NONE;
                unprotectedBreach = false;
            }
            return;
        }
        if (unprotectedSinceNs == NONE) {
            unprotectedSinceNs = now;
            return;
        }
        final long stretch = now - unprotectedSinceNs;
        maxUnprotectedNs = Math.max(maxUnprotectedNs, stretch);
        if (stretch > execConfig.maxUnprotectedNs()) {
            if (!unprotectedBreach) {
                unprotectedBreach = true;
                invariantViolations++;
                listener.onAlert(
                        "unprotected", "position " + position.qtyLots() + " lots without an acknowledged stop");
            }
            execution.protect(now);
        }
    }

    // ------------------------------------------------------------------ state

    public Instrument instrument() {
        return instrument;
    }

    /** The engine's clock now, ns. */
    public long nowNs() {
        return clock.nowNs();
    }

    public MarketState market() {
        return market;
    }

    public OrderBook book() {
        return market.book();
    }

    public SignalPipeline pipeline() {
        return pipeline;
    }

    public Decision lastDecision() {
        return pipeline.decision();
    }

    public Position position() {
        return position;
    }

    /** The orders (read-only: the execution layer changes them). */
    public OrderManager orders() {
        return execution.orders();
    }

    public TradingState tradingState() {
        return killSwitch.tradingState();
    }

    public KillSwitch killSwitch() {
        return killSwitch;
    }

    public DailyLossLimit dailyLoss() {
        return dailyLoss;
    }

    public DrawdownTiers drawdown() {
        return drawdown;
    }

    public SlippageMonitor slippage() {
        return slippage;
    }

    public RefusalCounters refusals() {
        return refusals;
    }

    /** Every closed trade so far. */
    public List<RoundTrip> roundTrips() {
        return trips.roundTrips();
    }

    /** Equity: initial + realised net (PnL − fees + funding) + unrealised at mid. */
    public double equity() {
        final double mid = market.book().mid();
        return initialEquity + position.netRealized() + position.unrealizedPnl(mid);
    }

    /**
     * The equity sizing and drawdown are measured on: the account's ({@link Portfolio#equity()}) when this engine
     * shares one with other symbols, else {@link #equity()}.
     */
    public double accountEquity() {
        return portfolio != null ? portfolio.equity() : equity();
    }

    /** The account this engine shares with other symbols' engines, or {@code null} when it trades alone. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** Lots of the working entry still to fill (0 when no entry is working). */
    public long entryLotsWorking() {
        return execution.entryLotsWorking();
    }

    public double initialEquity() {
        return initialEquity;
    }

    /** Whether an entry is being worked. */
    public boolean entryWorking() {
        return execution.entryWorking();
    }

    /** Entries started / entries that got any fill. */
    public long entriesPlaced() {
        return execution.entriesPlaced();
    }

    public long entriesFilled() {
        return execution.entriesFilled();
    }

    /** Current stop-loss trigger price (ticks), or {@link OrderBook#NONE}. */
    public long stopPriceTicks() {
        return position.isFlat() ? OrderBook.NONE : execution.stopPriceTicks();
    }

    public long takeProfitPriceTicks() {
        return position.isFlat() ? OrderBook.NONE : execution.takeProfitPriceTicks();
    }

    /** Whether the position (if any) has a stop the venue acknowledged, covering it. */
    public boolean isProtected() {
        return execution.isProtected();
    }

    /**
     * Stretches during which a position went without an acknowledged stop for longer than {@code
     * execution.maxUnprotected} (each was re-protected or flattened). Should stay 0.
     */
    public long invariantViolations() {
        return invariantViolations;
    }

    /** The longest stretch so far a position went without an acknowledged stop, ns (engine clock). */
    public long maxUnprotectedNs() {
        final long open = unprotectedSinceNs == NONE ? 0 : clock.nowNs() - unprotectedSinceNs;
        return Math.max(maxUnprotectedNs, open);
    }

    /** Times the engine's position was set to the venue's (start-up adoption included). */
    public long reconciliations() {
        return reconciliations;
    }

    /** Venue checks asked of the gateway. */
    public long venueChecks() {
        return venueChecksSent;
    }

    /** Times an automatic order action used its whole retry budget. */
    public long retriesSpent() {
        return retriesSpent;
    }

    /** Venue alerts received (forced executions, unresolved orders). */
    public long venueAlerts() {
        return venueAlerts;
    }

    /** The venue's last reported position, signed lots, or {@link Long#MIN_VALUE} before the first report. */
    public long venuePositionLots() {
        return venueLots;
    }

    /** The expected-edge calibration the gate uses (learned online; persist it with {@link EdgeCalibration#toJson}). */
    public EdgeCalibration edgeCalibration() {
        return calibration;
    }

    /** The last entry's expected move in its direction and its round-trip cost, bps (NaN before the first). */
    public double lastExpectedEdgeBps() {
        return lastExpectedEdgeBps;
    }

    public double lastCostBps() {
        return lastCostBps;
    }

    /** Positions closed because a funding window started. */
    public long fundingCloses() {
        return fundingCloses;
    }

    /** Entries whose size a position or leverage cap cut. */
    public long cappedEntries() {
        return cappedEntries;
    }

    /** Whether the venue's reported position disagrees with the engine's and is being checked. */
    public boolean venueMismatch() {
        return mismatchSinceNs != NONE;
    }

    /** Fills for orders this engine never sent (each trips the kill switch). */
    public long unknownFills() {
        return unknownFills;
    }

    public long fundingEvents() {
        return fundingEvents;
    }

    /** Reduce-only fills that went past flat (leg races) and were closed again. */
    public long overshoots() {
        return overshoots;
    }

    /**
     * Restores persisted risk state after a restart: the daily loss (a tripped limit stays tripped within the same UTC
     * day), the kill switch, and the equity peak the drawdown tiers measure from.
     */
    public void restoreRisk(DailyLossLimit.State daily, KillSwitch.State kill, double peakEquity) {
        final long now = clock.nowNs();
        if (daily != null) {
            dailyLoss.restore(daily, now);
        }
        if (kill != null) {
            killSwitch.restore(kill);
        }
        if (dailyLoss.isTripped() && !killSwitch.holds(RefusalReason.DAILY_LOSS_LIMIT)) {
            killSwitch.trip(RefusalReason.DAILY_LOSS_LIMIT, now, position.qtyLots());
        } else if (!dailyLoss.isTripped() && killSwitch.holds(RefusalReason.DAILY_LOSS_LIMIT)) {
            // tripped on an earlier UTC day: the limit is per day, so that reason no longer holds
            killSwitch.release(RefusalReason.DAILY_LOSS_LIMIT);
        }
        if (peakEquity > 0) {
            drawdown.restorePeak(peakEquity);
        }
    }

    /** Last market-data feed age reported, ns; NaN if none. */
    public double feedAgeNs() {
        return feedAgeNs;
    }

    /** Last order round-trip reported, ns; NaN if none. */
    public double roundTripNs() {
        return roundTripNs;
    }

    /** Refusals by your own gates, by code. */
    public java.util.Map<String, Long> customRefusals() {
        final java.util.Map<String, Long> out = new java.util.TreeMap<>();
        customRefusals.forEach((code, count) -> out.put(code, count[0]));
        return java.util.Collections.unmodifiableMap(out);
    }

    public long reprices() {
        return execution.amends();
    }

    public long escalations() {
        return execution.escalations();
    }

    /** Entries sent straight to IOC because their expected move paid for taking liquidity both ways. */
    public long urgentEntries() {
        return execution.urgentEntries();
    }

    public long legReplacements() {
        return execution.legReplacements();
    }

    public long trailAmends() {
        return execution.trailAmends();
    }

    /** Reads {@code edge.calibrationFile}: the calibration of {@code edge.horizon} in a {@code research --out} file. */
    static EdgeCalibration readCalibration(EdgeConfig edge) {
        final java.nio.file.Path file = java.nio.file.Path.of(edge.calibrationFile());
        try {
            return EdgeCalibration.parse(
                    java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8), edge.horizonNs());
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("edge.calibrationFile: cannot use " + file + ": " + e.getMessage(), e);
        }
    }

    /** A pre-entry gate of the user's own, checked after the built-in ones. */
    @FunctionalInterface
    public interface EntryGate {
        /** A refusal code (lower_snake) to refuse the entry, or {@code null} to allow it. */
        String refuse(Decision decision, Features features, ScalperEngine engine);
    }

    /** Assembles an engine. */
    public static final class Builder {
        private ScalperConfig config = ScalperConfig.defaults();
        private Instrument instrument;
        private Clock clock;
        private Scheduler scheduler;
        private ExchangeGateway gateway;
        private double initialEquity = 10_000;
        private EngineListener listener = EngineListener.NO_OP;
        private final List<EngineListener> extraListeners = new ArrayList<>();
        private ClientOrderIds clientOrderIds;
        private final List<Signal> signals = new ArrayList<>();
        private final List<Double> signalWeights = new ArrayList<>();
        private final List<EntryGate> gates = new ArrayList<>();
        private MarketState market;
        private ReconcilePolicy mismatchPolicy = ReconcilePolicy.ADOPT;
        private EdgeCalibration calibration;
        private double makerFeeRate = Double.NaN;
        private double takerFeeRate = Double.NaN;
        private Portfolio portfolio;

        /**
         * Trades this symbol as one of several on one account (see {@link Portfolio}): the daily loss, the drawdown and
         * the kill switch are the account's, sizing uses the account's equity, and the account's notional caps apply.
         * Give every engine of the account the same portfolio, and the account's equity as {@link #initialEquity}.
         */
        public Builder portfolio(Portfolio portfolio) {
            this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
            return this;
        }

        /**
         * The edge calibration to start from (e.g. restored from the state directory, or read from a research file);
         * by default one with no samples ("no edge") for {@code edge.horizon}, or {@code edge.calibrationFile}.
         */
        public Builder edgeCalibration(EdgeCalibration calibration) {
            this.calibration = Objects.requireNonNull(calibration, "calibration");
            return this;
        }

        /**
         * The account's fee rates (fractions of value; negative for a rebate), which price every entry's round trip and
         * the brackets. Default: the {@code backtest} section's.
         */
        public Builder feeRates(double makerFeeRate, double takerFeeRate) {
            if (!Double.isFinite(makerFeeRate) || !Double.isFinite(takerFeeRate)) {
                throw new IllegalArgumentException("fee rates must be finite");
            }
            this.makerFeeRate = makerFeeRate;
            this.takerFeeRate = takerFeeRate;
            return this;
        }

        private Builder() {}

        /**
         * What to do with a position the venue holds that differs from the engine's, once confirmed (default {@link
         * ReconcilePolicy#ADOPT}: bracket it).
         */
        public Builder reconcilePolicy(ReconcilePolicy policy) {
            this.mismatchPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder config(ScalperConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Reads market data from a {@link MarketState} someone else maintains — a live feed decoder's, whose book the
         * feed keeps in sync — instead of one of its own (fed through {@link #marketListener()}). Its instrument must
         * be the engine's.
         */
        public Builder market(MarketState market) {
            this.market = Objects.requireNonNull(market, "market");
            return this;
        }

        public Builder instrument(Instrument instrument) {
            this.instrument = instrument;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The scheduler for the engine's housekeeping timer (optional: without it, call {@link #onTimer()}). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder gateway(ExchangeGateway gateway) {
            this.gateway = gateway;
            return this;
        }

        /** Starting equity in quote currency (default 10,000). */
        public Builder initialEquity(double equity) {
            if (!(equity > 0 && Double.isFinite(equity))) {
                throw new IllegalArgumentException("initialEquity: must be > 0, got " + equity);
            }
            this.initialEquity = equity;
            return this;
        }

        public Builder listener(EngineListener listener) {
            this.listener = listener == null ? EngineListener.NO_OP : listener;
            return this;
        }

        /**
         * Adds a listener told everything after the {@linkplain #listener main one}, in the order added (a session
         * recording, a comparison); {@link #listener} does not remove it.
         */
        public Builder addListener(EngineListener listener) {
            extraListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Client order id generator (default: prefix from config, run start time, random salt). */
        public Builder clientOrderIds(ClientOrderIds ids) {
            this.clientOrderIds = ids;
            return this;
        }

        /** Adds a signal of your own beside the eight built-in ones. */
        public Builder signal(Signal signal, double weight) {
            signals.add(Objects.requireNonNull(signal, "signal"));
            signalWeights.add(weight);
            return this;
        }

        /** Adds a pre-entry gate of your own. */
        public Builder gate(EntryGate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * @throws IllegalStateException naming what is missing
         */
        public ScalperEngine build() {
            if (instrument == null) {
                throw new IllegalStateException("engine: instrument is required");
            }
            if (clock == null) {
                throw new IllegalStateException("engine: clock is required");
            }
            if (gateway == null) {
                throw new IllegalStateException("engine: gateway is required");
            }
            if (market != null && !market.instrument().equals(instrument)) {
                throw new IllegalStateException("engine: market is for " + market.instrument() + ", not " + instrument);
            }
            if (calibration == null && !config.edge().calibrationFile().isEmpty()) {
                calibration = readCalibration(config.edge());
            }
            if (calibration != null && calibration.horizonNs() != config.edge().horizonNs()) {
                throw new IllegalStateException("edge: the calibration's horizon (" + calibration.horizonNs()
                        + " ns) is not edge.horizon (" + config.edge().horizonNs() + " ns)");
            }
            return new ScalperEngine(this);
        }
    }
}
