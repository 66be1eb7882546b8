package io.scalper.core.risk;

import io.scalper.core.model.Instrument;
import java.util.Objects;

/**
 * Sizes an entry so that hitting its stop loses a fixed fraction of equity:
 *
 * <pre>
 * lots = floor(equity × riskPerTrade × drawdownMultiplier / (stopDistanceTicks × valuePerTickLot))
 * </pre>
 *
 * where {@code valuePerTickLot = tickSize × qtyStep} is the quote value of one tick on one lot. Lots are whole quantity
 * steps, so flooring rounds down to the step. The size is then capped so its value (entry price × quantity) is at most
 * {@link RiskConfig#maxPositionNotional()} and at most equity × {@link RiskConfig#maxLeverage()}. Entries are only made
 * when flat, so the caps apply to the order itself. When a cap binds, the smaller size is used and the result says so
 * ({@link SizingResult#cappedBy()}): the trade then risks {@link SizingResult#riskAmount()}, less than the budget, and
 * that is its R.
 *
 * <p>Refusals, checked in this order: {@link RefusalReason#NO_STOP_DISTANCE} (stop distance &le; 0),
 * {@link RefusalReason#NO_EQUITY} (equity not &gt; 0 or not finite), {@link RefusalReason#NO_ENTRY_PRICE} (entry
 * &le; 0), {@link RefusalReason#HALTED_DRAWDOWN} (multiplier not &gt; 0), {@link RefusalReason#SIZE_BELOW_MINIMUM} and
 * {@link RefusalReason#SIZE_BELOW_MIN_NOTIONAL} (the risk-based size is below the instrument's minimum quantity or
 * order value), then {@link RefusalReason#MAX_POSITION} or {@link RefusalReason#MAX_LEVERAGE} (the cap that bound cut
 * the size below the minimums).
 *
 * <p>Floors tolerate a relative error of 1e-12 so that binary floating point does not turn an exact 5 lots into 4.
 * Stateless and thread-safe; a refusal allocates nothing (one shared result per reason), an accepted size one small
 * result (an order follows, and orders are rare).
 */
public final class PositionSizer {
    private static final double FLOOR_TOLERANCE = 1e-12;

    private final RiskConfig config;

    public PositionSizer(RiskConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RiskConfig config() {
        return config;
    }

    /**
     * Sizes an entry.
     *
     * @param equity account equity, quote currency
     * @param entryPriceTicks intended entry price, ticks
     * @param stopDistanceTicks distance from entry to stop, ticks
     * @param instrument the contract (tick, step, minimum quantity and notional)
     * @param drawdownMultiplier size multiplier from {@link DrawdownTiers}, in [0, 1]
     * @return the quantity and its R, or the refusal
     */
    public SizingResult size(
            double equity,
            long entryPriceTicks,
            long stopDistanceTicks,
            Instrument instrument,
            double drawdownMultiplier) {
        Objects.requireNonNull(instrument, "instrument");
        if (stopDistanceTicks <= 0) {
            return SizingResult.refused(RefusalReason.NO_STOP_DISTANCE);
        }
        if (!(equity > 0 && Double.isFinite(equity))) {
            return SizingResult.refused(RefusalReason.NO_EQUITY);
        }
        if (entryPriceTicks <= 0) {
            return SizingResult.refused(RefusalReason.NO_ENTRY_PRICE);
        }
        if (!(drawdownMultiplier > 0)) {
            return SizingResult.refused(RefusalReason.HALTED_DRAWDOWN);
        }
        final double valuePerTickLot = valuePerTickLot(instrument);
        final double budget = equity * config.riskPerTrade() * Math.min(1.0, drawdownMultiplier);
        final long riskLots = floorLots(budget / (stopDistanceTicks * valuePerTickLot));
        if (riskLots <= 0 || riskLots < instrument.minQtyLots()) {
            return SizingResult.refused(RefusalReason.SIZE_BELOW_MINIMUM);
        }
        if (!instrument.meetsMinimums(entryPriceTicks, riskLots)) {
            return SizingResult.refused(RefusalReason.SIZE_BELOW_MIN_NOTIONAL);
        }
        final double lotNotional = instrument.notional(entryPriceTicks, 1);
        final long positionCapLots = floorLots(config.maxPositionNotional() / lotNotional);
        final long leverageCapLots = floorLots(equity * config.maxLeverage() / lotNotional);
        final long capLots = Math.min(positionCapLots, leverageCapLots);
        final long lots = Math.min(riskLots, capLots);
        if (lots < riskLots && !instrument.meetsMinimums(entryPriceTicks, lots)) {
            return SizingResult.refused(
                    positionCapLots <= leverageCapLots ? RefusalReason.MAX_POSITION : RefusalReason.MAX_LEVERAGE);
        }
        final RefusalReason cappedBy = lots >= riskLots
                ? null
                : positionCapLots <= leverageCapLots ? RefusalReason.MAX_POSITION : RefusalReason.MAX_LEVERAGE;
        return new SizingResult(lots, (double) lots * stopDistanceTicks * valuePerTickLot, null, riskLots, cappedBy);
    }

    /** Quote value of a one-tick move on one lot: tick size × quantity step. */
    public static double valuePerTickLot(Instrument instrument) {
        return instrument.tickSizeDouble() * instrument.qtyStepDouble();
    }

    private static long floorLots(double x) {
        if (!(x > 0)) {
            return 0;
        }
        final double floored = Math.floor(x + x * FLOOR_TOLERANCE);
        return floored >= 0x1p62 ? 1L << 62 : (long) floored;
    }
}
