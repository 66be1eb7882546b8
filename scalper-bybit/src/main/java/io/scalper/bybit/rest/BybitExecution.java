package io.scalper.bybit.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.math.BigDecimal;

/**
 * One execution from {@code GET /v5/execution/list} (the same fields as the private {@code execution} stream).
 * Funding settlements appear here too, with {@code execType} {@code Funding}: they are not fills.
 *
 * @param symbol the symbol
 * @param orderId Bybit's order id
 * @param orderLinkId the client order id ({@code ""} for funding and some maker fills)
 * @param side {@code Buy} or {@code Sell}
 * @param orderType {@code Limit}, {@code Market}, {@code UNKNOWN} (funding)
 * @param execId execution id
 * @param execPrice fill price (mark price for funding)
 * @param execQty fill quantity (position size for funding)
 * @param execValue {@code execPrice × execQty}
 * @param execFee fee paid (negative: rebate or funding received)
 * @param feeRate fee rate (the funding rate for funding)
 * @param execType {@code Trade}, {@code Funding}, {@code AdlTrade}, {@code BustTrade}, ...
 * @param execTime epoch ms as a string
 * @param isMaker whether this fill was a maker fill
 * @param closedSize position quantity this fill closed
 * @param leavesQty order quantity still open after this fill
 * @param orderPrice the order's price
 * @param orderQty the order's quantity
 * @param markPrice mark price at the fill
 * @param seq cross sequence (shared with position updates)
 */
public record BybitExecution(
        String symbol,
        String orderId,
        String orderLinkId,
        String side,
        String orderType,
        String execId,
        String execPrice,
        String execQty,
        String execValue,
        String execFee,
        String feeRate,
        String execType,
        String execTime,
        @JsonProperty("isMaker") boolean isMaker,
        String closedSize,
        String leavesQty,
        String orderPrice,
        String orderQty,
        String markPrice,
        long seq) {

    /** Whether this is a funding settlement rather than a fill. */
    public boolean isFunding() {
        return "Funding".equals(execType);
    }

    /** The side as a core side. */
    public Side toSide() {
        return Units.side(side);
    }

    /** Fill price in ticks ({@link io.scalper.core.util.Decimals#INVALID} when off-grid, e.g. funding's mark). */
    public long execPriceTicks(Instrument instrument) {
        return Units.ticks(instrument, execPrice);
    }

    /** Fill quantity in lots. */
    public long execQtyLots(Instrument instrument) {
        return Units.lots(instrument, execQty);
    }

    /** The fee as a decimal ({@code null} if absent). */
    public BigDecimal execFeeDecimal() {
        return Units.decimal(execFee);
    }

    /** Execution time, epoch ms. */
    public long execTimeMs() {
        return Units.millis(execTime);
    }
}
