package io.scalper.core.metrics;

import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import java.util.Objects;

/**
 * Counters of order activity the engine keeps for {@link PerformanceStats}: orders submitted, entry orders submitted
 * and filled, maker and taker fills, cancels and rejects. Either call the {@code on*} methods directly or feed every
 * applied order event to {@link #onOrderEvent}. Mutable; owned by the engine thread; {@link #copy()} for a snapshot.
 */
public final class ExecutionCounts {
    private long entriesPlaced;
    private long entriesFilled;
    private long makerFills;
    private long takerFills;
    private long orders;
    private long cancels;
    private long rejects;

    /** All counters at zero. */
    public ExecutionCounts() {}

    /**
     * Counters with the given values (replays, tests).
     *
     * @throws IllegalArgumentException if a value is negative or more entries filled than placed
     */
    public ExecutionCounts(
            long entriesPlaced,
            long entriesFilled,
            long makerFills,
            long takerFills,
            long orders,
            long cancels,
            long rejects) {
        if (entriesPlaced < 0
                || entriesFilled < 0
                || makerFills < 0
                || takerFills < 0
                || orders < 0
                || cancels < 0
                || rejects < 0) {
            throw new IllegalArgumentException("execution counts must be >= 0");
        }
        if (entriesFilled > entriesPlaced) {
            throw new IllegalArgumentException(
                    "entriesFilled (" + entriesFilled + ") exceeds entriesPlaced (" + entriesPlaced + ")");
        }
        this.entriesPlaced = entriesPlaced;
        this.entriesFilled = entriesFilled;
        this.makerFills = makerFills;
        this.takerFills = takerFills;
        this.orders = orders;
        this.cancels = cancels;
        this.rejects = rejects;
    }

    /** An order was sent; an {@link OrderPurpose#ENTRY} order also counts as an entry placed. */
    public void onOrderSubmitted(OrderPurpose purpose) {
        orders++;
        if (purpose == OrderPurpose.ENTRY) {
            entriesPlaced++;
        }
    }

    /** An entry order received its first fill. Call once per entry order, however many fills it gets. */
    public void onEntryFilled() {
        entriesFilled++;
    }

    /** A fill (each partial fill counts). */
    public void onFill(Liquidity liquidity) {
        if (Objects.requireNonNull(liquidity, "liquidity") == Liquidity.MAKER) {
            makerFills++;
        } else {
            takerFills++;
        }
    }

    /** An order ended cancelled, by request or by the exchange (the unfilled rest of an IOC, a post-only cross). */
    public void onCanceled() {
        cancels++;
    }

    /** An order was rejected. */
    public void onRejected() {
        rejects++;
    }

    /**
     * Counts an exchange event after {@code order.apply(event)} returned {@code result}: a fill counts by its
     * liquidity, and an entry order's first fill counts it filled; a cancel or reject counts once. Duplicates count
     * nothing. Submissions are not events: call {@link #onOrderSubmitted} when sending.
     */
    public void onOrderEvent(Order order, OrderEvent event, Order.Result result) {
        if (result == Order.Result.DUPLICATE) {
            return;
        }
        if (event instanceof OrderEvent.Filled) {
            final OrderEvent.Filled fill = (OrderEvent.Filled) event;
            onFill(fill.liquidity());
            if (order.request().purpose() == OrderPurpose.ENTRY && order.filledLots() == fill.qtyLots()) {
                onEntryFilled();
            }
        } else if (result == Order.Result.APPLIED) {
            if (event instanceof OrderEvent.Canceled) {
                onCanceled();
            } else if (event instanceof OrderEvent.Rejected) {
                onRejected();
            }
        }
    }

    /** Entry orders sent. */
    public long entriesPlaced() {
        return entriesPlaced;
    }

    /** Entry orders that filled at least partly. */
    public long entriesFilled() {
        return entriesFilled;
    }

    /** Fills that added liquidity. */
    public long makerFills() {
        return makerFills;
    }

    /** Fills that took liquidity. */
    public long takerFills() {
        return takerFills;
    }

    /** Orders sent, of any purpose. */
    public long orders() {
        return orders;
    }

    /** Orders cancelled. */
    public long cancels() {
        return cancels;
    }

    /** Orders rejected. */
    public long rejects() {
        return rejects;
    }

    /** {@code entriesFilled / entriesPlaced}; {@code NaN} when no entry was placed. */
    public double fillRatio() {
        return entriesPlaced == 0 ? Double.NaN : (double) entriesFilled / entriesPlaced;
    }

    /** A snapshot. */
    public ExecutionCounts copy() {
        final ExecutionCounts c = new ExecutionCounts();
        c.assign(this);
        return c;
    }

    void assign(ExecutionCounts o) {
        entriesPlaced = o.entriesPlaced;
        entriesFilled = o.entriesFilled;
        makerFills = o.makerFills;
        takerFills = o.takerFills;
        orders = o.orders;
        cancels = o.cancels;
        rejects = o.rejects;
    }

    @Override
    public String toString() {
        return "ExecutionCounts[entries " + entriesFilled + "/" + entriesPlaced + " maker=" + makerFills + " taker="
                + takerFills + " orders=" + orders + " cancels=" + cancels + " rejects=" + rejects + "]";
    }
}
