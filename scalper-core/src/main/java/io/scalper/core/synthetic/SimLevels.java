package io.scalper.core.synthetic;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.model.Side;

/**
 * One side of the generator's true book, and what of it was last published.
 *
 * <p>Sizes are kept in a ring indexed by {@code price & mask}, so a change anywhere is O(1). Every non-empty level lies
 * between {@link #worst} and {@link #best}, a span kept well below the ring's capacity, so prices never alias. A
 * second ring holds the sizes last published; {@link #publish} walks both to emit exactly the levels whose published
 * size changed, over the best {@code n} levels (a level leaving the top {@code n} is published as a deletion, one
 * entering it as an insertion). Nothing is allocated after construction. Not thread-safe.
 */
final class SimLevels {
    static final long NONE = Long.MIN_VALUE;

    /** +1 for bids (better = higher price), −1 for asks (better = lower price). */
    final int dir;

    final Side side;
    private final long[] size;
    private final long[] pub;
    private final long mask;
    private final long maxSpanTicks;

    long best = NONE;
    long worst = NONE;
    int count;
    private long pubBest = NONE;
    private long pubWorst = NONE;

    SimLevels(Side side, int capacityTicks) {
        if (Integer.bitCount(capacityTicks) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityTicks);
        }
        this.side = side;
        this.dir = side == Side.BUY ? 1 : -1;
        this.size = new long[capacityTicks];
        this.pub = new long[capacityTicks];
        this.mask = capacityTicks - 1L;
        this.maxSpanTicks = capacityTicks / 4;
    }

    long size(long priceTicks) {
        return size[(int) (priceTicks & mask)];
    }

    /** Whether {@code a} is strictly better than {@code b} on this side. */
    boolean isBetter(long a, long b) {
        return dir * (a - b) > 0;
    }

    /** Sets a level's size (0 deletes it). */
    void set(long priceTicks, long sizeLots) {
        final int i = (int) (priceTicks & mask);
        final long old = size[i];
        if (old == sizeLots) {
            return;
        }
        if (sizeLots < 0 || priceTicks <= 0) {
            throw new IllegalStateException(side + " level " + priceTicks + " size " + sizeLots);
        }
        if (old == 0) {
            if (count == 0) {
                best = priceTicks;
                worst = priceTicks;
            } else {
                if (isBetter(priceTicks, best)) {
                    best = priceTicks;
                }
                if (isBetter(worst, priceTicks)) {
                    worst = priceTicks;
                }
                if (dir * (best - worst) >= maxSpanTicks) {
                    throw new IllegalStateException(side + " book spans more than " + maxSpanTicks + " ticks");
                }
            }
            count++;
            size[i] = sizeLots;
            return;
        }
        size[i] = sizeLots;
        if (sizeLots == 0) {
            count--;
            if (count == 0) {
                best = NONE;
                worst = NONE;
            } else {
                if (priceTicks == best) {
                    best = deeper(priceTicks);
                }
                if (priceTicks == worst) {
                    worst = better(priceTicks);
                }
            }
        }
    }

    /** The next non-empty price strictly deeper than {@code p}, or {@link #NONE}. */
    long deeper(long p) {
        if (count == 0) {
            return NONE;
        }
        for (long q = p - dir; dir * (q - worst) >= 0; q -= dir) {
            if (size[(int) (q & mask)] != 0) {
                return q;
            }
        }
        return NONE;
    }

    /** The next non-empty price strictly better than {@code p}, or {@link #NONE}. */
    long better(long p) {
        if (count == 0) {
            return NONE;
        }
        for (long q = p + dir; dir * (best - q) >= 0; q += dir) {
            if (size[(int) (q & mask)] != 0) {
                return q;
            }
        }
        return NONE;
    }

    /** Price of the level {@code rank} levels from the best (0 = best), or {@link #NONE}. */
    long priceAtRank(int rank) {
        if (rank >= count) {
            return NONE;
        }
        long p = best;
        for (int r = 0; r < rank; r++) {
            p = deeper(p);
        }
        return p;
    }

    /** Median size of the best {@code n} levels (fewer if the side is shorter); {@code scratch} holds at least n. */
    long medianSize(int n, long[] scratch) {
        final int k = Math.min(n, count);
        if (k == 0) {
            return 0;
        }
        long p = best;
        for (int r = 0; r < k; r++) {
            final long v = size(p);
            int j = r;
            while (j > 0 && scratch[j - 1] > v) {
                scratch[j] = scratch[j - 1];
                j--;
            }
            scratch[j] = v;
            p = deeper(p);
        }
        return scratch[k / 2];
    }

    /** Size last published at a price (0 if that price is not among the published levels). */
    long publishedSize(long priceTicks) {
        if (pubBest == NONE || isBetter(priceTicks, pubBest) || isBetter(pubWorst, priceTicks)) {
            return 0;
        }
        return pub[(int) (priceTicks & mask)];
    }

    /** Adds the best {@code n} levels to a snapshot, best first, and records them as published. */
    void snapshot(BookUpdate u, int n) {
        clearPublished();
        long p = best;
        long last = best;
        for (int r = 0; r < n && p != NONE; r++) {
            final long s = size(p);
            u.add(side, p, s);
            pub[(int) (p & mask)] = s;
            last = p;
            p = deeper(p);
        }
        pubBest = best;
        pubWorst = last;
    }

    private void clearPublished() {
        if (pubBest == NONE) {
            return;
        }
        for (long p = pubBest; ; p -= dir) {
            pub[(int) (p & mask)] = 0;
            if (p == pubWorst) {
                break;
            }
        }
        pubBest = NONE;
        pubWorst = NONE;
    }

    /**
     * Adds to a delta every level whose size among the best {@code n} differs from what was last published (new
     * absolute size; 0 for a level gone or fallen below the best {@code n}), best first, and records them as
     * published. The side must hold at least {@code n} levels.
     *
     * @return levels added
     */
    int publish(BookUpdate u, int n) {
        long newWorst = best;
        for (int r = 1; r < n; r++) {
            newWorst = deeper(newWorst);
        }
        final long from = pubBest == NONE || isBetter(best, pubBest) ? best : pubBest;
        final long to = pubWorst == NONE || isBetter(pubWorst, newWorst) ? newWorst : pubWorst;
        if (dir * (from - to) >= maxSpanTicks) {
            throw new IllegalStateException(side + " publication spans more than " + maxSpanTicks + " ticks");
        }
        final long top = best;
        int changes = 0;
        for (long p = from; ; p -= dir) {
            final int i = (int) (p & mask);
            final long want = dir * (top - p) >= 0 && dir * (p - newWorst) >= 0 ? size[i] : 0;
            if (want != pub[i]) {
                u.add(side, p, want);
                pub[i] = want;
                changes++;
            }
            if (p == to) {
                break;
            }
        }
        pubBest = top;
        pubWorst = newWorst;
        return changes;
    }
}
