package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedExchangeTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock(1_000_000_000_000L);
    private final MarketState market = new MarketState(BTC);
    private final List<OrderEvent> events = new ArrayList<>();
    private final List<Double> funding = new ArrayList<>();
    private SimulatedExchange exchange;
    private MarketStateSink sink;
    private final BookUpdate u = new BookUpdate();
    private long updateId;
    private int ids;

    private void open(QueueModel model) {
        exchange = new SimulatedExchange(
                SimulatedExchangeConfig.defaults(), market, clock, LatencyModel.constant(10 * MS, 5 * MS), model);
        exchange.setListener(new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                events.add(event);
            }

            @Override
            public void onFunding(String symbol, double amount, double rate, long t) {
                funding.add(amount);
            }
        });
        sink = new MarketStateSink(market, exchange);
        book(650_000, 650_001, 5_000);
    }

    /** A snapshot: best bid/ask and 10 levels a side of {@code lots}. */
    private void book(long bid, long ask, long lots) {
        u.clear().snapshot(true).updateId(++updateId).exchangeTimeNs(clock.nowNs());
        for (int i = 0; i < 10; i++) {
            u.addBid(bid - i, lots);
            u.addAsk(ask + i, lots);
        }
        sink.onBook(u);
    }

    private void delta(Side side, long price, long lots) {
        u.clear().updateId(++updateId).exchangeTimeNs(clock.nowNs()).add(side, price, lots);
        sink.onBook(u);
    }

    private void trade(long price, long lots, Side aggressor) {
        sink.onTrade(clock.nowNs(), price, lots, aggressor);
        sink.flush();
    }

    private void advanceMs(long ms) {
        final long target = clock.nowNs() + ms * MS;
        while (exchange.nextEventNs() <= target) {
            clock.setNs(Math.max(clock.nowNs(), exchange.nextEventNs()));
            exchange.advanceTo(clock.nowNs());
        }
        clock.setNs(target);
    }

    private String submit(OrderRequest r) {
        exchange.submit(r);
        return r.clientOrderId();
    }

    private OrderRequest limit(Side side, long price, long lots, TimeInForce tif) {
        return OrderRequest.limit("t-" + (++ids), "BTCUSDT", side, price, lots, tif, false, OrderPurpose.ENTRY);
    }

    private <T extends OrderEvent> List<T> of(Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (OrderEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    private long filled() {
        return of(OrderEvent.Filled.class).stream()
                .mapToLong(OrderEvent.Filled::qtyLots)
                .sum();
    }

    @Test
    void shouldAcknowledgeAfterEntryPlusResponseLatency() {
        open(QueueModel.riskAverse());
        final long sent = clock.nowNs();
        submit(limit(Side.BUY, 650_000, 10, TimeInForce.POST_ONLY));
        advanceMs(14);
        assertThat(events).isEmpty();
        advanceMs(1);
        assertThat(events).hasSize(1).first().isInstanceOf(OrderEvent.Accepted.class);
        assertThat(events.get(0).exchangeTimeNs()).isEqualTo(sent + 10 * MS);
    }

    @Test
    void shouldCancelAPostOnlyThatWouldCrossWhenItArrivesAfterTheMarketMoved() {
        open(QueueModel.riskAverse());
        submit(limit(Side.BUY, 650_000, 10, TimeInForce.POST_ONLY));
        advanceMs(5);
        book(649_990, 649_991 - 1 + 1, 5_000); // the ask fell to 649,991: our bid at 650,000 would now take it
        advanceMs(20);
        assertThat(of(OrderEvent.Canceled.class)).hasSize(1);
        assertThat(of(OrderEvent.Canceled.class).get(0).reason()).isEqualTo(CancelReason.POST_ONLY_WOULD_TAKE);
        assertThat(filled()).isZero();
    }

    @Test
    void shouldFillARestingOrderOnlyAfterTheQueueAheadHasTraded() {
        open(QueueModel.riskAverse());
        delta(Side.BUY, 650_000, 5); // 5 lots visible at our price
        final String id = submit(limit(Side.BUY, 650_000, 4, TimeInForce.POST_ONLY));
        advanceMs(20);
        assertThat(exchange.queueAheadLots(id)).isEqualTo(5.0);
        trade(650_000, 3, Side.SELL);
        assertThat(filled()).isZero();
        trade(650_000, 3, Side.SELL); // 2 more consume the queue, 1 reaches us
        advanceMs(10);
        assertThat(filled()).isEqualTo(1);
        trade(649_999, 1, Side.SELL); // traded through our price: the rest fills at our price
        advanceMs(10);
        assertThat(filled()).isEqualTo(4);
        final OrderEvent.Filled last = of(OrderEvent.Filled.class).get(1);
        assertThat(last.priceTicks()).isEqualTo(650_000);
        assertThat(last.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(last.fee()).isCloseTo(BTC.notional(650_000, 3) * 0.0002, offset(1e-12));
    }

    @Test
    void shouldAdvanceTheQueueOnCancellationsAheadOnlyInTheProbabilisticModel() {
        final double[] expected = {5.0, 4.0};
        final QueueModel[] models = {QueueModel.riskAverse(), QueueModel.probabilistic()};
        for (int k = 0; k < models.length; k++) {
            events.clear();
            open(models[k]);
            delta(Side.BUY, 650_000, 5);
            final String id = submit(limit(Side.BUY, 650_000, 1, TimeInForce.POST_ONLY));
            advanceMs(20);
            delta(Side.BUY, 650_000, 10); // others join behind us
            delta(Side.BUY, 650_000, 8); // 2 lots cancelled somewhere in the level
            assertThat(exchange.queueAheadLots(id)).as("model %d", k).isEqualTo(expected[k]);
        }
        assertThat(QueueModel.riskAverse().onDepthChange(5, 10, 3))
                .as("never more than visible")
                .isEqualTo(3.0);
    }

    @Test
    void shouldFillIocAcrossLevelsAndCancelTheRestAndKillAnUnfillableFok() {
        open(QueueModel.riskAverse());
        book(650_000, 650_001, 500);
        submit(limit(Side.BUY, 650_003, 1_200, TimeInForce.IOC)); // levels of 500 up to 650,003: 1,500 available
        advanceMs(20);
        assertThat(filled()).isEqualTo(1_200);
        assertThat(of(OrderEvent.Filled.class))
                .extracting(OrderEvent.Filled::priceTicks)
                .containsExactly(650_001L, 650_002L, 650_003L);
        assertThat(of(OrderEvent.Filled.class).get(0).liquidity()).isEqualTo(Liquidity.TAKER);
        events.clear();
        open(QueueModel.riskAverse()); // a fresh account
        book(650_000, 650_001, 500);
        submit(limit(Side.BUY, 650_001, 600, TimeInForce.IOC));
        advanceMs(20);
        assertThat(filled()).isEqualTo(500);
        assertThat(of(OrderEvent.Canceled.class).get(0).reason()).isEqualTo(CancelReason.IOC_REMAINDER);
        events.clear();
        submit(limit(Side.BUY, 650_001, 600, TimeInForce.FOK));
        advanceMs(20);
        assertThat(filled()).isZero();
        assertThat(of(OrderEvent.Canceled.class).get(0).reason()).isEqualTo(CancelReason.FOK_UNFILLED);
    }

    @Test
    void shouldTriggerAStopOnLastPriceAndFillItAgainstTheBookWithSlippage() {
        open(QueueModel.riskAverse());
        submit(limit(Side.BUY, 650_001, 1_000, TimeInForce.IOC));
        advanceMs(20);
        assertThat(exchange.position().qtyLots()).isEqualTo(1_000);
        submit(OrderRequest.stopMarket(
                "stop-1",
                "BTCUSDT",
                Side.SELL,
                649_990,
                1_000,
                true,
                TriggerSource.LAST_PRICE,
                OrderPurpose.STOP_LOSS));
        advanceMs(20);
        book(649_989, 649_990, 400); // thin bids: the stop walks three levels
        trade(649_990, 1, Side.SELL);
        advanceMs(10);
        assertThat(of(OrderEvent.Triggered.class)).hasSize(1);
        final List<OrderEvent.Filled> stopFills = of(OrderEvent.Filled.class).subList(1, 4);
        assertThat(stopFills).extracting(OrderEvent.Filled::priceTicks).containsExactly(649_989L, 649_988L, 649_987L);
        assertThat(exchange.position().isFlat()).isTrue();
    }

    @Test
    void shouldRejectWhatBybitRejects() {
        open(QueueModel.riskAverse());
        submit(limit(Side.BUY, 40_000, 1, TimeInForce.GTC)); // 0.001 BTC at 4,000 = 4 USDT < 5
        submit(limit(Side.BUY, 650_000, 1_000_000, TimeInForce.GTC)); // 1,000 BTC on 10,000 USDT
        final OrderRequest dup = limit(Side.BUY, 650_000, 10, TimeInForce.GTC);
        submit(dup);
        exchange.submit(dup);
        exchange.cancel("no-such-order");
        advanceMs(20);
        final List<OrderEvent.Rejected> rejected = of(OrderEvent.Rejected.class);
        assertThat(rejected)
                .extracting(OrderEvent.Rejected::reason)
                .contains(
                        RejectReason.BELOW_MIN_NOTIONAL,
                        RejectReason.INSUFFICIENT_BALANCE,
                        RejectReason.DUPLICATE_CLIENT_ID);
        // venue-neutral: no venue's codes in the detail (an adapter maps the reason to its codes)
        assertThat(rejected).extracting(OrderEvent.Rejected::detail).noneMatch(d -> d.matches("\\d+ .*"));
        assertThat(of(OrderEvent.CancelRejected.class).get(0).reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        final Instrument two = Instrument.of("ETHUSDT", "0.01", "0.01", "0.02", "5");
        assertThat(two.minQtyLots()).isEqualTo(2);
    }

    @Test
    void shouldCancelAReduceOnlyOrderWithNothingToReduce() {
        open(QueueModel.riskAverse());
        submit(OrderRequest.market("r-1", "BTCUSDT", Side.SELL, 10, true, OrderPurpose.EXIT));
        advanceMs(20);
        assertThat(of(OrderEvent.Canceled.class).get(0).reason()).isEqualTo(CancelReason.REDUCE_ONLY);
        assertThat(exchange.position().isFlat()).isTrue();
    }

    @Test
    void shouldSettleFundingOnThePositionAndKeepTheAccountsBalanced() {
        open(QueueModel.riskAverse());
        submit(limit(Side.BUY, 650_001, 1_000, TimeInForce.IOC));
        advanceMs(20);
        final TickerState t = new TickerState();
        t.markPriceE8(6_500_000_000_000L).fundingRateE8(10_000).nextFundingTimeMs(1_000_000L);
        sink.onTicker(t);
        final TickerState next = new TickerState();
        next.nextFundingTimeMs(1_000_000L + 8 * 3_600_000L);
        sink.onTicker(next);
        advanceMs(10);
        assertThat(funding).hasSize(1);
        assertThat(funding.get(0)).isCloseTo(-65_000 * 0.0001, offset(1e-9)); // a long pays a positive rate
        // close and check: balance + realised − fees + funding = equity
        submit(limit(Side.SELL, 650_000, 1_000, TimeInForce.IOC));
        advanceMs(20);
        assertThat(exchange.position().isFlat()).isTrue();
        final double fees = of(OrderEvent.Filled.class).stream()
                .mapToDouble(OrderEvent.Filled::fee)
                .sum();
        assertThat(exchange.equity())
                .isCloseTo(10_000 + exchange.position().realizedPnl() - fees + funding.get(0), offset(1e-9));
        assertThat(exchange.position().realizedPnl()).isCloseTo(-0.1, offset(1e-9));
    }
}
