package io.scalper.core.config;

import java.util.Locale;

/**
 * Settings of a backtest (YAML section {@code backtest}): the simulated exchange's fees, balance and leverage, the
 * latency model, the queue model, and how often equity is sampled. The simulation builds its models from it
 * ({@code SimulatedExchangeConfig.of}, {@code LatencyModel.of}, {@code QueueModel.of} in {@code io.scalper.core.backtest}):
 * this section lives with the configuration so that neither the configuration nor the engine, which takes its fee
 * rates as the default, depends on the backtest package.
 *
 * @param makerFeeRate fee rate of maker fills (Bybit non-VIP linear: 0.0002); negative for a rebate
 * @param takerFeeRate fee rate of taker fills (Bybit non-VIP linear: 0.00055)
 * @param initialBalance wallet balance in quote currency at the start (also the strategy's starting equity)
 * @param leverage leverage used for the exchange's margin check
 * @param orderLatencyNs time for an order command to reach the matching engine
 * @param responseLatencyNs time for the exchange's answer to reach the strategy
 * @param latencySigma 0 for fixed latencies; above 0, each latency is drawn from a log-normal distribution with the
 *     two latencies above as medians and this shape (seeded by the run's seed)
 * @param feedLatencyNs time for market data to reach the strategy after the exchange published it, used for events
 *     without a recorded receive time (and for all events when {@code recordedFeedLatency} is false)
 * @param recordedFeedLatency use the receive times recorded with the data when present
 * @param queueModel {@code risk-averse} (only trades advance a resting order) or {@code probabilistic} (cancellations
 *     ahead also advance it)
 * @param equitySampleIntervalNs how often the equity curve is sampled (marked to market)
 * @param latencyModel {@code fixed} (the two latencies above, log-normal with {@code latencySigma}) or {@code
 *     recorded}: the order round trips recorded in live sessions ({@code latencyRecording}), replayed — each command
 *     and its answer take half of the round trip measured nearest in time (in order, cycling, when the run's clock is
 *     outside the recording)
 * @param latencyRecording a session folder, or a state directory (all its sessions), for {@code latencyModel:
 *     recorded}; {@code ""} otherwise
 * @param queueAheadShare for the probabilistic queue model: the share of a size decrease at the order's level counted
 *     ahead of it in proportion to the queue ahead (1: all of it — the classic probabilistic model; 0: none, as
 *     risk-averse); {@code scalper drift --fit} fits it to the fills of a live session
 */
public record BacktestConfig(
        double makerFeeRate,
        double takerFeeRate,
        double initialBalance,
        double leverage,
        long orderLatencyNs,
        long responseLatencyNs,
        double latencySigma,
        long feedLatencyNs,
        boolean recordedFeedLatency,
        String queueModel,
        long equitySampleIntervalNs,
        String latencyModel,
        String latencyRecording,
        double queueAheadShare) {
    public BacktestConfig {
        checkExchange(makerFeeRate, takerFeeRate, initialBalance, leverage);
        if (orderLatencyNs < 0) {
            throw new IllegalArgumentException("backtest.orderLatency: must be >= 0, got " + orderLatencyNs + "ns");
        }
        if (responseLatencyNs < 0) {
            throw new IllegalArgumentException(
                    "backtest.responseLatency: must be >= 0, got " + responseLatencyNs + "ns");
        }
        if (!(latencySigma >= 0 && latencySigma <= 5)) {
            throw new IllegalArgumentException("backtest.latencySigma: must be in [0, 5], got " + latencySigma);
        }
        if (latencySigma > 0 && (orderLatencyNs == 0 || responseLatencyNs == 0)) {
            throw new IllegalArgumentException(
                    "backtest.latencySigma: a log-normal latency needs orderLatency and responseLatency > 0");
        }
        if (feedLatencyNs < 0) {
            throw new IllegalArgumentException("backtest.feedLatency: must be >= 0, got " + feedLatencyNs + "ns");
        }
        queueModel = queueModel == null ? "" : queueModel.trim().toLowerCase(Locale.ROOT);
        if (!queueModel.equals("risk-averse") && !queueModel.equals("probabilistic")) {
            throw new IllegalArgumentException(
                    "backtest.queueModel: must be risk-averse or probabilistic, got '" + queueModel + "'");
        }
        if (equitySampleIntervalNs <= 0) {
            throw new IllegalArgumentException(
                    "backtest.equitySampleInterval: must be > 0, got " + equitySampleIntervalNs + "ns");
        }
        latencyModel = latencyModel == null ? "" : latencyModel.trim().toLowerCase(Locale.ROOT);
        if (!latencyModel.equals(FIXED) && !latencyModel.equals(RECORDED)) {
            throw new IllegalArgumentException(
                    "backtest.latencyModel: must be fixed or recorded, got '" + latencyModel + "'");
        }
        latencyRecording = latencyRecording == null ? "" : latencyRecording.trim();
        if (latencyModel.equals(RECORDED) && latencyRecording.isEmpty()) {
            throw new IllegalArgumentException(
                    "backtest.latencyRecording: a session folder or state directory is required when"
                            + " backtest.latencyModel is recorded");
        }
        if (!(queueAheadShare >= 0 && queueAheadShare <= 1)) {
            throw new IllegalArgumentException("backtest.queueAheadShare: must be in [0, 1], got " + queueAheadShare);
        }
    }

    /** {@code latencyModel}: the configured latencies. */
    public static final String FIXED = "fixed";

    /** {@code latencyModel}: round trips recorded in live sessions. */
    public static final String RECORDED = "recorded";

    public static BacktestConfig defaults() {
        return new BacktestConfig(
                0.0002,
                0.00055,
                10_000,
                10,
                5_000_000L,
                5_000_000L,
                0.0,
                10_000_000L,
                true,
                "risk-averse",
                1_000_000_000L,
                FIXED,
                "",
                1.0);
    }

    /**
     * The checks of the simulated exchange's keys ({@code backtest.makerFeeRate}, {@code takerFeeRate}, {@code
     * initialBalance}, {@code leverage}), shared with {@code SimulatedExchangeConfig}.
     *
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static void checkExchange(double makerFeeRate, double takerFeeRate, double initialBalance, double leverage) {
        if (!(makerFeeRate > -0.01 && makerFeeRate < 0.01)) {
            throw new IllegalArgumentException("backtest.makerFeeRate: must be in (-0.01, 0.01), got " + makerFeeRate);
        }
        if (!(takerFeeRate >= 0 && takerFeeRate < 0.01)) {
            throw new IllegalArgumentException("backtest.takerFeeRate: must be in [0, 0.01), got " + takerFeeRate);
        }
        if (!(initialBalance > 0 && Double.isFinite(initialBalance))) {
            throw new IllegalArgumentException("backtest.initialBalance: must be > 0, got " + initialBalance);
        }
        if (!(leverage >= 1 && leverage <= 200)) {
            throw new IllegalArgumentException("backtest.leverage: must be in [1, 200], got " + leverage);
        }
    }
}
