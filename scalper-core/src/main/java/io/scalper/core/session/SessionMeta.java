package io.scalper.core.session;

import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The content of a session's {@value Session#META}: written by {@link SessionRecorder}, read by {@link Session}. */
final class SessionMeta {
    static final int FORMAT = 1;

    /** A symbol traded in the session: its instrument rules (decimal text) and the account's fee rates (NaN: none). */
    record Symbol(
            String symbol,
            String tickSize,
            String qtyStep,
            String minQty,
            String minNotional,
            double makerFeeRate,
            double takerFeeRate) {
        Instrument instrument() {
            return Instrument.of(symbol, tickSize, qtyStep, minQty, minNotional);
        }
    }

    final String id;
    final long clockStartNs;
    final long maxBytes;
    final List<Symbol> symbols = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    String venue = "";
    boolean paper;
    String policy = "";
    double startEquity = Double.NaN;
    long clockOffsetNs;
    long firstStepNs;
    long stopNs;
    boolean keepBrackets = true;
    boolean flatten;
    long endNs;
    long frames;
    long decisions;
    long events;
    long dropped;
    long truncatedNs;
    long bytes;
    String failure;

    SessionMeta(String id, long clockStartNs, long maxBytes) {
        this.id = id;
        this.clockStartNs = clockStartNs;
        this.maxBytes = maxBytes;
    }

    String toJson() {
        final JsonWriter w = new JsonWriter().beginObject();
        w.name("format").value(FORMAT);
        w.name("id").value(id);
        w.name("venue").value(venue);
        w.name("paper").value(paper);
        w.name("policy").value(policy);
        w.name("clockStartNs").value(Long.toString(clockStartNs));
        w.name("clockOffsetNs").value(Long.toString(clockOffsetNs));
        w.name("firstStepNs").value(Long.toString(firstStepNs));
        w.name("startEquity").value(startEquity);
        w.name("maxBytes").value(maxBytes);
        w.name("symbols").beginArray();
        for (Symbol s : symbols) {
            w.beginObject()
                    .name("symbol")
                    .value(s.symbol())
                    .name("tickSize")
                    .value(s.tickSize())
                    .name("qtyStep")
                    .value(s.qtyStep())
                    .name("minQty")
                    .value(s.minQty())
                    .name("minNotional")
                    .value(s.minNotional());
            if (!Double.isNaN(s.makerFeeRate()) && !Double.isNaN(s.takerFeeRate())) {
                w.name("makerFeeRate")
                        .value(s.makerFeeRate())
                        .name("takerFeeRate")
                        .value(s.takerFeeRate());
            }
            w.endObject();
        }
        w.endArray();
        w.name("restored").beginArray();
        restored.forEach(w::value);
        w.endArray();
        if (stopNs != 0) {
            w.name("stopNs")
                    .value(Long.toString(stopNs))
                    .name("keepBrackets")
                    .value(keepBrackets)
                    .name("flatten")
                    .value(flatten);
        }
        if (endNs != 0) {
            w.name("endNs")
                    .value(Long.toString(endNs))
                    .name("frames")
                    .value(frames)
                    .name("decisions")
                    .value(decisions)
                    .name("events")
                    .value(events)
                    .name("dropped")
                    .value(dropped)
                    .name("bytes")
                    .value(bytes);
            if (truncatedNs != 0) {
                w.name("truncatedNs").value(Long.toString(truncatedNs));
            }
            if (failure != null) {
                w.name("failure").value(failure);
            }
        }
        return w.endObject().toString();
    }

    @SuppressWarnings("unchecked")
    static SessionMeta parse(String json) {
        final Map<String, Object> m = (Map<String, Object>) io.scalper.core.util.JsonText.parse(json);
        final long format = num(m, "format", 0);
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not " + FORMAT);
        }
        final SessionMeta s = new SessionMeta(str(m, "id"), num(m, "clockStartNs", 0), num(m, "maxBytes", 0));
        s.venue = str(m, "venue");
        s.paper = Boolean.TRUE.equals(m.get("paper"));
        s.policy = str(m, "policy");
        s.clockOffsetNs = num(m, "clockOffsetNs", 0);
        s.firstStepNs = num(m, "firstStepNs", 0);
        s.startEquity = m.get("startEquity") instanceof Number n ? n.doubleValue() : Double.NaN;
        for (Object o : (List<Object>) m.getOrDefault("symbols", List.of())) {
            final Map<String, Object> y = (Map<String, Object>) o;
            s.symbols.add(new Symbol(
                    str(y, "symbol"),
                    str(y, "tickSize"),
                    str(y, "qtyStep"),
                    str(y, "minQty"),
                    str(y, "minNotional"),
                    y.get("makerFeeRate") instanceof Number n ? n.doubleValue() : Double.NaN,
                    y.get("takerFeeRate") instanceof Number n ? n.doubleValue() : Double.NaN));
        }
        for (Object o : (List<Object>) m.getOrDefault("restored", List.of())) {
            s.restored.add(String.valueOf(o));
        }
        s.stopNs = num(m, "stopNs", 0);
        s.keepBrackets = !Boolean.FALSE.equals(m.get("keepBrackets"));
        s.flatten = Boolean.TRUE.equals(m.get("flatten"));
        s.endNs = num(m, "endNs", 0);
        s.frames = num(m, "frames", 0);
        s.decisions = num(m, "decisions", 0);
        s.events = num(m, "events", 0);
        s.dropped = num(m, "dropped", 0);
        s.bytes = num(m, "bytes", 0);
        s.truncatedNs = num(m, "truncatedNs", 0);
        s.failure = m.get("failure") instanceof String f ? f : null;
        return s;
    }

    private static String str(Map<String, Object> m, String key) {
        final Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    private static long num(Map<String, Object> m, String key, long dflt) {
        final Object v = m.get(key);
        if (v instanceof String text) {
            return Long.parseLong(text); // times are written as text: a double cannot hold every nanosecond
        }
        return v instanceof Number n ? n.longValue() : dflt;
    }
}
