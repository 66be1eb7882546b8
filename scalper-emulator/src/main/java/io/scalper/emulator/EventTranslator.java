package io.scalper.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.Position;
import io.scalper.core.model.Instrument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One account's core events in Bybit's terms: each event from a symbol's simulated exchange updates the {@link
 * EmuOrder}, fills and funding become execution rows (kept for {@code /v5/execution/list}), and the order, execution,
 * fast-execution, position and wallet topics are pushed to the private sessions subscribed to them, through the
 * account's {@link PushGate}. Exchange thread.
 */
final class EventTranslator {
    private final String apiKey;
    private final long uid;
    private final SimulatedExchangeConfig config;
    private final BybitViews views;
    private final List<Account.Subscriber> subscribers;
    private final PushGate gate;
    private final List<ObjectNode> executions = new ArrayList<>();
    private long seq = 1_000;
    private long pushIds;

    /** @param subscribers the account's private sessions (a live list) */
    EventTranslator(
            String apiKey,
            long uid,
            SimulatedExchangeConfig config,
            BybitViews views,
            List<Account.Subscriber> subscribers,
            PushGate gate) {
        this.apiKey = apiKey;
        this.uid = uid;
        this.config = config;
        this.views = views;
        this.subscribers = subscribers;
        this.gate = gate;
    }

    /** The account's executions, oldest first (a live list). */
    List<ObjectNode> executions() {
        return executions;
    }

    /** The cross sequence: the last execution's. */
    long seq() {
        return seq;
    }

    /** What {@code event} from the exchange of {@code leg} does to {@code o}, and the pushes it causes. */
    void onOrderEvent(Leg leg, EmuOrder o, OrderEvent event) {
        o.updatedMs = leg.nowMs();
        if (event instanceof OrderEvent.Accepted) {
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.Rejected r) {
            o.rejected(r.reason(), r.detail());
        } else if (event instanceof OrderEvent.Amended a) {
            o.amended(a);
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.AmendRejected a) {
            o.refused(a.reason(), a.detail());
        } else if (event instanceof OrderEvent.CancelRejected c) {
            o.refused(c.reason(), c.detail());
        } else if (event instanceof OrderEvent.Triggered) {
            o.triggered();
            pushOrder(o);
        } else if (event instanceof OrderEvent.Filled f) {
            onFill(leg, o, f);
        } else if (event instanceof OrderEvent.Canceled c) {
            o.cancelled(c.reason());
            pushOrder(o);
            pushPosition(leg);
        } else if (event instanceof OrderEvent.Expired) {
            o.expired();
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
        final double realisedBefore = leg.cumRealised;
        leg.cumRealised = pos.realizedPnl() - pos.fees() + pos.funding();
        final double execPnl = leg.cumRealised - realisedBefore + f.fee();
        final long leaves = o.filled(f.qtyLots(), value, f.fee(), leg.cumRealised - realisedBefore, f.leavesQtyLots());
        final long s = ++seq;
        final ObjectNode e = Json.obj();
        e.put("category", "linear");
        e.put("symbol", leg.symbol());
        e.put("closedSize", inst.formatQty(closed));
        e.put("execFee", BybitViews.num(f.fee()));
        e.put(
                "execId",
                UUID.nameUUIDFromBytes((apiKey + f.fillId()).getBytes(StandardCharsets.UTF_8))
                        .toString());
        e.put("execPrice", inst.formatPrice(f.priceTicks()));
        e.put("execQty", inst.formatQty(f.qtyLots()));
        e.put("execType", "Trade");
        e.put("execValue", BybitViews.num(value));
        e.put(
                "feeRate",
                BybitViews.num(f.liquidity() == Liquidity.MAKER ? config.makerFeeRate() : config.takerFeeRate()));
        e.put("tradeIv", "");
        e.put("markIv", "");
        e.put("blockTradeId", "");
        e.put("markPrice", BybitViews.markText(leg));
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
        e.put("execTime", Long.toString(leg.nowMs()));
        e.put("isLeverage", "0");
        e.put("isMaker", f.liquidity() == Liquidity.MAKER);
        e.put("seq", s);
        e.put("marketUnit", "");
        e.put("execPnl", BybitViews.num(closed == 0 ? 0 : execPnl));
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

    /** A funding settlement: an execution row, then position and wallet pushes. */
    void onFunding(Leg leg, double amount, double rate, long timeNs) {
        final Instrument inst = leg.instrument;
        final Position pos = leg.position();
        leg.cumRealised = pos.realizedPnl() - pos.fees() + pos.funding();
        final ObjectNode e = Json.obj();
        e.put("category", "linear");
        e.put("symbol", leg.symbol());
        e.put("closedSize", "0");
        e.put("execFee", BybitViews.num(-amount));
        e.put("execId", UUID.randomUUID().toString());
        e.put("execPrice", BybitViews.markText(leg));
        e.put("execQty", inst.formatQty(Math.abs(pos.qtyLots())));
        e.put("execType", "Funding");
        e.put("execValue", BybitViews.num(Math.abs(amount / (rate == 0 ? 1 : rate))));
        e.put("feeRate", BybitViews.num(rate));
        e.put("tradeIv", "");
        e.put("markIv", "");
        e.put("blockTradeId", "");
        e.put("markPrice", BybitViews.markText(leg));
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
        push("order", Json.arr().add(views.order(o, true)), true);
    }

    /** Pushes the position of {@code leg} (after a settings change too). */
    void pushPosition(Leg leg) {
        push("position", Json.arr().add(views.position(leg, true, seq)), true);
    }

    private void pushWallet() {
        push("wallet", Json.arr().add(views.wallet()), true);
    }

    private void push(String base, ArrayNode data, boolean withId) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (Account.Subscriber s : subscribers) {
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
}
