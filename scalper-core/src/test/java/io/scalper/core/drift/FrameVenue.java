package io.scalper.core.drift;

import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.market.MarketDataListeners;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.runtime.Venue;
import io.scalper.core.session.MarketTap;
import io.scalper.core.time.Clock;
import io.scalper.core.time.SystemClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A venue for tests of session recording and drift without a network: its market is a generated one, sent as text
 * frames ({@link TextFrames}) paced at {@code speed} times the wall clock — received when sent, as the emulator's —
 * and its matching engine a {@link SimulatedExchange} with models of its own (the "venue's truth"), advanced at every
 * turn; the first answer to an order reports its round trip, as a venue's acknowledgement does. It can refuse the
 * n-th entry order as a venue would (a fault), answering at the next turn.
 */
final class FrameVenue implements Venue {
    private final MarketSource source;
    private final ScalperConfig config;
    private final LatencyModel latency;
    private final QueueModel queue;
    private final double speed;
    private final int rejectEntry;
    private final TextFrames.Encoder encoder = new TextFrames.Encoder();
    private final BookUpdate book = new BookUpdate();
    private final TickerState ticker = new TickerState();
    private MarketState market;
    private SimulatedExchange exchange;
    private Gateway gateway;
    private MarketStateSink feed;
    private MarketTap tap;
    private long messages;
    private boolean exhausted;
    private String next;
    private long nextTimeNs;
    private long firstExchangeNs = Long.MIN_VALUE;
    private long firstWallNs;
    /** When the entry was refused (engine clock), or 0. */
    long rejectedAtNs;

    /**
     * @param speed how much faster than the wall clock the market is sent
     * @param rejectEntry the entry order (1 for the first) the venue refuses, or 0 for none
     */
    FrameVenue(
            MarketSource source,
            ScalperConfig config,
            LatencyModel latency,
            QueueModel queue,
            double speed,
            int rejectEntry) {
        this.source = source;
        this.config = config;
        this.latency = latency;
        this.queue = queue;
        this.speed = speed;
        this.rejectEntry = rejectEntry;
    }

    boolean exhausted() {
        return exhausted;
    }

    @Override
    public String name() {
        return "frames";
    }

    @Override
    public String symbol() {
        return source.instrument().symbol();
    }

    @Override
    public boolean paper() {
        return true;
    }

    @Override
    public void connect(Clock clock) {
        final Instrument inst = source.instrument();
        market = new MarketState(inst, config.book().maxDepth(), config.tape());
        exchange = new SimulatedExchange(SimulatedExchangeConfig.of(config.backtest()), market, clock, latency, queue);
        gateway = new Gateway(exchange, clock);
    }

    @Override
    public Instrument instrument() {
        return source.instrument();
    }

    @Override
    public MarketState market() {
        return market;
    }

    @Override
    public ExchangeGateway gateway() {
        return gateway;
    }

    @Override
    public double startEquity() {
        return config.backtest().initialBalance();
    }

    @Override
    public double makerFeeRate() {
        return Double.NaN;
    }

    @Override
    public double takerFeeRate() {
        return Double.NaN;
    }

    @Override
    public ScalperEngine.EntryGate entryGate() {
        return null;
    }

    @Override
    public String accountDetail() {
        return "";
    }

    @Override
    public void attach(ScalperEngine engine, ReconcilePolicy policy, LongConsumer feedAge) {
        feed = new MarketStateSink(market, MarketDataListeners.fanOut(exchange, engine.marketListener()));
    }

    @Override
    public void tap(MarketTap tap) {
        this.tap = tap;
    }

    /** Loads the next message's line and exchange time; false at the end. */
    private boolean load() {
        if (next != null) {
            return true;
        }
        try {
            if (!source.next(encoder)) {
                exhausted = true;
                return false;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        next = encoder.take();
        nextTimeNs = encoder.timeNs;
        return true;
    }

    @Override
    public int poll(long nowNs) {
        // orders and answers due by now first, then the market of this turn: the exchange works in time order, as a
        // venue does (its market does not wait for the client's turn)
        exchange.advanceTo(nowNs);
        int n = gateway.deliver();
        for (int i = 0; i < 64 && load(); i++) {
            if (firstExchangeNs == Long.MIN_VALUE) {
                firstExchangeNs = nextTimeNs;
                firstWallNs = nowNs;
            }
            if (nextTimeNs - firstExchangeNs > (long) ((nowNs - firstWallNs) * speed)) {
                break; // not due yet
            }
            final String line = next;
            next = null;
            final long received = SystemClock.INSTANCE.nowNs();
            TextFrames.decode(line, received, feed, book, ticker);
            feed.endOfMessage();
            if (tap != null) {
                tap.onFrame(line, received);
            }
            messages++;
            n++;
        }
        return n;
    }

    @Override
    public boolean bookInSync() {
        return true;
    }

    @Override
    public boolean privateStreamUp() {
        return true;
    }

    @Override
    public long reconnects() {
        return 0;
    }

    @Override
    public long messages() {
        return messages;
    }

    @Override
    public long shutdown(boolean cancelStop, boolean flatten) {
        return exchange.position().qtyLots();
    }

    @Override
    public double venueEquity() {
        return Double.NaN;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException ignored) {
            // a generated source holds nothing
        }
    }

    /** The exchange, refusing the n-th entry order at the next turn. */
    private final class Gateway implements ExchangeGateway {
        private final SimulatedExchange g;
        private final Clock clock;
        private final List<OrderEvent> pending = new ArrayList<>();
        private ExecutionListener listener;
        private int entries;
        private final java.util.Map<String, Long> sentAt = new java.util.HashMap<>();

        Gateway(SimulatedExchange g, Clock clock) {
            this.g = g;
            this.clock = clock;
        }

        int deliver() {
            final int n = pending.size() + checks;
            for (OrderEvent e : pending) {
                listener.onOrderEvent(e);
            }
            pending.clear();
            for (; checks > 0; checks--) {
                final io.scalper.core.exec.Position p = g.position();
                listener.onVenuePosition(new io.scalper.core.exec.VenuePosition(
                        symbol(),
                        p.qtyLots(),
                        p.isFlat() ? OrderRequest.NO_PRICE : Math.round(p.avgEntryTicks()),
                        true,
                        0,
                        clock.nowNs()));
            }
            return n;
        }

        private int checks;

        @Override
        public void requestVenueCheck(String symbol) {
            checks++; // answered at the next turn, as a venue read is
        }

        @Override
        public void setListener(ExecutionListener l) {
            this.listener = l;
            // the first answer to an order is its round trip, as a venue's acknowledgement is
            g.setListener(new ExecutionListener() {
                @Override
                public void onOrderEvent(OrderEvent e) {
                    final Long sent = sentAt.remove(e.clientOrderId());
                    if (sent != null) {
                        l.onLatency(clock.nowNs() - sent);
                    }
                    l.onOrderEvent(e);
                }

                @Override
                public void onFunding(String symbol, double amount, double rate, long exchangeTimeNs) {
                    l.onFunding(symbol, amount, rate, exchangeTimeNs);
                }
            });
        }

        @Override
        public void submit(OrderRequest r) {
            if (r.purpose() == OrderPurpose.ENTRY && ++entries == rejectEntry) {
                rejectedAtNs = clock.nowNs();
                pending.add(new OrderEvent.Rejected(
                        r.clientOrderId(), "", RejectReason.INSUFFICIENT_BALANCE, "injected", clock.nowNs(), 0));
                return;
            }
            sentAt.put(r.clientOrderId(), clock.nowNs());
            g.submit(r);
        }

        @Override
        public void amend(String id, long price, long qty, long trigger) {
            g.amend(id, price, qty, trigger);
        }

        @Override
        public void cancel(String id) {
            g.cancel(id);
        }

        @Override
        public void cancelAll(String symbol) {
            g.cancelAll(symbol);
        }
    }
}
