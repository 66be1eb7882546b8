package io.scalper.core.testing;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.SignalPipeline;

/**
 * A hand-driven market for feature and signal tests: a BTCUSDT-like instrument, its state, a signal pipeline, and
 * helpers to publish snapshots, deltas and trades at a script clock that only moves when told.
 */
public final class MarketScript {
    public static final Instrument INSTRUMENT = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    public static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    public final MarketState market;
    public final SignalPipeline pipeline;
    public final MarketStateSink sink;
    private final BookUpdate update = new BookUpdate();
    private long nowNs = START_NS;
    private long updateId;

    public MarketScript() {
        this(ScalperConfig.defaults());
    }

    public MarketScript(ScalperConfig config) {
        this.market = new MarketState(INSTRUMENT, config.book().maxDepth(), config.tape());
        this.pipeline = SignalPipeline.create(market, config.features(), config.signals(), config.fusion());
        this.sink = new MarketStateSink(market, pipeline);
    }

    public long nowNs() {
        return nowNs;
    }

    public Features features() {
        return pipeline.features();
    }

    public Decision decision() {
        return pipeline.decision();
    }

    public MarketScript advanceMs(long ms) {
        nowNs += ms * 1_000_000L;
        return this;
    }

    /** Lets time pass with no event, then re-evaluates. */
    public MarketScript idleMs(long ms) {
        advanceMs(ms);
        sink.flush();
        pipeline.onTime(nowNs);
        return this;
    }

    /**
     * A snapshot of {@code levels} per side around a touch: best bid {@code bidTicks}, best ask {@code askTicks}, each
     * level one tick apart with the given sizes (bid sizes best first, then ask sizes best first; the last size
     * repeats).
     */
    public MarketScript snapshot(long bidTicks, long askTicks, int levels, long[] bidSizes, long[] askSizes) {
        update.clear().snapshot(true).updateId(++updateId).exchangeTimeNs(nowNs);
        for (int i = 0; i < levels; i++) {
            update.addBid(bidTicks - i, bidSizes[Math.min(i, bidSizes.length - 1)]);
            update.addAsk(askTicks + i, askSizes[Math.min(i, askSizes.length - 1)]);
        }
        sink.onBook(update);
        return this;
    }

    /** A symmetric snapshot: 50 levels per side of {@code size} lots, 1-tick spread at {@code bidTicks}. */
    public MarketScript flatBook(long bidTicks, long size) {
        return snapshot(bidTicks, bidTicks + 1, 50, new long[] {size}, new long[] {size});
    }

    /** Starts a delta; add levels with {@link #level} and publish with {@link #publish()}. */
    public MarketScript delta() {
        update.clear().updateId(++updateId).exchangeTimeNs(nowNs);
        return this;
    }

    public MarketScript level(Side side, long priceTicks, long sizeLots) {
        update.add(side, priceTicks, sizeLots);
        return this;
    }

    public MarketScript publish() {
        update.exchangeTimeNs(nowNs);
        sink.onBook(update);
        return this;
    }

    /** One-level delta, published. */
    public MarketScript set(Side side, long priceTicks, long sizeLots) {
        return delta().level(side, priceTicks, sizeLots).publish();
    }

    /** A trade now (delivered to the pipeline with the next book event, {@link #flush()} or idle). */
    public MarketScript trade(long priceTicks, long sizeLots, Side aggressor) {
        sink.onTrade(nowNs, priceTicks, sizeLots, aggressor);
        return this;
    }

    /** Delivers pending trades. */
    public MarketScript flush() {
        sink.flush();
        return this;
    }
}
