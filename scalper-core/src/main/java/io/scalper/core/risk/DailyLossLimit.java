package io.scalper.core.risk;

import java.util.Objects;

/**
 * Stops trading for the rest of the UTC day once the day's realised net loss reaches {@link RiskConfig#dailyLossR()}
 * × R. Realised results (PnL − fees + funding of each closed trade, quote currency) are summed per UTC day; wins offset
 * losses. Once tripped it stays tripped, whatever follows, until the first event on a later UTC day.
 *
 * <p>R is supplied with each result by the caller, normally {@link RiskConfig#riskUnit(double) equity × riskPerTrade}
 * before drawdown scaling; the limit is compared against the latest R. Days are {@code floorDiv(nowNs, 86400 s)} since
 * the epoch, UTC. The {@link State} can be exported and restored so a restart on the same day does not forget the
 * day's losses. Owned by the engine thread.
 */
public final class DailyLossLimit {
    /** Nanoseconds in one day. */
    public static final long DAY_NS = 86_400_000_000_000L;

    /** Sentinel day: nothing seen yet. */
    public static final long NO_DAY = Long.MIN_VALUE;

    private static final double TOLERANCE = 1e-12;

    /**
     * The persistable state.
     *
     * @param utcDay epoch day (UTC) the figures belong to, or {@link #NO_DAY}
     * @param realisedToday realised net PnL that day, quote currency (finite)
     * @param tripped whether the limit tripped that day
     */
    public record State(long utcDay, double realisedToday, boolean tripped) {
        public State {
            if (!Double.isFinite(realisedToday)) {
                throw new IllegalArgumentException(
                        "daily loss state: realisedToday must be finite, got " + realisedToday);
            }
        }
    }

    private final double dailyLossR;
    private long utcDay = NO_DAY;
    private double realisedToday;
    private boolean tripped;
    private long trippedNs = Long.MIN_VALUE;

    public DailyLossLimit(RiskConfig config) {
        this.dailyLossR = Objects.requireNonNull(config, "config").dailyLossR();
    }

    /** The UTC epoch day of {@code nowNs}. */
    public static long utcDay(long nowNs) {
        return Math.floorDiv(nowNs, DAY_NS);
    }

    /**
     * Moves to the UTC day of {@code nowNs}: on a later day the day's total and the trip are cleared. Time going
     * backwards never rolls.
     *
     * @return whether this call cleared a trip (so the caller can release the kill switch, see
     *     {@link KillSwitch#release(RefusalReason)})
     */
    public boolean onTime(long nowNs) {
        final long day = utcDay(nowNs);
        if (utcDay == NO_DAY) {
            utcDay = day;
            return false;
        }
        if (day <= utcDay) {
            return false;
        }
        final boolean released = tripped;
        utcDay = day;
        realisedToday = 0.0;
        tripped = false;
        trippedNs = Long.MIN_VALUE;
        return released;
    }

    /**
     * Adds a realised result and trips the limit when the day's loss reaches {@code dailyLossR × riskUnit}.
     *
     * @param netPnl realised net result of a closed trade (or part of one), quote currency; negative is a loss
     * @param riskUnit R, quote currency, &gt; 0
     * @param nowNs when the result was realised
     * @return whether this call tripped the limit
     * @throws IllegalArgumentException if {@code netPnl} is not finite or {@code riskUnit} not &gt; 0
     */
    public boolean onRealized(double netPnl, double riskUnit, long nowNs) {
        if (!Double.isFinite(netPnl)) {
            throw new IllegalArgumentException("realised PnL must be finite, got " + netPnl);
        }
        requireRiskUnit(riskUnit);
        onTime(nowNs);
        realisedToday += netPnl;
        if (!tripped && -realisedToday >= lossLimit(riskUnit) * (1 - TOLERANCE)) {
            tripped = true;
            trippedNs = nowNs;
            return true;
        }
        return false;
    }

    /** The loss, quote currency (positive), that trips the limit when R is {@code riskUnit}. */
    public double lossLimit(double riskUnit) {
        return dailyLossR * riskUnit;
    }

    /** Today's realised result in R (negative for a loss). */
    public double realisedTodayR(double riskUnit) {
        requireRiskUnit(riskUnit);
        return realisedToday / riskUnit;
    }

    /** Whether the limit is tripped for the current day. Call {@link #onTime(long)} first to roll the day. */
    public boolean isTripped() {
        return tripped;
    }

    /** When the limit tripped (ns), or {@link Long#MIN_VALUE} when it has not. Not persisted. */
    public long trippedNs() {
        return trippedNs;
    }

    /** Realised net PnL of the current day, quote currency. */
    public double realisedToday() {
        return realisedToday;
    }

    /** Current UTC epoch day, or {@link #NO_DAY} before the first event. */
    public long utcDay() {
        return utcDay;
    }

    /** The state to persist. */
    public State state() {
        return new State(utcDay, realisedToday, tripped);
    }

    /**
     * Restores a persisted state, then rolls to the day of {@code nowNs}: a state from the same UTC day (or a later one,
     * if the clock went back) is kept as it is, tripped included; a state from an earlier day starts a fresh day.
     *
     * @return whether the restored state is tripped for today
     */
    public boolean restore(State state, long nowNs) {
        Objects.requireNonNull(state, "state");
        utcDay = state.utcDay();
        realisedToday = state.realisedToday();
        tripped = state.tripped();
        trippedNs = Long.MIN_VALUE;
        onTime(nowNs);
        return tripped;
    }

    private static void requireRiskUnit(double riskUnit) {
        if (!(riskUnit > 0 && Double.isFinite(riskUnit))) {
            throw new IllegalArgumentException("risk unit (R) must be > 0, got " + riskUnit);
        }
    }

    @Override
    public String toString() {
        return "DailyLossLimit[day=" + utcDay + " realised=" + realisedToday + (tripped ? " tripped" : "") + "]";
    }
}
