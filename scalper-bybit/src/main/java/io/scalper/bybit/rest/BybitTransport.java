package io.scalper.bybit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.auth.BybitSigner;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
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
 * How every REST call reaches Bybit: the HTTP exchange, signing, the server clock offset and receive window, the
 * client-side throttles and Bybit's rate-limit headers, the local refusal after an HTTP 403, retries, and the mapping
 * of answers to results or typed {@link BybitApiException}s — the rules {@link BybitRestClient} documents. The
 * endpoint groups ({@link MarketEndpoints}, {@link OrderEndpoints}, {@link AccountEndpoints}) build the requests and
 * read the results. Logs under {@link BybitRestClient}'s logger; credentials never appear in logs, exceptions,
 * listener calls or {@link #toString()}.
 *
 * <p>Thread-safe. Every call blocks the calling thread for the exchange, throttle waits and retry backoff.
 */
final class BybitTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitRestClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long MS_NS = 1_000_000L;

    /** Reads answers (unknown properties ignored) and writes request bodies. */
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

    /**
     * @param credentials for private endpoints, or {@code null}
     * @param http the OkHttp client to use, or {@code null} to make and own one
     */
    BybitTransport(
            BybitRestConfig config,
            BybitCredentials credentials,
            OkHttpClient http,
            Clock clock,
            Sleeper sleeper,
            BybitRestListener listener) {
        this.config = config;
        this.signer = credentials == null ? null : new BybitSigner(credentials);
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.ownsHttp = http == null;
        this.http = http != null
                ? http
                : new OkHttpClient.Builder()
                        .callTimeout(Duration.ofMillis(config.callTimeoutMs()))
                        .retryOnConnectionFailure(false)
                        .build();
        this.ipThrottle = new RequestThrottle(clock, BybitRestClient.IP_RATE_PER_SECOND);
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

    BybitRestConfig config() {
        return config;
    }

    /** Measures Bybit's clock offset ({@code GET /v5/market/time}) for later timestamps; returns it, ms. */
    long syncTime() throws IOException {
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
    long serverTimeMs() {
        return clock.nowMs() + serverOffsetMs;
    }

    /** The offset last measured by {@link #syncTime()}, ms (server minus client); 0 before the first. */
    long serverOffsetMs() {
        return serverOffsetMs;
    }

    /** Bybit's latest rate-limit headers for {@code path} (e.g. {@code /v5/order/create}), if any were seen. */
    Optional<RateLimitStatus> rateLimit(String path) {
        return Optional.ofNullable(rateLimits.get(path));
    }

    /** Sends a GET with this query; retried as its endpoint allows. */
    JsonNode get(Endpoint endpoint, Params query) throws IOException {
        return execute(endpoint, query.toString(), null, new Attempts());
    }

    /** Sends a POST with this JSON body; retried as its endpoint allows, what happened recorded in {@code attempts}. */
    JsonNode post(Endpoint endpoint, Map<String, Object> body, Attempts attempts) throws IOException {
        return execute(endpoint, "", MAPPER.writeValueAsString(body), attempts);
    }

    /** What happened over the attempts of one call. */
    static final class Attempts {
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

    /** Releases the connection pool and threads, if this transport created its own OkHttp client. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** The environment, its URL and the masked API key, if any. */
    @Override
    public String toString() {
        return config.environment().name() + " "
                + config.environment().restUrl()
                + (signer == null ? "" : " apiKey=" + signer.credentials().maskedApiKey());
    }
}
