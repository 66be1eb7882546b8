package io.scalper.bybit.ws;

import static io.scalper.bybit.ws.WsTesting.fastConfig;
import static io.scalper.bybit.ws.WsTesting.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.ws.FakeBybit.Received;
import io.scalper.core.book.BookState;
import io.scalper.core.book.OrderBook;
import io.scalper.core.time.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BybitPublicStreamTest {
    private static final String BOOK = "orderbook.50.BTCUSDT";

    private FakeBybit server;
    private BybitPublicStream stream;
    private final BybitMarketDecoder decoder = new BybitMarketDecoder();
    /** Update id of the next snapshot the fake sends on subscribe. */
    private final AtomicLong snapshotU = new AtomicLong(100);

    @AfterEach
    void tearDown() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.stopQuietly();
        }
    }

    private static String snapshot(long u, String bid, String ask) {
        return "{\"topic\":\"" + BOOK + "\",\"type\":\"snapshot\",\"ts\":1700000000000,\"data\":{\"s\":\"BTCUSDT\","
                + "\"b\":[[\"" + bid + "\",\"1.000\"],[\"59999.00\",\"2.000\"]],\"a\":[[\"" + ask
                + "\",\"1.500\"],[\"60002.00\",\"3.000\"]],\"u\":" + u + ",\"seq\":1},\"cts\":1700000000000}";
    }

    private static String delta(long u, String bidPrice, String bidSize) {
        return "{\"topic\":\"" + BOOK + "\",\"type\":\"delta\",\"ts\":1700000000100,\"data\":{\"s\":\"BTCUSDT\","
                + "\"b\":[[\"" + bidPrice + "\",\"" + bidSize + "\"]],\"a\":[],\"u\":" + u + ",\"seq\":2},"
                + "\"cts\":1700000000100}";
    }

    private void startWithSnapshotsOnSubscribe(BybitWsConfig config, List<String> symbols) throws Exception {
        server = new FakeBybit(FakeBybit.Mode.PUBLIC).begin();
        server.onSubscribe = (conn, topic) -> {
            if (topic.equals(BOOK)) {
                conn.send(snapshot(snapshotU.get(), "60000.00", "60001.00"));
            }
        };
        stream = new BybitPublicStream(
                server.url() + "/v5/public/linear",
                decoder,
                symbols,
                50,
                config,
                SystemClock.INSTANCE,
                new SplittableRandom(7));
        stream.start();
    }

    private void pump() {
        stream.poll(1024);
    }

    private OrderBook book() {
        return decoder.market("BTCUSDT").book();
    }

    @Test
    void shouldBatchSubscribeArgsTenPerRequest() {
        final List<String> topics = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            topics.add("t" + i);
        }
        final List<List<String>> batches = BybitPublicStream.batches(topics);
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(BybitPublicStream.frame("subscribe", List.of("a.X", "b.X"), "sub-1"))
                .isEqualTo("{\"req_id\":\"sub-1\",\"op\":\"subscribe\",\"args\":[\"a.X\",\"b.X\"]}");
    }

    @Test
    void shouldSubscribeBookTradesAndTickersOfEverySymbolInBatchesOfTen() throws Exception {
        final List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
        startWithSnapshotsOnSubscribe(fastConfig(), symbols);
        until("12 topics acknowledged", this::pump, () -> stream.subscribeAcks() == 2);

        final List<Received> subs = server.received("subscribe");
        assertThat(subs).hasSize(2);
        final List<String> args = new ArrayList<>();
        for (Received r : subs) {
            assertThat(r.json().path("args").size()).isLessThanOrEqualTo(10);
            r.json().path("args").forEach(a -> args.add(a.asText()));
        }
        assertThat(args)
                .containsExactlyInAnyOrder(
                        "orderbook.50.BTCUSDT",
                        "publicTrade.BTCUSDT",
                        "tickers.BTCUSDT",
                        "orderbook.50.ETHUSDT",
                        "publicTrade.ETHUSDT",
                        "tickers.ETHUSDT",
                        "orderbook.50.SOLUSDT",
                        "publicTrade.SOLUSDT",
                        "tickers.SOLUSDT",
                        "orderbook.50.XRPUSDT",
                        "publicTrade.XRPUSDT",
                        "tickers.XRPUSDT");
        assertThat(args).isEqualTo(stream.topics());
        assertThat(stream.subscribeFailures()).isZero();
    }

    @Test
    void shouldRebuildBookFromSnapshotAndDeltasAndReportInSync() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig(), List.of("BTCUSDT"));
        until("book in sync", this::pump, stream::isInSync);
        assertThat(book().bestBid()).isEqualTo(600000L);
        assertThat(book().updateId()).isEqualTo(100);

        server.push(delta(101, "60000.50", "0.700"));
        server.push(delta(102, "60000.00", "0"));
        until("deltas applied", this::pump, () -> book().updateId() == 102);
        assertThat(book().bestBid()).isEqualTo(600005L);
        assertThat(book().bestBidSize()).isEqualTo(700L);
        assertThat(book().depth(io.scalper.core.model.Side.BUY)).isEqualTo(2);
        assertThat(stream.isInSync()).isTrue();
        assertThat(stream.resubscribes()).isZero();
    }

    @Test
    void shouldResubscribeBookAfterUpdateIdJumpAndResyncFromFreshSnapshot() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig(), List.of("BTCUSDT"));
        until("book in sync", this::pump, stream::isInSync);

        snapshotU.set(500);
        server.push(delta(101, "60000.50", "0.700"));
        server.push(delta(105, "60000.50", "0.800")); // 102..104 missing
        until("fresh snapshot after the gap", this::pump, () -> book().updateId() == 500);

        assertThat(decoder.gaps()).isEqualTo(1);
        assertThat(stream.resubscribes()).isEqualTo(1);
        assertThat(stream.isInSync()).isTrue();
        final List<Received> unsubs = server.received("unsubscribe");
        assertThat(unsubs).hasSize(1);
        assertThat(unsubs.get(0).json().path("args").get(0).asText()).isEqualTo(BOOK);
        final List<Received> subs = server.received("subscribe");
        assertThat(subs).hasSize(2);
        assertThat(subs.get(1).text()).contains("\"args\":[\"" + BOOK + "\"]");
        assertThat(server.received.indexOf(unsubs.get(0))).isLessThan(server.received.indexOf(subs.get(1)));

        server.push(delta(501, "60000.50", "0.900"));
        until("delta after resync", this::pump, () -> book().updateId() == 501);
        assertThat(stream.isInSync()).isTrue();
    }

    @Test
    void shouldReconnectWithBackoffAndResubscribeAfterServerDropsConnection() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig(), List.of("BTCUSDT"));
        until("book in sync", this::pump, stream::isInSync);

        snapshotU.set(1);
        server.dropAll();
        until("out of sync while disconnected", this::pump, () -> !stream.isInSync());
        until(
                "reconnected and resynced",
                this::pump,
                () -> stream.connection().reconnects() == 1 && stream.isInSync() && book().updateId() == 1);

        assertThat(server.connections).hasSize(2);
        final List<Received> subs = server.received("subscribe");
        assertThat(subs).extracting(Received::connection).containsExactly(1, 2);
        assertThat(subs.get(1).text()).isEqualTo(subs.get(0).text().replace("sub-1", "sub-2"));
        assertThat(stream.connection().closes()).isEqualTo(1);
        assertThat(book().state()).isEqualTo(BookState.SYNCED);
    }

    @Test
    void shouldDetectStaleStreamAndReconnect() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig().withHeartbeat(50, 300), List.of("BTCUSDT"));
        until("book in sync", this::pump, stream::isInSync);

        server.silent = true; // no pongs, no data
        until("stale detected", this::pump, () -> stream.connection().staleDetections() >= 1);
        // the close is detected on the timer thread and reaches the books on the next poll of the engine thread
        until("books invalidated", this::pump, () -> !stream.isInSync());
        server.silent = false;
        until("reconnected after stale", this::pump, () -> stream.connection().reconnects() >= 1 && stream.isInSync());
        assertThat(server.received("ping")).isNotEmpty();
    }

    @Test
    void shouldRecycleAStreamWhoseDataStoppedEvenWhileItAnswersPings() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig().withHeartbeat(50, 400), List.of("BTCUSDT"));
        until("book in sync", this::pump, stream::isInSync);
        // the server keeps answering pings (every 50 ms) but sends no market data after the snapshot
        until(
                "stale detected although pongs arrive",
                this::pump,
                () -> stream.connection().staleDetections() >= 1);
        assertThat(stream.pongs()).as("pongs kept coming").isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldSendPingsAndCountPongs() throws Exception {
        startWithSnapshotsOnSubscribe(fastConfig(), List.of("BTCUSDT"));
        until("pongs", this::pump, () -> stream.pongs() >= 2);
        final Received ping = server.received("ping").get(0);
        assertThat(ping.json().path("req_id").asText()).startsWith("ping-");
        assertThat(stream.connection().pingsSent()).isGreaterThanOrEqualTo(2);
        assertThat(stream.connection().messagesReceived()).isGreaterThanOrEqualTo(3);
        assertThat(stream.connection().lastMessageNanos()).isPositive();
    }

    @Test
    void shouldSurfaceRefusedSubscription() throws Exception {
        server = new FakeBybit(FakeBybit.Mode.PUBLIC).begin();
        server.refuseTopic = "orderbook.50.BTCUSDT";
        stream = new BybitPublicStream(
                server.url(),
                decoder,
                List.of("BTCUSDT"),
                50,
                fastConfig(),
                SystemClock.INSTANCE,
                new SplittableRandom(1));
        stream.start();
        until("refusal surfaced", this::pump, () -> stream.subscribeFailures() == 1);
        assertThat(stream.lastError()).contains("handler not found");
        assertThat(stream.isInSync()).isFalse();
    }
}
