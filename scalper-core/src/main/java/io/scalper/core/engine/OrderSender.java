package io.scalper.core.engine;

import io.scalper.core.exec.ClientOrderIds;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderManager;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.time.Clock;

/** The one way orders leave the engine: registered in the {@link OrderManager} first, then sent. */
final class OrderSender {
    private final OrderManager orders;
    private final ExchangeGateway gateway;
    private final ClientOrderIds ids;
    private final Clock clock;
    private final EngineListener listener;
    private long submitted;
    private long cancels;
    private long amends;

    OrderSender(
            OrderManager orders, ExchangeGateway gateway, ClientOrderIds ids, Clock clock, EngineListener listener) {
        this.orders = orders;
        this.gateway = gateway;
        this.ids = ids;
        this.clock = clock;
        this.listener = listener;
    }

    String nextId() {
        return ids.next();
    }

    /** The engine clock, ns. */
    long nowNs() {
        return clock.nowNs();
    }

    Order submit(OrderRequest request) {
        final long now = clock.nowNs();
        final Order o = orders.create(request, now);
        o.markSubmitted(now);
        submitted++;
        listener.onOrderSubmitted(o);
        gateway.submit(request);
        return o;
    }

    /** Requests a cancel unless one is already pending or the order is done. */
    boolean cancel(Order o) {
        if (o == null || !o.isOpen() || o.status() == io.scalper.core.exec.OrderStatus.PENDING_CANCEL) {
            return false;
        }
        o.markCancelRequested();
        cancels++;
        gateway.cancel(o.clientOrderId());
        return true;
    }

    /** Requests an amend; returns false when the gateway cannot amend or the order cannot be amended now. */
    boolean amend(Order o, long priceTicks, long qtyLots, long triggerTicks) {
        if (o == null || !gateway.supportsAmend() || !o.isOpen()) {
            return false;
        }
        final io.scalper.core.exec.OrderStatus s = o.status();
        if (s == io.scalper.core.exec.OrderStatus.PENDING_CANCEL
                || s == io.scalper.core.exec.OrderStatus.PENDING_UPDATE
                || s == io.scalper.core.exec.OrderStatus.SUBMITTED) {
            return false;
        }
        o.markAmendRequested();
        amends++;
        gateway.amend(o.clientOrderId(), priceTicks, qtyLots, triggerTicks);
        return true;
    }

    boolean supportsAmend() {
        return gateway.supportsAmend();
    }

    long submitted() {
        return submitted;
    }

    long cancels() {
        return cancels;
    }

    long amends() {
        return amends;
    }
}
