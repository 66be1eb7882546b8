package io.scalper.core.exec;

import io.scalper.core.time.Clock;

/** The one way orders leave the execution layer: registered in the {@link OrderManager} first, then sent. */
final class OrderSender {
    private final OrderManager orders;
    private final ExchangeGateway gateway;
    private final ClientOrderIds ids;
    private final Clock clock;
    private final ExecutionEngine.Callbacks callbacks;
    private long submitted;
    private long cancels;
    private long amends;

    OrderSender(
            OrderManager orders,
            ExchangeGateway gateway,
            ClientOrderIds ids,
            Clock clock,
            ExecutionEngine.Callbacks callbacks) {
        this.orders = orders;
        this.gateway = gateway;
        this.ids = ids;
        this.clock = clock;
        this.callbacks = callbacks;
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
        callbacks.onOrderSubmitted(o);
        gateway.submit(request);
        return o;
    }

    /** Requests a cancel unless one is already pending or the order is done. */
    boolean cancel(Order o) {
        if (o == null || !o.isOpen() || o.status() == OrderStatus.PENDING_CANCEL) {
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
        final OrderStatus s = o.status();
        if (s == OrderStatus.PENDING_CANCEL || s == OrderStatus.PENDING_UPDATE || s == OrderStatus.SUBMITTED) {
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
