package io.scalper.core.edge;

import java.util.Objects;

/**
 * Turns a stream of decisions {@code (time, score)} and a stream of mids {@code (time, mid)} into resolved pairs
 * {@code (score, forward return over the horizon)}, online and without allocating.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #onDecision} records a decision at most once per {@code sampleIntervalNs} (a regular sample, so bursts
 *       of messages do not dominate); it returns whether it was recorded. Decision times must not decrease.
 *   <li>{@link #onMid} gives the mid (any positive unit: ticks or price) valid from {@code timeNs} on. Mid times must
 *       not decrease (an earlier time is taken as the last one). Mids may arrive after the decisions they concern —
 *       typically exchange-time mids, received with latency, against decisions made at local time.
 *   <li>The forward return of a decision at {@code t} is {@code (m(t + h) − m(t)) / m(t)} in basis points, where
 *       {@code m(x)} is the last mid with time &le; {@code x}. The start is known once a mid later than {@code t}
 *       arrives, the end once a mid later than {@code t + h} arrives; then the {@link Listener} is told, in decision
 *       order. A decision with no mid at or before its time is dropped ({@link #dropped()}). A decision recorded after a
 *       mid later than its time had already arrived (the two clocks apart) starts from the latest mid known then.
 *   <li>At most {@link #capacity()} decisions wait; beyond that (mids stopped) the oldest is dropped.
 * </ul>
 * Not thread-safe.
 */
public final class ForwardReturns {
    /** Receives each resolved decision (on the thread calling {@link #onMid}). */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param index the decision's sequence number among the recorded ones (0 for the first)
         * @param decisionTimeNs when the decision was made
         * @param score the score recorded with it
         * @param forwardReturnBps the mid's move over the horizon from the decision, basis points
         */
        void onResolved(long index, long decisionTimeNs, double score, double forwardReturnBps);
    }

    private final long horizonNs;
    private final long sampleIntervalNs;
    private final Listener listener;
    private final int mask;
    private final long[] times;
    private final double[] scores;
    private final double[] startMids;
    private final long[] indices;
    private long head;
    private long startCursor;
    private long tail;
    private long recorded;
    private long resolved;
    private long dropped;
    private long lastDecisionNs = Long.MIN_VALUE;
    private long lastMidNs = Long.MIN_VALUE;
    private double lastMid = Double.NaN;

    /**
     * @param horizonNs forward horizon, &gt; 0
     * @param sampleIntervalNs least time between two recorded decisions, &gt; 0
     * @param listener told of every resolved decision
     */
    public ForwardReturns(long horizonNs, long sampleIntervalNs, Listener listener) {
        if (horizonNs <= 0) {
            throw new IllegalArgumentException("horizonNs must be > 0, got " + horizonNs);
        }
        if (sampleIntervalNs <= 0) {
            throw new IllegalArgumentException("sampleIntervalNs must be > 0, got " + sampleIntervalNs);
        }
        this.horizonNs = horizonNs;
        this.sampleIntervalNs = sampleIntervalNs;
        this.listener = Objects.requireNonNull(listener, "listener");
        // the horizon's worth of samples, plus 64 samples of mids arriving late
        final long need = horizonNs / sampleIntervalNs + 64;
        if (need > 1 << 24) {
            throw new IllegalArgumentException("horizonNs / sampleIntervalNs is too large: " + need);
        }
        final int capacity = Integer.highestOneBit((int) need - 1) << 1;
        this.mask = capacity - 1;
        this.times = new long[capacity];
        this.scores = new double[capacity];
        this.startMids = new double[capacity];
        this.indices = new long[capacity];
    }

    public long horizonNs() {
        return horizonNs;
    }

    public long sampleIntervalNs() {
        return sampleIntervalNs;
    }

    /** Most decisions that can wait for their mids. */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Offers a decision; records it if at least the sample interval passed since the last recorded one and the score is
     * finite.
     *
     * @return whether it was recorded (it then has index {@link #recorded()} − 1)
     */
    public boolean onDecision(long timeNs, double score) {
        if (!Double.isFinite(score)) {
            return false;
        }
        if (lastDecisionNs != Long.MIN_VALUE && timeNs - lastDecisionNs < sampleIntervalNs) {
            return false;
        }
        lastDecisionNs = timeNs;
        if (head - tail == times.length) {
            tail++;
            dropped++;
            if (startCursor < tail) {
                startCursor = tail;
            }
        }
        final int slot = (int) (head & mask);
        times[slot] = timeNs;
        scores[slot] = score;
        indices[slot] = recorded++;
        startMids[slot] = Double.NaN;
        head++;
        if (lastMidNs != Long.MIN_VALUE && lastMidNs > timeNs) {
            // a mid later than the decision was already seen (clocks apart): start from the latest mid known
            startMids[slot] = lastMid;
            startCursor = head;
        }
        return true;
    }

    /** Gives the mid valid from {@code timeNs}; ignored unless finite and &gt; 0. Resolves what it can. */
    public void onMid(long timeNs, double mid) {
        if (!(mid > 0) || mid == Double.POSITIVE_INFINITY) {
            return;
        }
        final long t = lastMidNs == Long.MIN_VALUE ? timeNs : Math.max(timeNs, lastMidNs);
        final int m = mask;
        while (startCursor < head && times[(int) (startCursor & m)] < t) {
            // every earlier mid has a time <= this decision's: the last of them is m(decision time)
            startMids[(int) (startCursor & m)] = lastMid;
            startCursor++;
        }
        while (tail < startCursor && times[(int) (tail & m)] + horizonNs < t) {
            final int slot = (int) (tail++ & m);
            final double start = startMids[slot];
            final double end = lastMid;
            if (start > 0 && end > 0) {
                resolved++;
                listener.onResolved(indices[slot], times[slot], scores[slot], (end - start) / start * 1e4);
            } else {
                dropped++;
            }
        }
        lastMid = mid;
        lastMidNs = t;
    }

    /** Decisions recorded so far. */
    public long recorded() {
        return recorded;
    }

    /** Decisions resolved so far. */
    public long resolved() {
        return resolved;
    }

    /** Decisions dropped: no mid at or before their time, or overflow. */
    public long dropped() {
        return dropped;
    }

    /** Decisions waiting for their mids. */
    public long pending() {
        return head - tail;
    }
}
