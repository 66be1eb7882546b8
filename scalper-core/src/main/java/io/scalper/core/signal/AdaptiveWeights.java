package io.scalper.core.signal;

/**
 * Per-signal weights that move toward signals with a measured edge. See {@link FusionConfig.Adaptive} for the rule.
 * Pending samples live in a fixed primitive ring sized from the horizon and sample interval; nothing is allocated after
 * construction. Not thread-safe.
 */
public final class AdaptiveWeights {
    private final FusionConfig.Adaptive cfg;
    private final int n;
    private final double[] base;
    private final double[] multipliers;
    private final double[] weights;
    private final double[] edges;
    private final long[] counts;
    private final double[] signedMoves;
    private final double[] absMoves;
    private final int capacity;
    private final long[] sampleTimes;
    private final double[] sampleMids;
    private final double[] sampleScores;
    private long head;
    private long tail;
    private long lastSampleNs = Long.MIN_VALUE;
    private long resolved;
    private long skipped;

    /**
     * @param baseWeights base weight per signal (≥ 0, not all 0); normalised here
     * @param config adaptation settings
     */
    public AdaptiveWeights(double[] baseWeights, FusionConfig.Adaptive config) {
        this.cfg = config;
        this.n = baseWeights.length;
        double sum = 0;
        for (double w : baseWeights) {
            if (!(w >= 0 && Double.isFinite(w))) {
                throw new IllegalArgumentException("signals.weights: every weight must be >= 0, got " + w);
            }
            sum += w;
        }
        if (n == 0 || sum <= 0) {
            throw new IllegalArgumentException("signals.weights: at least one weight must be > 0");
        }
        this.base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = baseWeights[i] / sum;
        }
        this.multipliers = new double[n];
        this.weights = new double[n];
        this.edges = new double[n];
        this.counts = new long[n];
        this.signedMoves = new double[n];
        this.absMoves = new double[n];
        java.util.Arrays.fill(multipliers, 1.0);
        System.arraycopy(base, 0, weights, 0, n);
        final long pending = config.horizonNs() / config.sampleIntervalNs() + 2;
        this.capacity = Integer.highestOneBit((int) Math.max(4, pending * 2 - 1)) << 1;
        this.sampleTimes = new long[capacity];
        this.sampleMids = new double[capacity];
        this.sampleScores = new double[capacity * n];
    }

    /** Number of signals. */
    public int size() {
        return n;
    }

    /** Current normalised weight of signal {@code i}. */
    public double weight(int i) {
        return weights[i];
    }

    /** Normalised base weight of signal {@code i}. */
    public double baseWeight(int i) {
        return base[i];
    }

    /** Current multiplier of signal {@code i}'s base weight, within [floor, cap]. */
    public double multiplier(int i) {
        return multipliers[i];
    }

    /**
     * Smoothed edge of signal {@code i}: mean (then EWMA) of {@code score × sign(mid move)} over the samples where it
     * was active, in [-1, 1].
     */
    public double edge(int i) {
        return edges[i];
    }

    /** Mean |mid move| over the horizon, bps, in the samples where signal {@code i} was active (0 before any). */
    public double moveBps(int i) {
        return absMoves[i];
    }

    /** Samples resolved so far in which signal {@code i} was active ({@code |score| ≥ activeScore}). */
    public long samples(int i) {
        return counts[i];
    }

    /** Samples resolved so far (moves of 0 ticks not included). */
    public long resolved() {
        return resolved;
    }

    /** Samples whose mid did not move over the horizon. */
    public long skipped() {
        return skipped;
    }

    /**
     * Offers the current scores: resolves every pending sample older than the horizon against {@code mid}, then records
     * a new sample if the sample interval has passed. Does nothing when adaptation is disabled or mid is unknown.
     */
    public void observe(long nowNs, double mid, double[] scores) {
        if (!cfg.enabled() || Double.isNaN(mid)) {
            return;
        }
        final long horizon = cfg.horizonNs();
        final int mask = capacity - 1;
        boolean changed = false;
        while (tail < head && nowNs - sampleTimes[(int) (tail & mask)] >= horizon) {
            final int slot = (int) (tail++ & mask);
            final double move = mid - sampleMids[slot];
            if (move == 0) {
                skipped++;
                continue;
            }
            final double moveBps = move / sampleMids[slot] * 1e4;
            final double smoothing = cfg.smoothing();
            final double active = cfg.activeScore();
            final int off = slot * n;
            for (int i = 0; i < n; i++) {
                final double score = sampleScores[off + i];
                if (Math.abs(score) >= active) {
                    final double a = Math.max(smoothing, 1.0 / ++counts[i]);
                    signedMoves[i] += a * (score * moveBps - signedMoves[i]);
                    absMoves[i] += a * (Math.abs(moveBps) - absMoves[i]);
                    edges[i] = absMoves[i] > 0 ? signedMoves[i] / absMoves[i] : 0.0;
                }
            }
            resolved++;
            changed = true;
        }
        if (changed) {
            reweigh();
        }
        if (lastSampleNs == Long.MIN_VALUE || nowNs - lastSampleNs >= cfg.sampleIntervalNs()) {
            if (head - tail == capacity) {
                tail++; // cannot happen with the sizing above unless time jumps backwards; drop the oldest
            }
            final int slot = (int) (head++ & mask);
            sampleTimes[slot] = nowNs;
            sampleMids[slot] = mid;
            final int off = slot * n;
            for (int i = 0; i < n; i++) {
                final double s = scores[i];
                sampleScores[off + i] = s == s ? s : 0.0;
            }
            lastSampleNs = nowNs;
        }
    }

    private void reweigh() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            final double m = counts[i] < cfg.minSamples()
                    ? 1.0
                    : Math.max(cfg.floor(), Math.min(cfg.cap(), cfg.gain() * edges[i]));
            multipliers[i] = m;
            sum += base[i] * m;
        }
        for (int i = 0; i < n; i++) {
            weights[i] = base[i] * multipliers[i] / sum;
        }
    }

    /**
     * Restores what was learned before (e.g. by a previous run): each signal's smoothed edge, active sample count and
     * mean |move| ({@link #moveBps}), and the number of samples resolved; the weights follow. Pending samples are not
     * restored.
     *
     * @throws IllegalArgumentException unless there is, per signal, an edge in [-1, 1], a count ≥ 0 and a finite move
     *     ≥ 0
     */
    public void restore(double[] edges, long[] samples, double[] moves, long resolvedSamples) {
        if (edges.length != n || samples.length != n || moves.length != n) {
            throw new IllegalArgumentException("adaptive weights: " + edges.length + " edges, " + samples.length
                    + " sample counts and " + moves.length + " moves for " + n + " signals");
        }
        for (int i = 0; i < n; i++) {
            if (samples[i] < 0) {
                throw new IllegalArgumentException("adaptive weights: a sample count must be >= 0, got " + samples[i]);
            }
            if (!(moves[i] >= 0 && Double.isFinite(moves[i]))) {
                throw new IllegalArgumentException("adaptive weights: a move must be finite and >= 0, got " + moves[i]);
            }
        }
        System.arraycopy(samples, 0, this.counts, 0, n);
        System.arraycopy(moves, 0, this.absMoves, 0, n);
        for (int i = 0; i < n; i++) {
            this.signedMoves[i] = edges[i] * moves[i];
        }
        for (double e : edges) {
            if (!(e >= -1 && e <= 1)) {
                throw new IllegalArgumentException("adaptive weights: an edge must be in [-1, 1], got " + e);
            }
        }
        System.arraycopy(edges, 0, this.edges, 0, n);
        this.resolved = Math.max(0, resolvedSamples);
        reweigh();
    }
}
