package io.scalper.bybit.rest;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Bybit v5 REST client for USDT perpetuals ({@code category=linear}, one-way position mode), over OkHttp.
 *
 * <p><b>Threading.</b> Thread-safe. Every call blocks the calling thread for the HTTP exchange, any client-side
 * throttle wait and any retry backoff: never call it from the engine thread.
 *
 * <p><b>Signing.</b> Private endpoints carry {@code X-BAPI-API-KEY}, {@code X-BAPI-TIMESTAMP} (the client clock plus
 * the offset measured by {@link #syncTime()}), {@code X-BAPI-RECV-WINDOW} and {@code X-BAPI-SIGN} over the exact
 * query string or JSON body sent. Credentials never appear in exceptions, logs or listener calls.
 *
 * <p><b>Errors.</b> A non-zero {@code retCode} or an HTTP error becomes a {@link BybitApiException} with a
 * {@link BybitErrorCategory}; transport failures are plain {@link IOException}s. "Not modified" answers of
 * {@link #setLeverage} (110043) and {@link #setTradingStop} (34040) are successes.
 *
 * <p><b>Rate limits.</b> Each endpoint has a client-side token bucket (order entry {@link
 * BybitRestConfig#orderRatePerSecond()}, 10/s by default) and all requests share one of 100/s under Bybit's per-IP
 * limit of 600 per 5 s. Bybit's {@code X-Bapi-Limit*} headers are recorded per endpoint ({@link #rateLimit}); when
 * they say the window is used up, further requests to that endpoint wait for its reset. After an HTTP 403 (IP limit)
 * every request is refused locally for {@link BybitRestConfig#ipBanBackoffMs()} (10 minutes by default).
 *
 * <p><b>Retries</b> (at most {@link BybitRestConfig#maxAttempts()} attempts, exponential backoff from {@link
 * BybitRestConfig#initialBackoffMs()} capped at {@link BybitRestConfig#maxBackoffMs()}):
 *
 * <ul>
 *   <li>reads (GET) on I/O errors, HTTP 5xx and 429, retCodes 10000, 10016, 110079 and 10006 (waiting for the
 *       window's reset when Bybit reports it);
 *   <li>order create on the same failures, always with the same body and so the same {@code orderLinkId}; if a retry is
 *       answered 110072 (duplicate {@code orderLinkId}) after an attempt whose outcome was unknown, the first attempt
 *       reached Bybit, and the existing order is returned;
 *   <li>amend, cancel, cancel-all, set-leverage and trading-stop only when Bybit says the request had no effect
 *       (10006, HTTP 429);
 *   <li>any request once after a 10002 (timestamp outside the receive window), after resynchronising the clock.
 * </ul>
 *
 * <p><b>Structure.</b> This class is the facade; the transport ({@code BybitTransport}: HTTP, signing, clock offset,
 * throttles, retries, error mapping) and the endpoint groups it delegates to (market data, orders, positions and
 * account) are package-private.
 */
public final class BybitRestClient implements AutoCloseable {
    /** Client-side cap of all requests per second, under Bybit's 600 per 5 s per IP. */
    public static final int IP_RATE_PER_SECOND = 100;

    private final BybitTransport transport;
    private final MarketEndpoints market;
    private final OrderEndpoints orders;
    private final AccountEndpoints account;

    private BybitRestClient(Builder b) {
        this.transport = new BybitTransport(
                Objects.requireNonNull(b.config, "config"), b.credentials, b.http, b.clock, b.sleeper, b.listener);
        this.market = new MarketEndpoints(transport);
        this.orders = new OrderEndpoints(transport);
        this.account = new AccountEndpoints(transport);
    }

    /** A builder for {@code config}. */
    public static Builder builder(BybitRestConfig config) {
        return new Builder(config);
    }

    /** A builder with the defaults for {@code environment}. */
    public static Builder builder(BybitEnvironment environment) {
        return new Builder(BybitRestConfig.defaults(environment));
    }

    /** Builds a {@link BybitRestClient}. Not thread-safe. */
    public static final class Builder {
        private final BybitRestConfig config;
        private BybitCredentials credentials;
        private OkHttpClient http;
        private Clock clock = SystemClock.INSTANCE;
        private Sleeper sleeper = Sleeper.system();
        private BybitRestListener listener = BybitRestListener.NONE;

        private Builder(BybitRestConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Credentials for private endpoints; without them only market endpoints work. */
        public Builder credentials(BybitCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * The OkHttp client to use (shared connection pool); by default the client makes and owns its own, with the
         * configured call timeout and OkHttp's own silent retry switched off so that the retry rules above are the
         * only ones. A client passed here should switch it off too ({@code retryOnConnectionFailure(false)}).
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        /** Time source for timestamps, throttling and backoff; {@link SystemClock} by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the client waits; {@link Sleeper#system()} by default. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Observer of requests, throttling and retries. */
        public Builder listener(BybitRestListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public BybitRestClient build() {
            return new BybitRestClient(this);
        }
    }

    /** The configuration. */
    public BybitRestConfig config() {
        return transport.config();
    }

    // ---------------------------------------------------------------------------------------------- time

    /**
     * Measures the offset between Bybit's clock and the client clock ({@code GET /v5/market/time}) and uses it for
     * every later request timestamp. Call at start-up and now and then (a 10002 answer also triggers it).
     *
     * @return the new offset, ms (server minus client)
     */
    public long syncTime() throws IOException {
        return transport.syncTime();
    }

    /** Bybit's time as this client estimates it: the client clock plus the measured offset, epoch ms. */
    public long serverTimeMs() {
        return transport.serverTimeMs();
    }

    /** The offset last measured by {@link #syncTime()}, ms (server minus client); 0 before the first. */
    public long serverOffsetMs() {
        return transport.serverOffsetMs();
    }

    /** Bybit's latest rate-limit headers for {@code path} (e.g. {@code /v5/order/create}), if any were seen. */
    public Optional<RateLimitStatus> rateLimit(String path) {
        return transport.rateLimit(path);
    }

    // ---------------------------------------------------------------------------------------------- market data

    /**
     * Linear instruments from {@code GET /v5/market/instruments-info}, all pages.
     *
     * @param symbol one symbol, or {@code null} for every trading linear contract
     */
    public List<BybitInstrumentInfo> instrumentsInfo(String symbol) throws IOException {
        return market.instrumentsInfo(symbol);
    }

    /** The trading rules of every trading linear contract (or of {@code symbol}), as core instruments. */
    public List<Instrument> instruments(String symbol) throws IOException {
        return market.instruments(symbol);
    }

    /** Linear tickers ({@code GET /v5/market/tickers}); {@code symbol} or {@code null} for all. */
    public List<BybitTicker> tickers(String symbol) throws IOException {
        return market.tickers(symbol);
    }

    /**
     * An order book snapshot ({@code GET /v5/market/orderbook}).
     *
     * @param limit levels per side, 1..1000 (Bybit's default 25)
     */
    public BybitOrderbook orderbook(String symbol, int limit) throws IOException {
        return market.orderbook(symbol, limit);
    }

    /**
     * Recent public trades ({@code GET /v5/market/recent-trade}), newest first.
     *
     * @param limit 1..1000, or 0 for Bybit's default
     */
    public List<BybitPublicTrade> recentTrades(String symbol, int limit) throws IOException {
        return market.recentTrades(symbol, limit);
    }

    /**
     * Settled funding rates ({@code GET /v5/market/funding/history}), newest first. Bybit refuses a start time
     * without an end time.
     *
     * @param startTimeMs from (epoch ms), or 0
     * @param endTimeMs until (epoch ms), or 0 for now
     * @param limit 1..200, or 0 for Bybit's default (200)
     */
    public List<BybitFundingRate> fundingHistory(String symbol, long startTimeMs, long endTimeMs, int limit)
            throws IOException {
        return market.fundingHistory(symbol, startTimeMs, endTimeMs, limit);
    }

    // ---------------------------------------------------------------------------------------------- orders

    /**
     * Places a core order ({@code POST /v5/order/create}); see {@link BybitCreateOrder#from} for the mapping and
     * {@link #createOrder(BybitCreateOrder)} for retries.
     */
    public BybitOrderAck createOrder(OrderRequest order, Instrument instrument) throws IOException {
        return orders.createOrder(BybitCreateOrder.from(order, instrument));
    }

    /**
     * Places an order ({@code POST /v5/order/create}). The acknowledgement means accepted, not resting: the outcome
     * arrives on the order stream. Retried on transient failures with the identical body, so with the same
     * {@code orderLinkId}; if a retry after an attempt of unknown outcome is answered "duplicate orderLinkId" (110072),
     * the order exists and is returned ({@code orderId} read back from Bybit, or empty if that read fails).
     *
     * @throws BybitApiException on refusal, e.g. {@link BybitErrorCategory#INSUFFICIENT_BALANCE}, or
     *     {@link BybitErrorCategory#DUPLICATE_ORDER_LINK_ID} when the id had been used before this call
     * @throws BybitOutcomeUnknownException when a retry was refused after an attempt whose outcome is unknown: the
     *     order may exist; look it up
     */
    public BybitOrderAck createOrder(BybitCreateOrder order) throws IOException {
        return orders.createOrder(order);
    }

    /** Amends a working order ({@code POST /v5/order/amend}). */
    public BybitOrderAck amendOrder(BybitAmendOrder amend) throws IOException {
        return orders.amendOrder(amend);
    }

    /**
     * Cancels the order with this client id ({@code POST /v5/order/cancel}).
     *
     * @throws BybitApiException {@link BybitErrorCategory#UNKNOWN_ORDER} (110001) when it is unknown or already done
     */
    public BybitOrderAck cancelOrder(String symbol, String orderLinkId) throws IOException {
        return orders.cancelOrder(symbol, orderLinkId);
    }

    /** Cancels the order with this Bybit id; see {@link #cancelOrder(String, String)}. */
    public BybitOrderAck cancelOrderById(String symbol, String orderId) throws IOException {
        return orders.cancelOrderById(symbol, orderId);
    }

    /**
     * Cancels every open order of {@code symbol}, conditional ones included ({@code POST /v5/order/cancel-all}; Bybit
     * cancels at most 500 per call).
     *
     * @return the orders cancelled
     */
    public List<BybitOrderAck> cancelAllOrders(String symbol) throws IOException {
        return orders.cancelAllOrders(symbol);
    }

    /**
     * One page of open orders ({@code GET /v5/order/realtime}), newest first.
     *
     * @param symbol one symbol, or {@code null} for every USDT-settled contract
     * @param cursor {@code ""} for the first page, else the previous page's {@link BybitPage#nextPageCursor()}
     */
    public BybitPage<BybitOrder> openOrders(String symbol, String cursor) throws IOException {
        return orders.openOrders(symbol, cursor);
    }

    /** Every open order, all pages; see {@link #openOrders(String, String)}. */
    public List<BybitOrder> allOpenOrders(String symbol) throws IOException {
        return orders.allOpenOrders(symbol);
    }

    /**
     * The order with this client id, open or recently closed: asks {@code /v5/order/realtime} for open orders, then
     * for recently closed ones, then {@code /v5/order/history} (last 7 days).
     */
    public Optional<BybitOrder> findOrder(String symbol, String orderLinkId) throws IOException {
        return orders.findOrder(symbol, orderLinkId);
    }

    /**
     * One page of executions ({@code GET /v5/execution/list}), newest first; funding settlements included (see
     * {@link BybitExecution#isFunding()}).
     *
     * @param symbol one symbol, or {@code null} for every USDT-settled contract
     * @param orderLinkId only this order's fills, or {@code null}
     * @param startTimeMs from (epoch ms; Bybit allows a 7-day window), or 0 for the last 7 days
     * @param cursor {@code ""} for the first page
     */
    public BybitPage<BybitExecution> executions(String symbol, String orderLinkId, long startTimeMs, String cursor)
            throws IOException {
        return orders.executions(symbol, orderLinkId, startTimeMs, cursor);
    }

    /**
     * Every execution of {@code symbol} since {@code startTimeMs}, newest first, reading at most {@code maxPages} pages
     * of 100 ({@code GET /v5/execution/list}).
     */
    public List<BybitExecution> executionsSince(String symbol, long startTimeMs, int maxPages) throws IOException {
        return orders.executionsSince(symbol, startTimeMs, maxPages);
    }

    // ---------------------------------------------------------------------------------------------- positions, account

    /**
     * Positions ({@code GET /v5/position/list}), all pages.
     *
     * @param symbol one symbol (its row is returned even when flat), or {@code null} for every non-zero USDT-settled
     *     position
     */
    public List<BybitPosition> positions(String symbol) throws IOException {
        return account.positions(symbol);
    }

    /**
     * Sets the leverage of both sides ({@code POST /v5/position/set-leverage}).
     *
     * @param leverage decimal text, e.g. {@code "5"}
     * @return {@code true} if it changed, {@code false} if it already had that value (110043)
     */
    public boolean setLeverage(String symbol, String leverage) throws IOException {
        return account.setLeverage(symbol, leverage);
    }

    /**
     * Sets or removes the position's take-profit, stop-loss and trailing stop ({@code POST
     * /v5/position/trading-stop}).
     *
     * @return {@code true} if something changed, {@code false} if nothing did (34040)
     */
    public boolean setTradingStop(BybitTradingStop stop) throws IOException {
        return account.setTradingStop(stop);
    }

    /** The unified account's balances ({@code GET /v5/account/wallet-balance}, {@code accountType=UNIFIED}). */
    public BybitWalletBalance walletBalance() throws IOException {
        return account.walletBalance();
    }

    /** The account's fee rates ({@code GET /v5/account/fee-rate}); {@code symbol} or {@code null} for all. */
    public List<BybitFeeRate> feeRates(String symbol) throws IOException {
        return account.feeRates(symbol);
    }

    /** Releases the connection pool and threads, if this client created its own OkHttp client. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "BybitRestClient[" + transport + "]";
    }
}
