package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitAmendOrder;

/**
 * An amend in flight: the values the order will have if it works, and the request (for a re-send).
 *
 * @param priceTicks the price after the amend ({@code OrderRequest.NO_PRICE} for a market order)
 * @param qtyLots the quantity after the amend
 * @param triggerTicks the trigger after the amend ({@code OrderRequest.NO_PRICE} if none)
 * @param body the request as sent
 */
record AmendValues(long priceTicks, long qtyLots, long triggerTicks, BybitAmendOrder body) {}
