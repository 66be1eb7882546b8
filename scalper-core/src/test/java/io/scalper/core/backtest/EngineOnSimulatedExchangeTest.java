package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine trading against the simulated exchange on a generated market, driven strictly by event time: the engine
 * never holds a position without a stop, its position always equals the exchange's, and the accounts balance.
 */
class EngineOnSimulatedExchangeTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void shouldTradeAndAgreeWithTheExchangeOnPositionAndMoney(long seed) {
        final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(seed);
        final ManualClock clock = new ManualClock(gen.startTimeNs());
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final MarketState exchangeMarket = new MarketState(gen.instrument());
        final SimulatedExchange exchange = new SimulatedExchange(
                SimulatedExchangeConfig.defaults(),
                exchangeMarket,
                clock,
                LatencyModel.constant(5 * MS, 5 * MS),
                QueueModel.riskAverse());
        final ScalperEngine engine = ScalperEngine.builder()
                .instrument(gen.instrument())
                .clock(clock)
                .scheduler(scheduler)
                .gateway(exchange)
                .initialEquity(10_000)
                .build();
        final MarketStateSink toExchange = new MarketStateSink(exchangeMarket, exchange);
        final MarketStateSink toEngine = new MarketStateSink(engine.market(), engine.marketListener());
        final long duration = 1_800_000_000_000L;
        final long[] maxAbsPosition = {0};
        final long[] checks = {0};
        new SyntheticMarket(gen, Scenarios.rich(duration, seed)).run(duration, new MarketEventSink() {
            private void timeTo(long t) {
                // exchange answers and engine timers strictly in time order up to t
                while (true) {
                    final long next = Math.min(exchange.nextEventNs(), scheduler.nextDeadlineNs());
                    if (next > t) {
                        break;
                    }
                    if (next > clock.nowNs()) {
                        clock.setNs(next);
                    }
                    exchange.advanceTo(clock.nowNs());
                    scheduler.advanceTo(clock.nowNs());
                }
                if (t > clock.nowNs()) {
                    clock.setNs(t);
                }
            }

            @Override
            public void onBook(BookUpdate u) {
                timeTo(u.exchangeTimeNs());
                toExchange.onBook(u);
                toEngine.onBook(u);
                check();
            }

            @Override
            public void onTrade(long t, long p, long s, Side a) {
                timeTo(t);
                toExchange.onTrade(t, p, s, a);
                toEngine.onTrade(t, p, s, a);
            }

            @Override
            public void onTicker(TickerState ticker) {
                toExchange.onTicker(ticker);
                toEngine.onTicker(ticker);
            }

            private void check() {
                checks[0]++;
                maxAbsPosition[0] =
                        Math.max(maxAbsPosition[0], Math.abs(engine.position().qtyLots()));
                assertThat(engine.invariantViolations()).isZero();
            }
        });
        // let the last answers arrive
        exchange.advanceTo(Long.MAX_VALUE - 1);
        toExchange.flush();
        toEngine.flush();

        assertThat(checks[0]).isGreaterThan(10_000);
        assertThat(engine.entriesPlaced()).isPositive();
        assertThat(engine.roundTrips()).isNotEmpty();
        assertThat(engine.position().qtyLots())
                .as("position agrees")
                .isEqualTo(exchange.position().qtyLots());
        assertThat(engine.position().realizedPnl())
                .isCloseTo(exchange.position().realizedPnl(), offset(1e-6));
        assertThat(engine.position().fees()).isCloseTo(exchange.position().fees(), offset(1e-6));
        double net = 0;
        for (RoundTrip t : engine.roundTrips()) {
            net += t.netPnl();
        }
        if (engine.position().isFlat()) {
            assertThat(10_000 + net).isCloseTo(exchange.equity(), offset(1e-6));
        }
        assertThat(maxAbsPosition[0])
                .as("never more than the leverage cap allows")
                .isLessThanOrEqualTo(1600);
        assertThat(engine.orders().unknownOrders()).isZero();
        assertThat(exchange.makerFills() + exchange.takerFills()).isEqualTo(exchange.fills());
    }
}
