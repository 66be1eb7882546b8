package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Side;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays the real recorded Bybit data in {@code ../shared/data/bybit} and checks the rebuilt books. */
class RealDataReplayTest {
    private static final String LINEAR = "bybit/linear-4sym-2026-08-09.jsonl";
    private static final String XRP = "bybit/2024-12-01_XRPUSDT_ob500.data";

    /** Listener that checks the depth after every book message and tracks ticker agreement. */
    private static final class Checker implements MarketDataListener {
        final int expectedDepth;
        final Map<String, Integer> bookMessages = new HashMap<>();
        final List<String> depthViolations = new ArrayList<>();
        int tickersWithBoth;
        int tickersAgreeing;
        int tickersBeforeSnapshot;

        Checker(int expectedDepth) {
            this.expectedDepth = expectedDepth;
        }

        @Override
        public void onBook(MarketState m, int result) {
            bookMessages.merge(m.symbol(), 1, Integer::sum);
            final OrderBook b = m.book();
            if (b.depth(Side.BUY) != expectedDepth || b.depth(Side.SELL) != expectedDepth) {
                depthViolations.add(
                        m.symbol() + " u=" + b.updateId() + " " + b.depth(Side.BUY) + "/" + b.depth(Side.SELL));
            }
        }

        @Override
        public void onTicker(MarketState m) {
            final TickerState t = m.ticker();
            final int both = TickerState.BID1_PRICE | TickerState.ASK1_PRICE;
            if ((t.lastUpdateFields() & both) != both) {
                return;
            }
            if (m.book().snapshots() == 0) {
                tickersBeforeSnapshot++;
                return;
            }
            tickersWithBoth++;
            if (t.bid1PriceTicks() == m.book().bestBid()
                    && t.ask1PriceTicks() == m.book().bestAsk()) {
                tickersAgreeing++;
            }
        }
    }

    private static BybitMarketDecoder replay(List<String> lines, MarketDataListener listener) {
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        decoder.setListener(listener);
        for (String line : lines) {
            decoder.decode(line, 0);
        }
        return decoder;
    }

    @Test
    void shouldRebuildTheFourLinearBooksWithoutGapsOrCrossing() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require(LINEAR));
        final Checker checker = new Checker(200);
        final BybitMarketDecoder d = replay(lines, checker);

        assertThat(d.messages()).isEqualTo(lines.size());
        assertThat(d.malformed()).isZero();
        assertThat(d.gaps()).isZero();
        assertThat(d.crossed()).isZero();
        assertThat(d.rejected()).isZero();
        assertThat(d.duplicates()).isZero();
        assertThat(checker.depthViolations).isEmpty();
        assertThat(checker.bookMessages)
                .containsEntry("BTCUSDT", 414)
                .containsEntry("ETHUSDT", 421)
                .containsEntry("SOLUSDT", 383)
                .containsEntry("DOGEUSDT", 380);
        assertThat(d.bookUpdates()).isEqualTo(414 + 421 + 383 + 380);
        assertThat(d.trades()).isEqualTo(327);
        assertThat(d.tradeMessages()).isEqualTo(102);
        assertThat(d.tickerMessages()).isEqualTo(758);
        assertThat(d.unknownTopics()).as("kline frames").isEqualTo(71);
        for (String symbol : List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT")) {
            final OrderBook b = d.market(symbol).book();
            assertThat(b.isSynced()).as(symbol).isTrue();
            assertThat(b.inserts()).as(symbol + " inserted == deleted").isEqualTo(b.deletes());
            assertThat(b.deleteMisses()).as(symbol).isZero();
            assertThat(b.evictions() + b.droppedLevels()).as(symbol).isZero();
        }
        assertThat(d.market("BTCUSDT").book().inserts()).isEqualTo(1522);
        assertThat(d.market("BTCUSDT").book().deletes()).isEqualTo(1522);
    }

    @Test
    void shouldAgreeWithTheTickersBestBidAndAsk() throws IOException {
        final Checker checker = new Checker(200);
        replay(Files.readAllLines(SharedData.require(LINEAR)), checker);
        assertThat(checker.tickersWithBoth).isEqualTo(135);
        assertThat(checker.tickersBeforeSnapshot).isEqualTo(9);
        assertThat(checker.tickersAgreeing).isGreaterThanOrEqualTo(131);
    }

    @Test
    void shouldRebuildTheXrpArchiveBookAtFiveHundredLevels() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require(XRP));
        final Checker checker = new Checker(500);
        final BybitMarketDecoder d = replay(lines, checker);
        assertThat(d.bookUpdates()).isEqualTo(50);
        assertThat(d.gaps() + d.crossed() + d.malformed() + d.rejected()).isZero();
        assertThat(checker.depthViolations).isEmpty();
        final OrderBook b = d.market("XRPUSDT").book();
        assertThat(b.inserts()).isEqualTo(b.deletes());
        assertThat(b.inserts() + b.deletes() + b.changes())
                .as("level updates that changed the book")
                .isPositive();
        assertThat(b.updateId()).isEqualTo(20254918);
    }

    // ------------------------------------------------------------------ mutated copies

    private static boolean isBtcDelta(String line) {
        return line.contains("\"topic\":\"orderbook.200.BTCUSDT\"") && line.contains("\"type\":\"delta\"");
    }

    private static int indexOfNthBtcDelta(List<String> lines, int n) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (isBtcDelta(lines.get(i)) && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("fewer than " + n + " BTCUSDT deltas");
    }

    private static long btcDeltasAfter(List<String> lines, int index) {
        return lines.subList(index + 1, lines.size()).stream()
                .filter(RealDataReplayTest::isBtcDelta)
                .count();
    }

    @Test
    void shouldReportOneGapAndRefuseTheRestAfterADroppedDelta() throws IOException {
        final List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.require(LINEAR)));
        final int at = indexOfNthBtcDelta(lines, 100);
        lines.remove(at);
        final long after = btcDeltasAfter(lines, at - 1);
        final BybitMarketDecoder d = replay(lines, MarketDataListener.NO_OP);
        assertThat(d.gaps()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(after - 1);
        assertThat(d.malformed()).isZero();
        assertThat(d.crossed()).isZero();
        assertThat(d.market("BTCUSDT").book().isSynced()).isFalse();
        assertThat(d.market("ETHUSDT").book().isSynced())
                .as("other books unaffected")
                .isTrue();
    }

    @Test
    void shouldCountAGarbageLineAsMalformedAndLoseNothingElse() throws IOException {
        final List<String> original = Files.readAllLines(SharedData.require(LINEAR));
        final List<String> lines = new ArrayList<>(original);
        lines.add(
                indexOfNthBtcDelta(lines, 50),
                "{\"topic\":\"orderbook.200.BTCUSDT\",\"type\":\"delta\",\"data\":{\"b\":[[\"1\"");
        lines.add(700, "\u0000\u0001 not json at all");
        final BybitMarketDecoder d = replay(lines, MarketDataListener.NO_OP);
        final BybitMarketDecoder clean = replay(original, MarketDataListener.NO_OP);
        assertThat(d.malformed()).isEqualTo(2);
        assertThat(d.gaps() + d.rejected() + d.crossed()).isZero();
        assertThat(d.bookUpdates()).isEqualTo(clean.bookUpdates());
        assertThat(d.market("BTCUSDT").book().bestBid())
                .isEqualTo(clean.market("BTCUSDT").book().bestBid());
    }

    @Test
    void shouldIgnoreADuplicatedDeltaLine() throws IOException {
        final List<String> original = Files.readAllLines(SharedData.require(LINEAR));
        final List<String> lines = new ArrayList<>(original);
        final int at = indexOfNthBtcDelta(lines, 10);
        lines.add(at + 1, lines.get(at));
        final BybitMarketDecoder d = replay(lines, MarketDataListener.NO_OP);
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(d.gaps() + d.rejected() + d.crossed() + d.malformed()).isZero();
        final OrderBook b = d.market("BTCUSDT").book();
        final OrderBook c =
                replay(original, MarketDataListener.NO_OP).market("BTCUSDT").book();
        assertThat(b.updateId()).isEqualTo(c.updateId());
        for (int i = 0; i < 200; i++) {
            assertThat(b.priceAt(Side.BUY, i)).isEqualTo(c.priceAt(Side.BUY, i));
            assertThat(b.sizeAt(Side.SELL, i)).isEqualTo(c.sizeAt(Side.SELL, i));
        }
    }

    @Test
    void shouldResetOnAnUpdateIdOneSnapshotMidStream() throws IOException {
        final List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.require(LINEAR)));
        final String snapshot = lines.stream()
                .filter(l -> l.contains("\"topic\":\"orderbook.200.BTCUSDT\"") && l.contains("\"type\":\"snapshot\""))
                .findFirst()
                .orElseThrow();
        final String restart = snapshot.replaceFirst("\"u\":\\d+", "\"u\":1");
        assertThat(restart).isNotEqualTo(snapshot);
        final int at = indexOfNthBtcDelta(lines, 200);
        lines.add(at, restart);
        final long after = btcDeltasAfter(lines, at);
        final BybitMarketDecoder d = replay(lines, MarketDataListener.NO_OP);
        assertThat(d.resets()).isEqualTo(1);
        // the recorded deltas after it continue the old numbering, so the next one is a gap
        assertThat(d.gaps()).isEqualTo(1);
        assertThat(d.rejected()).isEqualTo(after - 1);
        assertThat(d.malformed() + d.crossed()).isZero();
    }
}
