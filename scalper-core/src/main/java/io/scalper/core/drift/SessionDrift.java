package io.scalper.core.drift;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.runtime.RuntimeState;
import io.scalper.core.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays a recorded live session ({@link Session}) through the backtester — the same engine, the {@link
 * BacktestRunner} and its {@code SimulatedExchange}, with the configuration, instrument rules, fee rates, starting
 * equity and learned state the live run had, on the session's clock (see {@link SessionTiming}) — and compares what
 * happened live with what the backtest says would have happened, decision by decision, entry by entry, fill by fill
 * and trade by trade, naming the cause of every difference the records explain.
 *
 * <pre>{@code
 * Session s = Session.open(Path.of("state"));
 * DriftResult r = SessionDrift.builder(s, () -> openMarket(s)).build().run();
 * }</pre>
 */
public final class SessionDrift {
    /** Opens the session's market, as a source of one symbol (called once for the replay, once for the queue study). */
    @FunctionalInterface
    public interface MarketOpener {
        MarketSource open() throws IOException;
    }

    /** Default window within which entries on different decisions still match: 1 s of the session's clock. */
    public static final long DEFAULT_MATCH_WINDOW_NS = 1_000_000_000L;

    private static final int DECISION_BUCKETS = 200;

    private final Session session;
    private final String symbol;
    private final MarketOpener market;
    private final Map<String, String> calibration;
    private final long matchWindowNs;
    private final long seed;

    private SessionDrift(Builder b) {
        this.session = b.session;
        this.symbol = b.symbol == null ? b.session.symbol() : b.symbol;
        this.market = b.market;
        this.calibration = Map.copyOf(b.calibration);
        this.matchWindowNs = b.matchWindowNs;
        this.seed = b.seed;
    }

    public static Builder builder(Session session, MarketOpener market) {
        return new Builder(session, market);
    }

    /**
     * The configuration the replay runs with: the recorded one, with the account's fee rates and starting equity the
     * live engine traded with, and the calibration keys on top.
     *
     * @throws IllegalArgumentException naming a calibration key that is unknown or invalid
     */
    public ScalperConfig config() {
        ScalperConfig c = session.config();
        final double maker = session.makerFeeRate(symbol);
        final double taker = session.takerFeeRate(symbol);
        if (!Double.isNaN(maker) && !Double.isNaN(taker)) {
            c = c.with("backtest.makerFeeRate", Double.toString(maker))
                    .with("backtest.takerFeeRate", Double.toString(taker));
        }
        if (session.startEquity() > 0) {
            c = c.with("backtest.initialBalance", Double.toString(session.startEquity()));
        }
        // keys that only make sense together (latencyModel: recorded needs latencyRecording) are applied in passes
        final Map<String, String> left = new LinkedHashMap<>(calibration);
        while (!left.isEmpty()) {
            final int before = left.size();
            IllegalArgumentException first = null;
            for (java.util.Iterator<Map.Entry<String, String>> it =
                            left.entrySet().iterator();
                    it.hasNext(); ) {
                final Map.Entry<String, String> e = it.next();
                try {
                    c = c.with(e.getKey(), e.getValue());
                    it.remove();
                } catch (IllegalArgumentException ex) {
                    if (first == null) {
                        first = ex;
                    }
                }
            }
            if (first != null && left.size() == before) {
                throw first;
            }
        }
        return c;
    }

    /** Replays and compares. */
    public DriftResult run() throws IOException {
        final ScalperConfig cfg = config();
        final Instrument instrument = session.instrument(symbol);
        final List<String> notes = new ArrayList<>();
        final Session.Log log = session.log(symbol);
        if (log.truncated()) {
            notes.add("the session's files end early (the run was killed): compared up to the last second written");
        }
        // where the replay ends: the stop (entries stopped), or where the recording stopped; a killed session is
        // replayed to the end of its data
        final long stopAt = session.truncatedNs() != 0 ? session.truncatedNs() : session.stopNs();
        final long[][] turns = session.steps();
        final long endNs = stopAt != 0
                ? stopAt
                : Math.max(lastTime(log), turns[1].length == 0 ? 0 : turns[1][turns[1].length - 1]);
        if (session.truncatedNs() != 0) {
            notes.add("recording stopped at the disk bound: compared up to there");
        }
        if (session.stopNs() == 0) {
            notes.add("the session has no stop (killed): compared up to its last record");
        }
        if (session.dropped() > 0) {
            notes.add(session.dropped() + " items were dropped by the recorder (it could not keep up)");
        }
        for (Session.Note n : log.notes()) {
            if (n.kind().equals("reconciled") && n.code().equals("adopt")) {
                notes.add("the live run adopted a position found at the venue (" + n.detail()
                        + "): the replay starts flat");
                break;
            }
        }
        final long startNs = session.clockStartNs();
        final SessionTiming timing = new SessionTiming(
                session.clockOffsetNs(), startNs, session.firstStepNs(), turns[0], turns[1], turns[2]);
        final Optional<EdgeCalibration> edge = session.text(Session.START_EDGE)
                .map(t -> EdgeCalibration.parse(t, cfg.edge().horizonNs()));
        final Optional<String> weights = session.text(Session.START_WEIGHTS);
        final Optional<RuntimeState.Restored> risk =
                session.text(Session.START_STATE).isPresent()
                        ? RuntimeState.read(session.directory().resolve(Session.START_STATE), symbol)
                        : Optional.empty();
        final DriftResult.Decisions decisions;
        final ReplayListener replay;
        final BacktestResult result;
        try (Session.DecisionCursor liveDecisions = session.decisions(symbol)) {
            final DecisionComparison dc = new DecisionComparison(liveDecisions, startNs, endNs, DECISION_BUCKETS);
            replay = new ReplayListener(dc);
            final double maker = session.makerFeeRate(symbol);
            final double taker = session.takerFeeRate(symbol);
            result = BacktestRunner.builder()
                    .config(cfg)
                    .source(market.open())
                    .seed(seed)
                    .timing(timing)
                    .maxDurationNs(stopAt == 0 ? 0 : Math.max(1, stopAt - startNs))
                    .flattenAtEnd(session.flattened())
                    .engine(eb -> {
                        eb.addListener(replay);
                        edge.ifPresent(eb::edgeCalibration);
                        if (!Double.isNaN(maker) && !Double.isNaN(taker)) {
                            eb.feeRates(maker, taker);
                        }
                    })
                    .onEngine(e -> {
                        replay.attach(e);
                        restore(e, weights, risk);
                    })
                    .build()
                    .run();
            decisions = new DriftResult.Decisions(
                    dc.compared(),
                    dc.sameDirection(),
                    dc.sameScore(),
                    dc.misaligned(),
                    dc.replayOnly(),
                    dc.liveLeft(),
                    dc.maxAbsDifference(),
                    dc.differences().stream()
                            .map(d -> new DriftResult.DecisionDifference(
                                    d.seq(),
                                    d.clockNs(),
                                    d.liveFused(),
                                    d.liveDirection(),
                                    d.backtestFused(),
                                    d.backtestDirection()))
                            .toList(),
                    dc.bucketNs(),
                    dc.comparedByBucket(),
                    dc.agreedByBucket());
        }
        final long until = session.truncatedNs();
        final SideView live = new SideView(log.commands(), log.answers(), log.trades(), log.notes(), until);
        final SideView bt = new SideView(replay.commands, replay.answers, replay.trades, replay.notes, until);
        final List<DriftResult.Divergence> divergences = new ArrayList<>();
        for (DriftResult.DecisionDifference d : decisions.differences()) {
            divergences.add(new DriftResult.Divergence(
                    d.clockNs(),
                    "decision",
                    String.format(
                            Locale.ROOT,
                            "decision #%d: live fused %.6f (%s), backtest %.6f (%s)",
                            d.seq(),
                            d.liveFused(),
                            direction(d.liveDirection()),
                            d.backtestFused(),
                            direction(d.backtestDirection())),
                    "unexplained: the same messages should give the same decision"));
        }
        final Distribution liveRtt = new Distribution();
        for (long v : log.roundTripsNs()) {
            liveRtt.add(v);
        }
        final Distribution modelRtt = sampleModel(cfg.backtest(), log.roundTripTimesNs(), startNs, endNs);
        final Latencies latencies = new Latencies(log, cfg.backtest(), modelRtt.quantile(0.5), seed);
        final Matching m = match(live, bt, divergences, latencies);
        final DriftResult.Trades trades = trades(live, bt, m, instrument, divergences);
        final DriftResult.Fills fills = fills(live, bt, m);
        divergences.sort(Comparator.comparingLong(DriftResult.Divergence::timeNs));
        final DriftResult.Latency latency = new DriftResult.Latency(
                liveRtt,
                modelRtt,
                replay.roundTrips,
                timing.feedAges(),
                timing.implausible(),
                cfg.backtest().feedLatencyNs());
        final String queueName = cfg.backtest().queueModel().equals("probabilistic")
                ? "probabilistic (queueAheadShare " + cfg.backtest().queueAheadShare() + ")"
                : cfg.backtest().queueModel();
        final QueueStudy.Result q = QueueStudy.run(
                log,
                instrument,
                cfg,
                market.open(),
                new SessionTiming(
                        session.clockOffsetNs(), startNs, session.firstStepNs(), turns[0], turns[1], turns[2]),
                queueName,
                QueueModel.of(cfg.backtest()));
        final DriftResult.Queue queue = new DriftResult.Queue(
                q.orders(),
                q.crossedInSimulation(),
                q.liveFilled(),
                q.simulatedFilled(),
                q.simulatedModel(),
                q.fittedShare(),
                q.fittedFilled(),
                q.fittedAgreement(),
                q.simulatedAgreement(),
                q.shares(),
                q.agreementByShare(),
                q.filledByShare(),
                q.buckets().stream()
                        .map(b -> new DriftResult.QueueBucket(
                                b.label(), b.orders(), b.liveFilled(), b.simulatedFilled(), b.fittedFilled()))
                        .toList());
        final DriftResult.Run run = new DriftResult.Run(
                session.id(),
                session.venue() + (session.paper() ? " (paper)" : ""),
                symbol,
                startNs,
                endNs,
                result.messages(),
                latencyName(cfg.backtest()),
                queueName,
                new LinkedHashMap<>(new java.util.TreeMap<>(calibration)),
                List.copyOf(notes));
        return new DriftResult(
                run,
                decisions,
                m.entries,
                fills,
                trades,
                latency,
                queue,
                List.copyOf(divergences),
                curves(live, bt, result, instrument, startNs));
    }

    /** What the live run restored at start: the adaptive weights and the risk state. */
    private static void restore(ScalperEngine e, Optional<String> weights, Optional<RuntimeState.Restored> risk) {
        weights.ifPresent(w -> e.pipeline().fusion().restoreWeights(w));
        risk.ifPresent(r -> e.restoreRisk(r.daily(), r.kill(), r.peak()));
    }

    private static long lastTime(Session.Log log) {
        long t = 0;
        for (Session.Command c : log.commands()) {
            t = Math.max(t, c.timeNs());
        }
        for (Session.Answer a : log.answers()) {
            t = Math.max(t, a.timeNs());
        }
        for (Session.Note n : log.notes()) {
            t = Math.max(t, n.timeNs());
        }
        return t;
    }

    static String latencyName(BacktestConfig b) {
        if (b.latencyModel().equals(BacktestConfig.RECORDED)) {
            return "recorded round trips from " + b.latencyRecording();
        }
        return b.latencySigma() == 0
                ? String.format(
                        Locale.ROOT,
                        "fixed (order %s ms, response %s ms)",
                        b.orderLatencyNs() / 1e6,
                        b.responseLatencyNs() / 1e6)
                : String.format(
                        Locale.ROOT,
                        "log-normal (medians %s ms and %s ms, sigma %s)",
                        b.orderLatencyNs() / 1e6,
                        b.responseLatencyNs() / 1e6,
                        b.latencySigma());
    }

    /**
     * The order round trips of the backtest's latency model (entry latency + response latency): 10,000 draws, at the
     * times the live round trips were measured (spread over the session when none was).
     */
    private Distribution sampleModel(BacktestConfig b, long[] liveTimesNs, long startNs, long endNs) {
        final Distribution d = new Distribution();
        final LatencyModel model = LatencyModel.of(b, seed);
        final int n = 10_000;
        for (int i = 0; i < n; i++) {
            final long t =
                    liveTimesNs.length > 0 ? liveTimesNs[i % liveTimesNs.length] : startNs + (endNs - startNs) / n * i;
            final long entry = model.entryNs(t);
            d.add(entry + model.responseNs(t + entry));
        }
        return d;
    }

    /** The live round trip and the model's around a time, to tell a latency cause from a queue cause. */
    private static final class Latencies {
        private final long[] liveTimes;
        private final long[] live;
        private final LatencyModel recorded;
        private final double modelMedianNs;

        Latencies(Session.Log log, BacktestConfig b, double modelMedianNs, long seed) {
            this.liveTimes = log.roundTripTimesNs();
            this.live = log.roundTripsNs();
            this.recorded = b.latencyModel().equals(BacktestConfig.RECORDED) ? LatencyModel.of(b, seed) : null;
            this.modelMedianNs = modelMedianNs;
        }

        /** The live round trip measured nearest {@code t}, ns, or NaN. */
        double liveAt(long t) {
            if (liveTimes.length == 0) {
                return Double.NaN;
            }
            int i = SessionTiming.lastAtOrBefore(liveTimes, t);
            if (i < 0 || (i + 1 < liveTimes.length && liveTimes[i + 1] - t < t - liveTimes[i])) {
                i++;
            }
            return live[Math.min(i, live.length - 1)];
        }

        /** The model's round trip at {@code t} (a recorded model's then, another's median), ns. */
        double modelAt(long t) {
            if (recorded != null) {
                final long e = recorded.entryNs(t);
                return e + recorded.responseNs(t + e);
            }
            return modelMedianNs;
        }
    }

    private static String direction(int d) {
        return d > 0 ? "long" : d < 0 ? "short" : "flat";
    }

    // ------------------------------------------------------------------ matching

    private static final class Matching {
        int[] liveToBt;
        int[] btToLive;
        DriftResult.Entries entries;
    }

    private Matching match(SideView live, SideView bt, List<DriftResult.Divergence> out, Latencies latencies) {
        final int nl = live.attempts.size();
        final int nb = bt.attempts.size();
        final Matching m = new Matching();
        m.liveToBt = new int[nl];
        m.btToLive = new int[nb];
        java.util.Arrays.fill(m.liveToBt, -1);
        java.util.Arrays.fill(m.btToLive, -1);
        final Map<Long, Integer> btBySeq = new java.util.HashMap<>();
        for (SideView.Attempt a : bt.attempts) {
            btBySeq.putIfAbsent(a.decisionSeq, a.index);
        }
        for (SideView.Attempt a : live.attempts) {
            final Integer b = btBySeq.get(a.decisionSeq);
            if (b != null && m.btToLive[b] < 0 && bt.attempts.get(b).side == a.side) {
                m.liveToBt[a.index] = b;
                m.btToLive[b] = a.index;
            }
        }
        // then the nearest in time on the same side, within the window
        final List<long[]> pairs = new ArrayList<>();
        for (SideView.Attempt a : live.attempts) {
            if (m.liveToBt[a.index] >= 0) {
                continue;
            }
            for (SideView.Attempt b : bt.attempts) {
                final long dt = Math.abs(b.startNs - a.startNs);
                if (m.btToLive[b.index] < 0 && b.side == a.side && dt <= matchWindowNs) {
                    pairs.add(new long[] {dt, a.index, b.index});
                }
            }
        }
        pairs.sort(Comparator.comparingLong(p -> p[0]));
        for (long[] p : pairs) {
            if (m.liveToBt[(int) p[1]] < 0 && m.btToLive[(int) p[2]] < 0) {
                m.liveToBt[(int) p[1]] = (int) p[2];
                m.btToLive[(int) p[2]] = (int) p[1];
            }
        }
        long matched = 0;
        long both = 0;
        long liveOnly = 0;
        long btOnly = 0;
        long neither = 0;
        for (SideView.Attempt a : live.attempts) {
            final int bi = m.liveToBt[a.index];
            if (bi < 0) {
                out.add(new DriftResult.Divergence(
                        a.startNs,
                        "entry",
                        "live entry " + a.side + " on decision #" + a.decisionSeq + " (" + a.outcome()
                                + "), none in the backtest",
                        whyNoEntry(bt, a, "backtest", latencies)));
                continue;
            }
            matched++;
            final SideView.Attempt b = bt.attempts.get(bi);
            if (a.filled() && b.filled()) {
                both++;
            } else if (a.filled()) {
                liveOnly++;
                out.add(new DriftResult.Divergence(
                        a.startNs,
                        "entry",
                        "entry " + a.side + " on decision #" + a.decisionSeq + ": live " + a.outcome()
                                + after(a.firstFillNs - a.startNs) + ", backtest " + b.outcome(),
                        whyUnfilled(b, "backtest", a, latencies)));
            } else if (b.filled()) {
                btOnly++;
                out.add(new DriftResult.Divergence(
                        a.startNs,
                        "entry",
                        "entry " + a.side + " on decision #" + a.decisionSeq + ": backtest " + b.outcome()
                                + after(b.firstFillNs - b.startNs) + ", live " + a.outcome(),
                        whyUnfilled(a, "live", b, latencies)));
            } else {
                neither++;
                if (a.rejection.isEmpty() != b.rejection.isEmpty()) {
                    final boolean liveRefused = !a.rejection.isEmpty();
                    out.add(new DriftResult.Divergence(
                            a.startNs,
                            "entry",
                            "entry " + a.side + " on decision #" + a.decisionSeq + ": live " + a.outcome()
                                    + ", backtest " + b.outcome(),
                            liveRefused
                                    ? "the venue rejected it: " + a.rejection
                                    : "the simulated exchange rejected it: " + b.rejection));
                }
            }
        }
        for (SideView.Attempt b : bt.attempts) {
            if (m.btToLive[b.index] < 0) {
                out.add(new DriftResult.Divergence(
                        b.startNs,
                        "entry",
                        "backtest entry " + b.side + " on decision #" + b.decisionSeq + " (" + b.outcome()
                                + "), none live",
                        whyNoEntry(live, b, "live", latencies)));
            }
        }
        m.entries = new DriftResult.Entries(
                nl,
                nb,
                matched,
                both,
                liveOnly,
                btOnly,
                neither,
                live.attempts.stream().filter(SideView.Attempt::filled).count(),
                bt.attempts.stream().filter(SideView.Attempt::filled).count());
        return m;
    }

    private static String after(long ns) {
        return String.format(Locale.ROOT, " after %.1f ms", ns / 1e6);
    }

    /** Why {@code other} made no entry where {@code a} made one. */
    private static String whyNoEntry(SideView other, SideView.Attempt a, String otherName, Latencies latencies) {
        final String refusal = other.refusalBySeq.get(a.decisionSeq);
        final SideView.Attempt busy = other.busyAt(a.startNs);
        // still busy with an earlier entry or trade: say so, and whether a latency unlike the live one kept it busy
        final String still = busy == null || busy.equals(a)
                ? ""
                : " (still in the " + (busy.trade >= 0 ? "trade" : "entry") + " of decision #" + busy.decisionSeq + ")"
                        + latencyNote(latencies, busy.startNs);
        if (refusal != null) {
            return otherName + " refused it: " + refusal + still;
        }
        if (busy != null) {
            return otherName + " was busy" + still;
        }
        for (Session.Note n : other.notes) {
            if (n.kind().equals("gap") && Math.abs(n.timeNs() - a.startNs) <= 5_000_000_000L) {
                return otherName + " market data gap: " + n.detail();
            }
        }
        for (Session.Note n : other.notes) {
            if (n.kind().equals("refusal") && Math.abs(n.timeNs() - a.startNs) <= 1_000_000_000L) {
                return otherName + " refused entries then: " + n.code();
            }
        }
        return "unexplained: " + otherName + " made no entry and refused none on decision #" + a.decisionSeq;
    }

    /** {@code "; latency: ..."} when the model's round trip around {@code t} differs from the live one, else "". */
    private static String latencyNote(Latencies latencies, long t) {
        final double live = latencies.liveAt(t);
        final double model = latencies.modelAt(t);
        if (Double.isNaN(live) || Math.abs(model - live) <= Math.max(2_000_000, live / 2)) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; latency: the backtest's order round trip %.1f ms against %.1f ms live then",
                model / 1e6,
                live / 1e6);
    }

    /**
     * Why attempt {@code a} (of {@code side}) did not fill when its match {@code filled} did: a rejection; else the
     * latency, when the model's round trip then differs from the live one by more than half (and 2 ms); else the queue.
     */
    private static String whyUnfilled(SideView.Attempt a, String side, SideView.Attempt filled, Latencies latencies) {
        if (!a.rejection.isEmpty()) {
            return (side.equals("live") ? "the venue" : "the simulated exchange") + " rejected it: " + a.rejection;
        }
        final double live = latencies.liveAt(a.startNs);
        final double model = latencies.modelAt(a.startNs);
        if (!Double.isNaN(live) && Math.abs(model - live) > Math.max(2_000_000, live / 2)) {
            return String.format(
                    Locale.ROOT,
                    "latency: the backtest's order round trip %.1f ms against %.1f ms live then — its orders reached"
                            + " the book %s",
                    model / 1e6,
                    live / 1e6,
                    model > live ? "later" : "sooner");
        }
        return String.format(
                Locale.ROOT,
                "queue: the %s order was not filled where the other filled %s, with the latency alike (%.1f ms live,"
                        + " %.1f ms modelled): the queue ahead of it in the backtest's queue model",
                side.equals("backtest") ? "simulated" : "live",
                filled.firstFillLiquidity.toLowerCase(Locale.ROOT),
                Double.isNaN(live) ? Double.NaN : live / 1e6,
                model / 1e6);
    }

    private DriftResult.Trades trades(
            SideView live, SideView bt, Matching m, Instrument inst, List<DriftResult.Divergence> out) {
        final int nl = live.trades.size();
        final int nb = bt.trades.size();
        final int[] l2b = new int[nl];
        final int[] b2l = new int[nb];
        java.util.Arrays.fill(l2b, -1);
        java.util.Arrays.fill(b2l, -1);
        for (int i = 0; i < nl; i++) {
            final int la = live.tradeAttempt[i];
            if (la >= 0 && m.liveToBt[la] >= 0) {
                final int bt2 = bt.attempts.get(m.liveToBt[la]).trade;
                if (bt2 >= 0 && b2l[bt2] < 0) {
                    l2b[i] = bt2;
                    b2l[bt2] = i;
                }
            }
        }
        for (int i = 0; i < nl; i++) {
            if (l2b[i] >= 0) {
                continue;
            }
            final RoundTrip lt = live.trades.get(i);
            int best = -1;
            long bestDt = Long.MAX_VALUE;
            for (int j = 0; j < nb; j++) {
                final RoundTrip b = bt.trades.get(j);
                final long dt = Math.abs(b.entryTimeNs() - lt.entryTimeNs());
                if (b2l[j] < 0 && b.side() == lt.side() && dt <= matchWindowNs && dt < bestDt) {
                    best = j;
                    bestDt = dt;
                }
            }
            if (best >= 0) {
                l2b[i] = best;
                b2l[best] = i;
            }
        }
        final double tick = inst.tickSizeDouble();
        final List<DriftResult.TradeRow> rows = new ArrayList<>();
        long matched = 0;
        long sameExit = 0;
        double ml = 0;
        double mb = 0;
        for (int i = 0; i < nl; i++) {
            final RoundTrip l = live.trades.get(i);
            if (l2b[i] >= 0) {
                final RoundTrip b = bt.trades.get(l2b[i]);
                matched++;
                ml += l.netPnl();
                mb += b.netPnl();
                final boolean same = l.exitReason().equals(b.exitReason());
                if (same) {
                    sameExit++;
                }
                String cause = "";
                if (!same) {
                    cause = "exits differ: live " + l.exitReason() + ", backtest " + b.exitReason();
                    out.add(new DriftResult.Divergence(
                            Math.min(l.exitTimeNs(), b.exitTimeNs()),
                            "trade",
                            String.format(
                                    Locale.ROOT,
                                    "%s trade entered %s: live exit %s (net %+.4f), backtest %s (net %+.4f)",
                                    l.side(),
                                    "at " + fmtPrice(l.entryPriceTicks() * tick),
                                    l.exitReason(),
                                    l.netPnl(),
                                    b.exitReason(),
                                    b.netPnl()),
                            exitCause(l, b, tick)));
                }
                rows.add(row("matched", l, b, tick, cause));
            } else {
                final int la = live.tradeAttempt[i];
                rows.add(row("live only", l, null, tick, la >= 0 ? causeOf(out, live.attempts.get(la)) : ""));
            }
        }
        for (int j = 0; j < nb; j++) {
            if (b2l[j] < 0) {
                final int ba = bt.tradeAttempt[j];
                rows.add(row(
                        "backtest only",
                        null,
                        bt.trades.get(j),
                        tick,
                        ba >= 0 ? causeOf(out, bt.attempts.get(ba)) : ""));
            }
        }
        rows.sort(Comparator.comparingLong(r -> r.liveEntryNs() != 0 ? r.liveEntryNs() : r.backtestEntryNs()));
        return new DriftResult.Trades(
                nl,
                nb,
                matched,
                live.netPnl(),
                bt.netPnl(),
                ml,
                mb,
                sameExit,
                live.exits(),
                bt.exits(),
                live.refusals(),
                bt.refusals(),
                List.copyOf(rows));
    }

    private static String exitCause(RoundTrip l, RoundTrip b, double tick) {
        final double entryDiff =
                (b.entryPriceTicks() - l.entryPriceTicks()) * (l.side() == io.scalper.core.model.Side.BUY ? -1 : 1);
        if (Math.abs(entryDiff) >= 1) {
            return String.format(
                    Locale.ROOT,
                    "fill model: entered %+.0f ticks %s in the backtest, so the brackets sat elsewhere",
                    entryDiff,
                    entryDiff > 0 ? "better" : "worse");
        }
        return "fill model: the same entry, brackets filled differently (queue position and latency of the exit"
                + " orders)";
    }

    private static String causeOf(List<DriftResult.Divergence> out, SideView.Attempt a) {
        for (DriftResult.Divergence d : out) {
            if (d.kind().equals("entry") && d.timeNs() == a.startNs && d.what().contains("#" + a.decisionSeq + " ")) {
                return d.cause();
            }
        }
        return "";
    }

    private static String fmtPrice(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }

    private static DriftResult.TradeRow row(String status, RoundTrip l, RoundTrip b, double tick, String cause) {
        final RoundTrip any = l != null ? l : b;
        return new DriftResult.TradeRow(
                status,
                any.side().name(),
                l == null ? 0 : l.entryTimeNs(),
                l == null ? Double.NaN : l.entryPriceTicks() * tick,
                l == null ? Double.NaN : l.exitPriceTicks() * tick,
                l == null ? "" : l.exitReason(),
                l == null ? Double.NaN : l.netPnl(),
                b == null ? 0 : b.entryTimeNs(),
                b == null ? Double.NaN : b.entryPriceTicks() * tick,
                b == null ? Double.NaN : b.exitPriceTicks() * tick,
                b == null ? "" : b.exitReason(),
                b == null ? Double.NaN : b.netPnl(),
                cause);
    }

    private DriftResult.Fills fills(SideView live, SideView bt, Matching m) {
        long matched = 0;
        long sameLiq = 0;
        double priceDiff = 0;
        double timeDiff = 0;
        // the fills of matched entry attempts, leg by leg: entry fills, then the exits of their round trips
        for (SideView.Attempt a : live.attempts) {
            final int bi = m.liveToBt[a.index];
            if (bi < 0) {
                continue;
            }
            final SideView.Attempt b = bt.attempts.get(bi);
            for (boolean entry : new boolean[] {true, false}) {
                final List<SideView.Fill> lf = legFills(live, a, entry);
                final List<SideView.Fill> bf = legFills(bt, b, entry);
                for (int k = 0; k < Math.min(lf.size(), bf.size()); k++) {
                    final SideView.Fill x = lf.get(k);
                    final SideView.Fill y = bf.get(k);
                    matched++;
                    if (x.liquidity().equals(y.liquidity())) {
                        sameLiq++;
                    }
                    final double sign = x.side() == io.scalper.core.model.Side.BUY ? -1 : 1;
                    priceDiff += sign * (y.priceTicks() - x.priceTicks());
                    timeDiff += (y.timeNs() - x.timeNs()) / 1e6;
                }
            }
        }
        return new DriftResult.Fills(
                live.fills.size(),
                bt.fills.size(),
                matched,
                live.makerFills,
                live.takerFills,
                bt.makerFills,
                bt.takerFills,
                sameLiq,
                matched == 0 ? Double.NaN : priceDiff / matched,
                matched == 0 ? Double.NaN : timeDiff / matched);
    }

    /** The entry fills of an attempt, or the exit fills of its round trip (fills of other orders in its span). */
    private static List<SideView.Fill> legFills(SideView side, SideView.Attempt a, boolean entry) {
        final List<SideView.Fill> out = new ArrayList<>();
        if (entry) {
            for (SideView.Fill f : side.fills) {
                if (f.attempt() == a.index) {
                    out.add(f);
                }
            }
            return out;
        }
        if (a.trade < 0) {
            return out;
        }
        final RoundTrip t = side.trades.get(a.trade);
        for (SideView.Fill f : side.fills) {
            if (f.attempt() < 0 && f.timeNs() >= t.entryTimeNs() && f.timeNs() <= t.exitTimeNs()) {
                out.add(f);
            }
        }
        return out;
    }

    private static DriftResult.Curves curves(
            SideView live, SideView bt, BacktestResult r, Instrument inst, long startNs) {
        final long[][] lt = new long[1][];
        final double[][] lv = new double[1][];
        cumulative(live.trades, startNs, lt, lv);
        final long[][] bt2 = new long[1][];
        final double[][] bv = new double[1][];
        cumulative(bt.trades, startNs, bt2, bv);
        final double tick = inst.tickSizeDouble();
        final double[] prices = r.prices().clone();
        for (int i = 0; i < prices.length; i++) {
            prices[i] *= tick;
        }
        return new DriftResult.Curves(
                lt[0],
                lv[0],
                bt2[0],
                bv[0],
                r.priceTimesNs().clone(),
                prices,
                entryTimes(live),
                entryPrices(live, tick),
                entryTimes(bt),
                entryPrices(bt, tick));
    }

    private static long[] entryTimes(SideView s) {
        return s.trades.stream().mapToLong(RoundTrip::entryTimeNs).toArray();
    }

    private static double[] entryPrices(SideView s, double tick) {
        return s.trades.stream().mapToDouble(t -> t.entryPriceTicks() * tick).toArray();
    }

    private static void cumulative(List<RoundTrip> trades, long startNs, long[][] times, double[][] values) {
        final List<RoundTrip> byExit = new ArrayList<>(trades);
        byExit.sort(Comparator.comparingLong(RoundTrip::exitTimeNs));
        times[0] = new long[byExit.size() + 1];
        values[0] = new double[byExit.size() + 1];
        times[0][0] = startNs;
        double sum = 0;
        for (int i = 0; i < byExit.size(); i++) {
            sum += byExit.get(i).netPnl();
            times[0][i + 1] = byExit.get(i).exitTimeNs();
            values[0][i + 1] = sum;
        }
    }

    /** Builds a {@link SessionDrift}. */
    public static final class Builder {
        private final Session session;
        private final MarketOpener market;
        private String symbol;
        private final Map<String, String> calibration = new LinkedHashMap<>();
        private long matchWindowNs = DEFAULT_MATCH_WINDOW_NS;
        private long seed = 1;

        private Builder(Session session, MarketOpener market) {
            this.session = Objects.requireNonNull(session, "session");
            this.market = Objects.requireNonNull(market, "market");
        }

        /** The symbol to compare (default: the session's first). */
        public Builder symbol(String symbol) {
            this.symbol = symbol;
            return this;
        }

        /** Sets a key over the recorded configuration, e.g. {@code backtest.queueModel}; applied in key order. */
        public Builder calibrate(String key, String value) {
            calibration.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** How far apart in time entries on different decisions may be and still match (default 1 s). */
        public Builder matchWindowNs(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("matchWindowNs must be >= 0, got " + ns);
            }
            this.matchWindowNs = ns;
            return this;
        }

        /** Seed of the replay (client order ids, a log-normal latency model). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SessionDrift build() {
            return new SessionDrift(this);
        }
    }
}
