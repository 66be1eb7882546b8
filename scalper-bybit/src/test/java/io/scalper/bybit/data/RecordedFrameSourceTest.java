package io.scalper.bybit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RecordedFrameSource} on the real four-symbol recording and on generated files. */
class RecordedFrameSourceTest {
    private static final String LINEAR = "bybit/linear-4sym-2026-08-09.jsonl";
    private static final String RECV = "bybit/linear-4sym-2026-08-09.recv.tsv";

    @TempDir
    Path tmp;

    /** What a plain decoder applying every frame says about one symbol. */
    private static final class Reference implements MarketDataListener {
        final String symbol;
        int books;
        int tradeMessages;
        int trades;
        int tickers;

        Reference(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public void onBook(MarketState m, int result) {
            books += m.symbol().equals(symbol) ? 1 : 0;
        }

        @Override
        public void onTrades(MarketState m, int count) {
            if (m.symbol().equals(symbol)) {
                tradeMessages++;
                trades += count;
            }
        }

        @Override
        public void onTicker(MarketState m) {
            tickers += m.symbol().equals(symbol) ? 1 : 0;
        }
    }

    private static BybitMarketDecoder applyAll(Path file, Reference reference) throws IOException {
        final BybitMarketDecoder d = new BybitMarketDecoder();
        d.setListener(reference);
        for (String line : Files.readAllLines(file)) {
            d.decode(line, 0);
        }
        return d;
    }

    @Test
    void shouldEmitExactlyTheBtcusdtMessagesOfTheRecording() throws IOException {
        final Path file = SharedData.require(LINEAR);
        final Reference ref = new Reference("BTCUSDT");
        applyAll(file, ref);

        try (RecordedFrameSource source = RecordedFrameSource.open(file, BybitInstruments.BTCUSDT)) {
            final EventLog log = EventLog.play(source);

            assertThat(log.count('B')).isEqualTo(414).isEqualTo(ref.books);
            assertThat(log.count('T')).isEqualTo(16).isEqualTo(ref.tradeMessages);
            assertThat(log.eventCount('T')).isEqualTo(56).isEqualTo(ref.trades);
            assertThat(log.count('K')).isEqualTo(185).isEqualTo(ref.tickers);
            assertThat(source.bookMessages()).isEqualTo(414);
            assertThat(source.tradeMessages()).isEqualTo(16);
            assertThat(source.trades()).isEqualTo(56);
            assertThat(source.tickerMessages()).isEqualTo(185);
            assertThat(source.frames()).isEqualTo(2529);
            assertThat(source.otherFrames()).as("BTCUSDT klines").isEqualTo(22);
            assertThat(source.otherSymbolFrames()).isEqualTo(2529 - 414 - 16 - 185 - 22);
            assertThat(source.malformed()).isZero();
            assertThat(source.next(new EventLog(null))).as("exhausted").isFalse();
        }
    }

    @Test
    void shouldRebuildTheSameBookAsTheDecoderApplyingDirectly() throws IOException {
        final Path file = SharedData.require(LINEAR);
        for (String symbol : List.of("BTCUSDT", "DOGEUSDT")) {
            final BybitMarketDecoder direct = applyAll(file, new Reference(symbol));
            final OrderBook expected = direct.market(symbol).book();
            try (RecordedFrameSource source = RecordedFrameSource.open(file, symbol)) {
                assertThat(source.instrument()).isEqualTo(expected.instrument());
                final EventLog log = EventLog.play(source);
                final OrderBook rebuilt = log.book;

                assertThat(rebuilt.gaps()).isZero();
                assertThat(rebuilt.updateId()).isEqualTo(expected.updateId());
                assertThat(rebuilt.bestBid()).isEqualTo(expected.bestBid());
                assertThat(rebuilt.bestAsk()).isEqualTo(expected.bestAsk());
                for (Side side : Side.values()) {
                    assertThat(rebuilt.depth(side))
                            .isEqualTo(expected.depth(side))
                            .isEqualTo(200);
                    for (int i = 0; i < expected.depth(side); i++) {
                        assertThat(rebuilt.priceAt(side, i)).isEqualTo(expected.priceAt(side, i));
                        assertThat(rebuilt.sizeAt(side, i)).isEqualTo(expected.sizeAt(side, i));
                    }
                }
            }
        }
    }

    @Test
    void shouldTakeLocalTimesFromTheRecvSidecarRowByRow() throws IOException {
        final Path file = SharedData.require(LINEAR);
        final List<String> frames = Files.readAllLines(file);
        final List<String> rows = Files.readAllLines(SharedData.require(RECV));
        int firstBook = 0;
        while (!frames.get(firstBook).contains("\"orderbook.200.BTCUSDT\"")) {
            firstBook++;
        }
        final long expectedFirstBookTime = seconds(rows.get(firstBook + 1).split("\t")[0]);

        try (RecordedFrameSource source = RecordedFrameSource.open(file, BybitInstruments.BTCUSDT)) {
            assertThat(source.sidecarFile()).isNotNull();
            assertThat(source.sidecarFile().getFileName().toString()).isEqualTo("linear-4sym-2026-08-09.recv.tsv");
            final EventLog log = EventLog.play(source);

            assertThat(log.messages.get(0).kind()).isEqualTo('K');
            assertThat(log.messages.get(0).localTimeNs()).isEqualTo(1_786_310_819_526_357_000L);
            final EventLog.Message book = log.messages.stream()
                    .filter(m -> m.kind() == 'B')
                    .findFirst()
                    .orElseThrow();
            assertThat(book.localTimeNs()).isEqualTo(expectedFirstBookTime);

            long previous = 0;
            int late = 0;
            int timed = 0;
            for (EventLog.Message m : log.messages) {
                assertThat(m.localTimeNs()).isGreaterThanOrEqualTo(previous);
                previous = m.localTimeNs();
                if (m.kind() == 'B' || m.kind() == 'T') {
                    timed++;
                    late += m.localTimeNs() >= m.timeNs() ? 1 : 0;
                }
            }
            assertThat(late).as("received after the exchange stamped them").isGreaterThanOrEqualTo(timed * 95 / 100);
            assertThat(source.sidecarMissing()).isZero();
        }
    }

    @Test
    void shouldLeaveLocalTimesUnknownWhenTheSidecarIsDisabled() throws IOException {
        final Path file = SharedData.require(LINEAR);
        try (RecordedFrameSource source = RecordedFrameSource.open(
                file, BybitInstruments.BTCUSDT, SourceOptions.defaults().withRecvSidecar(false))) {
            assertThat(source.sidecarFile()).isNull();
            final EventLog log = EventLog.play(source);
            assertThat(log.count('B')).isEqualTo(414);
            assertThat(log.messages).allMatch(m -> m.localTimeNs() == 0);
        }
    }

    @Test
    void shouldReadGzipWithASidecarAndZipWithout() throws IOException {
        final Path file = SharedData.require(LINEAR);
        final byte[] bytes = Files.readAllBytes(file);
        final Path gz = tmp.resolve("rec.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        Files.copy(SharedData.require(RECV), tmp.resolve("rec.recv.tsv"));
        final Path zip = tmp.resolve("other.jsonl.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("other.jsonl"));
            out.write(bytes);
            out.closeEntry();
        }

        final EventLog plain;
        try (RecordedFrameSource source = RecordedFrameSource.open(file, BybitInstruments.ETHUSDT)) {
            plain = EventLog.play(source);
        }
        try (RecordedFrameSource source = RecordedFrameSource.open(gz, BybitInstruments.ETHUSDT)) {
            assertThat(source.sidecarFile()).isEqualTo(tmp.resolve("rec.recv.tsv"));
            assertThat(EventLog.play(source).messages).isEqualTo(plain.messages);
        }
        try (RecordedFrameSource source = RecordedFrameSource.open(zip, BybitInstruments.ETHUSDT)) {
            assertThat(source.sidecarFile()).isNull();
            final EventLog log = EventLog.play(source);
            assertThat(log.count('B')).isEqualTo(421);
            assertThat(log.messages).hasSameSizeAs(plain.messages).allMatch(m -> m.localTimeNs() == 0);
        }
    }

    @Test
    void shouldListTheSymbolsOfARecordingInOrderOfFirstAppearance() throws IOException {
        assertThat(RecordedFrameSource.symbols(SharedData.require(LINEAR)))
                .containsExactly("BTCUSDT", "DOGEUSDT", "ETHUSDT", "SOLUSDT");
    }

    @Test
    void shouldRefuseASymbolTheRecordingDoesNotHold() {
        final Path file = SharedData.require(LINEAR);
        assertThatThrownBy(() -> RecordedFrameSource.open(file, "XRPUSDT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XRPUSDT")
                .hasMessageContaining(file.getFileName().toString());
    }

    @Test
    void shouldCountAndSkipMalformedLinesAndReadTimePrefixes() throws IOException {
        final Path file = tmp.resolve("mixed.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000000,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"100.0\",\"1.000\"]],\"a\":[[\"100.1\",\"2.000\"]],"
                                + "\"u\":1,\"seq\":5},\"cts\":1699999999999}",
                        "1700000000100000000\t{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000100,"
                                + "\"data\":[{\"T\":1700000000099,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.005\",\"p\":\"100.1\"},"
                                + "{\"T\":1700000000099,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.010\",\"p\":\"100.2\"}]}",
                        "{not json",
                        "1700000000.25\t{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1700000000200,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"100.0\",\"0.500\"]],\"a\":[],\"u\":2}}",
                        "1700000000.2.1\t{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1700000000210,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"100.0\",\"0.400\"]],\"a\":[],\"u\":3}}",
                        "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1700000000220,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"100.05\",\"1.000\"]],\"a\":[],\"u\":3}}",
                        "",
                        "{\"op\":\"subscribe\",\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c1\"}",
                        "{\"topic\":\"orderbook.50.ETHUSDT\",\"type\":\"delta\",\"ts\":1700000000230,"
                                + "\"data\":{\"s\":\"ETHUSDT\",\"b\":[],\"a\":[],\"u\":9}}",
                        "{\"topic\":\"kline.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000240,\"data\":[]}",
                        "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"ts\":1700000000300,\"cs\":7,"
                                + "\"data\":{\"symbol\":\"BTCUSDT\",\"bid1Price\":\"100.0\",\"ask1Price\":\"100.1\"}}",
                        ""));

        try (RecordedFrameSource source = RecordedFrameSource.open(file, BybitInstruments.BTCUSDT)) {
            final EventLog log = EventLog.play(source);

            assertThat(log.messages).extracting(EventLog.Message::kind).containsExactly('B', 'T', 'B', 'K');
            assertThat(log.messages)
                    .extracting(EventLog.Message::localTimeNs)
                    .containsExactly(0L, 1_700_000_000_100_000_000L, 1_700_000_000_250_000_000L, 0L);
            assertThat(log.messages.get(1).events()).isEqualTo(2);
            assertThat(log.messages.get(2).updateId()).isEqualTo(2);
            assertThat(log.book.bestBidSize()).isEqualTo(500);
            assertThat(source.frames()).isEqualTo(10);
            assertThat(source.malformed())
                    .as("bad JSON, bad time prefix, off-grid price")
                    .isEqualTo(3);
            assertThat(source.otherSymbolFrames()).isEqualTo(1);
            assertThat(source.otherFrames()).as("subscribe ack, kline").isEqualTo(2);
            assertThat(source.bookMessages()).isEqualTo(2);
            assertThat(source.trades()).isEqualTo(2);
        }
    }

    @Test
    void shouldReportEachMessagesOwnReceiveTimeWhileItsEventsAreEmitted() throws IOException {
        // a backtest encodes the receive time as the events arrive: before the fix it took the previous message's (0
        // for the first), so every recorded receive time reached the strategy one message late
        final String book = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000000,"
                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"100.0\",\"1.000\"]],\"a\":[[\"100.1\",\"2.000\"]],"
                + "\"u\":1,\"seq\":5},\"cts\":1699999999999}";
        final String trade = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000100,"
                + "\"data\":[{\"T\":1700000000099,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.005\",\"p\":\"100.1\"}]}";
        final Path first = tmp.resolve("a.jsonl");
        final Path second = tmp.resolve("b.jsonl");
        Files.writeString(first, "1700000000010000000\t" + book + "\n1700000000120000000\t" + trade + "\n");
        Files.writeString(second, "1700000000130000000\t" + trade.replace("1700000000100", "1700000000110") + "\n");
        final java.util.List<Long> seen = new java.util.ArrayList<>();
        try (io.scalper.core.backtest.MarketSource source =
                MarketSources.open(List.of(first, second), BybitInstruments.BTCUSDT, SourceOptions.defaults())) {
            final io.scalper.core.market.MarketEventSink sink = new io.scalper.core.market.MarketEventSink() {
                @Override
                public void onBook(io.scalper.core.book.BookUpdate u) {
                    seen.add(source.localTimeNs());
                }

                @Override
                public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
                    seen.add(source.localTimeNs());
                }

                @Override
                public void onTicker(io.scalper.core.market.TickerState t) {
                    seen.add(source.localTimeNs());
                }
            };
            while (source.next(sink)) {
                // the sink notes the time as each event arrives
            }
        }
        assertThat(seen)
                .containsExactly(1_700_000_000_010_000_000L, 1_700_000_000_120_000_000L, 1_700_000_000_130_000_000L);
    }

    @Test
    void shouldInferAnInstrumentMissingFromTheTable() throws IOException {
        final Path file = SharedData.require(LINEAR);
        final Instrument expected =
                applyAll(file, new Reference("SOLUSDT")).market("SOLUSDT").instrument();
        try (RecordedFrameSource source = RecordedFrameSource.open(file, "SOLUSDT")) {
            assertThat(source.instrument()).isEqualTo(expected);
            assertThat(EventLog.play(source).count('B')).isEqualTo(383);
        }
    }

    private static long seconds(String text) {
        return new BigDecimal(text).movePointRight(9).longValueExact();
    }
}
