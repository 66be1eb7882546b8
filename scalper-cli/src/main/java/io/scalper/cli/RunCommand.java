package io.scalper.cli;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.live.LiveTrader;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.time.SystemClock;
import io.scalper.emulator.BybitEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper run}: the live loop, on the embedded emulator by default. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Trades live: Bybit's streams -> features -> signals -> fusion -> gates -> orders and brackets. Without a"
                    + " venue flag (or with --sim) it starts the embedded Bybit emulator on free loopback ports and"
                    + " trades against it over real WebSockets and REST: no keys, no internet. --testnet, --demo and"
                    + " --mainnet read BYBIT_API_KEY and BYBIT_API_SECRET from the environment or .env (BYBIT_TESTNET=true"
                    + " there selects testnet); --mainnet also needs --i-accept-mainnet-risk. Ctrl-C stops entries,"
                    + " cancels working entries, keeps (or cancels) the brackets, writes the state and a summary; a"
                    + " second Ctrl-C exits at once."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sim", description = "Trade against the embedded emulator (the default).")
    boolean sim;

    @Mixin
    VenueOptions venue = new VenueOptions();

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol (default: the config's symbols, else BTCUSDT). Repeat it to trade several on the one"
                    + " account: one engine each on the loop's thread, the daily loss, drawdown tiers and kill switch"
                    + " on the account, total and per-symbol notional caps, one state file, per-symbol figures.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/default.yaml).")
    Path config;

    @Option(names = "--paper", description = "Live market data, simulated fills (no orders reach the venue).")
    boolean paper;

    @Option(names = "--duration", paramLabel = "D", description = "Stop by itself after this long.")
    String duration;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            defaultValue = "state",
            description = "Journals, state.json and health.json (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            description = "Serve Prometheus metrics on 127.0.0.1:N/metrics.")
    Integer metricsPort;

    @Option(names = "--flatten-on-exit", description = "Close the position at market when stopping.")
    boolean flattenOnExit;

    @Option(
            names = "--cancel-brackets-on-exit",
            description = "Cancel the brackets when stopping (default: keep them).")
    boolean cancelBrackets;

    @Option(
            names = "--reconcile",
            paramLabel = "POLICY",
            defaultValue = "adopt",
            description = "A position found at start: adopt (bracket it) or flatten (default ${DEFAULT-VALUE}).")
    String reconcile;

    @Option(names = "--i-accept-mainnet-risk", description = "Required with --mainnet.")
    boolean acceptMainnet;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the emulator's market (--sim).")
    long seed;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Emulator market speed (--sim).")
    double speed;

    @Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Option(
            names = "--no-record",
            description = "Do not record the session (default: recorded in STATE/sessions/ for scalper drift).")
    boolean noRecord;

    @Option(
            names = "--record-max-mb",
            paramLabel = "MB",
            defaultValue = "1024",
            description = "Bound of STATE/sessions/: older sessions are deleted first (default ${DEFAULT-VALUE}).")
    long recordMaxMb;

    @Option(
            names = "--faults",
            paramLabel = "SPEC",
            description = "Faults the embedded emulator injects (--sim), as scalper sim --faults.")
    String faults;

    @Option(names = "--json", description = "Print the final summary as one JSON object on standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No status line.")
    boolean quiet;

    private final AtomicInteger interrupts = new AtomicInteger();

    /** Where credentials are read from; tests replace them. */
    static Map<String, String> environment = System.getenv();

    static Path dotEnv = Path.of(".env");

    @Override
    public Integer call() throws Exception {
        final ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.load(config);
        final ScalperConfig cfg = file.config();
        final List<String> chosen = symbols(symbols.isEmpty() ? file.symbols() : symbols);
        final long durationNs = duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        final ReconcilePolicy policy = switch (reconcile.toLowerCase(Locale.ROOT)) {
            case "adopt" -> ReconcilePolicy.ADOPT;
            case "flatten" -> ReconcilePolicy.FLATTEN;
            default -> throw new ScalperCli.UsageException("--reconcile must be adopt or flatten, got " + reconcile);
        };
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Credentials creds = Credentials.load(environment, dotEnv);
        if (sim && venue.given()) {
            throw new ScalperCli.UsageException("--sim and a venue flag exclude each other");
        }
        BybitEnvironment env = venue.environment(null);
        if (env == null && !sim && creds.testnet()) {
            env = BybitEnvironment.TESTNET;
        }
        if (!noRecord && recordMaxMb <= 0) {
            throw new ScalperCli.UsageException("--record-max-mb must be > 0, got " + recordMaxMb);
        }
        if (faults != null) {
            if (env != null) {
                throw new ScalperCli.UsageException(
                        "--faults injects faults into the embedded emulator: only with --sim");
            }
            try {
                io.scalper.emulator.EmulatorFaults.validate(faults);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--faults: " + e.getMessage());
            }
        }
        if (env != null && market.isSet()) {
            throw new ScalperCli.UsageException(
                    "--profile, --predictability, --pattern-move-bps and --mix shape the emulator's market: only with"
                            + " --sim");
        }
        BybitEmulator emulator = null;
        BybitCredentials credentials = null;
        String venueName;
        try {
            if (env == null) {
                final BybitEmulator.Builder eb = BybitEmulator.builder();
                if (faults != null) {
                    eb.faults(faults);
                }
                eb.restPort(0)
                        .wsPort(0)
                        .seed(seed)
                        .speed(speed)
                        .market(market.config(seed))
                        .mix(market.mixName())
                        .symbols(chosen)
                        .initialBalance(cfg.backtest().initialBalance());
                if (chosen.size() > 1) {
                    for (String s : chosen) {
                        eb.market(s, market.configFor(s, seed)); // each symbol its own calibrated market
                    }
                }
                emulator = eb.build().start();
                env = BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl());
                credentials = new BybitCredentials(emulator.apiKey(), emulator.apiSecret());
                venueName = "sim";
                err.println("emulator: rest " + emulator.restUrl() + ", ws " + emulator.wsUrl());
            } else {
                venueName = env.name();
                if (env == BybitEnvironment.MAINNET) {
                    printRisk(err, cfg.risk());
                    if (!acceptMainnet && !paper) {
                        throw new ScalperCli.UsageException(
                                "--mainnet trades real money: add --i-accept-mainnet-risk after reading the limits above");
                    }
                }
                if (!paper) {
                    credentials = creds.require(venueName);
                }
            }
            err.flush();
            return trade(cfg, chosen, env, credentials, venueName, policy, durationNs, out, err);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /**
     * The symbols to trade: those given (upper-cased, in order), else BTCUSDT.
     *
     * @throws ScalperCli.UsageException when one is listed twice
     */
    static List<String> symbols(List<String> given) {
        if (given.isEmpty()) {
            return List.of("BTCUSDT");
        }
        final List<String> out = new ArrayList<>();
        for (String s : given) {
            final String u = s.trim().toUpperCase(Locale.ROOT);
            if (out.contains(u)) {
                throw new ScalperCli.UsageException("--symbol: " + u + " is listed twice");
            }
            out.add(u);
        }
        return List.copyOf(out);
    }

    private int trade(
            ScalperConfig cfg,
            List<String> chosen,
            BybitEnvironment env,
            BybitCredentials credentials,
            String venueName,
            ReconcilePolicy policy,
            long durationNs,
            PrintWriter out,
            PrintWriter err)
            throws IOException {
        final LiveTrader trader = LiveTrader.builder()
                .environment(env)
                .credentials(credentials)
                .symbols(chosen)
                .config(cfg)
                .stateDirectory(stateDir)
                .reconcile(policy)
                .paper(paper)
                .venueName(venueName)
                .recordSession(noRecord ? 0 : recordMaxMb << 20)
                .build();
        final boolean terminal = System.console() != null && !quiet;
        try (trader;
                MetricsEndpoint metrics = metricsPort == null ? null : new MetricsEndpoint(metricsPort)) {
            // the handlers are installed before start and kept until the stop is over: a Ctrl-C at any moment (during
            // start-up, between the loop and the stop) is counted, never left to the JVM's default (exit mid-way)
            final Object previous = installSignals();
            try {
                try {
                    trader.start();
                } catch (IOException e) {
                    throw new ScalperCli.UsageException("cannot start on " + venueName + ": " + oneLine(e));
                }
                final long end = durationNs > 0 ? SystemClock.INSTANCE.nowNs() + durationNs : Long.MAX_VALUE;
                final long[] nextStatus = {0};
                RuntimeException crash = null;
                try {
                    trader.runUntil(() -> {
                        final long now = SystemClock.INSTANCE.nowNs();
                        if (now >= nextStatus[0]) {
                            final List<io.scalper.core.runtime.LoopStatus> all = trader.statuses();
                            if (terminal) {
                                err.print("\r" + StatusLine.render(all) + "   ");
                                err.flush();
                                nextStatus[0] = now + 250_000_000L;
                            } else {
                                if (!quiet && nextStatus[0] != 0) {
                                    err.println(StatusLine.render(all));
                                    err.flush();
                                }
                                nextStatus[0] = now + 10_000_000_000L;
                            }
                            if (metrics != null) {
                                metrics.publish(() -> StatusLine.prometheus(all, trader.stats())
                                        + StatusLine.histograms(all, trader.feedAges(), trader.roundTrips()));
                            }
                        }
                        return interrupts.get() > 0 || now >= end;
                    });
                } catch (RuntimeException e) {
                    crash = e; // e.g. a full disk: stop the same way as on Ctrl-C before reporting it
                }
                if (terminal) {
                    err.println();
                }
                // a second Ctrl-C (before or during the stop) cancels what works and goes without waiting
                trader.stop(!cancelBrackets, flattenOnExit, () -> interrupts.get() > 1);
                if (crash != null) {
                    throw new ScalperCli.UsageException("stopped after an error in the live loop: " + oneLine(crash));
                }
                final PerformanceStats stats = trader.stats();
                if (json) {
                    out.println(stats.toJson());
                } else {
                    BacktestCommand.printStats(out, stats);
                    BacktestCommand.printSymbols(out, stats);
                }
                out.flush();
            } finally {
                restoreSignals(previous);
            }
        }
        return 0;
    }

    private static String oneLine(Throwable e) {
        final String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.split("\n", 2)[0];
    }

    private static void printRisk(PrintWriter err, RiskConfig r) {
        err.println("MAINNET — real money. Risk limits in force: " + r);
    }

    /**
     * SIGINT/SIGTERM: the first stops the loop gracefully, the second makes the stop quick. Each is installed on its own:
     * a process started with SIGINT ignored (a background job of a non-interactive shell) cannot take SIGINT — the JVM
     * refuses it — and must still stop cleanly on SIGTERM.
     */
    private Object installSignals() {
        final sun.misc.SignalHandler handler = sig -> interrupts.incrementAndGet();
        return new Object[] {install("INT", handler), install("TERM", handler)};
    }

    private static Object install(String name, sun.misc.SignalHandler handler) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null; // not available here: --duration and the other signal still stop the loop
        }
    }

    private static void restoreSignals(Object previous) {
        if (previous instanceof Object[] handlers) {
            if (handlers[0] instanceof sun.misc.SignalHandler h) {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
            }
            if (handlers[1] instanceof sun.misc.SignalHandler h) {
                sun.misc.Signal.handle(new sun.misc.Signal("TERM"), h);
            }
        }
    }
}
