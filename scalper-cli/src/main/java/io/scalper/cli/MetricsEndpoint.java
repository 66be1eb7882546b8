package io.scalper.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A minimal Prometheus text-format endpoint ({@code GET /metrics}) on the JDK's HTTP server: the few counters and
 * gauges of one process do not need a client library and its dependency. The text is rendered on the engine thread
 * (never read across threads piecemeal) and swapped in whole; the server only serves the last one.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private volatile byte[] body = new byte[0];

    MetricsEndpoint(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/metrics", exchange -> {
            final byte[] b = body;
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, b.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(b);
            }
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Publishes new text (engine thread). */
    void publish(Supplier<String> text) {
        body = text.get().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
