package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileWriter;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest runner on generated markets: it trades, the accounts balance, and it is deterministic. */
class BacktestRunnerTest {
    private static final long MINUTE = 60_000_000_000L;

    private static BacktestResult run(MarketSource source, Path journals) throws IOException {
        return BacktestRunner.builder()
                .config(io.scalper.core.testing.Configs.plumbing())
                .source(source)
                .seed(7)
                .journalDirectory(journals)
                .build()
                .run();
    }

    static void assertAccountsBalance(BacktestResult r) {
        final double initial = ScalperConfig.defaults().backtest().initialBalance();
        assertThat(r.exchangePositionLots()).as("flattened at the end").isZero();
        assertThat(r.enginePositionLots())
                .as("strategy position = exchange position")
                .isEqualTo(r.exchangePositionLots());
        final double realized = r.stats().realizedPnl();
        assertThat(initial + realized - r.stats().fees() + r.stats().funding())
                .as("initial + realised - fees + funding = final equity")
                .isCloseTo(r.exchangeEquity(), offset(1e-6));
        assertThat(r.stats().endEquity()).isCloseTo(r.exchangeEquity(), offset(1e-6));
        double net = 0;
        for (RoundTrip t : r.trades()) {
            net += t.netPnl();
        }
        assertThat(initial + net).isCloseTo(r.exchangeEquity(), offset(1e-6));
        assertThat(r.invariantViolations()).as("never unprotected").isZero();
        assertThat(r.unknownOrders()).isZero();
    }

    @Test
    void shouldTradeAGeneratedHourAndBalanceTheAccounts() throws IOException {
        final BacktestResult r = run(GeneratedSource.rich(3, 60 * MINUTE), null);
        assertThat(r.events()).isGreaterThan(100_000);
        assertThat(r.messages()).isGreaterThan(10_000);
        assertThat(r.trades()).isNotEmpty();
        assertThat(r.stats().trades()).isEqualTo(r.trades().size());
        assertThat(r.endTimeNs() - r.startTimeNs()).isGreaterThanOrEqualTo(59 * MINUTE);
        assertThat(r.equity().size()).as("equity sampled every second").isGreaterThan(3000);
        assertThat(r.prices().length).isEqualTo(r.priceTimesNs().length).isGreaterThan(3000);
        assertThat(r.stats().makerFills() + r.stats().takerFills()).isPositive();
        assertThat(r.stats().fees()).isPositive();
        assertAccountsBalance(r);
    }

    @Test
    void shouldGiveIdenticalJournalsAndSummaryForTheSameInputsAndSeed(@TempDir Path dir) throws IOException {
        final BacktestResult a = run(GeneratedSource.rich(5, 20 * MINUTE), dir.resolve("a"));
        final BacktestResult b = run(GeneratedSource.rich(5, 20 * MINUTE), dir.resolve("b"));
        assertThat(a.trades()).isNotEmpty().isEqualTo(b.trades());
        assertThat(withoutTiming(a.toJson())).isEqualTo(withoutTiming(b.toJson()));
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            final List<Path> list = files.sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(4);
            for (Path f : list) {
                assertThat(Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())))
                        .as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
        final BacktestResult other = run(GeneratedSource.rich(6, 20 * MINUTE), null);
        assertThat(other.trades()).isNotEqualTo(a.trades());
    }

    static String withoutTiming(String json) {
        return json.replaceAll("\"eventsPerSecond\":[0-9.eE+-]+,?", "").replaceAll("\"wallSeconds\":[0-9.eE+-]+,?", "");
    }

    @Test
    void shouldReplayABinaryEventFileExactlyLikeItsSource(@TempDir Path dir) throws IOException {
        final Path file = dir.resolve("gen.events");
        final GeneratedSource source = GeneratedSource.rich(9, 20 * MINUTE);
        convert(source, file);
        final BacktestResult fromSource = run(GeneratedSource.rich(9, 20 * MINUTE), null);
        final BacktestResult fromFile = BacktestRunner.builder()
                .config(io.scalper.core.testing.Configs.plumbing())
                .eventFiles(List.of(file))
                .seed(7)
                .build()
                .run();
        assertThat(fromFile.events()).isEqualTo(fromSource.events());
        assertThat(fromFile.messages()).isEqualTo(fromSource.messages());
        assertThat(fromFile.trades()).isNotEmpty().isEqualTo(fromSource.trades());
        assertThat(withoutTiming(fromFile.toJson())).isEqualTo(withoutTiming(fromSource.toJson()));
    }

    static long convert(MarketSource source, Path file) throws IOException {
        try (source;
                EventFileWriter w = new EventFileWriter(file, source.instrument())) {
            final EventEncoder enc = new EventEncoder(w, source::localTimeNs);
            while (source.next(enc)) {
                enc.endMessage();
            }
            enc.endMessage();
            return w.count();
        }
    }

    @Test
    void shouldPlaySeveralFilesInOrderAsOneMarket(@TempDir Path dir) throws IOException {
        // one generated market split into two "days" at a message boundary
        final Path whole = dir.resolve("whole.events");
        convert(GeneratedSource.rich(11, 20 * MINUTE), whole);
        final Path day1 = dir.resolve("d1.events");
        final Path day2 = dir.resolve("d2.events");
        final GeneratedSource src = GeneratedSource.rich(11, 20 * MINUTE);
        final long split = 10 * MINUTE;
        try (src;
                EventFileWriter w1 = new EventFileWriter(day1, src.instrument());
                EventFileWriter w2 = new EventFileWriter(day2, src.instrument())) {
            final long[] first = {0};
            final long[] last = {0};
            final EventEncoder e1 = new EventEncoder(w1, null);
            final EventEncoder e2 = new EventEncoder(w2, null);
            final EventEncoder[] current = {e1};
            final MarketEventSink router = new MarketEventSink() {
                private EventEncoder pick(long t) {
                    if (first[0] == 0) {
                        first[0] = t;
                    }
                    last[0] = t;
                    return current[0];
                }

                @Override
                public void onBook(BookUpdate u) {
                    pick(u.exchangeTimeNs()).onBook(u);
                }

                @Override
                public void onTrade(long t, long p, long s, Side a) {
                    pick(t).onTrade(t, p, s, a);
                }

                @Override
                public void onTicker(TickerState t) {
                    pick(t.exchangeTimeNs()).onTicker(t);
                }
            };
            while (src.next(router)) {
                current[0].endMessage();
                if (current[0] == e1 && first[0] != 0 && last[0] - first[0] > split) {
                    current[0] = e2;
                }
            }
            current[0].endMessage();
            assertThat(w1.count()).isPositive();
            assertThat(w2.count()).isPositive();
        }
        final BacktestResult one =
                BacktestRunner.builder().eventFiles(List.of(whole)).build().run();
        final BacktestResult two =
                BacktestRunner.builder().eventFiles(List.of(day1, day2)).build().run();
        assertThat(two.events()).isEqualTo(one.events());
        assertThat(two.trades()).isEqualTo(one.trades());
    }

    @Test
    void shouldDeliverMarketDataToTheStrategyAfterTheFeedLatency() throws IOException {
        final ScalperConfig d = io.scalper.core.testing.Configs.plumbing();
        // a recorded receive time 120 ms after publication: the latency gate (80 ms) refuses every entry
        final MarketSource slow = new DelayedSource(GeneratedSource.rich(3, 5 * MINUTE), 120_000_000L);
        final BacktestResult late =
                BacktestRunner.builder().config(d).source(slow).build().run();
        assertThat(late.trades()).isEmpty();
        assertThat(late.refusals()).containsKey("latency_too_high");
        // the same data with recorded latencies ignored (feedLatency 10 ms) trades
        final ScalperConfig ignore = d.with("backtest.recordedFeedLatency", "false");
        final BacktestResult ignored = BacktestRunner.builder()
                .config(ignore)
                .source(new DelayedSource(GeneratedSource.rich(3, 5 * MINUTE), 120_000_000L))
                .build()
                .run();
        assertThat(ignored.refusals()).doesNotContainKey("latency_too_high");
        // a recorder whose clock was months off: its receive times are not believed (and the run does not crawl
        // through months of timers)
        final BacktestResult skewed = BacktestRunner.builder()
                .config(d)
                .source(new DelayedSource(GeneratedSource.rich(3, 5 * MINUTE), 200L * 86_400_000_000_000L))
                .build()
                .run();
        assertThat(skewed.stats().extras().get("implausibleReceiveTimes").longValue())
                .isEqualTo(skewed.messages());
        assertThat(skewed.endTimeNs() - skewed.startTimeNs()).isLessThan(10 * MINUTE);
        assertThat(ignored.trades()).isNotEmpty();
    }

    /** A source whose messages carry a recorded receive time a fixed delay after their exchange time. */
    static final class DelayedSource implements MarketSource {
        private final MarketSource inner;
        private final long delayNs;
        private long local;

        DelayedSource(MarketSource inner, long delayNs) {
            this.inner = inner;
            this.delayNs = delayNs;
        }

        @Override
        public Instrument instrument() {
            return inner.instrument();
        }

        @Override
        public boolean next(MarketEventSink sink) throws IOException {
            return inner.next(new MarketEventSink() {
                @Override
                public void onBook(BookUpdate u) {
                    local = u.exchangeTimeNs() + delayNs;
                    sink.onBook(u);
                }

                @Override
                public void onTrade(long t, long p, long s, Side a) {
                    local = t + delayNs;
                    sink.onTrade(t, p, s, a);
                }

                @Override
                public void onTicker(TickerState t) {
                    local = t.exchangeTimeNs() + delayNs;
                    sink.onTicker(t);
                }
            });
        }

        @Override
        public long localTimeNs() {
            return local;
        }
    }
}
