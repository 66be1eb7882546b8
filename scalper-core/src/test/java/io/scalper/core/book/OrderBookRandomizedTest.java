package io.scalper.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random delta streams checked against a {@link TreeMap} model of the book after every message. */
class OrderBookRandomizedTest {
    private static final Instrument INSTRUMENT = Instrument.of("TESTUSDT", "0.01", "1", "1", "0");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void shouldMatchAReferenceModelOnRandomDeltaStreams(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final int maxDepth = 64;
        final OrderBook book = new OrderBook(INSTRUMENT, maxDepth);
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        // a second model built only from what the listener reports must track the book too
        final TreeMap<Long, Long> heardBids = new TreeMap<>();
        final TreeMap<Long, Long> heardAsks = new TreeMap<>();
        final long[] changes = new long[1];
        book.setListener((side, price, oldSize, newSize, t) -> {
            final Map<Long, Long> heard = side == Side.BUY ? heardBids : heardAsks;
            assertThat(oldSize).isEqualTo(heard.getOrDefault(price, 0L));
            if (newSize == 0) {
                heard.remove(price);
            } else {
                heard.put(price, newSize);
            }
            changes[0]++;
        });
        final BookUpdate u = new BookUpdate(2);
        long mid = 10_000;
        u.clear().snapshot(true).updateId(1);
        for (int i = 1; i <= 40; i++) {
            u.addBid(mid - i, i);
            u.addAsk(mid + i, i);
            bids.put(mid - i, (long) i);
            asks.put(mid + i, (long) i);
        }
        assertThat(book.apply(u)).isEqualTo(OrderBook.OK);
        heardBids.putAll(bids);
        heardAsks.putAll(asks);
        for (long id = 2; id < 3_000; id++) {
            u.clear().updateId(id);
            final int n = random.nextInt(0, 12);
            // stay uncrossed: bids strictly below the best ask, asks strictly above the best bid
            for (int k = 0; k < n; k++) {
                final boolean bid = random.nextBoolean();
                final long size = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 1_000);
                if (bid) {
                    final long ceiling = asks.isEmpty() ? mid + 50 : asks.firstKey() - 1;
                    final long price = ceiling - random.nextInt(0, 60);
                    u.addBid(price, size);
                    apply(bids, price, size, maxDepth, true);
                } else {
                    final long floor = bids.isEmpty() ? mid - 50 : bids.lastKey() + 1;
                    final long price = floor + random.nextInt(0, 60);
                    u.addAsk(price, size);
                    apply(asks, price, size, maxDepth, false);
                }
            }
            assertThat(book.apply(u)).isEqualTo(OrderBook.OK);
            assertSame(book, bids, asks);
            assertThat(heardBids).isEqualTo(bids);
            assertThat(heardAsks).isEqualTo(asks);
        }
        assertThat(changes[0]).isPositive();
        assertThat(book.gaps()).isZero();
    }

    private static void apply(TreeMap<Long, Long> side, long price, long size, int maxDepth, boolean bid) {
        if (size == 0) {
            side.remove(price);
            return;
        }
        if (side.containsKey(price) || side.size() < maxDepth) {
            side.put(price, size);
            return;
        }
        final long worst = bid ? side.firstKey() : side.lastKey();
        final boolean better = bid ? price > worst : price < worst;
        if (better) {
            side.remove(worst);
            side.put(price, size);
        }
    }

    private static void assertSame(OrderBook book, TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
        check(book, Side.BUY, bids.descendingMap());
        check(book, Side.SELL, asks);
    }

    private static void check(OrderBook book, Side side, NavigableMap<Long, Long> model) {
        assertThat(book.depth(side)).isEqualTo(model.size());
        int i = 0;
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertThat(book.priceAt(side, i)).isEqualTo(e.getKey());
            assertThat(book.sizeAt(side, i)).isEqualTo(e.getValue());
            i++;
        }
    }
}
