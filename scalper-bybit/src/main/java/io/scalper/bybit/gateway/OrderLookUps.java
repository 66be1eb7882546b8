package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.RetryBudget;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolution of commands whose outcome is unknown: the order is looked up over REST ({@code findOrder}, and its
 * executions when it filled) and what Bybit says is reported through the {@link OrderEventFilter} — never assumed. A
 * look-up that fails is retried with back-off; when an order's budget is spent the engine is alerted ({@link
 * BybitGateway#ORDER_UNRESOLVED}) and the venue is read. A create Bybit does not know is re-sent once with the same
 * {@code orderLinkId}, unless 110072 proved it exists (then it is looked up again, never reported rejected). Engine
 * thread.
 */
final class OrderLookUps {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);

    /** A look-up waiting for its back-off. */
    private record DueLookUp(OrderOp op, String id, AmendValues amend, long dueNs) {}

    private final BybitRestClient rest;
    private final Function<String, Instrument> instruments;
    private final Clock clock;
    private final RestWorker worker;
    private final OrderEventFilter events;
    private final VenueChecks venueChecks;
    private final BiConsumer<String, BybitCreateOrder> resendCreate;
    private final List<DueLookUp> due = new ArrayList<>();

    private int attempts = BybitGateway.DEFAULT_LOOKUP_ATTEMPTS;
    private long backoffNs = BybitGateway.DEFAULT_LOOKUP_BACKOFF_NS;
    private long maxBackoffNs = BybitGateway.DEFAULT_LOOKUP_MAX_BACKOFF_NS;
    private long lookups;
    private long unresolved;

    /** @param resendCreate sends a create again over REST, behind the rate limit (same {@code orderLinkId}) */
    OrderLookUps(
            BybitRestClient rest,
            Function<String, Instrument> instruments,
            Clock clock,
            RestWorker worker,
            OrderEventFilter events,
            VenueChecks venueChecks,
            BiConsumer<String, BybitCreateOrder> resendCreate) {
        this.rest = rest;
        this.instruments = instruments;
        this.clock = clock;
        this.worker = worker;
        this.events = events;
        this.venueChecks = venueChecks;
        this.resendCreate = resendCreate;
    }

    /** The look-up budget of each order: attempts before the alert, first back-off and its cap. */
    void budget(int attempts, long backoffNs, long maxBackoffNs) {
        this.attempts = attempts;
        this.backoffNs = backoffNs;
        this.maxBackoffNs = maxBackoffNs;
    }

    /**
     * Queries the order (and its fills) on the REST thread, then reports what Bybit says; waits for the back-off if
     * the order was looked up recently. Does nothing for an order not tracked.
     *
     * @param amend the amend in flight when {@code op} is {@link OrderOp#AMEND}, else {@code null}
     */
    void lookUp(OrderOp op, String id, AmendValues amend) {
        final TrackedOrder t = events.get(id);
        if (t == null) {
            return;
        }
        if (t.lookups == null) {
            t.lookups = new RetryBudget(attempts, backoffNs, maxBackoffNs);
        }
        final long nowNs = clock.nowNs();
        if (!t.lookups.tryAcquire(nowNs)) {
            if (t.lookups.isSpent()) {
                unresolved(op, id, t);
            } else {
                due.add(new DueLookUp(op, id, amend, t.lookups.nextAllowedNs()));
            }
            return;
        }
        lookups++;
        final String symbol = t.symbol;
        worker.submit(() -> {
            try {
                final Optional<BybitOrder> found = rest.findOrder(symbol, id);
                List<BybitExecution> fills = List.of();
                if (found.isPresent() && BybitOrderEvents.hasFills(found.get())) {
                    fills = rest.executions(symbol, id, 0, "").list();
                }
                final List<BybitExecution> f = fills;
                return () -> onLookedUp(op, id, found.orElse(null), f, amend);
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: look-up of {} after {} failed: {}", id, op.wsName, e.toString());
                return () -> lookUp(op, id, amend); // again, after the back-off
            }
        });
    }

    /**
     * Starts the look-ups whose back-off has passed.
     *
     * @return how many
     */
    int runDue(long nowNs) {
        if (due.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < due.size(); ) {
            final DueLookUp d = due.get(i);
            if (nowNs - d.dueNs >= 0) {
                due.remove(i);
                lookUp(d.op, d.id, d.amend);
                n++;
            } else {
                i++;
            }
        }
        return n;
    }

    /** Look-ups sent. */
    long lookups() {
        return lookups;
    }

    /** Orders whose look-up budget was spent. */
    long unresolved() {
        return unresolved;
    }

    /** An order whose state could not be learned: tell the engine (it stops entries and reads the venue). */
    private void unresolved(OrderOp op, String id, TrackedOrder t) {
        unresolved++;
        t.lookups.reset(); // keep asking, slowly, through venue reads
        final String detail = op.wsName + " " + id + ": state unknown after " + attempts + " look-ups";
        LOG.error("bybit gateway: {}", detail);
        events.listener().onVenueAlert(t.symbol, BybitGateway.ORDER_UNRESOLVED, detail);
        venueChecks.request(t.symbol);
        switch (op) {
            case AMEND:
                events.deliver(new OrderEvent.AmendRejected(
                        id, t.venueOrderId, RejectReason.OUTCOME_UNKNOWN, "state unknown", 0, clock.nowNs()));
                break;
            case CANCEL:
                events.deliver(new OrderEvent.CancelRejected(
                        id, t.venueOrderId, RejectReason.OUTCOME_UNKNOWN, "state unknown", 0, clock.nowNs()));
                break;
            default:
                break; // a create stays unanswered: the venue read tells whether it exists
        }
    }

    private void onLookedUp(OrderOp op, String id, BybitOrder o, List<BybitExecution> fills, AmendValues amend) {
        final TrackedOrder t = events.get(id);
        if (t == null) {
            return;
        }
        final long nowNs = clock.nowNs();
        if (o == null) {
            notFound(op, id, t, amend, nowNs);
            return;
        }
        if (t.lookups != null) {
            t.lookups.reset();
        }
        final Instrument instrument = instruments.apply(t.symbol);
        if (op == OrderOp.AMEND && amend != null) {
            if (o.isOpen() && instrument != null && BybitOrderEvents.matches(o, instrument, amend)) {
                BybitOrderEvents.report(o, fills, instrument, events, nowNs);
                events.deliver(new OrderEvent.Amended(
                        id,
                        o.orderId(),
                        amend.priceTicks(),
                        amend.qtyLots(),
                        amend.triggerTicks(),
                        BybitOrderEvents.updatedNs(o),
                        nowNs));
                return;
            }
            BybitOrderEvents.report(o, fills, instrument, events, nowNs);
            events.deliver(new OrderEvent.AmendRejected(
                    id,
                    o.orderId(),
                    o.isOpen() ? RejectReason.UNKNOWN : RejectReason.ORDER_FINISHED,
                    "amend not applied (order " + o.orderStatus() + ")",
                    BybitOrderEvents.updatedNs(o),
                    nowNs));
            return;
        }
        if (op == OrderOp.CANCEL && o.isOpen()) {
            BybitOrderEvents.report(o, fills, instrument, events, nowNs);
            events.deliver(new OrderEvent.CancelRejected(
                    id, o.orderId(), RejectReason.UNKNOWN, "cancel not applied: order still open", 0, nowNs));
            return;
        }
        if (op == OrderOp.CANCEL && "Filled".equals(o.orderStatus())) {
            BybitOrderEvents.report(o, fills, instrument, events, nowNs);
            events.deliver(new OrderEvent.CancelRejected(
                    id, o.orderId(), RejectReason.ORDER_FINISHED, "order already filled", 0, nowNs));
            return;
        }
        BybitOrderEvents.report(o, fills, instrument, events, nowNs);
    }

    /** Bybit does not know the order. */
    private void notFound(OrderOp op, String id, TrackedOrder t, AmendValues amend, long nowNs) {
        switch (op) {
            case CREATE:
                if (t.existsProven) {
                    // 110072 proved it exists; the order lists may lag: ask again after the back-off
                    lookUp(op, id, amend);
                } else if (t.createResends == 0 && t.create != null) {
                    t.createResends++;
                    LOG.warn("bybit gateway: order {} unknown to Bybit after an unanswered create: re-sending", id);
                    resendCreate.accept(id, t.create);
                } else {
                    events.deliver(new OrderEvent.Rejected(
                            id, "", RejectReason.UNKNOWN_ORDER, "not found at Bybit after create", 0, nowNs));
                }
                break;
            case AMEND:
                events.deliver(new OrderEvent.AmendRejected(
                        id, t.venueOrderId, RejectReason.UNKNOWN_ORDER, "order not found", 0, nowNs));
                break;
            case CANCEL:
                events.deliver(new OrderEvent.CancelRejected(
                        id, t.venueOrderId, RejectReason.UNKNOWN_ORDER, "order not found", 0, nowNs));
                break;
            default:
                break;
        }
    }
}
