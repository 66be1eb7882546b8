package io.scalper.core.feature;

import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TradeTape;

/**
 * The features of one market at one instant: a single holder the {@link FeatureEngine} rewrites in place on every
 * event (nothing is allocated per event), read by signals. Prices are in ticks of the instrument ({@code double} where
 * they may fall between ticks); times in ns since the epoch. Side-valued features are {@code +1} (bid / buy),
 * {@code -1} (ask / sell) or {@code 0} (none).
 *
 * <p>Custom signals may also read the raw {@link #book()} and {@link #tape()}. Owned by the engine thread.
 */
public final class Features {
    final MarketState market;

    long timeNs;
    long events;
    boolean bookValid;
    long bestBid = OrderBook.NONE;
    long bestAsk = OrderBook.NONE;
    long spreadTicks = OrderBook.NONE;
    double mid = Double.NaN;
    double microPrice = Double.NaN;
    double microMinusMidTicks;
    double obi;
    double obiRocPerSec;
    double emaFast = Double.NaN;
    double emaSlow = Double.NaN;
    double volTicksPerSqrtSec;
    double volLongTicksPerSqrtSec;
    double volRatio = 1.0;
    int regime = VolRegime.NORMAL;
    double driftTicksPerSec;
    double flowImbalanceFast;
    double flowImbalanceSlow;
    long flowNetFastLots;
    double vwapTicks = Double.NaN;
    double vwapDistanceVol;
    int largeTradeCount;
    long largeBuyLots;
    long largeSellLots;
    int pullSide;
    long pullTimeNs = Long.MIN_VALUE;
    double pullMagnitude;
    long pullPriceTicks = OrderBook.NONE;
    long pulls;
    int sweepSide;
    int sweepLevels;
    int sweepEmptied;
    long sweepLots;
    long sweepTimeNs = Long.MIN_VALUE;
    long sweeps;
    int icebergSide;
    int icebergRefills;
    double icebergExecutedRatio;
    long icebergPriceTicks = OrderBook.NONE;
    long icebergTimeNs = Long.MIN_VALUE;
    long icebergs;

    Features(MarketState market) {
        this.market = market;
    }

    /** The market these features describe. */
    public MarketState market() {
        return market;
    }

    public Instrument instrument() {
        return market.instrument();
    }

    public OrderBook book() {
        return market.book();
    }

    public TradeTape tape() {
        return market.tape();
    }

    /** Time of the last event, ns since the epoch. */
    public long timeNs() {
        return timeNs;
    }

    /** Events (book updates and trade batches) processed. */
    public long events() {
        return events;
    }

    /** Whether the book is in sync with both sides present (book features are meaningless otherwise). */
    public boolean bookValid() {
        return bookValid;
    }

    public long bestBid() {
        return bestBid;
    }

    public long bestAsk() {
        return bestAsk;
    }

    /** Spread in ticks, or {@link OrderBook#NONE}. */
    public long spreadTicks() {
        return spreadTicks;
    }

    /** Mid price in ticks; {@code NaN} before the first valid book. */
    public double mid() {
        return mid;
    }

    /** Size-weighted micro-price in ticks. */
    public double microPrice() {
        return microPrice;
    }

    /** Micro-price minus mid, in ticks: positive when the bid side is heavier at the touch. */
    public double microMinusMidTicks() {
        return microMinusMidTicks;
    }

    /** Order-book imbalance over the top levels, (bid − ask) / (bid + ask) in [-1, 1]; positive = bid-heavy. */
    public double obi() {
        return obi;
    }

    /** Smoothed rate of change of {@link #obi()} per second. */
    public double obiRocPerSec() {
        return obiRocPerSec;
    }

    /** Fast (default 1 s half-life) time-decayed EMA of mid, ticks. */
    public double emaFast() {
        return emaFast;
    }

    /** Slow (default 5 s half-life) time-decayed EMA of mid, ticks. */
    public double emaSlow() {
        return emaSlow;
    }

    /** Short-horizon realised volatility of mid, ticks per √second. */
    public double volTicksPerSqrtSec() {
        return volTicksPerSqrtSec;
    }

    /** Long-horizon volatility baseline, ticks per √second. */
    public double volLongTicksPerSqrtSec() {
        return volLongTicksPerSqrtSec;
    }

    /** Short over long volatility (1 while warming up). */
    public double volRatio() {
        return volRatio;
    }

    /** The {@link VolRegime} class. */
    public int regime() {
        return regime;
    }

    /** Exponentially weighted drift of mid, ticks per second. */
    public double driftTicksPerSec() {
        return driftTicksPerSec;
    }

    /** Aggressive flow imbalance over the fast window, (buy − sell) / (buy + sell) in [-1, 1]. */
    public double flowImbalanceFast() {
        return flowImbalanceFast;
    }

    /** Aggressive flow imbalance over the slow window. */
    public double flowImbalanceSlow() {
        return flowImbalanceSlow;
    }

    /** Net aggressive volume over the fast window, lots (buy − sell). */
    public long flowNetFastLots() {
        return flowNetFastLots;
    }

    /** Rolling VWAP in ticks; {@code NaN} when no trade is in the window. */
    public double vwapTicks() {
        return vwapTicks;
    }

    /** (mid − VWAP) in units of the volatility expected over the VWAP window; 0 when unknown. */
    public double vwapDistanceVol() {
        return vwapDistanceVol;
    }

    /** Large trades (at or above the tape's large-size quantile) in the large-trade window. */
    public int largeTradeCount() {
        return largeTradeCount;
    }

    /** Lots bought by large aggressive trades in the window. */
    public long largeBuyLots() {
        return largeBuyLots;
    }

    /** Lots sold by large aggressive trades in the window. */
    public long largeSellLots() {
        return largeSellLots;
    }

    /** Net direction of large trades by volume, in [-1, 1]; 0 when none. */
    public double largeTradeNet() {
        final long total = largeBuyLots + largeSellLots;
        return total == 0 ? 0.0 : (double) (largeBuyLots - largeSellLots) / total;
    }

    /** Side of the last large level pulled without trading ({@code -1} = an ask was pulled), 0 if none yet. */
    public int pullSide() {
        return pullSide;
    }

    /** When the last pull was seen. */
    public long pullTimeNs() {
        return pullTimeNs;
    }

    /** Size of the last pulled level over the reference size at the top. */
    public double pullMagnitude() {
        return pullMagnitude;
    }

    /** Price of the last pulled level. */
    public long pullPriceTicks() {
        return pullPriceTicks;
    }

    /** Pulls seen so far. */
    public long pulls() {
        return pulls;
    }

    /** Aggressor side of the last sweep ({@code +1} = a buy took several ask levels), 0 if none yet. */
    public int sweepSide() {
        return sweepSide;
    }

    /** Distinct price levels the last sweep traded at. */
    public int sweepLevels() {
        return sweepLevels;
    }

    /** Of those, levels the next book update showed emptied. */
    public int sweepEmptied() {
        return sweepEmptied;
    }

    /** Volume of the last sweep, lots. */
    public long sweepLots() {
        return sweepLots;
    }

    /** Match time of the last sweep. */
    public long sweepTimeNs() {
        return sweepTimeNs;
    }

    /** Sweeps seen so far. */
    public long sweeps() {
        return sweeps;
    }

    /** Side of the resting level currently or last seen refilling ({@code +1} = a bid iceberg), 0 if none. */
    public int icebergSide() {
        return icebergSide;
    }

    /** Refills counted at the iceberg's price. */
    public int icebergRefills() {
        return icebergRefills;
    }

    /** Executed volume at the iceberg's price over its largest displayed size. */
    public double icebergExecutedRatio() {
        return icebergExecutedRatio;
    }

    /** The iceberg's price. */
    public long icebergPriceTicks() {
        return icebergPriceTicks;
    }

    /** When the iceberg last refilled. */
    public long icebergTimeNs() {
        return icebergTimeNs;
    }

    /** Icebergs detected so far. */
    public long icebergs() {
        return icebergs;
    }

    @Override
    public String toString() {
        return "Features[" + market.symbol() + " t=" + timeNs + " mid=" + mid + " obi=" + obi + " regime="
                + VolRegime.name(regime) + "]";
    }
}
