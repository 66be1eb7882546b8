package io.scalper.bybit.rest;

import java.util.Objects;

/**
 * Where a Bybit client connects: the REST base URL and the three WebSocket URLs. Immutable.
 *
 * @param name a short name for logs ({@code mainnet}, {@code testnet}, {@code demo}, {@code custom})
 * @param restUrl REST base URL without a trailing slash, e.g. {@code https://api.bybit.com}
 * @param publicLinearWsUrl public linear stream, e.g. {@code wss://stream.bybit.com/v5/public/linear}
 * @param privateWsUrl private stream, e.g. {@code wss://stream.bybit.com/v5/private}
 * @param tradeWsUrl order entry over WebSocket, or {@code null} where the environment has none (demo trading)
 */
public record BybitEnvironment(
        String name, String restUrl, String publicLinearWsUrl, String privateWsUrl, String tradeWsUrl) {

    /** Bybit mainnet. */
    public static final BybitEnvironment MAINNET = of("mainnet", "https://api.bybit.com", "wss://stream.bybit.com");

    /** Bybit testnet. */
    public static final BybitEnvironment TESTNET =
            of("testnet", "https://api-testnet.bybit.com", "wss://stream-testnet.bybit.com");

    /**
     * Mainnet demo trading (keys created in the "Demo Trading" mode): its own REST host and private stream; public
     * market data is mainnet's; there is no WebSocket order entry.
     */
    public static final BybitEnvironment DEMO = new BybitEnvironment(
            "demo",
            "https://api-demo.bybit.com",
            "wss://stream.bybit.com/v5/public/linear",
            "wss://stream-demo.bybit.com/v5/private",
            null);

    public BybitEnvironment {
        Objects.requireNonNull(name, "name");
        restUrl = stripSlash(requireUrl("restUrl", restUrl, "http"));
        publicLinearWsUrl = requireUrl("publicLinearWsUrl", publicLinearWsUrl, "ws");
        privateWsUrl = requireUrl("privateWsUrl", privateWsUrl, "ws");
        if (tradeWsUrl != null) {
            tradeWsUrl = requireUrl("tradeWsUrl", tradeWsUrl, "ws");
        }
    }

    /**
     * A Bybit-compatible server such as the local emulator.
     *
     * @param restUrl REST base URL, e.g. {@code http://127.0.0.1:8080}
     * @param wsUrl WebSocket base URL to which {@code /v5/public/linear}, {@code /v5/private} and {@code /v5/trade} are
     *     appended, e.g. {@code ws://127.0.0.1:8081}
     */
    public static BybitEnvironment custom(String restUrl, String wsUrl) {
        return of("custom", restUrl, wsUrl);
    }

    private static BybitEnvironment of(String name, String restUrl, String wsUrl) {
        final String ws = stripSlash(requireUrl("wsUrl", wsUrl, "ws"));
        return new BybitEnvironment(name, restUrl, ws + "/v5/public/linear", ws + "/v5/private", ws + "/v5/trade");
    }

    /** Whether orders can be entered over the trade WebSocket here. */
    public boolean hasTradeStream() {
        return tradeWsUrl != null;
    }

    private static String requireUrl(String key, String url, String schemePrefix) {
        Objects.requireNonNull(url, key);
        if (!url.startsWith(schemePrefix + "://") && !url.startsWith(schemePrefix + "s://")) {
            throw new IllegalArgumentException(
                    key + ": must start with " + schemePrefix + ":// or " + schemePrefix + "s://, got '" + url + "'");
        }
        return url;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
