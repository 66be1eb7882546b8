package io.scalper.bybit.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of a REST or WS-trade request: Bybit's {@code retCode}, {@code retMsg} and {@code result}.
 *
 * @param retCode 0 for success, else Bybit's error code
 * @param retMsg Bybit's message
 * @param result the {@code result} object ({@code {}} on errors)
 */
record Reply(int retCode, String retMsg, JsonNode result) {
    static Reply ok(JsonNode result) {
        return new Reply(0, "OK", result);
    }

    static Reply error(int retCode, String retMsg) {
        return new Reply(retCode, retMsg, Json.obj());
    }
}
