package io.scalper.bybit.rest;

import io.scalper.core.model.Instrument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v5/position/trading-stop}: take-profit, stop-loss and trailing stop attached to the whole
 * one-way position ({@code tpslMode Full}, market exits). A value of {@code "0"} removes that exit; {@code null}
 * leaves it unchanged. Immutable.
 *
 * @param symbol the symbol
 * @param takeProfit take-profit price, {@code "0"} to cancel, or {@code null}
 * @param stopLoss stop-loss price, {@code "0"} to cancel, or {@code null}
 * @param trailingStop trailing distance (a price difference), {@code "0"} to cancel, or {@code null}
 * @param activePrice trailing-stop activation price, or {@code null}
 * @param tpTriggerBy {@code LastPrice}/{@code MarkPrice}/{@code IndexPrice}, or {@code null} (Bybit: LastPrice)
 * @param slTriggerBy as {@code tpTriggerBy}
 */
public record BybitTradingStop(
        String symbol,
        String takeProfit,
        String stopLoss,
        String trailingStop,
        String activePrice,
        String tpTriggerBy,
        String slTriggerBy) {

    public BybitTradingStop {
        Objects.requireNonNull(symbol, "symbol");
    }

    /** No change yet, for {@code symbol}. */
    public static BybitTradingStop of(String symbol) {
        return new BybitTradingStop(symbol, null, null, null, null, null, null);
    }

    /** A copy with the stop-loss at {@code ticks}, triggered by {@code triggerBy}. */
    public BybitTradingStop withStopLoss(Instrument instrument, long ticks, String triggerBy) {
        return new BybitTradingStop(
                symbol, takeProfit, instrument.formatPrice(ticks), trailingStop, activePrice, tpTriggerBy, triggerBy);
    }

    /** A copy with the take-profit at {@code ticks}, triggered by {@code triggerBy}. */
    public BybitTradingStop withTakeProfit(Instrument instrument, long ticks, String triggerBy) {
        return new BybitTradingStop(
                symbol, instrument.formatPrice(ticks), stopLoss, trailingStop, activePrice, triggerBy, slTriggerBy);
    }

    /** A copy with a trailing stop {@code distanceTicks} behind the best price, active from {@code activeTicks}. */
    public BybitTradingStop withTrailingStop(Instrument instrument, long distanceTicks, long activeTicks) {
        return new BybitTradingStop(
                symbol,
                takeProfit,
                stopLoss,
                instrument.formatPrice(distanceTicks),
                activeTicks > 0 ? instrument.formatPrice(activeTicks) : null,
                tpTriggerBy,
                slTriggerBy);
    }

    Map<String, Object> toBody() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "linear");
        body.put("symbol", symbol);
        body.put("tpslMode", "Full");
        body.put("positionIdx", 0);
        putIf(body, "takeProfit", takeProfit);
        putIf(body, "stopLoss", stopLoss);
        putIf(body, "trailingStop", trailingStop);
        putIf(body, "activePrice", activePrice);
        putIf(body, "tpTriggerBy", tpTriggerBy);
        putIf(body, "slTriggerBy", slTriggerBy);
        return body;
    }

    private static void putIf(Map<String, Object> body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
