package io.scalper.core.synthetic;

import static io.scalper.core.synthetic.SyntheticMarket.ASK;
import static io.scalper.core.synthetic.SyntheticMarket.BID;

import io.scalper.core.model.Side;
import java.util.SplittableRandom;

/**
 * The base market's order flow, queue-reactive: marketable orders (log-normal sizes, taking at most {@link
 * #MAX_BASE_LEVELS} levels — or, in the martingale model, printing at the touch without moving it), resting orders
 * geometric in distance from the touch, cancellations at a rate per resting lot that falls with depth, improvements of
 * a spread wider than a tick, and makers pulling the quote in the fair value's way. Takers and new orders lean toward
 * the fair value; a running scenario's {@link FlowConstraints} and taker lean apply.
 *
 * <p>The {@link SyntheticMarket} schedules the flow: {@link #rate()} after every book change, {@link #event()} at the
 * next exponential time. Draws from the market's background generator. Allocates nothing.
 */
final class BackgroundFlow {
    /** A base-market marketable order takes at most this many levels (a larger sweep is always injected). */
    private static final int MAX_BASE_LEVELS = 4;
    /** P(distance d) ∝ (1 − p)^d for a new resting order d ticks behind its touch. */
    private static final double ADD_DISTANCE_P = 0.35;
    /** Cancellations hit the best this many levels; each lot there is cancelled at rate hazard × decay^rank. */
    private static final int CANCEL_RANKS = 32;

    private static final double CANCEL_RANK_DECAY = 0.75;
    /** Rate at which a spread wider than one tick is improved (NORMAL regime). */
    private static final double IMPROVE_PER_S = 100.0;
    /** Rate of makers pulling the quote in the way of the fair value, per tick of distance beyond half a tick. */
    private static final double PULL_PER_S_PER_TICK = 8.0;
    /** Largest lean of the taker side and of the side of new resting orders toward the fair value. */
    private static final double FAIR_LEAN = 0.4;
    /** Distance (ticks) between fair value and mid at which the lean reaches tanh(1) of its largest value. */
    private static final double FAIR_LEAN_TICKS = 2.0;

    /** A spread improvement lands d + 1 ticks inside the touch, P(d) ∝ (1 − p)^d. */
    private static final double IMPROVE_DISTANCE_P = 0.6;
    /** New quotes inside the spread are this much larger (log) than the median resting order. */
    private static final double IMPROVE_SIZE_LOG = 0.3;

    private static final double NATURAL_TREND_TAKER_LEAN = 0.1;

    private final SyntheticMarket m;
    private final GeneratorConfig config;
    private final SplittableRandom rng;
    private final SimLevels[] sides;
    private final FlowConstraints c;
    private final boolean martingale;
    private final long minLots;
    private final double tradeMu;
    private final double cancelHazardPerLot;

    private final long[][] cancelPrices = new long[2][CANCEL_RANKS];
    private final double[][] cancelRates = new double[2][CANCEL_RANKS];
    private final int[] cancelCount = new int[2];
    /** Cancellation rates as of the last {@link #rate()}; every book change is followed by one. */
    private double cancelRateBid;

    private double cancelRateAsk;

    BackgroundFlow(SyntheticMarket market, SplittableRandom rng, SimLevels[] sides, FlowConstraints constraints) {
        this.m = market;
        this.config = market.config();
        this.rng = rng;
        this.sides = sides;
        this.c = constraints;
        this.martingale = market.martingale();
        this.minLots = market.minLots();
        this.tradeMu = Math.log(config.tradeSizeMedianLots());
        this.cancelHazardPerLot = SyntheticMarket.NS_PER_S
                / (double) config.touchOrderLifetimeNs()
                / (config.restingOrderMedianLots()
                        * Math.exp(SyntheticMarket.LEVEL_SIZE_SIGMA * SyntheticMarket.LEVEL_SIZE_SIGMA / 2));
    }

    /** The flow's total rate now, per second (and each side's cancellation intensities, for the next event). */
    double rate() {
        cancelRateBid = cancelWeights(BID);
        cancelRateAsk = cancelWeights(ASK);
        return marketRate()
                + limitRate()
                + cancelRateBid
                + cancelRateAsk
                + improveRate()
                + pullRate(m.fairPriceTicks() - m.mid());
    }

    /** One order event, of a kind drawn in proportion to the rates of the last {@link #rate()}. */
    void event() {
        final double gap = m.fairPriceTicks() - m.mid();
        final double rm = marketRate();
        final double ra = limitRate();
        final double rcBid = cancelRateBid;
        final double rcAsk = cancelRateAsk;
        final double rc = rcBid + rcAsk;
        final double ri = improveRate();
        final double rp = pullRate(gap);
        double u = rng.nextDouble() * (rm + ra + rc + ri + rp);
        if ((u -= rm) < 0) {
            marketOrder(gap);
        } else if ((u -= ra) < 0) {
            limitOrder(gap);
        } else if ((u -= rc) < 0) {
            cancel(rcBid, rcAsk);
        } else if ((u -= ri) < 0) {
            improve();
        } else {
            pull(gap);
        }
    }

    private double marketRate() {
        return config.marketOrdersPerS() * m.regime().takerRateMultiplier();
    }

    private double limitRate() {
        return config.limitOrdersPerS();
    }

    private double improveRate() {
        return m.spread() > 1 ? IMPROVE_PER_S * m.regime().spreadRecoveryMultiplier() : 0;
    }

    private static double pullRate(double gapTicks) {
        return PULL_PER_S_PER_TICK * Math.max(0, Math.abs(gapTicks) - 0.5);
    }

    private double lean(double gap) {
        return FAIR_LEAN * Math.tanh(gap / FAIR_LEAN_TICKS);
    }

    /** Whether removing the best level of side {@code s} would bring its touch to or behind the side's guard. */
    private boolean touchGuarded(int s) {
        final long g = c.guard[s];
        if (g == SimLevels.NONE) {
            return false;
        }
        final SimLevels l = sides[s];
        final long next = l.deeper(l.best);
        return next == SimLevels.NONE || !l.isBetter(next, g);
    }

    private void marketOrder(double gap) {
        double pBuy = 0.5 + lean(gap) + m.scenarioTakerLean() + m.trendDir() * NATURAL_TREND_TAKER_LEAN;
        pBuy = Math.max(0.03, Math.min(0.97, pBuy));
        final Side aggressor = rng.nextDouble() < pBuy ? Side.BUY : Side.SELL;
        final long size = Math.max(
                minLots, Math.min(m.logNormal(tradeMu, config.tradeSizeSigma()), 1000L * config.tradeSizeMedianLots()));
        if (!c.suppressTaker[aggressor.ordinal()]) {
            marketable(aggressor, size);
        }
    }

    /** A marketable order: takes the best levels of the other side, at most {@link #MAX_BASE_LEVELS}. */
    private void marketable(Side aggressor, long sizeLots) {
        if (martingale) {
            absorb(aggressor, sizeLots);
            return;
        }
        final int s = aggressor == Side.BUY ? ASK : BID;
        final SimLevels l = sides[s];
        final long g = c.guard[s];
        long remaining = sizeLots;
        for (int taken = 0; remaining > 0 && taken < MAX_BASE_LEVELS; taken++) {
            final long p = l.best;
            if (p == c.frozen[s] || (g != SimLevels.NONE && !l.isBetter(p, g))) {
                return;
            }
            final long avail = l.size(p);
            long take = Math.min(avail, remaining);
            if (take == avail && touchGuarded(s)) {
                take = avail - 1;
            }
            if (take <= 0) {
                return;
            }
            m.trade(p, take, aggressor);
            m.setLevel(s, p, avail - take);
            remaining -= take;
            if (avail - take > 0) {
                return;
            }
        }
    }

    /**
     * A marketable order of the martingale model: prints in full at the touch and never moves the price; a touch it
     * would empty is refilled to the minimum quantity.
     */
    private void absorb(Side aggressor, long sizeLots) {
        final int s = aggressor == Side.BUY ? ASK : BID;
        final SimLevels l = sides[s];
        final long p = l.best;
        if (p == c.frozen[s]) {
            return;
        }
        m.trade(p, sizeLots, aggressor);
        m.setLevel(s, p, Math.max(minLots, l.size(p) - sizeLots));
    }

    private void limitOrder(double gap) {
        final int s = rng.nextDouble() < 0.5 + lean(gap) ? BID : ASK;
        final SimLevels l = sides[s];
        final long p = l.best - l.dir * m.geometric(ADD_DISTANCE_P);
        final long size = m.newLevelSize(0);
        if (p == c.frozen[s] || p <= 0 || (c.addLimit[s] != SimLevels.NONE && l.isBetter(p, c.addLimit[s]))) {
            return;
        }
        m.setLevel(s, p, l.size(p) + size);
    }

    /**
     * Fills the cancellation intensities of the best {@link #CANCEL_RANKS} levels of side {@code s}: each resting order
     * (of mean size {@code restingOrderMeanLots}) is cancelled at rate {@code hazard × decay^rank}.
     *
     * @return the side's total cancellation rate, per second
     */
    private double cancelWeights(int s) {
        final SimLevels l = sides[s];
        final int n = Math.min(CANCEL_RANKS, l.count);
        final long[] prices = cancelPrices[s];
        final double[] w = cancelRates[s];
        double total = 0;
        double hazard = cancelHazardPerLot;
        long p = l.best;
        for (int r = 0; r < n; r++) {
            prices[r] = p;
            w[r] = hazard * l.size(p);
            total += w[r];
            hazard *= CANCEL_RANK_DECAY;
            p = l.deeper(p);
        }
        cancelCount[s] = n;
        return total;
    }

    private void cancel(double bidRate, double askRate) {
        double u = rng.nextDouble() * (bidRate + askRate);
        final int s;
        if (u < bidRate) {
            s = BID;
        } else {
            s = ASK;
            u -= bidRate;
        }
        final double[] w = cancelRates[s];
        final int n = cancelCount[s];
        int r = 0;
        while (r < n - 1 && (u -= w[r]) >= 0) {
            r++;
        }
        final SimLevels l = sides[s];
        final long price = cancelPrices[s][r];
        if (price == c.frozen[s]) {
            return;
        }
        final long left = Math.max(0, l.size(price) - m.newLevelSize(0));
        if (left == 0 && price == l.best && (martingale || touchGuarded(s))) {
            return;
        }
        m.setLevel(s, price, left);
    }

    private boolean canImprove(int s) {
        final SimLevels l = sides[s];
        final long p = l.best + l.dir;
        return c.addLimit[s] == SimLevels.NONE || !l.isBetter(p, c.addLimit[s]);
    }

    private void improve() {
        final long spread = m.spread();
        if (spread <= 1) {
            return;
        }
        int s = rng.nextBoolean() ? BID : ASK;
        if (!canImprove(s)) {
            s = 1 - s;
            if (!canImprove(s)) {
                return;
            }
        }
        final SimLevels l = sides[s];
        final long p = l.best + l.dir * (1 + Math.min(spread - 2, m.geometric(IMPROVE_DISTANCE_P)));
        if (p == c.frozen[s]) {
            return;
        }
        m.setLevel(s, p, m.newLevelSize(IMPROVE_SIZE_LOG));
    }

    private void pull(double gap) {
        final int s = gap > 0 ? ASK : BID;
        final SimLevels l = sides[s];
        final long p = l.best;
        if (p == c.frozen[s]) {
            return;
        }
        final long left = Math.max(0, l.size(p) - m.newLevelSize(0));
        if (left == 0 && touchGuarded(s)) {
            return;
        }
        m.setLevel(s, p, left);
    }
}
