package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * One API key's account: a {@link SimulatedExchange} per symbol over the shared markets, its orders and executions as
 * Bybit reports them, and the private sessions its pushes go to. Owned by the exchange thread.
 */
final class Account {
    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    /** A private WebSocket session subscribed to this account's topics. */
    interface Subscriber {
        /** The topic name the session subscribed for {@code base} ({@code order} or {@code order.linear}), or null. */
        String subscribedAs(String base);

        /** Sends a push made at {@code madeNanos} (System.nanoTime): configured latency runs from then. */
        void send(String text, long madeNanos);
    }

    final String apiKey;
    final String apiSecret;
    final long uid;
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** Holds pushes a command causes until its reply is written. */
    final PushGate gate = new PushGate();
    /** Order-entry requests as received. */
    final OrderTrafficMeter traffic = new OrderTrafficMeter();

    private final SimulatedExchangeConfig exchangeConfig;
    private final EmulatorFaults faults;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final Map<String, EmuOrder> byOrderId = new LinkedHashMap<>();
    private final Map<String, EmuOrder> byCoreId = new LinkedHashMap<>();
    private final Map<String, EmuOrder> byLinkId = new LinkedHashMap<>();
    private final List<ObjectNode> executions = new ArrayList<>();
    private long seq = 1_000;
    private long pushIds;

    Account(
            String apiKey,
            String apiSecret,
            long uid,
            SimulatedExchangeConfig config,
            List<Market> markets,
            EmulatorFaults faults) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.uid = uid;
        this.exchangeConfig = config;
        this.faults = faults;
        for (Market m : markets) {
            final Leg leg = new Leg(m);
            legs.put(m.symbol, leg);
            m.addListener(new io.scalper.core.market.MarketDataListener() {
                @Override
                public void onBook(io.scalper.core.market.MarketState ms, int result) {
                    leg.exchange.onBook(ms, result);
                    leg.exchange.advanceTo(m.clock.nowNs());
                }

                @Override
                public void onTrades(io.scalper.core.market.MarketState ms, int count) {
                    leg.exchange.onTrades(ms, count);
                    leg.exchange.advanceTo(m.clock.nowNs());
                }

                @Override
                public void onTicker(io.scalper.core.market.MarketState ms) {
                    leg.exchange.onTicker(ms);
                    leg.exchange.advanceTo(m.clock.nowNs());
                }
            });
        }
    }

    /** A symbol's simulated exchange and position settings for this account. */
    private final class Leg implements ExecutionListener {
        final Market market;
        final Instrument instrument;
        final SimulatedExchange exchange;
        String leverage;
        String takeProfit = "0";
        String stopLoss = "0";
        String trailingStop = "0";
        long createdMs;
        long updatedMs;
        double cumRealised;

        Leg(Market market) {
            this.market = market;
            this.instrument = market.instrument;
            this.exchange = new SimulatedExchange(
                    exchangeConfig,
                    market.state,
                    market.clock,
                    LatencyModel.constant(0, 0),
                    QueueModel.probabilistic());
            this.exchange.setListener(this);
            this.leverage = trimZeros(BigDecimal.valueOf(exchangeConfig.leverage()));
        }

        Position position() {
            return exchange.position();
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            final EmuOrder o = byCoreId.get(event.clientOrderId());
            if (o != null) {
                Account.this.onOrderEvent(this, o, event);
            }
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            Account.this.onFunding(this, amount, rate, exchangeTimeNs);
        }
    }

    /** An order as Bybit shows it. */
    private static final class EmuOrder {
        String orderId;
        String orderLinkId;
        String coreId;
        Leg leg;
        String side;
        String orderType;
        String timeInForce;
        long priceTicks;
        long qtyLots;
        long triggerTicks = OrderRequest.NO_PRICE;
        String triggerBy = "";
        int triggerDirection;
        boolean reduceOnly;
        boolean closeOnTrigger;
        String status = "New";
        String cancelType = BybitVocabulary.NO_CANCEL_TYPE;
        String rejectReason = BybitVocabulary.NO_REJECT_REASON;
        long cumLots;
        double cumValue;
        double cumFee;
        double closedPnl;
        long createdMs;
        long updatedMs;
        String lastPriceOnCreated = "";
        /** Set while a command is being processed: the refusal the exchange answered with. */
        Refusal refusal;

        boolean isOpen() {
            return status.equals("New") || status.equals("PartiallyFilled") || status.equals("Untriggered");
        }
    }

    // ------------------------------------------------------------------ commands

    Reply create(JsonNode p) {
        final String category = Json.str(p, "category");
        if (!"linear".equals(category)) {
            return Reply.error(10001, "params error: category only support linear");
        }
        final Leg leg = legs.get(Json.str(p, "symbol"));
        if (leg == null) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final Instrument inst = leg.instrument;
        final String sideText = Json.str(p, "side");
        if (!"Buy".equals(sideText) && !"Sell".equals(sideText)) {
            return Reply.error(10001, "params error: side invalid");
        }
        final String typeText = Json.str(p, "orderType");
        if (!"Limit".equals(typeText) && !"Market".equals(typeText)) {
            return Reply.error(10001, "params error: orderType invalid");
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
                return Reply.error(10001, "params error: timeInForce invalid");
            }
        }
        if (market && tif == TimeInForce.POST_ONLY) {
            return Reply.error(10001, "params error: Market order cannot be PostOnly");
        }
        final long qty;
        try {
            qty = inst.parseQty(require(p, "qty"));
        } catch (IllegalArgumentException e) {
            return Reply.error(10001, "params error: qty invalid: " + e.getMessage());
        }
        if (qty <= 0) {
            return Reply.error(10001, "params error: Qty invalid");
        }
        long price = OrderRequest.NO_PRICE;
        if (!market) {
            try {
                price = inst.parsePrice(require(p, "price"));
            } catch (IllegalArgumentException e) {
                return Reply.error(10001, "params error: price invalid: " + e.getMessage());
            }
            if (price <= 0) {
                return Reply.error(10001, "params error: price invalid");
            }
        }
        long trigger = OrderRequest.NO_PRICE;
        final String triggerText = Json.str(p, "triggerPrice");
        if (triggerText != null && !triggerText.isEmpty() && !triggerText.equals("0")) {
            try {
                trigger = inst.parsePrice(triggerText);
            } catch (IllegalArgumentException e) {
                return Reply.error(10001, "params error: triggerPrice invalid: " + e.getMessage());
            }
        }
        final String triggerByText = Json.str(p, "triggerBy");
        final TriggerSource triggerSource =
                "MarkPrice".equals(triggerByText) ? TriggerSource.MARK_PRICE : TriggerSource.LAST_PRICE;
        String linkId = Json.str(p, "orderLinkId");
        if (linkId == null) {
            linkId = "";
        }
        if (!linkId.isEmpty() && !LINK_ID.matcher(linkId).matches()) {
            return Reply.error(10001, "params error: orderLinkId invalid");
        }
        if (!linkId.isEmpty() && byLinkId.containsKey(linkId)) {
            return Reply.error(110072, "OrderLinkedID is duplicate");
        }
        final int injected = faults.takeOrderRejection();
        if (injected != 0) {
            return Reply.injected(injected, messageFor(injected));
        }
        final boolean reduceOnly = Json.bool(p, "reduceOnly");
        final String coreId =
                linkId.isEmpty() ? "e" + UUID.randomUUID().toString().replace("-", "") : linkId;
        final OrderRequest request;
        if (trigger != OrderRequest.NO_PRICE && market) {
            request = OrderRequest.stopMarket(
                    coreId,
                    leg.market.symbol,
                    side(sideText),
                    trigger,
                    qty,
                    reduceOnly,
                    triggerSource,
                    OrderPurpose.EXTERNAL);
        } else if (market) {
            request = OrderRequest.market(
                    coreId, leg.market.symbol, side(sideText), qty, reduceOnly, OrderPurpose.EXTERNAL);
        } else if (trigger != OrderRequest.NO_PRICE) {
            return Reply.error(10001, "params error: conditional Limit orders are not supported by the emulator");
        } else {
            request = OrderRequest.limit(
                    coreId, leg.market.symbol, side(sideText), price, qty, tif, reduceOnly, OrderPurpose.EXTERNAL);
        }
        final EmuOrder o = new EmuOrder();
        o.orderId = UUID.randomUUID().toString();
        o.orderLinkId = linkId;
        o.coreId = coreId;
        o.leg = leg;
        o.side = sideText;
        o.orderType = typeText;
        o.timeInForce = market ? "IOC" : tifText;
        o.qtyLots = qty;
        o.priceTicks = market ? marketProtectionPrice(leg, sideText) : price;
        o.triggerTicks = trigger;
        if (trigger != OrderRequest.NO_PRICE) {
            o.triggerBy = triggerSource == TriggerSource.MARK_PRICE ? "MarkPrice" : "LastPrice";
            final String dir = Json.str(p, "triggerDirection");
            o.triggerDirection = dir == null ? (sideText.equals("Buy") ? 1 : 2) : Integer.parseInt(dir);
            o.status = "Untriggered";
        }
        o.reduceOnly = reduceOnly;
        o.closeOnTrigger = Json.bool(p, "closeOnTrigger");
        final long now = nowMs(leg);
        o.createdMs = now;
        o.updatedMs = now;
        final long last = leg.market.state.tape().lastPriceTicks();
        o.lastPriceOnCreated = last == io.scalper.core.tape.TradeTape.NONE ? "" : leg.instrument.formatPrice(last);
        byCoreId.put(coreId, o);
        leg.exchange.submit(request);
        leg.exchange.advanceTo(leg.market.clock.nowNs());
        if (o.refusal != null) {
            byCoreId.remove(coreId);
            return refusal(o.refusal);
        }
        byOrderId.put(o.orderId, o);
        if (!linkId.isEmpty()) {
            byLinkId.put(linkId, o);
        }
        return Reply.ok(ack(o));
    }

    private static String messageFor(int code) {
        return switch (code) {
            case 110007 -> "ab not enough for new order";
            case 10006 -> "Too many visits!";
            case 10016 -> "Server error";
            case 110094 -> "Order does not meet minimum order value 5USDT";
            default -> "Order refused (injected fault)";
        };
    }

    private static String require(JsonNode p, String field) {
        final String v = Json.str(p, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    private static Side side(String text) {
        return text.equals("Buy") ? Side.BUY : Side.SELL;
    }

    /** Bybit shows a market order's slippage-bound price; the touch ± 10 %, on the tick. */
    private static long marketProtectionPrice(Leg leg, String side) {
        final long bid = leg.market.state.book().bestBid();
        final long ask = leg.market.state.book().bestAsk();
        if (side.equals("Buy")) {
            return ask == io.scalper.core.book.OrderBook.NONE ? 0 : ask + ask / 10;
        }
        return bid == io.scalper.core.book.OrderBook.NONE ? 0 : bid - bid / 10;
    }

    /** The core exchange's refusal → Bybit's reply, in Bybit's words ({@link BybitVocabulary}). */
    private static Reply refusal(Refusal r) {
        return Reply.error(BybitVocabulary.retCode(r.reason()), BybitVocabulary.retMsg(r.reason(), r.detail()));
    }

    /** A refusal the core exchange answered a command with. */
    private record Refusal(RejectReason reason, String detail) {}

    private EmuOrder find(JsonNode p) {
        final String orderId = Json.str(p, "orderId");
        if (orderId != null && !orderId.isEmpty()) {
            return byOrderId.get(orderId);
        }
        final String link = Json.str(p, "orderLinkId");
        return link == null || link.isEmpty() ? null : byLinkId.get(link);
    }

    Reply amend(JsonNode p) {
        final EmuOrder o = find(p);
        if (o == null || !o.isOpen() || !o.leg.market.symbol.equals(Json.str(p, "symbol"))) {
            return Reply.error(110001, "order not exists or too late to replace");
        }
        final Instrument inst = o.leg.instrument;
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
            return Reply.error(10001, "params error: " + e.getMessage());
        }
        o.leg.exchange.amend(o.coreId, price, qty, trigger);
        o.leg.exchange.advanceTo(o.leg.market.clock.nowNs());
        if (o.refusal != null) {
            final Refusal r = o.refusal;
            o.refusal = null;
            return refusal(r);
        }
        return Reply.ok(ack(o));
    }

    Reply cancel(JsonNode p) {
        final EmuOrder o = find(p);
        if (o == null || !o.isOpen() || !o.leg.market.symbol.equals(Json.str(p, "symbol"))) {
            return Reply.error(110001, "order not exists or too late to cancel");
        }
        o.leg.exchange.cancel(o.coreId);
        o.leg.exchange.advanceTo(o.leg.market.clock.nowNs());
        if (o.refusal != null) {
            final Refusal r = o.refusal;
            o.refusal = null;
            return refusal(r);
        }
        return Reply.ok(ack(o));
    }

    Reply cancelAll(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String settle = Json.str(p, "settleCoin");
        if ((symbol == null || symbol.isEmpty()) && (settle == null || settle.isEmpty())) {
            return Reply.error(10001, "params error: symbol or settleCoin is required");
        }
        final ArrayNode list = Json.arr();
        for (EmuOrder o : new ArrayList<>(byOrderId.values())) {
            if (!o.isOpen() || (symbol != null && !symbol.isEmpty() && !o.leg.market.symbol.equals(symbol))) {
                continue;
            }
            o.leg.exchange.cancel(o.coreId);
            o.leg.exchange.advanceTo(o.leg.market.clock.nowNs());
            o.refusal = null;
            list.add(ack(o));
        }
        final ObjectNode r = Json.obj();
        r.set("list", list);
        r.put("success", "1");
        return Reply.ok(r);
    }

    private static ObjectNode ack(EmuOrder o) {
        final ObjectNode r = Json.obj();
        r.put("orderId", o.orderId);
        r.put("orderLinkId", o.orderLinkId);
        return r;
    }

    Reply openOrders(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String orderId = Json.str(p, "orderId");
        final String linkId = Json.str(p, "orderLinkId");
        final boolean byId = (orderId != null && !orderId.isEmpty()) || (linkId != null && !linkId.isEmpty());
        final boolean closed = "1".equals(Json.str(p, "openOnly"));
        final List<ObjectNode> rows = new ArrayList<>();
        final List<EmuOrder> all = new ArrayList<>(byOrderId.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            final EmuOrder o = all.get(i);
            if (symbol != null && !symbol.isEmpty() && !o.leg.market.symbol.equals(symbol)) {
                continue;
            }
            if (orderId != null && !orderId.isEmpty() && !o.orderId.equals(orderId)) {
                continue;
            }
            if (linkId != null && !linkId.isEmpty() && !o.orderLinkId.equals(linkId)) {
                continue;
            }
            if (!byId && (closed == o.isOpen())) {
                continue;
            }
            rows.add(orderJson(o, false));
        }
        return Reply.ok(page(rows, p, 20, 50, true));
    }

    /**
     * {@code GET /v5/order/history}: every order of the account, open and closed, newest first; filters {@code symbol},
     * {@code orderId}, {@code orderLinkId}, {@code orderStatus}, {@code startTime}/{@code endTime} (created time, ms).
     * History rows carry {@code extraFees} and the slippage-tolerance fields that realtime rows lack.
     */
    Reply orderHistory(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String orderId = Json.str(p, "orderId");
        final String linkId = Json.str(p, "orderLinkId");
        final String status = Json.str(p, "orderStatus");
        final long start = parseLong(Json.str(p, "startTime"), Long.MIN_VALUE);
        final long end = parseLong(Json.str(p, "endTime"), Long.MAX_VALUE);
        final List<ObjectNode> rows = new ArrayList<>();
        final List<EmuOrder> all = new ArrayList<>(byOrderId.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            final EmuOrder o = all.get(i);
            if (symbol != null && !symbol.isEmpty() && !o.leg.market.symbol.equals(symbol)) {
                continue;
            }
            if (orderId != null && !orderId.isEmpty() && !o.orderId.equals(orderId)) {
                continue;
            }
            if (linkId != null && !linkId.isEmpty() && !o.orderLinkId.equals(linkId)) {
                continue;
            }
            if (o.createdMs < start || o.createdMs > end) {
                continue;
            }
            final ObjectNode row = orderJson(o, false);
            if (status != null
                    && !status.isEmpty()
                    && !status.equals(row.path("orderStatus").asText())) {
                continue;
            }
            row.put("extraFees", "");
            row.put("slippageTolerance", "");
            row.put("slippageToleranceType", "UNKNOWN");
            rows.add(row);
        }
        return Reply.ok(page(rows, p, 20, 50, true));
    }

    Reply executions(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String orderId = Json.str(p, "orderId");
        final String linkId = Json.str(p, "orderLinkId");
        final String execType = Json.str(p, "execType");
        final long start = parseLong(Json.str(p, "startTime"), Long.MIN_VALUE);
        final long end = parseLong(Json.str(p, "endTime"), Long.MAX_VALUE);
        final List<ObjectNode> rows = new ArrayList<>();
        for (int i = executions.size() - 1; i >= 0; i--) {
            final ObjectNode e = executions.get(i);
            if (symbol != null
                    && !symbol.isEmpty()
                    && !symbol.equals(e.get("symbol").asText())) {
                continue;
            }
            if (orderId != null
                    && !orderId.isEmpty()
                    && !orderId.equals(e.get("orderId").asText())) {
                continue;
            }
            if (linkId != null
                    && !linkId.isEmpty()
                    && !linkId.equals(e.get("orderLinkId").asText())) {
                continue;
            }
            if (execType != null
                    && !execType.isEmpty()
                    && !execType.equals(e.get("execType").asText())) {
                continue;
            }
            final long t = Long.parseLong(e.get("execTime").asText());
            if (t < start || t > end) {
                continue;
            }
            final ObjectNode rest = e.deepCopy();
            rest.put("extraFees", "");
            rest.put("execFeeV2", "");
            rows.add(rest);
        }
        return Reply.ok(page(rows, p, 50, 100, true));
    }

    private static long parseLong(String s, long dflt) {
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** A page of rows with an offset cursor. */
    private static ObjectNode page(List<ObjectNode> rows, JsonNode p, int dflt, int max, boolean category) {
        int limit = (int) parseLong(Json.str(p, "limit"), dflt);
        limit = Math.max(1, Math.min(max, limit));
        final int from = (int) Math.max(0, parseLong(Json.str(p, "cursor"), 0));
        final ArrayNode list = Json.arr();
        for (int i = from; i < rows.size() && i < from + limit; i++) {
            list.add(rows.get(i));
        }
        final ObjectNode r = Json.obj();
        r.set("list", list);
        r.put("nextPageCursor", from + limit < rows.size() ? Integer.toString(from + limit) : "");
        if (category) {
            r.put("category", "linear");
        }
        return r;
    }

    Reply positions(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String settle = Json.str(p, "settleCoin");
        if ((symbol == null || symbol.isEmpty()) && (settle == null || settle.isEmpty())) {
            return Reply.error(10001, "params error: symbol or settleCoin is required");
        }
        final List<ObjectNode> rows = new ArrayList<>();
        for (Leg leg : legs.values()) {
            if (symbol != null && !symbol.isEmpty()) {
                if (leg.market.symbol.equals(symbol)) {
                    rows.add(positionJson(leg, false));
                }
            } else if (!leg.position().isFlat()) {
                rows.add(positionJson(leg, false));
            }
        }
        if (symbol != null && !symbol.isEmpty() && rows.isEmpty()) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        return Reply.ok(page(rows, p, 20, 200, true));
    }

    Reply setLeverage(JsonNode p) {
        final Leg leg = legs.get(Json.str(p, "symbol"));
        if (leg == null) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final String buy = Json.str(p, "buyLeverage");
        final String sell = Json.str(p, "sellLeverage");
        final BigDecimal lev;
        try {
            lev = new BigDecimal(buy);
            if (!lev.equals(new BigDecimal(sell)) && lev.compareTo(new BigDecimal(sell)) != 0) {
                return Reply.error(10001, "params error: buy leverage not equal sell leverage");
            }
        } catch (RuntimeException e) {
            return Reply.error(10001, "params error: leverage invalid");
        }
        if (lev.compareTo(BigDecimal.ONE) < 0 || lev.compareTo(BigDecimal.valueOf(100)) > 0) {
            return Reply.error(10001, "params error: leverage invalid");
        }
        final String text = trimZeros(lev);
        if (text.equals(leg.leverage)) {
            return Reply.error(110043, "Set leverage has not been modified.");
        }
        leg.leverage = text;
        pushPosition(leg);
        return Reply.ok(Json.obj());
    }

    Reply tradingStop(JsonNode p) {
        final Leg leg = legs.get(Json.str(p, "symbol"));
        if (leg == null) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        boolean changed = false;
        final String tp = Json.str(p, "takeProfit");
        final String sl = Json.str(p, "stopLoss");
        final String ts = Json.str(p, "trailingStop");
        try {
            if (tp != null && !tp.equals(leg.takeProfit)) {
                leg.takeProfit = tp.equals("0") ? "0" : leg.instrument.formatPrice(leg.instrument.parsePrice(tp));
                changed = true;
            }
            if (sl != null && !sl.equals(leg.stopLoss)) {
                leg.stopLoss = sl.equals("0") ? "0" : leg.instrument.formatPrice(leg.instrument.parsePrice(sl));
                changed = true;
            }
            if (ts != null && !ts.equals(leg.trailingStop)) {
                leg.trailingStop = ts;
                changed = true;
            }
        } catch (IllegalArgumentException e) {
            return Reply.error(10001, "params error: " + e.getMessage());
        }
        if (!changed) {
            return Reply.error(34040, "not modified");
        }
        pushPosition(leg);
        return Reply.ok(Json.obj());
    }

    Reply wallet(JsonNode p) {
        if (!"UNIFIED".equals(Json.str(p, "accountType"))) {
            return Reply.error(10001, "accountType only support UNIFIED.");
        }
        final ObjectNode r = Json.obj();
        r.set("list", Json.arr().add(walletJson()));
        return Reply.ok(r);
    }

    Reply feeRates(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final ArrayNode list = Json.arr();
        for (Leg leg : legs.values()) {
            if (symbol == null || symbol.isEmpty() || symbol.equals(leg.market.symbol)) {
                final ObjectNode row = list.addObject();
                row.put("symbol", leg.market.symbol);
                row.put("takerFeeRate", num(exchangeConfig.takerFeeRate()));
                row.put("makerFeeRate", num(exchangeConfig.makerFeeRate()));
            }
        }
        final ObjectNode r = Json.obj();
        r.set("list", list);
        return Reply.ok(r);
    }

    // ------------------------------------------------------------------ events → Bybit state and pushes

    private void onOrderEvent(Leg leg, EmuOrder o, OrderEvent event) {
        final long now = nowMs(leg);
        o.updatedMs = now;
        if (event instanceof OrderEvent.Accepted) {
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.Rejected r) {
            o.refusal = new Refusal(r.reason(), r.detail());
            o.status = "Rejected";
        } else if (event instanceof OrderEvent.Amended a) {
            if (o.orderType.equals("Limit")) {
                o.priceTicks = a.priceTicks();
            }
            o.qtyLots = a.qtyLots();
            if (o.triggerTicks != OrderRequest.NO_PRICE) {
                o.triggerTicks = a.triggerPriceTicks();
            }
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.AmendRejected a) {
            o.refusal = new Refusal(a.reason(), a.detail());
        } else if (event instanceof OrderEvent.CancelRejected c) {
            o.refusal = new Refusal(c.reason(), c.detail());
        } else if (event instanceof OrderEvent.Triggered) {
            o.status = "Triggered";
            pushOrder(o);
        } else if (event instanceof OrderEvent.Filled f) {
            onFill(leg, o, f);
        } else if (event instanceof OrderEvent.Canceled c) {
            o.status = "Cancelled";
            final BybitVocabulary.CancelNames names = BybitVocabulary.cancelNames(c.reason());
            o.cancelType = names.cancelType();
            o.rejectReason = names.rejectReason();
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.Expired) {
            o.status = "Cancelled";
            pushOrder(o);
        }
    }

    private void onFill(Leg leg, EmuOrder o, OrderEvent.Filled f) {
        final Instrument inst = leg.instrument;
        final Position pos = leg.position();
        // the exchange applied the fill to the position already: closed size is what it took off the old position
        final long after = pos.qtyLots();
        final long signed = o.side.equals("Buy") ? f.qtyLots() : -f.qtyLots();
        final long before = after - signed;
        final long closed = Long.signum(before) != 0 && Long.signum(before) != Long.signum(signed)
                ? Math.min(Math.abs(before), f.qtyLots())
                : 0;
        final double value = inst.notional(f.priceTicks(), f.qtyLots());
        o.cumLots += f.qtyLots();
        o.cumValue += value;
        o.cumFee += f.fee();
        final double realisedBefore = leg.cumRealised;
        leg.cumRealised = pos.realizedPnl() - pos.fees() + pos.funding();
        final double execPnl = leg.cumRealised - realisedBefore + f.fee();
        o.closedPnl += leg.cumRealised - realisedBefore;
        final long leaves = f.leavesQtyLots() >= 0 ? f.leavesQtyLots() : o.qtyLots - o.cumLots;
        o.status = leaves == 0 ? "Filled" : "PartiallyFilled";
        final long s = ++seq;
        final ObjectNode e = Json.obj();
        e.put("category", "linear");
        e.put("symbol", leg.market.symbol);
        e.put("closedSize", inst.formatQty(closed));
        e.put("execFee", num(f.fee()));
        e.put(
                "execId",
                UUID.nameUUIDFromBytes((apiKey + f.fillId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        e.put("execPrice", inst.formatPrice(f.priceTicks()));
        e.put("execQty", inst.formatQty(f.qtyLots()));
        e.put("execType", "Trade");
        e.put("execValue", num(value));
        e.put(
                "feeRate",
                num(f.liquidity() == Liquidity.MAKER ? exchangeConfig.makerFeeRate() : exchangeConfig.takerFeeRate()));
        e.put("tradeIv", "");
        e.put("markIv", "");
        e.put("blockTradeId", "");
        e.put("markPrice", markText(leg));
        e.put("indexPrice", "");
        e.put("underlyingPrice", "");
        e.put("leavesQty", inst.formatQty(leaves));
        e.put("orderId", o.orderId);
        e.put("orderLinkId", o.orderLinkId);
        e.put("orderPrice", o.priceTicks > 0 ? inst.formatPrice(o.priceTicks) : "0");
        e.put("orderQty", inst.formatQty(o.qtyLots));
        e.put("orderType", o.orderType);
        e.put("stopOrderType", o.triggerTicks != OrderRequest.NO_PRICE ? "Stop" : "UNKNOWN");
        e.put("side", o.side);
        e.put("execTime", Long.toString(nowMs(leg)));
        e.put("isLeverage", "0");
        e.put("isMaker", f.liquidity() == Liquidity.MAKER);
        e.put("seq", s);
        e.put("marketUnit", "");
        e.put("execPnl", num(closed == 0 ? 0 : execPnl));
        e.put("createType", "CreateByUser");
        e.set("extraFees", Json.arr());
        e.put("feeCurrency", "USDT");
        executions.add(e);
        push("execution", Json.arr().add(e), true);
        final ObjectNode fast = Json.obj();
        for (String k : new String[] {
            "category",
            "symbol",
            "execId",
            "execPrice",
            "execQty",
            "orderId",
            "isMaker",
            "orderLinkId",
            "side",
            "execTime",
            "seq"
        }) {
            fast.set(k, e.get(k));
        }
        if (f.liquidity() == Liquidity.MAKER) {
            fast.put("orderLinkId", "");
        }
        push("execution.fast", Json.arr().add(fast), false);
        pushOrder(o);
        pushPosition(leg);
        pushWallet();
    }

    private void onFunding(Leg leg, double amount, double rate, long timeNs) {
        final Instrument inst = leg.instrument;
        final Position pos = leg.position();
        leg.cumRealised = pos.realizedPnl() - pos.fees() + pos.funding();
        final ObjectNode e = Json.obj();
        e.put("category", "linear");
        e.put("symbol", leg.market.symbol);
        e.put("closedSize", "0");
        e.put("execFee", num(-amount));
        e.put("execId", UUID.randomUUID().toString());
        e.put("execPrice", markText(leg));
        e.put("execQty", inst.formatQty(Math.abs(pos.qtyLots())));
        e.put("execType", "Funding");
        e.put("execValue", num(Math.abs(amount / (rate == 0 ? 1 : rate))));
        e.put("feeRate", num(rate));
        e.put("tradeIv", "");
        e.put("markIv", "");
        e.put("blockTradeId", "");
        e.put("markPrice", markText(leg));
        e.put("indexPrice", "");
        e.put("underlyingPrice", "");
        e.put("leavesQty", "0");
        e.put("orderId", "");
        e.put("orderLinkId", "");
        e.put("orderPrice", "0");
        e.put("orderQty", "0");
        e.put("orderType", "UNKNOWN");
        e.put("stopOrderType", "UNKNOWN");
        e.put("side", pos.qtyLots() >= 0 ? "Buy" : "Sell");
        e.put("execTime", Long.toString(timeNs / 1_000_000L));
        e.put("isLeverage", "0");
        e.put("isMaker", false);
        e.put("seq", ++seq);
        e.put("marketUnit", "");
        e.put("execPnl", "0");
        e.put("createType", "");
        e.set("extraFees", Json.arr());
        e.put("feeCurrency", "USDT");
        executions.add(e);
        push("execution", Json.arr().add(e), true);
        pushPosition(leg);
        pushWallet();
    }

    private void pushOrder(EmuOrder o) {
        push("order", Json.arr().add(orderJson(o, true)), true);
    }

    private void pushPosition(Leg leg) {
        push("position", Json.arr().add(positionJson(leg, true)), true);
    }

    private void pushWallet() {
        push("wallet", Json.arr().add(walletJson()), true);
    }

    private void push(String base, ArrayNode data, boolean withId) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Subscriber s : subscribers) {
            final String topic = s.subscribedAs(base);
            if (topic == null) {
                continue;
            }
            final ObjectNode msg = Json.obj();
            if (withId) {
                msg.put("id", uid + "_" + base + "_" + (++pushIds));
            }
            msg.put("topic", topic);
            msg.put("creationTime", System.currentTimeMillis());
            msg.set("data", data);
            gate.push(s, Json.write(msg));
        }
    }

    // ------------------------------------------------------------------ Bybit views

    private ObjectNode orderJson(EmuOrder o, boolean ws) {
        final Instrument inst = o.leg.instrument;
        final long leaves = o.isOpen() ? o.qtyLots - o.cumLots : 0;
        final ObjectNode r = Json.obj();
        if (ws) {
            r.put("category", "linear");
        }
        r.put("orderId", o.orderId);
        r.put("orderLinkId", o.orderLinkId);
        if (ws) {
            r.put("parentOrderLinkId", "");
        }
        r.put("blockTradeId", "");
        r.put("symbol", o.leg.market.symbol);
        r.put("price", o.priceTicks > 0 ? inst.formatPrice(o.priceTicks) : "0");
        r.put("qty", inst.formatQty(o.qtyLots));
        r.put("side", o.side);
        r.put("isLeverage", "");
        r.put("positionIdx", 0);
        r.put("orderStatus", o.status);
        r.put("createType", o.triggerTicks != OrderRequest.NO_PRICE ? "CreateByStopOrder" : "CreateByUser");
        r.put("cancelType", o.cancelType);
        r.put("rejectReason", o.rejectReason);
        r.put("avgPrice", o.cumLots == 0 ? (ws ? "" : "0") : avgPrice(o));
        r.put("leavesQty", inst.formatQty(leaves));
        r.put("leavesValue", num(o.priceTicks > 0 ? inst.notional(o.priceTicks, leaves) : 0));
        r.put("cumExecQty", inst.formatQty(o.cumLots));
        r.put("cumExecValue", num(o.cumValue));
        r.put("cumExecFee", num(o.cumFee));
        r.put("closedPnl", num(o.closedPnl));
        r.put("feeCurrency", "");
        r.put("timeInForce", o.timeInForce);
        r.put("orderType", o.orderType);
        r.put("stopOrderType", o.triggerTicks != OrderRequest.NO_PRICE ? "Stop" : (ws ? "" : "UNKNOWN"));
        r.put("orderIv", "");
        r.put("marketUnit", "");
        r.put("triggerPrice", o.triggerTicks != OrderRequest.NO_PRICE ? inst.formatPrice(o.triggerTicks) : "0.00");
        r.put("takeProfit", "");
        r.put("stopLoss", "");
        r.put("tpslMode", "");
        r.put("tpLimitPrice", "");
        r.put("slLimitPrice", "");
        r.put("tpTriggerBy", "");
        r.put("slTriggerBy", "");
        r.put("triggerDirection", o.triggerDirection);
        r.put("triggerBy", o.triggerBy.isEmpty() ? (ws ? "" : "UNKNOWN") : o.triggerBy);
        r.put("lastPriceOnCreated", o.lastPriceOnCreated);
        r.put("reduceOnly", o.reduceOnly);
        r.put("closeOnTrigger", o.closeOnTrigger);
        r.put("placeType", "");
        r.put("smpType", "None");
        r.put("smpGroup", 0);
        r.put("smpOrderId", "");
        r.put("createdTime", Long.toString(o.createdMs));
        r.put("updatedTime", Long.toString(o.updatedMs));
        final ObjectNode fee = Json.obj();
        if (o.cumLots > 0) {
            fee.put("USDT", num(o.cumFee));
        }
        r.set("cumFeeDetail", fee);
        r.put("rpiTakerAccess", false);
        r.put("rpiMatchedQty", "0");
        return r;
    }

    private static String avgPrice(EmuOrder o) {
        final double qty = o.cumLots * o.leg.instrument.qtyStepDouble();
        final BigDecimal avg =
                BigDecimal.valueOf(o.cumValue / qty).setScale(o.leg.instrument.priceScale() + 2, RoundingMode.HALF_UP);
        return trimZeros(avg);
    }

    private ObjectNode positionJson(Leg leg, boolean ws) {
        final Instrument inst = leg.instrument;
        final Position pos = leg.position();
        final long qty = pos.qtyLots();
        final double mark = leg.market.markPrice();
        final double lev = Double.parseDouble(leg.leverage);
        final double entry = qty == 0 ? 0 : pos.avgEntryTicks() * inst.tickSizeDouble();
        final double value = Math.abs(qty) * inst.qtyStepDouble() * entry;
        final double upl = qty == 0 || Double.isNaN(mark) ? 0 : pos.unrealizedPnl(mark / inst.tickSizeDouble());
        final double im = value / lev;
        final double mm = value * 0.005;
        final ObjectNode r = Json.obj();
        r.put("positionIdx", 0);
        r.put("riskId", 1);
        r.put("riskLimitValue", "2000000");
        r.put("symbol", leg.market.symbol);
        r.put("side", qty > 0 ? "Buy" : qty < 0 ? "Sell" : "");
        r.put("size", inst.formatQty(Math.abs(qty)));
        r.put(ws ? "entryPrice" : "avgPrice", qty == 0 ? "0" : price(entry, inst));
        r.put("positionValue", num(value));
        r.put("tradeMode", 0);
        r.put("positionStatus", "Normal");
        r.put("autoAddMargin", 0);
        r.put("adlRankIndicator", qty == 0 ? 0 : 2);
        r.put("leverage", leg.leverage);
        r.put("breakEvenPrice", qty == 0 ? "0" : price(entry, inst));
        r.put("positionBalance", num(im));
        r.put("markPrice", markText(leg));
        r.put("liqPrice", "");
        r.put("bustPrice", "");
        r.put("positionMM", num(mm));
        r.put("positionMMByMp", num(mm));
        r.put("positionIM", num(im));
        r.put("positionIMByMp", num(im));
        r.put("tpslMode", "Full");
        r.put("takeProfit", leg.takeProfit);
        r.put("stopLoss", leg.stopLoss);
        r.put("trailingStop", leg.trailingStop);
        r.put("unrealisedPnl", num(upl));
        r.put("curRealisedPnl", num(leg.cumRealised));
        r.put("cumRealisedPnl", num(leg.cumRealised));
        r.put("seq", seq);
        r.put("isReduceOnly", false);
        r.put(ws ? "mmrSysUpdatedTime" : "mmrSysUpdateTime", "");
        r.put("leverageSysUpdatedTime", "");
        r.put("sessionAvgPrice", "");
        r.put("createdTime", Long.toString(leg.createdMs == 0 ? (leg.createdMs = nowMs(leg)) : leg.createdMs));
        leg.updatedMs = nowMs(leg);
        r.put("updatedTime", Long.toString(leg.updatedMs));
        if (ws) {
            r.put("category", "linear");
        }
        return r;
    }

    /** Wallet figures: balance, unrealised PnL, margins. */
    double[] walletFigures() {
        double balance = exchangeConfig.initialBalance();
        double upl = 0;
        double positionIm = 0;
        double positionMm = 0;
        double orderIm = 0;
        double cumRealised = 0;
        for (Leg leg : legs.values()) {
            final Position pos = leg.position();
            final Instrument inst = leg.instrument;
            balance += pos.netRealized();
            cumRealised += pos.netRealized();
            final double mark = leg.market.markPrice();
            if (!pos.isFlat() && !Double.isNaN(mark)) {
                upl += pos.unrealizedPnl(mark / inst.tickSizeDouble());
            }
            final double lev = Double.parseDouble(leg.leverage);
            if (!pos.isFlat()) {
                final double value =
                        Math.abs(pos.qtyLots()) * inst.qtyStepDouble() * pos.avgEntryTicks() * inst.tickSizeDouble();
                positionIm += value / lev;
                positionMm += value * 0.005;
            }
        }
        for (EmuOrder o : byOrderId.values()) {
            if (o.isOpen() && !o.reduceOnly && o.priceTicks > 0 && o.triggerTicks == OrderRequest.NO_PRICE) {
                orderIm += o.leg.instrument.notional(o.priceTicks, o.qtyLots - o.cumLots)
                        / Double.parseDouble(o.leg.leverage);
            }
        }
        return new double[] {balance, upl, positionIm, positionMm, orderIm, cumRealised};
    }

    private ObjectNode walletJson() {
        final double[] f = walletFigures();
        final double balance = f[0];
        final double upl = f[1];
        final double equity = balance + upl;
        final double im = f[2] + f[4];
        final double mm = f[3];
        final ObjectNode r = Json.obj();
        r.put("accountType", "UNIFIED");
        r.put("accountIMRate", num(equity > 0 ? im / equity : 0));
        r.put("accountIMRateByMp", num(equity > 0 ? im / equity : 0));
        r.put("accountMMRate", num(equity > 0 ? mm / equity : 0));
        r.put("accountMMRateByMp", num(equity > 0 ? mm / equity : 0));
        r.put("totalEquity", num(equity));
        r.put("totalWalletBalance", num(balance));
        r.put("totalMarginBalance", num(equity));
        r.put("totalAvailableBalance", num(Math.max(0, equity - im)));
        r.put("totalPerpUPL", num(upl));
        r.put("totalInitialMargin", num(im));
        r.put("totalInitialMarginByMp", num(im));
        r.put("totalMaintenanceMargin", num(mm));
        r.put("totalMaintenanceMarginByMp", num(mm));
        r.put("accountLTV", "0");
        final ObjectNode c = Json.obj();
        c.put("coin", "USDT");
        c.put("equity", num(equity));
        c.put("usdValue", num(equity));
        c.put("walletBalance", num(balance));
        c.put("availableToWithdraw", "");
        c.put("availableToBorrow", "");
        c.put("borrowAmount", "0");
        c.put("accruedInterest", "0");
        c.put("totalOrderIM", num(f[4]));
        c.put("totalPositionIM", num(f[2]));
        c.put("totalPositionMM", num(mm));
        c.put("unrealisedPnl", num(upl));
        c.put("cumRealisedPnl", num(f[5]));
        c.put("bonus", "0");
        c.put("collateralSwitch", true);
        c.put("marginCollateral", true);
        c.put("locked", "0");
        c.put("spotHedgingQty", "0");
        c.put("spotBorrow", "0");
        r.set("coin", Json.arr().add(c));
        return r;
    }

    private static String markText(Leg leg) {
        final double mark = leg.market.markPrice();
        return Double.isNaN(mark) ? "" : price(mark, leg.instrument);
    }

    private static String price(double value, Instrument inst) {
        return BigDecimal.valueOf(value)
                .setScale(inst.priceScale(), RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** A decimal as Bybit prints amounts: up to 8 decimals, no trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return "0";
        }
        return trimZeros(BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_UP));
    }

    static String trimZeros(BigDecimal v) {
        final String s = v.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static long nowMs(Leg leg) {
        return leg.market.clock.nowNs() / 1_000_000L;
    }

    // ------------------------------------------------------------------ test support

    /** The core position of {@code symbol}: signed lots. */
    long positionLots(String symbol) {
        final Leg leg = legs.get(symbol);
        return leg == null ? 0 : leg.position().qtyLots();
    }

    /** The position of {@code symbol} as the venue holds it; the symbol must be served. */
    BybitEmulator.VenuePosition positionView(String symbol) {
        final Position pos = legs.get(symbol).position();
        return new BybitEmulator.VenuePosition(
                pos.qtyLots(), pos.isFlat() ? 0 : pos.avgEntryTicks(), pos.netRealized());
    }

    /** The open orders (New, PartiallyFilled, Untriggered) of {@code symbol}, oldest first. */
    List<BybitEmulator.OpenOrder> openOrderViews(String symbol) {
        final List<BybitEmulator.OpenOrder> out = new ArrayList<>();
        for (EmuOrder o : byOrderId.values()) {
            if (!o.isOpen() || !o.leg.market.symbol.equals(symbol)) {
                continue;
            }
            out.add(new BybitEmulator.OpenOrder(
                    o.orderLinkId,
                    o.orderId,
                    side(o.side),
                    o.orderType,
                    o.status,
                    o.qtyLots,
                    o.qtyLots - o.cumLots,
                    o.orderType.equals("Limit") ? o.priceTicks : BybitEmulator.OpenOrder.NONE,
                    o.triggerTicks == OrderRequest.NO_PRICE ? BybitEmulator.OpenOrder.NONE : o.triggerTicks,
                    o.triggerDirection,
                    o.reduceOnly,
                    o.closeOnTrigger));
        }
        return out;
    }

    boolean hasSymbol(String symbol) {
        return legs.containsKey(symbol);
    }
}
