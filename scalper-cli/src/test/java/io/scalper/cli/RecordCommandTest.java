package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalper record} against a local WebSocket server that drops the first connection. */
class RecordCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Acks subscribes and pushes a snapshot, a delta and a trade; closes the first connection after them. */
    static final class FakePublic extends WebSocketServer {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        FakePublic() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.incrementAndGet();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
            if (!message.contains("\"subscribe\"")) {
                return;
            }
            conn.send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c\",\"op\":\"subscribe\"}");
            final int n = connections.get();
            final long ts = System.currentTimeMillis() - 100;
            conn.send(
                    "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + ts + ",\"data\":{\"s\":"
                            + "\"BTCUSDT\",\"b\":[[\"65000.10\",\"1.000\"]],\"a\":[[\"65000.20\",\"2.000\"]],\"u\":1,\"seq\":1}}");
            conn.send(
                    "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":" + (ts + 100) + ",\"data\":{\"s\":"
                            + "\"BTCUSDT\",\"b\":[[\"65000.00\",\"3.000\"]],\"a\":[],\"u\":2,\"seq\":2}}");
            conn.send("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + (ts + 150) + ",\"data\":[{"
                    + "\"T\":" + (ts + 149) + ",\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.010\",\"p\":\"65000.20\"}]}");
            if (n == 1) {
                conn.close(1001, "going away");
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {}
    }

    static List<String> lines(Path dir) throws IOException {
        final List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                assertThat(f.getFileName().toString()).endsWith(".jsonl.gz");
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    r.lines().forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void shouldRecordFramesWithReceiveTimesReconnectAndMarkTheGap() throws Exception {
        final FakePublic server = new FakePublic();
        server.start();
        try {
            final Path dir = tmp.resolve("rec");
            final StringWriter err = new StringWriter();
            final String base = "ws://127.0.0.1:" + waitForPort(server);
            final int code = ScalperCli.execute(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err),
                    "record",
                    "--rest-url",
                    "http://127.0.0.1:1",
                    "--ws-url",
                    base,
                    "--symbol",
                    "btcusdt",
                    "--depth",
                    "50",
                    "--out",
                    dir.toString(),
                    "--duration",
                    "4s");
            assertThat(code).as(err.toString()).isZero();
            assertThat(server.connections.get())
                    .as("reconnected after the drop")
                    .isGreaterThanOrEqualTo(2);
            assertThat(server.received.get(0))
                    .contains("orderbook.50.BTCUSDT")
                    .contains("publicTrade.BTCUSDT")
                    .contains("tickers.BTCUSDT");
            final List<String> lines = lines(dir);
            final long data =
                    lines.stream().filter(l -> l.contains("\"topic\"")).count();
            assertThat(data).isGreaterThanOrEqualTo(6);
            for (String l : lines) {
                assertThat(l).matches("[0-9]{19}\t\\{.*\\}");
            }
            assertThat(lines).anyMatch(l -> l.contains("\"op\":\"scalper.gap\""));
            assertThat(err.toString()).contains("recorded").contains("gap");
            // the recording backtests: books rebuilt from each snapshot after the gap
            final Path file;
            try (Stream<Path> files = Files.list(dir)) {
                file = files.sorted().findFirst().orElseThrow();
            }
            final StringWriter out = new StringWriter();
            assertThat(ScalperCli.execute(
                            new PrintWriter(out),
                            new PrintWriter(new StringWriter()),
                            "backtest",
                            "--data",
                            file.toString(),
                            "--json",
                            "--quiet"))
                    .isZero();
            final JsonNode j = JSON.readTree(out.toString());
            assertThat(j.get("messages").asLong()).isGreaterThanOrEqualTo(4);
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void shouldRefuseBadArgumentsInOneLine() {
        for (String[] args : List.of(
                new String[] {"record", "--symbol", "BTCUSDT", "--out", tmp.toString(), "--depth", "7"},
                new String[] {"record", "--symbol", "BTC/USDT", "--out", tmp.toString()},
                new String[] {"record", "--symbol", "BTCUSDT", "--out", tmp.toString(), "--testnet", "--demo"},
                new String[] {"record", "--symbol", "BTCUSDT", "--out", tmp.toString(), "--ws-url", "ws://x"})) {
            final StringWriter err = new StringWriter();
            final int code = ScalperCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().lines().count()).isEqualTo(1);
        }
    }

    private static int waitForPort(WebSocketServer server) throws InterruptedException {
        for (int i = 0; i < 500 && server.getPort() == 0; i++) {
            Thread.sleep(10);
        }
        return server.getPort();
    }
}
