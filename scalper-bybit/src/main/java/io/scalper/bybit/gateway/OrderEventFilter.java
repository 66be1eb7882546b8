package io.scalper.bybit.gateway;

import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one filter every order event passes before the engine's listener, and the table of orders it judges them by.
 *
 * <p>Exactly once: {@code Accepted} only for an order nothing has been reported about yet, {@code Filled} once per
 * execution id, one terminal event ({@code Canceled}/{@code Rejected}/{@code Expired}) per order, {@code Amended} only
 * when price, quantity or trigger differ from the last reported. An event of an order not in the table starts tracking
 * it; events of {@linkplain #ignore ignored} orders are dropped. Orders stay tracked while they may still fill; only
 * finished ones are forgotten beyond {@code maxTracked}, oldest first.
 *
 * <p>Funding, positions, alerts and latency are not filtered: the gateway's parts tell {@link #listener()} directly.
 * Engine thread.
 */
final class OrderEventFilter {
    private static final ExecutionListener NO_OP = event -> {};
    private static final long NS_PER_MS = 1_000_000L;

    private final Map<String, TrackedOrder> orders;
    private final Set<String> ignored = new HashSet<>();
    private ExecutionListener listener = NO_OP;
    private long duplicatesDropped;
    private long lastExecMs;

    /** @param maxTracked finished orders remembered at most (open orders are never forgotten) */
    OrderEventFilter(int maxTracked) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked: must be >= 1, got " + maxTracked);
        }
        this.orders = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TrackedOrder> eldest) {
                if (size() <= maxTracked) {
                    return false;
                }
                if (eldest.getValue().terminal) {
                    return true;
                }
                // the oldest may still fill: forget the oldest finished ones instead, never an open one
                int excess = size() - maxTracked;
                for (Iterator<TrackedOrder> it = values().iterator(); it.hasNext() && excess > 0; ) {
                    if (it.next().terminal) {
                        it.remove();
                        excess--;
                    }
                }
                return false;
            }
        };
    }

    /** Where events go; {@code null} for nowhere. */
    void setListener(ExecutionListener listener) {
        this.listener = listener == null ? NO_OP : listener;
    }

    /** The engine's listener (never {@code null}), for what is passed on unfiltered. */
    ExecutionListener listener() {
        return listener;
    }

    /** Passes {@code e} to the listener unless it repeats what was reported already. */
    void deliver(OrderEvent e) {
        final String id = e.clientOrderId();
        if (ignored.contains(id)) {
            return; // placed by the session outside the engine (a start-up or shutdown flatten)
        }
        TrackedOrder t = orders.get(id);
        if (t == null) {
            // an order this gateway did not place (adopted, or placed elsewhere): track it from now on
            t = new TrackedOrder("", OrderRequest.NO_PRICE, 0, OrderRequest.NO_PRICE);
            orders.put(id, t);
        }
        if (!e.venueOrderId().isEmpty()) {
            t.venueOrderId = e.venueOrderId();
        }
        if (e instanceof OrderEvent.Accepted) {
            if (t.reported) {
                duplicatesDropped++;
                return;
            }
        } else if (e instanceof OrderEvent.Filled f) {
            if (!t.fillIds.add(f.fillId())) {
                duplicatesDropped++;
                return;
            }
            t.filledLots += f.qtyLots();
            if (t.qtyLots > 0 && t.filledLots >= t.qtyLots) {
                t.terminal = true; // filled in full: nothing more can happen to it
            }
            lastExecMs = Math.max(lastExecMs, f.exchangeTimeNs() / NS_PER_MS);
        } else if (e instanceof OrderEvent.Canceled
                || e instanceof OrderEvent.Rejected
                || e instanceof OrderEvent.Expired) {
            if (t.terminalReported) {
                duplicatesDropped++;
                return;
            }
            t.terminal = true;
            t.terminalReported = true;
        } else if (e instanceof OrderEvent.Amended a) {
            if (a.priceTicks() == t.priceTicks && a.qtyLots() == t.qtyLots && a.triggerPriceTicks() == t.triggerTicks) {
                duplicatesDropped++;
                return;
            }
            t.priceTicks = a.priceTicks();
            t.qtyLots = a.qtyLots();
            t.triggerTicks = a.triggerPriceTicks();
        }
        if (!(e instanceof OrderEvent.AmendRejected) && !(e instanceof OrderEvent.CancelRejected)) {
            t.reported = true;
        }
        listener.onOrderEvent(e);
    }

    /** Starts tracking {@code clientOrderId} as {@code order} (replacing what was known). */
    void track(String clientOrderId, TrackedOrder order) {
        orders.put(clientOrderId, order);
    }

    /** Events of this order are dropped from now on. */
    void ignore(String clientOrderId) {
        ignored.add(Objects.requireNonNull(clientOrderId, "clientOrderId"));
    }

    /** The order, or {@code null} if not tracked. */
    TrackedOrder get(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    boolean isTracked(String clientOrderId) {
        return orders.containsKey(clientOrderId);
    }

    /** The venue's id of the order, empty if unknown or not tracked. */
    String venueOrderId(String clientOrderId) {
        final TrackedOrder t = orders.get(clientOrderId);
        return t == null ? "" : t.venueOrderId;
    }

    /** Orders believed open whose symbol is known, oldest first: client order id → symbol. */
    Map<String, String> openOrders() {
        final Map<String, String> open = new LinkedHashMap<>();
        for (Map.Entry<String, TrackedOrder> e : orders.entrySet()) {
            final TrackedOrder t = e.getValue();
            if (!t.terminal && !t.symbol.isEmpty()) {
                open.put(e.getKey(), t.symbol);
            }
        }
        return open;
    }

    /** Venue time of the newest fill passed on, ms (0 before the first). */
    long lastExecMs() {
        return lastExecMs;
    }

    /** Events dropped because they repeated one already delivered. */
    long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Orders tracked now. */
    int size() {
        return orders.size();
    }

    /** The tracked orders' client ids, oldest first. */
    List<String> ids() {
        return new ArrayList<>(orders.keySet());
    }
}
