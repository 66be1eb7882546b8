package io.scalper.bybit.rest;

/** The REST endpoints the client calls, with how each is signed, throttled and retried. */
enum Endpoint {
    SERVER_TIME("GET", "/v5/market/time", false, Retry.SAFE, Budget.NONE),
    INSTRUMENTS_INFO("GET", "/v5/market/instruments-info", false, Retry.SAFE, Budget.NONE),
    TICKERS("GET", "/v5/market/tickers", false, Retry.SAFE, Budget.NONE),
    ORDERBOOK("GET", "/v5/market/orderbook", false, Retry.SAFE, Budget.NONE),
    RECENT_TRADES("GET", "/v5/market/recent-trade", false, Retry.SAFE, Budget.NONE),
    FUNDING_HISTORY("GET", "/v5/market/funding/history", false, Retry.SAFE, Budget.NONE),
    ORDER_CREATE("POST", "/v5/order/create", true, Retry.SAME_ORDER_LINK_ID, Budget.ORDER),
    ORDER_AMEND("POST", "/v5/order/amend", true, Retry.REJECTED_ONLY, Budget.ORDER),
    ORDER_CANCEL("POST", "/v5/order/cancel", true, Retry.REJECTED_ONLY, Budget.ORDER),
    ORDER_CANCEL_ALL("POST", "/v5/order/cancel-all", true, Retry.REJECTED_ONLY, Budget.ORDER),
    ORDER_REALTIME("GET", "/v5/order/realtime", true, Retry.SAFE, Budget.QUERY),
    ORDER_HISTORY("GET", "/v5/order/history", true, Retry.SAFE, Budget.QUERY),
    EXECUTION_LIST("GET", "/v5/execution/list", true, Retry.SAFE, Budget.QUERY),
    POSITION_LIST("GET", "/v5/position/list", true, Retry.SAFE, Budget.QUERY),
    SET_LEVERAGE("POST", "/v5/position/set-leverage", true, Retry.REJECTED_ONLY, Budget.POSITION),
    TRADING_STOP("POST", "/v5/position/trading-stop", true, Retry.REJECTED_ONLY, Budget.POSITION),
    WALLET_BALANCE("GET", "/v5/account/wallet-balance", true, Retry.SAFE, Budget.QUERY),
    FEE_RATE("GET", "/v5/account/fee-rate", true, Retry.SAFE, Budget.FEE);

    /** Which failures may be answered by sending the request again. */
    enum Retry {
        /** Reads: any transient failure (I/O, HTTP 5xx/429, 10000, 10016, 10006, 10002 after a clock resync). */
        SAFE,
        /** Order create: as {@link #SAFE}, because the same {@code orderLinkId} makes a second order impossible. */
        SAME_ORDER_LINK_ID,
        /** Other writes: only answers that say the request had no effect (10006, HTTP 429, 10002). */
        REJECTED_ONLY
    }

    /** Which client-side rate budget applies. */
    enum Budget {
        NONE,
        ORDER,
        POSITION,
        QUERY,
        FEE
    }

    /** Bybit's per-UID limit of fee-rate requests per second. */
    static final int FEE_RATE_PER_SECOND = 5;

    final String method;
    final String path;
    final boolean signed;
    final Retry retry;
    final Budget budget;
    final String label;

    Endpoint(String method, String path, boolean signed, Retry retry, Budget budget) {
        this.method = method;
        this.path = path;
        this.signed = signed;
        this.retry = retry;
        this.budget = budget;
        this.label = method + " " + path;
    }

    boolean isPost() {
        return "POST".equals(method);
    }

    /** Whether a failure that leaves the request's effect unknown (I/O error, 5xx, server timeout) may be retried. */
    boolean retriesAmbiguous() {
        return retry != Retry.REJECTED_ONLY;
    }
}
