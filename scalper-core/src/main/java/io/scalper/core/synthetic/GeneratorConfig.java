package io.scalper.core.synthetic;

import io.scalper.core.model.Instrument;
import java.util.Objects;

/**
 * Parameters of a {@link SyntheticMarket}, validated at construction (an {@link IllegalArgumentException} names the
 * key, e.g. {@code generator.bookIntervalNs: must be in [1ms, 1s], got 0ns}). Rates and sizes are those of the NORMAL
 * {@link Regime}; the other regimes scale them. {@link #defaults()} is a BTCUSDT-like market.
 *
 * @param instrument the contract (tick size with at most 8 decimals)
 * @param seed seed of every random draw: the same config and scenarios give the same event stream
 * @param startTimeNs time of the first event (the book snapshot), ns since the epoch
 * @param startPriceTicks best bid at the start, in ticks; at least {@code 20 × levelsPerSide + 10000}
 * @param levelsPerSide levels per side in every published book (Bybit {@code orderbook.200} → 200), 1–1000
 * @param bookIntervalNs book publication interval, 1 ms–1 s (Bybit {@code orderbook.200}: 100 ms)
 * @param tickerIntervalNs ticker publication interval, 10 ms–10 s (Bybit: 100 ms)
 * @param marketOrdersPerS mean rate of marketable orders, (0, 1000]
 * @param tradeSizeMedianLots median marketable order size (log-normal), &ge; the instrument's minimum quantity
 * @param tradeSizeSigma log-normal shape of marketable order sizes, [0, 3]; larger is heavier-tailed
 * @param limitOrdersPerS mean rate of new resting orders over both sides, (0, 10000]
 * @param touchOrderLifetimeNs mean time a resting order at the best price lives before it is cancelled, 1 ms–1 h
 *     (one level deeper, an order lives 4/3 as long); cancellations therefore scale with the resting
 *     volume and queues stay bounded
 * @param restingOrderMedianLots median size of a new resting order (log-normal, σ 1) and of a cancellation, &ge; 1
 * @param volatilityTicksPerSqrtS fair-value volatility in ticks per √second, [0, 1000]
 * @param startRegime regime at the start
 * @param regimeMeanDwellNs mean time spent in a regime before a Markov switch; 0 disables switching
 * @param trendsPerHour mean rate of spontaneous trend episodes, [0, 3600]
 * @param trendMeanDurationNs mean duration of a spontaneous trend, 1 s–24 h
 * @param trendTicksPerS fair-value drift during a spontaneous trend, ticks per second, [0, 1000]
 * @param fundingRateE8 funding rate × 10⁸ published by the ticker (10000 = 0.0001), within ±5000000
 */
public record GeneratorConfig(
        Instrument instrument,
        long seed,
        long startTimeNs,
        long startPriceTicks,
        int levelsPerSide,
        long bookIntervalNs,
        long tickerIntervalNs,
        double marketOrdersPerS,
        long tradeSizeMedianLots,
        double tradeSizeSigma,
        double limitOrdersPerS,
        long touchOrderLifetimeNs,
        long restingOrderMedianLots,
        double volatilityTicksPerSqrtS,
        Regime startRegime,
        long regimeMeanDwellNs,
        double trendsPerHour,
        long trendMeanDurationNs,
        double trendTicksPerS,
        long fundingRateE8) {

    /** BTCUSDT-like linear perpetual: tick 0.10, step 0.001, minimum 0.001, minimum notional 5. */
    public static final Instrument DEFAULT_INSTRUMENT = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    public static final long DEFAULT_SEED = 1L;
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TIME_NS = 1_767_225_600_000_000_000L;
    /** 65000.00 at a tick of 0.10. */
    public static final long DEFAULT_START_PRICE_TICKS = 650_000L;

    public static final int DEFAULT_LEVELS_PER_SIDE = 200;
    public static final long DEFAULT_BOOK_INTERVAL_NS = 50_000_000L;
    public static final long DEFAULT_TICKER_INTERVAL_NS = 100_000_000L;
    public static final double DEFAULT_MARKET_ORDERS_PER_S = 6.0;
    /** 0.010 BTC. */
    public static final long DEFAULT_TRADE_SIZE_MEDIAN_LOTS = 10L;

    public static final double DEFAULT_TRADE_SIZE_SIGMA = 1.4;
    public static final double DEFAULT_LIMIT_ORDERS_PER_S = 80.0;
    public static final long DEFAULT_TOUCH_ORDER_LIFETIME_NS = 500_000_000L;
    /** 0.020 BTC. */
    public static final long DEFAULT_RESTING_ORDER_MEDIAN_LOTS = 20L;

    public static final double DEFAULT_VOLATILITY_TICKS_PER_SQRT_S = 4.0;
    public static final Regime DEFAULT_START_REGIME = Regime.NORMAL;
    public static final long DEFAULT_REGIME_MEAN_DWELL_NS = 300_000_000_000L;
    public static final double DEFAULT_TRENDS_PER_HOUR = 4.0;
    public static final long DEFAULT_TREND_MEAN_DURATION_NS = 60_000_000_000L;
    public static final double DEFAULT_TREND_TICKS_PER_S = 1.0;
    /** 0.0001 (0.01 %) per 8 hours. */
    public static final long DEFAULT_FUNDING_RATE_E8 = 10_000L;

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    public GeneratorConfig {
        Objects.requireNonNull(instrument, "generator.instrument");
        if (instrument.priceScale() > 8) {
            throw bad("instrument", "tick size must have at most 8 decimals, got " + instrument.tickSize());
        }
        if (startTimeNs < 0) {
            throw bad("startTimeNs", "must be >= 0, got " + startTimeNs);
        }
        if (levelsPerSide < 1 || levelsPerSide > 1000) {
            throw bad("levelsPerSide", "must be in [1, 1000], got " + levelsPerSide);
        }
        final long minStart = 20L * levelsPerSide + 10_000L;
        if (startPriceTicks < minStart || startPriceTicks > 1_000_000_000_000L) {
            throw bad(
                    "startPriceTicks",
                    "must be in [" + minStart + ", 10^12] (20 × levelsPerSide + 10000 keeps the book positive), got "
                            + startPriceTicks);
        }
        if (bookIntervalNs < MS || bookIntervalNs > S) {
            throw bad("bookIntervalNs", "must be in [1ms, 1s], got " + bookIntervalNs + "ns");
        }
        if (tickerIntervalNs < 10 * MS || tickerIntervalNs > 10 * S) {
            throw bad("tickerIntervalNs", "must be in [10ms, 10s], got " + tickerIntervalNs + "ns");
        }
        checkRange("marketOrdersPerS", marketOrdersPerS, 1e-9, 1000);
        if (tradeSizeMedianLots < Math.max(1, instrument.minQtyLots()) || tradeSizeMedianLots > 1_000_000_000L) {
            throw bad(
                    "tradeSizeMedianLots",
                    "must be in [" + Math.max(1, instrument.minQtyLots()) + ", 10^9] lots, got " + tradeSizeMedianLots);
        }
        checkRange("tradeSizeSigma", tradeSizeSigma, 0, 3);
        checkRange("limitOrdersPerS", limitOrdersPerS, 1e-9, 10_000);
        if (touchOrderLifetimeNs < MS || touchOrderLifetimeNs > 3600 * S) {
            throw bad("touchOrderLifetimeNs", "must be in [1ms, 1h], got " + touchOrderLifetimeNs + "ns");
        }
        if (restingOrderMedianLots < 1 || restingOrderMedianLots > 1_000_000_000L) {
            throw bad("restingOrderMedianLots", "must be in [1, 10^9] lots, got " + restingOrderMedianLots);
        }
        checkRange("volatilityTicksPerSqrtS", volatilityTicksPerSqrtS, 0, 1000);
        Objects.requireNonNull(startRegime, "generator.startRegime");
        if (regimeMeanDwellNs < 0) {
            throw bad("regimeMeanDwellNs", "must be >= 0 (0 disables switching), got " + regimeMeanDwellNs + "ns");
        }
        checkRange("trendsPerHour", trendsPerHour, 0, 3600);
        if (trendMeanDurationNs < S || trendMeanDurationNs > 86_400 * S) {
            throw bad("trendMeanDurationNs", "must be in [1s, 24h], got " + trendMeanDurationNs + "ns");
        }
        checkRange("trendTicksPerS", trendTicksPerS, 0, 1000);
        if (Math.abs(fundingRateE8) > 5_000_000L) {
            throw bad("fundingRateE8", "must be within ±5000000 (±5 %), got " + fundingRateE8);
        }
    }

    /** A BTCUSDT-like market: 200 levels published every 50 ms, ~6 marketable orders/s, NORMAL regime, seed 1. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(
                DEFAULT_INSTRUMENT,
                DEFAULT_SEED,
                DEFAULT_START_TIME_NS,
                DEFAULT_START_PRICE_TICKS,
                DEFAULT_LEVELS_PER_SIDE,
                DEFAULT_BOOK_INTERVAL_NS,
                DEFAULT_TICKER_INTERVAL_NS,
                DEFAULT_MARKET_ORDERS_PER_S,
                DEFAULT_TRADE_SIZE_MEDIAN_LOTS,
                DEFAULT_TRADE_SIZE_SIGMA,
                DEFAULT_LIMIT_ORDERS_PER_S,
                DEFAULT_TOUCH_ORDER_LIFETIME_NS,
                DEFAULT_RESTING_ORDER_MEDIAN_LOTS,
                DEFAULT_VOLATILITY_TICKS_PER_SQRT_S,
                DEFAULT_START_REGIME,
                DEFAULT_REGIME_MEAN_DWELL_NS,
                DEFAULT_TRENDS_PER_HOUR,
                DEFAULT_TREND_MEAN_DURATION_NS,
                DEFAULT_TREND_TICKS_PER_S,
                DEFAULT_FUNDING_RATE_E8);
    }

    /** This config with another seed. */
    public GeneratorConfig withSeed(long newSeed) {
        return new GeneratorConfig(
                instrument,
                newSeed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another instrument and start price (ticks of that instrument). */
    public GeneratorConfig withInstrument(Instrument newInstrument, long newStartPriceTicks) {
        return new GeneratorConfig(
                newInstrument,
                seed,
                startTimeNs,
                newStartPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another start time. */
    public GeneratorConfig withStartTimeNs(long newStartTimeNs) {
        return new GeneratorConfig(
                instrument,
                seed,
                newStartTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another published depth. */
    public GeneratorConfig withLevelsPerSide(int newLevelsPerSide) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                newLevelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another book publication interval. */
    public GeneratorConfig withBookIntervalNs(long newBookIntervalNs) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                newBookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another marketable-order rate. */
    public GeneratorConfig withMarketOrdersPerS(double newMarketOrdersPerS) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                newMarketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another NORMAL-regime volatility. */
    public GeneratorConfig withVolatilityTicksPerSqrtS(double newVolatility) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                newVolatility,
                startRegime,
                regimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /**
     * This config with a fixed regime: {@code regime} from the start, no Markov switching and no spontaneous trends —
     * a stationary base market for measurements.
     */
    public GeneratorConfig withFixedRegime(Regime regime) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                regime,
                0L,
                0.0,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another regime switching behaviour: start regime and mean dwell (0 = never switch). */
    public GeneratorConfig withRegimes(Regime newStartRegime, long newRegimeMeanDwellNs) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                newStartRegime,
                newRegimeMeanDwellNs,
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /** This config with another spontaneous-trend rate (0 disables them). */
    public GeneratorConfig withTrendsPerHour(double newTrendsPerHour) {
        return new GeneratorConfig(
                instrument,
                seed,
                startTimeNs,
                startPriceTicks,
                levelsPerSide,
                bookIntervalNs,
                tickerIntervalNs,
                marketOrdersPerS,
                tradeSizeMedianLots,
                tradeSizeSigma,
                limitOrdersPerS,
                touchOrderLifetimeNs,
                restingOrderMedianLots,
                volatilityTicksPerSqrtS,
                startRegime,
                regimeMeanDwellNs,
                newTrendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8);
    }

    /**
     * The 99th percentile of the base market's marketable order size in lots, {@code exp(ln(median) + 2.326 σ)}; no
     * single base-market trade is larger than its order, so this bounds the trades' 99th percentile from above.
     */
    public long orderSizeP99Lots() {
        return (long) Math.ceil(tradeSizeMedianLots * Math.exp(2.326 * tradeSizeSigma));
    }

    private static void checkRange(String key, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            final String low = min == 1e-9 ? "(0" : "[" + min;
            throw bad(key, "must be in " + low + ", " + max + "], got " + v);
        }
    }

    private static IllegalArgumentException bad(String key, String message) {
        return new IllegalArgumentException("generator." + key + ": " + message);
    }
}
