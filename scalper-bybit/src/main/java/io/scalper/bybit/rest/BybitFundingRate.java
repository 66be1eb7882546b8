package io.scalper.bybit.rest;

import java.math.BigDecimal;

/**
 * One settled funding rate from {@code GET /v5/market/funding/history}.
 *
 * @param symbol the symbol
 * @param fundingRate the rate, e.g. {@code "0.0001"} (positive: longs pay shorts)
 * @param fundingRateTimestamp settlement time, epoch ms as a string
 */
public record BybitFundingRate(String symbol, String fundingRate, String fundingRateTimestamp) {

    /** The rate as a decimal. */
    public BigDecimal rate() {
        return Units.decimal(fundingRate);
    }

    /** Settlement time, epoch ms. */
    public long timestampMs() {
        return Units.millis(fundingRateTimestamp);
    }
}
