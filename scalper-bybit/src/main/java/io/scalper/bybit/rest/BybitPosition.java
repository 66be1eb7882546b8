package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.math.BigDecimal;

/**
 * One position from {@code GET /v5/position/list}, decimals as Bybit sends them. The entry price is {@code avgPrice}
 * here (the WebSocket calls it {@code entryPrice}); it is usually finer than the tick, hence a decimal.
 *
 * @param symbol the symbol
 * @param side {@code Buy} (long), {@code Sell} (short) or {@code ""} when flat
 * @param size absolute position size
 * @param positionIdx 0 one-way, 1/2 hedge-mode sides
 * @param avgPrice average entry price
 * @param markPrice mark price
 * @param leverage leverage, e.g. {@code "10"}
 * @param positionValue position value
 * @param unrealisedPnl unrealised PnL
 * @param curRealisedPnl realised PnL of the current holding
 * @param cumRealisedPnl cumulative realised PnL
 * @param liqPrice liquidation price ({@code ""} when none)
 * @param takeProfit position take-profit ({@code "0"} when none)
 * @param stopLoss position stop-loss ({@code "0"} when none)
 * @param trailingStop trailing-stop distance ({@code "0"} when none)
 * @param positionStatus {@code Normal}, {@code Liq}, {@code Adl}
 * @param seq cross sequence (0 when absent)
 * @param updatedTime epoch ms as a string
 */
public record BybitPosition(
        String symbol,
        String side,
        String size,
        int positionIdx,
        String avgPrice,
        String markPrice,
        String leverage,
        String positionValue,
        String unrealisedPnl,
        String curRealisedPnl,
        String cumRealisedPnl,
        String liqPrice,
        String takeProfit,
        String stopLoss,
        String trailingStop,
        String positionStatus,
        long seq,
        String updatedTime) {

    /** The side as a core side, or {@code null} when flat. */
    public Side toSide() {
        return Units.side(side);
    }

    /** Absolute size in lots. */
    public long sizeLots(Instrument instrument) {
        return Units.lots(instrument, size);
    }

    /** Size in lots, positive long, negative short, 0 flat; {@link Decimals#INVALID} when malformed. */
    public long signedSizeLots(Instrument instrument) {
        final long lots = sizeLots(instrument);
        if (lots == Decimals.INVALID) {
            return lots;
        }
        final Side s = toSide();
        return s == null ? 0 : lots * s.sign();
    }

    /** Whether there is no position. */
    public boolean isFlat() {
        final BigDecimal s = Units.decimal(size);
        return s == null || s.signum() == 0;
    }

    /** Average entry price as a decimal ({@code null} if absent). */
    public BigDecimal avgPriceDecimal() {
        return Units.decimal(avgPrice);
    }
}
