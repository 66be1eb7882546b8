package io.scalper.bybit.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.testing.Allocations;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording's frames are read and decoded from their bytes with nothing allocated per frame; Bybit's archives
 * allocate per message only the frame's own {@code String}: frames of other symbols, the sidecar's rows, trade CSV
 * rows and the decoding itself cost nothing.
 */
class SourceAllocationTest {
    @TempDir
    Path tmp;

    /** Bytes of a Latin-1 {@code String} of {@code n} characters, generously: object, array header, padding. */
    private static long stringBytes(int n) {
        return 64 + n;
    }

    @Test
    void shouldAllocateNothingPerFrame() throws IOException {
        final Path file = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final List<String> lines = Files.readAllLines(file);
        final MarketEventSink sink = new MarketEventSink() {};
        final int warmUp = 100;
        try (RecordedFrameSource source = RecordedFrameSource.open(file, BybitInstruments.BTCUSDT)) {
            for (int i = 0; i < warmUp; i++) {
                assertThat(source.next(sink)).isTrue();
            }
            final long framesBefore = source.frames();
            final long allocated = Allocations.bytes(() -> {
                try {
                    while (source.next(sink)) {
                        // play to the end
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int longest = 0;
            int own = 0;
            for (int i = (int) framesBefore; i < lines.size(); i++) {
                final String line = lines.get(i);
                longest = Math.max(longest, line.length());
                if (line.contains("BTCUSDT\"")) {
                    own++;
                }
            }
            final long otherLines = lines.size() - framesBefore - own;
            assertThat(otherLines).as("frames of other symbols measured").isGreaterThan(1000);
            assertThat(own).as("frames of the symbol measured").isGreaterThan(500);
            // Slack: the reader's line buffer may still double once for a longer line; a String per frame of the
            // symbol alone would be over 100 KB here
            final long budget = 2L * longest + 4_096;
            assertThat(allocated)
                    .as("bytes allocated reading %d frames, %d of them BTCUSDT", lines.size() - framesBefore, own)
                    .isLessThan(budget);
        }
    }

    @Test
    void shouldReadTradeRowsWithoutAllocating() throws IOException {
        final Path book = SharedData.require(BybitArchiveSourceTest.XRP);
        final List<String> bookLines = Files.readAllLines(book);
        final List<String> rows = new java.util.ArrayList<>();
        rows.add(BybitArchiveSourceTest.HEADER);
        final long start = 1_733_011_200_000L;
        for (int i = 0; i < 5_000; i++) {
            final long ms = start + i;
            rows.add(BybitArchiveSourceTest.row(
                    BybitArchiveSourceTest.seconds(ms),
                    i % 3 == 0 ? "Sell" : "Buy",
                    "" + (1 + i % 7),
                    "1.95" + (10 + i % 50)));
        }
        final Path trades = tmp.resolve("XRPUSDT2024-12-01.csv.gz");
        BybitArchiveSourceTest.writeGzip(trades, rows);
        final MarketEventSink sink = new MarketEventSink() {};
        try (BybitArchiveSource source = BybitArchiveSource.open(book, trades, BybitArchiveSourceTest.XRPUSDT)) {
            for (int i = 0; i < 100; i++) {
                assertThat(source.next(sink)).isTrue();
            }
            final long booksBefore = source.bookMessages();
            final long allocated = Allocations.bytes(() -> {
                try {
                    while (source.next(sink)) {
                        // play to the end
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(source.trades()).isEqualTo(5_000);
            assertThat(source.bookMessages()).isEqualTo(50);
            long budget = 4_096;
            // the pending book line read ahead before the measurement started is already paid for
            for (int i = (int) booksBefore; i < bookLines.size(); i++) {
                budget += stringBytes(bookLines.get(i).length());
            }
            assertThat(source.tradeRows() - 100).as("rows measured").isGreaterThan(4_000);
            assertThat(allocated)
                    .as("bytes allocated reading %d trade rows", source.tradeRows())
                    .isLessThan(budget);
        }
    }
}
