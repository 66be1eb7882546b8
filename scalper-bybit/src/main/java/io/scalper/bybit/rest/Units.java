package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.math.BigDecimal;

/** Conversions of Bybit's decimal strings for the response records. */
final class Units {
    private Units() {}

    /** Ticks, or {@link Decimals#INVALID} when the text is absent, empty or off the tick grid. */
    static long ticks(Instrument instrument, String price) {
        return price == null || price.isEmpty() ? Decimals.INVALID : instrument.priceToTicks(price);
    }

    /** Lots, or {@link Decimals#INVALID} when the text is absent, empty or off the step grid. */
    static long lots(Instrument instrument, String qty) {
        return qty == null || qty.isEmpty() ? Decimals.INVALID : instrument.qtyToLots(qty);
    }

    /** The decimal, or {@code null} when absent or empty. */
    static BigDecimal decimal(String text) {
        return text == null || text.isEmpty() ? null : new BigDecimal(text);
    }

    /** Epoch milliseconds from a decimal string, or {@code 0} when absent or empty. */
    static long millis(String text) {
        return text == null || text.isEmpty() ? 0L : Long.parseLong(text);
    }

    /** {@code Buy}/{@code Sell} as a core side, or {@code null} for anything else (e.g. a flat position's {@code ""}). */
    static Side side(String text) {
        if ("Buy".equals(text)) {
            return Side.BUY;
        }
        if ("Sell".equals(text)) {
            return Side.SELL;
        }
        return null;
    }

    static String text(Side side) {
        return side == Side.BUY ? "Buy" : "Sell";
    }
}
