package io.scalper.core.drift;

import io.scalper.core.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the replay's decisions with the live ones as the replay makes them, by sequence number (the same messages
 * give the same decisions, numbered alike), reading the live ones as it goes: memory stays flat however long the
 * session.
 */
final class DecisionComparison {
    /** Disagreements kept for the report. */
    static final int KEPT = 20;

    /** One decision that differed. */
    record Difference(
            long seq, long clockNs, double liveFused, int liveDirection, double backtestFused, int backtestDirection) {}

    private final Session.DecisionCursor live;
    private final long bucketNs;
    private final long startNs;
    private final long[] compared;
    private final long[] agreed;
    private final List<Difference> differences = new ArrayList<>();
    private Session.DecisionRow pending;
    private long total;
    private long same;
    private long sameScore;
    private long misaligned;
    private long replayOnly;
    private double maxAbsDifference;

    DecisionComparison(Session.DecisionCursor live, long startNs, long endNs, int buckets) {
        this.live = live;
        this.startNs = startNs;
        this.bucketNs = Math.max(1, (Math.max(endNs, startNs + 1) - startNs + buckets - 1) / buckets);
        this.compared = new long[buckets];
        this.agreed = new long[buckets];
    }

    void onReplay(long seq, long timeNs, long clockNs, double fused, int direction) {
        while ((pending == null || pending.seq() < seq) && live.hasNext()) {
            pending = live.next();
        }
        if (pending == null || pending.seq() != seq) {
            replayOnly++;
            return;
        }
        final Session.DecisionRow l = pending;
        pending = null;
        total++;
        if (l.timeNs() != timeNs) {
            misaligned++; // not the same market message: a frame lost on one side
        }
        final boolean agree = l.direction() == direction;
        final double diff = Math.abs(l.fused() - fused);
        if (agree) {
            same++;
        }
        if (diff == 0) {
            sameScore++;
        }
        maxAbsDifference = Math.max(maxAbsDifference, diff);
        if ((!agree || diff > 1e-9) && differences.size() < KEPT) {
            differences.add(new Difference(seq, l.clockNs(), l.fused(), l.direction(), fused, direction));
        }
        final int b = (int) Math.max(0, Math.min(compared.length - 1, (l.clockNs() - startNs) / bucketNs));
        compared[b]++;
        if (agree) {
            agreed[b]++;
        }
    }

    /** Live decisions left after the replay ended (made during the stop, or not replayed); reads the rest. */
    long liveLeft() {
        long left = pending == null ? 0 : 1;
        while (live.hasNext()) {
            live.next();
            left++;
        }
        return left;
    }

    long compared() {
        return total;
    }

    long sameDirection() {
        return same;
    }

    long sameScore() {
        return sameScore;
    }

    long misaligned() {
        return misaligned;
    }

    long replayOnly() {
        return replayOnly;
    }

    double maxAbsDifference() {
        return maxAbsDifference;
    }

    List<Difference> differences() {
        return differences;
    }

    long bucketNs() {
        return bucketNs;
    }

    long[] comparedByBucket() {
        return compared.clone();
    }

    long[] agreedByBucket() {
        return agreed.clone();
    }
}
