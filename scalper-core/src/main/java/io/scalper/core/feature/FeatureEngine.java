package io.scalper.core.feature;

import io.scalper.core.book.LevelChangeListener;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Side;
import io.scalper.core.tape.RollingWindow;
import io.scalper.core.tape.TradeTape;
import java.util.Objects;

/**
 * Turns one market's book and tape into {@link Features}, updated on every book update and trade batch and written into
 * one reused holder: nothing is allocated per event.
 *
 * <p>Call {@link #onBook()} after each book update has been applied to the market's book, {@link #onTrades(int)} after
 * trades have been appended to its tape, and {@link #advanceTo(long)} when time passes without events. The engine
 * registers itself as the book's {@link LevelChangeListener} (replacing any other) to see the adds and pulls the
 * pull-and-replace and iceberg detectors need. Time is event time (exchange time), never the wall clock; it never goes
 * backwards here (an older event is treated as simultaneous). Not thread-safe: owned by the engine thread.
 */
public final class FeatureEngine implements LevelChangeListener {
    private static final double LN2 = Math.log(2);
    private static final double NS_PER_S = 1e9;
    private static final int WEIGHT_TABLE = 1024;

    private final FeatureConfig cfg;
    private final MarketState market;
    private final OrderBook book;
    private final TradeTape tape;
    private final Features f;
    private final double[] distanceWeight;
    private final PullDetector pulls;
    private final SweepDetector sweeps;
    private final IcebergDetector icebergs;
    private final LargeTradeTracker largeTrades;

    private final double fastRate;
    private final double slowRate;
    private final double volRate;
    private final double volLongRate;
    private final double driftRate;
    private final double rocRate;

    private long lastTimeNs = Long.MIN_VALUE;
    private long firstTimeNs = Long.MIN_VALUE;
    private double lastMid = Double.NaN;
    private double lastObi = Double.NaN;
    private double volSq;
    private double volTime;
    private double volLongSq;
    private double volLongTime;
    private double driftSum;
    private double driftTime;
    private double rocSum;
    private double rocTime;
    private long rocClock;
    private long midClock = Long.MIN_VALUE;

    /**
     * @param config feature parameters
     * @param market the market whose book and tape are read; its tape must have the windows the config names
     * @throws IllegalArgumentException if a configured tape window index does not exist
     */
    public FeatureEngine(FeatureConfig config, MarketState market) {
        this.cfg = Objects.requireNonNull(config, "config");
        this.market = Objects.requireNonNull(market, "market");
        this.book = market.book();
        this.tape = market.tape();
        final int windows = tape.windowCount();
        checkWindow("features.flowFastWindow", config.flowFastWindow(), windows);
        checkWindow("features.flowSlowWindow", config.flowSlowWindow(), windows);
        checkWindow("features.vwapWindow", config.vwapWindow(), windows);
        this.f = new Features(market);
        this.distanceWeight = new double[WEIGHT_TABLE];
        for (int d = 0; d < WEIGHT_TABLE; d++) {
            distanceWeight[d] = Math.exp(-config.obiDistanceDecay() * d);
        }
        this.pulls = new PullDetector(config, book, f);
        this.sweeps = new SweepDetector(config, book, f);
        this.icebergs = new IcebergDetector(config, book, f);
        this.largeTrades = new LargeTradeTracker(config.largeTradeWindowNs());
        this.fastRate = LN2 / config.emaFastHalfLifeNs();
        this.slowRate = LN2 / config.emaSlowHalfLifeNs();
        this.volRate = LN2 / config.volHalfLifeNs();
        this.volLongRate = LN2 / config.volLongHalfLifeNs();
        this.driftRate = LN2 / config.driftHalfLifeNs();
        this.rocRate = LN2 / config.obiRocHalfLifeNs();
        book.setListener(this);
    }

    private static void checkWindow(String key, int index, int windows) {
        if (index >= windows) {
            throw new IllegalArgumentException(
                    key + ": tape window " + index + " does not exist (the tape has " + windows + " windows)");
        }
    }

    /** The holder this engine writes; the same object for the engine's life. */
    public Features features() {
        return f;
    }

    public FeatureConfig config() {
        return cfg;
    }

    public MarketState market() {
        return market;
    }

    /** Updates every feature after a book update was applied; time is the book's last update time. */
    public void onBook() {
        final long t = book.lastUpdateTimeNs();
        final long now = advanceClock(t == OrderBook.NONE ? lastTimeNs : t);
        f.events++;
        sweeps.onBook();
        icebergs.onBook(now);
        pulls.expire(now);
        updateBookFeatures(now);
        updateTapeFeatures(now);
    }

    /** Processes the newest {@code count} trades of the tape (oldest first) and updates the features. */
    public void onTrades(int count) {
        final TradeTape tp = tape;
        final int n = Math.min(count, tp.size());
        long now = lastTimeNs;
        for (int back = n - 1; back >= 0; back--) {
            final long t = tp.timeNsAt(back);
            final long price = tp.priceTicksAt(back);
            final long size = tp.sizeLotsAt(back);
            final Side aggressor = tp.aggressorAt(back);
            now = advanceClock(t);
            sweeps.onTrade(t, price, size, aggressor);
            icebergs.onTrade(price, size, aggressor);
            pulls.onTrade(price);
            // strictly above the large-size quantile, so a market of identical sizes has no whales
            if (tp.isLarge(size) && tp.isLarge(size - 1)) {
                largeTrades.add(t, size, aggressor == Side.BUY);
            }
        }
        sweeps.flush();
        f.events++;
        updateTapeFeatures(now);
    }

    /** Moves time forward without an event: windows, decays and detector timeouts advance. */
    public void advanceTo(long nowNs) {
        final long now = advanceClock(nowNs);
        tape.advanceTo(now);
        pulls.expire(now);
        if (!Double.isNaN(lastMid)) {
            // mid held constant since the last event: EMAs converge toward it, volatility time accrues
            updateMidStatistics(now, lastMid);
        }
        updateTapeFeatures(now);
    }

    private long advanceClock(long t) {
        if (firstTimeNs == Long.MIN_VALUE) {
            firstTimeNs = t;
        }
        if (lastTimeNs == Long.MIN_VALUE || t - lastTimeNs > 0) {
            lastTimeNs = t;
        }
        f.timeNs = lastTimeNs;
        return lastTimeNs;
    }

    // ------------------------------------------------------------------ book features

    private void updateBookFeatures(long now) {
        final OrderBook b = book;
        final Features x = f;
        final long bid = b.bestBid();
        final long ask = b.bestAsk();
        x.bestBid = bid;
        x.bestAsk = ask;
        x.bookValid = b.isSynced() && bid != OrderBook.NONE && ask != OrderBook.NONE;
        if (bid == OrderBook.NONE || ask == OrderBook.NONE) {
            x.spreadTicks = OrderBook.NONE;
            return;
        }
        x.spreadTicks = ask - bid;
        final double mid = (bid + ask) * 0.5;
        x.mid = mid;
        x.microPrice = b.microPrice();
        x.microMinusMidTicks = x.microPrice - mid;
        final double obi = imbalance(b, bid, ask);
        x.obi = obi;
        updateMidStatistics(now, mid);
        if (!Double.isNaN(lastObi)) {
            final double decay = decay(rocRate, now - rocClock);
            rocSum = rocSum * decay + (obi - lastObi);
            rocTime = rocTime * decay + (now - rocClock) / NS_PER_S;
            x.obiRocPerSec = rocTime > 1e-3 ? rocSum / rocTime : 0.0;
        }
        rocClock = now;
        lastObi = obi;
    }

    private double imbalance(OrderBook b, long bid, long ask) {
        final int levels = cfg.obiLevels();
        final double[] w = distanceWeight;
        double bidSum = 0;
        double askSum = 0;
        final int nb = Math.min(levels, b.depth(Side.BUY));
        for (int i = 0; i < nb; i++) {
            final long d = bid - b.priceAt(Side.BUY, i);
            bidSum += b.sizeAt(Side.BUY, i) * (d < WEIGHT_TABLE ? w[(int) d] : 0.0);
        }
        final int na = Math.min(levels, b.depth(Side.SELL));
        for (int i = 0; i < na; i++) {
            final long d = b.priceAt(Side.SELL, i) - ask;
            askSum += b.sizeAt(Side.SELL, i) * (d < WEIGHT_TABLE ? w[(int) d] : 0.0);
        }
        final double total = bidSum + askSum;
        return total > 0 ? (bidSum - askSum) / total : 0.0;
    }

    /** Advances EMAs, volatility and drift to {@code now} with the mid held at its last value, then takes {@code mid}. */
    private void updateMidStatistics(long now, double mid) {
        final Features x = f;
        if (Double.isNaN(lastMid)) {
            lastMid = mid;
            midClock = now;
            x.emaFast = mid;
            x.emaSlow = mid;
            return;
        }
        final long dtNs = Math.max(0, now - midClock);
        final double dtSec = dtNs / NS_PER_S;
        final double held = lastMid;
        x.emaFast = held + (x.emaFast - held) * decay(fastRate, dtNs);
        x.emaSlow = held + (x.emaSlow - held) * decay(slowRate, dtNs);
        final double change = mid - held;
        final double dv = decay(volRate, dtNs);
        volSq = volSq * dv + change * change;
        volTime = volTime * dv + dtSec;
        final double dl = decay(volLongRate, dtNs);
        volLongSq = volLongSq * dl + change * change;
        volLongTime = volLongTime * dl + dtSec;
        final double dd = decay(driftRate, dtNs);
        driftSum = driftSum * dd + change;
        driftTime = driftTime * dd + dtSec;
        x.volTicksPerSqrtSec = volTime > 1e-3 ? Math.sqrt(volSq / volTime) : 0.0;
        x.volLongTicksPerSqrtSec = volLongTime > 1e-3 ? Math.sqrt(volLongSq / volLongTime) : 0.0;
        x.driftTicksPerSec = driftTime > 1e-3 ? driftSum / driftTime : 0.0;
        classifyRegime(now);
        lastMid = mid;
        midClock = now;
    }

    private void classifyRegime(long now) {
        final Features x = f;
        final double longVol = x.volLongTicksPerSqrtSec;
        if (now - firstTimeNs < cfg.regimeWarmupNs() || !(longVol > 0)) {
            x.volRatio = 1.0;
            x.regime = VolRegime.NORMAL;
            return;
        }
        final double ratio = x.volTicksPerSqrtSec / longVol;
        x.volRatio = ratio;
        if (ratio >= cfg.regimeExtremeRatio()) {
            x.regime = VolRegime.EXTREME;
        } else if (ratio >= cfg.regimeHighRatio()) {
            x.regime = VolRegime.HIGH;
        } else if (ratio < cfg.regimeLowRatio()) {
            x.regime = VolRegime.LOW;
        } else {
            x.regime = VolRegime.NORMAL;
        }
    }

    private static double decay(double ratePerNs, long dtNs) {
        return dtNs <= 0 ? 1.0 : Math.exp(-ratePerNs * dtNs);
    }

    // ------------------------------------------------------------------ tape features

    private void updateTapeFeatures(long now) {
        final Features x = f;
        final TradeTape tp = tape;
        tp.advanceTo(now);
        final RollingWindow fast = tp.window(cfg.flowFastWindow());
        final RollingWindow slow = tp.window(cfg.flowSlowWindow());
        final RollingWindow vw = tp.window(cfg.vwapWindow());
        x.flowImbalanceFast = fast.flowImbalance();
        x.flowImbalanceSlow = slow.flowImbalance();
        x.flowNetFastLots = fast.netVolumeLots();
        final double vwap = vw.vwapTicks();
        x.vwapTicks = vwap;
        if (Double.isNaN(vwap) || Double.isNaN(x.mid)) {
            x.vwapDistanceVol = 0.0;
        } else {
            final double horizonSec = vw.lengthNs() / NS_PER_S;
            final double sigma = Math.max(1.0, x.volTicksPerSqrtSec * Math.sqrt(horizonSec));
            x.vwapDistanceVol = (x.mid - vwap) / sigma;
        }
        largeTrades.evict(now);
        x.largeTradeCount = largeTrades.count();
        x.largeBuyLots = largeTrades.buyLots();
        x.largeSellLots = largeTrades.sellLots();
    }

    // ------------------------------------------------------------------ level changes

    @Override
    public void onLevelChange(Side side, long priceTicks, long oldSizeLots, long newSizeLots, long timeNs) {
        pulls.onLevelChange(side, priceTicks, oldSizeLots, newSizeLots, timeNs);
    }

    @Override
    public void onBookReset(OrderBook b, long timeNs) {
        pulls.reset();
        icebergs.reset();
    }
}
