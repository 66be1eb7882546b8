package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import java.util.List;

/**
 * An order book snapshot from {@code GET /v5/market/orderbook}.
 *
 * @param symbol the symbol
 * @param bids bid levels, best (highest) first
 * @param asks ask levels, best (lowest) first
 * @param ts snapshot time, epoch ms
 * @param u update id (matches the WebSocket 1000-level book's {@code u})
 * @param seq cross sequence
 * @param cts matching-engine time, epoch ms (0 when absent)
 */
public record BybitOrderbook(String symbol, List<Level> bids, List<Level> asks, long ts, long u, long seq, long cts) {
    public BybitOrderbook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /**
     * One price level.
     *
     * @param price decimal price
     * @param size decimal size
     */
    public record Level(String price, String size) {
        /** Price in ticks, or {@link io.scalper.core.util.Decimals#INVALID} when off the tick grid. */
        public long priceTicks(Instrument instrument) {
            return Units.ticks(instrument, price);
        }

        /** Size in lots, or {@link io.scalper.core.util.Decimals#INVALID} when off the step grid. */
        public long sizeLots(Instrument instrument) {
            return Units.lots(instrument, size);
        }
    }
}
