package io.scalper.core.drift;

import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.util.Durations;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The backtest's latency and queue models fitted to a live session ({@code scalper drift --fit}): the log-normal
 * latency whose round trips (order + response latency) have the live median and the live ratio of the 90th percentile
 * to the median — or, as a comment, the session's own round trips replayed ({@code latencyModel: recorded}), which
 * takes each round trip as half out, half back: a slow acknowledgement counts as a slow arrival — and the {@code
 * queueAheadShare} of the probabilistic queue model that gets the most live resting entries right (filled or not; then
 * the nearest fill times). Printed as the {@code backtest} section of a configuration file.
 *
 * @param keys the keys set ({@code backtest.orderLatency} ...), values as the configuration reads them
 * @param comments what they were fitted from, one line each
 */
public record Calibration(Map<String, String> keys, java.util.List<String> comments) {
    private static final double[] SIGMAS = sigmas();

    private static double[] sigmas() {
        final double[] s = new double[41];
        for (int i = 0; i < s.length; i++) {
            s[i] = i * 0.05;
        }
        return s;
    }

    /** Fits the models to {@code r}; {@code session} is named for {@code latencyModel: recorded}. */
    public static Calibration fit(DriftResult r, Path session) {
        final Map<String, String> keys = new LinkedHashMap<>();
        final java.util.List<String> comments = new java.util.ArrayList<>();
        comments.add(String.format(
                Locale.ROOT,
                "scalper drift --fit: session %s (%s, %s, %.1f s of market)",
                r.run().sessionId(),
                r.run().venue(),
                r.run().symbol(),
                (r.run().endNs() - r.run().startNs()) / 1e9));
        final Distribution live = r.latency().liveRoundTrips();
        if (live.count() > 0) {
            final double median = live.quantile(0.5);
            final double ratio = live.quantile(0.9) / Math.max(1, median);
            double bestSigma = 0;
            double bestGap = Double.MAX_VALUE;
            double bestMedian = 2;
            for (double s : SIGMAS) {
                final Distribution d = new Distribution();
                final LatencyModel m = s == 0
                        ? LatencyModel.constant(1_000_000, 1_000_000)
                        : LatencyModel.logNormal(1_000_000, 1_000_000, s, 7);
                for (int i = 0; i < 4000; i++) {
                    d.add(m.entryNs(0) + m.responseNs(0));
                }
                final double gap = Math.abs(d.quantile(0.9) / d.quantile(0.5) - ratio);
                if (gap < bestGap) {
                    bestGap = gap;
                    bestSigma = s;
                    bestMedian = d.quantile(0.5) / 1_000_000;
                }
            }
            final long each = Math.max(1_000, Math.round(median / bestMedian / 1_000) * 1_000);
            final String sigma = String.format(Locale.ROOT, "%.2f", bestSigma);
            keys.put("backtest.latencyModel", "fixed");
            keys.put("backtest.orderLatency", Durations.format(each));
            keys.put("backtest.responseLatency", Durations.format(each));
            keys.put("backtest.latencySigma", sigma);
            comments.add(String.format(
                    Locale.ROOT,
                    "order round trips live: %d, median %.3f ms, p90 %.3f ms; the backtest's model had a median of"
                            + " %.3f ms",
                    live.count(),
                    median / 1e6,
                    live.quantile(0.9) / 1e6,
                    r.latency().modelRoundTrips().medianMs()));
            if (session != null) {
                comments.add("or replay this session's very round trips, half out and half back (a slow acknowledgement"
                        + " then counts as a slow arrival):");
                comments.add("  latencyModel: recorded, latencyRecording: " + session.toAbsolutePath());
            }
        } else {
            comments.add("no order round trip was measured live: latency left as it is");
        }
        final DriftResult.Queue q = r.queue();
        if (q.orders() > 0 && !Double.isNaN(q.fittedShare())) {
            keys.put("backtest.queueModel", "probabilistic");
            keys.put("backtest.queueAheadShare", String.format(Locale.ROOT, "%.1f", q.fittedShare()));
            comments.add(String.format(
                    Locale.ROOT,
                    "resting entries: %d, %d filled live; %s filled %d (right on %d); queueAheadShare %.1f fills %d"
                            + " (right on %d)",
                    q.orders(),
                    q.liveFilled(),
                    q.simulatedModel(),
                    q.simulatedFilled(),
                    q.simulatedAgreement(),
                    q.fittedShare(),
                    q.fittedFilled(),
                    q.fittedAgreement()));
        } else if (q.orders() > 0) {
            comments.add(String.format(
                    Locale.ROOT,
                    "resting entries: %d, %d filled live: every queueAheadShare fills them alike, the fills do not"
                            + " tell the models apart; queue model left as it is",
                    q.orders(),
                    q.liveFilled()));
        } else {
            comments.add("no resting entry to fit the queue model to: queue model left as it is");
        }
        return new Calibration(Map.copyOf(keys), java.util.List.copyOf(comments));
    }

    /** As YAML: the comments, then a {@code backtest:} section with the keys (nothing when none was fitted). */
    public String toYaml() {
        final StringBuilder sb = new StringBuilder();
        for (String c : comments) {
            sb.append("# ").append(c).append('\n');
        }
        if (keys.isEmpty()) {
            return sb.toString();
        }
        sb.append("backtest:\n");
        for (String k : new String[] {
            "backtest.latencyModel",
            "backtest.latencyRecording",
            "backtest.orderLatency",
            "backtest.responseLatency",
            "backtest.latencySigma",
            "backtest.queueModel",
            "backtest.queueAheadShare"
        }) {
            final String v = keys.get(k);
            if (v != null) {
                sb.append("  ")
                        .append(k.substring("backtest.".length()))
                        .append(": ")
                        .append(v)
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
