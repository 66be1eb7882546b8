package io.scalper.core.drift;

import io.scalper.core.metrics.JsonWriter;
import java.util.List;
import java.util.Map;

/**
 * How a live session and its replay through the backtester compare ({@link SessionDrift}): decisions, entries, fills,
 * round trips and PnL, latency, fill probability of resting entries by queue position, and every place they part,
 * with its cause. Times are on the session's clock (ns since the epoch); money in the quote currency.
 *
 * @param run what was compared, and how
 * @param decisions the decisions of the same market messages
 * @param entries entry attempts (the orders sent for one decision until the entry filled or was given up)
 * @param fills fills of every order
 * @param trades round trips
 * @param latency order round trips and feed ages, live against the model
 * @param queue fill probability of resting entries by queue position, live against simulated, and the fitted model
 * @param divergences every place live and backtest part, earliest first
 * @param curves cumulative net PnL of both sides and the mid, for charts
 */
public record DriftResult(
        Run run,
        Decisions decisions,
        Entries entries,
        Fills fills,
        Trades trades,
        Latency latency,
        Queue queue,
        List<Divergence> divergences,
        Curves curves) {

    /**
     * @param sessionId the session's name
     * @param venue where it ran
     * @param symbol the symbol compared
     * @param startNs the replay's start (the live engine's start)
     * @param endNs the replay's end (the live stop)
     * @param messages market messages replayed
     * @param latencyModel the backtest's latency model
     * @param queueModel the backtest's queue model
     * @param calibration keys set over the recorded configuration
     * @param notes what the comparison cannot cover (a position adopted at start, a session cut short, ...)
     */
    public record Run(
            String sessionId,
            String venue,
            String symbol,
            long startNs,
            long endNs,
            long messages,
            String latencyModel,
            String queueModel,
            Map<String, String> calibration,
            List<String> notes) {}

    /** One decision that differed: sequence number, live clock, both fused scores and directions. */
    public record DecisionDifference(
            long seq, long clockNs, double liveFused, int liveDirection, double backtestFused, int backtestDirection) {}

    /**
     * @param compared decisions found on both sides with the same sequence number
     * @param sameDirection of those, with the same direction
     * @param sameScore of those, with exactly the same fused score
     * @param misaligned compared decisions whose event times differ (a message missing on one side)
     * @param backtestOnly replay decisions with no live counterpart
     * @param liveLeft live decisions after the replay ended (made during the stop)
     * @param maxFusedDifference largest |live − backtest| fused score
     * @param differences the first that differed
     * @param bucketNs width of the time buckets below
     * @param comparedByBucket compared decisions per time bucket from the start
     * @param agreedByBucket of those, with the same direction
     */
    public record Decisions(
            long compared,
            long sameDirection,
            long sameScore,
            long misaligned,
            long backtestOnly,
            long liveLeft,
            double maxFusedDifference,
            List<DecisionDifference> differences,
            long bucketNs,
            long[] comparedByBucket,
            long[] agreedByBucket) {
        /** Share of compared decisions with the same direction (NaN when none). */
        public double agreement() {
            return compared == 0 ? Double.NaN : (double) sameDirection / compared;
        }
    }

    /** Entry attempts placed on each side, matched (same decision, else the same side within the window), and filled. */
    public record Entries(
            long live,
            long backtest,
            long matched,
            long filledBoth,
            long filledLiveOnly,
            long filledBacktestOnly,
            long filledNeither,
            long liveFilled,
            long backtestFilled) {}

    /**
     * Fills on each side; {@code matched} pairs a live and a backtest fill of the same leg of a matched entry or round
     * trip, in order; their mean price difference (backtest − live, ticks, in the order's favour when positive) and
     * time difference (backtest − live, ms).
     */
    public record Fills(
            long live,
            long backtest,
            long matched,
            long liveMaker,
            long liveTaker,
            long backtestMaker,
            long backtestTaker,
            long sameLiquidity,
            double meanPriceDifferenceTicks,
            double meanTimeDifferenceMs) {}

    /** One row of the trades table: a matched pair, or a round trip of one side only, with the cause. */
    public record TradeRow(
            String status,
            String side,
            long liveEntryNs,
            double liveEntryPrice,
            double liveExitPrice,
            String liveExit,
            double liveNet,
            long backtestEntryNs,
            double backtestEntryPrice,
            double backtestExitPrice,
            String backtestExit,
            double backtestNet,
            String cause) {}

    /** Round trips and PnL on each side; the matched ones' PnL; exits and refusals by reason. */
    public record Trades(
            long live,
            long backtest,
            long matched,
            double liveNetPnl,
            double backtestNetPnl,
            double matchedLiveNetPnl,
            double matchedBacktestNetPnl,
            long sameExit,
            Map<String, Long> liveExits,
            Map<String, Long> backtestExits,
            Map<String, Long> liveRefusals,
            Map<String, Long> backtestRefusals,
            List<TradeRow> rows) {}

    /**
     * @param liveRoundTrips order round trips measured live (request sent → acknowledgement)
     * @param modelRoundTrips those of the backtest's latency model (entry + response latency, drawn at the times the live
     *     ones were measured)
     * @param replayRoundTrips the replay's orders', measured (sent → first answer)
     * @param liveFeedAges feed ages of the messages live (receive time + clock offset − exchange time), where plausible
     * @param implausibleFeedAges messages whose exchange times the local clock cannot vouch for (a market replayed faster
     *     than real time runs ahead of the wall clock)
     * @param modelFeedLatencyNs {@code backtest.feedLatency}: what a backtest assumes for data without receive times
     */
    public record Latency(
            Distribution liveRoundTrips,
            Distribution modelRoundTrips,
            Distribution replayRoundTrips,
            Distribution liveFeedAges,
            long implausibleFeedAges,
            long modelFeedLatencyNs) {}

    /** Resting entries by queue ahead at join: how many, filled live, filled simulated (configured and fitted model). */
    public record QueueBucket(String label, long orders, long liveFilled, long simulatedFilled, long fittedFilled) {}

    /**
     * @param orders live resting entries studied
     * @param crossedInSimulation resting live but crossing the simulated book when placed (not studied)
     * @param liveFilled filled live
     * @param simulatedFilled filled under the configured model
     * @param simulatedModel the configured model
     * @param fittedShare the {@code queueAheadShare} of the probabilistic model that agrees best with the live fills
     *     (NaN when the fills do not tell the shares apart)
     * @param fittedFilled filled under it
     * @param fittedAgreement orders it gets right (filled or not, as live)
     * @param simulatedAgreement orders the configured model gets right
     * @param shares the shares tried
     * @param agreementByShare orders each gets right
     * @param filledByShare orders each fills
     * @param buckets by queue position at join
     */
    public record Queue(
            long orders,
            long crossedInSimulation,
            long liveFilled,
            long simulatedFilled,
            String simulatedModel,
            double fittedShare,
            long fittedFilled,
            long fittedAgreement,
            long simulatedAgreement,
            double[] shares,
            long[] agreementByShare,
            long[] filledByShare,
            List<QueueBucket> buckets) {}

    /**
     * A place where live and backtest part.
     *
     * @param timeNs when (the session's clock)
     * @param kind {@code decision}, {@code entry}, {@code fill}, {@code trade}
     * @param what what differs
     * @param cause why, as far as the records tell ({@code unexplained} when they do not)
     */
    public record Divergence(long timeNs, String kind, String what, String cause) {
        public boolean explained() {
            return !cause.startsWith("unexplained");
        }
    }

    /** Cumulative net PnL by round-trip exit on each side, and the mid (quote currency) over the replay. */
    public record Curves(
            long[] liveTimesNs,
            double[] liveNet,
            long[] backtestTimesNs,
            double[] backtestNet,
            long[] priceTimesNs,
            double[] prices,
            long[] liveEntryTimesNs,
            double[] liveEntryPrices,
            long[] backtestEntryTimesNs,
            double[] backtestEntryPrices) {}

    /** The earliest divergence, or null when they never part. */
    public Divergence first() {
        return divergences.isEmpty() ? null : divergences.get(0);
    }

    /** Divergences without a cause the records tell. */
    public long unexplained() {
        return divergences.stream().filter(d -> !d.explained()).count();
    }

    /**
     * One JSON object: the headline keys first ({@code liveTrades}, {@code backtestTrades}, {@code matchedTrades},
     * {@code liveNetPnl}, {@code backtestNetPnl}, {@code liveFills}, {@code backtestFills}, {@code matchedFills}, {@code
     * decisionsCompared}, {@code decisionAgreement}, {@code liveMedianRoundTripMs}, {@code modelMedianRoundTripMs}),
     * then the details by section.
     */
    public String toJson() {
        final JsonWriter w = new JsonWriter(new StringBuilder(8192)).beginObject();
        w.name("session").value(run.sessionId());
        w.name("venue").value(run.venue());
        w.name("symbol").value(run.symbol());
        w.name("liveTrades").value(trades.live());
        w.name("backtestTrades").value(trades.backtest());
        w.name("matchedTrades").value(trades.matched());
        w.name("liveNetPnl").value(trades.liveNetPnl());
        w.name("backtestNetPnl").value(trades.backtestNetPnl());
        w.name("liveFills").value(fills.live());
        w.name("backtestFills").value(fills.backtest());
        w.name("matchedFills").value(fills.matched());
        w.name("decisionsCompared").value(decisions.compared());
        w.name("decisionAgreement").value(decisions.agreement());
        w.name("liveMedianRoundTripMs").value(latency.liveRoundTrips().medianMs());
        w.name("modelMedianRoundTripMs").value(latency.modelRoundTrips().medianMs());
        w.name("liveEntries").value(entries.live());
        w.name("backtestEntries").value(entries.backtest());
        w.name("matchedEntries").value(entries.matched());
        w.name("divergences").value(divergences.size());
        w.name("unexplained").value(unexplained());
        final Divergence f = first();
        w.name("firstDivergence");
        if (f == null) {
            w.nullValue();
        } else {
            divergence(w, f);
        }
        w.name("run").beginObject();
        w.name("startNs").value(Long.toString(run.startNs()));
        w.name("endNs").value(Long.toString(run.endNs()));
        w.name("seconds").value((run.endNs() - run.startNs()) / 1e9);
        w.name("messages").value(run.messages());
        w.name("latencyModel").value(run.latencyModel());
        w.name("queueModel").value(run.queueModel());
        w.name("calibration").beginObject();
        run.calibration().forEach((k, v) -> w.name(k).value(v));
        w.endObject();
        w.name("notes").beginArray();
        run.notes().forEach(w::value);
        w.endArray().endObject();
        w.name("decisions").beginObject();
        w.name("compared").value(decisions.compared());
        w.name("sameDirection").value(decisions.sameDirection());
        w.name("sameScore").value(decisions.sameScore());
        w.name("misaligned").value(decisions.misaligned());
        w.name("backtestOnly").value(decisions.backtestOnly());
        w.name("liveAfterTheEnd").value(decisions.liveLeft());
        w.name("maxFusedDifference").value(decisions.maxFusedDifference());
        w.name("differences").beginArray();
        for (DecisionDifference d : decisions.differences()) {
            w.beginObject()
                    .name("seq")
                    .value(d.seq())
                    .name("timeNs")
                    .value(Long.toString(d.clockNs()))
                    .name("liveFused")
                    .value(d.liveFused())
                    .name("liveDirection")
                    .value(d.liveDirection())
                    .name("backtestFused")
                    .value(d.backtestFused())
                    .name("backtestDirection")
                    .value(d.backtestDirection())
                    .endObject();
        }
        w.endArray().endObject();
        w.name("entries").beginObject();
        w.name("live").value(entries.live());
        w.name("backtest").value(entries.backtest());
        w.name("matched").value(entries.matched());
        w.name("liveFilled").value(entries.liveFilled());
        w.name("backtestFilled").value(entries.backtestFilled());
        w.name("filledBoth").value(entries.filledBoth());
        w.name("filledLiveOnly").value(entries.filledLiveOnly());
        w.name("filledBacktestOnly").value(entries.filledBacktestOnly());
        w.name("filledNeither").value(entries.filledNeither());
        w.endObject();
        w.name("fills").beginObject();
        w.name("live").value(fills.live());
        w.name("backtest").value(fills.backtest());
        w.name("matched").value(fills.matched());
        w.name("liveMaker").value(fills.liveMaker());
        w.name("liveTaker").value(fills.liveTaker());
        w.name("backtestMaker").value(fills.backtestMaker());
        w.name("backtestTaker").value(fills.backtestTaker());
        w.name("sameLiquidity").value(fills.sameLiquidity());
        w.name("meanPriceDifferenceTicks").value(fills.meanPriceDifferenceTicks());
        w.name("meanTimeDifferenceMs").value(fills.meanTimeDifferenceMs());
        w.endObject();
        w.name("trades").beginObject();
        w.name("live").value(trades.live());
        w.name("backtest").value(trades.backtest());
        w.name("matched").value(trades.matched());
        w.name("liveNetPnl").value(trades.liveNetPnl());
        w.name("backtestNetPnl").value(trades.backtestNetPnl());
        w.name("matchedLiveNetPnl").value(trades.matchedLiveNetPnl());
        w.name("matchedBacktestNetPnl").value(trades.matchedBacktestNetPnl());
        w.name("sameExit").value(trades.sameExit());
        counts(w, "liveExits", trades.liveExits());
        counts(w, "backtestExits", trades.backtestExits());
        counts(w, "liveRefusals", trades.liveRefusals());
        counts(w, "backtestRefusals", trades.backtestRefusals());
        w.name("rows").beginArray();
        for (TradeRow r : trades.rows()) {
            w.beginObject()
                    .name("status")
                    .value(r.status())
                    .name("side")
                    .value(r.side())
                    .name("liveEntryNs")
                    .value(Long.toString(r.liveEntryNs()))
                    .name("liveEntryPrice")
                    .value(r.liveEntryPrice())
                    .name("liveExitPrice")
                    .value(r.liveExitPrice())
                    .name("liveExit")
                    .value(r.liveExit())
                    .name("liveNet")
                    .value(r.liveNet())
                    .name("backtestEntryNs")
                    .value(Long.toString(r.backtestEntryNs()))
                    .name("backtestEntryPrice")
                    .value(r.backtestEntryPrice())
                    .name("backtestExitPrice")
                    .value(r.backtestExitPrice())
                    .name("backtestExit")
                    .value(r.backtestExit())
                    .name("backtestNet")
                    .value(r.backtestNet())
                    .name("cause")
                    .value(r.cause())
                    .endObject();
        }
        w.endArray().endObject();
        w.name("latency").beginObject();
        distribution(w, "liveRoundTrip", latency.liveRoundTrips());
        distribution(w, "modelRoundTrip", latency.modelRoundTrips());
        distribution(w, "replayRoundTrip", latency.replayRoundTrips());
        distribution(w, "liveFeedAge", latency.liveFeedAges());
        w.name("implausibleFeedAges").value(latency.implausibleFeedAges());
        w.name("modelFeedLatencyMs").value(latency.modelFeedLatencyNs() / 1e6);
        w.endObject();
        w.name("queue").beginObject();
        w.name("orders").value(queue.orders());
        w.name("crossedInSimulation").value(queue.crossedInSimulation());
        w.name("liveFilled").value(queue.liveFilled());
        w.name("simulatedFilled").value(queue.simulatedFilled());
        w.name("simulatedModel").value(queue.simulatedModel());
        w.name("simulatedAgreement").value(queue.simulatedAgreement());
        w.name("fittedQueueAheadShare").value(queue.fittedShare());
        w.name("fittedFilled").value(queue.fittedFilled());
        w.name("fittedAgreement").value(queue.fittedAgreement());
        w.name("byQueuePosition").beginArray();
        for (QueueBucket b : queue.buckets()) {
            w.beginObject()
                    .name("queueAhead")
                    .value(b.label())
                    .name("orders")
                    .value(b.orders())
                    .name("liveFilled")
                    .value(b.liveFilled())
                    .name("simulatedFilled")
                    .value(b.simulatedFilled())
                    .name("fittedFilled")
                    .value(b.fittedFilled())
                    .endObject();
        }
        w.endArray().endObject();
        w.name("differences").beginArray();
        for (Divergence d : divergences) {
            divergence(w, d);
        }
        w.endArray();
        return w.endObject().toString();
    }

    private static void divergence(JsonWriter w, Divergence d) {
        w.beginObject()
                .name("timeNs")
                .value(Long.toString(d.timeNs()))
                .name("kind")
                .value(d.kind())
                .name("what")
                .value(d.what())
                .name("cause")
                .value(d.cause())
                .endObject();
    }

    private static void counts(JsonWriter w, String name, Map<String, Long> m) {
        w.name(name).beginObject();
        m.forEach((k, v) -> w.name(k).value(v));
        w.endObject();
    }

    private static void distribution(JsonWriter w, String name, Distribution d) {
        w.name(name).beginObject();
        w.name("count").value(d.count());
        w.name("medianMs").value(d.medianMs());
        w.name("p90Ms").value(d.quantileMs(0.9));
        w.name("p99Ms").value(d.quantileMs(0.99));
        w.endObject();
    }
}
