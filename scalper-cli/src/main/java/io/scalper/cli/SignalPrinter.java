package io.scalper.cli;

import io.scalper.core.book.OrderBook;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.feature.FeatureEngine;
import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.SignalFusion;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.util.Decimals;
import java.io.PrintWriter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs a {@link SignalPipeline} per market of a replay and prints every K-th decision as one JSON line: time, mid, each
 * signal's score, the fused score, confidence, regime class and the current weights. Numbers are printed with fixed
 * decimals by integer arithmetic, so the same input gives byte-identical output on any machine.
 */
final class SignalPrinter implements MarketDataListener {
    private final ScalperConfig config;
    private final String wanted;
    private final int every;
    private final PrintWriter out;
    private final Map<MarketState, SignalPipeline> pipelines = new IdentityHashMap<>();
    private final Map<MarketState, long[]> counts = new IdentityHashMap<>();
    private final StringBuilder line = new StringBuilder(1024);
    private long printed;
    private long decisions;
    private long nonFinite;

    SignalPrinter(ScalperConfig config, String wanted, int every, PrintWriter out) {
        this.config = config;
        this.wanted = wanted;
        this.every = every;
        this.out = out;
    }

    private SignalPipeline pipeline(MarketState m) {
        SignalPipeline p = pipelines.get(m);
        if (p == null) {
            p = new SignalPipeline(
                    m,
                    new FeatureEngine(config.features(), m),
                    SignalFusion.builder(config.fusion())
                            .addBuiltIns(config.signals())
                            .build());
            pipelines.put(m, p);
        }
        return p;
    }

    @Override
    public void onBook(MarketState m, int result) {
        if (accept(m)) {
            final SignalPipeline p = pipeline(m);
            p.onBook(m, result);
            after(m, p);
        }
    }

    @Override
    public void onTrades(MarketState m, int count) {
        if (accept(m)) {
            final SignalPipeline p = pipeline(m);
            p.onTrades(m, count);
            after(m, p);
        }
    }

    private boolean accept(MarketState m) {
        return wanted == null || wanted.equals(m.symbol());
    }

    private void after(MarketState m, SignalPipeline p) {
        final Decision d = p.decision();
        decisions++;
        for (int i = 0; i < d.signalCount(); i++) {
            if (!Double.isFinite(d.score(i)) || d.score(i) < -1 || d.score(i) > 1) {
                nonFinite++;
            }
        }
        if (!Double.isFinite(d.fused()) || !Double.isFinite(d.confidence())) {
            nonFinite++;
        }
        final long[] c = counts.computeIfAbsent(m, k -> new long[1]);
        if (++c[0] % every != 0 || !p.features().bookValid()) {
            return;
        }
        line.setLength(0);
        append(line, m, d, p.features());
        out.println(line);
        printed++;
    }

    long printed() {
        return printed;
    }

    long decisions() {
        return decisions;
    }

    /** Scores, fused values or confidences that were not finite or out of range (should be 0). */
    long nonFinite() {
        return nonFinite;
    }

    static void append(StringBuilder sb, MarketState m, Decision d, Features f) {
        final Instrument instrument = m.instrument();
        sb.append("{\"ts\":").append(d.timeNs() / 1_000_000L);
        sb.append(",\"symbol\":\"").append(m.symbol()).append('"');
        sb.append(",\"mid\":");
        final OrderBook book = m.book();
        final long twiceMid = book.bestBid() + book.bestAsk();
        // mid = twiceMid × tick / 2, exact with one more decimal than the price scale
        final long tickUnscaled =
                instrument.tickSize().movePointRight(instrument.priceScale()).longValueExact();
        Decimals.append(sb, twiceMid * tickUnscaled * 5, instrument.priceScale() + 1);
        for (int i = 0; i < d.signalCount(); i++) {
            sb.append(",\"").append(d.name(i)).append("\":");
            fixed(sb, d.score(i));
        }
        sb.append(",\"fused\":");
        fixed(sb, d.fused());
        sb.append(",\"confidence\":");
        fixed(sb, d.confidence());
        sb.append(",\"direction\":\"")
                .append(Decision.directionName(d.direction()))
                .append('"');
        sb.append(",\"regimeClass\":\"").append(VolRegime.name(d.regime())).append('"');
        sb.append(",\"weights\":{");
        for (int i = 0; i < d.signalCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(d.name(i)).append("\":");
            fixed(sb, d.weight(i));
        }
        sb.append("}}");
    }

    /** Appends {@code x} rounded to 4 decimals (half away from zero); non-finite values print as 0. */
    static void fixed(StringBuilder sb, double x) {
        if (!Double.isFinite(x)) {
            sb.append("0.0000");
            return;
        }
        final long v = Math.round(x * 10_000.0);
        Decimals.append(sb, v, 4);
    }
}
