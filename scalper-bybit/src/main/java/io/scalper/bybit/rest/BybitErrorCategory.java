package io.scalper.bybit.rest;

/**
 * What kind of failure a Bybit {@code retCode} (or HTTP status) reports, so callers can react by kind rather than by
 * number. {@link #of(int)} maps the codes a linear bot meets; anything else is {@link #OTHER}.
 */
public enum BybitErrorCategory {
    /** Key invalid or for another environment (10003), bad signature (10004), no permission (10005), authentication
     * failed (10007), IP not bound to the key (10010), HTTP 401. Not retried: fix the configuration. */
    AUTH,
    /** Request timestamp outside the receive window (10002): the clock is off; resynchronise with the server. */
    TIMESTAMP,
    /**
     * Per-UID, per-endpoint rate limit (10006), per-IP rate limit (10018), system frequency protection on the trade
     * stream (10429) or HTTP 429: the request was refused without effect.
     */
    RATE_LIMIT,
    /** HTTP 403: IP rate limit exceeded (or a blocked region). Stop for at least 10 minutes. */
    IP_BANNED,
    /** Bad or missing parameter, precision, position index or route (10001, 10017, 10014). */
    PARAMETER,
    /** Not enough available balance or margin (110007, 110004, 110012, 110044, 110045). */
    INSUFFICIENT_BALANCE,
    /** The order does not exist or is no longer open (110001). */
    UNKNOWN_ORDER,
    /** The order is already filled or cancelled (110008, 110010). */
    ORDER_FINISHED,
    /** The {@code orderLinkId} was used before (110072). */
    DUPLICATE_ORDER_LINK_ID,
    /** The setting already had that value: leverage (110043), TP/SL (34040), position mode (110025). */
    NOT_MODIFIED,
    /** An order rule refused it: price band, notional, trigger side, limits (110003, 110009, 110017, 110020, 110021,
     * 110064, 110090, 110092, 110093, 110094, 110057–110061). */
    ORDER_REJECTED,
    /** The symbol cannot trade now (110063, 110074, 10027, 10029). */
    NOT_TRADABLE,
    /** Transient server trouble (10000, 10016, 10019, 110079, HTTP 5xx): safe to retry only when the request is. */
    SERVER,
    /** Anything else. */
    OTHER;

    /** The category of a non-zero {@code retCode}. */
    public static BybitErrorCategory of(int retCode) {
        switch (retCode) {
            case 10003:
            case 10004:
            case 10005:
            case 10007:
            case 10010:
                return AUTH;
            case 10002:
                return TIMESTAMP;
            case 10006:
            case 10018:
            case 10429:
                return RATE_LIMIT;
            case 10001:
            case 10014:
            case 10017:
                return PARAMETER;
            case 110004:
            case 110007:
            case 110012:
            case 110044:
            case 110045:
                return INSUFFICIENT_BALANCE;
            case 110001:
                return UNKNOWN_ORDER;
            case 110008:
            case 110010:
                return ORDER_FINISHED;
            case 110072:
                return DUPLICATE_ORDER_LINK_ID;
            case 110043:
            case 34040:
            case 110025:
                return NOT_MODIFIED;
            case 110003:
            case 110009:
            case 110017:
            case 110020:
            case 110021:
            case 110057:
            case 110058:
            case 110059:
            case 110060:
            case 110061:
            case 110064:
            case 110090:
            case 110092:
            case 110093:
            case 110094:
                return ORDER_REJECTED;
            case 110063:
            case 110074:
            case 10027:
            case 10029:
                return NOT_TRADABLE;
            case 10000:
            case 10016:
            case 10019:
            case 110079:
                return SERVER;
            default:
                return OTHER;
        }
    }

    /** The category of a non-200 HTTP status. */
    public static BybitErrorCategory ofHttpStatus(int status) {
        if (status == 403) {
            return IP_BANNED;
        }
        if (status == 401) {
            return AUTH;
        }
        if (status == 429) {
            return RATE_LIMIT;
        }
        if (status == 404) {
            return PARAMETER;
        }
        return status >= 500 ? SERVER : OTHER;
    }
}
