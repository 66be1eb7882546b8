package io.scalper.core.book;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    private final OrderBook book = new OrderBook(BTC, 16);
    private final BookUpdate u = new BookUpdate(4);

    /** bids best-first, asks best-first. */
    private int snapshot(long id, long[][] bids, long[][] asks) {
        u.clear().snapshot(true).updateId(id).exchangeTimeNs(id * 1000);
        for (long[] l : bids) {
            u.addBid(l[0], l[1]);
        }
        for (long[] l : asks) {
            u.addAsk(l[0], l[1]);
        }
        return book.apply(u);
    }

    private int delta(long id, Side side, long price, long size) {
        u.clear().updateId(id).exchangeTimeNs(id * 1000).add(side, price, size);
        return book.apply(u);
    }

    private void standardBook() {
        assertThat(snapshot(
                        100, new long[][] {{1000, 5}, {999, 3}, {997, 8}}, new long[][] {{1002, 4}, {1003, 6}, {1006, 1}
                        }))
                .isEqualTo(OrderBook.OK);
    }

    @Test
    void shouldStartEmptyAndWaitForASnapshot() {
        assertThat(book.state()).isEqualTo(BookState.EMPTY);
        assertThat(book.bestBid()).isEqualTo(OrderBook.NONE);
        assertThat(book.mid()).isNaN();
        assertThat(book.microPrice()).isNaN();
        assertThat(book.spreadTicks()).isEqualTo(OrderBook.NONE);
        assertThat(delta(1, BUY, 100, 1)).isEqualTo(OrderBook.REJECTED);
        assertThat(book.rejectedDeltas()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTopOfBookQueriesAfterASnapshot() {
        standardBook();
        assertThat(book.isSynced()).isTrue();
        assertThat(book.updateId()).isEqualTo(100);
        assertThat(book.bestBid()).isEqualTo(1000);
        assertThat(book.bestAsk()).isEqualTo(1002);
        assertThat(book.bestBidSize()).isEqualTo(5);
        assertThat(book.bestAskSize()).isEqualTo(4);
        assertThat(book.spreadTicks()).isEqualTo(2);
        assertThat(book.mid()).isEqualTo(1001.0);
        // (1000*4 + 1002*5) / 9
        assertThat(book.microPrice()).isCloseTo((1000.0 * 4 + 1002.0 * 5) / 9, offset(1e-9));
        assertThat(book.depth(BUY)).isEqualTo(3);
        assertThat(book.priceAt(BUY, 2)).isEqualTo(997);
        assertThat(book.sizeAt(SELL, 1)).isEqualTo(6);
        assertThat(book.priceAt(SELL, 3)).isEqualTo(OrderBook.NONE);
        assertThat(book.sizeAt(SELL, 3)).isZero();
        assertThat(book.priceAt(SELL, -1)).isEqualTo(OrderBook.NONE);
        assertThat(book.sizeAtPrice(BUY, 999)).isEqualTo(3);
        assertThat(book.sizeAtPrice(BUY, 998)).isZero();
        assertThat(book.sizeWithinLevels(BUY, 2)).isEqualTo(8);
        assertThat(book.sizeWithinLevels(SELL, 10)).isEqualTo(11);
        assertThat(book.sizeWithinLevels(SELL, 0)).isZero();
        assertThat(book.sizeWithinTicks(BUY, 1)).isEqualTo(8); // 1000 and 999
        assertThat(book.sizeWithinTicks(BUY, 3)).isEqualTo(16);
        assertThat(book.sizeWithinTicks(SELL, 1)).isEqualTo(10); // 1002 and 1003
        assertThat(book.sizeWithinTicks(SELL, 0)).isEqualTo(4);
        assertThat(book.lastUpdateTimeNs()).isEqualTo(100_000);
    }

    @Test
    void shouldInsertChangeAndDeleteLevelsWithDeltas() {
        standardBook();
        assertThat(delta(101, BUY, 1001, 2)).isEqualTo(OrderBook.OK); // insert at the top
        assertThat(delta(102, BUY, 999, 7)).isEqualTo(OrderBook.OK); // change
        assertThat(delta(103, SELL, 1003, 0)).isEqualTo(OrderBook.OK); // delete
        assertThat(delta(104, SELL, 1010, 9)).isEqualTo(OrderBook.OK); // insert at the bottom
        assertThat(book.bestBid()).isEqualTo(1001);
        assertThat(book.sizeAtPrice(BUY, 999)).isEqualTo(7);
        assertThat(book.sizeAtPrice(SELL, 1003)).isZero();
        assertThat(book.priceAt(SELL, 1)).isEqualTo(1006);
        assertThat(book.priceAt(SELL, 2)).isEqualTo(1010);
        assertThat(book.inserts()).isEqualTo(2);
        assertThat(book.deletes()).isEqualTo(1);
        assertThat(book.changes()).isEqualTo(1);
        assertThat(book.deltas()).isEqualTo(4);
        assertThat(book.updateId()).isEqualTo(104);
    }

    @Test
    void shouldTreatDeleteOfAnAbsentLevelAsANoOp() {
        standardBook();
        assertThat(delta(101, BUY, 998, 0)).isEqualTo(OrderBook.OK);
        assertThat(book.deleteMisses()).isEqualTo(1);
        assertThat(book.depth(BUY)).isEqualTo(3);
        assertThat(book.isSynced()).isTrue();
    }

    @Test
    void shouldDetectAGapAndRefuseDeltasUntilTheNextSnapshot() {
        standardBook();
        assertThat(delta(102, BUY, 1001, 1)).isEqualTo(OrderBook.GAP);
        assertThat(book.state()).isEqualTo(BookState.GAP);
        assertThat(book.isSynced()).isFalse();
        assertThat(book.gaps()).isEqualTo(1);
        assertThat(book.bestBid()).as("the gapped delta is not applied").isEqualTo(1000);
        assertThat(delta(103, BUY, 1001, 1)).isEqualTo(OrderBook.REJECTED);
        assertThat(book.rejectedDeltas()).isEqualTo(1);
        assertThat(snapshot(200, new long[][] {{900, 1}}, new long[][] {{901, 1}}))
                .isEqualTo(OrderBook.OK);
        assertThat(book.isSynced()).isTrue();
        assertThat(book.depth(BUY)).isEqualTo(1);
        assertThat(delta(201, SELL, 902, 3)).isEqualTo(OrderBook.OK);
        assertThat(book.resets())
                .as("a snapshot after a gap is not an exchange reset")
                .isZero();
    }

    @Test
    void shouldIgnoreDuplicateAndStaleDeltasWithoutLosingSync() {
        standardBook();
        assertThat(delta(101, BUY, 1001, 2)).isEqualTo(OrderBook.OK);
        assertThat(delta(101, BUY, 1001, 9)).isEqualTo(OrderBook.DUPLICATE);
        assertThat(delta(50, BUY, 1001, 9)).isEqualTo(OrderBook.DUPLICATE);
        assertThat(book.duplicates()).isEqualTo(2);
        assertThat(book.sizeAtPrice(BUY, 1001)).isEqualTo(2);
        assertThat(book.isSynced()).isTrue();
        assertThat(delta(102, BUY, 1001, 3)).isEqualTo(OrderBook.OK);
    }

    @Test
    void shouldDetectACrossedOrLockedBook() {
        standardBook();
        assertThat(delta(101, BUY, 1002, 1)).isEqualTo(OrderBook.CROSSED); // locked: bid == ask
        assertThat(book.state()).isEqualTo(BookState.CROSSED);
        assertThat(book.crossedCount()).isEqualTo(1);
        assertThat(delta(102, SELL, 1002, 0)).isEqualTo(OrderBook.REJECTED);
        assertThat(snapshot(300, new long[][] {{1000, 1}}, new long[][] {{999, 1}}))
                .as("a crossed snapshot is reported too")
                .isEqualTo(OrderBook.CROSSED);
        assertThat(book.crossedCount()).isEqualTo(2);
    }

    @Test
    void shouldCountASnapshotWithUpdateIdOneAsAReset() {
        standardBook();
        assertThat(delta(101, BUY, 1001, 2)).isEqualTo(OrderBook.OK);
        assertThat(snapshot(1, new long[][] {{1000, 1}}, new long[][] {{1001, 1}}))
                .isEqualTo(OrderBook.OK);
        assertThat(book.resets()).isEqualTo(1);
        assertThat(book.updateId()).isEqualTo(1);
        assertThat(delta(2, BUY, 999, 1)).isEqualTo(OrderBook.OK);
        assertThat(book.depth(BUY)).isEqualTo(2);
    }

    @Test
    void shouldAcceptUnsortedSnapshotsWithDuplicatePricesAndZeroSizes() {
        u.clear().snapshot(true).updateId(5);
        u.addBid(998, 1).addBid(1000, 2).addBid(999, 0).addBid(997, 4).addBid(998, 6);
        u.addAsk(1005, 1).addAsk(1001, 3);
        assertThat(book.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(book.depth(BUY)).isEqualTo(3);
        assertThat(book.priceAt(BUY, 0)).isEqualTo(1000);
        assertThat(book.priceAt(BUY, 1)).isEqualTo(998);
        assertThat(book.sizeAt(BUY, 1)).as("last duplicate wins").isEqualTo(6);
        assertThat(book.bestAsk()).isEqualTo(1001);
    }

    @Test
    void shouldEvictTheWorstLevelOrDropTheNewOneAtTheDepthLimit() {
        final OrderBook small = new OrderBook(BTC, 3);
        final List<String> changes = new ArrayList<>();
        small.setListener(
                (side, price, oldSize, newSize, t) -> changes.add(side + " " + price + " " + oldSize + "->" + newSize));
        u.clear()
                .snapshot(true)
                .updateId(1)
                .addBid(100, 1)
                .addBid(99, 1)
                .addBid(98, 1)
                .addAsk(101, 1);
        assertThat(small.apply(u)).isEqualTo(OrderBook.OK);
        u.clear().updateId(2).addBid(97, 5); // worse than the worst of a full side: dropped
        assertThat(small.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(small.droppedLevels()).isEqualTo(1);
        assertThat(small.depth(BUY)).isEqualTo(3);
        assertThat(small.sizeAtPrice(BUY, 97)).isZero();
        u.clear().updateId(3).addBid(99, 0).addBid(96, 2); // room again after the delete, 96 fits at the bottom
        assertThat(small.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(small.priceAt(BUY, 2)).isEqualTo(96);
        u.clear().updateId(4).addBid(99, 7); // better than the worst: evicts 96
        assertThat(small.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.priceAt(BUY, 2)).isEqualTo(98);
        assertThat(changes).containsExactly("BUY 99 1->0", "BUY 96 0->2", "BUY 96 2->0", "BUY 99 0->7");
    }

    @Test
    void shouldKeepTheBestLevelsOfAnOversizedSnapshot() {
        final OrderBook small = new OrderBook(BTC, 2);
        u.clear()
                .snapshot(true)
                .updateId(1)
                .addBid(100, 1)
                .addBid(99, 2)
                .addBid(98, 3)
                .addAsk(101, 1);
        small.apply(u);
        assertThat(small.depth(BUY)).isEqualTo(2);
        assertThat(small.priceAt(BUY, 1)).isEqualTo(99);
        assertThat(small.droppedLevels()).isEqualTo(1);
    }

    @Test
    void shouldReportEveryLevelChangeOfADeltaToTheListener() {
        standardBook();
        final List<String> seen = new ArrayList<>();
        book.setListener(new LevelChangeListener() {
            @Override
            public void onLevelChange(Side side, long priceTicks, long oldSizeLots, long newSizeLots, long timeNs) {
                seen.add(side + " " + priceTicks + " " + oldSizeLots + "->" + newSizeLots + " @" + timeNs);
            }

            @Override
            public void onBookReset(OrderBook b, long timeNs) {
                seen.add("reset @" + timeNs);
            }
        });
        u.clear()
                .updateId(101)
                .exchangeTimeNs(7)
                .addBid(1000, 9)
                .addBid(997, 0)
                .addBid(995, 1)
                .addAsk(1002, 4);
        book.apply(u);
        assertThat(seen)
                .as("unchanged sizes are not reported")
                .containsExactly("BUY 1000 5->9 @7", "BUY 997 8->0 @7", "BUY 995 0->1 @7");
        seen.clear();
        snapshot(500, new long[][] {{1, 1}}, new long[][] {{2, 1}});
        assertThat(seen).containsExactly("reset @500000");
    }

    @Test
    void shouldCountAndIgnoreInvalidLevels() {
        standardBook();
        u.clear().updateId(101).addBid(0, 5).addBid(-3, 1).addAsk(1004, -1);
        assertThat(book.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(book.invalidLevels()).isEqualTo(3);
        assertThat(book.depth(BUY)).isEqualTo(3);
    }

    @Test
    void shouldClearAndInvalidate() {
        standardBook();
        book.invalidate();
        assertThat(book.state()).isEqualTo(BookState.GAP);
        assertThat(delta(101, BUY, 1001, 1)).isEqualTo(OrderBook.REJECTED);
        book.clear();
        assertThat(book.state()).isEqualTo(BookState.EMPTY);
        assertThat(book.depth(SELL)).isZero();
    }

    @Test
    void shouldValidateMaxDepth() {
        assertThatThrownBy(() -> new OrderBook(BTC, 0)).hasMessageStartingWith("book.maxDepth");
    }

    @Test
    void shouldHoldAThousandLevelsPerSide() {
        final OrderBook deep = new OrderBook(BTC, 1000);
        u.clear().snapshot(true).updateId(1);
        for (int i = 0; i < 1000; i++) {
            u.addBid(100_000 - i, i + 1);
            u.addAsk(100_001 + i, i + 1);
        }
        assertThat(deep.apply(u)).isEqualTo(OrderBook.OK);
        assertThat(deep.depth(BUY)).isEqualTo(1000);
        assertThat(deep.depth(SELL)).isEqualTo(1000);
        assertThat(deep.priceAt(SELL, 999)).isEqualTo(101_000);
        assertThat(deep.sizeWithinLevels(BUY, 1000)).isEqualTo(1000L * 1001 / 2);
    }
}
