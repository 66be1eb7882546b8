package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v5/order/amend}: which order (by {@code orderId} or {@code orderLinkId}) and what changes.
 * Start from {@link #byOrderLinkId} or {@link #byOrderId} and add changes with the {@code with*} methods. Immutable.
 *
 * @param symbol the symbol
 * @param orderId Bybit's order id, or {@code null}
 * @param orderLinkId the client order id, or {@code null}
 * @param qty new quantity, or {@code null}
 * @param price new limit price, or {@code null}
 * @param triggerPrice new trigger price, or {@code null}
 */
public record BybitAmendOrder(
        String symbol, String orderId, String orderLinkId, String qty, String price, String triggerPrice) {

    public BybitAmendOrder {
        Objects.requireNonNull(symbol, "symbol");
        if (orderId == null && orderLinkId == null) {
            throw new IllegalArgumentException("amend " + symbol + ": orderId or orderLinkId required");
        }
    }

    /** Amends the order with this client id. */
    public static BybitAmendOrder byOrderLinkId(String symbol, String orderLinkId) {
        return new BybitAmendOrder(symbol, null, Objects.requireNonNull(orderLinkId, "orderLinkId"), null, null, null);
    }

    /** Amends the order with this Bybit id. */
    public static BybitAmendOrder byOrderId(String symbol, String orderId) {
        return new BybitAmendOrder(symbol, Objects.requireNonNull(orderId, "orderId"), null, null, null, null);
    }

    /** A copy that sets the limit price to {@code ticks} on {@code instrument}'s grid. */
    public BybitAmendOrder withPrice(Instrument instrument, long ticks) {
        return new BybitAmendOrder(symbol, orderId, orderLinkId, qty, instrument.formatPrice(ticks), triggerPrice);
    }

    /** A copy that sets the quantity to {@code lots}. */
    public BybitAmendOrder withQty(Instrument instrument, long lots) {
        return new BybitAmendOrder(symbol, orderId, orderLinkId, instrument.formatQty(lots), price, triggerPrice);
    }

    /** A copy that sets the trigger price to {@code ticks} (conditional orders, e.g. a trailing stop). */
    public BybitAmendOrder withTriggerPrice(Instrument instrument, long ticks) {
        return new BybitAmendOrder(symbol, orderId, orderLinkId, qty, price, instrument.formatPrice(ticks));
    }

    Map<String, Object> toBody() {
        if (qty == null && price == null && triggerPrice == null) {
            throw new IllegalArgumentException("amend " + symbol + ": nothing to change");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "linear");
        body.put("symbol", symbol);
        if (orderId != null) {
            body.put("orderId", orderId);
        }
        if (orderLinkId != null) {
            body.put("orderLinkId", orderLinkId);
        }
        if (qty != null) {
            body.put("qty", qty);
        }
        if (price != null) {
            body.put("price", price);
        }
        if (triggerPrice != null) {
            body.put("triggerPrice", triggerPrice);
        }
        return body;
    }
}
