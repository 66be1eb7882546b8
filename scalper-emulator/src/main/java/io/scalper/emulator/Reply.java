package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of a REST or WS-trade request: Bybit's {@code retCode}, {@code retMsg} and {@code result}.
 *
 * @param retCode 0 for success, else Bybit's error code
 * @param retMsg Bybit's message
 * @param result the {@code result} object ({@code {}} on errors)
 * @param injected whether a fault ({@code reject}, {@code storm}) refused the request, not the exchange's rules
 */
record Reply(int retCode, String retMsg, JsonNode result, boolean injected) {
    static Reply ok(JsonNode result) {
        return new Reply(0, "OK", result, false);
    }

    static Reply error(int retCode, String retMsg) {
        return new Reply(retCode, retMsg, Json.obj(), false);
    }

    /** A refusal made by fault injection. */
    static Reply injected(int retCode, String retMsg) {
        return new Reply(retCode, retMsg, Json.obj(), true);
    }
}
