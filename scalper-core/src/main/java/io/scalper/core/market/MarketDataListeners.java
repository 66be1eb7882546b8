package io.scalper.core.market;

import java.util.Objects;

/** Helpers for {@link MarketDataListener}s. */
public final class MarketDataListeners {
    private MarketDataListeners() {}

    /**
     * One listener telling each of {@code listeners} in turn, in the order given (an order matters: a simulated
     * exchange must see a book before the strategy that trades on it). Allocates nothing per event.
     */
    public static MarketDataListener fanOut(MarketDataListener... listeners) {
        final MarketDataListener[] all = listeners.clone();
        for (MarketDataListener l : all) {
            Objects.requireNonNull(l, "listener");
        }
        if (all.length == 1) {
            return all[0];
        }
        return new MarketDataListener() {
            @Override
            public void onBook(MarketState market, int result) {
                for (MarketDataListener l : all) {
                    l.onBook(market, result);
                }
            }

            @Override
            public void onTrades(MarketState market, int count) {
                for (MarketDataListener l : all) {
                    l.onTrades(market, count);
                }
            }

            @Override
            public void onTicker(MarketState market) {
                for (MarketDataListener l : all) {
                    l.onTicker(market);
                }
            }
        };
    }
}
