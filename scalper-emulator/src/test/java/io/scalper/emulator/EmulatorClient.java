package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.bybit.auth.BybitSigner;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A test client of one emulator account: signed REST, WebSockets, and raw sockets that show arrival order. */
final class EmulatorClient {
    static final ObjectMapper M = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long DEADLINE_NS = 20_000_000_000L;
    private static int links;

    final BybitEmulator emu;
    final String key;
    final String secret;

    EmulatorClient(BybitEmulator emu, String key, String secret) {
        this.emu = emu;
        this.key = key;
        this.secret = secret;
    }

    static void poll(BooleanSupplier cond, String what) throws InterruptedException {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static synchronized String link() {
        return "c-" + System.nanoTime() % 1_000_000_000L + "-" + (++links);
    }

    static String order(String side, String type, String qty, String price, String tif, String link) {
        return "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"" + side + "\",\"orderType\":\"" + type
                + "\",\"qty\":\"" + qty + "\"" + (price == null ? "" : ",\"price\":\"" + price + "\"")
                + ",\"timeInForce\":\"" + tif + "\",\"orderLinkId\":\"" + link + "\"}";
    }

    /** A stop-market order: {@code direction} 1 triggers on a rise, 2 on a fall. */
    static String stop(String side, String qty, String trigger, int direction, boolean reduceOnly, String link) {
        return "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"" + side
                + "\",\"orderType\":\"Market\",\"qty\":\"" + qty + "\",\"triggerPrice\":\"" + trigger
                + "\",\"triggerDirection\":" + direction + ",\"triggerBy\":\"LastPrice\",\"reduceOnly\":" + reduceOnly
                + ",\"closeOnTrigger\":" + reduceOnly + ",\"orderLinkId\":\"" + link + "\"}";
    }

    static String cancel(String link) {
        return "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"" + link + "\"}";
    }

    // ------------------------------------------------------------------ REST

    JsonNode get(String path, String query) throws Exception {
        final long ts = System.currentTimeMillis();
        final HttpRequest r = HttpRequest.newBuilder(URI.create(emu.restUrl() + path + "?" + query))
                .header("X-BAPI-API-KEY", key)
                .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                .header("X-BAPI-RECV-WINDOW", "5000")
                .header("X-BAPI-SIGN", BybitSigner.hmacSha256Hex(secret, ts + key + "5000" + query))
                .build();
        return M.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpRequest postRequest(String path, String body) {
        final long ts = System.currentTimeMillis();
        return HttpRequest.newBuilder(URI.create(emu.restUrl() + path))
                .header("X-BAPI-API-KEY", key)
                .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                .header("X-BAPI-RECV-WINDOW", "5000")
                .header("X-BAPI-SIGN", BybitSigner.hmacSha256Hex(secret, ts + key + "5000" + body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpResponse<String> postRaw(String path, String body) throws Exception {
        return HTTP.send(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return HTTP.sendAsync(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode post(String path, String body) throws Exception {
        return M.readTree(postRaw(path, body).body());
    }

    /** Best bid, best ask and last trade price as decimal texts. */
    String[] prices() throws Exception {
        final JsonNode ob = get("/v5/market/orderbook", "category=linear&symbol=BTCUSDT&limit=1")
                .get("result");
        final JsonNode t =
                get("/v5/market/tickers", "category=linear&symbol=BTCUSDT").at("/result/list/0");
        return new String[] {
            ob.get("b").get(0).get(0).asText(),
            ob.get("a").get(0).get(0).asText(),
            t.get("lastPrice").asText()
        };
    }

    /** {@code price × factor} on BTCUSDT's 0.1 tick, as text. */
    static String scaled(String price, double factor) {
        return String.format(java.util.Locale.ROOT, "%.1f", Math.floor(Double.parseDouble(price) * factor * 10) / 10);
    }

    // ------------------------------------------------------------------ WebSockets

    /** A WebSocket client that queues what arrives; {@link #onEach} sees each message first, on the socket thread. */
    final class Ws extends WebSocketClient implements AutoCloseable {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile Consumer<JsonNode> onEach = n -> {};
        volatile boolean closed;
        volatile int closeCode;

        Ws(String path) throws Exception {
            super(URI.create(emu.wsUrl() + path));
            assertThat(connectBlocking(10, TimeUnit.SECONDS))
                    .as("connected to " + path)
                    .isTrue();
        }

        @Override
        public void onOpen(ServerHandshake h) {}

        @Override
        public void onMessage(String m) {
            try {
                onEach.accept(M.readTree(m));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            messages.add(m);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closed = true;
        }

        @Override
        public void onError(Exception ex) {}

        JsonNode next(Predicate<JsonNode> want) throws Exception {
            final long deadline = System.nanoTime() + DEADLINE_NS;
            while (System.nanoTime() - deadline < 0) {
                final String m = messages.poll(50, TimeUnit.MILLISECONDS);
                if (m != null) {
                    final JsonNode n = M.readTree(m);
                    if (want.test(n)) {
                        return n;
                    }
                }
            }
            throw new AssertionError("no matching message");
        }

        /** The matching message already received, if any, without waiting. */
        JsonNode received(Predicate<JsonNode> want) throws Exception {
            for (String m : messages) {
                final JsonNode n = M.readTree(m);
                if (want.test(n)) {
                    return n;
                }
            }
            return null;
        }
    }

    static Predicate<JsonNode> topic(String t) {
        return n -> t.equals(n.path("topic").asText());
    }

    /** A private push of {@code topic} about the order {@code link}. */
    static Predicate<JsonNode> pushOf(String topic, String link) {
        return n -> topic.equals(n.path("topic").asText())
                && link.equals(n.at("/data/0/orderLinkId").asText());
    }

    static Predicate<JsonNode> reqId(String id) {
        return n -> id.equals(n.path("reqId").asText());
    }

    String authFrame(String idField, String id) {
        final long expires = System.currentTimeMillis() + 10_000;
        return "{\"" + idField + "\":\"" + id + "\",\"op\":\"auth\",\"args\":[\"" + key + "\"," + expires + ",\""
                + BybitSigner.signWebSocket(secret, expires) + "\"]}";
    }

    /** An authenticated private socket subscribed to order, execution, position and wallet. */
    Ws privateWs() throws Exception {
        final Ws ws = new Ws("/v5/private");
        ws.send(authFrame("req_id", "a1"));
        assertThat(ws.next(n -> "auth".equals(n.path("op").asText()))
                        .get("success")
                        .asBoolean())
                .isTrue();
        ws.send("{\"op\":\"subscribe\",\"args\":[\"order\",\"execution\",\"position\",\"wallet\"]}");
        assertThat(ws.next(n -> "subscribe".equals(n.path("op").asText()))
                        .get("success")
                        .asBoolean())
                .isTrue();
        return ws;
    }

    /** An authenticated trade socket. */
    Ws tradeWs() throws Exception {
        final Ws ws = new Ws("/v5/trade");
        ws.send(authFrame("reqId", "auth"));
        assertThat(ws.next(reqId("auth")).get("retCode").asInt()).isZero();
        return ws;
    }

    static String tradeFrame(String reqId, String op, String args) {
        return "{\"reqId\":\"" + reqId + "\",\"header\":{\"X-BAPI-TIMESTAMP\":\"" + System.currentTimeMillis()
                + "\",\"X-BAPI-RECV-WINDOW\":\"8000\"},\"op\":\"" + op + "\",\"args\":[" + args + "]}";
    }

    // ------------------------------------------------------------------ raw sockets

    /**
     * A signed REST POST over a plain socket, its reply left unread in the socket until {@link #reply()}: while unread,
     * {@link #arrivedBytes()} tells whether (any of) the reply has reached this host.
     */
    final class RawHttp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final URI u = URI.create(emu.restUrl());

        RawHttp() throws IOException {
            socket = new Socket(u.getHost(), u.getPort());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
        }

        void send(String path, String body) throws IOException {
            final long ts = System.currentTimeMillis();
            final byte[] b = body.getBytes(StandardCharsets.UTF_8);
            final String head = "POST " + path + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\n"
                    + "X-BAPI-API-KEY: " + key + "\r\nX-BAPI-TIMESTAMP: " + ts + "\r\nX-BAPI-RECV-WINDOW: 5000\r\n"
                    + "X-BAPI-SIGN: " + BybitSigner.hmacSha256Hex(secret, ts + key + "5000" + body) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
            final OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        }

        /** Bytes of the reply received and not read yet. */
        int arrivedBytes() {
            try {
                return in.available();
            } catch (IOException e) {
                return -1;
            }
        }

        /** Reads the reply to its end; returns its JSON body. */
        JsonNode reply() throws IOException {
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            final String text = all.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            return M.readTree(text.substring(text.indexOf("\r\n\r\n") + 4));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A minimal WebSocket client over a plain socket (text frames only), read only when asked: while a frame is unread,
     * {@link #arrivedBytes()} tells whether it has reached this host.
     */
    final class RawWs implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final SecureRandom random = new SecureRandom();

        RawWs(String path) throws IOException {
            final URI u = URI.create(emu.wsUrl());
            socket = new Socket(u.getHost(), u.getPort());
            socket.setTcpNoDelay(true);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = socket.getOutputStream();
            final byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                            + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                final int c = in.read();
                if (c < 0) {
                    throw new IOException("handshake cut: " + head);
                }
                head.append((char) c);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
        }

        void send(String text) throws IOException {
            final byte[] p = text.getBytes(StandardCharsets.UTF_8);
            final ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x81);
            if (p.length < 126) {
                f.write(0x80 | p.length);
            } else {
                f.write(0x80 | 126);
                f.write(p.length >>> 8);
                f.write(p.length & 0xff);
            }
            final byte[] mask = new byte[4];
            random.nextBytes(mask);
            f.write(mask);
            for (int i = 0; i < p.length; i++) {
                f.write(p[i] ^ mask[i & 3]);
            }
            out.write(f.toByteArray());
            out.flush();
        }

        /** The next text frame, blocking. */
        JsonNode read() throws IOException {
            final int b0 = in.readUnsignedByte();
            final int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            final byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if ((b0 & 0x0f) != 0x1) {
                throw new IOException("not a text frame: opcode " + (b0 & 0x0f));
            }
            return M.readTree(new String(payload, StandardCharsets.UTF_8));
        }

        /** Bytes received and not read yet. */
        int arrivedBytes() {
            try {
                return in.available();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
