package io.scalper.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads recorded Bybit frames, one per line: raw frames as received, or Bybit's {@code *_ob{N}.data} archive lines
 * (the same format); plain, {@code .gz}, or {@code .zip} (first entry). A line may carry the local receive time
 * before a tab: integer nanoseconds or decimal seconds since the epoch.
 */
final class FrameSource implements AutoCloseable {
    private final BufferedReader reader;
    private long localTimeNs;

    private FrameSource(BufferedReader reader) {
        this.reader = reader;
    }

    static FrameSource open(Path file) throws IOException {
        final String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        InputStream in = Files.newInputStream(file);
        try {
            if (name.endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            } else if (name.endsWith(".zip")) {
                final ZipInputStream zip = new ZipInputStream(in);
                ZipEntry entry;
                do {
                    entry = zip.getNextEntry();
                } while (entry != null && entry.isDirectory());
                if (entry == null) {
                    zip.close();
                    throw new IOException("no file inside zip archive " + file);
                }
                in = zip;
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new FrameSource(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
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
        return new FrameSource(new BufferedReader(new java.io.StringReader(text.toString())));
    }

    /** The next frame, or {@code null} at the end; blank lines are skipped. */
    String next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            localTimeNs = 0;
            final int tab = line.indexOf('\t');
            if (tab > 0 && line.charAt(0) != '{') {
                localTimeNs = parseTime(line, tab);
                return line.substring(tab + 1);
            }
            return line;
        }
        return null;
    }

    /** Local receive time of the last frame, ns since the epoch, or 0 when the line carried none. */
    long localTimeNs() {
        return localTimeNs;
    }

    private static long parseTime(String line, int tab) {
        final String t = line.substring(0, tab).trim();
        try {
            if (t.indexOf('.') >= 0) {
                return new java.math.BigDecimal(t).movePointRight(9).longValue();
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
