package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;

/**
 * An order as {@code GET /v5/order/realtime} and {@code /v5/order/history} report it (the same fields as the private
 * {@code order} stream), decimals as Bybit sends them. The tick/lot helpers return
 * {@link io.scalper.core.util.Decimals#INVALID} for empty or off-grid values.
 *
 * @param orderId Bybit's order id (opaque)
 * @param orderLinkId the client order id ({@code ""} if none)
 * @param symbol the symbol
 * @param side {@code Buy} or {@code Sell}
 * @param orderType {@code Limit} or {@code Market}
 * @param timeInForce {@code GTC}, {@code IOC}, {@code FOK} or {@code PostOnly}
 * @param price limit price
 * @param qty order quantity
 * @param orderStatus {@code New}, {@code PartiallyFilled}, {@code Untriggered}, {@code Triggered}, {@code Filled},
 *     {@code Cancelled}, {@code Rejected}, {@code Deactivated}
 * @param cancelType why it was cancelled ({@code UNKNOWN} if not)
 * @param rejectReason e.g. {@code EC_PostOnlyWillTakeLiquidity}, {@code EC_NoError}
 * @param avgPrice average fill price ({@code ""} or {@code "0"} when none)
 * @param leavesQty quantity still open
 * @param cumExecQty quantity filled
 * @param cumExecValue value filled
 * @param cumExecFee fees paid (deprecated by Bybit for linear; may be absent)
 * @param triggerPrice trigger of a conditional order
 * @param triggerBy {@code LastPrice}, {@code MarkPrice}, {@code IndexPrice}
 * @param triggerDirection 1 rise, 2 fall, 0 none
 * @param stopOrderType e.g. {@code StopLoss}, {@code TakeProfit}, {@code ""}/{@code UNKNOWN} for plain orders
 * @param reduceOnly whether it may only reduce the position
 * @param closeOnTrigger whether it is close-on-trigger
 * @param positionIdx 0 one-way, 1/2 hedge-mode buy/sell side
 * @param createdTime epoch ms as a string
 * @param updatedTime epoch ms as a string
 */
public record BybitOrder(
        String orderId,
        String orderLinkId,
        String symbol,
        String side,
        String orderType,
        String timeInForce,
        String price,
        String qty,
        String orderStatus,
        String cancelType,
        String rejectReason,
        String avgPrice,
        String leavesQty,
        String cumExecQty,
        String cumExecValue,
        String cumExecFee,
        String triggerPrice,
        String triggerBy,
        int triggerDirection,
        String stopOrderType,
        boolean reduceOnly,
        boolean closeOnTrigger,
        int positionIdx,
        String createdTime,
        String updatedTime) {

    /** The side as a core side. */
    public Side toSide() {
        return Units.side(side);
    }

    /** Limit price in ticks. */
    public long priceTicks(Instrument instrument) {
        return Units.ticks(instrument, price);
    }

    /** Order quantity in lots. */
    public long qtyLots(Instrument instrument) {
        return Units.lots(instrument, qty);
    }

    /** Filled quantity in lots. */
    public long cumExecQtyLots(Instrument instrument) {
        return Units.lots(instrument, cumExecQty);
    }

    /** Open quantity in lots. */
    public long leavesQtyLots(Instrument instrument) {
        return Units.lots(instrument, leavesQty);
    }

    /** Trigger price in ticks ({@link io.scalper.core.util.Decimals#INVALID} or 0 for a plain order). */
    public long triggerPriceTicks(Instrument instrument) {
        return Units.ticks(instrument, triggerPrice);
    }

    /** Whether the order is still working ({@code New}, {@code PartiallyFilled}, {@code Untriggered}, ...). */
    public boolean isOpen() {
        switch (orderStatus == null ? "" : orderStatus) {
            case "New":
            case "PartiallyFilled":
            case "Untriggered":
            case "Triggered":
            case "Created":
                return true;
            default:
                return false;
        }
    }

    /** Creation time, epoch ms. */
    public long createdTimeMs() {
        return Units.millis(createdTime);
    }

    /** Acknowledgement form: ids only. */
    public BybitOrderAck toAck() {
        return new BybitOrderAck(orderId, orderLinkId);
    }
}
