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

    /** Smoothed edge of signal {@code i}: EWMA of {@code score × sign(mid move)}, in [-1, 1]. */
    public double edge(int i) {
        return edges[i];
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
            final double dir = move > 0 ? 1.0 : -1.0;
            final double a = cfg.smoothing();
            final int off = slot * n;
            for (int i = 0; i < n; i++) {
                edges[i] += a * (sampleScores[off + i] * dir - edges[i]);
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
        if (resolved < cfg.minSamples()) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            final double m = Math.max(cfg.floor(), Math.min(cfg.cap(), 1.0 + cfg.gain() * edges[i]));
            multipliers[i] = m;
            sum += base[i] * m;
        }
        for (int i = 0; i < n; i++) {
            weights[i] = base[i] * multipliers[i] / sum;
        }
    }

    /**
     * Restores what was learned before (e.g. by a previous run): each signal's smoothed edge and the number of samples
     * resolved; the weights follow. Pending samples are not restored.
     *
     * @throws IllegalArgumentException if {@code edges} does not have one finite value in [-1, 1] per signal
     */
    public void restore(double[] edges, long resolvedSamples) {
        if (edges.length != n) {
            throw new IllegalArgumentException("adaptive weights: " + edges.length + " edges for " + n + " signals");
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
