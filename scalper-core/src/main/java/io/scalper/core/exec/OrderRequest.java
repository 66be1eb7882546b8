package io.scalper.core.exec;

import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * What to place: the content of a submit command. Immutable.
 *
 * @param clientOrderId the client order id (Bybit {@code orderLinkId}): ≤ 36 of {@code [A-Za-z0-9_-]}, unique per run
 *     and across restarts; see {@link ClientOrderIds}
 * @param symbol instrument symbol
 * @param side buy or sell
 * @param type limit or market
 * @param timeInForce GTC, post-only, IOC or FOK (market orders are IOC)
 * @param priceTicks limit price in ticks; {@link #NO_PRICE} for market orders
 * @param qtyLots quantity in lots, &gt; 0
 * @param reduceOnly whether the order may only reduce a position
 * @param triggerPriceTicks trigger price of a conditional (stop) order, or {@link #NO_PRICE} for a plain order
 * @param triggerSource the price the trigger watches (ignored for plain orders)
 * @param purpose why the engine placed it
 */
public record OrderRequest(
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long priceTicks,
        long qtyLots,
        boolean reduceOnly,
        long triggerPriceTicks,
        TriggerSource triggerSource,
        OrderPurpose purpose) {

    /** Sentinel for "no price". */
    public static final long NO_PRICE = Long.MIN_VALUE;

    public OrderRequest {
        ClientOrderIds.check(clientOrderId);
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(triggerSource, "triggerSource");
        Objects.requireNonNull(purpose, "purpose");
        if (qtyLots <= 0) {
            throw new IllegalArgumentException("order " + clientOrderId + ": quantity must be > 0, got " + qtyLots);
        }
        if (type == OrderType.LIMIT && priceTicks <= 0) {
            throw new IllegalArgumentException("order " + clientOrderId + ": a limit order needs a price > 0");
        }
        if (type == OrderType.MARKET && timeInForce == TimeInForce.POST_ONLY) {
            throw new IllegalArgumentException("order " + clientOrderId + ": a market order cannot be post-only");
        }
        if (triggerPriceTicks != NO_PRICE && triggerPriceTicks <= 0) {
            throw new IllegalArgumentException("order " + clientOrderId + ": trigger price must be > 0");
        }
    }

    /** A limit order. */
    public static OrderRequest limit(
            String id,
            String symbol,
            Side side,
            long priceTicks,
            long qtyLots,
            TimeInForce tif,
            boolean reduceOnly,
            OrderPurpose purpose) {
        return new OrderRequest(
                id,
                symbol,
                side,
                OrderType.LIMIT,
                tif,
                priceTicks,
                qtyLots,
                reduceOnly,
                NO_PRICE,
                TriggerSource.LAST_PRICE,
                purpose);
    }

    /** A market order (IOC). */
    public static OrderRequest market(
            String id, String symbol, Side side, long qtyLots, boolean reduceOnly, OrderPurpose purpose) {
        return new OrderRequest(
                id,
                symbol,
                side,
                OrderType.MARKET,
                TimeInForce.IOC,
                NO_PRICE,
                qtyLots,
                reduceOnly,
                NO_PRICE,
                TriggerSource.LAST_PRICE,
                purpose);
    }

    /** A conditional stop-market order, triggered when {@code source} price crosses {@code triggerTicks}. */
    public static OrderRequest stopMarket(
            String id,
            String symbol,
            Side side,
            long triggerTicks,
            long qtyLots,
            boolean reduceOnly,
            TriggerSource source,
            OrderPurpose purpose) {
        return new OrderRequest(
                id,
                symbol,
                side,
                OrderType.MARKET,
                TimeInForce.IOC,
                NO_PRICE,
                qtyLots,
                reduceOnly,
                triggerTicks,
                source,
                purpose);
    }

    /** Whether this is a conditional (stop) order. */
    public boolean isConditional() {
        return triggerPriceTicks != NO_PRICE;
    }

    /** A copy with another quantity (e.g. to resize a bracket leg). */
    public OrderRequest withQty(long lots) {
        return new OrderRequest(
                clientOrderId,
                symbol,
                side,
                type,
                timeInForce,
                priceTicks,
                lots,
                reduceOnly,
                triggerPriceTicks,
                triggerSource,
                purpose);
    }
}
