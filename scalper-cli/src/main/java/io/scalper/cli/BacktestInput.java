package io.scalper.cli;

import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a backtest replays, chosen from the command line: binary event files ({@code *.events}), recorded or archived
 * Bybit data, or (no {@code --data}) a seeded generated market. Can be applied to any number of runners (a sweep runs
 * the same input many times), each getting a fresh source.
 */
final class BacktestInput {
    /** Opens a fresh source for one run. */
    @FunctionalInterface
    interface Opener {
        MarketSource open() throws IOException;
    }

    private final String description;
    private final List<Path> eventFiles;
    private final Opener opener;
    /** Length of a generated market, ns, or 0 for data files. */
    private final long generatedNs;

    private BacktestInput(String description, List<Path> eventFiles, Opener opener, long generatedNs) {
        this.description = description;
        this.eventFiles = eventFiles;
        this.opener = opener;
        this.generatedNs = generatedNs;
    }

    /**
     * @param data files given with --data (empty: a generated market)
     * @param symbol the symbol to replay from multi-symbol recordings ({@code null}: the file's first)
     * @param seed seed of the generated market
     * @param duration length of the generated market (also a limit on data replays, applied by the caller)
     */
    static BacktestInput of(List<Path> data, String symbol, long seed, String duration) throws IOException {
        if (data.isEmpty()) {
            final long ns = parseDuration(duration, "1h");
            return new BacktestInput(
                    "generated market, seed " + seed + ", " + Durations.format(ns),
                    null,
                    () -> GeneratedSource.rich(seed, ns),
                    ns);
        }
        final List<Path> files = new ArrayList<>();
        for (Path p : data) {
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".events"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (!Files.isReadable(p)) {
                throw new ScalperCli.UsageException("cannot read data file: " + p);
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new ScalperCli.UsageException("no .events file in " + data);
        }
        final long binary = files.stream().filter(BacktestInput::isEventFile).count();
        if (binary == files.size()) {
            return new BacktestInput(
                    files.size() == 1 ? files.get(0).toString() : files.size() + " event files", files, null, 0);
        }
        if (binary > 0) {
            throw new ScalperCli.UsageException("--data: mix of .events and other files; convert them first");
        }
        final String upper = symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
        return new BacktestInput(
                files.size() == 1 ? files.get(0).toString() : files.size() + " files from " + files.get(0),
                null,
                () -> RecordedSources.open(files, upper),
                0);
    }

    static boolean isEventFile(Path p) {
        return p.getFileName().toString().endsWith(".events");
    }

    static long parseDuration(String text, String dflt) {
        try {
            return Durations.parseNs(text == null ? dflt : text);
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException("--duration: " + e.getMessage());
        }
    }

    /** Sets the runner's market: the event files, or a freshly opened source. */
    BacktestRunner.Builder apply(BacktestRunner.Builder b) throws IOException {
        return eventFiles != null ? b.eventFiles(eventFiles) : b.source(opener.open());
    }

    /** A fresh source (not for event files). */
    MarketSource open() throws IOException {
        if (opener == null) {
            throw new IllegalStateException("event files are read by the runner");
        }
        return opener.open();
    }

    boolean isEventFiles() {
        return eventFiles != null;
    }

    List<Path> eventFiles() {
        return eventFiles;
    }

    long generatedNs() {
        return generatedNs;
    }

    String describe() {
        return description;
    }
}
