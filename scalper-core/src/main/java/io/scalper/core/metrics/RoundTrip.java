package io.scalper.core.metrics;

import io.scalper.core.model.Side;
import java.util.Arrays;
import java.util.Objects;

/**
 * One closed trade: entry to flat. Money in quote currency, prices in ticks.
 *
 * @param id sequence number in the run (1, 2, ...)
 * @param symbol instrument
 * @param side side of the position (BUY = long)
 * @param entryTimeNs first entry fill
 * @param exitTimeNs the fill that made the position flat
 * @param entryPriceTicks average entry price
 * @param exitPriceTicks average exit price
 * @param qtyLots largest position size reached
 * @param grossPnl realised PnL before fees and funding
 * @param fees fees paid on entry and exit fills (negative: rebates)
 * @param funding funding received while the position was open (negative: paid)
 * @param riskAmount the planned risk of the trade ("1 R"), quote currency, &gt; 0 (NaN if unknown)
 * @param entrySlippageTicks entry fill price minus the intended price, signed so that positive is worse
 * @param exitReason why it closed: {@code take_profit}, {@code stop_loss}, {@code trailing_stop}, {@code exit},
 *     {@code kill_switch}, ...
 * @param signalNames names of the signals at entry
 * @param signalContributions each signal's weight × score at entry (same order as the names)
 */
public record RoundTrip(
        long id,
        String symbol,
        Side side,
        long entryTimeNs,
        long exitTimeNs,
        double entryPriceTicks,
        double exitPriceTicks,
        long qtyLots,
        double grossPnl,
        double fees,
        double funding,
        double riskAmount,
        double entrySlippageTicks,
        String exitReason,
        String[] signalNames,
        double[] signalContributions) {

    public RoundTrip {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(exitReason, "exitReason");
        signalNames = signalNames == null ? new String[0] : signalNames.clone();
        signalContributions = signalContributions == null ? new double[0] : signalContributions.clone();
        if (signalNames.length != signalContributions.length) {
            throw new IllegalArgumentException("signal names and contributions differ in length");
        }
    }

    /** Net result: gross − fees + funding. */
    public double netPnl() {
        return grossPnl - fees + funding;
    }

    /** Net result in R (NaN when the risk amount is unknown). */
    public double rMultiple() {
        return riskAmount > 0 ? netPnl() / riskAmount : Double.NaN;
    }

    public boolean isWin() {
        return netPnl() > 0;
    }

    public long durationNs() {
        return exitTimeNs - entryTimeNs;
    }

    @Override
    public String[] signalNames() {
        return signalNames.clone();
    }

    @Override
    public double[] signalContributions() {
        return signalContributions.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RoundTrip)) {
            return false;
        }
        final RoundTrip r = (RoundTrip) o;
        return id == r.id
                && symbol.equals(r.symbol)
                && side == r.side
                && entryTimeNs == r.entryTimeNs
                && exitTimeNs == r.exitTimeNs
                && Double.compare(entryPriceTicks, r.entryPriceTicks) == 0
                && Double.compare(exitPriceTicks, r.exitPriceTicks) == 0
                && qtyLots == r.qtyLots
                && Double.compare(grossPnl, r.grossPnl) == 0
                && Double.compare(fees, r.fees) == 0
                && Double.compare(funding, r.funding) == 0
                && Double.compare(riskAmount, r.riskAmount) == 0
                && Double.compare(entrySlippageTicks, r.entrySlippageTicks) == 0
                && exitReason.equals(r.exitReason)
                && Arrays.equals(signalNames, r.signalNames)
                && Arrays.equals(signalContributions, r.signalContributions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, symbol, side, entryTimeNs, exitTimeNs, qtyLots, exitReason);
    }

    @Override
    public String toString() {
        return "RoundTrip[" + id + " " + symbol + " " + side + " " + qtyLots + " " + entryPriceTicks + "->"
                + exitPriceTicks + " net=" + netPnl() + " " + exitReason + "]";
    }
}
