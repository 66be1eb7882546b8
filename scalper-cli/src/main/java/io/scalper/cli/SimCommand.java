package io.scalper.cli;

import io.scalper.core.util.Durations;
import io.scalper.emulator.BybitEmulator;
import io.scalper.emulator.EmulatorFaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper sim}: runs the local Bybit v5 emulator on loopback until Ctrl-C or {@code --duration}. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a local Bybit v5 exchange on loopback (REST and WebSockets, signed requests, order matching against"
                    + " a generated or recorded market) and prints its URLs and credentials, one per line."
        })
final class SimCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "REST port; WebSockets use N+1 (default: free ports).")
    Integer port;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the generated market.")
    long seed;

    @Option(names = "--data", paramLabel = "FILE", description = "Replay this recorded file instead of generating.")
    Path data;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "1",
            description = "Market time per wall-clock time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--symbols", paramLabel = "S", split = ",", description = "Symbols to serve (default BTCUSDT).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--api-key", paramLabel = "K", description = "API key to accept (with --api-secret).")
    String apiKey;

    @Option(names = "--api-secret", paramLabel = "S", description = "Secret of --api-key.")
    String apiSecret;

    @Option(
            names = "--faults",
            paramLabel = "SPEC",
            description = "Faults to inject, e.g. drop:public@5s,reject:2:110007.")
    String faults;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 30s (default: Ctrl-C).")
    String duration;

    @picocli.CommandLine.Mixin
    BacktestInput.MarketOptions market = new BacktestInput.MarketOptions();

    @Override
    public Integer call() throws Exception {
        if ((apiKey == null) != (apiSecret == null)) {
            throw new ScalperCli.UsageException("--api-key and --api-secret go together");
        }
        if (!(speed > 0)) {
            throw new ScalperCli.UsageException("--speed must be > 0, got " + speed);
        }
        if (port != null && (port < 0 || port > 65534)) {
            throw new ScalperCli.UsageException("--port must be in [0, 65534], got " + port);
        }
        long durationNs = 0;
        if (duration != null) {
            try {
                durationNs = Durations.parseNs(duration);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException("--duration: " + e.getMessage());
            }
        }
        if (faults != null) {
            try {
                EmulatorFaults.validate(faults);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException(e.getMessage());
            }
        }
        final BybitEmulator.Builder b = BybitEmulator.builder().seed(seed).speed(speed);
        if (port != null && port > 0) {
            b.restPort(port).wsPort(port + 1);
        }
        if (data != null) {
            if (market.isSet()) {
                throw new ScalperCli.UsageException(
                        "--profile, --predictability, --pattern-move-bps and --mix shape a generated market: not with"
                                + " --data");
            }
            b.dataFile(data);
        }
        b.market(market.config(seed)).mix(market.mixName());
        if (!symbols.isEmpty()) {
            b.symbols(symbols);
        }
        if (apiKey != null) {
            b.apiKey(apiKey, apiSecret);
        }
        if (faults != null) {
            b.faults(faults);
        }
        final BybitEmulator emu;
        try {
            emu = b.build().start();
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException(e.getMessage());
        }
        final CountDownLatch stop = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            emu.close();
            stop.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("rest-url: " + emu.restUrl());
        out.println("ws-url: " + emu.wsUrl());
        out.println("api-key: " + emu.apiKey());
        out.println("api-secret: " + emu.apiSecret());
        out.flush();
        if (durationNs > 0) {
            stop.await(durationNs, TimeUnit.NANOSECONDS);
        } else {
            stop.await();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0;
        }
        emu.close();
        return 0;
    }
}
