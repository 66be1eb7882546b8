package io.scalper.cli;

import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalper convert}: any market source into a binary event file. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts market data into a binary event file (fixed-width records, read through a memory map; see"
                    + " EventFormat): recorded frames, Bybit archives (with their trade CSV), or 'generated' for a"
                    + " seeded generated market. Backtests read .events files many times faster than JSON."
        })
final class ConvertCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Data file, or 'generated'.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The .events file to write.")
    Path out;

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol to keep from multi-symbol recordings.")
    String symbol;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the generated market (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", paramLabel = "D", description = "Length of the generated market (default 1h).")
    String duration;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".events")) {
            throw new ScalperCli.UsageException("OUT must end with .events: " + out);
        }
        final List<Path> data = in.toLowerCase(Locale.ROOT).equals("generated") ? List.of() : List.of(Path.of(in));
        if (!data.isEmpty() && BacktestInput.isEventFile(data.get(0))) {
            throw new ScalperCli.UsageException("IN is already an event file: " + in);
        }
        final BacktestInput input = BacktestInput.of(data, symbol, seed, duration);
        final long records;
        final long messages;
        try (MarketSource source = input.open();
                EventFileWriter w = new EventFileWriter(out, source.instrument())) {
            final EventEncoder enc = new EventEncoder(w, source::localTimeNs);
            try {
                while (source.next(enc)) {
                    enc.endMessage();
                }
                enc.endMessage();
            } catch (IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
            records = enc.records();
            messages = enc.messages();
        }
        final PrintWriter o = spec.commandLine().getOut();
        o.println(String.format(
                Locale.ROOT,
                "%s: %,d messages, %,d events, %,d bytes (from %s)",
                out,
                messages,
                records,
                Files.size(out),
                input.describe()));
        o.flush();
        return 0;
    }
}
