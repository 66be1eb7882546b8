package io.scalper.bybit.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.Order;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.KillSwitch;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.TradingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The live runtime's periodic state snapshot ({@code state.json} in the state directory, written atomically): the
 * position, the working orders, the kill switch, the daily loss and the equity peak — what a restart restores (risk) or
 * reconciles with the exchange (position and orders, which the exchange is the authority on).
 */
final class LiveState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveState() {}

    static String snapshot(ScalperEngine engine, long nowNs) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("timeNs", nowNs);
        root.put("symbol", engine.instrument().symbol());
        root.put("positionLots", engine.position().qtyLots());
        final double avg = engine.position().avgEntryTicks();
        if (!Double.isNaN(avg)) {
            root.put("avgEntryPrice", avg * engine.instrument().tickSizeDouble());
        }
        root.put("equity", engine.equity());
        root.put("equityPeak", engine.drawdown().peakEquity());
        final long venue = engine.venuePositionLots();
        if (venue != Long.MIN_VALUE) {
            root.put("venuePositionLots", venue);
        }
        root.put("protected", engine.isProtected());
        root.put("maxUnprotectedMs", engine.maxUnprotectedNs() / 1_000_000L);
        root.put("unprotectedBreaches", engine.invariantViolations());
        root.put("reconciliations", engine.reconciliations());
        root.put("retriesSpent", engine.retriesSpent());
        final ArrayNode working = root.putArray("workingOrders");
        for (Order o : engine.orders().all()) {
            if (!o.status().isTerminal()) {
                working.addObject()
                        .put("clientOrderId", o.request().clientOrderId())
                        .put("purpose", o.request().purpose().name())
                        .put("side", o.request().side().name())
                        .put("qtyLots", o.request().qtyLots());
            }
        }
        final KillSwitch.State k = engine.killSwitch().state();
        final ObjectNode kill = root.putObject("killSwitch");
        kill.put("tradingState", k.tradingState().name());
        kill.put("reason", k.reason() == null ? null : k.reason().name());
        kill.put("trippedNs", k.trippedNs());
        final ArrayNode reasons = kill.putArray("reasons");
        k.reasons().forEach(r -> reasons.add(r.name()));
        final DailyLossLimit.State d = engine.dailyLoss().state();
        root.putObject("dailyLoss")
                .put("utcDay", d.utcDay())
                .put("realisedToday", d.realisedToday())
                .put("tripped", d.tripped());
        return root.toPrettyString() + "\n";
    }

    /** What a restart restores. */
    record Restored(DailyLossLimit.State daily, KillSwitch.State kill, double peak, long positionLots) {}

    /**
     * Reads the previous run's snapshot of {@code symbol}.
     *
     * @throws IOException when the file exists but cannot be understood, or belongs to another symbol (a restart must
     *     not guess)
     */
    static Optional<Restored> read(Path file, String symbol) throws IOException {
        final Optional<String> text = new StateSnapshotWriter(file).read();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        final JsonNode parsed;
        try {
            parsed = JSON.readTree(text.get());
        } catch (IOException e) {
            throw new IOException(
                    file + ": cannot read the saved state (" + e.getMessage() + "); move it away to start afresh", e);
        }
        final String saved = parsed.path("symbol").asText("");
        if (!saved.isEmpty() && !saved.equals(symbol)) {
            throw new IOException(
                    file + " is the state of " + saved + ", not " + symbol + ": use another --state-dir for " + symbol);
        }
        try {
            final JsonNode root = parsed;
            final JsonNode k = root.required("killSwitch");
            final Set<RefusalReason> reasons = EnumSet.noneOf(RefusalReason.class);
            for (JsonNode r : k.required("reasons")) {
                reasons.add(RefusalReason.valueOf(r.asText()));
            }
            // a clean shutdown stops trading with SHUTDOWN: that is not a reason to stay stopped after a restart
            reasons.remove(RefusalReason.SHUTDOWN);
            final JsonNode reasonNode = k.get("reason");
            RefusalReason reason =
                    reasonNode == null || reasonNode.isNull() ? null : RefusalReason.valueOf(reasonNode.asText());
            if (reason == RefusalReason.SHUTDOWN) {
                reason = reasons.isEmpty() ? null : reasons.iterator().next();
            }
            final KillSwitch.State kill = reasons.isEmpty()
                    ? KillSwitch.State.active()
                    : new KillSwitch.State(
                            TradingState.valueOf(k.required("tradingState").asText()),
                            reason,
                            k.required("trippedNs").asLong(),
                            reasons);
            final JsonNode d = root.required("dailyLoss");
            final DailyLossLimit.State daily = new DailyLossLimit.State(
                    d.required("utcDay").asLong(),
                    d.required("realisedToday").asDouble(),
                    d.required("tripped").asBoolean());
            return Optional.of(new Restored(
                    daily,
                    kill,
                    root.required("equityPeak").asDouble(),
                    root.path("positionLots").asLong()));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": cannot read the saved state (" + e.getMessage() + "); move it away to start afresh", e);
        }
    }
}
