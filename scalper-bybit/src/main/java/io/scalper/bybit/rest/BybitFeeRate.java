package io.scalper.bybit.rest;

import java.math.BigDecimal;

/**
 * The account's trading fee rates for one symbol, from {@code GET /v5/account/fee-rate}. A negative rate is a rebate.
 *
 * @param symbol the symbol
 * @param takerFeeRate e.g. {@code "0.00055"}
 * @param makerFeeRate e.g. {@code "0.0002"}
 */
public record BybitFeeRate(String symbol, String takerFeeRate, String makerFeeRate) {

    /** Taker rate as a decimal. */
    public BigDecimal taker() {
        return Units.decimal(takerFeeRate);
    }

    /** Maker rate as a decimal. */
    public BigDecimal maker() {
        return Units.decimal(makerFeeRate);
    }
}
