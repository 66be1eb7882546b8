package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.Position;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
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
 * never holds a position without a stop, its position equals the exchange's, and the accounts balance — whenever
 * nothing is in flight between the two, and at the end, flat or not: the exchange's equity (which values an open
 * position at its own book's mid) = the engine's initial equity + realised PnL − fees + funding + the unrealised PnL
 * of the position at that mid, computed here from the position's quantity and average entry.
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
                .config(io.scalper.core.testing.Configs.plumbing())
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
        final long[] quietChecks = {0};
        final long[] quietChecksInPosition = {0};
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
                if (exchange.nextEventNs() == Long.MAX_VALUE) {
                    // nothing in flight: no order on its way to the exchange, no answer on its way back
                    quietChecks[0]++;
                    if (!engine.position().isFlat()) {
                        quietChecksInPosition[0]++;
                    }
                    assertBalances(engine, exchange, exchangeMarket);
                }
            }
        });
        // let the last answers arrive
        exchange.advanceTo(Long.MAX_VALUE - 1);
        toExchange.flush();
        toEngine.flush();

        assertThat(checks[0]).isGreaterThan(10_000);
        assertThat(quietChecksInPosition[0])
                .as("balance checks with a position open and nothing in flight (of %d)", quietChecks[0])
                .isGreaterThan(100);
        assertThat(engine.entriesPlaced()).isPositive();
        assertThat(engine.roundTrips()).isNotEmpty();
        assertBalances(engine, exchange, exchangeMarket);
        if (engine.position().isFlat()) {
            double net = 0;
            for (RoundTrip t : engine.roundTrips()) {
                net += t.netPnl();
            }
            assertThat(engine.initialEquity() + net).isCloseTo(exchange.equity(), offset(1e-6));
        }
        assertThat(maxAbsPosition[0])
                .as("never more than the leverage cap allows")
                .isLessThanOrEqualTo(1600);
        assertThat(engine.orders().unknownOrders()).isZero();
        assertThat(exchange.makerFills() + exchange.takerFills()).isEqualTo(exchange.fills());
    }

    /**
     * The engine's books agree with the exchange's: same position, same realised PnL, fees and funding, and
     * {@code exchange equity = initial + realised − fees + funding + unrealised at the exchange's mid}, the unrealised
     * PnL being (mid − average entry) ticks × quantity in lots × tick size × lot size.
     */
    private static void assertBalances(ScalperEngine engine, SimulatedExchange exchange, MarketState exchangeMarket) {
        final Position mine = engine.position();
        final Position theirs = exchange.position();
        assertThat(mine.qtyLots()).as("position agrees").isEqualTo(theirs.qtyLots());
        assertThat(mine.realizedPnl()).as("realised PnL agrees").isCloseTo(theirs.realizedPnl(), offset(1e-6));
        assertThat(mine.fees()).as("fees agree").isCloseTo(theirs.fees(), offset(1e-6));
        assertThat(mine.funding()).as("funding agrees").isCloseTo(theirs.funding(), offset(1e-6));
        final double mid = exchangeMarket.book().mid();
        final Instrument instrument = engine.instrument();
        double unrealized = 0;
        if (!mine.isFlat()) {
            assertThat(mid).as("mid with a position open").isNotNaN();
            assertThat(mine.avgEntryTicks()).as("entry price agrees").isCloseTo(theirs.avgEntryTicks(), offset(1e-6));
            unrealized = (mid - mine.avgEntryTicks())
                    * mine.qtyLots()
                    * instrument.tickSizeDouble()
                    * instrument.qtyStepDouble();
        }
        assertThat(exchange.equity())
                .as(
                        "exchange equity = %.2f + realised %.4f - fees %.4f + funding %.4f + unrealised %.4f",
                        engine.initialEquity(), mine.realizedPnl(), mine.fees(), mine.funding(), unrealized)
                .isCloseTo(
                        engine.initialEquity() + mine.realizedPnl() - mine.fees() + mine.funding() + unrealized,
                        offset(1e-6));
    }
}
