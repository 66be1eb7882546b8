package io.scalper.core.backtest;

import io.scalper.core.config.BacktestConfig;

/**
 * Settings of the {@link SimulatedExchange} (YAML section {@code backtest}).
 *
 * @param makerFeeRate fee rate of maker fills (Bybit non-VIP linear: 0.0002); negative for a rebate
 * @param takerFeeRate fee rate of taker fills (Bybit non-VIP linear: 0.00055)
 * @param initialBalance wallet balance in quote currency at the start
 * @param leverage leverage used for the margin check: an order needs notional / leverage of available balance
 */
public record SimulatedExchangeConfig(
        double makerFeeRate, double takerFeeRate, double initialBalance, double leverage) {
    public SimulatedExchangeConfig {
        BacktestConfig.checkExchange(makerFeeRate, takerFeeRate, initialBalance, leverage);
    }

    public static SimulatedExchangeConfig defaults() {
        return new SimulatedExchangeConfig(0.0002, 0.00055, 10_000, 10);
    }

    /** The simulated exchange's settings of a backtest section. */
    public static SimulatedExchangeConfig of(BacktestConfig backtest) {
        return new SimulatedExchangeConfig(
                backtest.makerFeeRate(), backtest.takerFeeRate(), backtest.initialBalance(), backtest.leverage());
    }
}
