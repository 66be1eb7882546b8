package io.scalper.bybit.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;

/**
 * One trade from {@code GET /v5/market/recent-trade}.
 *
 * @param execId trade id
 * @param symbol the symbol
 * @param price decimal price
 * @param size decimal size
 * @param side taker side, {@code Buy} or {@code Sell}
 * @param time trade time, epoch ms as a string
 * @param isBlockTrade whether it was a block trade
 * @param seq cross sequence (0 when absent)
 */
public record BybitPublicTrade(
        String execId,
        String symbol,
        String price,
        String size,
        String side,
        String time,
        @JsonProperty("isBlockTrade") boolean isBlockTrade,
        long seq) {

    /** Price in ticks, or {@link io.scalper.core.util.Decimals#INVALID}. */
    public long priceTicks(Instrument instrument) {
        return Units.ticks(instrument, price);
    }

    /** Size in lots, or {@link io.scalper.core.util.Decimals#INVALID}. */
    public long sizeLots(Instrument instrument) {
        return Units.lots(instrument, size);
    }

    /** The taker side as a core side. */
    public Side takerSide() {
        return Units.side(side);
    }

    /** Trade time, epoch ms. */
    public long timeMs() {
        return Units.millis(time);
    }
}
