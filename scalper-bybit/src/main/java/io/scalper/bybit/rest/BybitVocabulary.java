package io.scalper.bybit.rest;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.RejectReason;
import java.util.Map;

/**
 * Bybit's order vocabulary ↔ the core's, in one place: the {@code cancelType} and {@code rejectReason} names of an
 * order, its finished {@code orderStatus}, and the {@code retCode} of a refused request, against {@link CancelReason}
 * and {@link RejectReason}. The private stream, the gateway's look-ups and refusals, and the emulator (core reasons →
 * Bybit's names and codes) all map through here; nothing else compares Bybit's words.
 *
 * <h2>Cancelled orders</h2>
 *
 * <table>
 *   <caption>CancelReason ↔ Bybit</caption>
 *   <tr><th>core</th><th>{@code cancelType}</th><th>{@code rejectReason}</th><th>also read from</th></tr>
 *   <tr><td>BY_CLIENT</td><td>CancelByUser</td><td>EC_NoError</td><td>EC_PerCancelRequest</td></tr>
 *   <tr><td>POST_ONLY_WOULD_TAKE</td><td>UNKNOWN</td><td>EC_PostOnlyWillTakeLiquidity</td><td></td></tr>
 *   <tr><td>IOC_REMAINDER</td><td>UNKNOWN</td><td>EC_NoImmediateQtyToFill</td><td></td></tr>
 *   <tr><td>FOK_UNFILLED</td><td>UNKNOWN</td><td>EC_CancelForNoFullFill</td><td></td></tr>
 *   <tr><td>REDUCE_ONLY</td><td>CancelByReduceOnly</td><td>EC_NoError</td><td></td></tr>
 *   <tr><td>SELF_TRADE_PREVENTION</td><td>CancelBySmp</td><td>EC_NoError</td><td>EC_BySelfMatch,
 *       EC_StopBySelfMatch</td></tr>
 *   <tr><td>BY_VENUE</td><td>CancelByAdmin</td><td>EC_NoError</td><td>CancelByPrepareLiq, CancelAllBeforeLiq,
 *       CancelByPrepareAdl, CancelAllBeforeAdl, CancelBySettle, CancelByTpSlTsClear, CancelByDCP, CancelByRebalance,
 *       CancelByCannotAffordOrderCost, EC_CancelByMMP</td></tr>
 *   <tr><td>UNKNOWN</td><td>UNKNOWN</td><td>EC_Others</td><td>anything else</td></tr>
 * </table>
 *
 * A {@code rejectReason} that names a cause wins over the {@code cancelType}. The event's detail keeps Bybit's words
 * ({@link #cancelDetail}).
 *
 * <h2>Refusals</h2>
 *
 * A {@code retCode} maps to a {@link RejectReason} ({@link #rejectReason(int)}); the event's detail keeps {@code
 * "retCode retMsg"}. The other way ({@link #retCode(RejectReason)}, {@link #retMsg}) answers with each reason's own
 * code, except that {@code INVALID_QTY}, {@code POST_ONLY_WOULD_TAKE}, {@code OUTCOME_UNKNOWN} and {@code UNKNOWN}
 * have none of their own and answer {@code 10001} (which reads back as {@code INVALID_REQUEST}). An order pushed with
 * {@code orderStatus} {@code Rejected} maps its {@code rejectReason} name ({@link #rejectReasonOfName}); a post-only
 * order "rejected" with {@code EC_PostOnlyWillTakeLiquidity} is reported as cancelled, like the {@code Cancelled} form
 * Bybit normally sends ({@link #finished}).
 */
public final class BybitVocabulary {
    /** Bybit's {@code cancelType} when it gives none. */
    public static final String NO_CANCEL_TYPE = "UNKNOWN";
    /** Bybit's {@code rejectReason} when there is none. */
    public static final String NO_REJECT_REASON = "EC_NoError";
    /** Bybit's generic {@code rejectReason}. */
    public static final String OTHER_REJECT_REASON = "EC_Others";
    /** Bybit's generic parameter-error {@code retCode}. */
    public static final int PARAMS_ERROR = 10001;

    /** A cancelled order's two fields as Bybit shows them. */
    public record CancelNames(String cancelType, String rejectReason) {}

    private static final Map<String, CancelReason> CANCEL_BY_REJECT = Map.of(
            "EC_PostOnlyWillTakeLiquidity", CancelReason.POST_ONLY_WOULD_TAKE,
            "EC_NoImmediateQtyToFill", CancelReason.IOC_REMAINDER,
            "EC_CancelForNoFullFill", CancelReason.FOK_UNFILLED,
            "EC_BySelfMatch", CancelReason.SELF_TRADE_PREVENTION,
            "EC_StopBySelfMatch", CancelReason.SELF_TRADE_PREVENTION,
            "EC_CancelByMMP", CancelReason.BY_VENUE,
            "EC_PerCancelRequest", CancelReason.BY_CLIENT);

    private static final Map<String, CancelReason> CANCEL_BY_TYPE = Map.ofEntries(
            Map.entry("CancelByUser", CancelReason.BY_CLIENT),
            Map.entry("CancelByReduceOnly", CancelReason.REDUCE_ONLY),
            Map.entry("CancelBySmp", CancelReason.SELF_TRADE_PREVENTION),
            Map.entry("CancelByAdmin", CancelReason.BY_VENUE),
            Map.entry("CancelByPrepareLiq", CancelReason.BY_VENUE),
            Map.entry("CancelAllBeforeLiq", CancelReason.BY_VENUE),
            Map.entry("CancelByPrepareAdl", CancelReason.BY_VENUE),
            Map.entry("CancelAllBeforeAdl", CancelReason.BY_VENUE),
            Map.entry("CancelBySettle", CancelReason.BY_VENUE),
            Map.entry("CancelByTpSlTsClear", CancelReason.BY_VENUE),
            Map.entry("CancelByDCP", CancelReason.BY_VENUE),
            Map.entry("CancelByRebalance", CancelReason.BY_VENUE),
            Map.entry("CancelByCannotAffordOrderCost", CancelReason.BY_VENUE));

    private static final Map<String, RejectReason> REJECT_BY_NAME = Map.ofEntries(
            Map.entry("EC_PostOnlyWillTakeLiquidity", RejectReason.POST_ONLY_WOULD_TAKE),
            Map.entry("EC_DuplicatedClOrdID", RejectReason.DUPLICATE_CLIENT_ID),
            Map.entry("EC_OrigClOrdIDDoesNotExist", RejectReason.UNKNOWN_ORDER),
            Map.entry("EC_OrderNotExist", RejectReason.UNKNOWN_ORDER),
            Map.entry("EC_TooLateToCancel", RejectReason.ORDER_FINISHED),
            Map.entry("EC_LimitOrderInvalidPrice", RejectReason.INVALID_PRICE),
            Map.entry("EC_InvalidPriceScale", RejectReason.INVALID_PRICE),
            Map.entry("EC_MarketOrderPriceIsNotZero", RejectReason.INVALID_PRICE),
            Map.entry("EC_ReachRiskPriceLimit", RejectReason.INVALID_PRICE),
            Map.entry("EC_ReachMarketPriceLimit", RejectReason.INVALID_PRICE),
            Map.entry("EC_QtyCannotBeZero", RejectReason.INVALID_QTY),
            Map.entry("EC_EcInvalidQty", RejectReason.INVALID_QTY),
            Map.entry("EC_InvalidAmount", RejectReason.INVALID_QTY),
            Map.entry("EC_InvalidSymbolStatus", RejectReason.NOT_TRADABLE),
            Map.entry("EC_InCallAuctionStatus", RejectReason.NOT_TRADABLE),
            Map.entry("EC_ReachMaxTradeNum", RejectReason.RISK_LIMIT),
            Map.entry("EC_UnknownOrderType", RejectReason.INVALID_REQUEST),
            Map.entry("EC_UnknownSide", RejectReason.INVALID_REQUEST),
            Map.entry("EC_UnknownTimeInForce", RejectReason.INVALID_REQUEST),
            Map.entry("EC_MissingClOrdID", RejectReason.INVALID_REQUEST),
            Map.entry("EC_MarketOrderCannotBePostOnly", RejectReason.INVALID_REQUEST),
            Map.entry("EC_MarketOrderNoSupportTIF", RejectReason.INVALID_REQUEST));

    private BybitVocabulary() {}

    // ------------------------------------------------------------------ cancels

    /**
     * Why Bybit cancelled an order, from its {@code cancelType} and {@code rejectReason} (either may be null or empty).
     * Anything not in the table is {@link CancelReason#UNKNOWN} (keep {@link #cancelDetail} alongside).
     */
    public static CancelReason cancelReason(String cancelType, String rejectReason) {
        final CancelReason byReject = CANCEL_BY_REJECT.get(rejectReason == null ? "" : rejectReason);
        if (byReject != null) {
            return byReject;
        }
        final CancelReason byType = CANCEL_BY_TYPE.get(cancelType == null ? "" : cancelType);
        return byType != null ? byType : CancelReason.UNKNOWN;
    }

    /**
     * Bybit's own words for a cancel: the {@code cancelType} unless {@code UNKNOWN}, then the {@code rejectReason}
     * unless {@code EC_NoError}, space-separated; {@code ""} when neither says anything.
     */
    public static String cancelDetail(String cancelType, String rejectReason) {
        final String type = cancelType == null || cancelType.equals(NO_CANCEL_TYPE) ? "" : cancelType;
        final String reject = rejectReason == null || rejectReason.equals(NO_REJECT_REASON) ? "" : rejectReason;
        if (type.isEmpty() || reject.isEmpty()) {
            return type + reject;
        }
        return type + " " + reject;
    }

    /** How Bybit shows an order cancelled for {@code reason} (its {@code cancelType} and {@code rejectReason}). */
    public static CancelNames cancelNames(CancelReason reason) {
        switch (reason) {
            case BY_CLIENT:
                return new CancelNames("CancelByUser", NO_REJECT_REASON);
            case POST_ONLY_WOULD_TAKE:
                return new CancelNames(NO_CANCEL_TYPE, "EC_PostOnlyWillTakeLiquidity");
            case IOC_REMAINDER:
                return new CancelNames(NO_CANCEL_TYPE, "EC_NoImmediateQtyToFill");
            case FOK_UNFILLED:
                return new CancelNames(NO_CANCEL_TYPE, "EC_CancelForNoFullFill");
            case REDUCE_ONLY:
                return new CancelNames("CancelByReduceOnly", NO_REJECT_REASON);
            case SELF_TRADE_PREVENTION:
                return new CancelNames("CancelBySmp", NO_REJECT_REASON);
            case BY_VENUE:
                return new CancelNames("CancelByAdmin", NO_REJECT_REASON);
            default:
                return new CancelNames(NO_CANCEL_TYPE, OTHER_REJECT_REASON);
        }
    }

    // ------------------------------------------------------------------ refusals

    /** Why Bybit refused a request, from its non-zero {@code retCode}; unknown codes are {@link RejectReason#UNKNOWN}. */
    public static RejectReason rejectReason(int retCode) {
        switch (retCode) {
            case 110017:
                return RejectReason.REDUCE_ONLY;
            case 110064:
                return RejectReason.AMEND_BELOW_FILLED;
            case 110094:
                return RejectReason.BELOW_MIN_NOTIONAL;
            case 110003:
            case 110092:
            case 110093:
                return RejectReason.INVALID_PRICE;
            case 110009:
            case 110020:
            case 110021:
            case 110090:
                return RejectReason.RISK_LIMIT;
            default:
                break;
        }
        switch (BybitErrorCategory.of(retCode)) {
            case RATE_LIMIT:
                return RejectReason.RATE_LIMITED;
            case INSUFFICIENT_BALANCE:
                return RejectReason.INSUFFICIENT_BALANCE;
            case UNKNOWN_ORDER:
                return RejectReason.UNKNOWN_ORDER;
            case ORDER_FINISHED:
                return RejectReason.ORDER_FINISHED;
            case DUPLICATE_ORDER_LINK_ID:
                return RejectReason.DUPLICATE_CLIENT_ID;
            case NOT_TRADABLE:
                return RejectReason.NOT_TRADABLE;
            case PARAMETER:
            case NOT_MODIFIED:
                return RejectReason.INVALID_REQUEST;
            default:
                return RejectReason.UNKNOWN;
        }
    }

    /** The detail kept with a refusal: {@code "retCode retMsg"} (just the code when there is no message). */
    public static String refusalDetail(int retCode, String retMsg) {
        return retCode + (retMsg == null || retMsg.isEmpty() ? "" : " " + retMsg);
    }

    /** Why Bybit rejected an order, from the {@code rejectReason} name it pushed; unknown names are {@code UNKNOWN}. */
    public static RejectReason rejectReasonOfName(String rejectReason) {
        final RejectReason r = REJECT_BY_NAME.get(rejectReason == null ? "" : rejectReason);
        return r == null ? RejectReason.UNKNOWN : r;
    }

    /** The {@code rejectReason} name Bybit uses for {@code reason}, or {@code EC_Others} when it has none. */
    public static String rejectReasonName(RejectReason reason) {
        switch (reason) {
            case POST_ONLY_WOULD_TAKE:
                return "EC_PostOnlyWillTakeLiquidity";
            case DUPLICATE_CLIENT_ID:
                return "EC_DuplicatedClOrdID";
            case UNKNOWN_ORDER:
                return "EC_OrderNotExist";
            case ORDER_FINISHED:
                return "EC_TooLateToCancel";
            case INVALID_PRICE:
                return "EC_LimitOrderInvalidPrice";
            case INVALID_QTY:
                return "EC_EcInvalidQty";
            case NOT_TRADABLE:
                return "EC_InvalidSymbolStatus";
            case RISK_LIMIT:
                return "EC_ReachMaxTradeNum";
            case INVALID_REQUEST:
                return "EC_UnknownOrderType";
            default:
                return OTHER_REJECT_REASON;
        }
    }

    /** The {@code retCode} Bybit answers a request refused for {@code reason} with. */
    public static int retCode(RejectReason reason) {
        switch (reason) {
            case INSUFFICIENT_BALANCE:
                return 110007;
            case AMEND_BELOW_FILLED:
                return 110064;
            case INVALID_PRICE:
                return 110003;
            case BELOW_MIN_NOTIONAL:
                return 110094;
            case REDUCE_ONLY:
                return 110017;
            case RATE_LIMITED:
                return 10006;
            case DUPLICATE_CLIENT_ID:
                return 110072;
            case UNKNOWN_ORDER:
                return 110001;
            case ORDER_FINISHED:
                return 110008;
            case RISK_LIMIT:
                return 110090;
            case NOT_TRADABLE:
                return 110074;
            default:
                return PARAMS_ERROR; // INVALID_QTY, POST_ONLY_WOULD_TAKE, INVALID_REQUEST, OUTCOME_UNKNOWN, UNKNOWN
        }
    }

    /**
     * The {@code retMsg} Bybit answers a request refused for {@code reason} with: Bybit's wording where this knows it,
     * else {@code detail} (what the exchange said), else a generic message.
     */
    public static String retMsg(RejectReason reason, String detail) {
        switch (reason) {
            case INSUFFICIENT_BALANCE:
                return "ab not enough for new order";
            case AMEND_BELOW_FILLED:
                return "The modified contract quantity cannot be less than or equal to the filled quantity.";
            case BELOW_MIN_NOTIONAL:
                return "Order does not meet minimum order value 5USDT";
            case DUPLICATE_CLIENT_ID:
                return "OrderLinkedID is duplicate";
            case UNKNOWN_ORDER:
                return "order not exists or too late to cancel";
            case RATE_LIMITED:
                return "Too many visits!";
            case REDUCE_ONLY:
                return "Reduce-only rule not satisfied";
            default:
                return detail == null || detail.isEmpty() ? "params error" : detail;
        }
    }

    // ------------------------------------------------------------------ finished orders

    /**
     * The core event for an order Bybit shows finished without a fill: {@code Cancelled}, {@code
     * PartiallyFilledCanceled}, {@code Deactivated} → {@link OrderEvent.Canceled}; {@code Rejected} → {@link
     * OrderEvent.Rejected}, except a post-only order rejected with {@code EC_PostOnlyWillTakeLiquidity}, which is
     * {@link OrderEvent.Canceled} with {@link CancelReason#POST_ONLY_WOULD_TAKE}; any other status → {@code null}.
     * The detail keeps Bybit's names.
     */
    public static OrderEvent finished(
            String orderStatus,
            String cancelType,
            String rejectReason,
            String clientOrderId,
            String venueOrderId,
            long exchangeTimeNs,
            long localTimeNs) {
        switch (orderStatus == null ? "" : orderStatus) {
            case "Cancelled":
            case "PartiallyFilledCanceled":
            case "Deactivated":
                return new OrderEvent.Canceled(
                        clientOrderId,
                        venueOrderId,
                        cancelReason(cancelType, rejectReason),
                        cancelDetail(cancelType, rejectReason),
                        exchangeTimeNs,
                        localTimeNs);
            case "Rejected":
                final RejectReason r = rejectReasonOfName(rejectReason);
                if (r == RejectReason.POST_ONLY_WOULD_TAKE) {
                    return new OrderEvent.Canceled(
                            clientOrderId,
                            venueOrderId,
                            CancelReason.POST_ONLY_WOULD_TAKE,
                            rejectReason,
                            exchangeTimeNs,
                            localTimeNs);
                }
                return new OrderEvent.Rejected(
                        clientOrderId,
                        venueOrderId,
                        r,
                        rejectReason == null ? "" : rejectReason,
                        exchangeTimeNs,
                        localTimeNs);
            default:
                return null;
        }
    }
}
