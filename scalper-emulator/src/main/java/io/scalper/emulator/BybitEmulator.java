package io.scalper.emulator;

import io.scalper.bybit.data.MarketSources;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.model.Instrument;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A local Bybit v5 exchange on loopback: REST ({@code /v5/market/*}, {@code /v5/order/*}, {@code /v5/position/*},
 * {@code /v5/account/*}, ...) on one port and the WebSockets {@code /v5/public/linear}, {@code /v5/private} and
 * {@code /v5/trade} on another, speaking Bybit's field names, types, envelopes, signatures and error codes. Orders are
 * matched by the core {@code SimulatedExchange} against a market from the synthetic generator (default) or a recorded
 * file, paced in real time times a speed factor.
 *
 * <p>As on Bybit: the reply to a command (REST or trade WebSocket) is written before the private pushes the command
 * caused; orders keep matching whether or not a private session is connected (pushes made while none is are lost, and
 * a new session gets no replay: read REST); every signed endpoint has a per-UID budget over a rolling second (order
 * create, amend, cancel, cancel-all: 10/s each, REST and trade WebSocket sharing one budget), refused with 10006
 * {@code "Too many visits!"} and reported in {@code X-Bapi-Limit*} (REST headers, trade-ack {@code header}).
 *
 * <p>For tests, {@link #position}, {@link #openOrders} and {@link #orderTraffic} show what the venue holds and what
 * reached it, independent of any client.
 *
 * <p>Threading: one exchange thread owns the markets and accounts; HTTP and WebSocket threads hand it their requests.
 * {@link #faults()} and the observation methods are thread-safe. {@link #close()} stops everything.
 *
 * <pre>{@code
 * try (BybitEmulator emu = BybitEmulator.builder().apiKey("k", "s").build().start()) {
 *     BybitEnvironment env = BybitEnvironment.custom(emu.restUrl(), emu.wsUrl());
 * }
 * }</pre>
 */
public final class BybitEmulator implements AutoCloseable {
    /** Generated market length; the market freezes after it. */
    public static final long DEFAULT_GENERATED_DURATION_NS = 24L * 3_600_000_000_000L;

    private final Builder cfg;
    private final EmulatorFaults faults = new EmulatorFaults();
    private final RateLimits limits = new RateLimits();
    private final Map<String, String> credentials;
    private ExchangeLoop loop;
    private RestServer rest;
    private WsServer ws;
    private ScheduledExecutorService scheduler;
    private Thread loopThread;
    private final List<MarketSource> sources = new ArrayList<>();

    private BybitEmulator(Builder b) {
        this.cfg = b;
        this.credentials = new LinkedHashMap<>(b.credentials);
        if (credentials.isEmpty()) {
            final SecureRandom r = new SecureRandom();
            final byte[] k = new byte[9];
            final byte[] s = new byte[18];
            r.nextBytes(k);
            r.nextBytes(s);
            credentials.put("emu" + HexFormat.of().formatHex(k), HexFormat.of().formatHex(s));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the servers and the market; returns this. */
    public synchronized BybitEmulator start() throws IOException {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        final List<Market> markets = new ArrayList<>();
        int i = 0;
        for (String symbol : cfg.symbols) {
            final MarketSource source = openSource(symbol, i++);
            sources.add(source);
            final Market market = new Market(source, cfg.speed, faults);
            market.wallClockMarket(cfg.dataFile == null);
            markets.add(market);
        }
        loop = new ExchangeLoop(markets);
        final SimulatedExchangeConfig ec =
                new SimulatedExchangeConfig(cfg.makerFeeRate, cfg.takerFeeRate, cfg.initialBalance, cfg.leverage);
        long uid = 100_000_001L;
        for (Map.Entry<String, String> e : credentials.entrySet()) {
            loop.addAccount(new Account(e.getKey(), e.getValue(), uid++, ec, markets, faults));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "bybit-emulator-push");
            t.setDaemon(true);
            return t;
        });
        rest = new RestServer(loop, faults, limits, cfg.latencyMs);
        rest.start(cfg.restPort);
        ws = new WsServer(cfg.wsPort, loop, faults, limits, scheduler, cfg.latencyMs);
        ws.start();
        try {
            ws.awaitStarted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        loopThread = new Thread(loop, "bybit-emulator-exchange");
        loopThread.setDaemon(true);
        loopThread.start();
        faults.bind(ws::drop, scheduler, cfg.seed);
        if (cfg.faultSpec != null && !cfg.faultSpec.isBlank()) {
            faults.apply(cfg.faultSpec);
        }
        return this;
    }

    private MarketSource openSource(String symbol, int index) throws IOException {
        if (cfg.dataFile != null) {
            return MarketSources.open(cfg.dataFile, symbol);
        }
        final Instrument inst = BybitInstruments.builtIn().get(symbol);
        if (inst == null) {
            throw new IllegalArgumentException("symbols: unknown symbol " + symbol + " (known: "
                    + BybitInstruments.builtIn().keySet() + ")");
        }
        final long startNs = System.currentTimeMillis() * 1_000_000L;
        GeneratorConfig gc = cfg.markets
                .getOrDefault(symbol, cfg.market)
                .withSeed(cfg.seed + index)
                .withStartTimeNs(startNs);
        if (!inst.symbol().equals(gc.instrument().symbol())) {
            final String price =
                    inst.symbol().startsWith("ETH") ? "3000" : inst.symbol().startsWith("BTC") ? "65000" : "1";
            gc = gc.withInstrument(inst, inst.parsePrice(price));
        }
        final long duration = cfg.durationNs;
        return new GeneratedSource(gc, Scenarios.mix(cfg.mix, duration, cfg.seed + index), duration);
    }

    /** REST base URL, e.g. {@code http://127.0.0.1:PORT}. */
    public String restUrl() {
        return "http://127.0.0.1:" + rest.port();
    }

    /** WebSocket base URL; the paths {@code /v5/public/linear}, {@code /v5/private}, {@code /v5/trade} hang off it. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + ws.getPort();
    }

    /** API key/secret pairs the emulator accepts (generated when none were configured). */
    public Map<String, String> credentials() {
        return Map.copyOf(credentials);
    }

    /** The first API key. */
    public String apiKey() {
        return credentials.keySet().iterator().next();
    }

    /** The first API key's secret. */
    public String apiSecret() {
        return credentials.values().iterator().next();
    }

    /** Fault injection and its counters. */
    public EmulatorFaults faults() {
        return faults;
    }

    /** Open WebSocket connections of a channel. */
    public int connections(EmulatorFaults.Channel channel) {
        return ws.sessionCount(channel);
    }

    /**
     * The emulator's own book of {@code symbol}, top {@code levels} per side, as {@code [[price, size]...]} text pairs
     * (bids then asks), read on the exchange thread. For tests that compare a client's rebuilt book.
     */
    public List<List<String[]>> book(String symbol, int levels) {
        return loop.call(() -> {
                    final Market m = Objects.requireNonNull(loop.markets.get(symbol), symbol);
                    final List<List<String[]>> out = new ArrayList<>();
                    for (io.scalper.core.model.Side side : new io.scalper.core.model.Side[] {
                        io.scalper.core.model.Side.BUY, io.scalper.core.model.Side.SELL
                    }) {
                        final List<String[]> rows = new ArrayList<>();
                        final var b = m.state.book();
                        for (int i = 0, n = Math.min(levels, b.depth(side)); i < n; i++) {
                            rows.add(new String[] {
                                m.instrument.formatPrice(b.priceAt(side, i)), m.instrument.formatQty(b.sizeAt(side, i))
                            });
                        }
                        out.add(rows);
                    }
                    return out;
                })
                .join();
    }

    /** The update id last published on {@code orderbook.{depth}.{symbol}}. */
    public long bookUpdateId(String symbol, int depth) {
        return loop.call(() -> loop.markets.get(symbol).books.get(depth).u).join();
    }

    /** The position of {@code apiKey} in {@code symbol} as the matching engine holds it, signed lots. */
    public long positionLots(String apiKey, String symbol) {
        return position(apiKey, symbol).sizeLots();
    }

    // ------------------------------------------------------------------ observation (for tests)

    /**
     * The position of {@code apiKey} in {@code symbol} as the venue holds it (what {@code /v5/position/list} shows), read
     * on the exchange thread. Thread-safe.
     *
     * @throws IllegalArgumentException when the key or the symbol is not served
     */
    public VenuePosition position(String apiKey, String symbol) {
        final Account a = account(apiKey);
        requireSymbol(symbol);
        return loop.call(() -> a.positionView(symbol)).join();
    }

    /**
     * The open orders of {@code apiKey} on {@code symbol} — {@code New}, {@code PartiallyFilled} and
     * {@code Untriggered} (conditional orders waiting for their trigger) — oldest first, read on the exchange thread.
     * Thread-safe.
     *
     * @throws IllegalArgumentException when the key or the symbol is not served
     */
    public List<OpenOrder> openOrders(String apiKey, String symbol) {
        final Account a = account(apiKey);
        requireSymbol(symbol);
        return List.copyOf(loop.call(() -> a.openOrderViews(symbol)).join());
    }

    /**
     * The order-entry traffic of {@code apiKey} so far: every create, amend, cancel and cancel-all request — REST requests
     * naming the key in {@code X-BAPI-API-KEY}, trade-WebSocket {@code order.create/amend/cancel} on a session
     * authenticated as it — counted when received (before signature, rate-limit and fault checks), and the refusals
     * (non-zero retCodes) by retCode. Thread-safe; the returned record is an immutable snapshot.
     *
     * @throws IllegalArgumentException when the key is not served
     */
    public OrderTraffic orderTraffic(String apiKey) {
        return account(apiKey).traffic.snapshot();
    }

    private Account account(String apiKey) {
        final ExchangeLoop l = loop;
        if (l == null) {
            throw new IllegalStateException("emulator not started");
        }
        final Account a = l.accounts.get(apiKey);
        if (a == null) {
            throw new IllegalArgumentException("apiKey: not an account of this emulator");
        }
        return a;
    }

    private void requireSymbol(String symbol) {
        if (!loop.markets.containsKey(symbol)) {
            throw new IllegalArgumentException(
                    "symbol: not served: " + symbol + " (served: " + loop.markets.keySet() + ")");
        }
    }

    /**
     * A position as the venue holds it.
     *
     * @param sizeLots signed size in lots (positive long, negative short, 0 flat)
     * @param avgPriceTicks average entry price in ticks (fractional), 0 when flat; Bybit's {@code avgPrice}
     * @param netRealizedPnl realised PnL net of fees and funding so far, USDT
     */
    public record VenuePosition(long sizeLots, double avgPriceTicks, double netRealizedPnl) {}

    /**
     * An open order as the venue holds it.
     *
     * @param orderLinkId the client's id ({@code ""} when none was given)
     * @param orderId the venue's id
     * @param side buy or sell
     * @param orderType Bybit's {@code orderType}: {@code Limit} or {@code Market} (a stop-market is {@code Market})
     * @param status Bybit's {@code orderStatus}: {@code New}, {@code PartiallyFilled} or {@code Untriggered}
     * @param qtyLots the order quantity, lots
     * @param leavesLots the quantity not yet filled, lots
     * @param priceTicks the limit price, or {@link #NONE} for a market order
     * @param triggerPriceTicks the trigger price of a conditional order, or {@link #NONE}
     * @param triggerDirection 1 triggers on a rise, 2 on a fall, 0 for a plain order
     * @param reduceOnly whether it may only reduce the position
     * @param closeOnTrigger Bybit's {@code closeOnTrigger}
     */
    public record OpenOrder(
            String orderLinkId,
            String orderId,
            io.scalper.core.model.Side side,
            String orderType,
            String status,
            long qtyLots,
            long leavesLots,
            long priceTicks,
            long triggerPriceTicks,
            int triggerDirection,
            boolean reduceOnly,
            boolean closeOnTrigger) {
        /** The price of a field that has none. */
        public static final long NONE = Long.MIN_VALUE;

        /** Whether it is a conditional (stop) order. */
        public boolean isConditional() {
            return triggerPriceTicks != NONE;
        }
    }

    /**
     * An account's order-entry traffic: create, amend, cancel and cancel-all requests over REST and the trade
     * WebSocket.
     *
     * @param requests requests received in total
     * @param maxPerSecond the most requests received within any rolling 1-second window
     * @param refusals requests answered with a non-zero retCode, by retCode (including the injected ones)
     * @param injectedRefusals the part of {@code refusals} made by fault injection ({@code storm}: 10006,
     *     {@code reject:N:CODE}: CODE), by retCode
     */
    public record OrderTraffic(
            long requests, int maxPerSecond, Map<Integer, Long> refusals, Map<Integer, Long> injectedRefusals) {
        public OrderTraffic {
            refusals = Map.copyOf(refusals);
            injectedRefusals = Map.copyOf(injectedRefusals);
        }

        /** Requests refused with {@code retCode}. */
        public long refused(int retCode) {
            return refusals.getOrDefault(retCode, 0L);
        }

        /** Requests refused with 10006 by the rate limit itself (not by a storm). */
        public long rateLimited() {
            return refused(10006) - injectedRefusals.getOrDefault(10006, 0L);
        }
    }

    /** Market messages applied so far (all symbols). */
    public long marketMessages() {
        return loop.call(() -> {
                    long n = 0;
                    for (Market m : loop.markets.values()) {
                        n += m.messages();
                    }
                    return n;
                })
                .join();
    }

    @Override
    public synchronized void close() {
        if (loop == null) {
            return;
        }
        try {
            ws.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rest.stop();
        loop.stop();
        scheduler.shutdownNow();
        for (MarketSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Settings of an emulator; {@code DEFAULT_*} beside each. */
    public static final class Builder {
        public static final double DEFAULT_SPEED = 1.0;
        public static final long DEFAULT_SEED = 1L;

        private int restPort;
        private int wsPort;
        private long seed = DEFAULT_SEED;
        private Path dataFile;
        private double speed = DEFAULT_SPEED;
        private final List<String> symbols = new ArrayList<>(List.of("BTCUSDT"));
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private double makerFeeRate = SimulatedExchangeConfig.defaults().makerFeeRate();
        private double takerFeeRate = SimulatedExchangeConfig.defaults().takerFeeRate();
        private double initialBalance = SimulatedExchangeConfig.defaults().initialBalance();
        private double leverage = SimulatedExchangeConfig.defaults().leverage();
        private long latencyMs;
        private String faultSpec;
        private long durationNs = DEFAULT_GENERATED_DURATION_NS;
        private GeneratorConfig market = GeneratorConfig.defaults();
        private final Map<String, GeneratorConfig> markets = new java.util.HashMap<>();
        private String mix = "rich";

        private Builder() {}

        /**
         * The generated market of one symbol, instead of {@link #market(GeneratorConfig)}'s (e.g. each symbol its own
         * calibrated profile); its seed and start time are the emulator's.
         */
        public Builder market(String symbol, GeneratorConfig market) {
            this.markets.put(
                    java.util.Objects.requireNonNull(symbol, "symbol"),
                    java.util.Objects.requireNonNull(market, "market"));
            return this;
        }

        /**
         * The generated market's model (default {@link GeneratorConfig#defaults()}, the legacy market): e.g. {@code
         * GeneratorConfig.btcusdt().withPredictability(1).withPatternMoveBps(40)}. Its seed and start time are the
         * emulator's ({@link #seed}, now); a symbol other than the config's gets its built-in instrument.
         */
        public Builder market(GeneratorConfig market) {
            this.market = java.util.Objects.requireNonNull(market, "market");
            return this;
        }

        /** The patterns the generated market plays: a {@link Scenarios#mix} name, rich (default) or sweeps. */
        public Builder mix(String name) {
            Scenarios.mix(name, 0, DEFAULT_SEED); // validates the name
            this.mix = name;
            return this;
        }

        /** REST port; 0 (default) picks a free one. */
        public Builder restPort(int port) {
            this.restPort = checkPort(port);
            return this;
        }

        /** WebSocket port; 0 (default) picks a free one. */
        public Builder wsPort(int port) {
            this.wsPort = checkPort(port);
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
            }
            return port;
        }

        /** Seed of the generated market (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Replay a recorded file (any format {@code MarketSources} opens) instead of generating. */
        public Builder dataFile(Path file) {
            this.dataFile = file;
            return this;
        }

        /** Market time per wall-clock time, &gt; 0 (default 1: real time). */
        public Builder speed(double speed) {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be > 0, got " + speed);
            }
            this.speed = speed;
            return this;
        }

        /** Symbols served (default BTCUSDT); each needs a built-in instrument or a recording. */
        public Builder symbols(List<String> symbols) {
            if (symbols == null || symbols.isEmpty()) {
                throw new IllegalArgumentException("symbols: at least one symbol is required");
            }
            this.symbols.clear();
            this.symbols.addAll(symbols);
            return this;
        }

        /** Adds an API key/secret pair (without any, one pair is generated). */
        public Builder apiKey(String key, String secret) {
            if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("api key and secret must not be blank");
            }
            credentials.put(key, secret);
            return this;
        }

        public Builder fees(double makerFeeRate, double takerFeeRate) {
            this.makerFeeRate = makerFeeRate;
            this.takerFeeRate = takerFeeRate;
            return this;
        }

        /** Wallet balance of each account, USDT (default 10 000). */
        public Builder initialBalance(double usdt) {
            this.initialBalance = usdt;
            return this;
        }

        /** Leverage of the margin check (default 10). */
        public Builder leverage(double leverage) {
            this.leverage = leverage;
            return this;
        }

        /** Extra delay of every REST reply and every push, ms (default 0). */
        public Builder latencyMs(long latencyMs) {
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
            }
            this.latencyMs = latencyMs;
            return this;
        }

        /** Faults to apply at start (syntax in {@link EmulatorFaults}). */
        public Builder faults(String spec) {
            EmulatorFaults.validate(spec);
            this.faultSpec = spec;
            return this;
        }

        /** Length of the generated market (default 24 h of market time). */
        public Builder generatedDurationNs(long durationNs) {
            if (durationNs <= 0) {
                throw new IllegalArgumentException("generatedDurationNs must be > 0");
            }
            this.durationNs = durationNs;
            return this;
        }

        public BybitEmulator build() {
            new SimulatedExchangeConfig(makerFeeRate, takerFeeRate, initialBalance, leverage); // validates
            return new BybitEmulator(this);
        }
    }
}
