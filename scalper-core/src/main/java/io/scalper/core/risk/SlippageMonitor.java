package io.scalper.core.risk;

import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * Measures how far fills land from the price we expected, in ticks, signed so that positive is worse for us (a buy
 * filled higher or a sell filled lower). A fill more than {@link RiskConfig#slippageBreachTicks()} worse is a breach;
 * after {@link RiskConfig#slippageBreachesToKill()} breaches {@link #shouldKill()} turns true and the caller trips the
 * {@link KillSwitch} with {@link RefusalReason#SLIPPAGE_BREACHES}. Breaches accumulate until {@link #reset()}. Owned by
 * the engine thread; allocates nothing.
 */
public final class SlippageMonitor {
    private final long breachTicks;
    private final int breachesToKill;
    private long fills;
    private long breaches;
    private long sumTicks;
    private long worstTicks;
    private long lastBreachNs = Long.MIN_VALUE;

    public SlippageMonitor(RiskConfig config) {
        Objects.requireNonNull(config, "config");
        this.breachTicks = config.slippageBreachTicks();
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
        return onFill(expectedPriceTicks, fillPriceTicks, side, nowNs, true);
    }

    /**
     * Records a fill; a breach counts towards the kill switch only when {@code countBreach} (the engine counts at most
     * one breach per order, so an order that sweeps three levels is one breach, not three).
     *
     * @return the slippage in ticks, positive when worse for us
     */
    public long onFill(long expectedPriceTicks, long fillPriceTicks, Side side, long nowNs, boolean countBreach) {
        Objects.requireNonNull(side, "side");
        final long slippage = slippageTicks(expectedPriceTicks, fillPriceTicks, side);
        if (fills == 0 || slippage > worstTicks) {
            worstTicks = slippage;
        }
        fills++;
        sumTicks += slippage;
        if (countBreach && isBreach(slippage)) {
            breaches++;
            lastBreachNs = nowNs;
        }
        return slippage;
    }

    /** Whether a slippage of {@code slippageTicks} counts as a breach: strictly worse than the threshold. */
    public boolean isBreach(long slippageTicks) {
        return slippageTicks > breachTicks;
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
