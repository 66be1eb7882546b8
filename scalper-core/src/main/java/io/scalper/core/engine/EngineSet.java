package io.scalper.core.engine;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.PerformanceTracker;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.time.Scheduler;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The engines of one account — one per symbol, on one clock and scheduler — with what records them: the one assembly
 * the live runtime ({@link io.scalper.core.runtime.TradingLoop}) and the backtest runner share, so that neither builds
 * engines, recorders, the account's risk or its statistics on its own. What differs between them is only what drives
 * time (the wall clock and a venue's events, or simulated time over recorded streams) and what an engine trades
 * against (a venue's gateway, or a simulated exchange).
 *
 * <p>Each engine gets the configuration, the clock and scheduler, its gateway, the account's equity as its initial
 * equity and an {@link EngineRecorder} (journals in the one directory, their {@code symbol} column telling symbols
 * apart; statistics per symbol). With more than one symbol the engines share a {@link Portfolio} (the account's daily
 * loss, drawdown tiers, kill switch and notional caps) and an account tracker (every symbol's trades, the account's
 * equity); {@link #stats} then gives the account's totals with each symbol's statistics beside them.
 *
 * <p>Not thread-safe: the engines' one thread.
 */
public final class EngineSet implements Closeable {
    private final ScalperConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final double startEquity;
    private final long statsStartNs;
    private final long decisionIntervalNs;
    private final Path journals;
    private final int symbols;
    private final Portfolio portfolio;
    private final PerformanceTracker account;
    private final List<ScalperEngine> engines = new ArrayList<>();
    private final List<EngineRecorder> recorders = new ArrayList<>();

    /**
     * @param config the configuration every engine trades with
     * @param clock the engines' clock
     * @param scheduler the engines' timers
     * @param startEquity the account's equity at the start (each engine's initial equity)
     * @param statsStartNs start of the measured period (statistics and equity curves)
     * @param decisionIntervalNs least time between two journaled decisions of the same direction
     * @param journals where the CSV journals go, or {@code null} for none
     * @param symbols how many symbols (engines) the account will trade, &ge; 1
     */
    public EngineSet(
            ScalperConfig config,
            Clock clock,
            Scheduler scheduler,
            double startEquity,
            long statsStartNs,
            long decisionIntervalNs,
            Path journals,
            int symbols) {
        if (symbols < 1) {
            throw new IllegalArgumentException("symbols: at least one, got " + symbols);
        }
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = scheduler;
        this.startEquity = startEquity;
        this.statsStartNs = statsStartNs;
        this.decisionIntervalNs = decisionIntervalNs;
        this.journals = journals;
        this.symbols = symbols;
        this.portfolio = symbols > 1 ? new Portfolio(startEquity, config.risk()) : null;
        this.account = symbols > 1 ? new PerformanceTracker(startEquity, statsStartNs) : null;
    }

    /**
     * Builds the engine of one more symbol: trading {@code instrument} through {@code gateway}, recorded, in the
     * account; {@code customize} adds what the caller brings (the venue's market, fee rates and entry gate, what was
     * learned, client order ids, custom signals and gates) before it is built.
     *
     * @throws IllegalStateException when every symbol announced has its engine already
     */
    public ScalperEngine add(
            Instrument instrument, ExchangeGateway gateway, Consumer<ScalperEngine.Builder> customize) {
        if (engines.size() == symbols) {
            throw new IllegalStateException("engine set: " + symbols + " symbols announced, all built");
        }
        final EngineRecorder recorder = new EngineRecorder(journals, startEquity, statsStartNs, decisionIntervalNs);
        if (account != null) {
            recorder.alsoInto(account);
        }
        final ScalperEngine.Builder b = ScalperEngine.builder()
                .config(config)
                .instrument(instrument)
                .clock(clock)
                .scheduler(scheduler)
                .gateway(gateway)
                .initialEquity(startEquity)
                .listener(recorder);
        if (portfolio != null) {
            b.portfolio(portfolio);
        }
        if (customize != null) {
            customize.accept(b);
        }
        recorders.add(recorder);
        final ScalperEngine engine = b.build();
        engines.add(engine);
        recorder.attach(engine);
        return engine;
    }

    /** The engines, in the order they were added. */
    public List<ScalperEngine> engines() {
        return Collections.unmodifiableList(engines);
    }

    /** The recorder of the i-th engine. */
    public EngineRecorder recorder(int i) {
        return recorders.get(i);
    }

    /** The account shared by the engines, or {@code null} with one symbol. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** The account's equity now: the portfolio's, or the one engine's. */
    public double equity() {
        return portfolio != null ? portfolio.equity() : engines.get(0).equity();
    }

    /** The account's equity curve so far (live view): the account tracker's, or the one engine's. */
    public io.scalper.core.metrics.EquityCurve equityCurve() {
        return account != null
                ? account.equityCurve()
                : recorders.get(0).tracker().equityCurve();
    }

    /** Samples every engine's equity, and the account's, at {@code nowNs}. */
    public void sampleEquity(long nowNs) {
        for (int i = 0; i < engines.size(); i++) {
            recorders.get(i).tracker().onEquitySample(nowNs, engines.get(i).equity());
        }
        if (account != null) {
            account.onEquitySample(nowNs, portfolio.equity());
        }
    }

    /** The statistics of the i-th engine at {@code nowNs}, with {@code extras}. */
    public PerformanceStats stats(int i, long nowNs, Map<String, Number> extras) {
        return recorders.get(i).stats(nowNs).withExtras(extras);
    }

    /**
     * The run's statistics at {@code nowNs}: with one symbol its statistics with {@code bySymbolExtras}' one entry and
     * {@code accountExtras}; with several the account's totals with {@code accountExtras} (and {@code
     * accountCappedEntries}) and each symbol's statistics, with its extras, in {@link PerformanceStats#symbols()}.
     *
     * @param bySymbolExtras each engine's extras, in the order the engines were added
     */
    public PerformanceStats stats(
            long nowNs, List<Map<String, Number>> bySymbolExtras, Map<String, Number> accountExtras) {
        final Map<String, PerformanceStats> bySymbol = new LinkedHashMap<>();
        for (int i = 0; i < engines.size(); i++) {
            // each recorder's stats also hands its refusals so far to the account
            bySymbol.put(engines.get(i).instrument().symbol(), stats(i, nowNs, bySymbolExtras.get(i)));
        }
        if (account == null) {
            return bySymbol.values().iterator().next().withExtras(accountExtras);
        }
        final Map<String, Number> extras = new LinkedHashMap<>(accountExtras);
        extras.put("accountCappedEntries", portfolio.cappedEntries());
        return account.stats(nowNs).withExtras(extras).withSymbols(bySymbol);
    }

    /** Closes the journals. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (EngineRecorder r : recorders) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
