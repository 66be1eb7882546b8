package io.scalper.benchmarks;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.concurrent.TimeUnit;
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
 * One single-level delta applied to a 200-level-per-side BTCUSDT book built from the real snapshot, through
 * {@link OrderBook#apply(BookUpdate)} with its update-id check, level search, shift and crossed check.
 *
 * <p>The script cycles through {@value #STEPS} pre-filled one-level updates, half size changes and half inserts and
 * deletes, roughly the mix of the recording (BTCUSDT: 6,780 level updates, 1,522 inserts, 1,522 deletes):
 * on each side, insert a level at a free tick, change the best level, delete the inserted level, change the second
 * level; first with a free tick among the top levels, then with one about 40 levels deep. Sizes alternate between
 * two values so every change is a real change. Each insert is deleted in the same cycle, so the book returns to
 * 200 levels per side; the update id rises by one per operation, so every delta is applied, never refused. The
 * tear-down checks that: synchronised, no gap, no crossing, no missed delete, 200 levels per side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class BookUpdateBenchmark {
    static final int STEPS = 16;
    private static final int MASK = STEPS - 1;
    private static final int DEEP_LEVEL = 40;
    private static final long INSERTED_SIZE_LOTS = 5;
    private static final long SIZE_CHANGE_LOTS = 7;

    private final Instrument instrument = BybitInstruments.BTCUSDT;
    private final BookUpdate[] script = new BookUpdate[STEPS];
    private OrderBook book;
    private long snapshotUpdateId;
    private long updateId;
    private int next = MASK;

    @Setup
    public void setUp() {
        final OrderBook recorded = recordedSnapshotBook();
        book = new OrderBook(instrument, OrderBook.DEFAULT_MAX_DEPTH);
        final BookUpdate snapshot =
                new BookUpdate(RecordedBookFrames.DEPTH).clear().snapshot(true).updateId(recorded.updateId());
        for (Side side : Side.values()) {
            for (int level = 0; level < recorded.depth(side); level++) {
                snapshot.add(side, recorded.priceAt(side, level), recorded.sizeAt(side, level));
            }
        }
        if (book.apply(snapshot) != OrderBook.OK) {
            throw new IllegalStateException("snapshot not applied: " + book);
        }
        snapshotUpdateId = book.updateId();
        updateId = snapshotUpdateId;
        int step = 0;
        for (int block = 0; block < 4; block++) {
            final Side side = (block & 1) == 0 ? Side.BUY : Side.SELL;
            final long freeTicks = freeTickWorseThan(side, block < 2 ? 0 : DEEP_LEVEL);
            final long best = book.priceAt(side, 0);
            final long second = book.priceAt(side, 1);
            // blocks 0-1 move the sizes off the snapshot's, blocks 2-3 put them back
            final long delta = block < 2 ? SIZE_CHANGE_LOTS : 0;
            script[step++] = level(side, freeTicks, INSERTED_SIZE_LOTS);
            script[step++] = level(side, best, book.sizeAt(side, 0) + delta);
            script[step++] = level(side, freeTicks, 0);
            script[step++] = level(side, second, book.sizeAt(side, 1) + delta);
        }
    }

    /** The real BTCUSDT snapshot, decoded by the production decoder. */
    private OrderBook recordedSnapshotBook() {
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        decoder.register(instrument);
        if (decoder.decode(RecordedBookFrames.load()[0], 0) != BybitMarketDecoder.BOOK) {
            throw new IllegalStateException("the recorded snapshot did not decode");
        }
        final OrderBook recorded = decoder.market(instrument.symbol()).book();
        if (!recorded.isSynced()
                || recorded.depth(Side.BUY) != RecordedBookFrames.DEPTH
                || recorded.depth(Side.SELL) != RecordedBookFrames.DEPTH) {
            throw new IllegalStateException("unexpected recorded snapshot: " + recorded);
        }
        return recorded;
    }

    /** The first tick with no level, going away from the best price from level {@code fromLevel}. */
    private long freeTickWorseThan(Side side, int fromLevel) {
        final long away = side == Side.BUY ? -1 : 1;
        for (int level = fromLevel; level + 1 < book.depth(side); level++) {
            final long candidate = book.priceAt(side, level) + away;
            if (candidate != book.priceAt(side, level + 1)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free tick on the " + side + " side worse than level " + fromLevel);
    }

    private static BookUpdate level(Side side, long priceTicks, long sizeLots) {
        return new BookUpdate(1).clear().add(side, priceTicks, sizeLots);
    }

    /** Applies the next scripted one-level delta with the next update id. */
    @Benchmark
    public int applyOneLevelDelta() {
        final BookUpdate u = script[next = (next + 1) & MASK];
        return book.apply(u.updateId(++updateId));
    }

    @TearDown
    public void checkBook() {
        while (next != MASK) {
            applyOneLevelDelta(); // finish the cycle, so every insert has been deleted again
        }
        final OrderBook b = book;
        if (!b.isSynced()
                || b.updateId() != updateId
                || b.deltas() != updateId - snapshotUpdateId
                || b.gaps() != 0
                || b.crossedCount() != 0
                || b.deleteMisses() != 0
                || b.invalidLevels() != 0
                || b.evictions() != 0
                || b.inserts() != b.deletes()
                || b.depth(Side.BUY) != RecordedBookFrames.DEPTH
                || b.depth(Side.SELL) != RecordedBookFrames.DEPTH) {
            throw new IllegalStateException("book benchmark measured refused or wrong updates: " + b + " deltas="
                    + b.deltas() + " gaps=" + b.gaps() + " crossed=" + b.crossedCount() + " deleteMisses="
                    + b.deleteMisses() + " inserts=" + b.inserts() + " deletes=" + b.deletes() + " changes="
                    + b.changes());
        }
    }
}
