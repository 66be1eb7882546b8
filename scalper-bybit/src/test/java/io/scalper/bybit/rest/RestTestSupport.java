package io.scalper.bybit.rest;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** A loopback Bybit stand-in, a hand-driven clock and a sleeper that advances it instead of sleeping. */
final class RestTestSupport implements AutoCloseable {
    static final String KEY = "test-key-0123";
    static final String SECRET = "test-secret-abcdef";
    static final long START_MS = 1_700_000_000_000L;

    final MockWebServer server = new MockWebServer();
    final ManualClock clock = new ManualClock(START_MS * 1_000_000L);
    final List<Long> sleepsNs = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final BybitRestClient client;

    RestTestSupport() throws Exception {
        this(config -> config);
    }

    RestTestSupport(java.util.function.UnaryOperator<BybitRestConfig> tune) throws Exception {
        server.start();
        final String base = server.url("/").toString();
        final BybitRestConfig config =
                tune.apply(BybitRestConfig.defaults(BybitEnvironment.custom(base, "ws://127.0.0.1:1")));
        client = BybitRestClient.builder(config)
                .credentials(new BybitCredentials(KEY, SECRET))
                .clock(clock)
                .sleeper(ns -> {
                    sleepsNs.add(ns);
                    clock.advanceNs(ns);
                })
                .httpClient(new OkHttpClient.Builder()
                        .retryOnConnectionFailure(false)
                        .readTimeout(java.time.Duration.ofSeconds(3))
                        .build())
                .listener(new BybitRestListener() {
                    @Override
                    public void throttled(String endpoint, long waitNs) {
                        events.add("throttled " + endpoint + " " + waitNs / 1_000_000L + "ms");
                    }

                    @Override
                    public void retrying(String endpoint, int attempt, long backoffNs, String reason) {
                        events.add("retry " + endpoint + " #" + attempt + " " + reason + " " + backoffNs / 1_000_000L
                                + "ms");
                    }
                })
                .build();
    }

    static MockResponse ok(String resultJson) {
        return json("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + resultJson + ",\"retExtInfo\":{},\"time\":"
                + START_MS + "}");
    }

    static MockResponse error(int retCode, String retMsg) {
        return json("{\"retCode\":" + retCode + ",\"retMsg\":\"" + retMsg + "\",\"result\":{},\"retExtInfo\":{},"
                + "\"time\":" + START_MS + "}");
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("").build();
    }

    void enqueue(MockResponse... responses) {
        for (MockResponse r : responses) {
            server.enqueue(r);
        }
    }

    RecordedRequest take() throws InterruptedException {
        final RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().utf8();
    }

    long nowMs() {
        return clock.nowMs();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
