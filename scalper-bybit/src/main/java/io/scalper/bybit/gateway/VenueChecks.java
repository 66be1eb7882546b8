package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitExecution;
import io.scalper.bybit.rest.BybitOrder;
import io.scalper.bybit.rest.BybitPosition;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.ws.BybitPrivateStream;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RetryBudget;
import io.scalper.core.exec.VenuePosition;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import io.scalper.core.util.Decimals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of the venue after a gap in the private stream or on request: per symbol, over REST on the {@link RestWorker},
 * the position, the executions since the newest delivered (less {@link BybitGateway#RESYNC_MARGIN_MS}), the open
 * orders and every order believed open that Bybit no longer lists; then, on the engine thread, reports fills (through
 * the {@link OrderEventFilter}), funding and forced executions, the orders' states, and last an authoritative position.
 * The stream counts as {@linkplain #isSynced() synced} once a read started after its last gap has been reported. A
 * failed read is retried with back-off; when the budget is spent every symbol is alerted ({@link
 * BybitGateway#VENUE_UNREADABLE}). Engine thread.
 */
final class VenueChecks {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);
    private static final long NS_PER_MS = 1_000_000L;

    /** What a venue read found for one symbol. */
    private record SymbolState(
            String symbol,
            BybitPosition position,
            List<BybitExecution> executions,
            List<BybitOrder> open,
            List<BybitOrder> missing) {}

    private final BybitRestClient rest;
    private final Function<String, Instrument> instruments;
    private final Clock clock;
    private final RestWorker worker;
    private final OrderEventFilter events;
    private final BybitPrivateStream privateStream;
    private final long startMs;

    private final Set<String> watched = new LinkedHashSet<>();
    /** Funding and forced executions reported (by execution id). */
    private final Set<String> fundingSeen = new HashSet<>();

    private final RetryBudget readRetries = new RetryBudget(6, 500 * NS_PER_MS, 15_000 * NS_PER_MS);
    private boolean synced;
    private boolean readWanted;
    private boolean readRunning;
    private long readGeneration;
    private long venueReads;

    /**
     * @param startMs venue time the gateway started, ms: older executions of orders that are not ours, funding and
     *     forced executions are not news
     */
    VenueChecks(
            BybitRestClient rest,
            Function<String, Instrument> instruments,
            Clock clock,
            RestWorker worker,
            OrderEventFilter events,
            BybitPrivateStream privateStream,
            long startMs) {
        this.rest = rest;
        this.instruments = instruments;
        this.clock = clock;
        this.worker = worker;
        this.events = events;
        this.privateStream = privateStream;
        this.startMs = startMs;
    }

    /** Reads {@code symbol} at every venue read. */
    void watch(String symbol) {
        watched.add(Objects.requireNonNull(symbol, "symbol"));
    }

    /** Watches {@code symbol} and wants a read as soon as the stream is subscribed. */
    void request(String symbol) {
        watched.add(symbol);
        readWanted = true;
    }

    /** The private stream (re)connected, disconnected or overflowed: events may be lost until the venue is read. */
    void onStreamGap(String why) {
        synced = false;
        readWanted = true;
        LOG.info("bybit gateway: private stream {}: the venue will be read before the stream counts as up", why);
    }

    /**
     * Starts a read if one is wanted, none runs, the private stream is subscribed and the retry back-off has passed.
     *
     * @return 1 if a read started, else 0
     */
    int startIfDue(long nowNs) {
        if (readWanted && !readRunning && privateStream.isSubscribed() && readRetries.ready(nowNs)) {
            start();
            return 1;
        }
        return 0;
    }

    /** Whether a read is in progress. */
    boolean isReading() {
        return readRunning;
    }

    /** Whether the venue was read since the private stream's last gap. */
    boolean isSynced() {
        return synced;
    }

    /** Reads started. */
    long reads() {
        return venueReads;
    }

    private void start() {
        readRunning = true;
        readWanted = false;
        final long generation = ++readGeneration;
        final long droppedBefore = privateStream.dropped();
        final Set<String> symbols = new LinkedHashSet<>(watched);
        final Map<String, String> pending = events.openOrders(); // orders we believe open: id -> symbol
        symbols.addAll(pending.values());
        final long lastExecMs = events.lastExecMs();
        final long sinceMs = (lastExecMs > 0 ? lastExecMs : startMs) - BybitGateway.RESYNC_MARGIN_MS;
        venueReads++;
        worker.submit(() -> {
            try {
                final List<SymbolState> states = new ArrayList<>();
                for (String symbol : symbols) {
                    states.add(read(symbol, sinceMs, pending));
                }
                return () -> onRead(generation, droppedBefore, states);
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: reading the venue failed: {}", e.toString());
                return () -> onReadFailed(symbols);
            }
        });
    }

    /** One symbol's state, REST thread. */
    private SymbolState read(String symbol, long sinceMs, Map<String, String> pending) throws IOException {
        // the position first: executions read after it that are newer than its update are not in it
        BybitPosition position = null;
        for (BybitPosition p : rest.positions(symbol)) {
            if (symbol.equals(p.symbol()) && p.positionIdx() == 0) {
                position = p;
            }
        }
        final List<BybitExecution> executions = rest.executionsSince(symbol, sinceMs, BybitGateway.RESYNC_MAX_PAGES);
        final List<BybitOrder> open = rest.allOpenOrders(symbol);
        final Set<String> openIds = new HashSet<>();
        for (BybitOrder o : open) {
            openIds.add(o.orderLinkId());
        }
        final List<BybitOrder> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : pending.entrySet()) {
            if (e.getValue().equals(symbol) && !openIds.contains(e.getKey())) {
                rest.findOrder(symbol, e.getKey()).ifPresent(missing::add);
            }
        }
        return new SymbolState(symbol, position, executions, open, missing);
    }

    private void onRead(long generation, long droppedBefore, List<SymbolState> states) {
        readRunning = false;
        readRetries.reset();
        final long nowNs = clock.nowNs();
        for (SymbolState s : states) {
            final Instrument instrument = instruments.apply(s.symbol);
            if (instrument == null) {
                continue;
            }
            // 1. executions, oldest first: fills (deduplicated), funding, forced executions
            for (int i = s.executions.size() - 1; i >= 0; i--) {
                reportExecution(s.symbol, s.executions.get(i), instrument, nowNs);
            }
            // 2. orders: those still open, and those we believed open that have finished
            for (BybitOrder o : s.open) {
                if (o.orderLinkId() != null && events.isTracked(o.orderLinkId())) {
                    BybitOrderEvents.report(o, List.of(), instrument, events, nowNs);
                }
            }
            for (BybitOrder o : s.missing) {
                BybitOrderEvents.report(o, List.of(), instrument, events, nowNs);
            }
            // 3. the position, as it stands after every execution read: authoritative
            events.listener().onVenuePosition(position(s, instrument, nowNs));
        }
        if (generation == readGeneration && !readWanted) {
            synced = true;
            privateStream.acknowledgeDropped(droppedBefore);
        }
    }

    /** An execution read: a trade as a fill (deduplicated), funding, or a forced execution as an alert. */
    private void reportExecution(String symbol, BybitExecution e, Instrument instrument, long nowNs) {
        final String type = e.execType() == null ? "" : e.execType();
        if ("Trade".equals(type)) {
            final boolean ours = e.orderLinkId() != null && events.isTracked(e.orderLinkId());
            if (ours || e.execTimeMs() >= startMs) { // a fill of an order that is not ours is news too
                final OrderEvent.Filled f = BybitOrderEvents.fill(e, instrument, nowNs);
                if (f != null) {
                    events.deliver(f);
                }
            }
        } else if ("Funding".equals(type)) {
            if (e.execTimeMs() >= startMs && fundingSeen.add(e.execId())) {
                final double fee =
                        e.execFeeDecimal() == null ? 0 : e.execFeeDecimal().doubleValue();
                double rate = 0;
                try {
                    rate = Double.parseDouble(e.feeRate());
                } catch (RuntimeException ignored) {
                    // rate unknown
                }
                events.listener().onFunding(symbol, -fee, rate, e.execTimeMs() * NS_PER_MS);
            }
        } else if (("AdlTrade".equals(type) || "BustTrade".equals(type)) && e.execTimeMs() >= startMs) {
            if (fundingSeen.add(e.execId())) {
                events.listener()
                        .onVenueAlert(
                                symbol,
                                BybitPrivateStream.FORCED_EXECUTION,
                                type + " " + e.execQty() + " @ " + e.execPrice() + " on " + symbol);
            }
        }
    }

    /** The position read, plus the trade executions newer than its update (filled after it was read). */
    private static VenuePosition position(SymbolState s, Instrument instrument, long nowNs) {
        long lots = 0;
        long avg = OrderRequest.NO_PRICE;
        long updatedMs = 0;
        if (s.position != null && !s.position.isFlat()) {
            lots = s.position.signedSizeLots(instrument);
            avg = BybitPrivateStream.avgTicks(instrument, s.position.avgPrice());
        }
        if (s.position != null) {
            try {
                updatedMs = Long.parseLong(s.position.updatedTime());
            } catch (RuntimeException ignored) {
                updatedMs = 0;
            }
        }
        if (updatedMs > 0) {
            for (BybitExecution e : s.executions) {
                if ("Trade".equals(e.execType()) && e.execTimeMs() > updatedMs) {
                    final long q = BybitOrderEvents.lots(instrument, e.execQty());
                    if (q != Decimals.INVALID) {
                        lots += "Buy".equals(e.side()) ? q : -q; // filled after the position was read
                    }
                }
            }
        }
        return new VenuePosition(s.symbol, lots, avg, true, updatedMs * NS_PER_MS, nowNs);
    }

    private void onReadFailed(Set<String> symbols) {
        readRunning = false;
        readWanted = true;
        final long nowNs = clock.nowNs();
        if (!readRetries.tryAcquire(nowNs) && readRetries.isSpent()) {
            readRetries.reset();
            for (String symbol : symbols) {
                events.listener()
                        .onVenueAlert(symbol, BybitGateway.VENUE_UNREADABLE, "the venue could not be read after a gap");
            }
        }
    }
}
