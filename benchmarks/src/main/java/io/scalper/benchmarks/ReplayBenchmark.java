package io.scalper.benchmarks;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileCursor;
import io.scalper.core.backtest.events.EventFileWriter;
import io.scalper.core.backtest.events.MessageReader;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Backtest replay throughput on one core, in market events (book levels, trades, ticker fields) per second — the
 * {@code events} counter in JMH's output. A two-hour generated market is converted once to a binary event file; each
 * invocation replays all of it:
 *
 * <ul>
 *   <li>{@code bookOnlyFromBinary}: memory-mapped records → messages → one order book and tape (no strategy);
 *   <li>{@code strategyFromBinary}: the full backtest — the simulated exchange's book and matching, the engine's book,
 *       features, eight signals, fusion, gates, router and brackets, journals off;
 *   <li>{@code strategyFromJsonFrames}: the same backtest reading the same market as recorded Bybit frames (one JSON
 *       message per line, as {@code scalper record} writes them), decoded on the fly; its {@code frames} counter is
 *       frames per second, {@code events} the market events they carried;
 *   <li>{@code strategyFromGenerator}: the same backtest over the same market generated on the fly.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {
    private static final long HOURS_NS = 2 * 3_600_000_000_000L;

    Path dir;
    Path file;
    Path frames;

    /** Events per second: JMH divides the count by the measured time. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** Frames per second (JSON replay), and the market events they carried per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Frames {
        public long frames;
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void convert() throws IOException {
        dir = Files.createTempDirectory("scalper-replay-bench");
        file = dir.resolve("generated.events");
        try (GeneratedSource source = GeneratedSource.rich(1, HOURS_NS);
                EventFileWriter w = new EventFileWriter(file, source.instrument())) {
            final EventEncoder enc = new EventEncoder(w, null);
            while (source.next(enc)) {
                enc.endMessage();
            }
            enc.endMessage();
        }
        frames = dir.resolve("generated.jsonl");
        try (GeneratedSource source = GeneratedSource.rich(1, HOURS_NS);
                java.io.Writer out = Files.newBufferedWriter(frames)) {
            final io.scalper.bybit.marketdata.BybitFrameWriter writer =
                    new io.scalper.bybit.marketdata.BybitFrameWriter(source.instrument(), out);
            while (source.next(writer)) {
                // all of it
            }
            writer.flush();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long bookOnlyFromBinary(Events counter) throws IOException {
        try (EventFileCursor cursor = new EventFileCursor(List.of(file))) {
            final MarketState market = new MarketState(cursor.instrument());
            final MarketStateSink sink = new MarketStateSink(market, MarketDataListener.NO_OP);
            final MessageReader reader = new MessageReader(cursor);
            long n = 0;
            int r;
            while ((r = reader.dispatch(sink)) > 0) {
                n += r;
            }
            sink.flush();
            counter.events += n;
            return market.book().bestBid();
        }
    }

    @Benchmark
    public double strategyFromJsonFrames(Frames counter) throws IOException {
        final BacktestResult r = BacktestRunner.builder()
                .source(io.scalper.bybit.data.RecordedFrameSource.open(
                        frames,
                        io.scalper.core.synthetic.GeneratorConfig.defaults().instrument()))
                .build()
                .run();
        counter.frames += r.messages();
        counter.events += r.events();
        return r.exchangeEquity();
    }

    /**
     * The same backtest over the same market generated on the fly ({@code scalper backtest} without {@code --data}):
     * against {@link #strategyFromJsonFrames}, what generating the market costs next to decoding it.
     */
    @Benchmark
    public double strategyFromGenerator(Events counter) throws IOException {
        final BacktestResult r = BacktestRunner.builder()
                .source(GeneratedSource.rich(1, HOURS_NS))
                .build()
                .run();
        counter.events += r.events();
        return r.exchangeEquity();
    }

    @Benchmark
    public double strategyFromBinary(Events counter) throws IOException {
        final BacktestResult r =
                BacktestRunner.builder().eventFiles(List.of(file)).build().run();
        counter.events += r.events();
        return r.exchangeEquity();
    }
}
