package io.scalper.core.exec;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * OCO bracket around the position: a take-profit as a reduce-only post-only limit and a stop-loss as a reduce-only
 * conditional stop-market held by the exchange (so it protects the position even if the bot dies), both sized to the
 * whole position after every fill, at distances from the average entry price.
 *
 * <ul>
 *   <li>Every fill (entry or leg, partial or full) re-sizes both legs to the position; a flat position cancels both.
 *   <li>"Protected" means a stop the venue has acknowledged, on the exit side, covering the position (or being amended
 *       to cover it) — not one merely sent.
 *   <li>A stop is replaced make-before-break: the new one is sent before the old one is cancelled. A take-profit is
 *       replaced only once the old one is gone, so two never work at once.
 *   <li>A leg cancelled or rejected by the exchange (not by us) while the position is open is re-placed, at most
 *       {@code maxLegReplacements} times per position, with back-off; after that the position is flattened. A
 *       take-profit cancelled as post-only-would-take means price is already through it: the position is closed at
 *       market, taking the profit.
 *   <li>Every automatic repetition — re-amending after a refused amend, re-sending a refused cancel, re-trying a
 *       flatten whose market order did not complete — waits {@code retryBackoff} (doubling) and is tried at most
 *       {@code maxRetries} times; when a budget is spent the engine is told ({@link Escalation}), never looped.
 *   <li>Trailing stop: once the best price since entry is in favour by {@code trailActivationRatio} stop distances
 *       (at least {@code trailActivationTicks}), the stop moves to {@code trailDistanceRatio} stop distances (at least
 *       {@code trailDistanceTicks}) behind it, only ever toward profit, amended at most every {@code
 *       trailMinInterval}.
 * </ul>
 */
final class OcoManager {
    /** Told when an automatic action has used its whole retry budget. */
    @FunctionalInterface
    interface Escalation {
        /** @param what which action: {@code stop}, {@code take_profit}, {@code exit}, {@code cancel} */
        void onRetriesSpent(String what);
    }

    private final ExecutionConfig cfg;
    private final Instrument instrument;
    private final OrderBook book;
    private final OrderSender sender;
    private final Escalation escalation;

    private Order stop;
    private Order takeProfit;
    private Order exit;
    /** Legs we asked the venue to cancel (replaced, or no longer wanted) until they are done. */
    private final List<Order> retiring = new ArrayList<>(4);
    /** The cancel budget of each retiring leg, same index as {@link #retiring}. */
    private final List<RetryBudget> retiringCancels = new ArrayList<>(4);
    /** Retiring legs whose cancel budget was spent (escalated once each). */
    private final List<Order> spentCancels = new ArrayList<>(2);

    private Side positionSide;
    private long stopTicks = OrderBook.NONE;
    private long takeProfitTicks = OrderBook.NONE;
    private long bestSinceEntry = OrderBook.NONE;
    private long lastTrailNs = Long.MIN_VALUE;
    private boolean trailing;
    private long stopDistanceTicks;
    private long takeProfitDistanceTicks;
    private boolean stopLost;
    private boolean takeProfitLost;
    private boolean exitWanted;
    private long recheckAtNs = Long.MAX_VALUE;
    private boolean recheck;

    private final RetryBudget stopPlacements;
    private final RetryBudget takeProfitPlacements;
    private final RetryBudget stopAmends;
    private final RetryBudget takeProfitAmends;
    private final RetryBudget exits;

    private long legReplacements;
    private long trailAmends;
    private long retriesSpent;

    OcoManager(ExecutionConfig cfg, Instrument instrument, OrderBook book, OrderSender sender, Escalation escalation) {
        this.cfg = cfg;
        this.instrument = instrument;
        this.book = book;
        this.sender = sender;
        this.escalation = escalation;
        this.stopPlacements = new RetryBudget(cfg.maxLegReplacements(), cfg.retryBackoffNs(), cfg.retryMaxBackoffNs());
        this.takeProfitPlacements =
                new RetryBudget(cfg.maxLegReplacements(), cfg.retryBackoffNs(), cfg.retryMaxBackoffNs());
        this.stopAmends = RetryBudget.of(cfg);
        this.takeProfitAmends = RetryBudget.of(cfg);
        this.exits = RetryBudget.of(cfg);
    }

    /** Sets the stop and take-profit distances, ticks, for the next bracket (the engine prices them per entry). */
    void distances(long stopTicks, long takeProfitTicks) {
        this.stopDistanceTicks = Math.max(1, stopTicks);
        this.takeProfitDistanceTicks = Math.max(1, takeProfitTicks);
    }

    /** The stop distance of the next bracket, ticks. */
    long stopDistanceTicks() {
        return stopDistanceTicks > 0 ? stopDistanceTicks : cfg.stopTicks();
    }

    private long takeProfitDistanceTicks() {
        return takeProfitDistanceTicks > 0 ? takeProfitDistanceTicks : cfg.takeProfitTicks();
    }

    long stopPriceTicks() {
        return stopTicks;
    }

    long takeProfitPriceTicks() {
        return takeProfitTicks;
    }

    long legReplacements() {
        return legReplacements;
    }

    long trailAmends() {
        return trailAmends;
    }

    /** Times a retry budget of this manager was spent. */
    long retriesSpent() {
        return retriesSpent;
    }

    /**
     * Whether the position is protected: flat, or a stop acknowledged by the venue on the exit side whose working
     * quantity covers the position (or an amend to cover it is pending).
     */
    boolean isProtected(Position position) {
        if (position.isFlat()) {
            return true;
        }
        return covers(stop, position) || coversRetiring(position);
    }

    private boolean coversRetiring(Position position) {
        for (int i = 0; i < retiring.size(); i++) {
            final Order o = retiring.get(i);
            if (o.request().purpose() == OrderPurpose.STOP_LOSS && o.status() != OrderStatus.PENDING_CANCEL) {
                if (covers(o, position)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean covers(Order leg, Position position) {
        if (leg == null || leg.request().side() == position.side()) {
            return false;
        }
        switch (leg.status()) {
            case ACCEPTED:
            case TRIGGERED:
            case PARTIALLY_FILLED:
                return leg.request().qtyLots() - leg.filledLots() >= Math.abs(position.qtyLots());
            case PENDING_UPDATE:
                return true; // acknowledged; an amend to the position's size is on its way
            default:
                return false;
        }
    }

    /** The stop currently meant to protect the position, if any (for status and tests). */
    Order stopOrder() {
        return stop;
    }

    /** Re-sizes (or places, or cancels) the legs after the position changed. */
    void onPositionChanged(Position position) {
        final long now = sender.nowNs();
        final long qty = Math.abs(position.qtyLots());
        if (qty == 0) {
            retire(stop);
            retire(takeProfit);
            stop = null;
            takeProfit = null;
            positionSide = null;
            trailing = false;
            bestSinceEntry = OrderBook.NONE;
            stopLost = false;
            takeProfitLost = false;
            exitWanted = false;
            resetPositionBudgets();
            return;
        }
        final Side side = position.side();
        if (side != positionSide) {
            // a new position (or one that flipped): fresh bracket around its entry
            retire(stop);
            retire(takeProfit);
            stop = null;
            takeProfit = null;
            positionSide = side;
            trailing = false;
            stopLost = false;
            takeProfitLost = false;
            exitWanted = false;
            resetPositionBudgets();
            final long entry = Math.round(position.avgEntryTicks());
            bestSinceEntry = entry;
            setPrices(side, entry);
        } else if (!trailing) {
            // added to: keep the distances from the new average entry
            setPrices(side, Math.round(position.avgEntryTicks()));
        }
        ensureLegs(position, now);
    }

    private void setPrices(Side side, long entry) {
        stopTicks = side == Side.BUY ? entry - stopDistanceTicks() : entry + stopDistanceTicks();
        takeProfitTicks = side == Side.BUY ? entry + takeProfitDistanceTicks() : entry - takeProfitDistanceTicks();
    }

    private void resetPositionBudgets() {
        stopPlacements.reset();
        takeProfitPlacements.reset();
        stopAmends.reset();
        takeProfitAmends.reset();
        exits.reset();
    }

    private void ensureLegs(Position position, long now) {
        final long qty = Math.abs(position.qtyLots());
        if (qty == 0) {
            return;
        }
        stop = ensureStop(position, qty, now);
        if (!exitWanted) {
            takeProfit = ensureTakeProfit(position, qty, now);
        }
    }

    private Order ensureStop(Position position, long qty, long now) {
        final Order leg = stop;
        if (leg != null && leg.isOpen() && leg.status() != OrderStatus.PENDING_CANCEL) {
            if (leg.status() == OrderStatus.SUBMITTED || leg.status() == OrderStatus.PENDING_UPDATE) {
                return leg; // re-checked when the venue answers
            }
            if (leg.request().qtyLots() - leg.filledLots() == qty
                    && leg.request().triggerPriceTicks() == stopTicks) {
                return leg;
            }
            if (sender.supportsAmend() && !stopAmends.isSpent()) {
                if (!stopAmends.tryAcquire(now)) {
                    recheckAt(stopAmends.nextAllowedNs());
                    return leg;
                }
                if (sender.amend(leg, OrderRequest.NO_PRICE, leg.filledLots() + qty, stopTicks)) {
                    return leg;
                }
            }
            // make before break: the new stop first, then the old one goes
            final Order fresh = submitStop(qty);
            retire(leg);
            return fresh;
        }
        if (leg != null && leg.isOpen()) {
            retire(leg);
        }
        if (stopLost) {
            if (!stopPlacements.tryAcquire(now)) {
                if (stopPlacements.isSpent()) {
                    spent("stop");
                    flatten(position);
                } else {
                    recheckAt(stopPlacements.nextAllowedNs());
                }
                return null;
            }
            legReplacements++;
        }
        return submitStop(qty);
    }

    private Order ensureTakeProfit(Position position, long qty, long now) {
        final Order leg = takeProfit;
        if (leg != null && leg.isOpen() && leg.status() != OrderStatus.PENDING_CANCEL) {
            if (leg.status() == OrderStatus.SUBMITTED || leg.status() == OrderStatus.PENDING_UPDATE) {
                return leg;
            }
            if (leg.request().qtyLots() - leg.filledLots() == qty
                    && leg.request().priceTicks() == takeProfitTicks) {
                return leg;
            }
            if (sender.supportsAmend() && !takeProfitAmends.isSpent()) {
                if (!takeProfitAmends.tryAcquire(now)) {
                    recheckAt(takeProfitAmends.nextAllowedNs());
                    return leg;
                }
                if (sender.amend(leg, takeProfitTicks, leg.filledLots() + qty, OrderRequest.NO_PRICE)) {
                    return leg;
                }
            }
            retire(leg);
            return null; // a new one once this one is gone (never two take-profits at once)
        }
        if (leg != null && leg.isOpen()) {
            retire(leg);
        }
        if (retiringOpen(OrderPurpose.TAKE_PROFIT)) {
            return null; // placed when the old one's cancel resolves
        }
        if (takeProfitLost) {
            if (!takeProfitPlacements.tryAcquire(now)) {
                if (takeProfitPlacements.isSpent()) {
                    spent("take_profit");
                    flatten(position);
                } else {
                    recheckAt(takeProfitPlacements.nextAllowedNs());
                }
                return null;
            }
            legReplacements++;
        }
        return submitTakeProfit(qty);
    }

    private boolean retiringOpen(OrderPurpose purpose) {
        for (int i = 0; i < retiring.size(); i++) {
            final Order o = retiring.get(i);
            if (o.request().purpose() == purpose && o.isOpen()) {
                return true;
            }
        }
        return false;
    }

    private Order submitStop(long qty) {
        return sender.submit(OrderRequest.stopMarket(
                sender.nextId(),
                instrument.symbol(),
                positionSide.opposite(),
                Math.max(1, stopTicks),
                qty,
                true,
                cfg.stopTriggerByMark() ? TriggerSource.MARK_PRICE : TriggerSource.LAST_PRICE,
                OrderPurpose.STOP_LOSS));
    }

    private Order submitTakeProfit(long qty) {
        return sender.submit(OrderRequest.limit(
                sender.nextId(),
                instrument.symbol(),
                positionSide.opposite(),
                Math.max(1, takeProfitTicks),
                qty,
                TimeInForce.POST_ONLY,
                true,
                OrderPurpose.TAKE_PROFIT));
    }

    /** Asks the venue to cancel {@code order} and keeps track of it until it is done. */
    private void retire(Order order) {
        if (order == null || !order.isOpen()) {
            return;
        }
        int i = retiring.indexOf(order);
        if (i < 0) {
            retiring.add(order);
            retiringCancels.add(RetryBudget.of(cfg));
            i = retiring.size() - 1;
        }
        if (order.status() != OrderStatus.PENDING_CANCEL
                && retiringCancels.get(i).tryAcquire(sender.nowNs())) {
            sender.cancel(order);
        }
    }

    private void spent(String what) {
        retriesSpent++;
        escalation.onRetriesSpent(what);
    }

    private void recheckAt(long atNs) {
        if (!recheck || atNs - recheckAtNs < 0) {
            recheckAtNs = atNs;
        }
        recheck = true;
    }

    /**
     * An event for a leg, an exit or a retired order (already applied).
     *
     * @param requestedCancel whether we had asked for the cancel this event reports
     * @return whether the order was one of ours
     */
    boolean onEvent(Order order, OrderEvent event, Position position, boolean requestedCancel) {
        final long now = sender.nowNs();
        if (retiring.contains(order)) {
            onRetiringEvent(order, event, position, now);
            return true;
        }
        if (order == exit) {
            if (order.status().isTerminal()) {
                exit = null;
                if (!position.isFlat() && exitWanted) {
                    retryExit(position, now); // an IOC that did not complete: again, after the back-off
                }
            }
            return true;
        }
        final boolean isStop = order == stop;
        final boolean isTp = order == takeProfit;
        if (!isStop && !isTp) {
            return false;
        }
        if (event instanceof OrderEvent.Accepted) {
            if (isStop) {
                stopLost = false;
            } else {
                takeProfitLost = false;
            }
            ensureLegs(position, now); // sizes may have changed while it was in flight
            return true;
        }
        if (event instanceof OrderEvent.Amended) {
            (isStop ? stopAmends : takeProfitAmends).reset();
            ensureLegs(position, now);
            return true;
        }
        if (event instanceof OrderEvent.AmendRejected) {
            // not again at once: the leg is re-checked when the amend budget allows
            final RetryBudget amends = isStop ? stopAmends : takeProfitAmends;
            recheckAt(amends.isSpent() ? now : amends.nextAllowedNs());
            return true;
        }
        final boolean lost = event instanceof OrderEvent.Rejected
                || (event instanceof OrderEvent.Canceled && !requestedCancel)
                || event instanceof OrderEvent.Expired;
        if (!lost) {
            return true;
        }
        if (isStop) {
            stop = null;
        } else {
            takeProfit = null;
        }
        if (position.isFlat()) {
            return true;
        }
        if (isTp
                && event instanceof OrderEvent.Canceled
                && ((OrderEvent.Canceled) event).reason() == CancelReason.POST_ONLY_WOULD_TAKE) {
            flatten(position); // price is already through the target: take it
            return true;
        }
        if (isStop) {
            stopLost = true;
        } else {
            takeProfitLost = true;
        }
        ensureLegs(position, now);
        return true;
    }

    private void onRetiringEvent(Order order, OrderEvent event, Position position, long now) {
        final int i = retiring.indexOf(order);
        if (!order.isOpen()) {
            retiring.remove(i);
            retiringCancels.remove(i);
            spentCancels.remove(order);
            if (order.request().purpose() == OrderPurpose.TAKE_PROFIT && !position.isFlat() && !exitWanted) {
                ensureLegs(position, now); // the replacement take-profit can go now
            }
            return;
        }
        if (event instanceof OrderEvent.CancelRejected) {
            // still open after all (the venue refused the cancel): try again after the back-off
            final RetryBudget b = retiringCancels.get(i);
            recheckAt(b.isSpent() ? now : b.nextAllowedNs());
        }
    }

    /** Closes the position with a reduce-only market order (cancelling the take-profit, keeping the stop). */
    void flatten(Position position) {
        if (position.isFlat()) {
            return;
        }
        exitWanted = true;
        if (exit != null && exit.isOpen()) {
            return;
        }
        retryExit(position, sender.nowNs());
    }

    private void retryExit(Position position, long now) {
        retire(takeProfit);
        takeProfit = null;
        if (exit != null && exit.isOpen()) {
            return;
        }
        if (!exits.tryAcquire(now)) {
            if (exits.isSpent()) {
                spent("exit");
            } else {
                recheckAt(exits.nextAllowedNs());
            }
            return;
        }
        exit = sender.submit(OrderRequest.market(
                sender.nextId(),
                instrument.symbol(),
                position.side().opposite(),
                Math.abs(position.qtyLots()),
                true,
                OrderPurpose.EXIT));
    }

    boolean isExitWorking() {
        return exit != null && exit.isOpen();
    }

    /**
     * Housekeeping: re-tries what waited for its back-off (a leg to re-place or re-amend, a flatten, a cancel the
     * venue refused). Timer.
     */
    void onTimer(Position position, long nowNs) {
        if (!recheck || nowNs - recheckAtNs < 0) {
            return;
        }
        recheck = false;
        recheckAtNs = Long.MAX_VALUE;
        for (int i = 0; i < retiring.size(); i++) {
            final Order o = retiring.get(i);
            if (o.isOpen() && o.status() != OrderStatus.PENDING_CANCEL) {
                final RetryBudget b = retiringCancels.get(i);
                if (b.tryAcquire(nowNs)) {
                    sender.cancel(o);
                } else if (b.isSpent()) {
                    if (b.exhaustions() > 0 && !spentCancels.contains(o)) {
                        spentCancels.add(o);
                        spent("cancel");
                    }
                } else {
                    recheckAt(b.nextAllowedNs());
                }
            }
        }
        if (position.isFlat()) {
            return;
        }
        if (exitWanted && (exit == null || !exit.isOpen())) {
            retryExit(position, nowNs);
        }
        ensureLegs(position, nowNs);
    }

    /**
     * The position has gone without an acknowledged stop for too long: re-protect it with a new stop when none is
     * working and the placement budget allows, otherwise (the stop's fate is unknown, or it cannot be placed) close the
     * position. Timer.
     */
    void protect(Position position, long nowNs) {
        if (position.isFlat()) {
            return;
        }
        final boolean noStop = stop == null || !stop.isOpen();
        if (noStop && !stopPlacements.isSpent()) {
            stopLost = true;
            ensureLegs(position, nowNs);
        }
        if (!isProtected(position)) {
            flatten(position);
        }
    }

    /** Trailing stop: called on market events while a position is open. */
    void onMarket(Position position, long nowNs) {
        if (position.isFlat() || stop == null || cfg.trailActivationTicks() <= 0) {
            return;
        }
        final long bid = book.bestBid();
        final long ask = book.bestAsk();
        if (bid == OrderBook.NONE || ask == OrderBook.NONE) {
            return;
        }
        final boolean isLong = position.qtyLots() > 0;
        final long reference = isLong ? bid : ask;
        if (bestSinceEntry == OrderBook.NONE) {
            bestSinceEntry = reference;
        }
        bestSinceEntry = isLong ? Math.max(bestSinceEntry, reference) : Math.min(bestSinceEntry, reference);
        final long entry = Math.round(position.avgEntryTicks());
        final long favour = isLong ? bestSinceEntry - entry : entry - bestSinceEntry;
        final long activation =
                Math.max(cfg.trailActivationTicks(), Math.round(cfg.trailActivationRatio() * stopDistanceTicks()));
        if (favour < activation) {
            return;
        }
        final long distance =
                Math.max(cfg.trailDistanceTicks(), Math.round(cfg.trailDistanceRatio() * stopDistanceTicks()));
        final long target = isLong ? bestSinceEntry - distance : bestSinceEntry + distance;
        final boolean better = isLong ? target > stopTicks : target < stopTicks;
        if (!better || (lastTrailNs != Long.MIN_VALUE && nowNs - lastTrailNs < cfg.trailMinIntervalNs())) {
            return;
        }
        final OrderStatus s = stop.status();
        if (s != OrderStatus.ACCEPTED && s != OrderStatus.TRIGGERED && s != OrderStatus.PARTIALLY_FILLED) {
            return; // only an acknowledged, settled stop is moved
        }
        if (s == OrderStatus.TRIGGERED) {
            return; // already executing
        }
        final long previous = stopTicks;
        stopTicks = target;
        lastTrailNs = nowNs;
        trailing = true;
        final long qty = stop.request().qtyLots();
        if (sender.amend(stop, OrderRequest.NO_PRICE, qty, target)) {
            trailAmends++;
        } else if (!sender.supportsAmend()) {
            trailAmends++;
            final Order old = stop;
            stop = submitStop(Math.abs(position.qtyLots()));
            retire(old);
        } else {
            stopTicks = previous;
        }
    }

    /** Purpose-aware exit reason for a closing fill of an order of {@code purpose}. */
    String exitReason(OrderPurpose purpose) {
        switch (purpose) {
            case STOP_LOSS:
                return trailing ? "trailing_stop" : "stop_loss";
            case TAKE_PROFIT:
                return "take_profit";
            case EXIT:
                return "exit";
            default:
                return purpose.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Shutdown without keeping brackets: the take-profit is cancelled; the stop only once the position is flat (a
     * position is never left without its stop).
     */
    void cancelLegs(Position position) {
        retire(takeProfit);
        takeProfit = null;
        if (position.isFlat()) {
            retire(stop);
            stop = null;
        }
    }
}
