package io.scalper.benchmarks;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Real {@code orderbook.200.BTCUSDT} frames, decoded and applied to a 200-level book; one operation is one frame. The
 * frames are the recording's snapshot and its 413 deltas (6,780 level updates), replayed as a cycle: each cycle starts
 * with the snapshot again, which resets the book and its update id, so every delta is contiguous and applied — a
 * refused delta would be cheap and make the figure worthless, so each path's tear-down fails the run unless nothing was
 * refused and the book is in sync. The snapshot (8.5 KB, 400 levels) is one frame in 414 and is counted like any other.
 *
 * <p>Three paths over the same frames:
 * <ul>
 *   <li>{@link #scalperDecoder}: {@link BybitMarketDecoder} (in-place scanner, decimals straight to ticks and lots)
 *       into {@link OrderBook};
 *   <li>{@link #jacksonStreamingScalperBook}: Jackson's streaming parser into the same {@link OrderBook};
 *   <li>{@link #jacksonDatabindXChangeBook}: the baseline, Jackson databind to a {@code Map} and XChange's order book
 *       with {@code BigDecimal} levels ({@link JacksonXChangeBook}).
 * </ul>
 * Before measuring, each set-up replays one cycle and checks that its book equals the reference (the production
 * decoder's book) level by level after every frame, with 200 levels per side throughout.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FrameDecodeBenchmark {
    static final Instrument INSTRUMENT = BybitInstruments.BTCUSDT;
    private static final long FRAME_INTERVAL_NS = 100_000L;

    /** The production path: {@link BybitMarketDecoder} into its {@link OrderBook}. */
    @State(Scope.Thread)
    public static class ScalperDecoder {
        FrameCycle frames;
        BybitMarketDecoder decoder;
        OrderBook book;
        long localTimeNs;

        @Setup
        public void setUp() {
            frames = new FrameCycle(RecordedBookFrames.load());
            decoder = new BybitMarketDecoder();
            book = decoder.register(INSTRUMENT).book();
            requireSameBooks("scalper decoder", frames, () -> {
                decoder.decode(frames.next(), 0);
                return BookLevels.of(book);
            });
        }

        @TearDown
        public void check() {
            final BybitMarketDecoder d = decoder;
            if (!book.isSynced()
                    || d.gaps() != 0
                    || d.malformed() != 0
                    || d.crossed() != 0
                    || d.duplicates() != 0
                    || d.rejected() != 0
                    || d.messages() != frames.served()
                    || d.bookUpdates() != frames.served()) {
                throw new IllegalStateException("scalper decoder refused frames: " + book + " frames=" + frames.served()
                        + " applied=" + d.bookUpdates() + " gaps=" + d.gaps() + " malformed=" + d.malformed()
                        + " crossed=" + d.crossed() + " duplicates=" + d.duplicates() + " rejected=" + d.rejected());
            }
        }
    }

    /**
     * The production decoder with its market's events sent to a sink that only keeps the last update id: the frame
     * scanned and its levels converted, nothing applied. Against {@link #scalperDecoderBytes}, the split of a frame's
     * cost between decoding and the book.
     */
    @State(Scope.Thread)
    public static class ScalperScanOnly {
        FrameCycle frames;
        BybitMarketDecoder decoder;
        long lastUpdateId;

        @Setup
        public void setUp() {
            frames = new FrameCycle(RecordedBookFrames.load());
            decoder = new BybitMarketDecoder();
            decoder.emitTo(decoder.register(INSTRUMENT), new io.scalper.core.market.MarketEventSink() {
                @Override
                public void onBook(io.scalper.core.book.BookUpdate update) {
                    lastUpdateId = update.updateId() + update.count(Side.BUY) + update.count(Side.SELL);
                }
            });
        }

        @TearDown
        public void check() {
            if (decoder.malformed() != 0 || decoder.bookMessages() != frames.served()) {
                throw new IllegalStateException("scan only: frames=" + frames.served() + " book messages="
                        + decoder.bookMessages() + " malformed=" + decoder.malformed());
            }
        }
    }

    /**
     * The same frames' book updates decoded once up front and applied to the same book: the book's share alone, a floor
     * under any decoder feeding this book.
     */
    @State(Scope.Thread)
    public static class BookApplyOnly {
        io.scalper.core.book.BookUpdate[] updates;
        OrderBook book;
        int next;

        @Setup
        public void setUp() {
            final String[] frames = RecordedBookFrames.load();
            final BybitMarketDecoder decoder = new BybitMarketDecoder();
            final java.util.List<io.scalper.core.book.BookUpdate> out = new java.util.ArrayList<>();
            decoder.emitTo(decoder.register(INSTRUMENT), new io.scalper.core.market.MarketEventSink() {
                @Override
                public void onBook(io.scalper.core.book.BookUpdate u) {
                    final io.scalper.core.book.BookUpdate c = new io.scalper.core.book.BookUpdate(1024)
                            .snapshot(u.isSnapshot())
                            .updateId(u.updateId())
                            .sequence(u.sequence())
                            .exchangeTimeNs(u.exchangeTimeNs());
                    for (Side side : Side.values()) {
                        for (int i = 0; i < u.count(side); i++) {
                            c.add(side, u.price(side, i), u.size(side, i));
                        }
                    }
                    out.add(c);
                }
            });
            for (String f : frames) {
                decoder.decode(f, 0);
            }
            updates = out.toArray(new io.scalper.core.book.BookUpdate[0]);
            book = new OrderBook(INSTRUMENT, OrderBook.DEFAULT_MAX_DEPTH);
        }

        @TearDown
        public void check() {
            if (!book.isSynced() || book.gaps() != 0 || book.rejectedDeltas() != 0 || book.duplicates() != 0) {
                throw new IllegalStateException("book apply only refused updates: " + book);
            }
        }
    }

    /** Jackson's streaming parser into the same {@link OrderBook}. */
    @State(Scope.Thread)
    public static class JacksonStreaming {
        FrameCycle frames;
        JacksonStreamingBook handler;
        long localTimeNs;

        @Setup
        public void setUp() {
            frames = new FrameCycle(RecordedBookFrames.load());
            handler = new JacksonStreamingBook(RecordedBookFrames.TOPIC, INSTRUMENT, OrderBook.DEFAULT_MAX_DEPTH);
            requireSameBooks("jackson streaming", frames, () -> {
                handler.onFrame(frames.next(), 0);
                return BookLevels.of(handler.book());
            });
        }

        @TearDown
        public void check() {
            final OrderBook book = handler.book();
            if (!book.isSynced()
                    || handler.malformed() != 0
                    || book.gaps() != 0
                    || book.crossedCount() != 0
                    || book.duplicates() != 0
                    || book.rejectedDeltas() != 0
                    || book.snapshots() + book.deltas() != frames.served()) {
                throw new IllegalStateException("jackson streaming refused frames: " + book + " frames="
                        + frames.served() + " snapshots=" + book.snapshots() + " deltas=" + book.deltas()
                        + " malformed="
                        + handler.malformed() + " gaps=" + book.gaps() + " crossed=" + book.crossedCount());
            }
        }
    }

    /** The baseline: Jackson databind to a {@code Map}, then XChange's {@code OrderBook} with {@code BigDecimal}s. */
    @State(Scope.Thread)
    public static class JacksonDatabindXChange {
        FrameCycle frames;
        JacksonXChangeBook handler;

        @Setup
        public void setUp() {
            frames = new FrameCycle(RecordedBookFrames.load());
            handler = new JacksonXChangeBook();
            requireSameBooks("jackson databind + xchange", frames, () -> {
                try {
                    handler.onFrame(frames.next());
                } catch (IOException e) {
                    throw new IllegalStateException("jackson databind could not read a recorded frame", e);
                }
                return BookLevels.of(handler.book(), INSTRUMENT);
            });
        }

        @TearDown
        public void check() {
            if (!handler.isSynced()
                    || handler.refused() != 0
                    || handler.snapshots() + handler.deltas() != frames.served()) {
                throw new IllegalStateException("jackson databind + xchange refused frames: frames=" + frames.served()
                        + " snapshots=" + handler.snapshots() + " deltas=" + handler.deltas() + " refused="
                        + handler.refused());
            }
        }
    }

    /** One frame through {@link BybitMarketDecoder#decode(String, long)}. */
    @Benchmark
    public int scalperDecoder(ScalperDecoder s) {
        return s.decoder.decode(s.frames.next(), s.localTimeNs += FRAME_INTERVAL_NS);
    }

    /**
     * One frame through {@link BybitMarketDecoder#decode(byte[], int, int, long)}, from the frame's bytes as a socket
     * or a file delivers them (no {@code String}).
     */
    @Benchmark
    public int scalperDecoderBytes(ScalperDecoder s) {
        final byte[] frame = s.frames.nextBytes();
        return s.decoder.decode(frame, 0, frame.length, s.localTimeNs += FRAME_INTERVAL_NS);
    }

    /** One frame's bytes scanned and converted by the production decoder, nothing applied ({@link ScalperScanOnly}). */
    @Benchmark
    public long scalperScanOnlyBytes(ScalperScanOnly s) {
        final byte[] frame = s.frames.nextBytes();
        s.decoder.decode(frame, 0, frame.length, 0);
        return s.lastUpdateId;
    }

    /** One frame's book update, decoded beforehand, applied to the book ({@link BookApplyOnly}). */
    @Benchmark
    public int bookApplyOnly(BookApplyOnly s) {
        final int i = s.next;
        s.next = i + 1 == s.updates.length ? 0 : i + 1;
        return s.book.apply(s.updates[i]);
    }

    /** One frame through {@code ObjectMapper.readValue(bytes, Map.class)} into XChange's book. */
    @Benchmark
    public int jacksonDatabindXChangeBookBytes(JacksonDatabindXChange s) throws IOException {
        return s.handler.onFrame(s.frames.nextBytes());
    }

    /** One frame through Jackson's {@code JsonParser} into the Scalper book. */
    @Benchmark
    public int jacksonStreamingScalperBook(JacksonStreaming s) {
        return s.handler.onFrame(s.frames.next(), s.localTimeNs += FRAME_INTERVAL_NS);
    }

    /** One frame through {@code ObjectMapper.readValue(frame, Map.class)} into XChange's book. */
    @Benchmark
    public int jacksonDatabindXChangeBook(JacksonDatabindXChange s) throws IOException {
        return s.handler.onFrame(s.frames.next());
    }

    /**
     * Replays one cycle through a path ({@code step} applies the next frame and returns the book's levels) and checks
     * its book against the reference after every frame.
     *
     * @throws IllegalStateException naming the path, the frame and the first differing level
     */
    static void requireSameBooks(String path, FrameCycle frames, Supplier<BookLevels> step) {
        final BookLevels[] expected = referenceBooks();
        if (!frames.atCycleStart() || expected.length != frames.length()) {
            throw new IllegalStateException(path + ": replay must start at the snapshot of the same frames");
        }
        for (int i = 0; i < expected.length; i++) {
            final BookLevels actual = step.get();
            final String difference = actual.differenceFrom(expected[i]);
            if (difference != null) {
                throw new IllegalStateException(
                        path + ": book differs from the reference after frame " + i + ": " + difference);
            }
        }
    }

    /** The production decoder's book after each frame of one cycle, each checked to hold 200 levels per side. */
    private static BookLevels[] referenceBooks() {
        final String[] frames = RecordedBookFrames.load();
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        final OrderBook book = decoder.register(INSTRUMENT).book();
        final BookLevels[] books = new BookLevels[frames.length];
        for (int i = 0; i < frames.length; i++) {
            decoder.decode(frames[i], 0);
            books[i] = BookLevels.of(book);
            if (!book.isSynced()
                    || books[i].depth(Side.BUY) != RecordedBookFrames.DEPTH
                    || books[i].depth(Side.SELL) != RecordedBookFrames.DEPTH) {
                throw new IllegalStateException("reference book wrong after frame " + i + ": " + book);
            }
        }
        return books;
    }
}
