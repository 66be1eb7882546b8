package io.scalper.bybit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.auth.BybitSigner;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class BybitRestClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitRestClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long MS_NS = 1_000_000L;

    /** Client-side cap of all requests per second, under Bybit's 600 per 5 s per IP. */
    public static final int IP_RATE_PER_SECOND = 100;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final BybitRestConfig config;
    private final BybitSigner signer;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BybitRestListener listener;
    private final Map<Endpoint, RequestThrottle> throttles = new EnumMap<>(Endpoint.class);
    private final RequestThrottle ipThrottle;
    private final Map<String, RateLimitStatus> rateLimits = new ConcurrentHashMap<>();
    private volatile long serverOffsetMs;
    private volatile long bannedUntilNs;
    private volatile boolean banned;

    private BybitRestClient(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.signer = b.credentials == null ? null : new BybitSigner(b.credentials);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.listener = b.listener;
        this.ownsHttp = b.http == null;
        this.http = b.http != null
                ? b.http
                : new OkHttpClient.Builder()
                        .callTimeout(Duration.ofMillis(config.callTimeoutMs()))
                        .retryOnConnectionFailure(false)
                        .build();
        this.ipThrottle = new RequestThrottle(clock, IP_RATE_PER_SECOND);
        for (Endpoint e : Endpoint.values()) {
            final int rate = rateOf(e.budget);
            if (rate > 0) {
                throttles.put(e, new RequestThrottle(clock, rate));
            }
        }
    }

    private int rateOf(Endpoint.Budget budget) {
        switch (budget) {
            case ORDER:
                return config.orderRatePerSecond();
            case POSITION:
                return config.positionRatePerSecond();
            case QUERY:
                return config.queryRatePerSecond();
            case FEE:
                return Math.min(Endpoint.FEE_RATE_PER_SECOND, config.queryRatePerSecond());
            case NONE:
            default:
                return 0;
        }
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
        return config;
    }

    // ---------------------------------------------------------------------------------------------- time

    /**
     * Measures the offset between Bybit's clock and the client clock ({@code GET /v5/market/time}) and uses it for
     * every later request timestamp. Call at start-up and now and then (a 10002 answer also triggers it).
     *
     * @return the new offset, ms (server minus client)
     */
    public long syncTime() throws IOException {
        final long beforeMs = clock.nowMs();
        final JsonNode result = execute(Endpoint.SERVER_TIME, "", null, new Attempts());
        final long afterMs = clock.nowMs();
        final String nano = result.path("timeNano").asText("");
        final long serverMs;
        if (!nano.isEmpty()) {
            serverMs = Long.parseLong(nano) / MS_NS;
        } else {
            serverMs = Long.parseLong(result.path("timeSecond").asText("0")) * 1000L;
        }
        if (serverMs <= 0) {
            throw new IOException("Bybit GET /v5/market/time: no server time in the answer");
        }
        final long offset = serverMs - (beforeMs + (afterMs - beforeMs) / 2);
        serverOffsetMs = offset;
        LOG.debug("Bybit server time offset {} ms", offset);
        return offset;
    }

    /** Bybit's time as this client estimates it: the client clock plus the measured offset, epoch ms. */
    public long serverTimeMs() {
        return clock.nowMs() + serverOffsetMs;
    }

    /** The offset last measured by {@link #syncTime()}, ms (server minus client); 0 before the first. */
    public long serverOffsetMs() {
        return serverOffsetMs;
    }

    /** Bybit's latest rate-limit headers for {@code path} (e.g. {@code /v5/order/create}), if any were seen. */
    public Optional<RateLimitStatus> rateLimit(String path) {
        return Optional.ofNullable(rateLimits.get(path));
    }

    // ---------------------------------------------------------------------------------------------- market data

    /**
     * Linear instruments from {@code GET /v5/market/instruments-info}, all pages.
     *
     * @param symbol one symbol, or {@code null} for every trading linear contract
     */
    public List<BybitInstrumentInfo> instrumentsInfo(String symbol) throws IOException {
        final List<BybitInstrumentInfo> out = new ArrayList<>();
        String cursor = "";
        do {
            final Params q = Params.of("category", "linear")
                    .add("symbol", symbol)
                    .add("limit", "1000")
                    .add("cursor", cursor);
            final JsonNode result = get(Endpoint.INSTRUMENTS_INFO, q);
            for (JsonNode item : result.path("list")) {
                out.add(parseInstrument(item));
            }
            cursor = result.path("nextPageCursor").asText("");
        } while (!cursor.isEmpty());
        return out;
    }

    /** The trading rules of every trading linear contract (or of {@code symbol}), as core instruments. */
    public List<Instrument> instruments(String symbol) throws IOException {
        final List<Instrument> out = new ArrayList<>();
        for (BybitInstrumentInfo info : instrumentsInfo(symbol)) {
            try {
                out.add(info.toInstrument());
            } catch (IllegalArgumentException e) {
                throw new IOException("instruments-info: " + info.symbol() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Parses one {@code instruments-info} list item. */
    static BybitInstrumentInfo parseInstrument(JsonNode item) {
        final JsonNode price = item.path("priceFilter");
        final JsonNode lot = item.path("lotSizeFilter");
        final JsonNode lev = item.path("leverageFilter");
        return new BybitInstrumentInfo(
                text(item, "symbol"),
                text(item, "contractType"),
                text(item, "status"),
                text(item, "baseCoin"),
                text(item, "quoteCoin"),
                text(item, "settleCoin"),
                text(item, "priceScale"),
                text(price, "tickSize"),
                text(price, "minPrice"),
                text(price, "maxPrice"),
                text(lot, "qtyStep"),
                text(lot, "minOrderQty"),
                text(lot, "maxOrderQty"),
                text(lot, "maxMktOrderQty"),
                lot.hasNonNull("minNotionalValue") ? text(lot, "minNotionalValue") : "0",
                text(lev, "maxLeverage"),
                text(lev, "leverageStep"),
                item.path("fundingInterval").asInt(0),
                text(item, "upperFundingRate"),
                text(item, "lowerFundingRate"));
    }

    /** Linear tickers ({@code GET /v5/market/tickers}); {@code symbol} or {@code null} for all. */
    public List<BybitTicker> tickers(String symbol) throws IOException {
        final JsonNode result =
                get(Endpoint.TICKERS, Params.of("category", "linear").add("symbol", symbol));
        return list(result, BybitTicker.class, Endpoint.TICKERS);
    }

    /**
     * An order book snapshot ({@code GET /v5/market/orderbook}).
     *
     * @param limit levels per side, 1..1000 (Bybit's default 25)
     */
    public BybitOrderbook orderbook(String symbol, int limit) throws IOException {
        final JsonNode r = get(
                Endpoint.ORDERBOOK,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("limit", limit));
        return new BybitOrderbook(
                r.path("s").asText(symbol),
                levels(r.path("b")),
                levels(r.path("a")),
                r.path("ts").asLong(),
                r.path("u").asLong(),
                r.path("seq").asLong(),
                r.path("cts").asLong());
    }

    private static List<BybitOrderbook.Level> levels(JsonNode side) {
        final List<BybitOrderbook.Level> out = new ArrayList<>(side.size());
        for (JsonNode level : side) {
            out.add(new BybitOrderbook.Level(
                    level.path(0).asText(), level.path(1).asText()));
        }
        return out;
    }

    /**
     * Recent public trades ({@code GET /v5/market/recent-trade}), newest first.
     *
     * @param limit 1..1000, or 0 for Bybit's default
     */
    public List<BybitPublicTrade> recentTrades(String symbol, int limit) throws IOException {
        final JsonNode result = get(
                Endpoint.RECENT_TRADES,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("limit", limit));
        return list(result, BybitPublicTrade.class, Endpoint.RECENT_TRADES);
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
        final JsonNode result = get(
                Endpoint.FUNDING_HISTORY,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("startTime", startTimeMs)
                        .addPositive("endTime", endTimeMs)
                        .addPositive("limit", limit));
        return list(result, BybitFundingRate.class, Endpoint.FUNDING_HISTORY);
    }

    // ---------------------------------------------------------------------------------------------- orders

    /**
     * Places a core order ({@code POST /v5/order/create}); see {@link BybitCreateOrder#from} for the mapping and
     * {@link #createOrder(BybitCreateOrder)} for retries.
     */
    public BybitOrderAck createOrder(OrderRequest order, Instrument instrument) throws IOException {
        return createOrder(BybitCreateOrder.from(order, instrument));
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
        final Attempts attempts = new Attempts();
        try {
            return ack(post(Endpoint.ORDER_CREATE, order.toBody(), attempts));
        } catch (BybitApiException e) {
            if (attempts.ambiguous && e.category() != BybitErrorCategory.DUPLICATE_ORDER_LINK_ID) {
                throw new BybitOutcomeUnknownException(
                        "Bybit order " + order.orderLinkId() + ": a retry was refused (" + e.retCode()
                                + ") after an attempt whose outcome is unknown; it may have been placed",
                        e);
            }
            if (e.category() != BybitErrorCategory.DUPLICATE_ORDER_LINK_ID || !attempts.ambiguous) {
                throw e;
            }
            LOG.info(
                    "Bybit order {}: a retry was answered 110072, so an earlier attempt placed it; reading it back",
                    order.orderLinkId());
            try {
                final Optional<BybitOrder> placed = findOrder(order.symbol(), order.orderLinkId());
                if (placed.isPresent()) {
                    return placed.get().toAck();
                }
            } catch (IOException readFailure) {
                LOG.warn("Bybit order {}: could not read it back: {}", order.orderLinkId(), readFailure.toString());
            }
            return new BybitOrderAck("", order.orderLinkId());
        }
    }

    /** Amends a working order ({@code POST /v5/order/amend}). */
    public BybitOrderAck amendOrder(BybitAmendOrder amend) throws IOException {
        return ack(post(Endpoint.ORDER_AMEND, amend.toBody(), new Attempts()));
    }

    /**
     * Cancels the order with this client id ({@code POST /v5/order/cancel}).
     *
     * @throws BybitApiException {@link BybitErrorCategory#UNKNOWN_ORDER} (110001) when it is unknown or already done
     */
    public BybitOrderAck cancelOrder(String symbol, String orderLinkId) throws IOException {
        return cancel(symbol, null, Objects.requireNonNull(orderLinkId, "orderLinkId"));
    }

    /** Cancels the order with this Bybit id; see {@link #cancelOrder(String, String)}. */
    public BybitOrderAck cancelOrderById(String symbol, String orderId) throws IOException {
        return cancel(symbol, Objects.requireNonNull(orderId, "orderId"), null);
    }

    private BybitOrderAck cancel(String symbol, String orderId, String orderLinkId) throws IOException {
        final Map<String, Object> body = body(symbol);
        if (orderId != null) {
            body.put("orderId", orderId);
        }
        if (orderLinkId != null) {
            body.put("orderLinkId", orderLinkId);
        }
        return ack(post(Endpoint.ORDER_CANCEL, body, new Attempts()));
    }

    /**
     * Cancels every open order of {@code symbol}, conditional ones included ({@code POST /v5/order/cancel-all}; Bybit
     * cancels at most 500 per call).
     *
     * @return the orders cancelled
     */
    public List<BybitOrderAck> cancelAllOrders(String symbol) throws IOException {
        final JsonNode result = post(Endpoint.ORDER_CANCEL_ALL, body(symbol), new Attempts());
        final List<BybitOrderAck> out = new ArrayList<>();
        for (JsonNode item : result.path("list")) {
            out.add(ack(item));
        }
        return out;
    }

    /**
     * One page of open orders ({@code GET /v5/order/realtime}), newest first.
     *
     * @param symbol one symbol, or {@code null} for every USDT-settled contract
     * @param cursor {@code ""} for the first page, else the previous page's {@link BybitPage#nextPageCursor()}
     */
    public BybitPage<BybitOrder> openOrders(String symbol, String cursor) throws IOException {
        final Params q = scope(symbol).add("limit", "50").add("cursor", cursor);
        return page(get(Endpoint.ORDER_REALTIME, q), BybitOrder.class, Endpoint.ORDER_REALTIME);
    }

    /** Every open order, all pages; see {@link #openOrders(String, String)}. */
    public List<BybitOrder> allOpenOrders(String symbol) throws IOException {
        final List<BybitOrder> out = new ArrayList<>();
        String cursor = "";
        do {
            final BybitPage<BybitOrder> page = openOrders(symbol, cursor);
            out.addAll(page.list());
            cursor = page.nextPageCursor();
        } while (!cursor.isEmpty());
        return out;
    }

    /**
     * The order with this client id, open or recently closed: asks {@code /v5/order/realtime} for open orders, then
     * for recently closed ones, then {@code /v5/order/history} (last 7 days).
     */
    public Optional<BybitOrder> findOrder(String symbol, String orderLinkId) throws IOException {
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        final Params open = scope(symbol).add("orderLinkId", orderLinkId);
        Optional<BybitOrder> found = first(get(Endpoint.ORDER_REALTIME, open), Endpoint.ORDER_REALTIME);
        if (found.isEmpty()) {
            final Params closed = scope(symbol).add("orderLinkId", orderLinkId).add("openOnly", "1");
            found = first(get(Endpoint.ORDER_REALTIME, closed), Endpoint.ORDER_REALTIME);
        }
        if (found.isEmpty()) {
            final Params history = scope(symbol).add("orderLinkId", orderLinkId);
            found = first(get(Endpoint.ORDER_HISTORY, history), Endpoint.ORDER_HISTORY);
        }
        return found;
    }

    private Optional<BybitOrder> first(JsonNode result, Endpoint endpoint) throws IOException {
        final List<BybitOrder> orders = list(result, BybitOrder.class, endpoint);
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
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
        final Params q = scope(symbol)
                .add("orderLinkId", orderLinkId)
                .addPositive("startTime", startTimeMs)
                .add("limit", "100")
                .add("cursor", cursor);
        return page(get(Endpoint.EXECUTION_LIST, q), BybitExecution.class, Endpoint.EXECUTION_LIST);
    }

    /**
     * Every execution of {@code symbol} since {@code startTimeMs}, newest first, reading at most {@code maxPages} pages
     * of 100 ({@code GET /v5/execution/list}).
     */
    public List<BybitExecution> executionsSince(String symbol, long startTimeMs, int maxPages) throws IOException {
        final List<BybitExecution> out = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < maxPages; page++) {
            final BybitPage<BybitExecution> p = executions(symbol, null, startTimeMs, cursor);
            out.addAll(p.list());
            cursor = p.nextPageCursor();
            if (cursor.isEmpty()) {
                break;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- positions, account

    /**
     * Positions ({@code GET /v5/position/list}), all pages.
     *
     * @param symbol one symbol (its row is returned even when flat), or {@code null} for every non-zero USDT-settled
     *     position
     */
    public List<BybitPosition> positions(String symbol) throws IOException {
        final List<BybitPosition> out = new ArrayList<>();
        String cursor = "";
        do {
            final Params q = scope(symbol).add("limit", "200").add("cursor", cursor);
            final BybitPage<BybitPosition> page =
                    page(get(Endpoint.POSITION_LIST, q), BybitPosition.class, Endpoint.POSITION_LIST);
            out.addAll(page.list());
            cursor = page.nextPageCursor();
        } while (!cursor.isEmpty());
        return out;
    }

    /**
     * Sets the leverage of both sides ({@code POST /v5/position/set-leverage}).
     *
     * @param leverage decimal text, e.g. {@code "5"}
     * @return {@code true} if it changed, {@code false} if it already had that value (110043)
     */
    public boolean setLeverage(String symbol, String leverage) throws IOException {
        final Map<String, Object> body = body(symbol);
        body.put("buyLeverage", Objects.requireNonNull(leverage, "leverage"));
        body.put("sellLeverage", leverage);
        return changed(Endpoint.SET_LEVERAGE, body, 110043);
    }

    /**
     * Sets or removes the position's take-profit, stop-loss and trailing stop ({@code POST
     * /v5/position/trading-stop}).
     *
     * @return {@code true} if something changed, {@code false} if nothing did (34040)
     */
    public boolean setTradingStop(BybitTradingStop stop) throws IOException {
        return changed(Endpoint.TRADING_STOP, stop.toBody(), 34040);
    }

    private boolean changed(Endpoint endpoint, Map<String, Object> body, int notModifiedCode) throws IOException {
        try {
            post(endpoint, body, new Attempts());
            return true;
        } catch (BybitApiException e) {
            if (e.retCode() == notModifiedCode) {
                return false;
            }
            throw e;
        }
    }

    /** The unified account's balances ({@code GET /v5/account/wallet-balance}, {@code accountType=UNIFIED}). */
    public BybitWalletBalance walletBalance() throws IOException {
        final JsonNode result = get(Endpoint.WALLET_BALANCE, Params.of("accountType", "UNIFIED"));
        final List<BybitWalletBalance> accounts = list(result, BybitWalletBalance.class, Endpoint.WALLET_BALANCE);
        if (accounts.isEmpty()) {
            throw new IOException("Bybit " + Endpoint.WALLET_BALANCE.label + ": no account in the answer");
        }
        return accounts.get(0);
    }

    /** The account's fee rates ({@code GET /v5/account/fee-rate}); {@code symbol} or {@code null} for all. */
    public List<BybitFeeRate> feeRates(String symbol) throws IOException {
        final JsonNode result =
                get(Endpoint.FEE_RATE, Params.of("category", "linear").add("symbol", symbol));
        return list(result, BybitFeeRate.class, Endpoint.FEE_RATE);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /** Linear category and a symbol, or every USDT-settled contract. */
    private static Params scope(String symbol) {
        final Params q = Params.of("category", "linear");
        return symbol == null ? q.add("settleCoin", "USDT") : q.add("symbol", symbol);
    }

    private static Map<String, Object> body(String symbol) {
        final Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("category", "linear");
        body.put("symbol", Objects.requireNonNull(symbol, "symbol"));
        return body;
    }

    private static BybitOrderAck ack(JsonNode result) {
        return new BybitOrderAck(
                result.path("orderId").asText(""), result.path("orderLinkId").asText(""));
    }

    private static String text(JsonNode node, String field) {
        final JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static <T> List<T> list(JsonNode result, Class<T> type, Endpoint endpoint) throws IOException {
        final JsonNode list = result.path("list");
        final List<T> out = new ArrayList<>(list.size());
        try {
            for (JsonNode item : list) {
                out.add(MAPPER.treeToValue(item, type));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("Bybit " + endpoint.label + ": unexpected item: " + e.getMessage(), e);
        }
        return out;
    }

    private static <T> BybitPage<T> page(JsonNode result, Class<T> type, Endpoint endpoint) throws IOException {
        return new BybitPage<>(
                list(result, type, endpoint), result.path("nextPageCursor").asText(""));
    }

    private JsonNode get(Endpoint endpoint, Params query) throws IOException {
        return execute(endpoint, query.toString(), null, new Attempts());
    }

    private JsonNode post(Endpoint endpoint, Map<String, Object> body, Attempts attempts) throws IOException {
        return execute(endpoint, "", MAPPER.writeValueAsString(body), attempts);
    }

    /** What happened over the attempts of one call. */
    private static final class Attempts {
        /** Whether an attempt failed in a way that leaves its effect unknown (it may have reached Bybit). */
        boolean ambiguous;
    }

    /**
     * Sends one call, with throttling and the retries its endpoint allows.
     *
     * @param query the encoded query string (GET), possibly empty
     * @param body the JSON body (POST), or {@code null}
     * @return the envelope's {@code result}
     */
    private JsonNode execute(Endpoint endpoint, String query, String body, Attempts attempts) throws IOException {
        boolean resynced = false;
        for (int attempt = 1; ; attempt++) {
            refuseWhileBanned(endpoint, attempt);
            throttle(endpoint);
            final Request request = request(endpoint, query, body);
            listener.requestSent(endpoint.label, attempt);
            final long sentNs = clock.nowNs();
            final boolean last = attempt >= config.maxAttempts();
            long backoffMs;
            String reason;
            try (Response response = http.newCall(request).execute()) {
                final long elapsedNs = clock.nowNs() - sentNs;
                final long resetMs = recordRateLimit(endpoint, response);
                final int status = response.code();
                if (status != 200) {
                    listener.responseReceived(endpoint.label, status, BybitApiException.NO_RET_CODE, elapsedNs);
                    final BybitApiException failure = httpFailure(endpoint, status, attempt);
                    final boolean rejected = status == 429;
                    final boolean transientServer = status >= 500;
                    if (last || !(rejected || (transientServer && endpoint.retriesAmbiguous()))) {
                        throw failure;
                    }
                    attempts.ambiguous |= transientServer;
                    backoffMs = backoffMs(attempt);
                    reason = "HTTP " + status;
                } else {
                    final JsonNode root = parse(endpoint, response.body().string());
                    final int retCode = root.path("retCode").asInt();
                    listener.responseReceived(endpoint.label, status, retCode, elapsedNs);
                    if (retCode == 0) {
                        final JsonNode result = root.get("result");
                        return result == null || result.isNull() ? MAPPER.createObjectNode() : result;
                    }
                    final BybitErrorCategory category = BybitErrorCategory.of(retCode);
                    final BybitApiException failure = new BybitApiException(
                            retCode, redact(root.path("retMsg").asText("")), endpoint.label, 200, category, attempt);
                    if (last) {
                        throw failure;
                    }
                    if (category == BybitErrorCategory.TIMESTAMP && !resynced && endpoint != Endpoint.SERVER_TIME) {
                        resynced = true;
                        LOG.warn("Bybit {}: timestamp refused (10002); resynchronising the clock", endpoint.label);
                        syncTime();
                        backoffMs = 0;
                        reason = "retCode 10002";
                    } else if (category == BybitErrorCategory.RATE_LIMIT) {
                        backoffMs = rateLimitWaitMs(resetMs, attempt);
                        throttleOf(endpoint).blockUntil(clock.nowNs() + backoffMs * MS_NS);
                        reason = "retCode " + retCode;
                    } else if (category == BybitErrorCategory.SERVER && endpoint.retriesAmbiguous()) {
                        attempts.ambiguous = true;
                        backoffMs = backoffMs(attempt);
                        reason = "retCode " + retCode;
                    } else {
                        throw failure;
                    }
                }
            } catch (BybitApiException e) {
                throw e;
            } catch (IOException e) {
                if (last
                        || !endpoint.retriesAmbiguous()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                attempts.ambiguous = true;
                backoffMs = backoffMs(attempt);
                reason = e.getClass().getSimpleName();
            }
            final long backoffNs = backoffMs * MS_NS;
            listener.retrying(endpoint.label, attempt, backoffNs, reason);
            LOG.debug(
                    "Bybit {}: attempt {} failed ({}); retrying in {} ms", endpoint.label, attempt, reason, backoffMs);
            sleep(backoffNs);
        }
    }

    private Request request(Endpoint endpoint, String query, String body) {
        final HttpUrl url =
                HttpUrl.get(config.environment().restUrl() + endpoint.path + (query.isEmpty() ? "" : "?" + query));
        final Request.Builder b = new Request.Builder().url(url);
        byte[] bytes = null;
        if (endpoint.isPost()) {
            bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
        }
        if (endpoint.signed) {
            if (signer == null) {
                throw new IllegalStateException("Bybit " + endpoint.label + ": needs credentials; none configured");
            }
            final String payload;
            if (endpoint.isPost()) {
                payload = new String(bytes, StandardCharsets.UTF_8);
            } else {
                final String sent = url.encodedQuery();
                payload = sent == null ? "" : sent;
            }
            final long timestampMs = serverTimeMs();
            final long recvWindowMs = config.recvWindowMs();
            b.header("X-BAPI-API-KEY", signer.credentials().apiKey())
                    .header("X-BAPI-TIMESTAMP", Long.toString(timestampMs))
                    .header("X-BAPI-RECV-WINDOW", Long.toString(recvWindowMs))
                    .header("X-BAPI-SIGN", signer.signRest(timestampMs, recvWindowMs, payload))
                    .header("X-BAPI-SIGN-TYPE", "2");
        }
        if (endpoint.isPost()) {
            b.post(RequestBody.create(bytes, JSON));
        }
        return b.build();
    }

    private JsonNode parse(Endpoint endpoint, String text) throws IOException {
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("Bybit " + endpoint.label + ": response is not JSON", e);
        }
        if (root == null || !root.has("retCode")) {
            throw new IOException("Bybit " + endpoint.label + ": response has no retCode");
        }
        return root;
    }

    private BybitApiException httpFailure(Endpoint endpoint, int status, int attempt) {
        final BybitErrorCategory category = BybitErrorCategory.ofHttpStatus(status);
        if (status == 403) {
            bannedUntilNs = clock.nowNs() + config.ipBanBackoffMs() * MS_NS;
            banned = true;
            LOG.warn(
                    "Bybit {}: HTTP 403 (IP rate limit or region block); refusing all requests for {} ms",
                    endpoint.label,
                    config.ipBanBackoffMs());
            return new BybitApiException(
                    BybitApiException.NO_RET_CODE,
                    "HTTP 403: IP rate limit exceeded or access denied; requests stop for " + config.ipBanBackoffMs()
                            + " ms",
                    endpoint.label,
                    status,
                    category,
                    attempt);
        }
        return new BybitApiException(
                BybitApiException.NO_RET_CODE, "HTTP " + status, endpoint.label, status, category, attempt);
    }

    private void refuseWhileBanned(Endpoint endpoint, int attempt) throws BybitApiException {
        if (!banned) {
            return;
        }
        final long leftNs = bannedUntilNs - clock.nowNs();
        if (leftNs > 0) {
            throw new BybitApiException(
                    BybitApiException.NO_RET_CODE,
                    "refused locally after an HTTP 403; " + (leftNs / MS_NS) + " ms of the ban backoff left",
                    endpoint.label,
                    403,
                    BybitErrorCategory.IP_BANNED,
                    attempt);
        }
        banned = false;
    }

    private RequestThrottle throttleOf(Endpoint endpoint) {
        final RequestThrottle t = throttles.get(endpoint);
        return t != null ? t : ipThrottle;
    }

    private void throttle(Endpoint endpoint) throws IOException {
        long waitNs = ipThrottle.reserveNs();
        final RequestThrottle t = throttles.get(endpoint);
        if (t != null) {
            waitNs = Math.max(waitNs, t.reserveNs());
        }
        if (waitNs > 0) {
            listener.throttled(endpoint.label, waitNs);
            sleep(waitNs);
        }
    }

    private void sleep(long ns) throws InterruptedIOException {
        if (ns <= 0) {
            return;
        }
        try {
            sleeper.sleepNs(ns);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send a Bybit request");
        }
    }

    private long backoffMs(int attempt) {
        final long shifted = config.initialBackoffMs() << Math.min(attempt - 1, 20);
        return Math.min(config.maxBackoffMs(), shifted);
    }

    /** Until the window resets if Bybit said when (capped), else the exponential backoff. */
    private long rateLimitWaitMs(long resetMs, int attempt) {
        final long untilResetMs = resetMs - serverTimeMs();
        if (resetMs > 0 && untilResetMs > 0) {
            return Math.min(config.maxBackoffMs(), untilResetMs);
        }
        return backoffMs(attempt);
    }

    /**
     * Records the {@code X-Bapi-Limit*} headers; when the window is used up, blocks the endpoint until it resets.
     *
     * @return the reset timestamp (server ms), or 0 if absent
     */
    private long recordRateLimit(Endpoint endpoint, Response response) {
        final String limit = response.header("X-Bapi-Limit");
        final String status = response.header("X-Bapi-Limit-Status");
        final String reset = response.header("X-Bapi-Limit-Reset-Timestamp");
        if (limit == null || status == null) {
            return reset == null ? 0 : parseLong(reset);
        }
        final long nowMs = serverTimeMs();
        final RateLimitStatus s = new RateLimitStatus(
                endpoint.path, (int) parseLong(limit), (int) parseLong(status), parseLong(reset), nowMs);
        rateLimits.put(endpoint.path, s);
        if (s.exhausted() && s.resetTimestampMs() > nowMs) {
            final long waitMs = Math.min(config.maxBackoffMs(), s.resetTimestampMs() - nowMs);
            throttleOf(endpoint).blockUntil(clock.nowNs() + waitMs * MS_NS);
        }
        return s.resetTimestampMs();
    }

    private static long parseLong(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String redact(String message) {
        return signer == null ? message : signer.credentials().redact(message);
    }

    /** Releases the connection pool and threads, if this client created its own OkHttp client. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "BybitRestClient[" + config.environment().name() + " "
                + config.environment().restUrl()
                + (signer == null ? "" : " apiKey=" + signer.credentials().maskedApiKey()) + "]";
    }
}
