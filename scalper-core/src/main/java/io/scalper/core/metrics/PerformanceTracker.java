package io.scalper.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Accumulates a run's performance as it happens: closed trades ({@link #onTrade}), intermediate equity samples
 * ({@link #onEquitySample}), order activity ({@link #counts()}), refusals ({@link #onRefusal}) and extra report figures
 * ({@link #putExtra}); {@link #stats(long)} produces a {@link PerformanceStats} at any time. Every running figure is
 * O(1) per trade except the equity curve, which keeps one sample per trade and per equity sample. Time is passed in.
 * Owned by one thread (the engine's).
 */
public final class PerformanceTracker {
    final double startEquity;
    final long startTimeNs;
    final ExecutionCounts counts = new ExecutionCounts();
    final EquityCurve curve = new EquityCurve(256);
    final Map<String, Long> refusals = new TreeMap<>();
    final Map<String, Double> signalPnl = new LinkedHashMap<>();
    final Map<String, Number> extras = new TreeMap<>();

    long trades;
    long wins;
    long losses;
    double grossPnl;
    double fees;
    double funding;
    double netPnl;
    double winningPnl;
    double losingPnl;
    double rSum;
    long rTrades;
    double slippageSumTicks;
    long slippageTrades;
    double attributedPnl;
    private double netMean;
    private double netSquaredDeviations;

    /**
     * @param startEquity equity at the start, quote currency, finite
     * @param startTimeNs start of the measured period, ns since the epoch; also the time of the first equity sample
     */
    public PerformanceTracker(double startEquity, long startTimeNs) {
        if (!Double.isFinite(startEquity)) {
            throw new IllegalArgumentException("startEquity must be finite, got " + startEquity);
        }
        this.startEquity = startEquity;
        this.startTimeNs = startTimeNs;
        curve.add(startTimeNs, startEquity);
    }

    /**
     * Records a closed trade: its net result is added to the realised equity, which is appended to the equity curve
     * at the trade's exit time.
     *
     * @throws IllegalArgumentException if its gross PnL, fees or funding is not finite
     */
    public void onTrade(RoundTrip trade) {
        Objects.requireNonNull(trade, "trade");
        if (!Double.isFinite(trade.grossPnl()) || !Double.isFinite(trade.fees()) || !Double.isFinite(trade.funding())) {
            throw new IllegalArgumentException("trade " + trade.id() + ": gross PnL, fees and funding must be finite");
        }
        final double net = trade.netPnl();
        trades++;
        grossPnl += trade.grossPnl();
        fees += trade.fees();
        funding += trade.funding();
        netPnl += net;
        if (net > 0) {
            wins++;
            winningPnl += net;
        } else if (net < 0) {
            losses++;
            losingPnl += net;
        }
        final double r = trade.rMultiple();
        if (Double.isFinite(r)) {
            rSum += r;
            rTrades++;
        }
        final double slippage = trade.entrySlippageTicks();
        if (Double.isFinite(slippage)) {
            slippageSumTicks += slippage;
            slippageTrades++;
        }
        final double delta = net - netMean;
        netMean += delta / trades;
        netSquaredDeviations += delta * (net - netMean);
        attribute(trade, net);
        curve.add(trade.exitTimeNs(), startEquity + netPnl);
    }

    private void attribute(RoundTrip trade, double net) {
        final String[] names = trade.signalNames();
        final double[] contributions = trade.signalContributions();
        double sum = 0;
        for (int i = 0; i < names.length; i++) {
            signalPnl.putIfAbsent(names[i], 0.0);
            sum += contributions[i];
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            return;
        }
        for (int i = 0; i < names.length; i++) {
            signalPnl.merge(names[i], net * (contributions[i] / sum), Double::sum);
        }
        attributedPnl += net;
    }

    /**
     * Records an intermediate equity sample, e.g. {@link #realizedEquity()} plus the open position's unrealised PnL at
     * the mark, so that drawdowns inside a trade count. Use the same basis as the trades (start equity plus realised
     * net PnL).
     *
     * @throws IllegalArgumentException if {@code equity} is not finite
     */
    public void onEquitySample(long timeNs, double equity) {
        curve.add(timeNs, equity);
    }

    /** Counts one refusal (an entry a risk gate refused) under a reason code such as {@code spread}. */
    public void onRefusal(String reason) {
        onRefusals(reason, 1);
    }

    /** Adds {@code count} refusals under {@code reason}. */
    public void onRefusals(String reason, long count) {
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("refusal count must be >= 0, got " + count);
        }
        refusals.merge(reason, count, Long::sum);
    }

    /**
     * Sets an extra numeric figure for the report, e.g. {@code events} or {@code eventsPerSecond}; see
     * {@link PerformanceStats#withExtras}.
     */
    public void putExtra(String key, Number value) {
        PerformanceStats.checkExtra(key, value);
        extras.put(key, value);
    }

    /** The live order-activity counters; update them as orders are sent and events arrive. */
    public ExecutionCounts counts() {
        return counts;
    }

    /** The equity curve so far (live view; copy it to keep it). */
    public EquityCurve equityCurve() {
        return curve;
    }

    /** Start equity plus the net PnL of the trades so far. */
    public double realizedEquity() {
        return startEquity + netPnl;
    }

    /** Trades recorded. */
    public long trades() {
        return trades;
    }

    /** Start of the measured period, ns. */
    public long startTimeNs() {
        return startTimeNs;
    }

    /** The statistics from the start to {@code nowNs} (the period used to annualise the Sharpe ratio). */
    public PerformanceStats stats(long nowNs) {
        return statsOverPeriod(nowNs - startTimeNs);
    }

    PerformanceStats statsOverPeriod(long periodNs) {
        return new PerformanceStats(this, periodNs);
    }

    /** Sample variance (n − 1) of the trades' net PnL; 0 with fewer than 2 trades. */
    double netPnlVariance() {
        return trades < 2 ? 0.0 : netSquaredDeviations / (trades - 1);
    }

    double netPnlMean() {
        return netMean;
    }
}
