package io.scalper.bybit.rest;

import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderType;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v5/order/create} for a linear one-way-mode order, values as Bybit expects them (decimal
 * strings, case-sensitive enums). Build one from a core {@link OrderRequest} with {@link #from}. Immutable.
 *
 * @param symbol e.g. {@code BTCUSDT}
 * @param side {@code Buy} or {@code Sell}
 * @param orderType {@code Limit} or {@code Market}
 * @param qty decimal quantity on the instrument's step
 * @param price decimal limit price, or {@code null} for a market order
 * @param timeInForce {@code GTC}, {@code IOC}, {@code FOK}, {@code PostOnly}, or {@code null} (market orders)
 * @param orderLinkId the client order id: required here, so that a retried create can never place a second order
 * @param reduceOnly whether the order may only reduce the position
 * @param triggerPrice decimal trigger price of a conditional order, or {@code null}
 * @param triggerDirection 1 = triggers when the price rises to the trigger, 2 = falls to it; 0 for a plain order
 * @param triggerBy {@code LastPrice}, {@code MarkPrice} or {@code IndexPrice}; {@code null} for a plain order
 * @param positionIdx 0 (one-way mode)
 */
public record BybitCreateOrder(
        String symbol,
        String side,
        String orderType,
        String qty,
        String price,
        String timeInForce,
        String orderLinkId,
        boolean reduceOnly,
        String triggerPrice,
        int triggerDirection,
        String triggerBy,
        int positionIdx) {

    public BybitCreateOrder {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(qty, "qty");
        ClientOrderIds.check(orderLinkId);
        if ("Limit".equals(orderType) && price == null) {
            throw new IllegalArgumentException("order " + orderLinkId + ": price: required for a Limit order");
        }
        if (triggerPrice != null && triggerDirection != 1 && triggerDirection != 2) {
            throw new IllegalArgumentException(
                    "order " + orderLinkId + ": triggerDirection: must be 1 or 2 with a trigger price");
        }
    }

    /**
     * The create request for a core order. Side, type, time in force (post-only becomes {@code PostOnly}), price and
     * quantity (formatted on {@code instrument}'s grid), {@code reduceOnly} and the client id ({@code orderLinkId})
     * are mapped one to one; position index is 0. A conditional order gets its trigger price, {@code triggerBy} from
     * its trigger source, and the direction of a stop: a buy stop triggers when the price rises to it (1), a sell stop
     * when it falls (2). Market orders carry no price and no time in force (Bybit runs them IOC).
     *
     * @throws IllegalArgumentException if {@code instrument} is not the order's symbol
     */
    public static BybitCreateOrder from(OrderRequest order, Instrument instrument) {
        if (!order.symbol().equals(instrument.symbol())) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + ": instrument " + instrument.symbol()
                    + " for symbol " + order.symbol());
        }
        final boolean limit = order.type() == OrderType.LIMIT;
        final boolean conditional = order.isConditional();
        return new BybitCreateOrder(
                order.symbol(),
                Units.text(order.side()),
                limit ? "Limit" : "Market",
                instrument.formatQty(order.qtyLots()),
                limit ? instrument.formatPrice(order.priceTicks()) : null,
                limit ? timeInForce(order) : null,
                order.clientOrderId(),
                order.reduceOnly(),
                conditional ? instrument.formatPrice(order.triggerPriceTicks()) : null,
                conditional ? (order.side() == io.scalper.core.model.Side.BUY ? 1 : 2) : 0,
                conditional ? triggerBy(order.triggerSource()) : null,
                0);
    }

    private static String timeInForce(OrderRequest order) {
        switch (order.timeInForce()) {
            case POST_ONLY:
                return "PostOnly";
            case IOC:
                return "IOC";
            case FOK:
                return "FOK";
            case GTC:
            default:
                return "GTC";
        }
    }

    private static String triggerBy(TriggerSource source) {
        return source == TriggerSource.MARK_PRICE ? "MarkPrice" : "LastPrice";
    }

    /** A copy with another trigger direction (e.g. 1 for a sell take-profit that triggers on a rise). */
    public BybitCreateOrder withTriggerDirection(int direction) {
        return new BybitCreateOrder(
                symbol,
                side,
                orderType,
                qty,
                price,
                timeInForce,
                orderLinkId,
                reduceOnly,
                triggerPrice,
                direction,
                triggerBy,
                positionIdx);
    }

    /** The JSON body fields in a fixed order; absent options are left out. */
    Map<String, Object> toBody() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "linear");
        body.put("symbol", symbol);
        body.put("side", side);
        body.put("orderType", orderType);
        body.put("qty", qty);
        if (price != null) {
            body.put("price", price);
        }
        if (timeInForce != null) {
            body.put("timeInForce", timeInForce);
        }
        body.put("orderLinkId", orderLinkId);
        if (reduceOnly) {
            body.put("reduceOnly", Boolean.TRUE);
        }
        if (triggerPrice != null) {
            body.put("triggerPrice", triggerPrice);
            body.put("triggerDirection", triggerDirection);
            body.put("triggerBy", triggerBy);
        }
        body.put("positionIdx", positionIdx);
        return body;
    }
}
