package io.scalper.examples;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.emulator.BybitEmulator;
import io.scalper.bybit.live.LiveTrader;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ReconcilePolicy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedding the live engine in another Java program: a custom signal beside the built-in eight, trading through the
 * Bybit gateway — here pointed at the local Bybit emulator, so it runs anywhere with no keys; point the environment at
 * {@link BybitEnvironment#TESTNET} and pass real credentials to trade on Bybit instead. Runs for the number of seconds
 * given (default 30), prints the status every five seconds and the summary at the end.
 */
public final class LiveEmulatorExample {
    private LiveEmulatorExample() {}

    /** Builds the trader: your signal, your configuration, the venue. */
    public static LiveTrader trader(BybitEnvironment venue, BybitCredentials credentials, Path stateDirectory) {
        return LiveTrader.builder()
                .environment(venue)
                .credentials(credentials)
                .symbol("BTCUSDT")
                .config(ScalperConfig.defaults())
                .stateDirectory(stateDirectory)
                .reconcile(ReconcilePolicy.ADOPT)
                .engine(b -> b.signal(new CustomSignalExample.LastTradePressure(20), 0.15))
                .build();
    }

    public static void main(String[] args) throws Exception {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        try (BybitEmulator emulator = BybitEmulator.builder()
                        .restPort(0)
                        .wsPort(0)
                        .seed(3)
                        .build()
                        .start();
                LiveTrader trader = trader(
                        BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl()),
                        new BybitCredentials(emulator.apiKey(), emulator.apiSecret()),
                        Files.createTempDirectory("scalper-live-example"))) {
            trader.start();
            final long end = System.nanoTime() + seconds * 1_000_000_000L;
            long nextPrint = 0;
            while (System.nanoTime() < end) {
                if (trader.step() == 0) {
                    Thread.onSpinWait();
                }
                if (System.nanoTime() >= nextPrint) {
                    System.out.println(trader.status());
                    nextPrint = System.nanoTime() + 5_000_000_000L;
                }
            }
            trader.stop(false, true);
            System.out.println(trader.stats().toJson());
        }
    }
}
