package io.scalper.core.engine;

import io.scalper.core.book.OrderBook;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderStatus;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;

/**
 * OCO bracket around the position: a take-profit as a reduce-only post-only limit and a stop-loss as a reduce-only
 * conditional stop-market held by the exchange (so it protects the position even if the bot dies), both sized to the
 * whole position after every fill, at distances from the average entry price.
 *
 * <ul>
 *   <li>Every fill (entry or leg, partial or full) re-sizes both legs to the position; a flat position cancels both.
 *   <li>A leg cancelled or rejected by the exchange (not by us) while the position is open is re-placed, up to
 *       {@code maxLegReplacements} times; after that (or when a stop cannot be placed) the position is flattened with a
 *       reduce-only market order. A take-profit cancelled as post-only-would-take means price is already through it:
 *       the position is closed at market, taking the profit.
 *   <li>Trailing stop: once the best price since entry is {@code trailActivationTicks} in favour, the stop moves to
 *       {@code trailDistanceTicks} behind it, only ever toward profit, amended at most every {@code trailMinInterval}.
 * </ul>
 */
final class OcoManager {
    private final ExecutionConfig cfg;
    private final Instrument instrument;
    private final OrderBook book;
    private final OrderSender sender;

    private Order stop;
    private Order takeProfit;
    private Order exit;
    private Side positionSide;
    private long stopTicks = OrderBook.NONE;
    private long takeProfitTicks = OrderBook.NONE;
    private long bestSinceEntry = OrderBook.NONE;
    private long lastTrailNs = Long.MIN_VALUE;
    private boolean trailing;
    private int replacements;
    private double distanceScale = 1.0;
    private long legReplacements;
    private long trailAmends;

    OcoManager(ExecutionConfig cfg, Instrument instrument, OrderBook book, OrderSender sender) {
        this.cfg = cfg;
        this.instrument = instrument;
        this.book = book;
        this.sender = sender;
    }

    /** Sets the factor applied to stop and take-profit distances for the next bracket (volatility scaling). */
    void distanceScale(double scale) {
        this.distanceScale = Math.max(1.0, scale);
    }

    /** Stop distance in ticks for the current scale. */
    long stopDistanceTicks() {
        return Math.max(1, Math.round(cfg.stopTicks() * distanceScale));
    }

    private long takeProfitDistanceTicks() {
        return Math.max(1, Math.round(cfg.takeProfitTicks() * distanceScale));
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

    /** Whether a stop is working or on its way for the position (what "protected" means). */
    boolean isProtected(Position position) {
        if (position.isFlat()) {
            return true;
        }
        if (exit != null && exit.isOpen()) {
            return true; // being flattened
        }
        return stop != null
                && stop.isOpen()
                && stop.status() != OrderStatus.PENDING_CANCEL
                && stop.request().side() != position.side();
    }

    /** Re-sizes (or places, or cancels) the legs after the position changed. */
    void onPositionChanged(Position position) {
        final long qty = Math.abs(position.qtyLots());
        if (qty == 0) {
            sender.cancel(stop);
            sender.cancel(takeProfit);
            stop = null;
            takeProfit = null;
            positionSide = null;
            trailing = false;
            bestSinceEntry = OrderBook.NONE;
            replacements = 0;
            return;
        }
        final Side side = position.side();
        if (side != positionSide) {
            // a new position (or one that flipped): fresh bracket around its entry
            sender.cancel(stop);
            sender.cancel(takeProfit);
            stop = null;
            takeProfit = null;
            positionSide = side;
            trailing = false;
            replacements = 0;
            final long entry = Math.round(position.avgEntryTicks());
            bestSinceEntry = entry;
            stopTicks = side == Side.BUY ? entry - stopDistanceTicks() : entry + stopDistanceTicks();
            takeProfitTicks = side == Side.BUY ? entry + takeProfitDistanceTicks() : entry - takeProfitDistanceTicks();
        } else if (!trailing) {
            // added to: keep the distances from the new average entry
            final long entry = Math.round(position.avgEntryTicks());
            stopTicks = side == Side.BUY ? entry - stopDistanceTicks() : entry + stopDistanceTicks();
            takeProfitTicks = side == Side.BUY ? entry + takeProfitDistanceTicks() : entry - takeProfitDistanceTicks();
        }
        stop = ensure(stop, qty, true);
        takeProfit = ensure(takeProfit, qty, false);
    }

    private Order ensure(Order leg, long qty, boolean isStop) {
        final long price = isStop ? stopTicks : takeProfitTicks;
        if (leg != null && leg.isOpen() && leg.status() != OrderStatus.PENDING_CANCEL) {
            final long legQty = leg.request().qtyLots() - leg.filledLots();
            final long legPrice =
                    isStop ? leg.request().triggerPriceTicks() : leg.request().priceTicks();
            if (legQty == qty && legPrice == price) {
                return leg;
            }
            if (leg.status() == OrderStatus.PENDING_UPDATE || leg.status() == OrderStatus.SUBMITTED) {
                return leg; // re-checked after the pending answer
            }
            final long newQty = leg.filledLots() + qty;
            final boolean amended = isStop
                    ? sender.amend(leg, OrderRequest.NO_PRICE, newQty, price)
                    : sender.amend(leg, price, newQty, OrderRequest.NO_PRICE);
            if (amended) {
                return leg;
            }
            sender.cancel(leg);
        }
        return place(qty, isStop);
    }

    private Order place(long qty, boolean isStop) {
        final Side exitSide = positionSide.opposite();
        if (isStop) {
            return sender.submit(OrderRequest.stopMarket(
                    sender.nextId(),
                    instrument.symbol(),
                    exitSide,
                    Math.max(1, stopTicks),
                    qty,
                    true,
                    cfg.stopTriggerByMark() ? TriggerSource.MARK_PRICE : TriggerSource.LAST_PRICE,
                    OrderPurpose.STOP_LOSS));
        }
        return sender.submit(OrderRequest.limit(
                sender.nextId(),
                instrument.symbol(),
                exitSide,
                Math.max(1, takeProfitTicks),
                qty,
                TimeInForce.POST_ONLY,
                true,
                OrderPurpose.TAKE_PROFIT));
    }

    /**
     * An event for a leg or exit order (already applied). Returns true when it was one of ours.
     *
     * @param requestedCancel whether we had asked for the cancel this event reports
     */
    boolean onEvent(Order order, OrderEvent event, Position position, boolean requestedCancel) {
        final boolean isStop = order == stop;
        final boolean isTp = order == takeProfit;
        if (order == exit) {
            if (order.status().isTerminal()) {
                exit = null;
                if (!position.isFlat()) {
                    flatten(position); // an IOC that did not complete: try again
                }
            }
            return true;
        }
        if (!isStop && !isTp) {
            return false;
        }
        final boolean lost = event instanceof OrderEvent.Rejected
                || (event instanceof OrderEvent.Canceled && !requestedCancel)
                || event instanceof OrderEvent.Expired;
        if (!lost) {
            if (order.status() == OrderStatus.ACCEPTED || order.status() == OrderStatus.TRIGGERED) {
                onPositionChanged(position); // a pending amend resolved: re-check sizes
            }
            return true;
        }
        if (position.isFlat()) {
            if (isStop) {
                stop = null;
            } else {
                takeProfit = null;
            }
            return true;
        }
        if (isTp
                && event instanceof OrderEvent.Canceled
                && OrderEvent.Canceled.POST_ONLY_WOULD_TAKE.equals(((OrderEvent.Canceled) event).reason())) {
            takeProfit = null;
            flatten(position); // price is already through the target: take it
            return true;
        }
        if (replacements++ < cfg.maxLegReplacements()) {
            legReplacements++;
            final long qty = Math.abs(position.qtyLots());
            if (isStop) {
                stop = place(qty, true);
            } else {
                takeProfit = place(qty, false);
            }
        } else {
            if (isStop) {
                stop = null;
            } else {
                takeProfit = null;
            }
            flatten(position);
        }
        return true;
    }

    /** Closes the position with a reduce-only market order (cancelling the legs), unless one is already working. */
    void flatten(Position position) {
        if (position.isFlat() || (exit != null && exit.isOpen())) {
            return;
        }
        sender.cancel(takeProfit);
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
        if (favour < cfg.trailActivationTicks()) {
            return;
        }
        final long target =
                isLong ? bestSinceEntry - cfg.trailDistanceTicks() : bestSinceEntry + cfg.trailDistanceTicks();
        final boolean better = isLong ? target > stopTicks : target < stopTicks;
        if (!better || (lastTrailNs != Long.MIN_VALUE && nowNs - lastTrailNs < cfg.trailMinIntervalNs())) {
            return;
        }
        if (!stop.isOpen() || stop.status() == OrderStatus.PENDING_UPDATE || stop.status() == OrderStatus.SUBMITTED) {
            return;
        }
        final long previous = stopTicks;
        stopTicks = target;
        lastTrailNs = nowNs;
        trailing = true;
        final long qty = stop.request().qtyLots();
        if (sender.amend(stop, OrderRequest.NO_PRICE, qty, target)) {
            trailAmends++;
        } else if (sender.cancel(stop)) {
            trailAmends++;
            stop = place(Math.abs(position.qtyLots()), true);
        } else {
            stopTicks = previous;
        }
    }

    /** Purpose-aware exit reason for a closing fill. */
    String exitReason(Order order) {
        switch (order.request().purpose()) {
            case STOP_LOSS:
                return trailing ? "trailing_stop" : "stop_loss";
            case TAKE_PROFIT:
                return "take_profit";
            case EXIT:
                return "exit";
            default:
                return order.request().purpose().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Cancels both legs (shutdown with brackets not kept). */
    void cancelLegs() {
        sender.cancel(stop);
        sender.cancel(takeProfit);
    }
}
