package io.scalper.core.research;

import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.model.Instrument;
import io.scalper.core.util.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ResearchRunner} measured: per signal (the eight and {@link #FUSED}) and horizon a {@link SignalStats},
 * the fused score's {@link EdgeCalibration} per horizon, round-trip costs, and the sampled decisions themselves. Times
 * are ns since the epoch; returns in bps. Immutable.
 */
public final class ResearchResult {
    /** Name of the fused score among {@link #signalNames()}. */
    public static final String FUSED = "fused";

    /** t-statistic a fused edge must reach, besides exceeding the cost, to count as clearing it. */
    public static final double CLEAR_T = 2.0;

    private final String source;
    private final Instrument instrument;
    private final long startTimeNs;
    private final long endTimeNs;
    private final long messages;
    private final long sampleIntervalNs;
    private final long[] horizonsNs;
    private final String[] names;
    private final double threshold;
    private final long noBookSamples;
    private final long[] times;
    private final double[] mids;
    private final double[][] scores;
    private final double[][] returns;
    private final SignalStats[][] stats;
    private final EdgeCalibration[] calibrations;
    private final RoundTripCosts costs;
    private final double medianSpreadBps;
    private final ResearchSamples samples;

    ResearchResult(
            String source,
            Instrument instrument,
            long startTimeNs,
            long endTimeNs,
            long messages,
            long sampleIntervalNs,
            long[] horizonsNs,
            String[] names,
            double threshold,
            long noBookSamples,
            long[] times,
            double[] mids,
            double[][] scores,
            double[][] returns,
            SignalStats[][] stats,
            EdgeCalibration[] calibrations,
            RoundTripCosts costs,
            double medianSpreadBps,
            ResearchSamples samples) {
        this.source = Objects.requireNonNull(source, "source");
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.startTimeNs = startTimeNs;
        this.endTimeNs = endTimeNs;
        this.messages = messages;
        this.sampleIntervalNs = sampleIntervalNs;
        this.horizonsNs = horizonsNs;
        this.names = names;
        this.threshold = threshold;
        this.noBookSamples = noBookSamples;
        this.times = times;
        this.mids = mids;
        this.scores = scores;
        this.returns = returns;
        this.stats = stats;
        this.calibrations = new EdgeCalibration[calibrations.length];
        for (int i = 0; i < calibrations.length; i++) {
            this.calibrations[i] = calibrations[i].copy();
        }
        this.costs = costs;
        this.medianSpreadBps = medianSpreadBps;
        this.samples = Objects.requireNonNull(samples, "samples");
    }

    /**
     * The decisions this result was computed from: what another replay's can be merged with ({@link #merge}), and
     * what can travel (it is {@link java.io.Serializable}) from where a replay ran to where results are merged.
     */
    public ResearchSamples decisions() {
        return samples;
    }

    /**
     * The result over the decisions of all {@code results}, concatenated in that order: exact, not an average of their
     * statistics (see {@link ResearchSamples} for what merging separate replays means).
     *
     * @throws IllegalArgumentException when they differ in horizons, decision interval, threshold, signals or fees
     */
    public static ResearchResult merge(List<ResearchResult> results, String source) {
        final List<ResearchSamples> parts = new ArrayList<>(results.size());
        for (ResearchResult r : results) {
            parts.add(r.samples);
        }
        return ResearchSamples.merge(parts, source).result();
    }

    /** The market researched, for people (file names, seed). */
    public String source() {
        return source;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Exchange time of the first message. */
    public long startTimeNs() {
        return startTimeNs;
    }

    /** Exchange time of the last message replayed. */
    public long endTimeNs() {
        return endTimeNs;
    }

    /** Market messages replayed. */
    public long messages() {
        return messages;
    }

    /** Decisions sampled (with the book in sync). */
    public int samples() {
        return times.length;
    }

    /** Grid points skipped because the book was not in sync (before the first snapshot, after a gap). */
    public long noBookSamples() {
        return noBookSamples;
    }

    public long sampleIntervalNs() {
        return sampleIntervalNs;
    }

    /** The horizons, ascending. */
    public List<Long> horizonsNs() {
        final List<Long> out = new ArrayList<>(horizonsNs.length);
        for (long h : horizonsNs) {
            out.add(h);
        }
        return List.copyOf(out);
    }

    /** The horizons as text ({@code 250ms}, {@code 1s}, ...), ascending. */
    public List<String> horizonLabels() {
        final List<String> out = new ArrayList<>(horizonsNs.length);
        for (long h : horizonsNs) {
            out.add(Durations.format(h));
        }
        return List.copyOf(out);
    }

    /** The eight signals in fusion order, then {@link #FUSED}. */
    public List<String> signalNames() {
        return List.of(names);
    }

    /** |score| at and above which a decision counts for hit rate, edge and count ({@code fusion.entryScore}). */
    public double threshold() {
        return threshold;
    }

    /**
     * The statistics of a signal (or {@link #FUSED}) at horizon index {@code h} (into {@link #horizonsNs()}).
     *
     * @throws IllegalArgumentException for an unknown signal
     */
    public SignalStats stats(String signal, int h) {
        return stats[indexOf(signal)][h];
    }

    /** The fused score's calibration at horizon index {@code h} (a copy: record into it freely). */
    public EdgeCalibration calibration(int h) {
        return calibrations[h].copy();
    }

    /** The fused score's calibrations, one per horizon (copies), for {@link EdgeCalibration#toJson(List)}. */
    public List<EdgeCalibration> calibrations() {
        final List<EdgeCalibration> out = new ArrayList<>(calibrations.length);
        for (EdgeCalibration c : calibrations) {
            out.add(c.copy());
        }
        return List.copyOf(out);
    }

    /** Round-trip costs from the configured fees and {@link #medianSpreadBps()}. */
    public RoundTripCosts costs() {
        return costs;
    }

    /** Median spread over the sampled decisions, bps of the mid. */
    public double medianSpreadBps() {
        return medianSpreadBps;
    }

    /**
     * Whether the fused score clears the cost of {@code path} at horizon index {@code h}: its edge exceeds the cost
     * and its t-statistic is at least {@link #CLEAR_T}.
     */
    public boolean clears(int h, String path) {
        final SignalStats s = stats[names.length - 1][h];
        return s.edgeBps() > costs.bps(path) && s.tStat() >= CLEAR_T;
    }

    /** Decision times (a copy). */
    public long[] decisionTimesNs() {
        return times.clone();
    }

    /** The mid (ticks) known at each decision (a copy). */
    public double[] decisionMids() {
        return mids.clone();
    }

    /** A signal's (or {@link #FUSED}) score at each decision (a copy). */
    public double[] scores(String signal) {
        return scores[indexOf(signal)].clone();
    }

    /** The forward return at horizon index {@code h} of each decision, bps; NaN where unresolved (a copy). */
    public double[] forwardReturnsBps(int h) {
        return returns[h].clone();
    }

    /**
     * Paper trades of the fused score at horizon index {@code h}: the indices of resolved decisions with |fused| &ge;
     * the threshold, taken in time order, each at least one horizon after the previous one (no overlap).
     */
    public int[] paperTrades(int h) {
        final double[] fused = scores[names.length - 1];
        final double[] r = returns[h];
        int[] out = new int[16];
        int count = 0;
        long free = Long.MIN_VALUE;
        for (int i = 0; i < times.length; i++) {
            if (times[i] < free || Double.isNaN(r[i]) || !(Math.abs(fused[i]) >= threshold) || fused[i] == 0) {
                continue;
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = i;
            free = times[i] + horizonsNs[h];
        }
        return Arrays.copyOf(out, count);
    }

    private int indexOf(String signal) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(signal)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown signal '" + signal + "' (one of " + List.of(names) + ")");
    }

    /**
     * The result as one JSON object with exactly the keys {@code source}, {@code samples}, {@code horizons},
     * {@code costBps} ({@code makerMaker}, {@code makerTaker}, {@code takerTaker}), {@code signals} (per signal and
     * {@code fused}, per horizon label: {@code ic}, {@code hitRate}, {@code edgeBps}, {@code n}, {@code tStat}) and
     * {@code calibration} (per horizon label, the non-empty buckets of the fused score: {@code lo}, {@code hi},
     * {@code n}, {@code meanBps}). Undefined numbers are {@code null}.
     */
    public String toJson() {
        final JsonWriter w = new JsonWriter();
        final List<String> labels = horizonLabels();
        w.beginObject();
        w.name("source").value(source);
        w.name("samples").value(times.length);
        w.name("horizons").beginArray();
        for (String l : labels) {
            w.value(l);
        }
        w.endArray();
        w.name("costBps")
                .beginObject()
                .name("makerMaker")
                .value(costs.makerMakerBps())
                .name("makerTaker")
                .value(costs.makerTakerBps())
                .name("takerTaker")
                .value(costs.takerTakerBps())
                .endObject();
        w.name("signals").beginObject();
        for (int k = 0; k < names.length; k++) {
            w.name(names[k]).beginObject();
            for (int h = 0; h < horizonsNs.length; h++) {
                final SignalStats s = stats[k][h];
                w.name(labels.get(h))
                        .beginObject()
                        .name("ic")
                        .value(s.ic())
                        .name("hitRate")
                        .value(s.hitRate())
                        .name("edgeBps")
                        .value(s.edgeBps())
                        .name("n")
                        .value(s.n())
                        .name("tStat")
                        .value(s.tStat())
                        .endObject();
            }
            w.endObject();
        }
        w.endObject();
        w.name("calibration").beginObject();
        for (int h = 0; h < horizonsNs.length; h++) {
            final EdgeCalibration c = calibrations[h];
            w.name(labels.get(h)).beginArray();
            for (int b = 0; b < c.buckets(); b++) {
                if (c.bucketCount(b) == 0) {
                    continue;
                }
                w.beginObject()
                        .name("lo")
                        .value(c.bucketLo(b))
                        .name("hi")
                        .value(c.bucketHi(b))
                        .name("n")
                        .value(Math.round(c.bucketCount(b)))
                        .name("meanBps")
                        .value(c.bucketMeanBps(b))
                        .endObject();
            }
            w.endArray();
        }
        w.endObject();
        w.endObject();
        return w.toString();
    }
}
