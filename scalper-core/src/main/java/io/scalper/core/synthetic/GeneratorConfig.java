package io.scalper.core.synthetic;

import io.scalper.core.model.Instrument;
import java.util.Objects;

/**
 * Parameters of a {@link SyntheticMarket}, validated at construction (an {@link IllegalArgumentException} names the
 * key, e.g. {@code generator.bookIntervalNs: must be in [1ms, 1s], got 0ns}). Rates and sizes are those of the NORMAL
 * {@link Regime}; the other regimes scale them. {@link #defaults()} is a BTCUSDT-like market.
 *
 * <h2>Two models of the mid</h2>
 * {@link #predictability()} chooses how the mid moves.
 * <ul>
 *   <li>{@link #LEGACY_PREDICTABILITY} (−1, the default of {@link #defaults()}): the original queue-reactive model. The
 *       mid moves when a best level is exhausted, so the thinner side tends to go first and the top-of-book imbalance
 *       predicts the next move (~68 %); takers lean toward a latent fair value; every pattern is followed by a drift in
 *       its direction. A market built to make the signals right — useful for plumbing, not as evidence of edge.
 *   <li>A value in [0, 1]: the <em>martingale</em> model. The mid moves only at book publications, by a symmetric
 *       random walk of one-tick steps (Poisson rate {@code volatilityTicksPerSqrtS² × regime multiplier²} per second,
 *       so the variance per second is exactly that) whose direction is a fair coin drawn from nothing the market has
 *       shown; the background's trades, cancellations and new orders never move it (a touch they would empty is
 *       refilled to the minimum quantity; burst trades are absorbed the same way), and a sweep moves it at a book
 *       publication by the levels it takes, the other side following. Every pattern still happens (book shapes, bursts, sweeps, spoofs, icebergs, regimes, trends),
 *       but with {@code predictability} 0 nothing before a step says anything about its direction: the published mid
 *       is a martingale with respect to everything published before it. After each spoof, iceberg, sweep and burst a
 *       move of {@link #patternMoveBps()} (or the scenario's {@code drift} in ticks) is injected as one-tick steps
 *       over the scenario's {@code driftTime}: a share {@code predictability} of those steps goes the pattern's
 *       {@link ScenarioKind#direction()}, the rest are fair coins. So the expected move after a pattern is
 *       {@code predictability × patternMoveBps} in its direction, and with 0 the injected steps only add volatility.
 *       Trends (scenario or spontaneous) are steps at their rate with the same share. While a spoof, iceberg, sweep or
 *       burst runs the random walk pauses (a pattern cannot bias its own path), and during the injected move it runs
 *       at a quarter of its volatility, as in the legacy model.
 * </ul>
 *
 * <h2>Calibrated profiles</h2>
 * {@link #btcusdt()} and {@link #ethusdt()} are martingale-model markets (predictability 0) whose volatility, spread,
 * trade rate and trade sizes follow published figures for Bybit's BTCUSDT and ETHUSDT perpetuals; each method names
 * its sources. {@link #profile(String)} looks them up by name.
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
 * @param predictability {@link #LEGACY_PREDICTABILITY} for the legacy model, or the share in [0, 1] of each injected
 *     move's steps that follow the pattern's direction in the martingale model
 * @param patternMoveBps size of the move injected after each pattern in the martingale model, bps of the mid, [0,
 *     1000] (unused by the legacy model)
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
        long fundingRateE8,
        double predictability,
        double patternMoveBps) {

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
    /** {@link #predictability()} selecting the legacy queue-reactive model (not a share). */
    public static final double LEGACY_PREDICTABILITY = -1.0;

    public static final double DEFAULT_PREDICTABILITY = LEGACY_PREDICTABILITY;
    /** 10 bps: about one taker round trip at Bybit's non-VIP fees (2 × 5.5 bps). */
    public static final double DEFAULT_PATTERN_MOVE_BPS = 10.0;

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
        if (predictability != LEGACY_PREDICTABILITY && !(predictability >= 0 && predictability <= 1)) {
            throw bad(
                    "predictability",
                    "must be in [0, 1] (or " + LEGACY_PREDICTABILITY + " for the legacy model), got " + predictability);
        }
        checkRange("patternMoveBps", patternMoveBps, 0, 1000);
    }

    /**
     * The config of the legacy model without the predictability fields: {@link #DEFAULT_PREDICTABILITY} (the legacy
     * queue-reactive model) and {@link #DEFAULT_PATTERN_MOVE_BPS}.
     */
    public GeneratorConfig(
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
        this(
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
                trendsPerHour,
                trendMeanDurationNs,
                trendTicksPerS,
                fundingRateE8,
                DEFAULT_PREDICTABILITY,
                DEFAULT_PATTERN_MOVE_BPS);
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
                DEFAULT_FUNDING_RATE_E8,
                DEFAULT_PREDICTABILITY,
                DEFAULT_PATTERN_MOVE_BPS);
    }

    // ------------------------------------------------------------------ calibrated profiles

    /** Seconds in a year of 365 days (crypto trades every day; realised volatility is annualised by √365 days). */
    public static final double SECONDS_PER_YEAR = 365 * 86_400.0;

    /**
     * BTC's annualised realised volatility, 50 %: Glassnode's one-month annualised daily realised volatility averaged
     * about 50 % through 2024 to March 2025 (reported by CoinDesk, 18 March 2025, when it neared 70 % against "a mean of
     * about 50"), and "between 40 % and 55 %" over the 2023–24 uptrend (Glassnode, mid-2024).
     */
    public static final double BTCUSDT_ANNUAL_VOLATILITY = 0.50;

    /**
     * ETH's annualised realised volatility, 75 %: 74.4 % over the year to the analysis, against 41.3 % for BTC in the
     * same analysis (a 2025 Bitcoin-vs-Ethereum risk comparison published on getwewrite.app); ETH has run above BTC for
     * most of the years since 2022 (Kaiko).
     */
    public static final double ETHUSDT_ANNUAL_VOLATILITY = 0.75;

    /**
     * BTCUSDT volume over 24 hours, 17,573.912 BTC: Bybit's own {@code volume24h} in the first ticker of the recorded
     * public stream of {@code linear-4sym-2026-08-09} (turnover 1.142 billion USDT; a quiet day: the 24 h range was 0.9 %).
     */
    public static final double BTCUSDT_VOLUME_PER_DAY = 17_573.912;

    /** ETHUSDT volume over 24 hours, 267,231.19 ETH: Bybit's {@code volume24h} in the same recording (513 million USDT). */
    public static final double ETHUSDT_VOLUME_PER_DAY = 267_231.19;

    /**
     * Median BTCUSDT trade (one {@code publicTrade} print), 0.007 BTC: the median of the 56 BTCUSDT prints of the
     * 45-second recording.
     */
    public static final double BTCUSDT_TRADE_MEDIAN = 0.007;

    /**
     * Log-normal shape of BTCUSDT prints, 2.66: the shape whose prints — rounded to the lot, at least the minimum
     * quantity, at most 1000 × the median, as the generator draws them — have the standard deviation of log size of the
     * recording's 56 prints (2.14; 13 of them at the 0.001 minimum).
     */
    public static final double BTCUSDT_TRADE_SIGMA = 2.66;

    /** Median ETHUSDT print, 0.10 ETH: the median of the 23 ETHUSDT prints of the same recording. */
    public static final double ETHUSDT_TRADE_MEDIAN = 0.10;

    /** Log-normal shape of ETHUSDT prints, 2.18: fitted like {@link #BTCUSDT_TRADE_SIGMA} to the recording's 1.92. */
    public static final double ETHUSDT_TRADE_SIGMA = 2.18;

    /** Drift of a spontaneous trend in the profiles: 0.15 bps per second (9 bps a minute), before predictability. */
    public static final double PROFILE_TREND_BPS_PER_S = 0.15;

    /**
     * A BTCUSDT perpetual calibrated to published figures (martingale model, predictability 0, seed 1):
     * <ul>
     *   <li>instrument as Bybit lists it (tick 0.10, step and minimum 0.001, minimum notional 5), price 65,000 (the
     *       recording's BTCUSDT traded at 65,114);
     *   <li>volatility {@link #BTCUSDT_ANNUAL_VOLATILITY} in the long run over the free-switching regimes, i.e.
     *       0.89 bps per √s, 57.9 ticks per √s at 65,000; the NORMAL regime's {@code volatilityTicksPerSqrtS} is that
     *       divided by √{@link #longRunVarianceFactor()} (≈ 45.0);
     *   <li>spread one tick: the martingale model keeps it at one tick, as in every one of the 414 BTCUSDT book messages
     *       of the recording;
     *   <li>trade sizes log-normal with the recording's median and spread ({@link #BTCUSDT_TRADE_MEDIAN},
     *       {@link #BTCUSDT_TRADE_SIGMA}; a mean of about 0.147 BTC, the recording's prints averaged 0.126); trade rate
     *       such that the long-run volume is {@link #BTCUSDT_VOLUME_PER_DAY} a day: about 1.38 prints per second
     *       (1.29 in the NORMAL regime; the recording printed 1.29 per second);
     *   <li>book: 200 levels every 100 ms and a ticker every 100 ms (Bybit's cadence for {@code orderbook.200} and
     *       {@code tickers}), resting orders of 0.007 BTC median (the median of the recording's 20 best levels);
     *       funding 0.0001.
     * </ul>
     * What this does not calibrate: queue sizes at the touch (Bybit's BTCUSDT touch held a median 7.2 BTC in the
     * recording), intraday seasonality, and jumps larger than the regimes give.
     */
    public static GeneratorConfig btcusdt() {
        return calibrated(
                DEFAULT_INSTRUMENT,
                650_000L,
                BTCUSDT_ANNUAL_VOLATILITY,
                BTCUSDT_VOLUME_PER_DAY,
                BTCUSDT_TRADE_MEDIAN,
                BTCUSDT_TRADE_SIGMA,
                0.007);
    }

    /**
     * An ETHUSDT perpetual calibrated like {@link #btcusdt()}: tick 0.01, step and minimum 0.01, minimum notional 5;
     * price 1,922.50 (the recording's ETHUSDT); volatility {@link #ETHUSDT_ANNUAL_VOLATILITY} long-run (25.7 ticks per
     * √s); one-tick spread (every one of the recording's 421 ETHUSDT book messages); trade sizes
     * {@link #ETHUSDT_TRADE_MEDIAN} median, {@link #ETHUSDT_TRADE_SIGMA} shape (a mean of about 0.99 ETH; the recording's
     * 23 prints averaged 0.51); volume {@link #ETHUSDT_VOLUME_PER_DAY} a day, about 3.1 prints per second (the 45 s
     * recording printed 0.5 per second — 23 prints are too few to pin the mean size down); resting orders of 1.29 ETH
     * median (the median of the recording's 20 best ETHUSDT levels).
     */
    public static GeneratorConfig ethusdt() {
        return calibrated(
                Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5"),
                192_250L,
                ETHUSDT_ANNUAL_VOLATILITY,
                ETHUSDT_VOLUME_PER_DAY,
                ETHUSDT_TRADE_MEDIAN,
                ETHUSDT_TRADE_SIGMA,
                1.29);
    }

    /** The profiles {@link #profile(String)} knows. */
    public static final java.util.List<String> PROFILES = java.util.List.of("default", "btcusdt", "ethusdt");

    /**
     * A profile by name, ignoring case: {@code default} ({@link #defaults()}), {@code btcusdt}, {@code ethusdt}.
     *
     * @throws IllegalArgumentException naming the key {@code generator.profile} for another name
     */
    public static GeneratorConfig profile(String name) {
        Objects.requireNonNull(name, "generator.profile");
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "default":
                return defaults();
            case "btcusdt":
                return btcusdt();
            case "ethusdt":
                return ethusdt();
            default:
                throw bad("profile", "must be one of " + PROFILES + ", got '" + name + "'");
        }
    }

    /**
     * Long-run volatility in ticks per √second of a market of {@code annualVolatility} at {@code priceTicks}:
     * {@code annualVolatility / √SECONDS_PER_YEAR × priceTicks}.
     */
    public static double ticksPerSqrtSecond(double annualVolatility, long priceTicks) {
        return annualVolatility / Math.sqrt(SECONDS_PER_YEAR) * priceTicks;
    }

    /**
     * Mean of a log-normal order size (median {@code medianLots}, shape {@code sigma}) capped at {@code capLots}, as the
     * generator draws them: {@code E[min(X, cap)]}.
     */
    public static double cappedLogNormalMean(double medianLots, double sigma, double capLots) {
        if (sigma == 0) {
            return Math.min(medianLots, capLots);
        }
        final double a = Math.log(capLots / medianLots);
        return medianLots * Math.exp(sigma * sigma / 2) * normalCdf((a - sigma * sigma) / sigma)
                + capLots * (1 - normalCdf(a / sigma));
    }

    private static GeneratorConfig calibrated(
            Instrument instrument,
            long priceTicks,
            double annualVolatility,
            double volumePerDay,
            double tradeMedian,
            double tradeSigma,
            double restingMedian) {
        final double lot = instrument.qtyStep().doubleValue();
        final long tradeMedianLots = Math.max(1, Math.round(tradeMedian / lot));
        final long restingMedianLots = Math.max(1, Math.round(restingMedian / lot));
        final GeneratorConfig shape = new GeneratorConfig(
                instrument,
                DEFAULT_SEED,
                DEFAULT_START_TIME_NS,
                priceTicks,
                DEFAULT_LEVELS_PER_SIDE,
                100_000_000L,
                100_000_000L,
                DEFAULT_MARKET_ORDERS_PER_S,
                tradeMedianLots,
                tradeSigma,
                DEFAULT_LIMIT_ORDERS_PER_S,
                DEFAULT_TOUCH_ORDER_LIFETIME_NS,
                restingMedianLots,
                1.0,
                DEFAULT_START_REGIME,
                DEFAULT_REGIME_MEAN_DWELL_NS,
                DEFAULT_TRENDS_PER_HOUR,
                DEFAULT_TREND_MEAN_DURATION_NS,
                PROFILE_TREND_BPS_PER_S * 1e-4 * priceTicks,
                DEFAULT_FUNDING_RATE_E8,
                0.0,
                DEFAULT_PATTERN_MOVE_BPS);
        final double normalVolatility =
                ticksPerSqrtSecond(annualVolatility, priceTicks) / Math.sqrt(shape.longRunVarianceFactor());
        final double lotsPerS = volumePerDay / 86_400.0 / lot;
        final double meanOrderLots = cappedLogNormalMean(tradeMedianLots, tradeSigma, 1000.0 * tradeMedianLots);
        final double ordersPerS = lotsPerS / meanOrderLots / shape.longRunTakerRateFactor();
        return shape.edit(d -> {
            d.volatilityTicksPerSqrtS = normalVolatility;
            d.marketOrdersPerS = ordersPerS;
        });
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf, absolute error below 1.5e-7). */
    static double normalCdf(double x) {
        final double z = Math.abs(x) / Math.sqrt(2);
        final double t = 1 / (1 + 0.3275911 * z);
        final double poly =
                t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        final double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** This config with another seed. */
    public GeneratorConfig withSeed(long newSeed) {
        return edit(d -> d.seed = newSeed);
    }

    /** This config with another instrument and start price (ticks of that instrument). */
    public GeneratorConfig withInstrument(Instrument newInstrument, long newStartPriceTicks) {
        return edit(d -> {
            d.instrument = newInstrument;
            d.startPriceTicks = newStartPriceTicks;
        });
    }

    /** This config with another start time. */
    public GeneratorConfig withStartTimeNs(long newStartTimeNs) {
        return edit(d -> d.startTimeNs = newStartTimeNs);
    }

    /** This config with another published depth. */
    public GeneratorConfig withLevelsPerSide(int newLevelsPerSide) {
        return edit(d -> d.levelsPerSide = newLevelsPerSide);
    }

    /** This config with another book publication interval. */
    public GeneratorConfig withBookIntervalNs(long newBookIntervalNs) {
        return edit(d -> d.bookIntervalNs = newBookIntervalNs);
    }

    /** This config with another marketable-order rate. */
    public GeneratorConfig withMarketOrdersPerS(double newMarketOrdersPerS) {
        return edit(d -> d.marketOrdersPerS = newMarketOrdersPerS);
    }

    /** This config with another NORMAL-regime volatility. */
    public GeneratorConfig withVolatilityTicksPerSqrtS(double newVolatility) {
        return edit(d -> d.volatilityTicksPerSqrtS = newVolatility);
    }

    /**
     * This config with a fixed regime: {@code regime} from the start, no Markov switching and no spontaneous trends —
     * a stationary base market for measurements.
     */
    public GeneratorConfig withFixedRegime(Regime regime) {
        return edit(d -> {
            d.startRegime = regime;
            d.regimeMeanDwellNs = 0L;
            d.trendsPerHour = 0.0;
        });
    }

    /** This config with another regime switching behaviour: start regime and mean dwell (0 = never switch). */
    public GeneratorConfig withRegimes(Regime newStartRegime, long newRegimeMeanDwellNs) {
        return edit(d -> {
            d.startRegime = newStartRegime;
            d.regimeMeanDwellNs = newRegimeMeanDwellNs;
        });
    }

    /** This config with another spontaneous-trend rate (0 disables them). */
    public GeneratorConfig withTrendsPerHour(double newTrendsPerHour) {
        return edit(d -> d.trendsPerHour = newTrendsPerHour);
    }

    /**
     * This config with another predictability: a value in [0, 1] selects the martingale model (see the class comment),
     * {@link #LEGACY_PREDICTABILITY} the original queue-reactive one.
     */
    public GeneratorConfig withPredictability(double newPredictability) {
        return edit(d -> d.predictability = newPredictability);
    }

    /** This config with another size of the move injected after each pattern (martingale model only), in bps. */
    public GeneratorConfig withPatternMoveBps(double newPatternMoveBps) {
        return edit(d -> d.patternMoveBps = newPatternMoveBps);
    }

    /** Whether this config selects the martingale model ({@link #predictability()} in [0, 1]). */
    public boolean martingale() {
        return predictability >= 0;
    }

    /**
     * The time-averaged factor on the NORMAL-regime variance when regimes switch freely: the regimes' variance
     * multipliers ({@link Regime#volatilityMultiplier()} squared) weighted by the share of time the Markov chain spends
     * in each (its stationary distribution times the mean dwell). About 1.65 (a long-run volatility about 1.29 times
     * the NORMAL one); 1 for the start regime's own multiplier squared when switching is off.
     */
    public double longRunVarianceFactor() {
        if (regimeMeanDwellNs == 0) {
            final double m = startRegime.volatilityMultiplier();
            return m * m;
        }
        final double[] share = Regime.timeShares();
        double v = 0;
        for (Regime r : Regime.values()) {
            v += share[r.ordinal()] * r.volatilityMultiplier() * r.volatilityMultiplier();
        }
        return v;
    }

    /** Like {@link #longRunVarianceFactor()} for the rate of marketable orders ({@link Regime#takerRateMultiplier()}). */
    public double longRunTakerRateFactor() {
        if (regimeMeanDwellNs == 0) {
            return startRegime.takerRateMultiplier();
        }
        final double[] share = Regime.timeShares();
        double v = 0;
        for (Regime r : Regime.values()) {
            v += share[r.ordinal()] * r.takerRateMultiplier();
        }
        return v;
    }

    private GeneratorConfig edit(java.util.function.Consumer<Draft> change) {
        final Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** Mutable copy of every field, for the withers. */
    private static final class Draft {
        Instrument instrument;
        long seed;
        long startTimeNs;
        long startPriceTicks;
        int levelsPerSide;
        long bookIntervalNs;
        long tickerIntervalNs;
        double marketOrdersPerS;
        long tradeSizeMedianLots;
        double tradeSizeSigma;
        double limitOrdersPerS;
        long touchOrderLifetimeNs;
        long restingOrderMedianLots;
        double volatilityTicksPerSqrtS;
        Regime startRegime;
        long regimeMeanDwellNs;
        double trendsPerHour;
        long trendMeanDurationNs;
        double trendTicksPerS;
        long fundingRateE8;
        double predictability;
        double patternMoveBps;

        Draft(GeneratorConfig c) {
            instrument = c.instrument;
            seed = c.seed;
            startTimeNs = c.startTimeNs;
            startPriceTicks = c.startPriceTicks;
            levelsPerSide = c.levelsPerSide;
            bookIntervalNs = c.bookIntervalNs;
            tickerIntervalNs = c.tickerIntervalNs;
            marketOrdersPerS = c.marketOrdersPerS;
            tradeSizeMedianLots = c.tradeSizeMedianLots;
            tradeSizeSigma = c.tradeSizeSigma;
            limitOrdersPerS = c.limitOrdersPerS;
            touchOrderLifetimeNs = c.touchOrderLifetimeNs;
            restingOrderMedianLots = c.restingOrderMedianLots;
            volatilityTicksPerSqrtS = c.volatilityTicksPerSqrtS;
            startRegime = c.startRegime;
            regimeMeanDwellNs = c.regimeMeanDwellNs;
            trendsPerHour = c.trendsPerHour;
            trendMeanDurationNs = c.trendMeanDurationNs;
            trendTicksPerS = c.trendTicksPerS;
            fundingRateE8 = c.fundingRateE8;
            predictability = c.predictability;
            patternMoveBps = c.patternMoveBps;
        }

        GeneratorConfig build() {
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
                    trendsPerHour,
                    trendMeanDurationNs,
                    trendTicksPerS,
                    fundingRateE8,
                    predictability,
                    patternMoveBps);
        }
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
