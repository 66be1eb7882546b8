package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Requests checked as Bybit checks them, before anything reaches the simulated exchange, and refusals in Bybit's
 * words: parameter errors are {@code 10001} with Bybit's message. What needs the account's state (a duplicate {@code
 * orderLinkId}, an unchanged leverage, the exchange's own refusals) is checked by the account. Stateless.
 */
final class OrderValidation {
    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    private OrderValidation() {}

    /**
     * The values of a request that passed its checks, or the reply that refuses it.
     *
     * @param value the checked values ({@code null} when refused)
     * @param refusal Bybit's error reply ({@code null} when the request passed)
     */
    record Checked<T>(T value, Reply refusal) {
        static <T> Checked<T> ok(T value) {
            return new Checked<>(value, null);
        }

        static <T> Checked<T> refused(String retMsg) {
            return new Checked<>(null, Reply.error(BybitVocabulary.PARAMS_ERROR, retMsg));
        }
    }

    /**
     * A create's parameters, checked.
     *
     * @param timeInForce Bybit's name as given, or the default ({@code IOC} for market, {@code GTC} for limit orders)
     * @param priceTicks the limit price; {@link OrderRequest#NO_PRICE} for a market order
     * @param triggerTicks the trigger price; {@link OrderRequest#NO_PRICE} for a plain order
     * @param orderLinkId the client's id, {@code ""} if none
     * @param triggerDirection Bybit's {@code triggerDirection} as given, or {@code null}
     */
    record Create(
            String symbol,
            String side,
            String orderType,
            String timeInForce,
            TimeInForce tif,
            long qtyLots,
            long priceTicks,
            long triggerTicks,
            TriggerSource triggerSource,
            String orderLinkId,
            boolean reduceOnly,
            boolean closeOnTrigger,
            String triggerDirection) {
        boolean isMarket() {
            return orderType.equals("Market");
        }

        boolean isConditional() {
            return triggerTicks != OrderRequest.NO_PRICE;
        }
    }

    /**
     * An amend's new values.
     *
     * @param priceTicks the new price, or {@link OrderRequest#NO_PRICE} to keep it
     * @param qtyLots the new quantity, or 0 to keep it
     * @param triggerTicks the new trigger, or {@link OrderRequest#NO_PRICE} to keep it
     */
    record Amend(long priceTicks, long qtyLots, long triggerTicks) {}

    /**
     * Checks an {@code order/create} request.
     *
     * @param instruments the instrument of each symbol the emulator serves, {@code null} for others
     */
    static Checked<Create> create(JsonNode p, Function<String, Instrument> instruments) {
        final String category = Json.str(p, "category");
        if (!"linear".equals(category)) {
            return Checked.refused("params error: category only support linear");
        }
        final String symbol = Json.str(p, "symbol");
        final Instrument inst = symbol == null ? null : instruments.apply(symbol);
        if (inst == null) {
            return Checked.refused("params error: symbol invalid");
        }
        final String sideText = Json.str(p, "side");
        if (!"Buy".equals(sideText) && !"Sell".equals(sideText)) {
            return Checked.refused("params error: side invalid");
        }
        final String typeText = Json.str(p, "orderType");
        if (!"Limit".equals(typeText) && !"Market".equals(typeText)) {
            return Checked.refused("params error: orderType invalid");
        }
        final boolean market = typeText.equals("Market");
        String tifText = Json.str(p, "timeInForce");
        if (tifText == null || tifText.isEmpty()) {
            tifText = market ? "IOC" : "GTC";
        }
        final TimeInForce tif;
        switch (tifText) {
            case "GTC" -> tif = TimeInForce.GTC;
            case "IOC" -> tif = TimeInForce.IOC;
            case "FOK" -> tif = TimeInForce.FOK;
            case "PostOnly" -> tif = TimeInForce.POST_ONLY;
            default -> {
                return Checked.refused("params error: timeInForce invalid");
            }
        }
        if (market && tif == TimeInForce.POST_ONLY) {
            return Checked.refused("params error: Market order cannot be PostOnly");
        }
        final long qty;
        try {
            qty = inst.parseQty(require(p, "qty"));
        } catch (IllegalArgumentException e) {
            return Checked.refused("params error: qty invalid: " + e.getMessage());
        }
        if (qty <= 0) {
            return Checked.refused("params error: Qty invalid");
        }
        long price = OrderRequest.NO_PRICE;
        if (!market) {
            try {
                price = inst.parsePrice(require(p, "price"));
            } catch (IllegalArgumentException e) {
                return Checked.refused("params error: price invalid: " + e.getMessage());
            }
            if (price <= 0) {
                return Checked.refused("params error: price invalid");
            }
        }
        long trigger = OrderRequest.NO_PRICE;
        final String triggerText = Json.str(p, "triggerPrice");
        if (triggerText != null && !triggerText.isEmpty() && !triggerText.equals("0")) {
            try {
                trigger = inst.parsePrice(triggerText);
            } catch (IllegalArgumentException e) {
                return Checked.refused("params error: triggerPrice invalid: " + e.getMessage());
            }
        }
        final TriggerSource triggerSource =
                "MarkPrice".equals(Json.str(p, "triggerBy")) ? TriggerSource.MARK_PRICE : TriggerSource.LAST_PRICE;
        final String direction = Json.str(p, "triggerDirection");
        if (direction != null && !direction.isEmpty() && !direction.equals("1") && !direction.equals("2")) {
            return Checked.refused("params error: triggerDirection invalid");
        }
        String linkId = Json.str(p, "orderLinkId");
        if (linkId == null) {
            linkId = "";
        }
        if (!linkId.isEmpty() && !LINK_ID.matcher(linkId).matches()) {
            return Checked.refused("params error: orderLinkId invalid");
        }
        return Checked.ok(new Create(
                symbol,
                sideText,
                typeText,
                tifText,
                tif,
                qty,
                price,
                trigger,
                triggerSource,
                linkId,
                Json.bool(p, "reduceOnly"),
                Json.bool(p, "closeOnTrigger"),
                direction == null || direction.isEmpty() ? null : direction));
    }

    /**
     * The core exchange's request for a checked create, or {@code null} for a conditional limit order, which the
     * emulator does not support.
     */
    static OrderRequest coreRequest(Create c, String coreId) {
        final Side side = side(c.side());
        if (c.isConditional() && c.isMarket()) {
            return OrderRequest.stopMarket(
                    coreId,
                    c.symbol(),
                    side,
                    c.triggerTicks(),
                    c.qtyLots(),
                    c.reduceOnly(),
                    c.triggerSource(),
                    OrderPurpose.EXTERNAL);
        } else if (c.isMarket()) {
            return OrderRequest.market(coreId, c.symbol(), side, c.qtyLots(), c.reduceOnly(), OrderPurpose.EXTERNAL);
        } else if (c.isConditional()) {
            return null;
        }
        return OrderRequest.limit(
                coreId, c.symbol(), side, c.priceTicks(), c.qtyLots(), c.tif(), c.reduceOnly(), OrderPurpose.EXTERNAL);
    }

    /** Checks an {@code order/amend} request's values against the order's instrument. */
    static Checked<Amend> amend(JsonNode p, Instrument inst) {
        long price = OrderRequest.NO_PRICE;
        long qty = 0;
        long trigger = OrderRequest.NO_PRICE;
        try {
            final String pt = Json.str(p, "price");
            if (pt != null && !pt.isEmpty()) {
                price = inst.parsePrice(pt);
            }
            final String qt = Json.str(p, "qty");
            if (qt != null && !qt.isEmpty()) {
                qty = inst.parseQty(qt);
            }
            final String tt = Json.str(p, "triggerPrice");
            if (tt != null && !tt.isEmpty()) {
                trigger = inst.parsePrice(tt);
            }
        } catch (IllegalArgumentException e) {
            return Checked.refused("params error: " + e.getMessage());
        }
        return Checked.ok(new Amend(price, qty, trigger));
    }

    /** Checks a {@code position/set-leverage} request: the leverage as Bybit prints it (1 to 100, buy = sell). */
    static Checked<String> leverage(JsonNode p) {
        final String buy = Json.str(p, "buyLeverage");
        final String sell = Json.str(p, "sellLeverage");
        final BigDecimal lev;
        try {
            lev = new BigDecimal(buy);
            if (!lev.equals(new BigDecimal(sell)) && lev.compareTo(new BigDecimal(sell)) != 0) {
                return Checked.refused("params error: buy leverage not equal sell leverage");
            }
        } catch (RuntimeException e) {
            return Checked.refused("params error: leverage invalid");
        }
        if (lev.compareTo(BigDecimal.ONE) < 0 || lev.compareTo(BigDecimal.valueOf(100)) > 0) {
            return Checked.refused("params error: leverage invalid");
        }
        return Checked.ok(BybitViews.trimZeros(lev));
    }

    /** The refusal of a request that names neither {@code symbol} nor {@code settleCoin}, or {@code null}. */
    static Reply requireSymbolOrSettleCoin(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String settle = Json.str(p, "settleCoin");
        if ((symbol == null || symbol.isEmpty()) && (settle == null || settle.isEmpty())) {
            return Reply.error(BybitVocabulary.PARAMS_ERROR, "params error: symbol or settleCoin is required");
        }
        return null;
    }

    /** The core exchange's refusal as Bybit's reply ({@link BybitVocabulary}: code and message). */
    static Reply refusal(EmuOrder.Refusal r) {
        return Reply.error(BybitVocabulary.retCode(r.reason()), BybitVocabulary.retMsg(r.reason(), r.detail()));
    }

    /** Bybit's message for a refusal injected with {@code code}. */
    static String injectedMessage(int code) {
        return switch (code) {
            case 110007 -> "ab not enough for new order";
            case 10006 -> "Too many visits!";
            case 10016 -> "Server error";
            case 110094 -> "Order does not meet minimum order value 5USDT";
            default -> "Order refused (injected fault)";
        };
    }

    static Side side(String text) {
        return text.equals("Buy") ? Side.BUY : Side.SELL;
    }

    private static String require(JsonNode p, String field) {
        final String v = Json.str(p, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }
}
