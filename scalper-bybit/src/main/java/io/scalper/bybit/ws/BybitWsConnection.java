package io.scalper.bybit.ws;

import io.scalper.core.time.Clock;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Bybit that keeps itself alive: it connects, sends an application-level ping every
 * {@link BybitWsConfig#pingIntervalMs()}, closes a connection that received nothing for {@link
 * BybitWsConfig#staleTimeoutMs()}, and reconnects after any close with exponential backoff and jitter (delay drawn from
 * {@code [d/2, d]} with {@code d = min(backoffMaxMs, backoffBaseMs × 2^attempt)}; the attempt count resets once a
 * connection opens). Each new connection runs the listener's {@link Listener#onOpen} hook, where a stream
 * authenticates and subscribes again.
 *
 * <p>Threading: listener methods run on I/O threads (the socket's read thread); they must not touch engine or strategy
 * state and should hand frames to an {@link EventQueue}. {@link #send} may be called from any thread. Timers run on
 * one daemon thread per connection. Counters may be read from any thread.
 */
public final class BybitWsConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitWsConnection.class);
    private static final long NS_PER_MS = 1_000_000L;
    private static final long MIN_TICK_MS = 5;
    private static final long MAX_TICK_MS = 1_000;

    /** What a connection reports; called on I/O threads. */
    public interface Listener {
        /** A connection opened (first or after a reconnect): authenticate and subscribe here. */
        void onOpen(BybitWsConnection connection);

        /**
         * A text frame arrived.
         *
         * @param localTimeNs receive time from the connection's clock, ns since the epoch
         */
        void onText(String text, long localTimeNs);

        /** The connection closed or could not be opened; a reconnect follows unless {@link #close()} was called. */
        default void onClosed(int code, String reason) {}

        /** The ping frame to send; {@code n} counts pings on this connection object. */
        default String pingFrame(long n) {
            return "{\"op\":\"ping\",\"req_id\":\"ping-" + n + "\"}";
        }

        /**
         * Whether a frame shows the connection is alive for the stale check. By default every frame does; a market
         * data stream answers {@code true} only for data, so a socket that only answers pings is still recycled when
         * its data stops.
         */
        default boolean isLiveness(String text) {
            return true;
        }
    }

    private final String name;
    private final URI uri;
    private final BybitWsConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final Listener listener;
    private final ScheduledExecutorService timer;

    private volatile Client current;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile long lastMessageNs;
    private volatile long lastPingNs;
    private final AtomicInteger attempt = new AtomicInteger();
    /** Connections recycled as unhealthy (auth refused...) since the last {@link #markHealthy()}: they back off too. */
    private final AtomicInteger unhealthy = new AtomicInteger();

    private final AtomicLong recycles = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong closes = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong staleDetections = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();

    /**
     * @param name a short name for logs and thread names (e.g. {@code public})
     * @param url the {@code ws://} or {@code wss://} URL
     * @param config heartbeat and backoff settings
     * @param clock source of receive times and of the stale and ping deadlines
     * @param random jitter source (inject a seeded one for reproducible delays)
     * @param listener told about opens, frames and closes, on I/O threads
     */
    public BybitWsConnection(
            String name, String url, BybitWsConfig config, Clock clock, RandomGenerator random, Listener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.uri = URI.create(Objects.requireNonNull(url, "url"));
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "bybit-ws-" + name + "-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting (asynchronously) and the heartbeat timer. Idempotent. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        final long tickMs = Math.max(
                MIN_TICK_MS, Math.min(MAX_TICK_MS, Math.min(config.pingIntervalMs(), config.staleTimeoutMs()) / 4));
        timer.execute(this::openNew);
        timer.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a text frame if the connection is open. Any thread.
     *
     * @return {@code false} (nothing sent) when not connected
     */
    public boolean send(String text) {
        final Client c = current;
        if (c == null || !c.isOpen()) {
            return false;
        }
        try {
            c.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** Whether a connection is open now. */
    public boolean isOpen() {
        final Client c = current;
        return c != null && c.isOpen();
    }

    /** Closes the connection for good: no reconnect follows. Idempotent. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        final Client c = current;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Closes the current connection as unhealthy (e.g. its authentication was refused); a new one follows after a
     * back-off that keeps growing until {@link #markHealthy()}. Any thread.
     */
    public void recycle(String reason) {
        final Client c = current;
        if (c == null || closed) {
            return;
        }
        unhealthy.incrementAndGet();
        recycles.incrementAndGet();
        LOG.warn("bybit ws {}: recycling the connection: {}", name, reason);
        c.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    /** The stream is working (authenticated, subscribed): reconnect back-off starts from the base again. */
    public void markHealthy() {
        unhealthy.set(0);
    }

    /** Connections closed by {@link #recycle}. */
    public long recycles() {
        return recycles.get();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Connections opened, the first included. */
    public long connects() {
        return connects.get();
    }

    /** Connections opened after the first: successful reconnects. */
    public long reconnects() {
        return Math.max(0, connects.get() - 1);
    }

    /** Connections closed or failed to open. */
    public long closes() {
        return closes.get();
    }

    /** Attempts that failed before the connection opened. */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** Text frames received over all connections. */
    public long messagesReceived() {
        return messages.get();
    }

    /** Receive time of the last frame that counts as liveness (connection clock, ns since the epoch); 0 before the first. */
    public long lastMessageNanos() {
        return lastMessageNs;
    }

    /** Pings sent. */
    public long pingsSent() {
        return pings.get();
    }

    /** Connections closed because nothing arrived for {@link BybitWsConfig#staleTimeoutMs()}. */
    public long staleDetections() {
        return staleDetections.get();
    }

    /** The URL connected to. */
    public URI uri() {
        return uri;
    }

    /**
     * The reconnect delay before attempt {@code attempt} (0-based): uniformly drawn from {@code [d/2, d]} where
     * {@code d = min(maxMs, baseMs × 2^attempt)}.
     */
    static long backoffMs(int attempt, long baseMs, long maxMs, RandomGenerator random) {
        final int shift = Math.min(Math.max(attempt, 0), 30);
        final long d = baseMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, baseMs << shift);
        final long half = d / 2;
        return half + random.nextLong(d - half + 1);
    }

    private void openNew() {
        if (closed) {
            return;
        }
        final Client c = new Client(uri);
        c.setConnectionLostTimeout(0); // heartbeats are Bybit's application-level pings
        c.setTcpNoDelay(true);
        c.setDaemon(true);
        lastMessageNs = clock.nowNs();
        current = c;
        c.connect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        final long delayMs;
        synchronized (random) {
            final int n = Math.max(attempt.getAndIncrement(), unhealthy.get());
            delayMs = backoffMs(n, config.backoffBaseMs(), config.backoffMaxMs(), random);
        }
        LOG.info("bybit ws {}: reconnecting in {} ms", name, delayMs);
        try {
            timer.schedule(this::openNew, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void tick() {
        try {
            final Client c = current;
            if (c == null || !c.isOpen()) {
                return;
            }
            final long nowNs = clock.nowNs();
            if (nowNs - lastMessageNs > config.staleTimeoutMs() * NS_PER_MS) {
                staleDetections.incrementAndGet();
                LOG.warn(
                        "bybit ws {}: nothing received for {} ms, reconnecting",
                        name,
                        (nowNs - lastMessageNs) / NS_PER_MS);
                c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "stale");
                return;
            }
            if (nowNs - lastPingNs >= config.pingIntervalMs() * NS_PER_MS) {
                lastPingNs = nowNs;
                // counted before it is sent: the pong can come back before send() returns
                final long n = pings.incrementAndGet();
                if (!send(listener.pingFrame(n))) {
                    pings.decrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("bybit ws {}: heartbeat failed: {}", name, e.toString());
        }
    }

    private final class Client extends WebSocketClient {
        private boolean opened;

        Client(URI uri) {
            super(uri, new Draft_6455(), null, (int) Math.min(Integer.MAX_VALUE, config.staleTimeoutMs()));
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            if (this != current || closed) {
                close();
                return;
            }
            opened = true;
            attempt.set(0);
            connects.incrementAndGet();
            final long nowNs = clock.nowNs();
            lastMessageNs = nowNs;
            lastPingNs = nowNs;
            LOG.info("bybit ws {}: connected to {}", name, uri);
            try {
                listener.onOpen(BybitWsConnection.this);
            } catch (RuntimeException e) {
                LOG.error("bybit ws {}: onOpen hook failed: {}", name, e.toString());
            }
        }

        @Override
        public void onMessage(String message) {
            if (this != current) {
                return;
            }
            final long nowNs = clock.nowNs();
            if (listener.isLiveness(message)) {
                lastMessageNs = nowNs;
            }
            messages.incrementAndGet();
            try {
                listener.onText(message, nowNs);
            } catch (RuntimeException e) {
                LOG.error("bybit ws {}: frame handler failed: {}", name, e.toString());
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (this != current) {
                return;
            }
            closes.incrementAndGet();
            if (!opened) {
                connectFailures.incrementAndGet();
            }
            LOG.info("bybit ws {}: closed ({} {}{})", name, code, reason, remote ? ", by server" : "");
            try {
                listener.onClosed(code, reason == null ? "" : reason);
            } catch (RuntimeException e) {
                LOG.error("bybit ws {}: onClosed hook failed: {}", name, e.toString());
            }
            scheduleReconnect();
        }

        @Override
        public void onError(Exception e) {
            LOG.warn("bybit ws {}: {}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return "BybitWsConnection[" + name + " " + uri + (isOpen() ? " open" : " down") + "]";
    }
}
