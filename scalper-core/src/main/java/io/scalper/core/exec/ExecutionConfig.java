package io.scalper.core.exec;

/**
 * Smart-order-router and bracket settings (YAML section {@code execution}).
 *
 * @param clientIdPrefix prefix of client order ids (1 to 8 of {@code [A-Za-z0-9_]})
 * @param improveTouch post the entry one tick inside the spread when the spread is wider than one tick (else join the
 *     touch)
 * @param maxReprices times a resting entry is moved back to the touch
 * @param minRepriceIntervalNs least time between two reprices
 * @param maxPostOnlyRetries times an entry is re-posted after the exchange cancelled it as post-only-would-take
 * @param escalateAfterNs age of a resting entry after which, if the signal is still strong, it escalates to IOC
 * @param escalateScore |fused score| in the entry's direction needed to escalate
 * @param maxSlippageTicks how far through the touch the escalation IOC may reach, at least
 * @param maxSlippageBps how far through the touch the escalation IOC may reach, basis points of the touch price (the
 *     larger of the two applies): an IOC only one or two ticks through the touch takes what is displayed there and
 *     leaves the rest of an entry unfilled exactly when the move it wanted has started
 * @param abandonScore fused score in the entry's direction below which a working entry is cancelled
 * @param entryTimeoutNs age at which a working entry is cancelled regardless
 * @param stopTicks least stop-loss distance from the average entry price, ticks (≥ 1)
 * @param takeProfitTicks least take-profit distance from the average entry price, ticks (≥ 1)
 * @param stopVolMultiple the stop is at least this many standard deviations of the mid's move over {@code volHorizon}
 *     away (0: no volatility term)
 * @param volHorizonNs the holding horizon that volatility is taken over
 * @param stopCostMultiple the stop is at least this many times the round-trip cost (maker entry, taker exit, at the
 *     account's fees and the current spread) away, so a stop-out is never mostly fees (0: no cost term)
 * @param takeProfitRatio the take-profit is at least this many times the stop distance away (reward to risk)
 * @param stopTriggerByMark trigger the stop on mark price ({@code true}) or last price ({@code false})
 * @param trailActivationTicks least favourable move from entry after which the stop starts to trail (0 = never)
 * @param trailDistanceTicks least distance the trailing stop keeps behind the best price since entry
 * @param trailActivationRatio the stop starts to trail once the move in favour is this many stop distances (the
 *     activation is {@code max(trailActivationTicks, ratio × stop distance)})
 * @param trailDistanceRatio the trailing stop keeps this many stop distances behind the best price (at least {@code
 *     trailDistanceTicks})
 * @param trailMinIntervalNs least time between two trailing-stop amends
 * @param maxLegReplacements times a bracket leg cancelled or rejected by the exchange is re-placed before the position
 *     is flattened
 * @param timerIntervalNs period of the engine's housekeeping timer (reprice, escalation, timeouts)
 * @param maxRetries times an automatic order action (re-placing a leg, re-amending, re-sending a cancel, re-trying a
 *     flatten, re-entering after a rejected entry) is retried before the kill switch trips and the venue is checked
 * @param retryBackoffNs wait before the first retry of such an action; doubled for each later retry
 * @param retryMaxBackoffNs cap of that wait
 * @param maxUnprotectedNs longest a position may go without a stop acknowledged by the venue before it is re-protected
 *     (a new stop) or, when the stop's state is unknown, flattened
 * @param positionCheckGraceNs how long a position reported by the venue may disagree with the engine's before the
 *     venue is asked over REST (pushes of fills and positions may arrive in either order)
 */
public record ExecutionConfig(
        String clientIdPrefix,
        boolean improveTouch,
        int maxReprices,
        long minRepriceIntervalNs,
        int maxPostOnlyRetries,
        long escalateAfterNs,
        double escalateScore,
        int maxSlippageTicks,
        double maxSlippageBps,
        double abandonScore,
        long entryTimeoutNs,
        int stopTicks,
        int takeProfitTicks,
        double stopVolMultiple,
        long volHorizonNs,
        double stopCostMultiple,
        double takeProfitRatio,
        boolean stopTriggerByMark,
        int trailActivationTicks,
        int trailDistanceTicks,
        double trailActivationRatio,
        double trailDistanceRatio,
        long trailMinIntervalNs,
        int maxLegReplacements,
        long timerIntervalNs,
        int maxRetries,
        long retryBackoffNs,
        long retryMaxBackoffNs,
        long maxUnprotectedNs,
        long positionCheckGraceNs) {

    private static final long MS = 1_000_000L;

    public ExecutionConfig {
        if (clientIdPrefix == null || !clientIdPrefix.matches("[A-Za-z0-9_]{1,8}")) {
            throw new IllegalArgumentException(
                    "execution.clientIdPrefix: 1 to 8 of [A-Za-z0-9_], got '" + clientIdPrefix + "'");
        }
        atLeast("execution.maxReprices", maxReprices, 0);
        atLeast("execution.minRepriceInterval", minRepriceIntervalNs, 0);
        atLeast("execution.maxPostOnlyRetries", maxPostOnlyRetries, 0);
        atLeast("execution.escalateAfter", escalateAfterNs, 1);
        unit("execution.escalateScore", escalateScore);
        atLeast("execution.maxSlippageTicks", maxSlippageTicks, 0);
        if (!(maxSlippageBps >= 0 && maxSlippageBps <= 100)) {
            throw new IllegalArgumentException("execution.maxSlippageBps: must be in [0, 100], got " + maxSlippageBps);
        }
        unit("execution.abandonScore", abandonScore);
        atLeast("execution.entryTimeout", entryTimeoutNs, 1);
        atLeast("execution.stopTicks", stopTicks, 1);
        atLeast("execution.takeProfitTicks", takeProfitTicks, 1);
        if (!(stopVolMultiple >= 0 && Double.isFinite(stopVolMultiple))) {
            throw new IllegalArgumentException("execution.stopVolMultiple: must be >= 0, got " + stopVolMultiple);
        }
        atLeast("execution.volHorizon", volHorizonNs, 1);
        if (!(stopCostMultiple >= 0 && Double.isFinite(stopCostMultiple))) {
            throw new IllegalArgumentException("execution.stopCostMultiple: must be >= 0, got " + stopCostMultiple);
        }
        if (!(takeProfitRatio > 0 && Double.isFinite(takeProfitRatio))) {
            throw new IllegalArgumentException("execution.takeProfitRatio: must be > 0, got " + takeProfitRatio);
        }
        atLeast("execution.trailActivationTicks", trailActivationTicks, 0);
        atLeast("execution.trailDistanceTicks", trailDistanceTicks, 1);
        if (!(trailActivationRatio >= 0 && Double.isFinite(trailActivationRatio))) {
            throw new IllegalArgumentException(
                    "execution.trailActivationRatio: must be >= 0, got " + trailActivationRatio);
        }
        if (!(trailDistanceRatio >= 0 && Double.isFinite(trailDistanceRatio))) {
            throw new IllegalArgumentException("execution.trailDistanceRatio: must be >= 0, got " + trailDistanceRatio);
        }
        atLeast("execution.trailMinInterval", trailMinIntervalNs, 0);
        atLeast("execution.maxLegReplacements", maxLegReplacements, 0);
        atLeast("execution.timerInterval", timerIntervalNs, MS);
        atLeast("execution.maxRetries", maxRetries, 0);
        atLeast("execution.retryBackoff", retryBackoffNs, 0);
        atLeast("execution.retryMaxBackoff", retryMaxBackoffNs, retryBackoffNs);
        atLeast("execution.maxUnprotected", maxUnprotectedNs, MS);
        atLeast("execution.positionCheckGrace", positionCheckGraceNs, MS);
    }

    /** How far through {@code touchTicks} the escalation IOC may reach: the larger of the two limits, in ticks. */
    public long slippageTicksAt(long touchTicks) {
        return Math.max(maxSlippageTicks, (long) Math.floor(touchTicks * maxSlippageBps * 1e-4));
    }

    public static ExecutionConfig defaults() {
        return new ExecutionConfig(
                "sc",
                true,
                5,
                200 * MS,
                3,
                3_000 * MS,
                0.5,
                2,
                2.0,
                0.15,
                10_000 * MS,
                20,
                30,
                1.0,
                30_000 * MS,
                2.0,
                1.5,
                true,
                15,
                10,
                1.0,
                1.0,
                500 * MS,
                3,
                100 * MS,
                4,
                250 * MS,
                4_000 * MS,
                2_000 * MS,
                1_500 * MS);
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(key + ": must be >= " + min + ", got " + v);
        }
    }

    private static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + ": must be in [0, 1], got " + v);
        }
    }
}
