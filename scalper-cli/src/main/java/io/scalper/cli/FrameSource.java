package io.scalper.cli;

import io.scalper.bybit.data.FrameLines;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code scalper replay} reads: recorded Bybit frames through {@link FrameLines} (plain, {@code .gz} or
 * {@code .zip}; Bybit's {@code *_ob{N}.data} archives are the same format; an optional receive-time prefix per line),
 * or a generated market written as frames in memory.
 */
final class FrameSource implements AutoCloseable {
    private final FrameLines lines;

    private FrameSource(FrameLines lines) {
        this.lines = lines;
    }

    static FrameSource open(Path file) throws IOException {
        return new FrameSource(FrameLines.open(file));
    }

    /**
     * Frames of a generated, scenario-rich market (BTCUSDT-like, {@code orderbook.200}, trades, tickers), made in memory:
     * the embedded default when no recording is given.
     */
    static FrameSource generated(long seed, long durationNs) {
        final io.scalper.core.synthetic.GeneratorConfig config =
                io.scalper.core.synthetic.GeneratorConfig.defaults().withSeed(seed);
        final StringBuilder text = new StringBuilder(1 << 20);
        final io.scalper.bybit.marketdata.BybitFrameWriter writer =
                new io.scalper.bybit.marketdata.BybitFrameWriter(config.instrument(), text);
        new io.scalper.core.synthetic.SyntheticMarket(
                        config, io.scalper.core.synthetic.Scenarios.rich(durationNs, seed))
                .run(durationNs, writer);
        writer.flush();
        return new FrameSource(FrameLines.of(new java.io.StringReader(text.toString())));
    }

    /** The next frame, or {@code null} at the end; blank lines are skipped. */
    String next() throws IOException {
        return lines.next();
    }

    /**
     * Reads the next frame and decodes it with {@code decoder} (from the file's bytes when reading a file).
     *
     * @return the decoder's result, or -1 at the end
     */
    int decodeNext(io.scalper.bybit.marketdata.BybitMarketDecoder decoder) throws IOException {
        return lines.decodeNext(decoder);
    }

    /** Local receive time of the last frame, ns since the epoch, or 0 when the line carried none. */
    long localTimeNs() {
        return lines.localTimeNs();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
