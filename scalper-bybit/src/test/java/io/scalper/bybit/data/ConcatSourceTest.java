package io.scalper.bybit.data;

import static io.scalper.bybit.data.BybitArchiveSourceTest.XRP;
import static io.scalper.bybit.data.BybitArchiveSourceTest.XRPUSDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConcatSource}: parts played in order, opened lazily, closed when done. */
class ConcatSourceTest {
    @TempDir
    Path tmp;

    /** A source wrapper that records whether it was closed. */
    private static final class Tracked implements MarketSource {
        final MarketSource inner;
        boolean closed;

        Tracked(MarketSource inner) {
            this.inner = inner;
        }

        @Override
        public Instrument instrument() {
            return inner.instrument();
        }

        @Override
        public boolean next(MarketEventSink sink) throws IOException {
            return inner.next(sink);
        }

        @Override
        public long localTimeNs() {
            return inner.localTimeNs();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            inner.close();
        }
    }

    private List<Path> halves() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require(XRP));
        final Path first = tmp.resolve("part1.data");
        final Path second = tmp.resolve("part2.data");
        Files.write(first, lines.subList(0, 20));
        Files.write(second, lines.subList(20, 50));
        return List.of(first, second);
    }

    @Test
    void shouldPlayTwoFilesInOrderAndCloseEachWhenDone() throws IOException {
        final List<Path> files = halves();
        final Tracked a = new Tracked(BybitArchiveSource.open(files.get(0), null, XRPUSDT));
        final Tracked b = new Tracked(BybitArchiveSource.open(files.get(1), null, XRPUSDT));
        try (ConcatSource source = ConcatSource.of(a, b)) {
            assertThat(source.instrument()).isEqualTo(XRPUSDT);
            final EventLog log = new EventLog(new io.scalper.core.book.OrderBook(XRPUSDT));
            for (int i = 0; i < 20; i++) {
                assertThat(log.step(source)).isTrue();
            }
            assertThat(source.index()).isZero();
            assertThat(a.closed).isFalse();
            log.drain(source);

            assertThat(a.closed).isTrue();
            assertThat(b.closed).isTrue();
            assertThat(source.index()).isEqualTo(1);
            assertThat(source.current()).isNull();
            assertThat(log.messages).hasSize(50);
            assertThat(log.messages.get(20).updateId())
                    .isEqualTo(log.messages.get(19).updateId() + 1);
            assertThat(log.book.gaps())
                    .as("the second part continues the first")
                    .isZero();
            assertThat(log.book.deltas()).isEqualTo(49);
        }
    }

    @Test
    void shouldOpenLazyPartsOnlyWhenTheirTurnComes() throws IOException {
        final List<Path> files = halves();
        final List<Integer> opened = new ArrayList<>();
        final List<ConcatSource.Opener> openers = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            final int n = i;
            openers.add(() -> {
                opened.add(n);
                return BybitArchiveSource.open(files.get(n), null, XRPUSDT);
            });
        }
        try (ConcatSource source = ConcatSource.lazy(XRPUSDT, openers)) {
            assertThat(opened).containsExactly(0);
            final EventLog log = new EventLog(new io.scalper.core.book.OrderBook(XRPUSDT));
            for (int i = 0; i < 20; i++) {
                log.step(source);
            }
            assertThat(opened).containsExactly(0);
            assertThat(log.step(source)).isTrue();
            assertThat(opened).containsExactly(0, 1);
            log.drain(source);
            assertThat(log.messages).hasSize(50);
        }
    }

    @Test
    void shouldRefusePartsOfAnotherInstrument() throws IOException {
        final List<Path> files = halves();
        final MarketSource xrp = BybitArchiveSource.open(files.get(0), null, XRPUSDT);
        final MarketSource btc = BybitArchiveSource.open(files.get(1), null, BybitInstruments.BTCUSDT);
        assertThatThrownBy(() -> ConcatSource.of(xrp, btc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BTCUSDT");
        xrp.close();
        btc.close();

        try (ConcatSource source = ConcatSource.lazy(
                XRPUSDT,
                List.of(
                        () -> BybitArchiveSource.open(files.get(0), null, XRPUSDT),
                        () -> BybitArchiveSource.open(files.get(1), null, BybitInstruments.BTCUSDT)))) {
            final EventLog log = new EventLog(new io.scalper.core.book.OrderBook(XRPUSDT));
            assertThatThrownBy(() -> log.drain(source))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("BTCUSDT");
            assertThat(log.messages).hasSize(20);
        }
    }
}
