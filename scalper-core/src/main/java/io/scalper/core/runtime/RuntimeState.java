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
        write(w, engine, nowNs);
        return w + "\n";
    }

    /**
     * The snapshot of several symbols' engines trading one account, as JSON text ending in a newline: {@code timeNs},
     * the account ({@code equity}, {@code equityPeak}, {@code notional}) and {@code symbols}, each symbol's snapshot as
     * {@link #snapshot} writes it (the daily loss, the equity peak and the kill switch's reasons are the account's, the
     * same in each).
     */
    public static String snapshot(List<ScalperEngine> engines, long nowNs) {
        final JsonWriter w = new JsonWriter();
        w.beginObject();
        w.name("timeNs").value(nowNs);
        final io.scalper.core.engine.Portfolio p = engines.get(0).portfolio();
        if (p != null) {
            w.name("account").beginObject();
            w.name("equity").value(p.equity());
            w.name("equityPeak").value(p.drawdown().peakEquity());
            w.name("notional").value(p.notional());
            w.endObject();
        }
        w.name("symbols").beginObject();
        for (ScalperEngine e : engines) {
            w.name(e.instrument().symbol());
            write(w, e, nowNs);
        }
        w.endObject();
        w.endObject();
        return w + "\n";
    }

    private static void write(JsonWriter w, ScalperEngine engine, long nowNs) {
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
        final Map<String, Restored> all = readAll(file, List.of(symbol));
        return Optional.ofNullable(all.get(symbol));
    }

    /**
     * Reads the previous run's snapshot for the symbols of this run: a file of one symbol ({@link #snapshot(
     * ScalperEngine, long)}) or of several ({@link #snapshot(List, long)}). Symbols the file does not hold are missing
     * from the answer (they start afresh).
     *
     * @throws IOException when the file exists but cannot be understood, or holds a symbol this run does not trade (its
     *     position and risk would be left unwatched: a restart must not guess)
     */
    public static Map<String, Restored> readAll(Path file, List<String> symbols) throws IOException {
        final Optional<String> text = new StateSnapshotWriter(file).read();
        final Map<String, Restored> out = new java.util.LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
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
        if (root.get("symbols") instanceof Map<?, ?> bySymbol) {
            for (Map.Entry<?, ?> e : bySymbol.entrySet()) {
                final String saved = String.valueOf(e.getKey());
                if (!symbols.contains(saved)) {
                    throw new IOException(file + " holds the state of " + saved + ", which this run does not trade ("
                            + symbols + "): add it, or use another --state-dir");
                }
                if (!(e.getValue() instanceof Map<?, ?> one)) {
                    throw new IOException(file + ": cannot read the saved state of " + saved
                            + " (not an object); move it away to start afresh");
                }
                out.put(saved, restored(file, one));
            }
            return out;
        }
        final String saved = root.get("symbol") instanceof String s ? s : "";
        if (!saved.isEmpty() && !symbols.contains(saved)) {
            throw new IOException(file + " is the state of " + saved + ", not " + String.join(", ", symbols)
                    + ": use another --state-dir for " + String.join(", ", symbols));
        }
        final Restored r = restored(file, root);
        if (saved.isEmpty()) {
            for (String s : symbols) {
                out.put(s, r);
            }
        } else {
            out.put(saved, r);
        }
        return out;
    }

    private static Restored restored(Path file, Map<?, ?> root) throws IOException {
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
            return new Restored(daily, kill, number(root, "equityPeak"), position);
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
