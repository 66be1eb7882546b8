package io.scalper.bybit.marketdata;

import io.scalper.core.model.Instrument;

/** Turns a symbol seen for the first time in a feed into its {@link Instrument}. */
@FunctionalInterface
public interface InstrumentResolver {
    /**
     * @param symbol the symbol, e.g. {@code BTCUSDT}
     * @param priceScale the most decimals seen in the first frame's prices, or -1 if it carried none
     * @param qtyScale the most decimals seen in the first frame's sizes, or -1 if it carried none
     * @return the instrument, or {@code null} to ignore the symbol's frames
     */
    Instrument resolve(String symbol, int priceScale, int qtyScale);
}
