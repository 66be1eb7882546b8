package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.EngineRecorder;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Side;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user embedding the library writes: a strategy assembled from the engine builder with a gate of their own,
 * driven by a generated market and a recording gateway in a JUnit test. The gateway acknowledges at once; a few lines
 * below play exchange for fills (resting orders fill when the market trades through them) — a stand-in good enough to
 * exercise the engine, not a backtest.
 */
class EmbeddedEngineExampleTest {
    @TempDir
    Path journals;

    @Test
    void strategyShouldTradeWithBracketsAndRespectItsOwnGate() throws Exception {
        final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(21);
        final ManualClock clock = new ManualClock(gen.startTimeNs() + 3_600_000_000_000L);
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final RecordingGateway gateway = new RecordingGateway(clock, true);
        final EngineRecorder recorder = new EngineRecorder(journals, 10_000, clock.nowNs(), 1_000_000_000L);
        final long[] quietUntil = {0};
        final ScalperEngine engine = ScalperEngine.builder()
                // the wiring is the point here: entries on the signals alone, without the expected-edge gate (it would
                // refuse them on a generated market whose edge does not pay the fees) and with fixed-tick brackets
                .config(ScalperConfig.defaults()
                        .with("edge.enabled", "false")
                        .with("execution.stopVolMultiple", "0")
                        .with("execution.stopCostMultiple", "0"))
                .instrument(gen.instrument())
                .clock(clock)
                .scheduler(scheduler)
                .gateway(gateway)
                .initialEquity(10_000)
                .listener(recorder)
                // my own rule: no new entry in the first 2 minutes of the session
                .gate((decision, features, e) -> decision.timeNs() < quietUntil[0] ? "warming_up" : null)
                .build();
        recorder.attach(engine);

        final MarketState market = engine.market();
        final MarketDataListener fills = new MarketDataListener() {
            @Override
            public void onBook(MarketState m, int result) {
                engine.marketListener().onBook(m, result);
                fillThrough(engine, gateway, m);
            }

            @Override
            public void onTrades(MarketState m, int count) {
                engine.marketListener().onTrades(m, count);
            }
        };
        final MarketStateSink sink = new MarketStateSink(market, fills);
        final SyntheticMarket generator =
                new SyntheticMarket(gen.withStartTimeNs(clock.nowNs()), Scenarios.rich(1_800_000_000_000L, 21));
        quietUntil[0] = clock.nowNs() + 120_000_000_000L;
        // the engine's clock follows the market's event time, as a backtest runner would drive it
        generator.run(1_800_000_000_000L, new io.scalper.core.market.MarketEventSink() {
            @Override
            public void onBook(io.scalper.core.book.BookUpdate u) {
                scheduler.advanceTo(Math.max(clock.nowNs(), u.exchangeTimeNs()));
                sink.onBook(u);
            }

            @Override
            public void onTrade(long t, long p, long s, Side a) {
                sink.onTrade(t, p, s, a);
            }

            @Override
            public void onTicker(io.scalper.core.market.TickerState ticker) {
                sink.onTicker(ticker);
            }
        });

        final PerformanceStats stats = recorder.stats(clock.nowNs());
        recorder.close();
        assertThat(engine.entriesPlaced()).isPositive();
        assertThat(engine.roundTrips()).isNotEmpty();
        assertThat(engine.invariantViolations())
                .as("never a position without a stop")
                .isZero();
        assertThat(engine.customRefusals()).containsKey("warming_up");
        for (OrderRequest entry : entries(gateway)) {
            assertThat(entry.qtyLots()).isLessThanOrEqualTo(1538); // what 10x leverage allows at ~65,000
        }
        assertThat(stats.trades()).isEqualTo(engine.roundTrips().size());
        assertThat(stats.toJson()).contains("\"warming_up\"");
        assertThat(Files.readAllLines(journals.resolve("trades.csv")))
                .hasSize(engine.roundTrips().size() + 1);
        assertThat(Files.readAllLines(journals.resolve("orders.csv")).size()).isGreaterThan(10);
        final String decisions = Files.readString(journals.resolve("decisions.csv"));
        assertThat(decisions).contains(",warming_up,").contains(",entry,");
    }

    private static java.util.List<OrderRequest> entries(RecordingGateway gateway) {
        final java.util.List<OrderRequest> out = new ArrayList<>();
        for (RecordingGateway.Command c : gateway.commands("submit")) {
            if (c.request().purpose() == OrderPurpose.ENTRY) {
                out.add(c.request());
            }
        }
        return out;
    }

    /** Plays exchange: working orders the book has traded through fill at their price (stops at the touch). */
    private static void fillThrough(ScalperEngine engine, RecordingGateway gateway, MarketState m) {
        final long bid = m.book().bestBid();
        final long ask = m.book().bestAsk();
        for (Order o : new ArrayList<>(engine.orders().openOrders())) {
            final OrderRequest r = o.request();
            final long leaves = r.qtyLots() - o.filledLots();
            if (leaves <= 0 || !o.isOpen()) {
                continue;
            }
            final boolean buy = r.side() == Side.BUY;
            if (r.isConditional()) {
                final boolean triggered = buy ? ask >= r.triggerPriceTicks() : bid <= r.triggerPriceTicks();
                if (triggered) {
                    gateway.fill(r.clientOrderId(), buy ? ask : bid, leaves, 0.0, Liquidity.TAKER);
                }
            } else if (r.priceTicks() > 0) {
                final boolean through = buy ? ask < r.priceTicks() : bid > r.priceTicks();
                if (through) {
                    gateway.fill(r.clientOrderId(), r.priceTicks(), leaves, 0.0, Liquidity.MAKER);
                }
            } else {
                gateway.fill(r.clientOrderId(), buy ? ask : bid, leaves, 0.0, Liquidity.TAKER);
            }
        }
    }
}
