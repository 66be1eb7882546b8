package io.scalper.core.research;

import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.model.Instrument;
import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The decisions of one research replay, or of several merged, with what turns them into a {@link ResearchResult}: the
 * sufficient data of research. Every statistic of a result is a function of these decisions alone ({@link #result()}
 * is the one place that computes them, for a single replay and for a merge alike), so a merge is exact: the result of
 * merged samples is the result over all their decisions, never an average of per-replay statistics.
 *
 * <h2>Merging</h2>
 * {@link #merge(List, String)} concatenates the decisions in the order given (their times, mids, spreads, every score and
 * every forward return). Each part keeps what its own replay resolved: a replay ends with its data, so a decision in
 * the last horizon of one file stays unresolved for that horizon, although a replay of the files played in one go
 * would have resolved it against the next file's mids, and the next file starts from an empty book and fresh signals.
 * That is the meaning of research over several files replayed separately (on Spark, one task per file): the
 * concatenation of their decisions. Over that concatenation, as over one replay, the IC is the Spearman correlation
 * of all resolved pairs (ranks over the union); hit rate, edge and count pool every decision above the threshold;
 * the Newey–West t-statistic takes those decisions in market-time order (a stable sort, a no-op for one replay), so
 * decisions of consecutive files near their boundary are weighted as within a file, and decisions of different files
 * at the same time (several symbols) count as correlated; the median spread is over all decisions, and the fused
 * score's calibration records every resolved pair in concatenation order. Merging requires the same horizons,
 * decision interval, threshold, signals and fees.
 *
 * <p>Immutable (arrays are copied in and never exposed) and {@link Serializable}, so it can travel from where a
 * replay ran to where results are merged.
 */
public final class ResearchSamples implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String symbol;
    private final String tickSize;
    private final String qtyStep;
    private final String minQty;
    private final String minNotional;
    private final long startTimeNs;
    private final long endTimeNs;
    private final long messages;
    private final long sampleIntervalNs;
    private final long[] horizonsNs;
    private final String[] names;
    private final double threshold;
    private final double makerFeeRate;
    private final double takerFeeRate;
    private final long noBookSamples;
    private final long[] times;
    private final double[] mids;
    private final double[] spreadsBps;
    private final double[][] scores;
    private final double[][] returns;

    ResearchSamples(
            String source,
            Instrument instrument,
            long startTimeNs,
            long endTimeNs,
            long messages,
            long sampleIntervalNs,
            long[] horizonsNs,
            String[] names,
            double threshold,
            double makerFeeRate,
            double takerFeeRate,
            long noBookSamples,
            long[] times,
            double[] mids,
            double[] spreadsBps,
            double[][] scores,
            double[][] returns,
            int n) {
        this(
                source,
                instrument.symbol(),
                instrument.tickSize().toPlainString(),
                instrument.qtyStep().toPlainString(),
                instrument.minQty().toPlainString(),
                instrument.minNotional().toPlainString(),
                startTimeNs,
                endTimeNs,
                messages,
                sampleIntervalNs,
                horizonsNs.clone(),
                names.clone(),
                threshold,
                makerFeeRate,
                takerFeeRate,
                noBookSamples,
                Arrays.copyOf(times, n),
                Arrays.copyOf(mids, n),
                Arrays.copyOf(spreadsBps, n),
                copy(scores, n),
                copy(returns, n));
    }

    private ResearchSamples(
            String source,
            String symbol,
            String tickSize,
            String qtyStep,
            String minQty,
            String minNotional,
            long startTimeNs,
            long endTimeNs,
            long messages,
            long sampleIntervalNs,
            long[] horizonsNs,
            String[] names,
            double threshold,
            double makerFeeRate,
            double takerFeeRate,
            long noBookSamples,
            long[] times,
            double[] mids,
            double[] spreadsBps,
            double[][] scores,
            double[][] returns) {
        this.source = Objects.requireNonNull(source, "source");
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.qtyStep = qtyStep;
        this.minQty = minQty;
        this.minNotional = minNotional;
        this.startTimeNs = startTimeNs;
        this.endTimeNs = endTimeNs;
        this.messages = messages;
        this.sampleIntervalNs = sampleIntervalNs;
        this.horizonsNs = horizonsNs;
        this.names = names;
        this.threshold = threshold;
        this.makerFeeRate = makerFeeRate;
        this.takerFeeRate = takerFeeRate;
        this.noBookSamples = noBookSamples;
        this.times = times;
        this.mids = mids;
        this.spreadsBps = spreadsBps;
        this.scores = scores;
        this.returns = returns;
    }

    /** The market(s) researched, for people. */
    public String source() {
        return source;
    }

    /** Decisions held. */
    public int samples() {
        return times.length;
    }

    /**
     * The decisions of {@code parts}, concatenated in that order, as one set of samples (see the class comment); the
     * source is {@code source}, the instrument the first part's, the time span from the earliest start to the latest
     * end, messages and book-less grid points summed.
     *
     * @throws IllegalArgumentException when there is no part, or the parts differ in horizons, decision interval,
     *     threshold, signals or fees (naming what differs)
     */
    public static ResearchSamples merge(List<ResearchSamples> parts, String source) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("merge: no samples");
        }
        final ResearchSamples a = parts.get(0);
        int n = 0;
        long messages = 0;
        long noBook = 0;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (ResearchSamples p : parts) {
            same("horizons", Arrays.equals(a.horizonsNs, p.horizonsNs), a, p);
            same("decision interval", a.sampleIntervalNs == p.sampleIntervalNs, a, p);
            same("threshold", Double.compare(a.threshold, p.threshold) == 0, a, p);
            same("signals", Arrays.equals(a.names, p.names), a, p);
            same(
                    "fees",
                    Double.compare(a.makerFeeRate, p.makerFeeRate) == 0
                            && Double.compare(a.takerFeeRate, p.takerFeeRate) == 0,
                    a,
                    p);
            n = Math.addExact(n, p.times.length);
            messages += p.messages;
            noBook += p.noBookSamples;
            if (p.messages > 0) {
                start = Math.min(start, p.startTimeNs);
                end = Math.max(end, p.endTimeNs);
            }
        }
        final long[] times = new long[n];
        final double[] mids = new double[n];
        final double[] spreads = new double[n];
        final double[][] scores = new double[a.scores.length][n];
        final double[][] returns = new double[a.returns.length][n];
        int at = 0;
        for (ResearchSamples p : parts) {
            final int m = p.times.length;
            System.arraycopy(p.times, 0, times, at, m);
            System.arraycopy(p.mids, 0, mids, at, m);
            System.arraycopy(p.spreadsBps, 0, spreads, at, m);
            for (int k = 0; k < scores.length; k++) {
                System.arraycopy(p.scores[k], 0, scores[k], at, m);
            }
            for (int h = 0; h < returns.length; h++) {
                System.arraycopy(p.returns[h], 0, returns[h], at, m);
            }
            at += m;
        }
        return new ResearchSamples(
                Objects.requireNonNull(source, "source"),
                a.symbol,
                a.tickSize,
                a.qtyStep,
                a.minQty,
                a.minNotional,
                start == Long.MAX_VALUE ? 0 : start,
                end == Long.MIN_VALUE ? 0 : end,
                messages,
                a.sampleIntervalNs,
                a.horizonsNs.clone(),
                a.names.clone(),
                a.threshold,
                a.makerFeeRate,
                a.takerFeeRate,
                noBook,
                times,
                mids,
                spreads,
                scores,
                returns);
    }

    private static void same(String what, boolean same, ResearchSamples a, ResearchSamples b) {
        if (!same) {
            throw new IllegalArgumentException(
                    "merge: " + what + " differ between " + a.source + " and " + b.source + "; research them apart");
        }
    }

    /**
     * Decisions {@code [from, to)} of these samples, as if they were a replay of their own (the rest of the metadata
     * kept): what a merge of consecutive slices must give back whole.
     */
    public ResearchSamples slice(int from, int to) {
        Objects.checkFromToIndex(from, to, times.length);
        final double[][] s = new double[scores.length][];
        for (int k = 0; k < s.length; k++) {
            s[k] = Arrays.copyOfRange(scores[k], from, to);
        }
        final double[][] r = new double[returns.length][];
        for (int h = 0; h < r.length; h++) {
            r[h] = Arrays.copyOfRange(returns[h], from, to);
        }
        return new ResearchSamples(
                source,
                symbol,
                tickSize,
                qtyStep,
                minQty,
                minNotional,
                startTimeNs,
                endTimeNs,
                messages,
                sampleIntervalNs,
                horizonsNs,
                names,
                threshold,
                makerFeeRate,
                takerFeeRate,
                noBookSamples,
                Arrays.copyOfRange(times, from, to),
                Arrays.copyOfRange(mids, from, to),
                Arrays.copyOfRange(spreadsBps, from, to),
                s,
                r);
    }

    /**
     * The statistics of these decisions: per signal and horizon a {@link SignalStats}, the fused score's calibration per
     * horizon, the median spread and the round-trip costs (see {@link ResearchRunner} for what each means).
     */
    public ResearchResult result() {
        final int n = times.length;
        final int fused = names.length - 1;
        final SignalStats[][] stats = new SignalStats[names.length][horizonsNs.length];
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] signed = new double[n];
        final long[] activeTimes = new long[n];
        final boolean ordered = nonDecreasing(times);
        for (int h = 0; h < horizonsNs.length; h++) {
            final double overlap = Math.min(1.0, sampleIntervalNs / (double) horizonsNs[h]);
            for (int k = 0; k < names.length; k++) {
                int resolved = 0;
                int active = 0;
                long hits = 0;
                long decided = 0;
                for (int i = 0; i < n; i++) {
                    final double r = returns[h][i];
                    if (Double.isNaN(r)) {
                        continue;
                    }
                    final double s = scores[k][i];
                    x[resolved] = s;
                    y[resolved] = r;
                    resolved++;
                    if (Math.abs(s) >= threshold && s != 0) {
                        final double v = Math.signum(s) * r;
                        signed[active] = v;
                        activeTimes[active] = times[i];
                        active++;
                        if (r != 0) {
                            decided++;
                            hits += v > 0 ? 1 : 0;
                        }
                    }
                }
                double edge = 0;
                for (int i = 0; i < active; i++) {
                    edge += signed[i];
                }
                if (!ordered) {
                    sortByTime(activeTimes, signed, active);
                }
                stats[k][h] = new SignalStats(
                        Stats.spearman(x, y, resolved),
                        resolved,
                        resolved > 0 ? 1 / Math.sqrt(resolved * overlap) : Double.NaN,
                        decided > 0 ? hits / (double) decided : Double.NaN,
                        active > 0 ? edge / active : Double.NaN,
                        active,
                        Stats.neweyWestT(activeTimes, signed, active, 2 * horizonsNs[h], horizonsNs[h]));
            }
        }
        final EdgeCalibration[] calibrations = new EdgeCalibration[horizonsNs.length];
        for (int h = 0; h < horizonsNs.length; h++) {
            calibrations[h] = new EdgeCalibration(horizonsNs[h]);
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(returns[h][i])) {
                    calibrations[h].record(scores[fused][i], returns[h][i]);
                }
            }
        }
        final double spread = Stats.median(spreadsBps, n);
        return new ResearchResult(
                source,
                new Instrument(
                        symbol,
                        new BigDecimal(tickSize),
                        new BigDecimal(qtyStep),
                        new BigDecimal(minQty),
                        new BigDecimal(minNotional)),
                startTimeNs,
                endTimeNs,
                messages,
                sampleIntervalNs,
                horizonsNs.clone(),
                names.clone(),
                threshold,
                noBookSamples,
                times.clone(),
                mids.clone(),
                copy(scores, n),
                copy(returns, n),
                stats,
                calibrations,
                RoundTripCosts.of(makerFeeRate, takerFeeRate, spread),
                spread,
                this);
    }

    private static boolean nonDecreasing(long[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the first {@code n} (time, value) pairs by time, keeping the order of equal times. */
    private static void sortByTime(long[] t, double[] v, int n) {
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Long.compare(t[p], t[q])); // stable (a merge sort on objects)
        final long[] ts = new long[n];
        final double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = t[order[i]];
            vs[i] = v[order[i]];
        }
        System.arraycopy(ts, 0, t, 0, n);
        System.arraycopy(vs, 0, v, 0, n);
    }

    private static double[][] copy(double[][] arrays, int n) {
        final double[][] out = new double[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = Arrays.copyOf(arrays[i], n);
        }
        return out;
    }
}
