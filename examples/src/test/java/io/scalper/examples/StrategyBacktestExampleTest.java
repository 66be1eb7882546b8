package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.config.ScalperConfig;
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

    /**
     * The strategy under test: the default signals with wider fixed brackets and a trailing stop, for trends. It enters
     * on the signals alone — the expected-edge gate, which learns what the fused score is worth from the market it
     * trades, is off here: twelve minutes of market are too few to learn from, and the test is about direction.
     */
    static ScalperConfig trendFollowingConfig() {
        return ScalperConfig.defaults()
                .with("edge.enabled", "false")
                .with("execution.stopTicks", "60")
                .with("execution.takeProfitTicks", "400")
                .with("execution.stopVolMultiple", "0")
                .with("execution.stopCostMultiple", "0")
                .with("execution.trailActivationTicks", "60")
                .with("execution.trailDistanceTicks", "40")
                // entries rest post-only and escalate only a couple of ticks: this account is paid to make
                .with("execution.maxSlippageBps", "0")
                // a maker rebate account (Bybit market-maker tiers pay makers): the test is about direction, not fees
                .with("backtest.makerFeeRate", "-0.00005");
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
