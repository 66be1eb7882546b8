package io.scalper.benchmarks;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.gateway.BybitGateway;
import io.scalper.bybit.marketdata.BybitFrameWriter;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Signal;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.SystemClock;
import io.scalper.emulator.BybitEmulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Latency distributions of the live path (HdrHistogram; median, p99, p99.9), against the Bybit emulator on loopback.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.scalper.benchmarks.LiveLatency [frames N [REST WS KEY
 * SECRET] | stream SECONDS SPEED | N]} ({@code scripts/perf} runs the first two, the emulator a {@code scalper sim} in
 * another process).
 *
 * <ol>
 *   <li><b>frame → order handed to the trade stream</b>: a real {@code orderbook} frame is decoded into the engine's
 *       book, features, eight signals plus a constant one (always +1, so every frame decides to enter), fusion,
 *       gates, sizing and the router, which hands a post-only entry to {@link BybitGateway}, which writes it to the
 *       trade WebSocket. Timed from before the decode to the return of the gateway's submit, and split at the submit.
 *       After {@link #WARM_FRAMES} untimed frames, each timed frame waits until the gateway may send again (8 creates
 *       a second, under Bybit's 10), so every timed order is really written; between frames the entry is marked
 *       cancelled so that the next frame enters again.
 *   <li><b>order round trip through the trade WebSocket</b>: orders from the request written to the emulator's
 *       acknowledgement received, as the gateway reports it.
 *   <li><b>emulator public stream</b>: frames per second one raw client receives, the market at the given speed, with
 *       each busy thread's CPU share and allocation per frame (the client's read thread is Java-WebSocket's own cost).
 * </ol>
 */
public final class LiveLatency {
    /**
     * How the timed phase waits for the gateway between orders: {@code -Dlive.spin=true} spins (the thread and its
     * caches stay hot, a core is taken), otherwise it sleeps 1 ms at a time (as an idle engine loop does).
     */
    static final boolean SPIN = Boolean.getBoolean("live.spin");

    /** Frames decoded before the timed ones (the JIT's warm-up). */
    static final int WARM_FRAMES = 30_000;

    private LiveLatency() {}

    /** Always +1: a constant decision to buy. */
    static final class Constant implements Signal {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public double score(Features f) {
            return 1;
        }
    }

    /** Passes commands to the real gateway and notes when the last submit returned. */
    static final class Probe implements ExchangeGateway {
        final ExchangeGateway inner;
        final Histogram roundTrips = new Histogram(3_600_000_000_000L, 3);
        long submitNs;
        long handedNs;
        OrderRequest last;

        Probe(ExchangeGateway inner) {
            this.inner = inner;
        }

        @Override
        public void setListener(ExecutionListener listener) {
            // the gateway reports each order's round trip (request written -> acknowledgement received)
            inner.setListener(new ExecutionListener() {
                @Override
                public void onOrderEvent(OrderEvent event) {
                    listener.onOrderEvent(event);
                }

                @Override
                public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
                    listener.onFunding(symbol, amount, rate, exchangeTimeNs);
                }

                @Override
                public void onLatency(long roundTripNs) {
                    roundTrips.recordValue(Math.max(0, roundTripNs));
                    listener.onLatency(roundTripNs);
                }

                @Override
                public void onVenuePosition(io.scalper.core.exec.VenuePosition position) {
                    listener.onVenuePosition(position);
                }

                @Override
                public void onVenueAlert(String symbol, String code, String detail) {
                    listener.onVenueAlert(symbol, code, detail);
                }
            });
        }

        // a wrapper must forward the interfaces' default methods too, or the engine behind it runs cut off from the
        // venue (the runtime's wrapper had that bug: TradingLoopTest checks it)
        @Override
        public boolean supportsAmend() {
            return inner.supportsAmend();
        }

        @Override
        public void requestVenueCheck(String symbol) {
            inner.requestVenueCheck(symbol);
        }

        @Override
        public boolean isReadyForEntries() {
            return inner.isReadyForEntries();
        }

        @Override
        public void submit(OrderRequest request) {
            submitNs = System.nanoTime();
            inner.submit(request);
            handedNs = System.nanoTime();
            last = request;
        }

        @Override
        public void amend(String id, long price, long qty, long trigger) {
            inner.amend(id, price, qty, trigger);
        }

        @Override
        public void cancel(String id) {
            inner.cancel(id);
        }

        @Override
        public void cancelAll(String symbol) {
            inner.cancelAll(symbol);
        }
    }

    /**
     * Without arguments: all three measurements, the first two against an emulator in this process. {@code frames N
     * [REST_URL WS_URL KEY SECRET]}: frame to order only, against the emulator at those URLs when given (a {@code
     * scalper sim} in another process). {@code stream SECONDS SPEED}: the public stream rate only, the market at
     * {@code SPEED} times real time. {@code N} alone: all three with N samples.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("frames")) {
            final int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
            final External external = args.length >= 6 ? new External(args[2], args[3], args[4], args[5]) : null;
            frameToOrder(samples, external);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("stream")) {
            final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
            final double speed = args.length > 2 ? Double.parseDouble(args[2]) : 2_000;
            publicStreamRate(seconds, speed);
            System.exit(0);
        }
        final int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        if (args.length > 1 && args[1].equals("stream")) {
            publicStreamRate(10, 2_000);
            System.exit(0);
        }
        frameToOrder(samples, null);
        orderRoundTrip(200);
        publicStreamRate(10, 2_000);
        System.exit(0);
    }

    /** An emulator running in another process ({@code scalper sim}). */
    record External(String restUrl, String wsUrl, String apiKey, String apiSecret) {}

    static void frameToOrder(int samples) throws Exception {
        frameToOrder(samples, null);
    }

    static void frameToOrder(int samples, External external) throws Exception {
        // frames: a generated market written as Bybit frames, books and trades of one symbol
        final GeneratedSource source = GeneratedSource.rich(5, 3_600_000_000_000L);
        final Instrument instrument = source.instrument();
        final List<String> frames = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final BybitFrameWriter writer = new BybitFrameWriter(instrument, 50, text);
        while (frames.size() < WARM_FRAMES + samples * 3 && source.next(writer)) {
            writer.flush();
            for (String line : text.toString().split("\n")) {
                if (!line.isBlank()) {
                    frames.add(line);
                }
            }
            text.setLength(0);
        }
        try (BybitEmulator emulator = external != null
                ? null
                : BybitEmulator.builder().restPort(0).wsPort(0).seed(5).build().start()) {
            final BybitEnvironment env = external != null
                    ? BybitEnvironment.custom(external.restUrl(), external.wsUrl())
                    : BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl());
            final BybitCredentials creds = external != null
                    ? new BybitCredentials(external.apiKey(), external.apiSecret())
                    : new BybitCredentials(emulator.apiKey(), emulator.apiSecret());
            final BybitRestClient rest =
                    BybitRestClient.builder(env).credentials(creds).build();
            final BybitGateway gateway =
                    new BybitGateway(env, creds, rest, s -> instrument, BybitWsConfig.defaults(), SystemClock.INSTANCE);
            gateway.start();
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (!gateway.isTradeStreamUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("trade stream did not come up");
                }
                gateway.poll();
                Thread.sleep(10);
            }
            final Probe probe = new Probe(gateway);
            final BybitMarketDecoder decoder = new BybitMarketDecoder(
                    BybitInstruments.fromTable(List.of(instrument), false),
                    1024,
                    ScalperConfig.defaults().tape());
            final MarketState market = decoder.register(instrument);
            final ManualClock clock = new ManualClock(0);
            // the generated market starts at a funding time: no funding-window gate here
            final ScalperConfig d = ScalperConfig.defaults();
            // and no edge gate, nor the order-latency gate (a loaded machine's round trips would refuse every entry):
            // the benchmark measures the path from frame to order, with a constant decision
            final ScalperConfig cfg = d.with("risk.fundingWindow", "0s")
                    .with("risk.maxLatency", "1h")
                    .withEdge(d.edge().withEnabled(false));
            final ScalperEngine engine = ScalperEngine.builder()
                    .config(cfg)
                    .instrument(instrument)
                    .market(market)
                    .clock(clock)
                    .gateway(probe)
                    .initialEquity(10_000)
                    .signal(new Constant(), 20)
                    .build();
            decoder.setListener(engine.marketListener());
            final Histogram h = new Histogram(3_600_000_000_000L, 3);
            final Histogram warm = new Histogram(3_600_000_000_000L, 3);
            // the same orders split: frame to the gateway's submit (decode, features, signals, sizing, routing), and
            // the submit itself (the order's JSON, the trade stream's bookkeeping, Java-WebSocket's send)
            final Histogram decide = new Histogram(3_600_000_000_000L, 3);
            final Histogram submit = new Histogram(3_600_000_000_000L, 3);
            // Warm-up: WARM_FRAMES frames as fast as they decode (most decisions are then refused as gateway_busy: the
            // gateway sends at most 8 creates a second, under Bybit's 10). Then one timed order per frame, each frame
            // waiting until the gateway may send again, so that every timed order really is written to the socket.
            long n = 0;
            int index = 0;
            for (String frame : frames) {
                final boolean timed = index++ >= WARM_FRAMES;
                if (timed) {
                    final long until = System.nanoTime() + 5_000_000_000L;
                    while (!gateway.isReadyForEntries() && System.nanoTime() < until) {
                        gateway.poll();
                        if (SPIN) {
                            Thread.onSpinWait();
                        } else {
                            Thread.sleep(1);
                        }
                    }
                } else {
                    gateway.poll();
                }
                final long ts = tsOf(frame);
                if (ts > clock.nowNs()) {
                    clock.setNs(ts);
                }
                probe.last = null;
                final long t0 = System.nanoTime();
                decoder.decode(frame, ts);
                if (probe.last != null) {
                    n++;
                    (timed ? h : warm).recordValue(probe.handedNs - t0);
                    if (timed) {
                        decide.recordValue(probe.submitNs - t0);
                        submit.recordValue(probe.handedNs - probe.submitNs);
                    }
                    // the entry is gone: the next decision may enter again
                    final OrderRequest r = probe.last;
                    engine.onOrderEvent(new OrderEvent.Accepted(r.clientOrderId(), "v" + n, ts, ts));
                    engine.onOrderEvent(new OrderEvent.Canceled(
                            r.clientOrderId(), "v" + n, io.scalper.core.exec.CancelReason.BY_CLIENT, ts, ts));
                    gateway.poll();
                }
                if (h.getTotalCount() >= samples) {
                    break;
                }
            }
            print(
                    "frame -> order handed to the trade stream ("
                            + (external != null ? "emulator in another process" : "emulator in this process")
                            + (SPIN ? ", spinning between orders" : ", sleeping between orders") + ")",
                    h);
            print("  of which frame -> the gateway's submit called", decide);
            print("  of which the gateway's submit (JSON, bookkeeping, WebSocket send)", submit);
            if (h.getTotalCount() == 0) {
                System.out.println("no entry: refusals " + engine.refusals().snapshot() + ", last decision "
                        + engine.lastDecision());
            }
            gateway.close();
        }
    }

    /**
     * Order round trips through the trade WebSocket, as the gateway measures them (request written → ack read):
     * post-only buys far below the market, each cancelled, one every 120 ms (the venue allows 10 creates a second).
     */
    static void orderRoundTrip(int samples) throws Exception {
        try (BybitEmulator emulator =
                BybitEmulator.builder().restPort(0).wsPort(0).seed(6).build().start()) {
            final BybitEnvironment env = BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl());
            final BybitCredentials creds = new BybitCredentials(emulator.apiKey(), emulator.apiSecret());
            final BybitRestClient rest =
                    BybitRestClient.builder(env).credentials(creds).build();
            final Instrument instrument = rest.instruments("BTCUSDT").get(0);
            final BybitGateway gateway =
                    new BybitGateway(env, creds, rest, s -> instrument, BybitWsConfig.defaults(), SystemClock.INSTANCE);
            final Histogram h = new Histogram(3_600_000_000_000L, 3);
            final int[] events = {0};
            gateway.setListener(new ExecutionListener() {
                @Override
                public void onOrderEvent(OrderEvent event) {
                    events[0]++;
                }

                @Override
                public void onLatency(long roundTripNs) {
                    h.recordValue(Math.max(0, roundTripNs));
                }
            });
            gateway.start();
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (!gateway.isTradeStreamUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("trade stream did not come up");
                }
                gateway.poll();
                Thread.sleep(10);
            }
            final long price = instrument.priceToTicks("50000.0");
            final long qty = instrument.qtyToLots("0.001");
            for (int i = 0; i < samples; i++) {
                final String id = "rt-" + i;
                final long before = h.getTotalCount();
                gateway.submit(OrderRequest.limit(
                        id,
                        "BTCUSDT",
                        io.scalper.core.model.Side.BUY,
                        price,
                        qty,
                        io.scalper.core.exec.TimeInForce.POST_ONLY,
                        false,
                        io.scalper.core.exec.OrderPurpose.ENTRY));
                final long until = System.nanoTime() + 2_000_000_000L;
                while (h.getTotalCount() == before && System.nanoTime() < until) {
                    gateway.poll();
                    Thread.onSpinWait();
                }
                gateway.cancel(id);
                final long next = System.nanoTime() + 120_000_000L;
                while (System.nanoTime() < next) {
                    gateway.poll();
                    Thread.sleep(1);
                }
            }
            print("order round trip over the trade WebSocket (request written -> ack read)", h);
            gateway.close();
        }
    }

    private static long tsOf(String frame) {
        final int i = frame.indexOf("\"ts\":");
        if (i < 0) {
            return 0;
        }
        int j = i + 5;
        long v = 0;
        while (j < frame.length() && Character.isDigit(frame.charAt(j))) {
            v = v * 10 + (frame.charAt(j++) - '0');
        }
        return v * 1_000_000L;
    }

    static void publicStreamRate(int seconds, double speed) throws Exception {
        try (BybitEmulator emulator = BybitEmulator.builder()
                .restPort(0)
                .wsPort(0)
                .seed(9)
                .speed(speed)
                .build()
                .start()) {
            final AtomicLong frames = new AtomicLong();
            final WebSocketClient client = new WebSocketClient(URI.create(emulator.wsUrl() + "/v5/public/linear")) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                    send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\",\"publicTrade.BTCUSDT\","
                            + "\"tickers.BTCUSDT\"]}");
                }

                @Override
                public void onMessage(String message) {
                    frames.incrementAndGet();
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {}

                @Override
                public void onError(Exception ex) {}
            };
            client.setTcpNoDelay(true);
            client.connectBlocking();
            Thread.sleep(2_000);
            final ThreadCosts costs = new ThreadCosts();
            final long before = frames.get();
            final long t0 = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            final long received = frames.get() - before;
            final long wall = System.nanoTime() - t0;
            final double rate = received * 1e9 / wall;
            System.out.printf(
                    Locale.ROOT,
                    "emulator public stream to one client: %,.0f frames/s (market at %,.0fx, %d s)%n",
                    rate,
                    speed,
                    seconds);
            costs.print(wall, received);
            client.closeBlocking();
        }
    }

    /**
     * CPU time and allocation of each live thread over a window, by thread: which thread bounds a rate (the one busy
     * all the time) and what each allocates per frame (the client's read thread is Java-WebSocket's own cost: the
     * raw client does nothing with a frame).
     */
    static final class ThreadCosts {
        private final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        private final java.util.Map<Long, long[]> start = new java.util.HashMap<>();

        ThreadCosts() {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                start.put(
                        t.getId(), new long[] {mx.getThreadCpuTime(t.getId()), mx.getThreadAllocatedBytes(t.getId())});
            }
        }

        void print(long wallNs, long frames) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                final long[] s = start.get(t.getId());
                if (s == null) {
                    continue;
                }
                final long cpu = mx.getThreadCpuTime(t.getId()) - s[0];
                final long bytes = mx.getThreadAllocatedBytes(t.getId()) - s[1];
                if (cpu * 50 < wallNs) {
                    continue; // under 2 % busy
                }
                System.out.printf(
                        Locale.ROOT,
                        "  thread %-34s busy %3.0f %%, allocates %,.0f B per frame%n",
                        t.getName(),
                        cpu * 100.0 / wallNs,
                        frames == 0 ? 0.0 : (double) bytes / frames);
            }
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf(
                Locale.ROOT,
                "%s: n=%d median %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                what,
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3,
                h.getMaxValue() / 1e3);
    }
}
