package io.scalper.bybit.data;

import static io.scalper.bybit.data.BybitArchiveSourceTest.HEADER;
import static io.scalper.bybit.data.BybitArchiveSourceTest.XRP;
import static io.scalper.bybit.data.BybitArchiveSourceTest.XRPUSDT;
import static io.scalper.bybit.data.BybitArchiveSourceTest.row;
import static io.scalper.bybit.data.BybitArchiveSourceTest.writeGzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MarketSources}: the source picked by file name, the trade archive found beside a book archive, errors. */
class MarketSourcesTest {
    @TempDir
    Path tmp;

    private Path bookWithTrades() throws IOException {
        final Path book = tmp.resolve("2024-12-01_XRPUSDT_ob500.data");
        Files.copy(SharedData.require(XRP), book);
        writeGzip(
                tmp.resolve("XRPUSDT2024-12-01.csv.gz"),
                List.of(
                        HEADER,
                        row("1733011200.7000", "Buy", "5", "1.9532"),
                        row("1733011201.0000", "Sell", "6", "1.9531"),
                        row("1733011201.0000", "Sell", "4", "1.9530")));
        return book;
    }

    @Test
    void shouldTellFormatsByName() {
        assertThat(MarketSources.formatOf(Path.of("a/b.jsonl"))).isEqualTo(MarketSources.Format.FRAMES);
        assertThat(MarketSources.formatOf(Path.of("b.JSONL.GZ"))).isEqualTo(MarketSources.Format.FRAMES);
        assertThat(MarketSources.formatOf(Path.of("2024-12-01_XRPUSDT_ob500.data.zip")))
                .isEqualTo(MarketSources.Format.BOOK_ARCHIVE);
        assertThat(MarketSources.formatOf(Path.of("XRPUSDT2024-12-01.csv.gz")))
                .isEqualTo(MarketSources.Format.TRADE_CSV);
        assertThatThrownBy(() -> MarketSources.formatOf(Path.of("dir/market.parquet")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("market.parquet");
        assertThat(MarketSources.symbolOf(Path.of("2024-12-01_XRPUSDT_ob500.data.zip")))
                .isEqualTo("XRPUSDT");
        assertThat(MarketSources.symbolOf(Path.of("BTCUSDT2024-12-01.csv.gz"))).isEqualTo("BTCUSDT");
        assertThat(MarketSources.symbolOf(Path.of("recording.jsonl"))).isNull();
    }

    @Test
    void shouldMergeTheTradeArchiveFoundBesideABookArchive() throws IOException {
        final Path book = bookWithTrades();
        assertThat(MarketSources.findTradeFile(book)).isEqualTo(tmp.resolve("XRPUSDT2024-12-01.csv.gz"));
        try (MarketSource source = MarketSources.open(book, XRPUSDT)) {
            assertThat(source).isInstanceOf(BybitArchiveSource.class);
            final EventLog log = EventLog.play(source);
            assertThat(log.count('B')).isEqualTo(50);
            assertThat(log.messages)
                    .filteredOn(m -> m.kind() == 'T')
                    .extracting(EventLog.Message::events)
                    .containsExactly(1, 2);
        }
        try (MarketSource source =
                MarketSources.open(book, XRPUSDT, SourceOptions.defaults().withFindTradeFile(false))) {
            final EventLog log = EventLog.play(source);
            assertThat(log.count('T')).isZero();
            assertThat(log.count('B')).isEqualTo(50);
        }
    }

    @Test
    void shouldResolveASymbolFromTheFileItself() throws IOException {
        final Path book = bookWithTrades();
        try (MarketSource source = MarketSources.open(book, "XRPUSDT")) {
            assertThat(source.instrument().tickSize()).isEqualByComparingTo(new BigDecimal("0.0001"));
            assertThat(source.instrument().qtyStep()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(EventLog.play(source).count('T')).isEqualTo(2);
        }
        try (MarketSource source = MarketSources.open(tmp.resolve("XRPUSDT2024-12-01.csv.gz"), "XRPUSDT")) {
            assertThat(source.instrument().tickSize()).isEqualByComparingTo(new BigDecimal("0.0001"));
            final EventLog log = EventLog.play(source);
            assertThat(log.count('B')).isZero();
            assertThat(log.eventCount('T')).isEqualTo(3);
        }
    }

    @Test
    void shouldOpenRecordingsAndLists() throws IOException {
        final Path recording = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        try (MarketSource source = MarketSources.open(recording, "ETHUSDT")) {
            assertThat(source).isInstanceOf(RecordedFrameSource.class);
            assertThat(source.instrument()).isEqualTo(BybitInstruments.ETHUSDT);
            assertThat(EventLog.play(source).count('B')).isEqualTo(421);
        }
        final Path book = bookWithTrades();
        try (MarketSource source = MarketSources.open(List.of(book, book), XRPUSDT, SourceOptions.defaults())) {
            assertThat(source).isInstanceOf(ConcatSource.class);
            assertThat(EventLog.play(source).count('B')).isEqualTo(100);
        }
    }

    @Test
    void shouldFailNamingTheFile() throws IOException {
        final Path book = bookWithTrades();
        assertThatThrownBy(() -> MarketSources.open(book, BybitInstruments.BTCUSDT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(book.toString())
                .hasMessageContaining("BTCUSDT");
        final Path missing = tmp.resolve("nothing.jsonl");
        assertThatThrownBy(() -> MarketSources.open(missing, XRPUSDT))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        final Path odd = tmp.resolve("book.bin");
        Files.writeString(odd, "x");
        assertThatThrownBy(() -> MarketSources.open(odd, "XRPUSDT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(odd.toString());
        final Path noPrices = tmp.resolve("trades.csv");
        Files.writeString(noPrices, "timestamp,side\n1733011200.5,Buy\n");
        assertThatThrownBy(() -> MarketSources.open(noPrices, "NEWUSDT"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(noPrices.toString());
    }
}
