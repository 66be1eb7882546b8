package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.book.OrderBook;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.tape.TradeTape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One API key's account: a {@link SimulatedExchange} per symbol over the shared markets ({@link Leg}), its orders and
 * executions as Bybit reports them, and the private sessions its pushes go to. Answers the account's REST and
 * trade-stream requests; the parts it coordinates each have one job: {@link OrderValidation} checks requests, {@link
 * AccountOrders} and {@link EmuOrder} hold the orders' state, {@link EventTranslator} turns the exchanges' events into
 * that state, execution rows and pushes, and {@link BybitViews} renders Bybit's JSON. Owned by the exchange thread.
 */
final class Account {
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

    private final SimulatedExchangeConfig config;
    private final EmulatorFaults faults;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final AccountOrders orders = new AccountOrders();
    private final BybitViews views;
    private final EventTranslator events;

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
        this.config = config;
        this.faults = faults;
        this.views = new BybitViews(config, legs.values(), orders);
        this.events = new EventTranslator(apiKey, uid, config, views, subscribers, gate);
        for (Market m : markets) {
            final Leg leg = new Leg(m, config);
            leg.exchange.setListener(new LegEvents(leg));
            legs.put(m.symbol, leg);
            m.addListener(leg.marketListener());
        }
    }

    /** A symbol's exchange events, for the orders this account placed. */
    private final class LegEvents implements ExecutionListener {
        private final Leg leg;

        LegEvents(Leg leg) {
            this.leg = leg;
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            final EmuOrder o = orders.byCoreId(event.clientOrderId());
            if (o != null) {
                events.onOrderEvent(leg, o, event);
            }
        }

        @Override
        public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
            events.onFunding(leg, amount, rate, exchangeTimeNs);
        }
    }

    // ------------------------------------------------------------------ commands

    Reply create(JsonNode p) {
        final OrderValidation.Checked<OrderValidation.Create> checked =
                OrderValidation.create(p, s -> legs.containsKey(s) ? legs.get(s).instrument : null);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        final OrderValidation.Create c = checked.value();
        final String linkId = c.orderLinkId();
        if (!linkId.isEmpty() && orders.hasLinkId(linkId)) {
            return Reply.error(110072, "OrderLinkedID is duplicate");
        }
        final int injected = faults.takeOrderRejection();
        if (injected != 0) {
            return Reply.injected(injected, OrderValidation.injectedMessage(injected));
        }
        final String coreId =
                linkId.isEmpty() ? "e" + UUID.randomUUID().toString().replace("-", "") : linkId;
        final OrderRequest request = OrderValidation.coreRequest(c, coreId);
        if (request == null) {
            return Reply.error(10001, "params error: conditional Limit orders are not supported by the emulator");
        }
        final Leg leg = legs.get(c.symbol());
        final boolean market = c.isMarket();
        final EmuOrder o = new EmuOrder();
        o.orderId = UUID.randomUUID().toString();
        o.orderLinkId = linkId;
        o.coreId = coreId;
        o.leg = leg;
        o.side = c.side();
        o.orderType = c.orderType();
        o.timeInForce = market ? "IOC" : c.timeInForce();
        o.qtyLots = c.qtyLots();
        o.priceTicks = market ? marketProtectionPrice(leg, c.side()) : c.priceTicks();
        o.triggerTicks = c.triggerTicks();
        if (c.isConditional()) {
            o.triggerBy = c.triggerSource() == TriggerSource.MARK_PRICE ? "MarkPrice" : "LastPrice";
            final String dir = c.triggerDirection();
            o.triggerDirection = dir == null ? (c.side().equals("Buy") ? 1 : 2) : Integer.parseInt(dir);
            o.status = "Untriggered";
        }
        o.reduceOnly = c.reduceOnly();
        o.closeOnTrigger = c.closeOnTrigger();
        final long now = leg.nowMs();
        o.createdMs = now;
        o.updatedMs = now;
        final long last = leg.market.state.tape().lastPriceTicks();
        o.lastPriceOnCreated = last == TradeTape.NONE ? "" : leg.instrument.formatPrice(last);
        orders.placing(o);
        leg.exchange.submit(request);
        leg.catchUp();
        final EmuOrder.Refusal refusal = o.takeRefusal();
        if (refusal != null) {
            orders.refused(o);
            return OrderValidation.refusal(refusal);
        }
        orders.placed(o);
        return Reply.ok(ack(o));
    }

    /** Bybit shows a market order's slippage-bound price; the touch ± 10 %, on the tick. */
    private static long marketProtectionPrice(Leg leg, String side) {
        final long bid = leg.market.state.book().bestBid();
        final long ask = leg.market.state.book().bestAsk();
        if (side.equals("Buy")) {
            return ask == OrderBook.NONE ? 0 : ask + ask / 10;
        }
        return bid == OrderBook.NONE ? 0 : bid - bid / 10;
    }

    Reply amend(JsonNode p) {
        final EmuOrder o = orders.find(p);
        if (o == null || !o.isOpen() || !o.leg.symbol().equals(Json.str(p, "symbol"))) {
            return Reply.error(110001, "order not exists or too late to replace");
        }
        final OrderValidation.Checked<OrderValidation.Amend> checked = OrderValidation.amend(p, o.leg.instrument);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        final OrderValidation.Amend a = checked.value();
        o.leg.exchange.amend(o.coreId, a.priceTicks(), a.qtyLots(), a.triggerTicks());
        o.leg.catchUp();
        final EmuOrder.Refusal refusal = o.takeRefusal();
        return refusal != null ? OrderValidation.refusal(refusal) : Reply.ok(ack(o));
    }

    Reply cancel(JsonNode p) {
        final EmuOrder o = orders.find(p);
        if (o == null || !o.isOpen() || !o.leg.symbol().equals(Json.str(p, "symbol"))) {
            return Reply.error(110001, "order not exists or too late to cancel");
        }
        o.leg.exchange.cancel(o.coreId);
        o.leg.catchUp();
        final EmuOrder.Refusal refusal = o.takeRefusal();
        return refusal != null ? OrderValidation.refusal(refusal) : Reply.ok(ack(o));
    }

    Reply cancelAll(JsonNode p) {
        final Reply missing = OrderValidation.requireSymbolOrSettleCoin(p);
        if (missing != null) {
            return missing;
        }
        final String symbol = Json.str(p, "symbol");
        final ArrayNode list = Json.arr();
        for (EmuOrder o : orders.snapshot()) {
            if (!o.isOpen()
                    || (symbol != null && !symbol.isEmpty() && !o.leg.symbol().equals(symbol))) {
                continue;
            }
            o.leg.exchange.cancel(o.coreId);
            o.leg.catchUp();
            o.takeRefusal();
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

    // ------------------------------------------------------------------ queries

    Reply openOrders(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String orderId = Json.str(p, "orderId");
        final String linkId = Json.str(p, "orderLinkId");
        final boolean byId = (orderId != null && !orderId.isEmpty()) || (linkId != null && !linkId.isEmpty());
        final boolean closed = "1".equals(Json.str(p, "openOnly"));
        final List<ObjectNode> rows = new ArrayList<>();
        final List<EmuOrder> all = orders.snapshot();
        for (int i = all.size() - 1; i >= 0; i--) {
            final EmuOrder o = all.get(i);
            if (symbol != null && !symbol.isEmpty() && !o.leg.symbol().equals(symbol)) {
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
            rows.add(views.order(o, false));
        }
        return Reply.ok(BybitViews.page(rows, p, 20, 50, true));
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
        final long start = BybitViews.parseLong(Json.str(p, "startTime"), Long.MIN_VALUE);
        final long end = BybitViews.parseLong(Json.str(p, "endTime"), Long.MAX_VALUE);
        final List<ObjectNode> rows = new ArrayList<>();
        final List<EmuOrder> all = orders.snapshot();
        for (int i = all.size() - 1; i >= 0; i--) {
            final EmuOrder o = all.get(i);
            if (symbol != null && !symbol.isEmpty() && !o.leg.symbol().equals(symbol)) {
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
            final ObjectNode row = views.order(o, false);
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
        return Reply.ok(BybitViews.page(rows, p, 20, 50, true));
    }

    Reply executions(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final String orderId = Json.str(p, "orderId");
        final String linkId = Json.str(p, "orderLinkId");
        final String execType = Json.str(p, "execType");
        final long start = BybitViews.parseLong(Json.str(p, "startTime"), Long.MIN_VALUE);
        final long end = BybitViews.parseLong(Json.str(p, "endTime"), Long.MAX_VALUE);
        final List<ObjectNode> rows = new ArrayList<>();
        final List<ObjectNode> executions = events.executions();
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
        return Reply.ok(BybitViews.page(rows, p, 50, 100, true));
    }

    Reply positions(JsonNode p) {
        final Reply missing = OrderValidation.requireSymbolOrSettleCoin(p);
        if (missing != null) {
            return missing;
        }
        final String symbol = Json.str(p, "symbol");
        final List<ObjectNode> rows = new ArrayList<>();
        for (Leg leg : legs.values()) {
            if (symbol != null && !symbol.isEmpty()) {
                if (leg.symbol().equals(symbol)) {
                    rows.add(views.position(leg, false, events.seq()));
                }
            } else if (!leg.position().isFlat()) {
                rows.add(views.position(leg, false, events.seq()));
            }
        }
        if (symbol != null && !symbol.isEmpty() && rows.isEmpty()) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        return Reply.ok(BybitViews.page(rows, p, 20, 200, true));
    }

    Reply setLeverage(JsonNode p) {
        final Leg leg = legs.get(Json.str(p, "symbol"));
        if (leg == null) {
            return Reply.error(10001, "params error: symbol invalid");
        }
        final OrderValidation.Checked<String> lev = OrderValidation.leverage(p);
        if (lev.refusal() != null) {
            return lev.refusal();
        }
        final String text = lev.value();
        if (text.equals(leg.leverage)) {
            return Reply.error(110043, "Set leverage has not been modified.");
        }
        leg.leverage = text;
        events.pushPosition(leg);
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
        events.pushPosition(leg);
        return Reply.ok(Json.obj());
    }

    Reply wallet(JsonNode p) {
        if (!"UNIFIED".equals(Json.str(p, "accountType"))) {
            return Reply.error(10001, "accountType only support UNIFIED.");
        }
        final ObjectNode r = Json.obj();
        r.set("list", Json.arr().add(views.wallet()));
        return Reply.ok(r);
    }

    Reply feeRates(JsonNode p) {
        final String symbol = Json.str(p, "symbol");
        final ArrayNode list = Json.arr();
        for (Leg leg : legs.values()) {
            if (symbol == null || symbol.isEmpty() || symbol.equals(leg.symbol())) {
                final ObjectNode row = list.addObject();
                row.put("symbol", leg.symbol());
                row.put("takerFeeRate", BybitViews.num(config.takerFeeRate()));
                row.put("makerFeeRate", BybitViews.num(config.makerFeeRate()));
            }
        }
        final ObjectNode r = Json.obj();
        r.set("list", list);
        return Reply.ok(r);
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
        for (EmuOrder o : orders.all()) {
            if (!o.isOpen() || !o.leg.symbol().equals(symbol)) {
                continue;
            }
            out.add(new BybitEmulator.OpenOrder(
                    o.orderLinkId,
                    o.orderId,
                    OrderValidation.side(o.side),
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
