package io.scalper.core.exec;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.Clock;
import java.util.Objects;

/**
 * The execution layer of one instrument: it owns the orders ({@link OrderManager}) and is the only code that changes
 * them. Orders leave through one sender (registered first, then sent to the {@link ExchangeGateway}); entries are
 * worked by the smart order router (post-only at the touch → reprice → IOC); the position is bracketed by the OCO
 * manager (a venue-held stop and a take-profit, re-sized on every fill, trailed, re-placed with back-off); venue events
 * are applied here and routed to whichever of them sent the order.
 *
 * <p>The strategy ({@code ScalperEngine}) decides and keeps the books (position, PnL, round trips, risk); it drives this
 * layer through the methods below and is told of every order sent and of every retry budget spent ({@link Callbacks}).
 * Orders found working at the venue are taken over with {@link #adopt}: registered as acknowledged, no event made up.
 *
 * <p>Single-threaded: every method is called on the engine thread. Nothing here allocates per market event.
 */
public final class ExecutionEngine {
    /** What the execution layer tells its owner, on the engine thread. Must not call back into this layer. */
    public interface Callbacks {
        /** An order was registered and sent. */
        default void onOrderSubmitted(Order order) {}

        /**
         * An automatic action used its whole retry budget (it is not tried again).
         *
         * @param what which: {@code stop}, {@code take_profit}, {@code exit}, {@code cancel}
         */
        default void onRetriesSpent(String what) {}
    }

    private final OrderManager orders = new OrderManager();
    private final Position position;
    private final Clock clock;
    private final OrderSender sender;
    private final OrderRouter router;
    private final OcoManager oco;
    private boolean lastCancelRequested;

    /**
     * @param position the position the brackets protect; the owner applies fills to it before {@link
     *     #onPositionChanged}
     * @param book the book entries and the trailing stop are priced against
     * @param ids where client order ids come from
     */
    public ExecutionEngine(
            ExecutionConfig config,
            Instrument instrument,
            Position position,
            OrderBook book,
            ExchangeGateway gateway,
            ClientOrderIds ids,
            Clock clock,
            Callbacks callbacks) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(callbacks, "callbacks");
        this.position = Objects.requireNonNull(position, "position");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = new OrderSender(
                orders,
                Objects.requireNonNull(gateway, "gateway"),
                Objects.requireNonNull(ids, "ids"),
                clock,
                callbacks);
        this.router = new OrderRouter(config, instrument, book, sender, callbacks::onRetriesSpent);
        this.oco = new OcoManager(config, instrument, book, sender, callbacks::onRetriesSpent);
    }

    // ------------------------------------------------------------------ orders

    /** The orders (read-only outside this package). */
    public OrderManager orders() {
        return orders;
    }

    /**
     * Applies an event from the venue to its order.
     *
     * @return the order, or {@code null} when the client id is unknown (counted by {@link OrderManager#unknownOrders})
     */
    public Order apply(OrderEvent event) {
        final Order known = orders.get(event.clientOrderId());
        lastCancelRequested = known != null && known.status() == OrderStatus.PENDING_CANCEL;
        return orders.apply(event);
    }

    /** What the last {@link #apply} did to its order. */
    public Order.Result lastResult() {
        return orders.lastResult();
    }

    /**
     * Hands the event last {@link #apply applied} (not a duplicate) to whoever sent its order: the entry router for an
     * entry, the OCO manager for a leg, an exit or a leg being replaced. Call after the owner booked a fill in the
     * position.
     */
    public void route(Order order, OrderEvent event) {
        if (order.request().purpose() == OrderPurpose.ENTRY) {
            router.onEvent(order, event);
        } else {
            oco.onEvent(order, event, position, lastCancelRequested);
        }
    }

    /**
     * Takes over an order that already works at the venue (found at start-up, not sent in this run): it is registered as
     * acknowledged with the venue's id — no event is made up — so that its fills and its end apply like any other's.
     * An order already known is returned as it is.
     */
    public Order adopt(OrderRequest request, String venueOrderId) {
        final Order existing = orders.get(request.clientOrderId());
        return existing != null ? existing : orders.adopt(request, venueOrderId, clock.nowNs());
    }

    /**
     * Asks the venue to cancel an order (any order of this layer, adopted ones included) unless it is done or a cancel
     * is already pending.
     *
     * @return whether a cancel was sent
     */
    public boolean cancel(Order order) {
        return sender.cancel(order);
    }

    /** Amends sent (reprices, re-sized and trailed legs). */
    public long amends() {
        return sender.amends();
    }

    // ------------------------------------------------------------------ entries

    /**
     * Starts an entry of {@code lots} on {@code side}: a post-only limit at the touch, or — {@code urgent}, when the
     * expected move pays for taking liquidity both ways — an IOC limit through the touch at once.
     */
    public void enter(Side side, long lots, long nowNs, boolean urgent) {
        router.enter(side, lots, nowNs, urgent);
    }

    /**
     * Re-checks a working entry against the market and the latest fused score: reprice, escalate to IOC, or abandon
     * (signal decayed, timed out). On every decision and timer tick.
     */
    public void updateEntry(double fused, long nowNs) {
        router.onDecision(fused, nowNs);
    }

    /** Cancels the working entry, if any. Idempotent: a cancel already asked for is not sent again. */
    public void abandonEntry() {
        router.abandon();
    }

    /** Whether an entry is being worked (an order working or about to be re-sent). */
    public boolean entryWorking() {
        return router.isActive();
    }

    /** Lots of the working entry still to fill (0 when none is working). */
    public long entryLotsWorking() {
        return router.workingLots();
    }

    /**
     * Whether the last entry attempt ended with the venue refusing it before anything filled (cleared by the call).
     */
    public boolean takeRejectedEntry() {
        return router.takeRejectedAttempt();
    }

    /** Touch price when the last entry was decided, ticks (what entry slippage is measured against); NaN before. */
    public double intendedPriceTicks() {
        return router.intendedPriceTicks();
    }

    public long entriesPlaced() {
        return router.entriesPlaced();
    }

    public long entriesFilled() {
        return router.entriesFilled();
    }

    /** Entries escalated to (or sent as) an IOC limit. */
    public long escalations() {
        return router.escalations();
    }

    /** Entries sent straight to IOC because their expected move paid for taking liquidity both ways. */
    public long urgentEntries() {
        return router.urgentEntries();
    }

    // ------------------------------------------------------------------ brackets

    /** Sets the stop and take-profit distances, ticks, for the next bracket. */
    public void bracketDistances(long stopTicks, long takeProfitTicks) {
        oco.distances(stopTicks, takeProfitTicks);
    }

    /** The stop distance of the next bracket, ticks. */
    public long stopDistanceTicks() {
        return oco.stopDistanceTicks();
    }

    /** Re-sizes (or places, or cancels) the bracket after the position changed. */
    public void onPositionChanged() {
        oco.onPositionChanged(position);
    }

    /** Moves the trailing stop; on market events while a position is open. */
    public void onMarket(long nowNs) {
        oco.onMarket(position, nowNs);
    }

    /**
     * Re-tries what waited for its back-off: a leg to re-place or re-amend, a flatten, a cancel the venue refused.
     * Timer.
     */
    public void onTimer(long nowNs) {
        oco.onTimer(position, nowNs);
    }

    /** Closes the position with a reduce-only market order (the take-profit cancelled, the stop kept until flat). */
    public void flatten() {
        oco.flatten(position);
    }

    /**
     * The position went without an acknowledged stop for too long: a new stop when none works and the budget allows,
     * otherwise the position is closed.
     */
    public void protect(long nowNs) {
        oco.protect(position, nowNs);
    }

    /** Whether the position is flat or has a stop the venue acknowledged, on the exit side, covering it. */
    public boolean isProtected() {
        return oco.isProtected(position);
    }

    /** Whether a reduce-only exit works. */
    public boolean exitWorking() {
        return oco.isExitWorking();
    }

    /** Shutdown without brackets: the take-profit is cancelled; the stop only once the position is flat. */
    public void cancelLegs() {
        oco.cancelLegs(position);
    }

    /** Why a position closed by a fill of an order of {@code purpose} ended: {@code stop_loss}, {@code trailing_stop}, … */
    public String exitReason(OrderPurpose purpose) {
        return oco.exitReason(purpose);
    }

    /** The bracket's stop trigger price, ticks ({@link OrderBook#NONE} before the first). */
    public long stopPriceTicks() {
        return oco.stopPriceTicks();
    }

    public long takeProfitPriceTicks() {
        return oco.takeProfitPriceTicks();
    }

    /** Legs re-placed after the venue cancelled or rejected them. */
    public long legReplacements() {
        return oco.legReplacements();
    }

    /** Trailing-stop moves. */
    public long trailAmends() {
        return oco.trailAmends();
    }
}
