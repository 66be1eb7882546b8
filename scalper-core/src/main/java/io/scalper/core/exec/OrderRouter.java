package io.scalper.core.exec;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;

/**
 * Smart order router for entries: post-only at the touch → reprice → IOC.
 *
 * <ul>
 *   <li>An entry whose expected move pays for taking liquidity on both legs (the engine's call) is an IOC limit
 *       {@code maxSlippageTicks} or {@code maxSlippageBps} (the larger) through the touch at once: an edge that plays out in seconds does not wait to be
 *       filled by a price coming back.
 *   <li>Otherwise an entry is a post-only limit at the touch (joins the best bid for a long), one tick inside the spread when
 *       {@code improveTouch} and the spread is wider than a tick. A post-only cancel (would have taken liquidity) is
 *       re-posted at the new touch, up to {@code maxPostOnlyRetries} times.
 *   <li>When the touch moves away the order is moved back, at most {@code maxReprices} times and not more often than
 *       {@code minRepriceInterval} — by amend where the gateway supports it, by cancel and replace otherwise.
 *   <li>After {@code escalateAfter}, if the signal is still strong ({@code |fused| ≥ escalateScore} in the entry's
 *       direction), the rest escalates to an IOC limit {@code maxSlippageTicks} or {@code maxSlippageBps} (the larger) through the touch.
 *   <li>When the signal decays below {@code abandonScore} in the entry's direction, or after {@code entryTimeout},
 *       the entry is cancelled.
 *   <li>Partial fills count toward the target; only the remainder is ever re-sent, so the filled total can never exceed
 *       what was sized.
 *   <li>An order whose outcome is unknown (sent, not yet answered) is never replaced by a new one: the router waits
 *       for the venue's answer (the gateway looks the order up when an answer is lost).
 *   <li>Cancelling is idempotent: a cancel already asked for is not sent again; a cancel the venue refused while the
 *       order still works is re-sent after {@code retryBackoff} (doubling), at most {@code maxRetries} times, then the
 *       engine is told ({@link OcoManager.Escalation}).
 * </ul>
 */
final class OrderRouter {
    private final ExecutionConfig cfg;
    private final Instrument instrument;
    private final OrderBook book;
    private final OrderSender sender;
    private final OcoManager.Escalation escalation;
    private final RetryBudget cancels;

    private boolean active;
    private Side side;
    private long targetLots;
    private long filledLots;
    private long startNs;
    private long lastRepriceNs;
    private int reprices;
    private int postOnlyRetries;
    private boolean escalated;
    private boolean abandoning;
    private boolean replacePending;
    private boolean escalatePending;
    private Order current;
    private final java.util.List<Order> attemptOrders = new java.util.ArrayList<>();
    private double intendedPriceTicks = Double.NaN;
    private long entriesPlaced;
    private long entriesFilled;
    private long escalations;
    private long urgentEntries;
    private boolean rejectedAttempt;
    private boolean cancelSpentReported;

    OrderRouter(
            ExecutionConfig cfg,
            Instrument instrument,
            OrderBook book,
            OrderSender sender,
            OcoManager.Escalation escalation) {
        this.cfg = cfg;
        this.instrument = instrument;
        this.book = book;
        this.sender = sender;
        this.escalation = escalation;
        this.cancels = RetryBudget.of(cfg);
    }

    /**
     * Whether the last attempt ended with the venue refusing the entry before anything filled (cleared by the call).
     */
    boolean takeRejectedAttempt() {
        final boolean r = rejectedAttempt;
        rejectedAttempt = false;
        return r;
    }

    /** Lots still to fill of the entry being worked, 0 when none is. */
    long workingLots() {
        return active ? Math.max(0, targetLots - filledLots) : 0;
    }

    /** Whether an entry attempt is in progress (an order working or about to be re-sent). */
    boolean isActive() {
        return active;
    }

    Side side() {
        return side;
    }

    /** Touch price when the entry was decided; what entry slippage is measured against. */
    double intendedPriceTicks() {
        return intendedPriceTicks;
    }

    long entriesPlaced() {
        return entriesPlaced;
    }

    long entriesFilled() {
        return entriesFilled;
    }

    long escalations() {
        return escalations;
    }

    /** Starts an entry of {@code lots} on {@code entrySide}. */
    void enter(Side entrySide, long lots, long nowNs) {
        enter(entrySide, lots, nowNs, false);
    }

    /**
     * Starts an entry; an {@code urgent} one (the expected move pays for taking liquidity both ways) goes straight to
     * an IOC limit through the touch instead of resting.
     */
    void enter(Side entrySide, long lots, long nowNs, boolean urgent) {
        active = true;
        side = entrySide;
        targetLots = lots;
        filledLots = 0;
        startNs = nowNs;
        lastRepriceNs = nowNs;
        reprices = 0;
        postOnlyRetries = 0;
        escalated = false;
        abandoning = false;
        replacePending = false;
        escalatePending = false;
        rejectedAttempt = false;
        cancelSpentReported = false;
        cancels.reset();
        attemptOrders.clear();
        entriesPlaced++;
        if (urgent) {
            intendedPriceTicks = entrySide == Side.BUY ? book.bestAsk() : book.bestBid();
            urgentEntries++;
            sendIoc();
        } else {
            intendedPriceTicks = entrySide == Side.BUY ? book.bestBid() : book.bestAsk();
            postAtTouch();
        }
    }

    /** Entries sent straight to IOC because their expected move paid for it. */
    long urgentEntries() {
        return urgentEntries;
    }

    private long touchPrice() {
        final long bid = book.bestBid();
        final long ask = book.bestAsk();
        final boolean improve = cfg.improveTouch() && ask - bid > 1;
        return side == Side.BUY ? (improve ? bid + 1 : bid) : (improve ? ask - 1 : ask);
    }

    private void postAtTouch() {
        final long remaining = targetLots - filledLots;
        if (remaining <= 0 || book.bestBid() == OrderBook.NONE || book.bestAsk() == OrderBook.NONE) {
            finish();
            return;
        }
        current = track(sender.submit(OrderRequest.limit(
                sender.nextId(),
                instrument.symbol(),
                side,
                touchPrice(),
                remaining,
                TimeInForce.POST_ONLY,
                false,
                OrderPurpose.ENTRY)));
    }

    private void sendIoc() {
        final long remaining = targetLots - filledLots;
        final long touch = side == Side.BUY ? book.bestAsk() : book.bestBid();
        if (remaining <= 0 || touch == OrderBook.NONE) {
            finish();
            return;
        }
        final long through = cfg.slippageTicksAt(touch);
        final long limit = side == Side.BUY ? touch + through : touch - through;
        escalated = true;
        escalations++;
        current = track(sender.submit(OrderRequest.limit(
                sender.nextId(),
                instrument.symbol(),
                side,
                Math.max(1, limit),
                remaining,
                TimeInForce.IOC,
                false,
                OrderPurpose.ENTRY)));
    }

    /** Re-checks a working entry against the market and the latest fused score. */
    void onDecision(double fused, long nowNs) {
        if (!active || current == null || !current.isOpen()) {
            return;
        }
        if (abandoning) {
            retryCancel(nowNs);
            return;
        }
        final double directional = side == Side.BUY ? fused : -fused;
        if (!abandoning && (directional < cfg.abandonScore() || nowNs - startNs >= cfg.entryTimeoutNs())) {
            abandon();
            return;
        }
        if (escalated || abandoning || replacePending || escalatePending) {
            return;
        }
        if (current.status() == OrderStatus.SUBMITTED || current.status() == OrderStatus.PENDING_UPDATE) {
            return; // not answered yet: nothing is changed under an order whose state is unknown
        }
        if (nowNs - startNs >= cfg.escalateAfterNs() && directional >= cfg.escalateScore()) {
            escalatePending = sender.cancel(current);
            return;
        }
        final long price = current.request().priceTicks();
        final boolean away = side == Side.BUY ? book.bestBid() > price : book.bestAsk() < price;
        if (away && reprices < cfg.maxReprices() && nowNs - lastRepriceNs >= cfg.minRepriceIntervalNs()) {
            final long target = touchPrice();
            final boolean crosses = side == Side.BUY ? target >= book.bestAsk() : target <= book.bestBid();
            if (crosses || target == price) {
                return;
            }
            reprices++;
            lastRepriceNs = nowNs;
            if (!sender.amend(current, target, 0, OrderRequest.NO_PRICE)) {
                replacePending = sender.cancel(current);
            }
        }
    }

    /** Cancels the working entry; the attempt ends when it is done. Idempotent: a second call sends nothing. */
    void abandon() {
        if (!active || abandoning) {
            return;
        }
        abandoning = true;
        replacePending = false;
        escalatePending = false;
        if (current != null && current.isOpen()) {
            if (current.status() != OrderStatus.PENDING_CANCEL && cancels.tryAcquire(sender.nowNs())) {
                sender.cancel(current);
            }
        } else {
            finish();
        }
    }

    /** Re-sends a cancel the venue refused while the order still works, within the cancel budget. */
    private void retryCancel(long nowNs) {
        if (current.status() == OrderStatus.PENDING_CANCEL || current.status() == OrderStatus.SUBMITTED) {
            return;
        }
        if (cancels.tryAcquire(nowNs)) {
            sender.cancel(current);
        } else if (cancels.isSpent() && !cancelSpentReported) {
            cancelSpentReported = true;
            escalation.onRetriesSpent("cancel");
        }
    }

    /**
     * An event for an entry order (after it was applied to the order; duplicates are not passed on). Fills of earlier
     * orders of the same attempt (a late fill after a cancel) count too, and shrink what is still sent.
     */
    void onEvent(Order order, OrderEvent event) {
        if (!active || !attemptOrders.contains(order)) {
            return;
        }
        if (event instanceof OrderEvent.Filled) {
            final long before = filledLots;
            filledLots += ((OrderEvent.Filled) event).qtyLots();
            if (before == 0 && filledLots > 0) {
                entriesFilled++;
            }
            if (filledLots >= targetLots && current != null && current != order && current.isOpen()) {
                abandoning = true;
                sender.cancel(current);
            }
        }
        if (order == current && event instanceof OrderEvent.CancelRejected && order.isOpen()) {
            // the cancel did not happen: the order works on; an abandon is retried from the timer
            replacePending = false;
            escalatePending = false;
            return;
        }
        if (order != current || !order.status().isTerminal()) {
            return;
        }
        if (event instanceof OrderEvent.Rejected && filledLots == 0) {
            rejectedAttempt = true;
            finish();
            return;
        }
        // the current order is done: decide what comes next
        if (filledLots >= targetLots || abandoning) {
            finish();
            return;
        }
        if (event instanceof OrderEvent.Canceled
                && ((OrderEvent.Canceled) event).reason() == CancelReason.POST_ONLY_WOULD_TAKE
                && !escalated) {
            if (postOnlyRetries++ < cfg.maxPostOnlyRetries()) {
                postAtTouch();
            } else {
                finish();
            }
            return;
        }
        if (escalatePending) {
            escalatePending = false;
            sendIoc();
            return;
        }
        if (replacePending) {
            replacePending = false;
            postAtTouch();
            return;
        }
        finish();
    }

    private void finish() {
        active = false;
        abandoning = false;
        replacePending = false;
        escalatePending = false;
        current = null;
    }

    private Order track(Order order) {
        attemptOrders.add(order);
        return order;
    }
}
