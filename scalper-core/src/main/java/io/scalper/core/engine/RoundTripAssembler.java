package io.scalper.core.engine;

import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.Position;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.signal.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Assembles the engine's {@link RoundTrip}s from what moves its position. A trip is opened by the fill (or booked
 * adjustment) that takes the position off flat and closed by the one that makes it flat; one fill that flips the
 * position closes a trip and opens the next. While open it accumulates the volume-weighted entry and exit prices, the
 * largest size, gross PnL, fees and funding. It opens with the planned risk ("1 R") and the signal contributions of the
 * latest entry decision when an entry opened it (unknown otherwise), and with the entry slippage against the price the
 * router intended.
 *
 * <p>The position is the engine's; every fill is applied to it before it is reported here. Engine thread only.
 */
final class RoundTripAssembler {
    private final String symbol;
    private final Position position;
    private final List<RoundTrip> closed = new ArrayList<>();
    private long nextId = 1;

    // the latest entry decision, taken by the next trip an entry opens
    private double plannedRisk = Double.NaN;
    private double[] plannedContributions;

    // the open trip; side null when none is
    private Side side;
    private long entryNs;
    private double entryValue;
    private long entryLots;
    private double exitValue;
    private long exitLots;
    private long maxLots;
    private double fees;
    private double funding;
    private double gross;
    private double risk = Double.NaN;
    private double slippageTicks;
    private double[] contributions;

    // what a fill that flipped the position opened beyond the closed part: the next trip's entry
    private long flipLots;
    private long flipPriceTicks;
    private double flipFee;

    RoundTripAssembler(String symbol, Position position) {
        this.symbol = symbol;
        this.position = position;
    }

    /** An entry is about to be sent: what it risks (quote currency) and each signal's weight × score behind it. */
    void planEntry(double riskAmount, Decision d) {
        plannedRisk = riskAmount;
        final double[] c = new double[d.signalCount()];
        for (int i = 0; i < c.length; i++) {
            c[i] = d.weight(i) * d.score(i);
        }
        plannedContributions = c;
    }

    /** Whether a trip is open. */
    boolean isOpen() {
        return side != null;
    }

    /**
     * A fill or an adjustment of {@code lots} at {@code priceTicks} that realised {@code pnl} and took the position
     * from {@code before}: opens a trip when the position left flat; the open trip's figures accumulate.
     *
     * @param intendedPriceTicks the price the router meant to trade at (NaN if none), for the entry slippage
     */
    void onFill(
            Side fillSide,
            long priceTicks,
            long lots,
            double fee,
            double pnl,
            long before,
            OrderPurpose purpose,
            double intendedPriceTicks,
            long now) {
        if (before == 0 && position.qtyLots() != 0) {
            open(purpose, priceTicks, intendedPriceTicks, now);
        }
        if (side != null) {
            gross += pnl;
            if (fillSide == side) {
                fees += fee;
                entryValue += (double) priceTicks * lots;
                entryLots += lots;
                maxLots = Math.max(maxLots, Math.abs(position.qtyLots()));
            } else {
                final long closedLots = Math.min(lots, Math.abs(before));
                exitValue += (double) priceTicks * closedLots;
                exitLots += closedLots;
                maxLots = Math.max(maxLots, Math.abs(before));
                // a fill that flips the position: the closed part and its share of the fee end this trip, the rest
                // (and its share) is the next trip's entry, taken by open()
                final long opened = lots - closedLots;
                final double openedFee = opened > 0 ? fee * opened / lots : 0;
                fees += fee - openedFee;
                flipLots = opened;
                flipPriceTicks = priceTicks;
                flipFee = openedFee;
            }
        }
    }

    /** Funding received (negative: paid) while the position is open counts toward the open trip. */
    void onFunding(double amount) {
        if (side != null) {
            funding += amount;
        }
    }

    /**
     * Opens a trip on the position's side, at a fill of {@code fillPriceTicks}; an entry's trip takes the planned risk.
     */
    void open(OrderPurpose purpose, long fillPriceTicks, double intendedPriceTicks, long now) {
        side = position.side();
        entryNs = now;
        entryValue = (double) flipPriceTicks * flipLots;
        entryLots = flipLots;
        exitValue = 0;
        exitLots = 0;
        maxLots = flipLots;
        fees = flipFee;
        flipLots = 0;
        flipPriceTicks = 0;
        flipFee = 0;
        funding = 0;
        gross = 0;
        risk = purpose == OrderPurpose.ENTRY ? plannedRisk : Double.NaN;
        slippageTicks = Double.isNaN(intendedPriceTicks)
                ? 0
                : (side == Side.BUY ? fillPriceTicks - intendedPriceTicks : intendedPriceTicks - fillPriceTicks);
        contributions = plannedContributions;
    }

    /**
     * Closes the open trip at {@code now} and keeps it.
     *
     * @param exitReason why it closed ({@code take_profit}, {@code stop_loss}, {@code external}, ...)
     * @param decision the current decision, for the signal names (the contributions are the entry's, or zeros when the
     *     entry's are unknown or of another set of signals)
     */
    RoundTrip close(String exitReason, Decision decision, long now) {
        final String[] names = new String[decision.signalCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = decision.name(i);
        }
        final double[] c = contributions != null && contributions.length == names.length
                ? contributions
                : new double[names.length];
        final RoundTrip trip = new RoundTrip(
                nextId++,
                symbol,
                side,
                entryNs,
                now,
                entryLots == 0 ? Double.NaN : entryValue / entryLots,
                exitLots == 0 ? Double.NaN : exitValue / exitLots,
                maxLots,
                gross,
                fees,
                funding,
                risk,
                slippageTicks,
                exitReason,
                names,
                c);
        closed.add(trip);
        side = null;
        if (position.isFlat()) {
            flipLots = 0; // nothing was opened beyond it
            flipFee = 0;
        }
        return trip;
    }

    /** Every closed trip so far, oldest first (a read-only view). */
    List<RoundTrip> roundTrips() {
        return Collections.unmodifiableList(closed);
    }
}
