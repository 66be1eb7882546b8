package io.scalper.cli;

import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

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
    /** With several symbols traded on one account: one opener each (and {@link #opener} is the first). */
    private final List<Opener> symbolOpeners;

    private BacktestInput(String description, List<Path> eventFiles, Opener opener, long generatedNs) {
        this(description, eventFiles, opener, generatedNs, List.of());
    }

    private BacktestInput(
            String description, List<Path> eventFiles, Opener opener, long generatedNs, List<Opener> symbolOpeners) {
        this.description = description;
        this.eventFiles = eventFiles;
        this.opener = opener;
        this.generatedNs = generatedNs;
        this.symbolOpeners = symbolOpeners;
    }

    /**
     * The input of a backtest of {@code symbols} traded together on one account: from recorded frames holding them
     * all (each symbol's frames replayed as its own source), or, without data, a generated market per symbol (seed
     * {@code seed + i} for the i-th; a symbol other than the profile's gets the profile's model on its own
     * instrument). One symbol (or none: the file's first) is {@link #of(List, String, long, String, MarketOptions)}.
     *
     * @throws ScalperCli.UsageException when several symbols are asked of binary event files (one symbol each)
     */
    static BacktestInput ofSymbols(
            List<Path> data, List<String> symbols, long seed, String duration, MarketOptions market)
            throws IOException {
        if (symbols.size() <= 1) {
            return of(data, symbols.isEmpty() ? null : symbols.get(0), seed, duration, market);
        }
        final List<Opener> openers = new ArrayList<>();
        if (data.isEmpty()) {
            final long ns = parseDuration(duration, "1h");
            for (int i = 0; i < symbols.size(); i++) {
                final String symbol = symbols.get(i).toUpperCase(Locale.ROOT);
                final long s = seed + i;
                final GeneratorConfig generator = market.configFor(symbol, s);
                openers.add(() -> new GeneratedSource(generator, market.scenarios(ns, s), ns));
            }
            return new BacktestInput(
                    "generated markets " + symbols + ", seeds " + seed + ".." + (seed + symbols.size() - 1) + ", "
                            + Durations.format(ns) + market.describe(),
                    null,
                    openers.get(0),
                    ns,
                    List.copyOf(openers));
        }
        final BacktestInput one = of(data, symbols.get(0), seed, duration, market);
        if (one.isEventFiles()) {
            throw new ScalperCli.UsageException(
                    "several --symbol need recorded frames or a generated market: an .events file holds one symbol");
        }
        final List<Path> files = new ArrayList<>();
        for (Path p : data) {
            files.add(p);
        }
        for (String symbol : symbols) {
            final String upper = symbol.toUpperCase(Locale.ROOT);
            openers.add(() -> RecordedSources.open(files, upper));
        }
        return new BacktestInput(one.description, null, openers.get(0), 0, List.copyOf(openers));
    }

    /** {@code config} on {@code symbol}'s instrument (Bybit's rules as built in), when it is not already. */
    static GeneratorConfig onInstrument(GeneratorConfig config, String symbol) {
        if (config.instrument().symbol().equals(symbol)) {
            return config;
        }
        final io.scalper.core.model.Instrument inst =
                io.scalper.bybit.marketdata.BybitInstruments.builtIn().get(symbol);
        if (inst == null) {
            throw new ScalperCli.UsageException("--symbol: no generated market for " + symbol + " (known: "
                    + io.scalper.bybit.marketdata.BybitInstruments.builtIn().keySet() + "); give --data");
        }
        final String price = symbol.startsWith("ETH") ? "3000" : symbol.startsWith("BTC") ? "65000" : "1";
        return config.withInstrument(inst, inst.parsePrice(price));
    }

    /** Whether this input trades several symbols on one account. */
    boolean multiSymbol() {
        return symbolOpeners.size() > 1;
    }

    /**
     * @param data files given with --data (empty: a generated market)
     * @param symbol the symbol to replay from multi-symbol recordings ({@code null}: the file's first)
     * @param seed seed of the generated market
     * @param duration length of the generated market (also a limit on data replays, applied by the caller)
     */
    static BacktestInput of(List<Path> data, String symbol, long seed, String duration) throws IOException {
        return of(data, symbol, seed, duration, new MarketOptions());
    }

    /**
     * Like {@link #of(List, String, long, String)}, with the generated market's profile and predictability.
     *
     * @throws ScalperCli.UsageException if market options are given with {@code --data}, or are bad
     */
    static BacktestInput of(List<Path> data, String symbol, long seed, String duration, MarketOptions market)
            throws IOException {
        if (data.isEmpty()) {
            final long ns = parseDuration(duration, "1h");
            final GeneratorConfig generator = market.config(seed);
            final String wanted = symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
            if (wanted != null && !wanted.equals(generator.instrument().symbol())) {
                // --symbol names another contract than the profile's: its own market (see configFor)
                final GeneratorConfig own = market.configFor(wanted, seed);
                return new BacktestInput(
                        "generated market " + wanted + ", seed " + seed + ", " + Durations.format(ns)
                                + market.describe(),
                        null,
                        () -> new GeneratedSource(own, market.scenarios(ns, seed), ns),
                        ns);
            }
            return new BacktestInput(
                    "generated market, seed " + seed + ", " + Durations.format(ns) + market.describe(),
                    null,
                    market.isSet()
                            ? () -> new GeneratedSource(generator, market.scenarios(ns, seed), ns)
                            : () -> GeneratedSource.rich(seed, ns),
                    ns);
        }
        if (market.isSet()) {
            throw new ScalperCli.UsageException(
                    "--profile, --predictability, --pattern-move-bps and --mix shape a generated market: not with --data");
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

    /** Sets the runner's market: the event files, or a freshly opened source (one per symbol, with several). */
    BacktestRunner.Builder apply(BacktestRunner.Builder b) throws IOException {
        if (multiSymbol()) {
            final List<MarketSource> sources = new ArrayList<>();
            try {
                for (Opener o : symbolOpeners) {
                    sources.add(o.open());
                }
            } catch (IOException | RuntimeException e) {
                for (MarketSource s : sources) {
                    s.close();
                }
                throw e;
            }
            return b.sources(sources).description(description);
        }
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

    /**
     * The generated market's options, shared by {@code backtest}, {@code research}, {@code sweep}, {@code generate},
     * {@code sim} and {@code run --sim} (a picocli mixin): a calibrated profile, the martingale model's predictability
     * and injected move (see {@link GeneratorConfig}), and the mix of patterns it plays.
     */
    static final class MarketOptions implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Option(
                names = "--profile",
                paramLabel = "NAME",
                description = "Generated market: default (the legacy BTCUSDT-like market), btcusdt or ethusdt"
                        + " (calibrated to published volatility, Bybit's 24 h volume and recorded trade sizes;"
                        + " martingale model, predictability 0 unless --predictability says otherwise).")
        String profile;

        @Option(
                names = "--predictability",
                paramLabel = "P",
                description = "Generated market: the martingale model with this share (0 to 1) of each injected"
                        + " post-pattern move following the pattern's direction; 0: nothing predicts the mid."
                        + " Without it the default profile keeps the legacy model (book imbalance predicts ~68 %%).")
        Double predictability;

        @Option(
                names = "--pattern-move-bps",
                paramLabel = "BPS",
                description = "Generated market, martingale model: size of the move injected after each spoof,"
                        + " iceberg, sweep and burst, bps (default 10).")
        Double patternMoveBps;

        @Option(
                names = "--mix",
                paramLabel = "NAME",
                description = "Generated market: the patterns it plays — rich (every kind in shuffled rounds, the"
                        + " default) or sweeps (an 8-level sweep every 40 s, each followed by its injected move).")
        String mix;

        /** Whether any option was given. */
        boolean isSet() {
            return profile != null || predictability != null || patternMoveBps != null || mix != null;
        }

        /**
         * The mix's name: {@code --mix}, or rich.
         *
         * @throws ScalperCli.UsageException when it is not a known mix
         */
        String mixName() {
            final String name = mix == null ? "rich" : mix.trim().toLowerCase(Locale.ROOT);
            if (!Scenarios.MIXES.contains(name)) {
                throw new ScalperCli.UsageException("--mix: must be one of " + Scenarios.MIXES + ", got '" + mix + "'");
            }
            return name;
        }

        /**
         * The patterns of a generated market of this length: {@code --mix}, or the rich mix.
         *
         * @throws ScalperCli.UsageException naming the option
         */
        List<io.scalper.core.synthetic.Scenario> scenarios(long durationNs, long seed) {
            return Scenarios.mix(mixName(), durationNs, seed);
        }

        /**
         * The generator configuration these options describe, with {@code seed}.
         *
         * @throws ScalperCli.UsageException naming the option
         */
        GeneratorConfig config(long seed) {
            GeneratorConfig c;
            try {
                c = profile == null ? GeneratorConfig.defaults() : GeneratorConfig.profile(profile);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException(
                        "--profile: must be one of " + GeneratorConfig.PROFILES + ", got '" + profile + "'");
            }
            return withOptions(c.withSeed(seed));
        }

        /**
         * The generated market of {@code symbol} when several trade: with a calibrated {@code --profile}, the symbol's
         * own calibrated profile when there is one (btcusdt, ethusdt), with the same predictability and move; else
         * {@link #config(long)} on the symbol's instrument.
         */
        GeneratorConfig configFor(String symbol, long seed) {
            final String own = symbol.toLowerCase(Locale.ROOT);
            final GeneratorConfig c = config(seed);
            if (profile != null
                    && !"default".equalsIgnoreCase(profile.trim())
                    && !own.equals("default")
                    && GeneratorConfig.PROFILES.contains(own)) {
                return withOptions(GeneratorConfig.profile(own).withSeed(seed));
            }
            return onInstrument(c, symbol);
        }

        private GeneratorConfig withOptions(GeneratorConfig base) {
            GeneratorConfig c = base;
            if (predictability != null) {
                if (!(predictability >= 0 && predictability <= 1)) {
                    throw new ScalperCli.UsageException("--predictability: must be in [0, 1], got " + predictability);
                }
                c = c.withPredictability(predictability);
            }
            if (patternMoveBps != null) {
                try {
                    c = c.withPatternMoveBps(patternMoveBps);
                } catch (IllegalArgumentException e) {
                    throw new ScalperCli.UsageException(
                            "--pattern-move-bps: must be in [0, 1000], got " + patternMoveBps);
                }
            }
            return c;
        }

        /** ", profile btcusdt, predictability 0, pattern move 10 bps", or "" when nothing was given. */
        String describe() {
            if (!isSet()) {
                return "";
            }
            final GeneratorConfig c = config(1);
            final StringBuilder sb = new StringBuilder();
            sb.append(", profile ")
                    .append(profile == null ? "default" : profile.trim().toLowerCase(Locale.ROOT));
            if (c.martingale()) {
                sb.append(", predictability ")
                        .append(trim(c.predictability()))
                        .append(", pattern move ")
                        .append(trim(c.patternMoveBps()))
                        .append(" bps");
            } else {
                sb.append(", legacy model");
            }
            if (mix != null) {
                sb.append(", ").append(mixName()).append(" mix");
            }
            return sb.toString();
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
