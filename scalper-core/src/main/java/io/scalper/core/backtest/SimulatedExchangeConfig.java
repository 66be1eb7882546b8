package io.scalper.core.backtest;

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

    public static SimulatedExchangeConfig defaults() {
        return new SimulatedExchangeConfig(0.0002, 0.00055, 10_000, 10);
    }
}
