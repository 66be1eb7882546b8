package io.scalper.bybit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BybitArchiveSource} on the real XRPUSDT order-book archive and trade CSVs generated here. */
class BybitArchiveSourceTest {
    static final String XRP = "bybit/2024-12-01_XRPUSDT_ob500.data";
    static final Instrument XRPUSDT = Instrument.of("XRPUSDT", "0.0001", "1", "1", "5");
    static final String HEADER = "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,"
            + "foreignNotional,RPI";
    private static final long MS = 1_000_000L;
    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

    @TempDir
    Path tmp;

    static List<Long> bookTimesMs(List<String> lines) {
        final List<Long> out = new ArrayList<>();
        for (String line : lines) {
            final Matcher m = TS.matcher(line);
            assertThat(m.find()).isTrue();
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    static String row(String seconds, String side, String size, String price) {
        return seconds + ",XRPUSDT," + side + "," + size + "," + price + ",PlusTick,id,1,1,1,false";
    }

    static void writeGzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldPlayTheFiftyBookMessagesOfTheArchive() throws IOException {
        final Path file = SharedData.require(XRP);
        final List<Long> times = bookTimesMs(Files.readAllLines(file));
        try (BybitArchiveSource source = BybitArchiveSource.open(file, null, XRPUSDT)) {
            final EventLog log = EventLog.play(source);

            assertThat(log.count('B')).isEqualTo(50);
            assertThat(log.messages)
                    .extracting(EventLog.Message::timeNs)
                    .containsExactlyElementsOf(times.stream().map(t -> t * MS).toList());
            assertThat(log.messages).allMatch(m -> m.localTimeNs() == 0);
            for (int i = 1; i < 50; i++) {
                assertThat(log.messages.get(i).updateId())
                        .isEqualTo(log.messages.get(i - 1).updateId() + 1);
            }
            assertThat(log.book.gaps()).isZero();
            assertThat(log.book.depth(Side.BUY)).isEqualTo(500);
            assertThat(source.bookMessages()).isEqualTo(50);
            assertThat(source.bookLines()).isEqualTo(50);
            assertThat(source.malformed()).isZero();
        }
    }

    @Test
    void shouldMergeTradeBatchesWithTheBookStrictlyByTimeTradesFirstOnTies() throws IOException {
        final Path book = SharedData.require(XRP);
        final List<Long> times = bookTimesMs(Files.readAllLines(book));
        assertThat(times.get(0)).isEqualTo(1_733_011_200_691L);
        final Path trades = tmp.resolve("XRPUSDT2024-12-01.csv.gz");
        writeGzip(
                trades,
                List.of(
                        HEADER,
                        row("1733011200.5000", "Buy", "100", "1.9532"),
                        row("1733011200.5000", "Buy", "20", "1.9533"),
                        row("1733011200.5000", "Sell", "50", "1.9531"),
                        row("1733011200.691", "Sell", "10", "1.9531"),
                        row("1733011200.6925", "Buy", "7", "1.9532"),
                        row("1733011200.6925", "Buy", "8", "1.9532"),
                        row("1733011200.6925", "Buy", "9", "1.9533"),
                        row("1733011200.6926", "Buy", "1", "1.95325"),
                        row("1733011200.6927", "Hold", "1", "1.9532"),
                        row("1733011202.0000", "Buy", "1", "1.9540"),
                        row("1733011202.0000", "Sell", "2", "1.9539"),
                        row("1733011202.0000", "Buy", "3", "1.9540"),
                        "",
                        row("1733011299.0000", "sell", "3", "1.9500")));

        try (BybitArchiveSource source = BybitArchiveSource.open(book, trades, XRPUSDT)) {
            final EventLog log = EventLog.play(source);
            final List<EventLog.Message> m = log.messages;

            assertThat(log.count('B')).isEqualTo(50);
            assertThat(m)
                    .filteredOn(x -> x.kind() == 'T')
                    .extracting(EventLog.Message::events)
                    .containsExactly(2, 1, 1, 3, 1, 1, 1, 1);
            assertThat(m).allMatch(EventLog.Message::uniform);
            assertThat(m)
                    .extracting(EventLog.Message::kind)
                    .startsWith('T', 'T', 'T', 'B', 'T', 'B')
                    .endsWith('T');
            assertThat(m.get(2).timeNs()).as("the tie").isEqualTo(m.get(3).timeNs());
            for (int i = 1; i < m.size(); i++) {
                assertThat(m.get(i).timeNs())
                        .as("message %d", i)
                        .isGreaterThanOrEqualTo(m.get(i - 1).timeNs());
            }
            assertThat(log.trades.get(0)).containsExactly(1_733_011_200_500_000_000L, 19532, 100, 1);
            assertThat(log.trades.get(2)).containsExactly(1_733_011_200_500_000_000L, 19531, 50, 0);
            assertThat(source.tradeRows()).isEqualTo(13);
            assertThat(source.malformedTradeRows())
                    .as("off-grid price, unknown side")
                    .isEqualTo(2);
            assertThat(source.tradeBatches()).isEqualTo(8);
            assertThat(source.trades()).isEqualTo(11);
            assertThat(source.bookMessages()).isEqualTo(50);
        }
    }

    @Test
    void shouldReadAZippedArchive() throws IOException {
        final Path zip = tmp.resolve("2024-12-01_XRPUSDT_ob500.data.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("2024-12-01_XRPUSDT_ob500.data"));
            out.write(Files.readAllBytes(SharedData.require(XRP)));
            out.closeEntry();
        }
        try (BybitArchiveSource source = BybitArchiveSource.open(zip, null, XRPUSDT)) {
            assertThat(EventLog.play(source).count('B')).isEqualTo(50);
        }
    }

    @Test
    void shouldMergeSeveralDaysAcrossFiles() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require(XRP));
        final Path day1 = tmp.resolve("2024-12-01_XRPUSDT_ob500.data");
        final Path day2 = tmp.resolve("2024-12-02_XRPUSDT_ob500.data");
        Files.write(day1, lines.subList(0, 30));
        Files.write(day2, lines.subList(30, 50));
        final List<Long> times = bookTimesMs(lines);
        final Path trades1 = tmp.resolve("XRPUSDT2024-12-01.csv");
        final Path trades2 = tmp.resolve("XRPUSDT2024-12-02.csv.gz");
        Files.write(trades1, List.of(HEADER, row(seconds(times.get(10) + 1), "Buy", "5", "1.9532")));
        writeGzip(
                trades2,
                List.of(
                        HEADER,
                        row(seconds(times.get(35)), "Sell", "6", "1.9500"),
                        row(seconds(times.get(49) + 100), "Buy", "7", "1.9501")));

        try (BybitArchiveSource source =
                BybitArchiveSource.open(List.of(day1, day2), List.of(trades1, trades2), XRPUSDT)) {
            final EventLog log = EventLog.play(source);
            final List<Character> kinds =
                    log.messages.stream().map(EventLog.Message::kind).toList();

            assertThat(log.count('B')).isEqualTo(50);
            assertThat(log.count('T')).isEqualTo(3);
            assertThat(kinds.indexOf('T')).as("after the 11th book message").isEqualTo(11);
            assertThat(kinds.get(35 + 1))
                    .as("tie with the 36th book message: trade first")
                    .isEqualTo('T');
            assertThat(kinds.get(36 + 1)).isEqualTo('B');
            assertThat(kinds.get(kinds.size() - 1)).isEqualTo('T');
            for (int i = 1; i < log.messages.size(); i++) {
                assertThat(log.messages.get(i).timeNs())
                        .isGreaterThanOrEqualTo(log.messages.get(i - 1).timeNs());
            }
            assertThat(source.describe()).contains("2 files");
        }
    }

    @Test
    void shouldCountAndSkipMalformedBookLines() throws IOException {
        final List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.require(XRP)));
        final String second = lines.get(1);
        lines.add(
                1,
                "{\"topic\":\"orderbook.500.XRPUSDT\",\"type\":\"delta\",\"data\":{\"s\":\"XRPUSDT\",\"b\":[],\"a\":[],\"u\":1}}");
        lines.add(2, "not a frame at all");
        lines.add(3, second.replaceFirst("\\[\"(\\d\\.\\d{4})\"", "[\"$15\""));
        lines.add(4, "");
        final Path file = tmp.resolve("bad.data");
        Files.write(file, lines);

        try (BybitArchiveSource source = BybitArchiveSource.open(file, null, XRPUSDT)) {
            final EventLog log = EventLog.play(source);
            assertThat(log.count('B')).isEqualTo(50);
            assertThat(source.bookLines()).isEqualTo(53);
            assertThat(source.malformedBookLines())
                    .as("no ts, no JSON, off-grid price")
                    .isEqualTo(3);
            assertThat(source.malformed()).isEqualTo(3);
        }
    }

    @Test
    void shouldFailNamingATradeFileWhoseHeaderLacksAColumn() throws IOException {
        final Path trades = tmp.resolve("XRPUSDT2024-12-01.csv");
        Files.write(trades, List.of("timestamp,symbol,side,size", "1733011200.5,XRPUSDT,Buy,1"));
        try (BybitArchiveSource source = BybitArchiveSource.open(null, trades, XRPUSDT)) {
            assertThatThrownBy(() -> source.next(new EventLog(null)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(trades.toString())
                    .hasMessageContaining("price");
        }
    }

    @Test
    void shouldRefuseMissingFilesAndEmptyLists() {
        final Path missing = tmp.resolve("2024-12-01_XRPUSDT_ob500.data");
        assertThatThrownBy(() -> BybitArchiveSource.open(missing, null, XRPUSDT))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> BybitArchiveSource.open(List.of(), List.of(), XRPUSDT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String seconds(long ms) {
        return ms / 1000 + "." + String.format("%03d", ms % 1000);
    }
}
