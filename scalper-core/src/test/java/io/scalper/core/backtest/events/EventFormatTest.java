package io.scalper.core.backtest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.testing.Allocations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The binary event format: what goes in comes out, through a file or the in-memory buffer; damage is reported. */
class EventFormatTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    /** Every event as text, so two streams can be compared. */
    static final class Transcript implements MarketEventSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onBook(BookUpdate u) {
            final StringBuilder s = new StringBuilder("book ")
                    .append(u.isSnapshot() ? "snap" : "delta")
                    .append(" u=")
                    .append(u.updateId())
                    .append(" t=")
                    .append(u.exchangeTimeNs())
                    .append(" local=")
                    .append(u.localTimeNs());
            for (Side side : Side.values()) {
                s.append(' ').append(side);
                for (int i = 0; i < u.count(side); i++) {
                    s.append(' ').append(u.price(side, i)).append('x').append(u.size(side, i));
                }
            }
            lines.add(s.toString());
        }

        @Override
        public void onTrade(long t, long p, long s, Side a) {
            lines.add("trade " + t + " " + p + "x" + s + " " + a);
        }

        @Override
        public void onTicker(TickerState t) {
            lines.add("ticker " + t.exchangeTimeNs() + " fields=" + t.presentFields() + " last=" + t.lastPriceTicks()
                    + " mark=" + t.markPriceE8() + " funding=" + t.fundingRateE8() + " next="
                    + t.nextFundingTimeMs());
        }
    }

    /** A small hand-made market: snapshot, deltas (one empty), a trade batch, a lone trade, tickers. */
    static void script(MarketEventSink out, Runnable endMessage) {
        final BookUpdate u = new BookUpdate();
        out.onBook(u.clear()
                .snapshot(true)
                .updateId(1)
                .exchangeTimeNs(1_000)
                .localTimeNs(1_500)
                .addBid(100, 5)
                .addBid(99, 7)
                .addAsk(101, 3)
                .addAsk(102, 9));
        endMessage.run();
        out.onBook(u.clear().updateId(2).exchangeTimeNs(2_000).addAsk(101, 0).addBid(100, 6));
        endMessage.run();
        out.onTrade(3_000, 101, 2, Side.BUY);
        out.onTrade(3_000, 102, 1, Side.BUY);
        endMessage.run();
        out.onTrade(3_500, 99, 4, Side.SELL);
        endMessage.run();
        out.onBook(u.clear().updateId(3).exchangeTimeNs(4_000));
        endMessage.run();
        final TickerState t = new TickerState();
        t.exchangeTimeNs(5_000);
        t.lastPriceTicks(101).markPriceE8(1_010_000_000L).fundingRateE8(10_000).nextFundingTimeMs(8_000);
        out.onTicker(t);
        endMessage.run();
        final TickerState empty = new TickerState();
        empty.exchangeTimeNs(6_000);
        out.onTicker(empty);
        endMessage.run();
    }

    static List<String> direct() {
        final Transcript direct = new Transcript();
        script(direct, () -> {});
        // the encoder does not keep a record's local time unless the source gives one; the direct stream does
        return direct.lines;
    }

    @Test
    void shouldReadBackEveryMessageFromAFile(@TempDir Path dir) throws IOException {
        final Path file = dir.resolve("x.events");
        final long[] local = {0};
        try (EventFileWriter w = new EventFileWriter(file, BTC)) {
            final EventEncoder enc = new EventEncoder(w, () -> local[0]);
            local[0] = 1_500;
            script(enc, enc::endMessage);
            assertThat(enc.messages()).isEqualTo(7);
        }
        assertThat(Files.size(file)).isEqualTo(EventFormat.HEADER_SIZE + 15L * EventFormat.RECORD_SIZE);
        final Transcript read = new Transcript();
        try (EventFileCursor c = new EventFileCursor(List.of(file))) {
            assertThat(c.instrument()).isEqualTo(BTC);
            assertThat(c.totalRecords()).isEqualTo(15);
            final MessageReader r = new MessageReader(c);
            while (r.dispatch(read) > 0) {
                // all
            }
            assertThat(r.messages()).isEqualTo(7);
        }
        final List<String> expected = new ArrayList<>(direct());
        // every record carried the supplier's local time (1500)
        expected.replaceAll(s -> s.replace("local=0", "local=1500"));
        assertThat(read.lines).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldGiveEachBufferReaderTheWholeStreamEvenWhenOneLagsFarBehind() throws IOException {
        final EventBuffer buffer = new EventBuffer(16);
        final GeneratedSource source = GeneratedSource.rich(4, 900_000_000_000L);
        final EventEncoder enc = new EventEncoder(buffer, null);
        buffer.setRefill(() -> {
            final boolean more = source.next(enc);
            enc.endMessage();
            return more;
        });
        final MessageReader lead = new MessageReader(buffer.newReader());
        final MessageReader lag = new MessageReader(buffer.newReader());
        final Transcript a = new Transcript();
        final Transcript b = new Transcript();
        // the lead reads 5,000 messages before the laggard starts: the ring must grow, not overwrite
        for (int i = 0; i < 5_000; i++) {
            assertThat(lead.dispatch(a)).isPositive();
        }
        assertThat(buffer.capacity()).isGreaterThan(16);
        while (true) {
            final int x = lead.dispatch(a);
            final int y = lag.dispatch(b);
            if (x == 0 && y == 0) {
                break;
            }
        }
        assertThat(a.lines).hasSizeGreaterThan(10_000);
        assertThat(b.lines).isEqualTo(a.lines);
        // and the same as the source straight into a transcript
        final Transcript straight = new Transcript();
        final GeneratedSource again = GeneratedSource.rich(4, 900_000_000_000L);
        while (again.next(straight)) {
            // all
        }
        assertThat(a.lines).hasSameSizeAs(straight.lines);
        for (int i = 0; i < 50; i++) {
            assertThat(a.lines.get(i * a.lines.size() / 50)).isEqualTo(straight.lines.get(i * a.lines.size() / 50));
        }
    }

    @Test
    void shouldReadAMappedFileWithoutAllocating(@TempDir Path dir) throws IOException {
        final Path file = dir.resolve("gen.events");
        try (EventFileWriter w = new EventFileWriter(file, BTC)) {
            final GeneratedSource source = GeneratedSource.rich(2, 1_800_000_000_000L);
            final EventEncoder enc = new EventEncoder(w, null);
            while (source.next(enc)) {
                enc.endMessage();
            }
            enc.endMessage();
        }
        final long[] sum = {0};
        final MarketEventSink sink = new MarketEventSink() {
            @Override
            public void onBook(BookUpdate u) {
                sum[0] += u.count(Side.BUY) + u.count(Side.SELL);
            }

            @Override
            public void onTrade(long t, long p, long s, Side a) {
                sum[0] += s;
            }
        };
        try (EventFileCursor c = new EventFileCursor(List.of(file))) {
            final MessageReader r = new MessageReader(c);
            // warm up: the first messages size the holders
            for (int i = 0; i < 2_000; i++) {
                r.dispatch(sink);
            }
            final long bytes = Allocations.bytes(() -> {
                try {
                    while (r.dispatch(sink) > 0) {
                        // all
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(r.records()).isGreaterThan(100_000);
            assertThat(bytes)
                    .as("bytes allocated reading %d records", r.records())
                    .isLessThan(4096);
        }
        assertThat(sum[0]).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"magic", "version", "truncated", "empty"})
    void shouldRefuseADamagedFileNamingIt(String damage, @TempDir Path dir) throws IOException {
        final Path file = dir.resolve("bad.events");
        try (EventFileWriter w = new EventFileWriter(file, BTC)) {
            final EventEncoder enc = new EventEncoder(w, null);
            script(enc, enc::endMessage);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            switch (damage) {
                case "magic" -> ch.write(ByteBuffer.wrap("NOTEVENT".getBytes()), 0);
                case "version" ->
                    ch.write(
                            ByteBuffer.allocate(4)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putInt(0, 99),
                            8);
                case "truncated" -> ch.truncate(EventFormat.HEADER_SIZE + 5L * EventFormat.RECORD_SIZE);
                default -> ch.truncate(10);
            }
        }
        assertThatThrownBy(() -> new EventFileCursor(List.of(file)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void shouldRefuseFilesOfDifferentInstrumentsAndLeaveNoPartialFileBehind(@TempDir Path dir) throws IOException {
        final Path a = dir.resolve("a.events");
        final Path b = dir.resolve("b.events");
        try (EventFileWriter w = new EventFileWriter(a, BTC)) {
            script(new EventEncoder(w, null), () -> {});
        }
        final EventFileWriter w = new EventFileWriter(b, Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5"));
        final EventEncoder enc = new EventEncoder(w, null);
        script(enc, enc::endMessage);
        assertThat(b).doesNotExist();
        w.close();
        assertThat(b).exists();
        assertThat(dir.resolve("b.events.part")).doesNotExist();
        assertThatThrownBy(() -> new EventFileCursor(List.of(a, b)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ETHUSDT")
                .hasMessageContaining("differs");
    }
}
