package io.scalper.core.runtime;

/** A snapshot of a {@link TradingLoop} for a status line or metrics (prices in quote currency, sizes in base). */
public record LoopStatus(
        String venue,
        String symbol,
        double mid,
        long spreadTicks,
        long positionLots,
        double positionQty,
        double entryPrice,
        double unrealizedPnl,
        double realizedNet,
        double equity,
        double fused,
        double confidence,
        String tradingState,
        long refusals,
        double feedAgeMs,
        double roundTripMs,
        long reconnects,
        long messages,
        long trades,
        long orders,
        long fills,
        boolean bookInSync,
        boolean privateStreamUp) {}
