package io.scalper.core.risk;

import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * Measures how far fills land from the price we expected, in ticks, signed so that positive is worse for us (a buy
 * filled higher or a sell filled lower). A fill is a breach when it is worse than what its order type should expect
 * (the caller's allowance, in basis points: 0 for a limit, half the spread plus the mid's short-term volatility for a
 * market or stop-market order) by more than {@link RiskConfig#slippageBreachBps()} basis points of price — thresholds
 * in price units, not ticks, so a stop that slips as stops do is not a breach on any instrument. After {@link
 * RiskConfig#slippageBreachesToKill()} breaches {@link #shouldKill()} turns true and the caller trips the {@link
 * KillSwitch} with {@link RefusalReason#SLIPPAGE_BREACHES}. Breaches accumulate until {@link #reset()}. Owned by the
 * engine thread; allocates nothing.
 */
public final class SlippageMonitor {
    private final double breachBps;
    private boolean lastBreach;
    private final int breachesToKill;
    private long fills;
    private long breaches;
    private long sumTicks;
    private long worstTicks;
    private long lastBreachNs = Long.MIN_VALUE;

    public SlippageMonitor(RiskConfig config) {
        Objects.requireNonNull(config, "config");
        this.breachBps = config.slippageBreachBps();
        this.breachesToKill = config.slippageBreachesToKill();
    }

    /** Slippage of one fill in ticks, positive when worse for us. */
    public static long slippageTicks(long expectedPriceTicks, long fillPriceTicks, Side side) {
        return side == Side.BUY ? fillPriceTicks - expectedPriceTicks : expectedPriceTicks - fillPriceTicks;
    }

    /**
     * Records a fill.
     *
     * @param expectedPriceTicks the price we intended (limit price, or the touch when a market order was sent)
     * @param fillPriceTicks the price we got
     * @param side side of our order
     * @param nowNs time of the fill
     * @return the slippage in ticks, positive when worse for us
     */
    public long onFill(long expectedPriceTicks, long fillPriceTicks, Side side, long nowNs) {
        return onFill(expectedPriceTicks, fillPriceTicks, side, nowNs, true, 0.0);
    }

    /**
     * Records a fill; a breach counts towards the kill switch only when {@code countBreach} (the engine counts at most
     * one breach per order, so an order that sweeps three levels is one breach, not three).
     *
     * @param allowanceBps the slippage the order's type should expect, bps of price (&ge; 0)
     * @return the slippage in ticks, positive when worse for us
     */
    public long onFill(
            long expectedPriceTicks,
            long fillPriceTicks,
            Side side,
            long nowNs,
            boolean countBreach,
            double allowanceBps) {
        Objects.requireNonNull(side, "side");
        final long slippage = slippageTicks(expectedPriceTicks, fillPriceTicks, side);
        if (fills == 0 || slippage > worstTicks) {
            worstTicks = slippage;
        }
        fills++;
        sumTicks += slippage;
        lastBreach = isBreach(slippage, expectedPriceTicks, allowanceBps);
        if (countBreach && lastBreach) {
            breaches++;
            lastBreachNs = nowNs;
        }
        return slippage;
    }

    /**
     * Whether {@code slippageTicks} against a price of {@code priceTicks} is a breach: worse than {@code allowanceBps}
     * by more than the threshold.
     */
    public boolean isBreach(long slippageTicks, long priceTicks, double allowanceBps) {
        if (priceTicks <= 0) {
            return false;
        }
        final double bps = slippageTicks * 1e4 / priceTicks;
        return bps > Math.max(0, allowanceBps) + breachBps;
    }

    /** Whether the last fill recorded was a breach (counted or not). */
    public boolean lastWasBreach() {
        return lastBreach;
    }

    /** Whether the breaches so far call for the kill switch. */
    public boolean shouldKill() {
        return breaches >= breachesToKill;
    }

    /** Fills recorded. */
    public long fills() {
        return fills;
    }

    /** Breaches recorded. */
    public long breaches() {
        return breaches;
    }

    /** Mean slippage per fill in ticks (positive: worse), 0 before the first fill. */
    public double averageSlippageTicks() {
        return fills == 0 ? 0.0 : (double) sumTicks / fills;
    }

    /** Worst slippage of any fill in ticks, 0 before the first fill. */
    public long worstSlippageTicks() {
        return worstTicks;
    }

    /** Time of the last breach, or {@link Long#MIN_VALUE}. */
    public long lastBreachNs() {
        return lastBreachNs;
    }

    /** Forgets every fill and breach (e.g. when the kill switch is reset). */
    public void reset() {
        fills = 0;
        breaches = 0;
        sumTicks = 0;
        worstTicks = 0;
        lastBreachNs = Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return "SlippageMonitor[fills=" + fills + " breaches=" + breaches + " avgTicks=" + averageSlippageTicks() + "]";
    }
}
