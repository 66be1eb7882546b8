package io.scalper.core.backtest;

import io.scalper.core.config.BacktestConfig;

/**
 * Queue position of a resting limit order at its price: how much visible size is ahead of it. The order joins behind
 * the size visible at its price; trades at that price consume the queue ahead first; what cancellations ahead do
 * depends on the model. A resting order fills only when the queue ahead is exhausted or the price trades through.
 */
public interface QueueModel {
    /** Queue ahead of an order that joins a level showing {@code visibleLots}. */
    default double onJoin(long visibleLots) {
        return visibleLots;
    }

    /** Queue ahead after {@code tradedLots} traded at the order's price. */
    default double onTrade(double aheadLots, long tradedLots) {
        return Math.max(0, aheadLots - tradedLots);
    }

    /**
     * Queue ahead after the level's visible size went from {@code oldLots} to {@code newLots} without trades (adds and
     * cancels). Never more than the new visible size.
     */
    double onDepthChange(double aheadLots, long oldLots, long newLots);

    /** The queue model a backtest section names ({@code queueModel}, with {@code queueAheadShare}). */
    static QueueModel of(BacktestConfig backtest) {
        return backtest.queueModel().equals("probabilistic") ? probabilistic(backtest.queueAheadShare()) : riskAverse();
    }

    /**
     * Risk-averse: only trades advance the order; a cancellation at the level leaves it where it was, except that the
     * queue ahead can never exceed what is visible.
     */
    static QueueModel riskAverse() {
        return (ahead, oldLots, newLots) -> Math.min(ahead, newLots);
    }

    /**
     * Probabilistic: a size decrease is a cancellation somewhere in the level, ahead of the order with probability
     * {@code ahead / oldSize} (so the expected queue ahead shrinks by {@code decrease × ahead / oldSize}).
     */
    static QueueModel probabilistic() {
        return probabilistic(1.0);
    }

    /**
     * Probabilistic with a share: a size decrease advances the order by {@code share × decrease × ahead / oldSize} (1:
     * {@link #probabilistic()}; 0: {@link #riskAverse()}). The share a venue's queue behaves like can be fitted to the
     * fills of a live session ({@code scalper drift --fit}).
     */
    static QueueModel probabilistic(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        }
        return (ahead, oldLots, newLots) -> {
            if (newLots >= oldLots || oldLots <= 0) {
                return Math.min(ahead, newLots);
            }
            final double decrease = oldLots - newLots;
            return Math.max(0, Math.min(newLots, ahead - share * decrease * (ahead / oldLots)));
        };
    }
}
