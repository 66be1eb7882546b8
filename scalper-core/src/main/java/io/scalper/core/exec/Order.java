package io.scalper.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One order as the engine knows it: its current request (price and quantity change with amends), status, fills and
 * fees. Read-only outside this package: only the execution layer ({@link OrderManager}, {@link ExecutionEngine}) changes
 * it, through {@link #apply(OrderEvent)}, the local command marks ({@link #markSubmitted}, {@link #markCancelRequested},
 * {@link #markAmendRequested}) and {@link #adopt} for an order found working at the venue; owned by the engine thread.
 *
 * <p>A fill is a fact: it is always recorded (and reaches the position) even when its status transition is invalid —
 * such as a fill for an order the exchange had already reported rejected — which is then reported as
 * {@link Result#INVALID} for attention.
 */
public final class Order {
    /** What applying an event did. */
    public enum Result {
        /** The event changed the order. */
        APPLIED,
        /** The event repeated something already known (a second ack, the same fill id); ignored. */
        DUPLICATE,
        /** The event is not a valid transition from the current status; the status is unchanged (fills still count). */
        INVALID
    }

    private OrderRequest request;
    private OrderStatus status = OrderStatus.INITIALIZED;
    private String venueOrderId = "";
    private long filledLots;
    private double avgFillPriceTicks = Double.NaN;
    private double fees;
    private long makerLots;
    private long takerLots;
    private final List<String> fillIds = new ArrayList<>(2);
    private final long createdNs;
    private long submittedNs;
    private long acceptedNs;
    private long lastEventNs;
    private long lastFillNs;
    private String reason = "";
    private OrderStatus statusBeforePending = OrderStatus.ACCEPTED;

    public Order(OrderRequest request, long createdNs) {
        this.request = Objects.requireNonNull(request, "request");
        this.createdNs = createdNs;
    }

    public OrderRequest request() {
        return request;
    }

    public String clientOrderId() {
        return request.clientOrderId();
    }

    public OrderStatus status() {
        return status;
    }

    public String venueOrderId() {
        return venueOrderId;
    }

    /** Quantity filled so far, lots. */
    public long filledLots() {
        return filledLots;
    }

    /** Quantity still working (0 once terminal). */
    public long leavesLots() {
        return status.isTerminal() ? 0 : Math.max(0, request.qtyLots() - filledLots);
    }

    /** Volume-weighted fill price, ticks; {@code NaN} before the first fill. */
    public double avgFillPriceTicks() {
        return avgFillPriceTicks;
    }

    /** Fees paid (negative: rebates received), quote currency. */
    public double fees() {
        return fees;
    }

    public long makerLots() {
        return makerLots;
    }

    public long takerLots() {
        return takerLots;
    }

    public long createdNs() {
        return createdNs;
    }

    public long submittedNs() {
        return submittedNs;
    }

    /** When the exchange acknowledged the order (local time), 0 if not yet. */
    public long acceptedNs() {
        return acceptedNs;
    }

    public long lastEventNs() {
        return lastEventNs;
    }

    public long lastFillNs() {
        return lastFillNs;
    }

    /** Reason of the last rejection or cancellation ("" if none). */
    public String reason() {
        return reason;
    }

    /** Whether the order may still fill. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** Marks the order sent. */
    Result markSubmitted(long nowNs) {
        submittedNs = nowNs;
        return transition(OrderStateMachine.Input.SUBMIT);
    }

    /**
     * Takes over an order that already works at the venue (found at start-up, not sent in this run): it is
     * acknowledged from now, with the venue's id. No event is made up; the venue's later events apply as usual.
     */
    Result adopt(String venueOrderId, long nowNs) {
        final Result r = transition(OrderStateMachine.Input.ADOPTED);
        if (r == Result.APPLIED) {
            this.venueOrderId = venueOrderId == null ? "" : venueOrderId;
            submittedNs = nowNs;
            acceptedNs = nowNs;
            lastEventNs = nowNs;
        }
        return r;
    }

    /** Marks a cancel sent. */
    Result markCancelRequested() {
        if (status == OrderStatus.PENDING_CANCEL) {
            return Result.DUPLICATE;
        }
        final OrderStatus before = status;
        final Result r = transition(OrderStateMachine.Input.CANCEL_REQUESTED);
        if (r == Result.APPLIED) {
            statusBeforePending = before == OrderStatus.SUBMITTED ? OrderStatus.ACCEPTED : before;
        }
        return r;
    }

    /** Marks an amend sent. */
    Result markAmendRequested() {
        final OrderStatus before = status;
        final Result r = transition(OrderStateMachine.Input.AMEND_REQUESTED);
        if (r == Result.APPLIED) {
            statusBeforePending = before;
        }
        return r;
    }

    /** Applies an event from the exchange. */
    Result apply(OrderEvent event) {
        if (!event.venueOrderId().isEmpty()) {
            venueOrderId = event.venueOrderId();
        }
        lastEventNs = event.localTimeNs();
        if (event instanceof OrderEvent.Filled) {
            return applyFill((OrderEvent.Filled) event);
        }
        if (event instanceof OrderEvent.Accepted) {
            if (status == OrderStatus.ACCEPTED
                    || status == OrderStatus.PARTIALLY_FILLED
                    || status == OrderStatus.TRIGGERED
                    || status == OrderStatus.PENDING_UPDATE) {
                return Result.DUPLICATE;
            }
            if (acceptedNs == 0) {
                acceptedNs = event.localTimeNs();
            }
            if (status == OrderStatus.PENDING_CANCEL) {
                return Result.DUPLICATE; // the ack of an order we already asked to cancel
            }
            return transition(OrderStateMachine.Input.ACCEPTED);
        }
        if (event instanceof OrderEvent.Rejected) {
            if (status == OrderStatus.REJECTED) {
                return Result.DUPLICATE;
            }
            reason = ((OrderEvent.Rejected) event).reasonText();
            return transition(OrderStateMachine.Input.REJECTED);
        }
        if (event instanceof OrderEvent.Canceled) {
            if (status == OrderStatus.CANCELED) {
                return Result.DUPLICATE;
            }
            reason = ((OrderEvent.Canceled) event).reasonText();
            return transition(OrderStateMachine.Input.CANCELED);
        }
        if (event instanceof OrderEvent.CancelRejected) {
            final Result r = transition(OrderStateMachine.Input.CANCEL_REJECTED);
            if (r == Result.APPLIED && status == OrderStatus.ACCEPTED) {
                status = filledLots > 0 ? OrderStatus.PARTIALLY_FILLED : statusBeforePending;
            }
            return r;
        }
        if (event instanceof OrderEvent.Amended) {
            final OrderEvent.Amended a = (OrderEvent.Amended) event;
            final Result r = transition(OrderStateMachine.Input.AMENDED);
            if (r == Result.APPLIED) {
                request = new OrderRequest(
                        request.clientOrderId(),
                        request.symbol(),
                        request.side(),
                        request.type(),
                        request.timeInForce(),
                        a.priceTicks() > 0 ? a.priceTicks() : request.priceTicks(),
                        a.qtyLots() > 0 ? a.qtyLots() : request.qtyLots(),
                        request.reduceOnly(),
                        a.triggerPriceTicks() > 0 ? a.triggerPriceTicks() : request.triggerPriceTicks(),
                        request.triggerSource(),
                        request.purpose());
                restoreAfterPending();
            }
            return r;
        }
        if (event instanceof OrderEvent.AmendRejected) {
            final Result r = transition(OrderStateMachine.Input.AMEND_REJECTED);
            if (r == Result.APPLIED) {
                reason = ((OrderEvent.AmendRejected) event).reasonText();
                restoreAfterPending();
            }
            return r;
        }
        if (event instanceof OrderEvent.Triggered) {
            if (status == OrderStatus.TRIGGERED) {
                return Result.DUPLICATE;
            }
            return transition(OrderStateMachine.Input.TRIGGERED);
        }
        if (status == OrderStatus.EXPIRED) {
            return Result.DUPLICATE;
        }
        return transition(OrderStateMachine.Input.EXPIRED);
    }

    private void restoreAfterPending() {
        if (status == OrderStatus.ACCEPTED) {
            if (filledLots > 0) {
                status = OrderStatus.PARTIALLY_FILLED;
            } else if (statusBeforePending == OrderStatus.TRIGGERED) {
                status = OrderStatus.TRIGGERED;
            }
        }
    }

    private Result applyFill(OrderEvent.Filled f) {
        if (fillIds.contains(f.fillId())) {
            return Result.DUPLICATE;
        }
        fillIds.add(f.fillId());
        final long before = filledLots;
        filledLots += f.qtyLots();
        avgFillPriceTicks = before == 0
                ? f.priceTicks()
                : (avgFillPriceTicks * before + (double) f.priceTicks() * f.qtyLots()) / filledLots;
        fees += f.fee();
        if (f.liquidity() == Liquidity.MAKER) {
            makerLots += f.qtyLots();
        } else {
            takerLots += f.qtyLots();
        }
        lastFillNs = f.localTimeNs();
        final boolean full = filledLots >= request.qtyLots() || f.leavesQtyLots() == 0;
        final Result r = transition(full ? OrderStateMachine.Input.FULL_FILL : OrderStateMachine.Input.PARTIAL_FILL);
        return filledLots > request.qtyLots() ? Result.INVALID : r;
    }

    private Result transition(OrderStateMachine.Input input) {
        final OrderStatus next = OrderStateMachine.next(status, input);
        if (next == null) {
            return Result.INVALID;
        }
        status = next;
        return Result.APPLIED;
    }

    @Override
    public String toString() {
        return "Order[" + request.clientOrderId() + " " + request.purpose() + " " + request.side() + " "
                + request.qtyLots() + "@" + request.priceTicks() + " " + status + " filled=" + filledLots + "]";
    }
}
