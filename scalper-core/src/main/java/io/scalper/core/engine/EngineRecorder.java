package io.scalper.core.engine;

import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.journal.DecisionJournal;
import io.scalper.core.journal.FillJournal;
import io.scalper.core.journal.OrderJournal;
import io.scalper.core.journal.TradeJournal;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.PerformanceTracker;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.signal.Decision;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what an engine does: the CSV journals (decisions, orders, fills, trades) in a directory, when one is given, and
 * the performance statistics. Attach it as the engine's {@link EngineListener}, then call {@link #attach} with the
 * built engine.
 *
 * <p>Decisions are journaled with their outcome (empty, {@code entry}, or the refusal reason code) when their direction
 * or outcome changes and otherwise at most once per {@code decisionIntervalNs}, so a busy market does not flood the
 * disk; every entry is journaled. Journal rows are flushed as they are written; an I/O failure is rethrown as
 * {@link UncheckedIOException} (the runner stops rather than trading unrecorded).
 */
public final class EngineRecorder implements EngineListener, Closeable {
    private final PerformanceTracker tracker;
    private PerformanceTracker account;
    private final long decisionIntervalNs;
    private final Path directory;
    private ScalperEngine engine;
    private DecisionJournal decisions;
    private OrderJournal orders;
    private FillJournal fills;
    private TradeJournal trades;
    private io.scalper.core.journal.EventJournal events;
    private long lastDecisionNs = Long.MIN_VALUE;
    private int lastDirection;
    private String lastOutcome = "";
    private Decision pending;

    /**
     * @param directory where the journals go, or {@code null} for statistics only
     * @param startEquity starting equity for the statistics
     * @param startTimeNs start of the period, ns since the epoch
     * @param decisionIntervalNs least time between two journaled decisions of the same direction
     */
    public EngineRecorder(Path directory, double startEquity, long startTimeNs, long decisionIntervalNs) {
        this.directory = directory;
        this.tracker = new PerformanceTracker(startEquity, startTimeNs);
        this.decisionIntervalNs = decisionIntervalNs;
    }

    /** Opens the journals for this engine's instrument and signals. Call once, right after building the engine. */
    public EngineRecorder attach(ScalperEngine engine) {
        this.engine = engine;
        if (directory == null) {
            return this;
        }
        try {
            Files.createDirectories(directory);
            final Decision d = engine.lastDecision();
            final List<String> names = new ArrayList<>();
            for (int i = 0; i < d.signalCount(); i++) {
                names.add(d.name(i));
            }
            decisions = DecisionJournal.open(directory, engine.instrument(), names);
            orders = OrderJournal.open(directory, engine.instrument());
            fills = FillJournal.open(directory, engine.instrument());
            trades = TradeJournal.open(directory, engine.instrument(), names);
            events = io.scalper.core.journal.EventJournal.open(directory, engine.instrument());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journals in " + directory, e);
        }
        return this;
    }

    public PerformanceTracker tracker() {
        return tracker;
    }

    /**
     * Also records trades, order activity and refusals in {@code accountTracker}: the account's statistics when several
     * symbols' engines share one account, each with its own recorder (the account's equity samples are the caller's).
     * Refusals reach it when {@link #stats} is called.
     */
    public EngineRecorder alsoInto(PerformanceTracker accountTracker) {
        this.account = accountTracker;
        return this;
    }

    /** Statistics so far, with the engine's refusal counts (built-in and custom gates). */
    public PerformanceStats stats(long nowNs) {
        if (engine != null) {
            final java.util.Map<String, Long> current = new java.util.TreeMap<>(engine.customRefusals());
            engine.refusals().snapshot().forEach((code, count) -> {
                if (count > 0) {
                    current.put(code, count);
                }
            });
            current.forEach((code, count) -> {
                final long delta = count - reported.getOrDefault(code, 0L);
                if (delta > 0) {
                    tracker.onRefusals(code, delta);
                    if (account != null) {
                        account.onRefusals(code, delta);
                    }
                    reported.put(code, count);
                }
            });
        }
        return tracker.stats(nowNs);
    }

    private final java.util.Map<String, Long> reported = new java.util.HashMap<>();

    private long now() {
        return engine == null ? 0 : engine.lastDecision().timeNs();
    }

    @Override
    public void onDecision(Decision d) {
        pending = d.direction() != Decision.FLAT ? d : null;
        if (pending == null) {
            journal(d, "");
        }
    }

    @Override
    public void onRefusal(String reason, Decision decision) {
        journal(decision, reason);
        pending = null;
    }

    /** Journals a decision when its direction or outcome changed, or the interval passed since the last row. */
    private void journal(Decision d, String outcome) {
        if (decisions == null) {
            return;
        }
        final boolean changed = d.direction() != lastDirection || !outcome.equals(lastOutcome);
        if (!changed && lastDecisionNs != Long.MIN_VALUE && d.timeNs() - lastDecisionNs < decisionIntervalNs) {
            return;
        }
        lastDirection = d.direction();
        lastOutcome = outcome;
        lastDecisionNs = d.timeNs();
        try {
            decisions.record(d, outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onOrderSubmitted(Order order) {
        if (pending != null && order.request().purpose() == io.scalper.core.exec.OrderPurpose.ENTRY) {
            final Decision d = pending;
            pending = null;
            lastDecisionNs = Long.MIN_VALUE; // an entry is always journaled
            journal(d, "entry");
        }
        tracker.counts().onOrderSubmitted(order.request().purpose());
        if (account != null) {
            account.counts().onOrderSubmitted(order.request().purpose());
        }
        if (orders != null) {
            try {
                orders.recordSubmit(order.submittedNs(), order);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onOrderAdopted(Order order) {
        if (orders != null) {
            try {
                orders.recordAdopted(order.acceptedNs(), order);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event, Order order) {
        if (order == null) {
            return;
        }
        final Order.Result result =
                engine == null ? Order.Result.APPLIED : engine.orders().lastResult();
        tracker.counts().onOrderEvent(order, event, result);
        if (account != null) {
            account.counts().onOrderEvent(order, event, result);
        }
        if (orders != null) {
            try {
                orders.recordEvent(event.localTimeNs() != 0 ? event.localTimeNs() : now(), order, event, result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onFill(OrderEvent.Filled fill, Order order, long positionLots) {
        if (fills != null && engine != null) {
            try {
                fills.record(fill.localTimeNs() != 0 ? fill.localTimeNs() : now(), order, fill, engine.position());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onRoundTrip(RoundTrip trade) {
        tracker.onTrade(trade);
        if (account != null) {
            account.onTrade(trade);
        }
        if (trades != null) {
            try {
                trades.record(trade);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onReconciled(
            String symbol, long engineLots, long venueLots, long venueAvgEntryTicks, String action, String cause) {
        if (events != null && engine != null) {
            try {
                events.reconciled(engine.nowNs(), engineLots, venueLots, venueAvgEntryTicks, action, cause);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onSizeCapped(io.scalper.core.risk.SizingResult size) {
        event(
                "alert",
                "size_capped",
                size.cappedBy().code() + ": " + size.lots() + " of " + size.uncappedLots() + " lots, risk "
                        + String.format(java.util.Locale.ROOT, "%.2f", size.riskAmount()));
    }

    @Override
    public void onAlert(String code, String detail) {
        event("alert", code, detail);
    }

    @Override
    public void onTradingState(String state, String reason) {
        event("state", state, reason);
    }

    private void event(String kind, String code, String detail) {
        if (events != null && engine != null) {
            try {
                events.event(engine.nowNs(), kind, code, detail);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : new Closeable[] {decisions, orders, fills, trades, events}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
