package io.scalper.core.exec;

import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.util.Objects;

/**
 * A one-way (net) position in one instrument, tracked from fills: signed quantity (positive long), average entry price,
 * realised PnL, fees and funding. Money is in quote currency ({@code double}); prices in ticks. Owned by the engine
 * thread.
 */
public final class Position {
    private final Instrument instrument;
    private final double valuePerTickLot;
    private long qtyLots;
    private double avgEntryTicks = Double.NaN;
    private double realizedPnl;
    private double fees;
    private double funding;
    private long fills;
    private long openedNs;

    public Position(Instrument instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.valuePerTickLot = instrument.tickSizeDouble() * instrument.qtyStepDouble();
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Signed quantity in lots: positive long, negative short, 0 flat. */
    public long qtyLots() {
        return qtyLots;
    }

    public boolean isFlat() {
        return qtyLots == 0;
    }

    /** Side of the position, or {@code null} when flat. */
    public Side side() {
        return qtyLots > 0 ? Side.BUY : qtyLots < 0 ? Side.SELL : null;
    }

    /** Average entry price in ticks; {@code NaN} when flat. */
    public double avgEntryTicks() {
        return qtyLots == 0 ? Double.NaN : avgEntryTicks;
    }

    /** Realised PnL before fees and funding, quote currency. */
    public double realizedPnl() {
        return realizedPnl;
    }

    /** Fees paid (negative: rebates), quote currency. */
    public double fees() {
        return fees;
    }

    /** Funding received (negative: paid), quote currency. */
    public double funding() {
        return funding;
    }

    /** Net realised result: PnL − fees + funding. */
    public double netRealized() {
        return realizedPnl - fees + funding;
    }

    /** Fills applied. */
    public long fills() {
        return fills;
    }

    /** When the current position was opened (ns), 0 when flat. */
    public long openedNs() {
        return qtyLots == 0 ? 0 : openedNs;
    }

    /** Unrealised PnL at {@code markTicks}, quote currency (0 when flat). */
    public double unrealizedPnl(double markTicks) {
        if (qtyLots == 0 || Double.isNaN(markTicks)) {
            return 0.0;
        }
        return (markTicks - avgEntryTicks) * qtyLots * valuePerTickLot;
    }

    /** Value of one tick on one lot, quote currency. */
    public double valuePerTickLot() {
        return valuePerTickLot;
    }

    /**
     * Applies a fill.
     *
     * @return the PnL this fill realised (0 when it only opened or added)
     */
    public double onFill(Side side, long priceTicks, long lots, double fee, long timeNs) {
        fills++;
        fees += fee;
        final long signed = side == Side.BUY ? lots : -lots;
        if (qtyLots == 0 || Long.signum(qtyLots) == Long.signum(signed)) {
            if (qtyLots == 0) {
                openedNs = timeNs;
                avgEntryTicks = priceTicks;
            } else {
                avgEntryTicks =
                        (avgEntryTicks * Math.abs(qtyLots) + (double) priceTicks * lots) / (Math.abs(qtyLots) + lots);
            }
            qtyLots += signed;
            return 0.0;
        }
        final long closing = Math.min(lots, Math.abs(qtyLots));
        final double pnl = (priceTicks - avgEntryTicks) * closing * Long.signum(qtyLots) * valuePerTickLot;
        realizedPnl += pnl;
        qtyLots += side == Side.BUY ? closing : -closing;
        final long opening = lots - closing;
        if (opening > 0) {
            qtyLots = side == Side.BUY ? opening : -opening;
            avgEntryTicks = priceTicks;
            openedNs = timeNs;
        } else if (qtyLots == 0) {
            avgEntryTicks = Double.NaN;
        }
        return pnl;
    }

    /** Records a funding settlement: {@code amount} received (negative when paid). */
    public void onFunding(double amount) {
        funding += amount;
    }

    /** Replaces the position with one the exchange reports (reconciliation). Realised figures are kept. */
    public void reset(long signedQtyLots, double avgEntryTicks, long timeNs) {
        this.qtyLots = signedQtyLots;
        this.avgEntryTicks = signedQtyLots == 0 ? Double.NaN : avgEntryTicks;
        this.openedNs = timeNs;
    }

    @Override
    public String toString() {
        return "Position[" + instrument.symbol() + " qty=" + qtyLots + " avg=" + avgEntryTicks + " realized="
                + realizedPnl + " fees=" + fees + " funding=" + funding + "]";
    }
}
