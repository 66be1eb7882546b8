package io.scalper.cli;

import io.scalper.bybit.rest.BybitEnvironment;
import picocli.CommandLine.Option;

/**
 * The venue flags every command that talks to Bybit takes: {@code --mainnet}, {@code --testnet}, {@code --demo}, or
 * {@code --rest-url URL --ws-url URL} for any Bybit-compatible server (the WebSocket base to which Bybit's paths
 * {@code /v5/public/linear}, {@code /v5/private} and {@code /v5/trade} are appended).
 */
final class VenueOptions {
    @Option(names = "--mainnet", description = "Bybit mainnet.")
    boolean mainnet;

    @Option(names = "--testnet", description = "Bybit testnet.")
    boolean testnet;

    @Option(names = "--demo", description = "Bybit demo trading (mainnet market data).")
    boolean demo;

    @Option(names = "--rest-url", paramLabel = "URL", description = "REST base URL of a Bybit-compatible server.")
    String restUrl;

    @Option(names = "--ws-url", paramLabel = "URL", description = "WebSocket base URL of a Bybit-compatible server.")
    String wsUrl;

    /** Whether any venue flag was given. */
    boolean given() {
        return mainnet || testnet || demo || restUrl != null || wsUrl != null;
    }

    /**
     * The chosen environment, or {@code dflt} when none was given.
     *
     * @throws ScalperCli.UsageException when the flags contradict each other or a URL is malformed
     */
    BybitEnvironment environment(BybitEnvironment dflt) {
        int n = (mainnet ? 1 : 0) + (testnet ? 1 : 0) + (demo ? 1 : 0) + (restUrl != null || wsUrl != null ? 1 : 0);
        if (n > 1) {
            throw new ScalperCli.UsageException(
                    "choose one venue: --mainnet, --testnet, --demo or --rest-url/--ws-url");
        }
        if (mainnet) {
            return BybitEnvironment.MAINNET;
        }
        if (testnet) {
            return BybitEnvironment.TESTNET;
        }
        if (demo) {
            return BybitEnvironment.DEMO;
        }
        if (restUrl != null || wsUrl != null) {
            if (restUrl == null || wsUrl == null) {
                throw new ScalperCli.UsageException("--rest-url and --ws-url go together");
            }
            try {
                return BybitEnvironment.custom(restUrl, wsUrl);
            } catch (IllegalArgumentException e) {
                throw new ScalperCli.UsageException(e.getMessage());
            }
        }
        return dflt;
    }
}
