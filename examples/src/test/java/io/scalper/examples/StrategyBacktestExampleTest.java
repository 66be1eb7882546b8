package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.backtest.BacktestConfig;
import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a user unit-tests a strategy offline: build the market the test is about — a generated market with a scenario
 * injected at a known time — backtest the strategy on it with the same engine and simulated exchange as
 * {@code scalper backtest}, and assert on what it did: which way it traded, and what it earned after fees.
 */
class StrategyBacktestExampleTest {
    private static final long MINUTE = 60_000_000_000L;

    /** The strategy under test: the default signals with wider brackets and a trailing stop, for trends. */
    static ScalperConfig trendFollowingConfig() {
        final ScalperConfig d = ScalperConfig.defaults();
        final ExecutionConfig e = d.execution();
        final ExecutionConfig wide = new ExecutionConfig(
                e.clientIdPrefix(),
                e.improveTouch(),
                e.maxReprices(),
                e.minRepriceIntervalNs(),
                e.maxPostOnlyRetries(),
                e.escalateAfterNs(),
                e.escalateScore(),
                e.maxSlippageTicks(),
                e.abandonScore(),
                e.entryTimeoutNs(),
                60, // stopTicks
                400, // takeProfitTicks
                e.stopVolMultiple(),
                e.volHorizonNs(),
                e.stopTriggerByMark(),
                60, // trailActivationTicks
                40, // trailDistanceTicks
                e.trailMinIntervalNs(),
                e.maxLegReplacements(),
                e.timerIntervalNs(),
                e.maxRetries(),
                e.retryBackoffNs(),
                e.retryMaxBackoffNs(),
                e.maxUnprotectedNs(),
                e.positionCheckGraceNs());
        final BacktestConfig b = d.backtest();
        // a maker rebate account (Bybit market-maker tiers pay makers): the test is about direction, not fee tier
        final BacktestConfig fees = new BacktestConfig(
                -0.00005,
                b.takerFeeRate(),
                b.initialBalance(),
                b.leverage(),
                b.orderLatencyNs(),
                b.responseLatencyNs(),
                b.latencySigma(),
                b.feedLatencyNs(),
                b.recordedFeedLatency(),
                b.queueModel(),
                b.equitySampleIntervalNs());
        return new ScalperConfig(d.book(), d.tape(), d.features(), d.signals(), d.fusion(), d.risk(), wide, fees);
    }

    @Test
    void strategyShouldTradeWithAnInjectedUpTrendAndEndUpAfterFees() throws IOException {
        // 12 minutes of market; from minute 4, a 6-minute up-trend of 6 ticks a second
        final GeneratorConfig market = GeneratorConfig.defaults().withSeed(42);
        final List<Scenario> scenarios = List.of(Scenario.parse("TREND_UP@4m:duration=6m,rate=6"));
        final BacktestResult r = BacktestRunner.builder()
                .config(trendFollowingConfig())
                .source(new GeneratedSource(market, scenarios, 12 * MINUTE))
                .seed(1)
                .build()
                .run();

        final long trendStart = r.startTimeNs() + 4 * MINUTE;
        final long trendEnd = trendStart + 6 * MINUTE;
        long withTrend = 0;
        long againstTrend = 0;
        double trendNet = 0;
        for (RoundTrip t : r.trades()) {
            if (t.entryTimeNs() >= trendStart && t.entryTimeNs() < trendEnd) {
                if (t.side() == Side.BUY) {
                    withTrend++;
                } else {
                    againstTrend++;
                }
                trendNet += t.netPnl();
            }
        }
        assertThat(withTrend).as("long trades during the up-trend").isPositive();
        assertThat(withTrend).isGreaterThan(againstTrend);
        assertThat(trendNet)
                .as("net PnL of the trades entered during the trend")
                .isPositive();
        // the books balance: what the strategy booked is what the exchange holds
        assertThat(r.exchangePositionLots()).isZero();
        assertThat(r.stats().startEquity()
                        + r.stats().realizedPnl()
                        - r.stats().fees()
                        + r.stats().funding())
                .isCloseTo(r.exchangeEquity(), offset(1e-6));
        assertThat(r.invariantViolations()).as("never without a stop").isZero();
    }
}
