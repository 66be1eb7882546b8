package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import io.scalper.core.util.Decimals;
import java.math.BigDecimal;
import java.util.List;

/**
 * Bybit orders and executions read over REST (look-ups, venue reads) as core order events. The private stream maps
 * its pushes itself; both read Bybit's names through {@link BybitVocabulary}. Stateless.
 */
final class BybitOrderEvents {
    private static final long NS_PER_MS = 1_000_000L;

    private BybitOrderEvents() {}

    /**
     * Reports an order's state as a read found it, through {@code events} (which drops what was reported already):
     * accepted (unless rejected), its price, quantity and trigger if open and already reported, its trade fills among
     * {@code fills} (oldest first), then its terminal or triggered state.
     *
     * @param instrument the order's instrument; {@code null} reports no amendment and no fills
     */
    static void report(
            BybitOrder o, List<BybitExecution> fills, Instrument instrument, OrderEventFilter events, long nowNs) {
        final String id = o.orderLinkId();
        final long exchangeNs = updatedNs(o);
        final String status = o.orderStatus() == null ? "" : o.orderStatus();
        if (!"Rejected".equals(status)) {
            events.deliver(new OrderEvent.Accepted(id, o.orderId(), exchangeNs, nowNs));
        }
        if (instrument != null) {
            if (o.isOpen()) {
                final long price = ticks(instrument, o.price());
                final long qty = lots(instrument, o.qty());
                final long trigger = ticks(instrument, o.triggerPrice());
                final TrackedOrder t = events.get(id);
                if (t != null && qty != Decimals.INVALID && qty > 0 && t.reported) {
                    events.deliver(new OrderEvent.Amended(
                            id,
                            o.orderId(),
                            price == Decimals.INVALID || "Market".equals(o.orderType()) ? t.priceTicks : price,
                            qty,
                            trigger == Decimals.INVALID ? t.triggerTicks : trigger,
                            exchangeNs,
                            nowNs));
                }
            }
            for (int i = fills.size() - 1; i >= 0; i--) { // Bybit lists newest first
                final BybitExecution e = fills.get(i);
                if (!"Trade".equals(e.execType()) || !id.equals(e.orderLinkId())) {
                    continue;
                }
                final OrderEvent.Filled f = fill(e, instrument, nowNs);
                if (f != null) {
                    events.deliver(f);
                }
            }
        }
        switch (status) {
            case "Cancelled":
            case "PartiallyFilledCanceled":
            case "Deactivated":
            case "Rejected":
                events.deliver(BybitVocabulary.finished(
                        status, o.cancelType(), o.rejectReason(), id, o.orderId(), exchangeNs, nowNs));
                break;
            case "Triggered":
                events.deliver(new OrderEvent.Triggered(id, o.orderId(), exchangeNs, nowNs));
                break;
            default:
                break;
        }
    }

    /** A trade execution as a fill, or {@code null} if its price or quantity does not parse. */
    static OrderEvent.Filled fill(BybitExecution e, Instrument instrument, long nowNs) {
        final long price = ticks(instrument, e.execPrice());
        final long qty = lots(instrument, e.execQty());
        if (price == Decimals.INVALID || qty == Decimals.INVALID) {
            return null;
        }
        final long leaves = lots(instrument, e.leavesQty());
        return new OrderEvent.Filled(
                e.orderLinkId() == null ? "" : e.orderLinkId(),
                e.orderId() == null ? "" : e.orderId(),
                e.execId(),
                price,
                qty,
                e.execFeeDecimal() == null ? 0 : e.execFeeDecimal().doubleValue(),
                e.isMaker() ? Liquidity.MAKER : Liquidity.TAKER,
                leaves == Decimals.INVALID ? -1 : leaves,
                e.execTimeMs() * NS_PER_MS,
                nowNs);
    }

    /** Whether the order shows the amend applied: its price (if any), quantity and trigger (if any). */
    static boolean matches(BybitOrder o, Instrument instrument, AmendValues v) {
        final long price = ticks(instrument, o.price());
        final long qty = lots(instrument, o.qty());
        final long trigger = ticks(instrument, o.triggerPrice());
        return (v.priceTicks() == OrderRequest.NO_PRICE || price == v.priceTicks())
                && qty == v.qtyLots()
                && (v.triggerTicks() == OrderRequest.NO_PRICE || trigger == v.triggerTicks());
    }

    /** Whether some of the order has filled. */
    static boolean hasFills(BybitOrder o) {
        final String q = o.cumExecQty();
        return q != null && !q.isEmpty() && new BigDecimal(q).signum() > 0;
    }

    /** The order's last update, venue time in ns; 0 if absent or unreadable. */
    static long updatedNs(BybitOrder o) {
        try {
            return o.updatedTime() == null || o.updatedTime().isEmpty()
                    ? 0
                    : Long.parseLong(o.updatedTime()) * NS_PER_MS;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A price in ticks; {@link Decimals#INVALID} for absent, empty or {@code "0"}. */
    static long ticks(Instrument instrument, String text) {
        return text == null || text.isEmpty() || "0".equals(text) ? Decimals.INVALID : instrument.priceToTicks(text);
    }

    /** A quantity in lots; {@link Decimals#INVALID} for absent or empty. */
    static long lots(Instrument instrument, String text) {
        return text == null || text.isEmpty() ? Decimals.INVALID : instrument.qtyToLots(text);
    }
}
