package io.scalper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.tape.TapeConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one apply-and-notify step ({@link MarketStateSink}), the registry that routes to it, and the fan-out. */
class MarketsTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final Instrument ETH = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");

    /** Everything a listener was told, as text. */
    private static final class Log implements MarketDataListener {
        final String name;
        final List<String> seen;

        Log(String name, List<String> seen) {
            this.name = name;
            this.seen = seen;
        }

        @Override
        public void onBook(MarketState m, int result) {
            seen.add(name + " book " + m.symbol() + " " + result);
        }

        @Override
        public void onTrades(MarketState m, int count) {
            seen.add(name + " trades " + m.symbol() + " " + count);
        }

        @Override
        public void onTicker(MarketState m) {
            seen.add(name + " ticker " + m.symbol());
        }
    }

    private static BookUpdate snapshot(long id, long bid, long ask) {
        return new BookUpdate().snapshot(true).updateId(id).addBid(bid, 5).addAsk(ask, 5);
    }

    @Test
    void shouldApplyEventsOfEachMarketAndTellTheListenerTradesOncePerMessage() {
        final Markets markets = new Markets(50, TapeConfig.defaults());
        final List<String> seen = new ArrayList<>();
        final MarketState btc = markets.register(BTC);
        markets.setListener(new Log("l", seen)); // set after the first registration: reaches it too
        final MarketState eth = markets.register(ETH);
        assertThat(markets.register(BTC)).as("one market per symbol").isSameAs(btc);

        final MarketEventSink toBtc = markets.sink(markets.indexOf("BTCUSDT"));
        toBtc.onBook(snapshot(1, 650_000, 650_001));
        toBtc.endOfMessage();
        toBtc.onTrade(1, 650_001, 3, Side.BUY);
        toBtc.onTrade(1, 650_002, 2, Side.BUY);
        toBtc.endOfMessage();
        markets.sink(markets.indexOf("ETHUSDT")).onBook(snapshot(1, 350_000, 350_001));

        assertThat(btc.book().bestBid()).isEqualTo(650_000);
        assertThat(btc.tape().size()).isEqualTo(2);
        assertThat(eth.book().bestAsk()).isEqualTo(350_001);
        assertThat(seen)
                .containsExactly(
                        "l book BTCUSDT " + OrderBook.OK, "l trades BTCUSDT 2", "l book ETHUSDT " + OrderBook.OK);
        assertThat(markets.bookUpdates()).isEqualTo(2);
    }

    @Test
    void shouldCountWhatTheBookMadeOfEachUpdate() {
        final Markets markets = new Markets(50, TapeConfig.defaults());
        markets.register(BTC);
        final MarketEventSink sink = markets.sink(0);
        sink.onBook(new BookUpdate().updateId(5).addBid(650_000, 1)); // a delta before any snapshot
        sink.onBook(snapshot(10, 650_000, 650_001));
        sink.onBook(new BookUpdate().updateId(10).addBid(650_000, 2)); // the same id again
        sink.onBook(new BookUpdate().updateId(12).addBid(650_000, 2)); // 11 is missing
        assertThat(markets.bookUpdates()).isEqualTo(1);
        assertThat(markets.rejected()).isEqualTo(1);
        assertThat(markets.duplicates()).isEqualTo(1);
        assertThat(markets.gaps()).isEqualTo(1);
    }

    @Test
    void shouldSendARoutedMarketsEventsElsewhereAndApplyThemAgainWhenUnrouted() {
        final Markets markets = new Markets(50, TapeConfig.defaults());
        final List<String> seen = new ArrayList<>();
        markets.setListener(new Log("l", seen));
        final MarketState btc = markets.register(BTC);
        final List<Long> routed = new ArrayList<>();
        markets.route("BTCUSDT", new MarketEventSink() {
            @Override
            public void onBook(BookUpdate update) {
                routed.add(update.updateId());
            }
        });
        markets.sink(0).onBook(snapshot(1, 650_000, 650_001));
        assertThat(routed).containsExactly(1L);
        assertThat(btc.book().bestBid()).as("not applied").isEqualTo(OrderBook.NONE);
        assertThat(seen).isEmpty();

        markets.route("BTCUSDT", null);
        markets.sink(0).onBook(snapshot(2, 650_000, 650_001));
        assertThat(btc.book().bestBid()).isEqualTo(650_000);
        assertThat(seen).hasSize(1);
        assertThatThrownBy(() -> markets.route("XRPUSDT", null)).hasMessageContaining("XRPUSDT");
    }

    @Test
    void shouldReplaceTheTickerOnASnapshotAndMergeADelta() {
        final MarketState m = new MarketState(BTC);
        final MarketStateSink sink = new MarketStateSink(m, MarketDataListener.NO_OP);
        sink.onTicker(
                new TickerState().lastPriceTicks(650_000).fundingRateE8(100).snapshot(true));
        sink.onTicker(new TickerState().lastPriceTicks(650_010));
        assertThat(m.ticker().lastPriceTicks()).isEqualTo(650_010);
        assertThat(m.ticker().fundingRateE8()).as("kept by a delta").isEqualTo(100);
        sink.onTicker(new TickerState().lastPriceTicks(650_020).snapshot(true));
        assertThat(m.ticker().fundingRateE8()).as("forgotten by a snapshot").isEqualTo(TickerState.NONE);
    }

    @Test
    void shouldTellEveryListenerInTheOrderGiven() {
        final List<String> seen = new ArrayList<>();
        final MarketDataListener both = MarketDataListeners.fanOut(new Log("exchange", seen), new Log("engine", seen));
        final MarketState m = new MarketState(BTC);
        both.onBook(m, OrderBook.OK);
        both.onTrades(m, 3);
        both.onTicker(m);
        assertThat(seen)
                .containsExactly(
                        "exchange book BTCUSDT 0",
                        "engine book BTCUSDT 0",
                        "exchange trades BTCUSDT 3",
                        "engine trades BTCUSDT 3",
                        "exchange ticker BTCUSDT",
                        "engine ticker BTCUSDT");
        final MarketDataListener one = new Log("x", seen);
        assertThat(MarketDataListeners.fanOut(one)).isSameAs(one);
        assertThatThrownBy(() -> MarketDataListeners.fanOut(one, null)).isInstanceOf(NullPointerException.class);
    }
}
