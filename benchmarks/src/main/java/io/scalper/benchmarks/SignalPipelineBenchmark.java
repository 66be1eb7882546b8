package io.scalper.benchmarks;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Side;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Features + eight signals + fusion per market event, on a generated market (events pre-recorded, replayed through
 * {@link MarketStateSink}: book apply + pipeline) and on the real recorded Bybit stream (frame decode with and without
 * the pipeline; the difference is the pipeline's cost). One op = one event / one frame. Steady state allocates nothing
 * (check {@code gc.alloc.rate.norm} with {@code -prof gc}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignalPipelineBenchmark {

    /** A generated scenario-rich session, recorded once and replayed in a loop (snapshot first, so ids stay contiguous). */
    @State(Scope.Thread)
    public static class Generated {
        BookUpdate[] books;
        // event stream: >= 0 → index into books; < 0 → -(trade index) - 1
        int[] events;
        long[] tradeTimes;
        long[] tradePrices;
        long[] tradeSizes;
        boolean[] tradeBuys;
        MarketStateSink sink;
        MarketStateSink bookOnlySink;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(7);
            final long duration = 600_000_000_000L;
            final List<BookUpdate> bookList = new ArrayList<>();
            final List<long[]> tradeList = new ArrayList<>();
            final List<Integer> eventList = new ArrayList<>();
            new SyntheticMarket(gen, Scenarios.rich(duration, 7)).run(duration, new MarketEventSink() {
                @Override
                public void onBook(BookUpdate u) {
                    final BookUpdate copy = new BookUpdate(Math.max(u.count(Side.BUY), u.count(Side.SELL)) + 1);
                    copy.snapshot(u.isSnapshot())
                            .updateId(u.updateId())
                            .sequence(u.sequence())
                            .exchangeTimeNs(u.exchangeTimeNs())
                            .matchTimeNs(u.matchTimeNs())
                            .localTimeNs(u.localTimeNs());
                    for (int i = 0; i < u.count(Side.BUY); i++) {
                        copy.addBid(u.price(Side.BUY, i), u.size(Side.BUY, i));
                    }
                    for (int i = 0; i < u.count(Side.SELL); i++) {
                        copy.addAsk(u.price(Side.SELL, i), u.size(Side.SELL, i));
                    }
                    eventList.add(bookList.size());
                    bookList.add(copy);
                }

                @Override
                public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
                    eventList.add(-(tradeList.size()) - 1);
                    tradeList.add(new long[] {timeNs, priceTicks, sizeLots, aggressor == Side.BUY ? 1 : 0});
                }
            });
            books = bookList.toArray(new BookUpdate[0]);
            events = eventList.stream().mapToInt(Integer::intValue).toArray();
            tradeTimes = tradeList.stream().mapToLong(t -> t[0]).toArray();
            tradePrices = tradeList.stream().mapToLong(t -> t[1]).toArray();
            tradeSizes = tradeList.stream().mapToLong(t -> t[2]).toArray();
            tradeBuys = new boolean[tradeList.size()];
            for (int i = 0; i < tradeBuys.length; i++) {
                tradeBuys[i] = tradeList.get(i)[3] == 1;
            }
            final ScalperConfig config = ScalperConfig.defaults();
            final MarketState market =
                    new MarketState(gen.instrument(), config.book().maxDepth(), config.tape());
            final SignalPipeline pipeline =
                    SignalPipeline.create(market, config.features(), config.signals(), config.fusion());
            sink = new MarketStateSink(market, pipeline);
            final MarketState bare =
                    new MarketState(gen.instrument(), config.book().maxDepth(), config.tape());
            bookOnlySink = new MarketStateSink(bare, MarketDataListener.NO_OP);
            // one full pass first: markets, tapes and detectors reach steady state
            for (int i = 0; i < events.length; i++) {
                step(sink);
                step(bookOnlySink);
            }
        }

        int step(MarketStateSink target) {
            final int e = events[next];
            if (++next == events.length) {
                next = 0;
            }
            if (e >= 0) {
                target.onBook(books[e]);
            } else {
                final int t = -e - 1;
                target.onTrade(tradeTimes[t], tradePrices[t], tradeSizes[t], tradeBuys[t] ? Side.BUY : Side.SELL);
            }
            return e;
        }
    }

    /** The real recorded 4-symbol Bybit stream, one pipeline per symbol. */
    @State(Scope.Thread)
    public static class Real {
        String[] frames;
        BybitMarketDecoder withSignals;
        BybitMarketDecoder decodeOnly;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            frames = Files.readAllLines(SharedData.require(SharedData.BYBIT_LINEAR_STREAM))
                    .toArray(new String[0]);
            final ScalperConfig config = ScalperConfig.defaults();
            decodeOnly = new BybitMarketDecoder();
            withSignals = new BybitMarketDecoder();
            for (String f : frames) {
                withSignals.decode(f, 0);
                decodeOnly.decode(f, 0);
            }
            final Map<MarketState, SignalPipeline> pipelines = new IdentityHashMap<>();
            for (int i = 0; i < withSignals.marketCount(); i++) {
                final MarketState m = withSignals.marketAt(i);
                pipelines.put(m, SignalPipeline.create(m, config.features(), config.signals(), config.fusion()));
            }
            withSignals.setListener(new MarketDataListener() {
                @Override
                public void onBook(MarketState m, int result) {
                    pipelines.get(m).onBook(m, result);
                }

                @Override
                public void onTrades(MarketState m, int count) {
                    pipelines.get(m).onTrades(m, count);
                }
            });
            for (int pass = 0; pass < 20; pass++) {
                for (String f : frames) {
                    withSignals.decode(f, 0);
                    decodeOnly.decode(f, 0);
                }
            }
        }

        String nextFrame() {
            final String f = frames[next];
            if (++next == frames.length) {
                next = 0;
            }
            return f;
        }
    }

    /** Book apply + features + 8 signals + fusion, per generated event. */
    @Benchmark
    public int generatedEventWithSignals(Generated g) {
        return g.step(g.sink);
    }

    /** Book apply only (and trades into the tape), per generated event: the baseline to subtract. */
    @Benchmark
    public int generatedEventBookOnly(Generated g) {
        return g.step(g.bookOnlySink);
    }

    /** Real frame: decode + book/tape/ticker + features + 8 signals + fusion. */
    @Benchmark
    public int realFrameWithSignals(Real r) {
        return r.withSignals.decode(r.nextFrame(), 0);
    }

    /** Real frame: decode + book/tape/ticker only. */
    @Benchmark
    public int realFrameDecodeOnly(Real r) {
        return r.decodeOnly.decode(r.nextFrame(), 0);
    }
}
