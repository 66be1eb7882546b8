package io.scalper.core.synthetic;

import java.util.SplittableRandom;

/**
 * The mid's moves in the martingale model (see {@link GeneratorConfig}), as owed between book publications: a random
 * walk's variance, and the injected steps of a post-pattern move or trend of which the share {@code predictability}
 * follows its direction and the rest are fair coins. At a publication the market {@link #take}s the net move and shifts
 * the book by it. Draws from the market's background generator. Allocates nothing.
 */
final class MartingaleWalk {
    private final SplittableRandom rng;
    /** Share of injected steps that follow their direction. */
    private final double share;

    // owed since the last move taken: random-walk variance (ticks²) and injected steps
    private double varianceBudget;
    private double dueUp;
    private double dueDown;
    private double dueCoin;

    MartingaleWalk(SplittableRandom rng, double share) {
        this.rng = rng;
        this.share = share;
    }

    /**
     * Accrues {@code dtS} seconds.
     *
     * @param sigma the random walk's volatility now, ticks per √s
     * @param rate injected steps per second now, signed by their direction (0: none)
     */
    void accrue(double dtS, double sigma, double rate) {
        varianceBudget += sigma * sigma * dtS;
        if (rate != 0) {
            final double steps = Math.abs(rate) * dtS;
            if (rate > 0) {
                dueUp += share * steps;
            } else {
                dueDown += share * steps;
            }
            dueCoin += (1 - share) * steps;
        }
    }

    /**
     * The net move owed, in ticks, and clears it (fractions of injected steps stay owed): the random walk as the
     * difference of two independent Poisson counts of one-tick steps with equal means (a symmetric draw, whatever
     * happened before), plus the injected steps.
     */
    long take() {
        final double mu = varianceBudget;
        varianceBudget = 0;
        long net = mu > 0 ? poisson(mu / 2) - poisson(mu / 2) : 0;
        final long up = (long) dueUp;
        final long down = (long) dueDown;
        final long coins = (long) dueCoin;
        dueUp -= up;
        dueDown -= down;
        dueCoin -= coins;
        net += up - down;
        for (long i = 0; i < coins; i++) {
            net += rng.nextBoolean() ? 1 : -1;
        }
        return net;
    }

    private long poisson(double mean) {
        if (mean < 40) {
            final double limit = Math.exp(-mean);
            long k = 0;
            double product = rng.nextDouble();
            while (product > limit) {
                k++;
                product *= rng.nextDouble();
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
}
