package io.scalper.examples;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.live.LiveTrader;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ReconcilePolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Embedding the live engine in another Java program: a custom signal beside the built-in eight, trading through the
 * Bybit gateway. The bot itself knows no emulator: {@link #trader} takes the venue and the credentials, {@link #main}
 * trades on Bybit's testnet with the keys in {@code BYBIT_API_KEY} and {@code BYBIT_API_SECRET}, and its test
 * ({@code LiveBotExampleTest}) points the same trader at the Bybit emulator, which this module takes as a test-scoped
 * dependency ({@code io.scalper:scalper-emulator}). {@code scalper run} runs the live engine against the emulator from
 * the command line.
 */
public final class LiveBotExample {
    static final String KEY = "BYBIT_API_KEY";
    static final String SECRET = "BYBIT_API_SECRET";

    private LiveBotExample() {}

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

    /** The testnet credentials from the environment; a missing one is named. */
    static BybitCredentials credentials(Map<String, String> environment) {
        final String key = environment.get(KEY);
        final String secret = environment.get(SECRET);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(KEY + " is not set (a Bybit testnet API key)");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(SECRET + " is not set (the secret of " + KEY + ")");
        }
        return new BybitCredentials(key, secret);
    }

    /**
     * Trades BTCUSDT on Bybit's testnet for the number of seconds given (default 30), printing the status every five
     * seconds and the summary at the end; the state (risk, learned weights) is kept in {@code ./live-bot-state}.
     */
    public static void main(String[] args) throws Exception {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        try (LiveTrader trader =
                trader(BybitEnvironment.TESTNET, credentials(System.getenv()), Path.of("live-bot-state"))) {
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
