package io.scalper.bybit.rest;

/**
 * Bybit's answer to an order create, amend or cancel: the request was accepted, nothing more. The order's state
 * arrives on the private {@code order} stream (a post-only order may still be cancelled).
 *
 * @param orderId Bybit's order id (an opaque string); empty if Bybit did not report it
 * @param orderLinkId the client order id; empty if the order had none
 */
public record BybitOrderAck(String orderId, String orderLinkId) {
    public BybitOrderAck {
        orderId = orderId == null ? "" : orderId;
        orderLinkId = orderLinkId == null ? "" : orderLinkId;
    }
}
