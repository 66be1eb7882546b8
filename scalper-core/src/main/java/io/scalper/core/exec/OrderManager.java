package io.scalper.core.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders of a run, by client order id: creates them, applies events (deduplicating, counting invalid transitions
 * and events for unknown orders instead of throwing), and answers which are open. Read-only outside this package: the
 * execution layer ({@link ExecutionEngine}) creates, adopts and updates the orders. Every open order is kept; of the
 * finished ones the latest {@value #DEFAULT_MAX_FINISHED} are (a late fill after a cancel still finds its order), older
 * ones are forgotten so a long live run does not grow without bound. Owned by the engine thread.
 */
public final class OrderManager {
    /** Finished orders kept, newest first forgotten last. */
    public static final int DEFAULT_MAX_FINISHED = 10_000;

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Order> open = new ArrayList<>();
    private final java.util.ArrayDeque<Order> finished = new java.util.ArrayDeque<>();
    private final int maxFinished;
    private long created;
    private long forgotten;

    /** A manager keeping the latest {@value #DEFAULT_MAX_FINISHED} finished orders. */
    public OrderManager() {
        this(DEFAULT_MAX_FINISHED);
    }

    /** A manager keeping the latest {@code maxFinished} finished orders (≥ 0). */
    public OrderManager(int maxFinished) {
        if (maxFinished < 0) {
            throw new IllegalArgumentException("maxFinished: must be >= 0, got " + maxFinished);
        }
        this.maxFinished = maxFinished;
    }

    private long duplicates;
    private long invalid;
    private long unknown;
    private final List<String> anomalies = new ArrayList<>();

    /** Registers a new order (before it is sent). */
    Order create(OrderRequest request, long nowNs) {
        if (orders.containsKey(request.clientOrderId())) {
            throw new IllegalStateException("duplicate client order id " + request.clientOrderId());
        }
        final Order o = new Order(request, nowNs);
        orders.put(request.clientOrderId(), o);
        open.add(o);
        created++;
        return o;
    }

    /**
     * Registers an order that already works at the venue (found at start-up): acknowledged from {@code nowNs}, no event
     * made up.
     */
    Order adopt(OrderRequest request, String venueOrderId, long nowNs) {
        final Order o = create(request, nowNs);
        o.adopt(venueOrderId, nowNs);
        return o;
    }

    /** The order with this client id, or {@code null}. */
    public Order get(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    /**
     * Applies an event to its order.
     *
     * @return the order, or {@code null} when the client id is unknown (counted)
     */
    Order apply(OrderEvent event) {
        final Order o = orders.get(event.clientOrderId());
        if (o == null) {
            unknown++;
            note("event for unknown order " + event.clientOrderId() + ": "
                    + event.getClass().getSimpleName());
            return null;
        }
        final OrderStatus before = o.status();
        final Order.Result r = o.apply(event);
        if (r == Order.Result.DUPLICATE) {
            duplicates++;
        } else if (r == Order.Result.INVALID) {
            invalid++;
            note("invalid transition " + before + " + " + event.getClass().getSimpleName() + " for "
                    + o.clientOrderId());
        }
        lastResult = r;
        if (o.status().isTerminal()) {
            if (open.remove(o)) {
                finished.add(o);
                while (finished.size() > maxFinished) {
                    orders.remove(finished.poll().clientOrderId());
                    forgotten++;
                }
            }
        } else if (!open.contains(o)) {
            open.add(o); // e.g. a late fill re-opened nothing, but keep the list consistent
        }
        return o;
    }

    private Order.Result lastResult = Order.Result.APPLIED;

    /** What the last {@link #apply} did to its order. */
    public Order.Result lastResult() {
        return lastResult;
    }

    private void note(String text) {
        if (anomalies.size() < 1000) {
            anomalies.add(text);
        }
    }

    /** Orders not yet terminal, oldest first. */
    public List<Order> openOrders() {
        return Collections.unmodifiableList(open);
    }

    /** The orders kept (every open one, the latest finished ones), in creation order. */
    public Collection<Order> all() {
        return Collections.unmodifiableCollection(orders.values());
    }

    /** Orders created in this run, forgotten ones included. */
    public long created() {
        return created;
    }

    /** Finished orders forgotten to bound memory. */
    public long forgotten() {
        return forgotten;
    }

    /** Events that repeated something known. */
    public long duplicates() {
        return duplicates;
    }

    /** Events that were not valid transitions (reported, not thrown). */
    public long invalidTransitions() {
        return invalid;
    }

    /** Events for client ids this run never created. */
    public long unknownOrders() {
        return unknown;
    }

    /** Descriptions of the anomalies seen (at most 1000). */
    public List<String> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }
}
