package io.scalper.bybit.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The unified account from {@code GET /v5/account/wallet-balance}. Account-level totals are in USD; for
 * cross-margined derivatives the funds available for new orders are {@link #totalAvailableBalance()}.
 *
 * @param accountType {@code UNIFIED}
 * @param totalEquity account equity (USD)
 * @param totalWalletBalance wallet balance (USD)
 * @param totalMarginBalance margin balance (USD)
 * @param totalAvailableBalance available balance (USD)
 * @param totalPerpUPL unrealised PnL of perpetuals (USD)
 * @param totalInitialMargin initial margin (USD)
 * @param totalMaintenanceMargin maintenance margin (USD)
 * @param accountIMRate initial margin rate
 * @param accountMMRate maintenance margin rate
 * @param coin per-coin balances
 */
public record BybitWalletBalance(
        String accountType,
        String totalEquity,
        String totalWalletBalance,
        String totalMarginBalance,
        String totalAvailableBalance,
        String totalPerpUPL,
        String totalInitialMargin,
        String totalMaintenanceMargin,
        String accountIMRate,
        String accountMMRate,
        List<Coin> coin) {

    public BybitWalletBalance {
        coin = coin == null ? List.of() : List.copyOf(coin);
    }

    /** The balance of one coin, if listed. */
    public Optional<Coin> coin(String name) {
        for (Coin c : coin) {
            if (c.coin().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Available balance (USD) as a decimal ({@code null} if absent). */
    public BigDecimal availableBalance() {
        return Units.decimal(totalAvailableBalance);
    }

    /** Equity (USD) as a decimal ({@code null} if absent). */
    public BigDecimal equity() {
        return Units.decimal(totalEquity);
    }

    /**
     * One coin of the account.
     *
     * @param coin e.g. {@code USDT}
     * @param equity coin equity
     * @param usdValue equity in USD
     * @param walletBalance wallet balance
     * @param locked locked by spot orders
     * @param unrealisedPnl unrealised PnL
     * @param cumRealisedPnl cumulative realised PnL
     * @param totalOrderIM initial margin of open orders
     * @param totalPositionIM initial margin of positions
     * @param totalPositionMM maintenance margin of positions
     */
    public record Coin(
            String coin,
            String equity,
            String usdValue,
            String walletBalance,
            String locked,
            String unrealisedPnl,
            String cumRealisedPnl,
            String totalOrderIM,
            String totalPositionIM,
            String totalPositionMM) {

        /** Wallet balance as a decimal ({@code null} if absent). */
        public BigDecimal walletBalanceDecimal() {
            return Units.decimal(walletBalance);
        }
    }
}
