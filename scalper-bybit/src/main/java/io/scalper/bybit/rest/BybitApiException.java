package io.scalper.bybit.rest;

import java.io.IOException;
import java.util.Objects;

/**
 * Bybit refused a request: a non-zero {@code retCode} in the response envelope, or an HTTP error status. Carries the
 * code, Bybit's message (with any echoed API key masked and secret removed), the endpoint and the attempt that got
 * it; never the secret or the signature.
 */
public final class BybitApiException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #retCode()} of an HTTP-level failure, which has no envelope. */
    public static final int NO_RET_CODE = -1;

    private final int retCode;
    private final String retMsg;
    private final String endpoint;
    private final int httpStatus;
    private final BybitErrorCategory category;
    private final int attempt;

    /**
     * @param retCode Bybit's code, or {@link #NO_RET_CODE} for an HTTP-level failure
     * @param retMsg Bybit's message, already redacted
     * @param endpoint method and path, e.g. {@code POST /v5/order/create}
     * @param httpStatus the HTTP status (200 for business errors)
     * @param category the kind of failure
     * @param attempt which attempt of the call received it, from 1
     */
    public BybitApiException(
            int retCode, String retMsg, String endpoint, int httpStatus, BybitErrorCategory category, int attempt) {
        super(message(retCode, retMsg, endpoint, httpStatus, category));
        this.retCode = retCode;
        this.retMsg = retMsg == null ? "" : retMsg;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.httpStatus = httpStatus;
        this.category = Objects.requireNonNull(category, "category");
        this.attempt = attempt;
    }

    private static String message(
            int retCode, String retMsg, String endpoint, int httpStatus, BybitErrorCategory category) {
        final StringBuilder sb = new StringBuilder("Bybit ").append(endpoint).append(": ");
        if (retCode == NO_RET_CODE) {
            sb.append("HTTP ").append(httpStatus);
        } else {
            sb.append("retCode ").append(retCode);
        }
        sb.append(" (").append(category).append(')');
        if (retMsg != null && !retMsg.isEmpty()) {
            sb.append(": ").append(retMsg);
        }
        return sb.toString();
    }

    /** Bybit's {@code retCode}, or {@link #NO_RET_CODE} when the failure was at the HTTP level. */
    public int retCode() {
        return retCode;
    }

    /** Bybit's {@code retMsg} (redacted), or the HTTP reason; may be empty. */
    public String retMsg() {
        return retMsg;
    }

    /** Method and path, e.g. {@code POST /v5/order/create}. */
    public String endpoint() {
        return endpoint;
    }

    /** HTTP status: 200 for business errors reported in the envelope. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The kind of failure. */
    public BybitErrorCategory category() {
        return category;
    }

    /** Which attempt of the call got this answer (1 = the first request). */
    public int attempt() {
        return attempt;
    }
}
