package io.scalper.bybit.live;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.gateway.BybitReconciliation;
import io.scalper.bybit.gateway.BybitSession;
import io.scalper.bybit.gateway.EngineAdoption;
import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitWalletBalance;
import io.scalper.bybit.ws.BybitPublicStream;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.market.MarketDataListeners;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.runtime.Venue;
import io.scalper.core.time.Clock;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bybit as a {@link Venue} of the core's {@link io.scalper.core.runtime.TradingLoop}: server time, instrument rules, fee
 * rate and leverage over REST; the public, private and trade streams through a {@link BybitSession}, whose gateway the
 * engine trades through behind the session's health gate (no entries while the book is out of sync or the private
 * stream is down); reconciliation at start — {@link ReconcilePolicy#ADOPT} takes over a position found there with its
 * resting legs ({@link EngineAdoption}), {@link ReconcilePolicy#FLATTEN} closes it — and the session's shutdown.
 *
 * <p>Paper mode: live market data, fills from a {@link SimulatedExchange} fed by the same stream (it sees every event
 * before the strategy, as in a backtest); no keys needed.
 */
public final class BybitVenue implements Venue {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTrader.class);

    private final BybitEnvironment environment;
    private final BybitCredentials credentials;
    private final String symbol;
    private final ScalperConfig config;
    private final boolean paper;
    private final int depth;
    private final String name;
    private final BybitWsConfig wsConfig;

    private BybitRestClient rest;
    private BybitSession session;
    private BybitPublicStream paperStream;
    private SimulatedExchange paperExchange;
    private BybitMarketDecoder decoder;
    private Instrument instrument;
    private MarketState market;
    private double startEquity;
    private BybitReconciliation reconciliation;
    private io.scalper.bybit.gateway.BybitOrderBudget orderBudget;

    /**
     * @param environment the Bybit endpoints
     * @param credentials API key and secret ({@code null} in paper mode)
     * @param symbol the linear contract traded
     * @param config the configuration (book depth, tape, the paper exchange's fees and latency, leverage)
     * @param paper live market data, simulated fills
     * @param depth order-book depth subscribed (1, 50, 200 or 1000)
     * @param name name shown for the venue ({@code null}: the environment's)
     * @param wsConfig WebSocket settings
     */
    public BybitVenue(
            BybitEnvironment environment,
            BybitCredentials credentials,
            String symbol,
            ScalperConfig config,
            boolean paper,
            int depth,
            String name,
            BybitWsConfig wsConfig) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.credentials = credentials;
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.config = Objects.requireNonNull(config, "config");
        this.paper = paper;
        this.depth = depth;
        this.name = name != null ? name : environment.name();
        this.wsConfig = Objects.requireNonNull(wsConfig, "wsConfig");
        if (!paper && credentials == null) {
            throw new IllegalStateException("bybit venue: credentials are required unless paper");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public boolean paper() {
        return paper;
    }

    @Override
    public void connect(Clock clock) throws IOException {
        final SystemClock wall = SystemClock.INSTANCE;
        final BybitRestClient.Builder rb = BybitRestClient.builder(environment);
        if (credentials != null) {
            rb.credentials(credentials);
        }
        rest = rb.build();
        rest.syncTime();
        final List<Instrument> found = rest.instruments(symbol);
        if (found.isEmpty()) {
            throw new IOException(
                    "instruments-info: " + symbol + " is not a trading linear contract on " + environment.name());
        }
        instrument = found.get(0);
        decoder = new BybitMarketDecoder(
                BybitInstruments.fromTable(List.of(instrument), false),
                config.book().maxDepth(),
                config.tape());
        market = decoder.register(instrument);
        if (paper) {
            final BacktestConfig bt = config.backtest();
            paperExchange = new SimulatedExchange(
                    SimulatedExchangeConfig.of(bt), market, clock, LatencyModel.of(bt, 1), QueueModel.of(bt));
            startEquity = bt.initialBalance();
            paperStream = BybitPublicStream.of(environment, decoder, List.of(symbol), depth, wsConfig, wall);
        } else {
            session = new BybitSession(
                    environment,
                    credentials,
                    rest,
                    new BybitSession.Config(symbol, depth, leverageText(), wsConfig),
                    wall,
                    decoder);
            if (orderBudget != null) {
                session.orderBudget(orderBudget);
            }
            session.start();
            startEquity = venueEquity();
        }
    }

    @Override
    public Instrument instrument() {
        return instrument;
    }

    @Override
    public MarketState market() {
        return market;
    }

    @Override
    public ExchangeGateway gateway() {
        return paper ? paperExchange : session.gateway();
    }

    @Override
    public double startEquity() {
        return startEquity;
    }

    @Override
    public double makerFeeRate() {
        return session != null && session.feeRate() != null
                ? session.feeRate().maker().doubleValue()
                : Double.NaN;
    }

    @Override
    public double takerFeeRate() {
        return session != null && session.feeRate() != null
                ? session.feeRate().taker().doubleValue()
                : Double.NaN;
    }

    @Override
    public ScalperEngine.EntryGate entryGate() {
        return paper ? (d, f, e) -> paperStream.isInSync() ? null : "book_out_of_sync" : session.healthGate();
    }

    @Override
    public String accountDetail() {
        return paper ? "" : ", leverage " + leverageText();
    }

    @Override
    public void attach(ScalperEngine engine, ReconcilePolicy policy, LongConsumer feedAge) throws IOException {
        if (paper) {
            // the paper exchange sees each event before the strategy, as the simulated exchange does in a backtest
            decoder.setListener(MarketDataListeners.fanOut(paperExchange, engine.marketListener()));
            paperStream.start();
            return;
        }
        decoder.setListener(engine.marketListener());
        session.onFeedAge(feedAge::accept);
        reconciliation = session.reconcile(policy);
        if (policy == ReconcilePolicy.ADOPT && !reconciliation.hadPosition()) {
            // flat: reduce-only legs left by a previous run (a bracket whose other leg filled while we were down) have
            // nothing to protect; cancel them so that no order works that the engine does not know
            for (BybitOrder o : reconciliation.keptOrders()) {
                try {
                    rest.cancelOrder(symbol, o.orderLinkId());
                    LOG.info("cancelled {} left by a previous run: the position is flat", o.orderLinkId());
                } catch (IOException e) {
                    LOG.warn("could not cancel {} left by a previous run: {}", o.orderLinkId(), e.getMessage());
                }
            }
        }
        if (policy == ReconcilePolicy.ADOPT && reconciliation.hadPosition()) {
            EngineAdoption.adopt(engine, session.gateway(), reconciliation, true);
            LOG.info(
                    "adopted a position of {} lots at {} found on {}",
                    reconciliation.positionLots(),
                    reconciliation.avgEntryPrice(),
                    environment.name());
        }
    }

    @Override
    public int poll(long nowNs) {
        if (paper) {
            final int n = paperStream.poll(BybitSession.DEFAULT_POLL_BATCH);
            paperExchange.advanceTo(nowNs);
            return n;
        }
        return session.poll();
    }

    @Override
    public boolean bookInSync() {
        return paper ? paperStream.isInSync() : session.isBookInSync();
    }

    @Override
    public boolean privateStreamUp() {
        return paper || session.isPrivateStreamUp();
    }

    @Override
    public long reconnects() {
        return paper
                ? paperStream.connection().reconnects()
                : session.publicStream().connection().reconnects()
                        + session.gateway().privateStream().connection().reconnects();
    }

    @Override
    public long messages() {
        return decoder == null ? 0 : decoder.messages();
    }

    @Override
    public long shutdown(boolean cancelStop, boolean flatten) throws IOException {
        return session == null ? 0 : session.shutdown(cancelStop, flatten);
    }

    @Override
    public double venueEquity() throws IOException {
        if (paper) {
            return Double.NaN;
        }
        final BybitWalletBalance w = rest.walletBalance();
        try {
            final double e = Double.parseDouble(w.totalEquity());
            if (e > 0) {
                return e;
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        throw new IOException("wallet-balance: no equity on the account (" + w.totalEquity() + ")");
    }

    /**
     * Counts this venue's order requests against {@code budget}, the account's, shared with the venues of the account's
     * other symbols (Bybit limits order requests per account, not per symbol). Before {@link #connect}.
     */
    public BybitVenue orderBudget(io.scalper.bybit.gateway.BybitOrderBudget budget) {
        this.orderBudget = Objects.requireNonNull(budget, "budget");
        return this;
    }

    @Override
    public void tap(io.scalper.core.session.MarketTap tap) {
        if (paperStream != null) {
            paperStream.tap(tap);
        } else if (session != null) {
            session.publicStream().tap(tap);
        }
    }

    @Override
    public long clockOffsetNs() {
        return rest == null ? 0 : rest.serverOffsetMs() * 1_000_000L;
    }

    /** What reconciliation found at start ({@code null} in paper mode, or before {@link #attach}). */
    public BybitReconciliation reconciliation() {
        return reconciliation;
    }

    /** The session ({@code null} in paper mode). */
    public BybitSession session() {
        return session;
    }

    public BybitRestClient rest() {
        return rest;
    }

    private String leverageText() {
        final double lev = config.risk().maxLeverage();
        return BigDecimal.valueOf(Math.max(1, Math.floor(lev)))
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        if (paperStream != null) {
            paperStream.close();
        }
    }
}
