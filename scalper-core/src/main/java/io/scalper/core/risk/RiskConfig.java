package io.scalper.core.risk;

/**
 * Risk limits (YAML section {@code risk}). Immutable; validated on construction with an
 * {@link IllegalArgumentException} whose message starts with the key, e.g. {@code risk.riskPerTrade: must be in (0,
 * 0.1], got 2.0}. Durations ({@code ...Ns}) are written without the suffix in YAML: {@code maxLatency: 80ms}.
 *
 * <p>"R" is the nominal risk of one trade: equity × {@code riskPerTrade}, before drawdown scaling.
 *
 * @param riskPerTrade fraction of equity risked per trade, in (0, 0.1]; default 0.005 (0.5 %)
 * @param drawdownTiers size multipliers by drawdown from the equity peak: comma-separated
 *     {@code threshold:multiplier} pairs, thresholds strictly increasing in (0, 1), multipliers in [0, 1] and
 *     non-increasing; a tier applies from its threshold (inclusive) up to the next; below the first threshold the
 *     multiplier is 1; a multiplier of 0 halts entries; an empty string never scales. Default
 *     {@code "0.02:0.5,0.04:0.25,0.06:0"}
 * @param dailyLossR realised net loss within one UTC day, in R, that trips the daily limit (&gt; 0); default 10
 * @param slippageBreachBps a fill worse than what its order type should expect (a limit: its price; a market or
 *     stop-market order: half the spread plus twice the mid's one-second volatility) by more than this many basis
 *     points of price is a breach (&ge; 0); default 5
 * @param slippageBreachesToKill breaches after which the kill switch should trip (&ge; 1); default 3
 * @param maxSpreadTicks widest spread, in ticks, at which an entry is allowed (&ge; 1); default 2
 * @param maxLatencyNs highest measured latency at which an entry is allowed (&gt; 0); default 80 ms
 * @param fundingWindowNs no entry within this long before or after a funding time (&ge; 0); default 3 min
 * @param lossCooldownNs no entry for this long after a losing trade closed (&ge; 0); default 5 s
 * @param maxBookAgeNs no entry when the book has not been updated for longer than this (&gt; 0); default 2 s
 * @param maxPositionNotional largest order/position value in quote currency (USDT), (&gt; 0); default 100,000
 * @param maxLeverage largest order/position value as a multiple of equity, in (0, 200]; default 10 (with several
 *     symbols on one account, also the largest value of all positions together as a multiple of the account's equity)
 * @param maxTotalNotional largest value of all positions and working entries together, all symbols of the account,
 *     quote currency (&gt; 0); default 200,000 (binds only when several symbols trade on one account)
 * @param flattenOnKill whether an open position is closed when the kill switch trips (otherwise only reducing orders
 *     are allowed and the position's own exits close it); default true
 * @param fundingClose whether a position open when the funding window starts is closed (so the strategy stays flat
 *     {@code fundingWindow} around funding times); {@code false} holds it through funding; default true
 */
public record RiskConfig(
        double riskPerTrade,
        String drawdownTiers,
        double dailyLossR,
        double slippageBreachBps,
        int slippageBreachesToKill,
        long maxSpreadTicks,
        long maxLatencyNs,
        long fundingWindowNs,
        long lossCooldownNs,
        long maxBookAgeNs,
        double maxPositionNotional,
        double maxLeverage,
        double maxTotalNotional,
        boolean flattenOnKill,
        boolean fundingClose) {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Default of {@code risk.riskPerTrade}: 0.5 % of equity. */
    public static final double DEFAULT_RISK_PER_TRADE = 0.005;
    /** Default of {@code risk.drawdownTiers}: half size from 2 %, a quarter from 4 %, halt from 6 %. */
    public static final String DEFAULT_DRAWDOWN_TIERS = "0.02:0.5,0.04:0.25,0.06:0";
    /** Default of {@code risk.dailyLossR}. */
    public static final double DEFAULT_DAILY_LOSS_R = 10.0;
    /** Default of {@code risk.slippageBreachBps}. */
    public static final double DEFAULT_SLIPPAGE_BREACH_BPS = 5.0;
    /** Default of {@code risk.slippageBreachesToKill}. */
    public static final int DEFAULT_SLIPPAGE_BREACHES_TO_KILL = 3;
    /** Default of {@code risk.maxSpreadTicks}. */
    public static final long DEFAULT_MAX_SPREAD_TICKS = 2;
    /** Default of {@code risk.maxLatency}: 80 ms. */
    public static final long DEFAULT_MAX_LATENCY_NS = 80 * MS;
    /** Default of {@code risk.fundingWindow}: 3 min. */
    public static final long DEFAULT_FUNDING_WINDOW_NS = 180 * S;
    /** Default of {@code risk.lossCooldown}: 5 s. */
    public static final long DEFAULT_LOSS_COOLDOWN_NS = 5 * S;
    /** Default of {@code risk.maxBookAge}: 2 s. */
    public static final long DEFAULT_MAX_BOOK_AGE_NS = 2 * S;
    /** Default of {@code risk.maxPositionNotional}: 100,000 quote currency. */
    public static final double DEFAULT_MAX_POSITION_NOTIONAL = 100_000.0;
    /** Default of {@code risk.maxLeverage}. */
    public static final double DEFAULT_MAX_LEVERAGE = 10.0;
    /** Default of {@code risk.maxTotalNotional}: 200,000 quote currency, all symbols together. */
    public static final double DEFAULT_MAX_TOTAL_NOTIONAL = 200_000.0;
    /** Default of {@code risk.flattenOnKill}. */
    public static final boolean DEFAULT_FLATTEN_ON_KILL = true;
    /** Default of {@code risk.fundingClose}. */
    public static final boolean DEFAULT_FUNDING_CLOSE = true;

    public RiskConfig {
        if (!(riskPerTrade > 0 && riskPerTrade <= 0.1)) {
            throw new IllegalArgumentException("risk.riskPerTrade: must be in (0, 0.1], got " + riskPerTrade);
        }
        if (drawdownTiers == null) {
            throw new IllegalArgumentException("risk.drawdownTiers: must not be null (use \"\" for no tiers)");
        }
        DrawdownTiers.parse(drawdownTiers);
        if (!(dailyLossR > 0 && Double.isFinite(dailyLossR))) {
            throw new IllegalArgumentException("risk.dailyLossR: must be > 0, got " + dailyLossR);
        }
        if (!(slippageBreachBps >= 0 && Double.isFinite(slippageBreachBps))) {
            throw new IllegalArgumentException("risk.slippageBreachBps: must be >= 0, got " + slippageBreachBps);
        }
        if (slippageBreachesToKill < 1) {
            throw new IllegalArgumentException(
                    "risk.slippageBreachesToKill: must be >= 1, got " + slippageBreachesToKill);
        }
        if (maxSpreadTicks < 1) {
            throw new IllegalArgumentException("risk.maxSpreadTicks: must be >= 1, got " + maxSpreadTicks);
        }
        if (maxLatencyNs <= 0) {
            throw new IllegalArgumentException("risk.maxLatency: must be > 0, got " + maxLatencyNs + "ns");
        }
        if (fundingWindowNs < 0) {
            throw new IllegalArgumentException("risk.fundingWindow: must be >= 0, got " + fundingWindowNs + "ns");
        }
        if (lossCooldownNs < 0) {
            throw new IllegalArgumentException("risk.lossCooldown: must be >= 0, got " + lossCooldownNs + "ns");
        }
        if (maxBookAgeNs <= 0) {
            throw new IllegalArgumentException("risk.maxBookAge: must be > 0, got " + maxBookAgeNs + "ns");
        }
        if (!(maxPositionNotional > 0 && Double.isFinite(maxPositionNotional))) {
            throw new IllegalArgumentException("risk.maxPositionNotional: must be > 0, got " + maxPositionNotional);
        }
        if (!(maxLeverage > 0 && maxLeverage <= 200)) {
            throw new IllegalArgumentException("risk.maxLeverage: must be in (0, 200], got " + maxLeverage);
        }
        if (!(maxTotalNotional > 0 && Double.isFinite(maxTotalNotional))) {
            throw new IllegalArgumentException("risk.maxTotalNotional: must be > 0, got " + maxTotalNotional);
        }
    }

    /** The defaults documented above (and in {@code config/default.yaml}). */
    public static RiskConfig defaults() {
        return new RiskConfig(
                DEFAULT_RISK_PER_TRADE,
                DEFAULT_DRAWDOWN_TIERS,
                DEFAULT_DAILY_LOSS_R,
                DEFAULT_SLIPPAGE_BREACH_BPS,
                DEFAULT_SLIPPAGE_BREACHES_TO_KILL,
                DEFAULT_MAX_SPREAD_TICKS,
                DEFAULT_MAX_LATENCY_NS,
                DEFAULT_FUNDING_WINDOW_NS,
                DEFAULT_LOSS_COOLDOWN_NS,
                DEFAULT_MAX_BOOK_AGE_NS,
                DEFAULT_MAX_POSITION_NOTIONAL,
                DEFAULT_MAX_LEVERAGE,
                DEFAULT_MAX_TOTAL_NOTIONAL,
                DEFAULT_FLATTEN_ON_KILL,
                DEFAULT_FUNDING_CLOSE);
    }

    /** The nominal risk of one trade ("1 R") at {@code equity}, quote currency: equity × {@link #riskPerTrade()}. */
    public double riskUnit(double equity) {
        return equity * riskPerTrade;
    }
}
