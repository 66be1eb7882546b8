package io.scalper.core.runtime;

import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.Order;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.KillSwitch;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.TradingState;
import io.scalper.core.util.JsonText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trading runtime's periodic state snapshot ({@code state.json} in the state directory, written atomically): the
 * position, the working orders, the kill switch, the daily loss and the equity peak — what a restart restores (risk) or
 * reconciles with the exchange (position and orders, which the exchange is the authority on).
 */
public final class RuntimeState {
    private RuntimeState() {}

    /** The snapshot of {@code engine} now, as JSON text ending in a newline. */
    public static String snapshot(ScalperEngine engine, long nowNs) {
        final JsonWriter w = new JsonWriter();
        w.beginObject();
        w.name("timeNs").value(nowNs);
        w.name("symbol").value(engine.instrument().symbol());
        w.name("positionLots").value(engine.position().qtyLots());
        final double avg = engine.position().avgEntryTicks();
        if (!Double.isNaN(avg)) {
            w.name("avgEntryPrice").value(avg * engine.instrument().tickSizeDouble());
        }
        w.name("equity").value(engine.equity());
        w.name("equityPeak").value(engine.drawdown().peakEquity());
        final long venue = engine.venuePositionLots();
        if (venue != Long.MIN_VALUE) {
            w.name("venuePositionLots").value(venue);
        }
        w.name("protected").value(engine.isProtected());
        w.name("maxUnprotectedMs").value(engine.maxUnprotectedNs() / 1_000_000L);
        w.name("unprotectedBreaches").value(engine.invariantViolations());
        w.name("reconciliations").value(engine.reconciliations());
        w.name("retriesSpent").value(engine.retriesSpent());
        w.name("workingOrders").beginArray();
        for (Order o : engine.orders().all()) {
            if (!o.status().isTerminal()) {
                w.beginObject()
                        .name("clientOrderId")
                        .value(o.request().clientOrderId())
                        .name("purpose")
                        .value(o.request().purpose().name())
                        .name("side")
                        .value(o.request().side().name())
                        .name("qtyLots")
                        .value(o.request().qtyLots())
                        .endObject();
            }
        }
        w.endArray();
        final KillSwitch.State k = engine.killSwitch().state();
        w.name("killSwitch").beginObject();
        w.name("tradingState").value(k.tradingState().name());
        w.name("reason");
        if (k.reason() == null) {
            w.nullValue();
        } else {
            w.value(k.reason().name());
        }
        w.name("trippedNs").value(k.trippedNs());
        w.name("reasons").beginArray();
        for (RefusalReason r : k.reasons()) {
            w.value(r.name());
        }
        w.endArray().endObject();
        final DailyLossLimit.State d = engine.dailyLoss().state();
        w.name("dailyLoss").beginObject();
        w.name("utcDay").value(d.utcDay());
        w.name("realisedToday").value(d.realisedToday());
        w.name("tripped").value(d.tripped());
        w.endObject();
        w.endObject();
        return w + "\n";
    }

    /** What a restart restores. */
    public record Restored(DailyLossLimit.State daily, KillSwitch.State kill, double peak, long positionLots) {}

    /**
     * Reads the previous run's snapshot of {@code symbol}.
     *
     * @throws IOException when the file exists but cannot be understood, or belongs to another symbol (a restart must
     *     not guess)
     */
    public static Optional<Restored> read(Path file, String symbol) throws IOException {
        final Optional<String> text = new StateSnapshotWriter(file).read();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        final Map<?, ?> root;
        try {
            if (!(JsonText.parse(text.get()) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            root = m;
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": cannot read the saved state (" + e.getMessage() + "); move it away to start afresh", e);
        }
        final String saved = root.get("symbol") instanceof String s ? s : "";
        if (!saved.isEmpty() && !saved.equals(symbol)) {
            throw new IOException(
                    file + " is the state of " + saved + ", not " + symbol + ": use another --state-dir for " + symbol);
        }
        try {
            final Map<?, ?> k = object(root, "killSwitch");
            final Set<RefusalReason> reasons = EnumSet.noneOf(RefusalReason.class);
            if (!(k.get("reasons") instanceof List<?> list)) {
                throw new IllegalArgumentException("killSwitch.reasons: missing");
            }
            for (Object r : list) {
                reasons.add(RefusalReason.valueOf(String.valueOf(r)));
            }
            // a clean shutdown stops trading with SHUTDOWN: that is not a reason to stay stopped after a restart
            reasons.remove(RefusalReason.SHUTDOWN);
            final Object reasonValue = k.get("reason");
            RefusalReason reason = reasonValue == null ? null : RefusalReason.valueOf(String.valueOf(reasonValue));
            if (reason == RefusalReason.SHUTDOWN) {
                reason = reasons.isEmpty() ? null : reasons.iterator().next();
            }
            final KillSwitch.State kill = reasons.isEmpty()
                    ? KillSwitch.State.active()
                    : new KillSwitch.State(
                            TradingState.valueOf(text(k, "tradingState")),
                            reason,
                            (long) number(k, "trippedNs"),
                            reasons);
            final Map<?, ?> d = object(root, "dailyLoss");
            final DailyLossLimit.State daily = new DailyLossLimit.State(
                    (long) number(d, "utcDay"), number(d, "realisedToday"), bool(d, "tripped"));
            final long position = root.get("positionLots") instanceof Double p ? p.longValue() : 0L;
            return Optional.of(new Restored(daily, kill, number(root, "equityPeak"), position));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": cannot read the saved state (" + e.getMessage() + "); move it away to start afresh", e);
        }
    }

    private static Map<?, ?> object(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Map<?, ?> v) {
            return v;
        }
        throw new IllegalArgumentException(key + ": missing");
    }

    private static double number(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Double v) {
            return v;
        }
        throw new IllegalArgumentException(key + ": missing");
    }

    private static boolean bool(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Boolean v) {
            return v;
        }
        throw new IllegalArgumentException(key + ": missing");
    }

    private static String text(Map<?, ?> m, String key) {
        if (m.get(key) instanceof String v) {
            return v;
        }
        throw new IllegalArgumentException(key + ": missing");
    }
}
