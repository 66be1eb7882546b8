package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;

/**
 * One linear contract from {@code GET /v5/market/instruments-info}, decimals as Bybit sends them.
 *
 * @param symbol e.g. {@code BTCUSDT}
 * @param contractType {@code LinearPerpetual} or {@code LinearFutures}
 * @param status {@code Trading}, {@code PreLaunch}, {@code Delivering}, {@code Closed}
 * @param baseCoin e.g. {@code BTC}
 * @param quoteCoin e.g. {@code USDT}
 * @param settleCoin e.g. {@code USDT}
 * @param priceScale decimals of prices, e.g. {@code "2"}
 * @param tickSize price increment
 * @param minPrice lowest order price
 * @param maxPrice highest order price
 * @param qtyStep quantity increment
 * @param minOrderQty minimum quantity
 * @param maxOrderQty maximum limit / post-only quantity
 * @param maxMktOrderQty maximum market quantity (may be empty on old data)
 * @param minNotionalValue minimum order value in quote coin ({@code "0"} when Bybit did not send it)
 * @param maxLeverage e.g. {@code "100.00"}
 * @param leverageStep e.g. {@code "0.01"}
 * @param fundingIntervalMinutes funding interval in minutes (480 = 8 h); 0 when absent
 * @param upperFundingRate funding rate cap (may be empty)
 * @param lowerFundingRate funding rate floor (may be empty)
 */
public record BybitInstrumentInfo(
        String symbol,
        String contractType,
        String status,
        String baseCoin,
        String quoteCoin,
        String settleCoin,
        String priceScale,
        String tickSize,
        String minPrice,
        String maxPrice,
        String qtyStep,
        String minOrderQty,
        String maxOrderQty,
        String maxMktOrderQty,
        String minNotionalValue,
        String maxLeverage,
        String leverageStep,
        int fundingIntervalMinutes,
        String upperFundingRate,
        String lowerFundingRate) {

    /**
     * The core trading rules: tick size, quantity step, minimum quantity and minimum notional.
     *
     * @throws IllegalArgumentException if a rule is missing or malformed (the message names it)
     */
    public Instrument toInstrument() {
        return Instrument.of(
                symbol,
                tickSize,
                qtyStep,
                minOrderQty,
                minNotionalValue == null || minNotionalValue.isEmpty() ? "0" : minNotionalValue);
    }

    /** Whether the contract is trading now. */
    public boolean isTrading() {
        return "Trading".equals(status);
    }
}
