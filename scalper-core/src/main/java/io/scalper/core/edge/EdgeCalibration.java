package io.scalper.core.edge;

import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.util.Durations;
import io.scalper.core.util.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The expected forward move of the mid over one horizon, in basis points, as a function of the fused score — learned
 * online from {@code (score, forward return)} pairs of every decision (see {@link ForwardReturns}), starting from "no
 * edge".
 *
 * <h2>Model</h2>
 * Scores in [-1, 1] fall into {@link #buckets()} equal buckets. Each bucket keeps its count, sum and sum of squares of
 * returns; all samples together keep {@code Σ s²} and {@code Σ s·r}. The prior is {@link #priorSamples()} = {@code k}
 * pseudo-samples of no move:
 * <ul>
 *   <li>a pooled slope through the origin, {@code β = (Σ s·r / Σ s²) · n / (n + k)} — the least-squares slope over
 *       all {@code n} samples, shrunk as if {@code k} more samples, scored like the others, had not moved;
 *   <li>each bucket's estimate {@code e_b = (Σ_b r + k · β · c_b) / (n_b + k)}: its own mean, shrunk toward the pooled
 *       line at its centre {@code c_b} with the weight of {@code k} samples;
 *   <li>{@link #expectedMoveBps(double)} interpolates linearly between bucket centres (flat beyond the outer ones).
 * </ul>
 * With no samples every estimate is 0; with few, it stays near 0; a bucket with many samples tends to its own mean.
 * With {@link #halfLifeSamples()} &gt; 0 every statistic decays by half over that many recorded samples (a market
 * that changes); 0 keeps everything.
 *
 * <h2>Cost and threads</h2>
 * {@link #record} and {@link #expectedMoveBps} are O(buckets) at worst, work on primitive arrays and allocate nothing.
 * Not thread-safe: one instance per engine thread.
 *
 * <h2>Text form</h2>
 * {@link #toJson(List)} writes one or more calibrations (one per horizon) as
 * <pre>{"format":"scalper.edge-calibration","version":1,"calibrations":[{"horizon":"1s","horizonNs":1000000000,
 * "buckets":20,"priorSamples":200,"halfLifeSamples":0,"samples":N,"sumScoreSq":x,"sumScoreReturnBps":x,
 * "count":[...],"sumBps":[...],"sumSqBps":[...]},...]}</pre>
 * and {@link #parseAll(String)} / {@link #parse(String, long)} read it back (numbers to 8 decimals).
 */
public final class EdgeCalibration {
    /** Default number of score buckets over [-1, 1] (width 0.1). */
    public static final int DEFAULT_BUCKETS = 20;
    /** Default prior strength: 200 pseudo-samples of no move (50 s of decisions at 4 a second). */
    public static final double DEFAULT_PRIOR_SAMPLES = 200;

    static final String FORMAT = "scalper.edge-calibration";
    static final int VERSION = 1;

    private final long horizonNs;
    private final int buckets;
    private final double priorSamples;
    private final double halfLifeSamples;
    private final double decay;
    private final double width;
    private final double[] count;
    private final double[] sum;
    private final double[] sumSq;
    private double samples;
    private double sumScoreSq;
    private double sumScoreReturn;

    /** A calibration with no samples, {@link #DEFAULT_BUCKETS}, {@link #DEFAULT_PRIOR_SAMPLES} and no forgetting. */
    public EdgeCalibration(long horizonNs) {
        this(horizonNs, DEFAULT_BUCKETS, DEFAULT_PRIOR_SAMPLES, 0);
    }

    /**
     * A calibration with no samples ("no edge").
     *
     * @param horizonNs the forward horizon its returns are measured over, &gt; 0
     * @param buckets score buckets over [-1, 1], 2–200
     * @param priorSamples prior strength k, &ge; 0
     * @param halfLifeSamples samples over which old statistics decay by half, &ge; 0 (0: never)
     * @throws IllegalArgumentException naming the parameter
     */
    public EdgeCalibration(long horizonNs, int buckets, double priorSamples, double halfLifeSamples) {
        if (horizonNs <= 0) {
            throw new IllegalArgumentException("horizonNs: must be > 0, got " + horizonNs);
        }
        if (buckets < 2 || buckets > 200) {
            throw new IllegalArgumentException("buckets: must be in [2, 200], got " + buckets);
        }
        if (!(priorSamples >= 0 && priorSamples < 1e12)) {
            throw new IllegalArgumentException("priorSamples: must be in [0, 10^12), got " + priorSamples);
        }
        if (!(halfLifeSamples >= 0 && halfLifeSamples < 1e15)) {
            throw new IllegalArgumentException(
                    "halfLifeSamples: must be >= 0 (0: never forget), got " + halfLifeSamples);
        }
        this.horizonNs = horizonNs;
        this.buckets = buckets;
        this.priorSamples = priorSamples;
        this.halfLifeSamples = halfLifeSamples;
        this.decay = halfLifeSamples > 0 ? Math.pow(0.5, 1 / halfLifeSamples) : 1.0;
        this.width = 2.0 / buckets;
        this.count = new double[buckets];
        this.sum = new double[buckets];
        this.sumSq = new double[buckets];
    }

    public long horizonNs() {
        return horizonNs;
    }

    public int buckets() {
        return buckets;
    }

    public double priorSamples() {
        return priorSamples;
    }

    public double halfLifeSamples() {
        return halfLifeSamples;
    }

    /** Samples recorded (decayed when forgetting). */
    public double samples() {
        return samples;
    }

    /**
     * Records one resolved decision: its score (clamped to [-1, 1]) and the mid's move over the horizon after it, bps.
     * A non-finite score or return is ignored. Allocates nothing.
     */
    public void record(double score, double forwardReturnBps) {
        if (!Double.isFinite(score) || !Double.isFinite(forwardReturnBps)) {
            return;
        }
        final double s = score > 1 ? 1 : score < -1 ? -1 : score;
        if (decay < 1) {
            final double d = decay;
            for (int b = 0; b < buckets; b++) {
                count[b] *= d;
                sum[b] *= d;
                sumSq[b] *= d;
            }
            samples *= d;
            sumScoreSq *= d;
            sumScoreReturn *= d;
        }
        final int b = bucketOf(s);
        count[b] += 1;
        sum[b] += forwardReturnBps;
        sumSq[b] += forwardReturnBps * forwardReturnBps;
        samples += 1;
        sumScoreSq += s * s;
        sumScoreReturn += s * forwardReturnBps;
    }

    /**
     * The expected move of the mid over the horizon after a decision with this score, bps (positive: up). 0 for a
     * non-finite score. Allocates nothing.
     */
    public double expectedMoveBps(double score) {
        if (!Double.isFinite(score)) {
            return 0;
        }
        final double s = score > 1 ? 1 : score < -1 ? -1 : score;
        final double beta = slopeBpsPerScore();
        final double position = (s + 1) / width - 0.5;
        if (position <= 0) {
            return estimate(0, beta);
        }
        if (position >= buckets - 1) {
            return estimate(buckets - 1, beta);
        }
        final int i = (int) position;
        final double w = position - i;
        return estimate(i, beta) * (1 - w) + estimate(i + 1, beta) * w;
    }

    /** The pooled slope β, bps of move per unit of score, shrunk toward 0 by the prior. */
    public double slopeBpsPerScore() {
        if (!(sumScoreSq > 0) || !(samples > 0)) {
            return 0;
        }
        return sumScoreReturn / sumScoreSq * (samples / (samples + priorSamples));
    }

    private double estimate(int b, double beta) {
        final double weight = count[b] + priorSamples;
        final double line = beta * centre(b);
        return weight > 0 ? (sum[b] + priorSamples * line) / weight : line;
    }

    /** Bucket index of a score in [-1, 1]: bucket {@code b} holds [{@link #bucketLo}, {@link #bucketHi}). */
    public int bucketOf(double score) {
        // a hair above the division so that a decimal edge such as -0.9 falls in the bucket it opens
        final int b = (int) ((score + 1) / width + 1e-9);
        return b < 0 ? 0 : b >= buckets ? buckets - 1 : b;
    }

    /** Lower edge of bucket {@code b}. */
    public double bucketLo(int b) {
        return -1 + b * width;
    }

    /** Upper edge of bucket {@code b} (the last bucket includes 1). */
    public double bucketHi(int b) {
        return b == buckets - 1 ? 1.0 : -1 + (b + 1) * width;
    }

    private double centre(int b) {
        return -1 + (b + 0.5) * width;
    }

    /** Samples in bucket {@code b} (decayed when forgetting). */
    public double bucketCount(int b) {
        return count[b];
    }

    /** Mean return of bucket {@code b}, bps, without any prior; NaN when empty. */
    public double bucketMeanBps(int b) {
        return count[b] > 0 ? sum[b] / count[b] : Double.NaN;
    }

    /** Standard deviation of the returns of bucket {@code b}, bps; NaN with fewer than 2 samples. */
    public double bucketSdBps(int b) {
        if (count[b] < 2) {
            return Double.NaN;
        }
        final double mean = sum[b] / count[b];
        return Math.sqrt(Math.max(0, (sumSq[b] - count[b] * mean * mean) / (count[b] - 1)));
    }

    /** The shrunk estimate of bucket {@code b} at its centre, bps. */
    public double bucketExpectedBps(int b) {
        return estimate(b, slopeBpsPerScore());
    }

    /** An independent copy. */
    public EdgeCalibration copy() {
        final EdgeCalibration c = new EdgeCalibration(horizonNs, buckets, priorSamples, halfLifeSamples);
        c.copyStateFrom(this);
        return c;
    }

    private void copyStateFrom(EdgeCalibration o) {
        System.arraycopy(o.count, 0, count, 0, buckets);
        System.arraycopy(o.sum, 0, sum, 0, buckets);
        System.arraycopy(o.sumSq, 0, sumSq, 0, buckets);
        samples = o.samples;
        sumScoreSq = o.sumScoreSq;
        sumScoreReturn = o.sumScoreReturn;
    }

    // ------------------------------------------------------------------ text form

    /** This calibration alone in the text form. */
    public String toJson() {
        return toJson(List.of(this));
    }

    /** Calibrations (typically one per horizon) in the text form. */
    public static String toJson(List<EdgeCalibration> calibrations) {
        final JsonWriter w = new JsonWriter();
        w.beginObject().name("format").value(FORMAT).name("version").value(VERSION);
        w.name("calibrations").beginArray();
        for (EdgeCalibration c : calibrations) {
            c.write(w);
        }
        w.endArray().endObject();
        return w.toString();
    }

    private void write(JsonWriter w) {
        w.beginObject();
        w.name("horizon").value(Durations.format(horizonNs));
        w.name("horizonNs").value(horizonNs);
        w.name("buckets").value(buckets);
        w.name("priorSamples").value(priorSamples);
        w.name("halfLifeSamples").value(halfLifeSamples);
        w.name("samples").value(samples);
        w.name("sumScoreSq").value(sumScoreSq);
        w.name("sumScoreReturnBps").value(sumScoreReturn);
        array(w, "count", count);
        array(w, "sumBps", sum);
        array(w, "sumSqBps", sumSq);
        w.endObject();
    }

    private static void array(JsonWriter w, String name, double[] values) {
        w.name(name).beginArray();
        for (double v : values) {
            w.value(v);
        }
        w.endArray();
    }

    /**
     * Reads every calibration of a text written by {@link #toJson(List)}.
     *
     * @throws IllegalArgumentException naming what is wrong ({@code edge calibration: calibrations[0].count: ...})
     */
    public static List<EdgeCalibration> parseAll(String json) {
        final Object root;
        try {
            root = JsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw bad("not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw bad("expected an object");
        }
        if (!FORMAT.equals(map.get("format"))) {
            throw bad("format: expected \"" + FORMAT + "\", got " + map.get("format"));
        }
        final Object version = map.get("version");
        if (!(version instanceof Double v) || v != VERSION) {
            throw bad("version: expected " + VERSION + ", got " + version);
        }
        if (!(map.get("calibrations") instanceof List<?> list) || list.isEmpty()) {
            throw bad("calibrations: expected a non-empty array");
        }
        final List<EdgeCalibration> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(read(list.get(i), "calibrations[" + i + "]"));
        }
        return List.copyOf(out);
    }

    /**
     * Reads the calibration of horizon {@code horizonNs} from a text written by {@link #toJson(List)}.
     *
     * @throws IllegalArgumentException if the text is bad or holds no calibration of that horizon (naming those it has)
     */
    public static EdgeCalibration parse(String json, long horizonNs) {
        final List<EdgeCalibration> all = parseAll(json);
        final List<String> have = new ArrayList<>();
        for (EdgeCalibration c : all) {
            if (c.horizonNs == horizonNs) {
                return c;
            }
            have.add(Durations.format(c.horizonNs));
        }
        throw bad("no calibration for horizon " + Durations.format(horizonNs) + " (the file has " + have + ")");
    }

    private static EdgeCalibration read(Object o, String at) {
        if (!(o instanceof Map<?, ?> m)) {
            throw bad(at + ": expected an object");
        }
        final long horizon = (long) number(m, at, "horizonNs", 1, 1e18);
        final int buckets = (int) number(m, at, "buckets", 2, 200);
        final double prior = number(m, at, "priorSamples", 0, 1e12);
        final double halfLife = number(m, at, "halfLifeSamples", 0, 1e15);
        final EdgeCalibration c = new EdgeCalibration(horizon, buckets, prior, halfLife);
        c.samples = number(m, at, "samples", 0, Double.MAX_VALUE);
        c.sumScoreSq = number(m, at, "sumScoreSq", 0, Double.MAX_VALUE);
        c.sumScoreReturn = number(m, at, "sumScoreReturnBps", -Double.MAX_VALUE, Double.MAX_VALUE);
        numbers(m, at, "count", c.count, 0);
        numbers(m, at, "sumBps", c.sum, -Double.MAX_VALUE);
        numbers(m, at, "sumSqBps", c.sumSq, 0);
        return c;
    }

    private static double number(Map<?, ?> m, String at, String key, double min, double max) {
        final Object v = m.get(key);
        if (!(v instanceof Double d)) {
            throw bad(at + "." + key + ": expected a number, got " + v);
        }
        if (!(d >= min && d <= max)) {
            throw bad(at + "." + key + ": must be in [" + min + ", " + max + "], got " + d);
        }
        if ((key.equals("horizonNs") || key.equals("buckets")) && d != Math.rint(d)) {
            throw bad(at + "." + key + ": must be a whole number, got " + d);
        }
        return d;
    }

    private static void numbers(Map<?, ?> m, String at, String key, double[] into, double min) {
        if (!(m.get(key) instanceof List<?> list) || list.size() != into.length) {
            throw bad(at + "." + key + ": expected an array of " + into.length + " numbers");
        }
        for (int i = 0; i < into.length; i++) {
            if (!(list.get(i) instanceof Double d) || !(d >= min)) {
                throw bad(at + "." + key + "[" + i + "]: expected a number >= " + min + ", got " + list.get(i));
            }
            into[i] = d;
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("edge calibration: " + message);
    }

    @Override
    public String toString() {
        return "EdgeCalibration[" + Durations.format(horizonNs) + ", " + Math.round(samples) + " samples, slope "
                + slopeBpsPerScore() + " bps/score]";
    }

    /** For tests: whether two calibrations hold the same settings and statistics (to {@code tolerance}). */
    boolean sameAs(EdgeCalibration o, double tolerance) {
        Objects.requireNonNull(o, "o");
        if (horizonNs != o.horizonNs || buckets != o.buckets) {
            return false;
        }
        boolean same = close(priorSamples, o.priorSamples, tolerance)
                && close(halfLifeSamples, o.halfLifeSamples, tolerance)
                && close(samples, o.samples, tolerance)
                && close(sumScoreSq, o.sumScoreSq, tolerance)
                && close(sumScoreReturn, o.sumScoreReturn, tolerance);
        for (int b = 0; b < buckets && same; b++) {
            same = close(count[b], o.count[b], tolerance)
                    && close(sum[b], o.sum[b], tolerance)
                    && close(sumSq[b], o.sumSq[b], tolerance);
        }
        return same;
    }

    private static boolean close(double a, double b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
