package io.scalper.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.signal.FusionConfig;
import io.scalper.core.signal.Signal;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;

/**
 * An engine wired to a recording gateway, a manual clock and a scripted market, with a control signal whose score the
 * test sets (weighted so it dominates the fused score, adaptation off): scenario tests in the style of in/out scripts.
 */
final class EngineHarness {
    static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    static final long START_NS = 1_767_225_600_000_000_000L + 3_600_000_000_000L; // 01:00 UTC, far from funding

    /** The signal the test steers. */
    static final class Control implements Signal {
        double value;

        @Override
        public String name() {
            return "control";
        }

        @Override
        public double score(Features features) {
            return value;
        }
    }

    final ManualClock clock = new ManualClock(START_NS);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingGateway gateway;
    final Control control = new Control();
    final ScalperEngine engine;
    final MarketStateSink sink;
    private final BookUpdate update = new BookUpdate();
    private long updateId;
    long bid = 650_000;
    long ask = 650_001;
    long maxPositionSeen;
    long sizedLots;
    /** What the engine told its listener: reconciliations, alerts, trading-state changes, refusals. */
    final java.util.List<String> journal = new java.util.ArrayList<>();

    /**
     * The execution settings the mechanics tests assume: fixed-tick brackets (20-tick stop, 30-tick take-profit, a
     * trailing stop 10 ticks behind once 15 in favour), no volatility or cost terms, so distances are known in advance.
     */
    static ExecutionConfig fixedBrackets() {
        return io.scalper.core.testing.Records.with(
                ExecutionConfig.defaults(),
                "stopVolMultiple",
                0.0,
                "stopCostMultiple",
                0.0,
                "trailActivationRatio",
                0.0,
                "trailDistanceRatio",
                0.0);
    }

    EngineHarness() {
        this(fixedBrackets(), RiskConfig.defaults(), true);
    }

    EngineHarness(ExecutionConfig exec, RiskConfig risk, boolean amend) {
        this(exec, risk, amend, null);
    }

    EngineHarness(ScalperEngine.EntryGate gate) {
        this(fixedBrackets(), RiskConfig.defaults(), true, gate);
    }

    EngineHarness(ExecutionConfig exec, RiskConfig risk, boolean amend, ScalperEngine.EntryGate gate) {
        this(exec, risk, amend, gate, b -> {});
    }

    EngineHarness(
            ExecutionConfig exec,
            RiskConfig risk,
            boolean amend,
            ScalperEngine.EntryGate gate,
            java.util.function.Consumer<ScalperEngine.Builder> customizer) {
        this(exec, risk, ScalperConfig.defaults().edge().withEnabled(false), amend, gate, customizer);
    }

    /** With an edge section of the test's own (the other constructors turn the gate off). */
    EngineHarness(
            ExecutionConfig exec,
            RiskConfig risk,
            io.scalper.core.edge.EdgeConfig edge,
            boolean amend,
            ScalperEngine.EntryGate gate,
            java.util.function.Consumer<ScalperEngine.Builder> customizer) {
        final ScalperConfig d = ScalperConfig.defaults();
        final FusionConfig fusion = new FusionConfig(
                0.35,
                0.4,
                0.3,
                new FusionConfig.Adaptive(false, 2_000_000_000L, 250_000_000L, 0.02, 2, 0.5, 2, 20, 0.2));
        // the control signal steers entries; the edge gate (tested on its own) is off here
        final ScalperConfig config = new ScalperConfig(
                d.book(), d.tape(), d.features(), d.signals(), fusion, risk, exec, d.backtest(), edge);
        gateway = new RecordingGateway(clock, true);
        if (!amend) {
            gateway.withoutAmend();
        }
        final ScalperEngine.Builder builder = ScalperEngine.builder()
                .config(config)
                .instrument(BTC)
                .clock(clock)
                .scheduler(scheduler)
                .gateway(gateway)
                .initialEquity(10_000)
                .signal(control, 1000)
                .listener(new EngineListener() {
                    @Override
                    public void onReconciled(
                            String symbol, long engineLots, long venueLots, long avg, String action, String cause) {
                        journal.add("reconciled " + engineLots + " -> " + venueLots + " " + action + " " + cause);
                    }

                    @Override
                    public void onAlert(String code, String detail) {
                        journal.add("alert " + code);
                    }

                    @Override
                    public void onTradingState(String state, String reason) {
                        journal.add("state " + state + " " + reason);
                    }

                    @Override
                    public void onRefusal(String reason, io.scalper.core.signal.Decision decision) {
                        journal.add("refused " + reason);
                    }
                });
        if (gate != null) {
            builder.gate(gate);
        }
        customizer.accept(builder);
        engine = builder.build();
        sink = new MarketStateSink(engine.market(), engine.marketListener());
        book(bid, ask);
    }

    /** Moves time forward (timers run). */
    EngineHarness advanceMs(long ms) {
        scheduler.advanceTo(clock.nowNs() + ms * 1_000_000L);
        return this;
    }

    /** Publishes a fresh snapshot with the touch at {@code bidTicks}/{@code askTicks}, 20 levels of 1 BTC a side. */
    EngineHarness book(long bidTicks, long askTicks) {
        bid = bidTicks;
        ask = askTicks;
        update.clear()
                .snapshot(true)
                .updateId(++updateId)
                .exchangeTimeNs(clock.nowNs())
                .localTimeNs(clock.nowNs());
        for (int i = 0; i < 20; i++) {
            update.addBid(bidTicks - i, 1000);
            update.addAsk(askTicks + i, 1000);
        }
        sink.onBook(update);
        check();
        return this;
    }

    /** Publishes a ticker with the next funding time. */
    EngineHarness nextFunding(long epochMs) {
        final io.scalper.core.market.TickerState t = new io.scalper.core.market.TickerState();
        t.nextFundingTimeMs(epochMs);
        sink.onTicker(t);
        return this;
    }

    /** Sets the control score and publishes the book again so the engine decides. */
    EngineHarness signal(double score) {
        control.value = score;
        return book(bid, ask);
    }

    OrderRequest last(OrderPurpose purpose) {
        return gateway.lastSubmitted(purpose);
    }

    Order order(OrderRequest r) {
        return engine.orders().get(r.clientOrderId());
    }

    void fill(OrderRequest r, long priceTicks, long lots, Liquidity liquidity) {
        final double fee = BTC.notional(priceTicks, lots) * (liquidity == Liquidity.MAKER ? 0.0002 : 0.00055);
        gateway.fill(r.clientOrderId(), priceTicks, lots, fee, liquidity);
        check();
    }

    /** Invariants after every step. */
    void check() {
        final long qty = Math.abs(engine.position().qtyLots());
        maxPositionSeen = Math.max(maxPositionSeen, qty);
        assertThat(engine.isProtected())
                .as("position %s has a working stop or exit", engine.position())
                .isTrue();
        assertThat(engine.invariantViolations()).isZero();
        assertThat(engine.orders().unknownOrders()).isZero();
        for (Order o : engine.orders().all()) {
            assertThat(gateway.request(o.clientOrderId()))
                    .as("every order the engine knows was sent through the gateway")
                    .isNotNull();
        }
        for (RecordingGateway.Command c : gateway.commands()) {
            if (!c.kind().equals("cancelAll") && !c.kind().equals("venueCheck")) {
                assertThat(engine.orders().get(c.clientOrderId()))
                        .as("every command is for an order the engine accounts for")
                        .isNotNull();
            }
        }
    }
}
