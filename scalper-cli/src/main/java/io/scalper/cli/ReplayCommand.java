package io.scalper.cli;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.bybit.marketdata.InstrumentResolver;
import io.scalper.core.book.OrderBook;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper replay}: rebuilds books from a recorded Bybit file and prints them as JSON lines. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays recorded Bybit public frames (raw frames one per line, plain or .gz; Bybit's *_ob*.data archives,"
                    + " plain or .zip) or, without --data, a generated market; rebuilds the books and prints every"
                    + " K-th book update (or, with --signals, decision) as one JSON line, then a summary line per"
                    + " source."
        })
final class ReplayCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Recorded file to replay (repeatable; each file gets its own books and summary). Without it,"
                    + " a generated market is replayed (see --seed, --duration).")
    List<Path> data = new ArrayList<>();

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the generated market used without --data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "10m",
            description =
                    "Length of the generated market used without --data, e.g. 90s, 10m (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--symbol", paramLabel = "S", description = "Print only this symbol's books (default: all).")
    String symbol;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "5",
            description = "Levels per side to print (default ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--every",
            paramLabel = "K",
            defaultValue = "1",
            description = "Print every K-th book update (default ${DEFAULT-VALUE}).")
    int every;

    @Option(
            names = "--instruments",
            paramLabel = "FILE",
            description =
                    "A /v5/market/instruments-info reply giving tick and step per symbol (default: built-in table,"
                            + " else inferred from the feed's decimals).")
    Path instruments;

    @Option(
            names = "--signals",
            description = "Print one JSON line per decision (every K-th event) with each signal's score, the fused"
                    + " score, confidence, regime class and weights, instead of books.")
    boolean signals;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration (book.maxDepth, tape.*); see config/default.yaml.")
    Path config;

    @Override
    public Integer call() throws IOException {
        if (top < 0) {
            throw new ScalperCli.UsageException("--top must be >= 0, got " + top);
        }
        if (every < 1) {
            throw new ScalperCli.UsageException("--every must be >= 1, got " + every);
        }
        final ScalperConfig settings = (config == null ? ConfigFile.empty() : ConfigFile.load(config)).config();
        final String wanted = symbol == null ? null : symbol.toUpperCase(java.util.Locale.ROOT);
        final InstrumentResolver resolver = resolver();
        for (Path file : data) {
            if (!Files.isReadable(file) || Files.isDirectory(file)) {
                throw new ScalperCli.UsageException("cannot read data file: " + file);
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (data.isEmpty()) {
            final long durationNs;
            try {
                durationNs = Durations.parseNs(duration);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--duration: " + e.getMessage());
            }
            if (durationNs <= 0 || durationNs > 24 * 3_600_000_000_000L) {
                throw new ScalperCli.UsageException("--duration must be between 1s and 24h, got " + duration);
            }
            try (FrameSource source = FrameSource.generated(seed, durationNs)) {
                replay(source, "generated-seed-" + seed, resolver, settings, wanted, out);
            } catch (IOException e) {
                throw new ScalperCli.UsageException("cannot generate a market: " + e.getMessage());
            }
        }
        for (Path file : data) {
            try (FrameSource source = FrameSource.open(file)) {
                replay(source, file.getFileName().toString(), resolver, settings, wanted, out);
            } catch (IOException e) {
                throw new ScalperCli.UsageException("cannot read data file " + file + ": " + e.getMessage());
            }
        }
        out.flush();
        return 0;
    }

    private InstrumentResolver resolver() {
        if (instruments == null) {
            return BybitInstruments.defaultResolver();
        }
        if (!Files.isReadable(instruments)) {
            throw new ScalperCli.UsageException("cannot read instruments file: " + instruments);
        }
        try {
            final Map<String, Instrument> table = BybitInstruments.readInstrumentsInfo(instruments);
            return BybitInstruments.fromTable(table.values(), true);
        } catch (IOException e) {
            throw new ScalperCli.UsageException("bad instruments file " + instruments + ": " + e.getMessage());
        }
    }

    private void replay(
            FrameSource source,
            String name,
            InstrumentResolver resolver,
            ScalperConfig settings,
            String wanted,
            PrintWriter out)
            throws IOException {
        final BybitMarketDecoder decoder =
                new BybitMarketDecoder(resolver, settings.book().maxDepth(), settings.tape());
        final StringBuilder line = new StringBuilder(4096);
        final long[] printed = new long[1];
        final SignalPrinter signalPrinter = signals ? new SignalPrinter(settings, wanted, every, out) : null;
        if (signalPrinter != null) {
            decoder.setListener(signalPrinter);
        } else {
            decoder.setListener(new MarketDataListener() {
                private final java.util.Map<MarketState, long[]> counts = new java.util.IdentityHashMap<>();

                @Override
                public void onBook(MarketState market, int result) {
                    if (result != OrderBook.OK || (wanted != null && !wanted.equals(market.symbol()))) {
                        return;
                    }
                    final long[] c = counts.computeIfAbsent(market, m -> new long[1]);
                    if (++c[0] % every != 0) {
                        return;
                    }
                    line.setLength(0);
                    appendBook(line, market, top);
                    out.println(line);
                    printed[0]++;
                }
            });
        }
        while (source.decodeNext(decoder) >= 0) {
            // every frame is applied; the listener prints
        }
        line.setLength(0);
        line.append("{\"summary\":{\"file\":\"").append(jsonEscape(name)).append('"');
        field(line, "messages", decoder.messages());
        field(line, "bookUpdates", decoder.bookUpdates());
        field(line, "trades", decoder.trades());
        field(line, "gaps", decoder.gaps());
        field(line, "crossed", decoder.crossed());
        field(line, "malformed", decoder.malformed());
        field(line, "unknownTopics", decoder.unknownTopics());
        field(line, "tickers", decoder.tickerMessages());
        field(line, "controlFrames", decoder.controlFrames());
        field(line, "duplicates", decoder.duplicates());
        field(line, "rejected", decoder.rejected());
        field(line, "resets", decoder.resets());
        if (signalPrinter != null) {
            field(line, "decisions", signalPrinter.decisions());
            field(line, "nonFiniteScores", signalPrinter.nonFinite());
            printed[0] = signalPrinter.printed();
        }
        field(line, "printed", printed[0]);
        line.append("}}");
        out.println(line);
    }

    private static void field(StringBuilder sb, String name, long value) {
        sb.append(",\"").append(name).append("\":").append(value);
    }

    static void appendBook(StringBuilder sb, MarketState market, int top) {
        final OrderBook book = market.book();
        sb.append("{\"ts\":").append(book.lastUpdateTimeNs() / 1_000_000L);
        sb.append(",\"symbol\":\"").append(market.symbol()).append('"');
        sb.append(",\"u\":").append(book.updateId());
        sb.append(",\"bids\":");
        appendSide(sb, market, Side.BUY, top);
        sb.append(",\"asks\":");
        appendSide(sb, market, Side.SELL, top);
        sb.append('}');
    }

    private static void appendSide(StringBuilder sb, MarketState market, Side side, int top) {
        final OrderBook book = market.book();
        final Instrument instrument = market.instrument();
        final int n = Math.min(top, book.depth(side));
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("[\"");
            instrument.appendPrice(sb, book.priceAt(side, i));
            sb.append("\",\"");
            instrument.appendQty(sb, book.sizeAt(side, i));
            sb.append("\"]");
        }
        sb.append(']');
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
