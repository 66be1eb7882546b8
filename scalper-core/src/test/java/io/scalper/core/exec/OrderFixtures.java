package io.scalper.core.exec;

/**
 * Puts an {@link Order} into a state for tests of what reads orders (journals, metrics): the mutators are the execution
 * layer's alone, so tests elsewhere reach them through here.
 */
public final class OrderFixtures {
    private OrderFixtures() {}

    /** {@link Order#markSubmitted}. */
    public static Order.Result submit(Order order, long nowNs) {
        return order.markSubmitted(nowNs);
    }

    /** {@link Order#markAmendRequested}. */
    public static Order.Result requestAmend(Order order) {
        return order.markAmendRequested();
    }

    /** {@link Order#markCancelRequested}. */
    public static Order.Result requestCancel(Order order) {
        return order.markCancelRequested();
    }

    /** {@link Order#apply}. */
    public static Order.Result apply(Order order, OrderEvent event) {
        return order.apply(event);
    }

    /** {@link Order#adopt}. */
    public static Order.Result adopt(Order order, String venueOrderId, long nowNs) {
        return order.adopt(venueOrderId, nowNs);
    }
}
