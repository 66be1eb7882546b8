package io.scalper.core.backtest;

import io.scalper.core.book.OrderBook;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderType;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * An exchange in process for backtests: an {@link ExchangeGateway} whose orders are matched against a market's book and
 * trades, with latency, queue position and fees from small replaceable models.
 *
 * <ul>
 *   <li><b>Latency</b>: a command sent at t reaches the matching engine at t + entry latency and is matched against the
 *       market as it is then; every answer reaches the strategy a response latency later ({@link #advanceTo(long)}
 *       delivers what is due).
 *   <li><b>Orders</b>: post-only limits that would cross on arrival are accepted then cancelled with
 *       {@link CancelReason#POST_ONLY_WOULD_TAKE} (as Bybit does); GTC limits take what crosses and rest the
 *       rest; IOC and market orders take what the visible book offers up to their limit and cancel the rest; FOK fills
 *       entirely or is cancelled; reduce-only orders are clipped to the position (cancelled when there is nothing to
 *       reduce); conditional stops trigger on last or mark price and then execute as market orders against the book,
 *       level by level (slippage included).
 *   <li><b>Resting fills</b>: a resting limit joins behind the size visible at its price ({@link QueueModel}); trades at
 *       its price consume the queue ahead first; a trade or a book through its price fills it at its price (maker).
 *   <li><b>Fees</b>: maker and taker rates on the fill value; <b>funding</b>: when the ticker's next funding time rolls
 *       over, the position pays (long, positive rate) or receives {@code qty × mark × rate}.
 *   <li><b>Rejections</b>: a {@link RejectReason} with a short detail: quantity below minimum ({@code INVALID_QTY}),
 *       value below minimum notional ({@code BELOW_MIN_NOTIONAL}), insufficient margin ({@code INSUFFICIENT_BALANCE}),
 *       a client order id used before ({@code DUPLICATE_CLIENT_ID}), unknown order on amend/cancel ({@code
 *       UNKNOWN_ORDER}), amend below the filled quantity ({@code AMEND_BELOW_FILLED}), a post-only amend that would
 *       cross ({@code POST_ONLY_WOULD_TAKE}). Venue-neutral: an adapter (the Bybit emulator) maps them to its venue's
 *       codes. Prices and quantities are ticks and lots, on the grid by construction.
 * </ul>
 *
 * Immediate executions read the visible book without changing it (the recorded market stays authoritative), so two
 * taker orders in the same instant can both take the same visible size. Feed the exchange its market's events (it is a
 * {@link MarketDataListener}) before the strategy sees them. Single-threaded.
 */
public final class SimulatedExchange implements ExchangeGateway, MarketDataListener {
    private final SimulatedExchangeConfig cfg;
    private final MarketState market;
    private final Instrument instrument;
    private final OrderBook book;
    private final Clock clock;
    private final LatencyModel latency;
    private final QueueModel queue;
    private final Position position;
    private ExecutionListener listener;

    private final PriorityQueue<Action> actions = new PriorityQueue<>();
    private final Map<String, SimOrder> working = new LinkedHashMap<>();
    private final Map<String, SimOrder> known = new LinkedHashMap<>();
    private SimOrder[] scratch = new SimOrder[8];
    private long sequence;
    private long venueIds;
    private long fillIds;
    private long lastTradeTicks = OrderBook.NONE;
    private long lastFundingTimeMs = TickerState.NONE;

    private long accepted;
    private long rejected;
    private long fills;
    private long makerFills;
    private long takerFills;
    private long fundingSettlements;

    public SimulatedExchange(
            SimulatedExchangeConfig config, MarketState market, Clock clock, LatencyModel latency, QueueModel queue) {
        this.cfg = Objects.requireNonNull(config, "config");
        this.market = Objects.requireNonNull(market, "market");
        this.instrument = market.instrument();
        this.book = market.book();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.position = new Position(instrument);
    }

    // ------------------------------------------------------------------ time

    private abstract static class Action implements Comparable<Action> {
        final long timeNs;
        final long seq;

        Action(long timeNs, long seq) {
            this.timeNs = timeNs;
            this.seq = seq;
        }

        abstract void run();

        @Override
        public int compareTo(Action o) {
            final int c = Long.compare(timeNs, o.timeNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private void at(long timeNs, Runnable task) {
        actions.add(new Action(timeNs, sequence++) {
            @Override
            void run() {
                task.run();
            }
        });
    }

    private void answer(OrderEvent event) {
        final long now = clock.nowNs();
        at(now + latency.responseNs(now), () -> listener.onOrderEvent(event));
    }

    /** Time of the next pending arrival or answer, or {@link Long#MAX_VALUE}. */
    public long nextEventNs() {
        return actions.isEmpty() ? Long.MAX_VALUE : actions.peek().timeNs;
    }

    /**
     * Runs every arrival and answer due at or before {@code nowNs}, in time order. The caller keeps the clock at or
     * after each action's time (a backtest runner sets it to {@link #nextEventNs()} first).
     */
    public void advanceTo(long nowNs) {
        while (!actions.isEmpty() && actions.peek().timeNs <= nowNs) {
            actions.poll().run();
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void setListener(ExecutionListener listener) {
        this.listener = listener;
    }

    @Override
    public void submit(OrderRequest request) {
        final long now = clock.nowNs();
        at(now + latency.entryNs(now), () -> arrive(request));
    }

    @Override
    public void amend(String clientOrderId, long newPriceTicks, long newQtyLots, long newTriggerPriceTicks) {
        final long now = clock.nowNs();
        at(
                now + latency.entryNs(now),
                () -> applyAmend(clientOrderId, newPriceTicks, newQtyLots, newTriggerPriceTicks));
    }

    @Override
    public void cancel(String clientOrderId) {
        final long now = clock.nowNs();
        at(now + latency.entryNs(now), () -> applyCancel(clientOrderId));
    }

    @Override
    public void cancelAll(String symbol) {
        final long now = clock.nowNs();
        at(now + latency.entryNs(now), () -> {
            for (String id : new ArrayList<>(working.keySet())) {
                applyCancel(id);
            }
        });
    }

    // ------------------------------------------------------------------ matching

    private static final class SimOrder {
        OrderRequest request;
        final String venueId;
        long leaves;
        long filled;
        double ahead;
        long levelLots;
        long tradedSinceBook;
        boolean triggered;

        SimOrder(OrderRequest request, String venueId) {
            this.request = request;
            this.venueId = venueId;
            this.leaves = request.qtyLots();
        }

        boolean isBuy() {
            return request.side() == Side.BUY;
        }
    }

    private void arrive(OrderRequest r) {
        final long now = clock.nowNs();
        final String id = r.clientOrderId();
        if (known.containsKey(id)) {
            reject(r, "", RejectReason.DUPLICATE_CLIENT_ID, "client order id used before");
            return;
        }
        final String venueId = "sim-" + (++venueIds);
        final SimOrder o = new SimOrder(r, venueId);
        known.put(id, o);
        long qty = r.qtyLots();
        if (r.reduceOnly()) {
            final long reducible = reducible(r.side());
            if (reducible == 0 && !r.isConditional()) {
                accept(o);
                cancelled(o, CancelReason.REDUCE_ONLY);
                return;
            }
            if (!r.isConditional()) {
                qty = Math.min(qty, reducible);
                o.leaves = qty;
            }
        }
        final long refPrice = referencePrice(r);
        if (qty < instrument.minQtyLots()) {
            reject(r, venueId, RejectReason.INVALID_QTY, "quantity below minimum");
            return;
        }
        if (refPrice > 0 && !r.reduceOnly() && !instrument.meetsMinimums(refPrice, qty)) {
            reject(r, venueId, RejectReason.BELOW_MIN_NOTIONAL, "order value below minimum notional");
            return;
        }
        if (!r.reduceOnly() && refPrice > 0 && !marginAllows(Math.max(0, qty - reducible(r.side())), refPrice)) {
            reject(r, venueId, RejectReason.INSUFFICIENT_BALANCE, "insufficient available balance");
            return;
        }
        accept(o);
        if (r.isConditional()) {
            working.put(id, o);
            checkTrigger(o, now);
            return;
        }
        final boolean crosses = crosses(r.side(), r.type() == OrderType.MARKET ? Long.MAX_VALUE : r.priceTicks());
        if (r.timeInForce() == TimeInForce.POST_ONLY) {
            if (crosses) {
                cancelled(o, CancelReason.POST_ONLY_WOULD_TAKE);
                return;
            }
            rest(o);
            return;
        }
        final long limit = r.type() == OrderType.MARKET ? (o.isBuy() ? Long.MAX_VALUE : 1) : r.priceTicks();
        if (r.timeInForce() == TimeInForce.FOK && available(r.side(), limit) < o.leaves) {
            cancelled(o, CancelReason.FOK_UNFILLED);
            return;
        }
        take(o, limit);
        if (o.leaves == 0) {
            return;
        }
        if (r.type() == OrderType.MARKET || r.timeInForce() == TimeInForce.IOC || r.timeInForce() == TimeInForce.FOK) {
            cancelled(o, CancelReason.IOC_REMAINDER);
            return;
        }
        rest(o);
    }

    private long referencePrice(OrderRequest r) {
        if (r.type() == OrderType.LIMIT) {
            return r.priceTicks();
        }
        if (r.isConditional()) {
            return r.triggerPriceTicks();
        }
        final long touch = r.side() == Side.BUY ? book.bestAsk() : book.bestBid();
        return touch == OrderBook.NONE ? 0 : touch;
    }

    private long reducible(Side side) {
        final long pos = position.qtyLots();
        if (side == Side.BUY) {
            return pos < 0 ? -pos : 0;
        }
        return pos > 0 ? pos : 0;
    }

    /** Whether the balance covers the margin of the position, the working orders and {@code qty} more lots. */
    private boolean marginAllows(long qty, long priceTicks) {
        if (qty == 0) {
            return true; // only reduces the position
        }
        double committed = Math.abs(position.qtyLots()) * (double) priceTicks;
        for (SimOrder w : working.values()) {
            if (!w.request.reduceOnly()) {
                committed += w.leaves * (double) priceTicks;
            }
        }
        final double required = (committed + qty * (double) priceTicks) * position.valuePerTickLot() / cfg.leverage();
        return required <= equity();
    }

    private boolean crosses(Side side, long limit) {
        if (side == Side.BUY) {
            final long ask = book.bestAsk();
            return ask != OrderBook.NONE && limit >= ask;
        }
        final long bid = book.bestBid();
        return bid != OrderBook.NONE && (limit == Long.MAX_VALUE || limit <= bid);
    }

    /** Visible size the other side offers at prices no worse than {@code limit}. */
    private long available(Side side, long limit) {
        final Side other = side.opposite();
        long total = 0;
        for (int i = 0, n = book.depth(other); i < n; i++) {
            final long p = book.priceAt(other, i);
            if (side == Side.BUY ? p > limit : p < limit) {
                break;
            }
            total += book.sizeAt(other, i);
        }
        return total;
    }

    /** Takes liquidity level by level up to {@code limit}; fills as taker at each level's price. */
    private void take(SimOrder o, long limit) {
        final Side other = o.request.side().opposite();
        for (int i = 0, n = book.depth(other); i < n && o.leaves > 0; i++) {
            final long p = book.priceAt(other, i);
            if (o.isBuy() ? p > limit : p < limit) {
                break;
            }
            final long lots = Math.min(o.leaves, book.sizeAt(other, i));
            fill(o, p, lots, Liquidity.TAKER);
        }
    }

    private void rest(SimOrder o) {
        final long p = o.request.priceTicks();
        o.levelLots = book.sizeAtPrice(o.request.side(), p);
        o.ahead = queue.onJoin(o.levelLots);
        working.put(o.request.clientOrderId(), o);
    }

    private void accept(SimOrder o) {
        accepted++;
        final long now = clock.nowNs();
        answer(new OrderEvent.Accepted(o.request.clientOrderId(), o.venueId, now, 0));
    }

    private void reject(OrderRequest r, String venueId, RejectReason reason, String detail) {
        rejected++;
        final long now = clock.nowNs();
        answer(new OrderEvent.Rejected(r.clientOrderId(), venueId, reason, detail, now, 0));
    }

    private void cancelled(SimOrder o, CancelReason reason) {
        working.remove(o.request.clientOrderId());
        o.leaves = 0;
        final long now = clock.nowNs();
        answer(new OrderEvent.Canceled(o.request.clientOrderId(), o.venueId, reason, now, 0));
    }

    private void fill(SimOrder o, long priceTicks, long lots, Liquidity liquidity) {
        if (lots <= 0) {
            return;
        }
        if (o.request.reduceOnly()) {
            lots = Math.min(lots, reducible(o.request.side()));
            if (lots == 0) {
                cancelled(o, CancelReason.REDUCE_ONLY);
                return;
            }
        }
        final double fee = instrument.notional(priceTicks, lots)
                * (liquidity == Liquidity.MAKER ? cfg.makerFeeRate() : cfg.takerFeeRate());
        final long now = clock.nowNs();
        position.onFill(o.request.side(), priceTicks, lots, fee, now);
        o.leaves -= lots;
        o.filled += lots;
        fills++;
        if (liquidity == Liquidity.MAKER) {
            makerFills++;
        } else {
            takerFills++;
        }
        if (o.leaves == 0) {
            working.remove(o.request.clientOrderId());
        }
        answer(new OrderEvent.Filled(
                o.request.clientOrderId(),
                o.venueId,
                "simfill-" + (++fillIds),
                priceTicks,
                lots,
                fee,
                liquidity,
                o.leaves,
                now,
                0));
    }

    private void applyAmend(String id, long price, long qty, long trigger) {
        final SimOrder o = working.get(id);
        final long now = clock.nowNs();
        if (o == null) {
            answer(new OrderEvent.AmendRejected(id, "", RejectReason.UNKNOWN_ORDER, "order does not exist", now, 0));
            return;
        }
        final OrderRequest r = o.request;
        final long newQty = qty > 0 ? qty : r.qtyLots();
        if (newQty <= o.filled) {
            answer(new OrderEvent.AmendRejected(
                    id, o.venueId, RejectReason.AMEND_BELOW_FILLED, "quantity not above the filled quantity", now, 0));
            return;
        }
        final long newPrice = price > 0 && r.type() == OrderType.LIMIT ? price : r.priceTicks();
        if (r.timeInForce() == TimeInForce.POST_ONLY && newPrice != r.priceTicks() && crosses(r.side(), newPrice)) {
            answer(new OrderEvent.AmendRejected(
                    id, o.venueId, RejectReason.POST_ONLY_WOULD_TAKE, "post-only amend would take liquidity", now, 0));
            return;
        }
        final long newTrigger = trigger > 0 && r.isConditional() ? trigger : r.triggerPriceTicks();
        o.request = new OrderRequest(
                r.clientOrderId(),
                r.symbol(),
                r.side(),
                r.type(),
                r.timeInForce(),
                newPrice,
                newQty,
                r.reduceOnly(),
                newTrigger,
                r.triggerSource(),
                r.purpose());
        o.leaves = newQty - o.filled;
        if (newPrice != r.priceTicks()) {
            o.levelLots = book.sizeAtPrice(r.side(), newPrice);
            o.ahead = queue.onJoin(o.levelLots); // a new price goes to the back of the queue
        }
        answer(new OrderEvent.Amended(id, o.venueId, newPrice, newQty, newTrigger, now, 0));
        if (r.isConditional()) {
            checkTrigger(o, now);
        }
    }

    private void applyCancel(String id) {
        final SimOrder o = working.get(id);
        if (o == null) {
            final long now = clock.nowNs();
            answer(new OrderEvent.CancelRejected(id, "", RejectReason.UNKNOWN_ORDER, "order does not exist", now, 0));
            return;
        }
        cancelled(o, CancelReason.BY_CLIENT);
    }

    // ------------------------------------------------------------------ market

    @Override
    public void onBook(MarketState m, int result) {
        if (m != market || result != OrderBook.OK) {
            return;
        }
        if (working.isEmpty()) {
            return;
        }
        final long now = clock.nowNs();
        final long bid = book.bestBid();
        final long ask = book.bestAsk();
        final int count = snapshot();
        for (int i = 0; i < count; i++) {
            final SimOrder o = scratch[i];
            final OrderRequest r = o.request;
            if (r.isConditional() && !o.triggered) {
                continue;
            }
            final long p = r.priceTicks();
            final boolean through = o.isBuy() ? ask != OrderBook.NONE && ask <= p : bid != OrderBook.NONE && bid >= p;
            if (through) {
                fill(o, p, o.leaves, Liquidity.MAKER);
                continue;
            }
            final long size = book.sizeAtPrice(r.side(), p);
            if (size != o.levelLots) {
                final long old = Math.max(0, o.levelLots - o.tradedSinceBook);
                o.ahead = queue.onDepthChange(o.ahead, old, size);
                o.levelLots = size;
            }
            o.tradedSinceBook = 0;
        }
        checkTriggers(now);
    }

    @Override
    public void onTrades(MarketState m, int count) {
        if (m != market) {
            return;
        }
        if (working.isEmpty()) {
            return;
        }
        final int n = Math.min(count, m.tape().size());
        for (int back = n - 1; back >= 0; back--) {
            final long p = m.tape().priceTicksAt(back);
            final long size = m.tape().sizeLotsAt(back);
            final Side aggressor = m.tape().aggressorAt(back);
            lastTradeTicks = p;
            final int k = snapshot();
            for (int i = 0; i < k; i++) {
                final SimOrder o = scratch[i];
                final OrderRequest r = o.request;
                if (r.isConditional() || r.side() == aggressor || o.leaves == 0) {
                    continue;
                }
                final long limit = r.priceTicks();
                if (o.isBuy() ? p < limit : p > limit) {
                    fill(o, limit, o.leaves, Liquidity.MAKER); // traded through our price
                } else if (p == limit) {
                    final double consumed = Math.min(o.ahead, size);
                    o.ahead = queue.onTrade(o.ahead, size);
                    o.tradedSinceBook += size;
                    final long left = (long) Math.floor(size - consumed);
                    if (left > 0) {
                        fill(o, limit, Math.min(o.leaves, left), Liquidity.MAKER);
                    }
                }
            }
        }
        checkTriggers(clock.nowNs());
    }

    @Override
    public void onTicker(MarketState m) {
        if (m != market) {
            return;
        }
        final TickerState t = m.ticker();
        final long next = t.nextFundingTimeMs();
        if (next != TickerState.NONE) {
            if (lastFundingTimeMs != TickerState.NONE && next > lastFundingTimeMs && !position.isFlat()) {
                settleFunding(t);
            }
            lastFundingTimeMs = next;
        }
        checkTriggers(clock.nowNs());
    }

    private void settleFunding(TickerState t) {
        final double rate = t.fundingRate();
        final double mark = t.markPrice();
        if (Double.isNaN(rate) || Double.isNaN(mark)) {
            return;
        }
        final double amount = -position.qtyLots() * instrument.qtyStepDouble() * mark * rate;
        position.onFunding(amount);
        fundingSettlements++;
        final long now = clock.nowNs();
        final String symbol = instrument.symbol();
        at(now + latency.responseNs(now), () -> listener.onFunding(symbol, amount, rate, now));
    }

    /** Copies the working orders into {@link #scratch} (reused) and returns how many there are. */
    private int snapshot() {
        final int n = working.size();
        if (scratch.length < n) {
            scratch = new SimOrder[Math.max(n, scratch.length * 2)];
        }
        int i = 0;
        for (SimOrder o : working.values()) {
            scratch[i++] = o;
        }
        return n;
    }

    private void checkTriggers(long now) {
        if (working.isEmpty()) {
            return;
        }
        final int count = snapshot();
        for (int i = 0; i < count; i++) {
            final SimOrder o = scratch[i];
            if (o.request.isConditional() && !o.triggered) {
                checkTrigger(o, now);
            }
        }
    }

    private void checkTrigger(SimOrder o, long now) {
        final OrderRequest r = o.request;
        final double price;
        if (r.triggerSource() == TriggerSource.MARK_PRICE) {
            final double mark = market.ticker().markPrice();
            price = Double.isNaN(mark) ? Double.NaN : mark / instrument.tickSizeDouble();
        } else {
            price = lastTradeTicks == OrderBook.NONE ? Double.NaN : lastTradeTicks;
        }
        if (Double.isNaN(price)) {
            return;
        }
        // a sell stop (protecting a long) fires when price falls to it, a buy stop when price rises to it
        final boolean fire = o.isBuy() ? price >= r.triggerPriceTicks() : price <= r.triggerPriceTicks();
        if (!fire) {
            return;
        }
        o.triggered = true;
        answer(new OrderEvent.Triggered(r.clientOrderId(), o.venueId, now, 0));
        if (r.reduceOnly()) {
            o.leaves = Math.min(o.leaves, reducible(r.side()));
            if (o.leaves == 0) {
                cancelled(o, CancelReason.REDUCE_ONLY);
                return;
            }
        }
        take(o, o.isBuy() ? Long.MAX_VALUE : 1);
        if (o.leaves > 0) {
            cancelled(o, CancelReason.IOC_REMAINDER);
        }
    }

    // ------------------------------------------------------------------ state

    /** The account's position as the exchange sees it. */
    public Position position() {
        return position;
    }

    /** Wallet equity: initial balance + realised PnL − fees + funding + unrealised PnL at mid. */
    public double equity() {
        return cfg.initialBalance() + position.netRealized() + position.unrealizedPnl(book.mid());
    }

    /** Orders resting or waiting for their trigger. */
    public List<String> workingOrders() {
        return List.copyOf(working.keySet());
    }

    /** Queue ahead of a resting order, lots (NaN if it is not resting). */
    public double queueAheadLots(String clientOrderId) {
        final SimOrder o = working.get(clientOrderId);
        return o == null ? Double.NaN : o.ahead;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long fills() {
        return fills;
    }

    public long makerFills() {
        return makerFills;
    }

    public long takerFills() {
        return takerFills;
    }

    public long fundingSettlements() {
        return fundingSettlements;
    }
}
