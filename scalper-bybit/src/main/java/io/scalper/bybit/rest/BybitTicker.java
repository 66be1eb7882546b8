package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import io.scalper.core.util.Decimals;
import java.math.BigDecimal;

/**
 * One linear ticker from {@code GET /v5/market/tickers}, decimals as Bybit sends them (empty when not applicable).
 * The tick/lot helpers return {@link Decimals#INVALID} for empty or off-grid values (mark and index prices are often
 * finer than the tick).
 */
public record BybitTicker(
        String symbol,
        String lastPrice,
        String markPrice,
        String indexPrice,
        String bid1Price,
        String bid1Size,
        String ask1Price,
        String ask1Size,
        String prevPrice24h,
        String price24hPcnt,
        String highPrice24h,
        String lowPrice24h,
        String volume24h,
        String turnover24h,
        String openInterest,
        String fundingRate,
        String nextFundingTime,
        String fundingIntervalHour,
        String fundingCap) {

    /** Best bid in ticks. */
    public long bid1PriceTicks(Instrument instrument) {
        return Units.ticks(instrument, bid1Price);
    }

    /** Best ask in ticks. */
    public long ask1PriceTicks(Instrument instrument) {
        return Units.ticks(instrument, ask1Price);
    }

    /** Best bid size in lots. */
    public long bid1SizeLots(Instrument instrument) {
        return Units.lots(instrument, bid1Size);
    }

    /** Best ask size in lots. */
    public long ask1SizeLots(Instrument instrument) {
        return Units.lots(instrument, ask1Size);
    }

    /** Last traded price in ticks. */
    public long lastPriceTicks(Instrument instrument) {
        return Units.ticks(instrument, lastPrice);
    }

    /** The current funding rate, or {@code null} (dated futures). */
    public BigDecimal fundingRateDecimal() {
        return Units.decimal(fundingRate);
    }

    /** Next funding settlement, epoch ms; 0 when none. */
    public long nextFundingTimeMs() {
        return Units.millis(nextFundingTime);
    }
}
