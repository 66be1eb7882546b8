package io.scalper.core.risk;

import io.scalper.core.feature.Features;
import io.scalper.core.feature.VolRegime;
import java.util.Objects;

/**
 * The pre-entry gate: {@link #check(EntryContext)} returns {@code null} when an entry is allowed, otherwise the first
 * failing reason in this order (each refusal is also counted in {@link #counters()}):
 *
 * <ol>
 *   <li>{@link RefusalReason#KILL_SWITCH}: the trading state is not {@link TradingState#ACTIVE} (or is null);
 *   <li>{@link RefusalReason#DAILY_LOSS_LIMIT}: the daily loss limit is tripped;
 *   <li>{@link RefusalReason#HALTED_DRAWDOWN}: the drawdown multiplier is not &gt; 0;
 *   <li>{@link RefusalReason#BOOK_OUT_OF_SYNC}: the book is not synced, or the spread is unknown or &le; 0;
 *   <li>{@link RefusalReason#BOOK_STALE}: the book never updated, or {@code nowNs − lastBookUpdateNs >
 *       }{@link RiskConfig#maxBookAgeNs()};
 *   <li>{@link RefusalReason#REGIME_EXTREME}: {@link Features#regime()} is {@link VolRegime#EXTREME} (no features:
 *       passes);
 *   <li>{@link RefusalReason#SPREAD_TOO_WIDE}: spread &gt; {@link RiskConfig#maxSpreadTicks()};
 *   <li>{@link RefusalReason#LATENCY_TOO_HIGH}: latency &gt; {@link RiskConfig#maxLatencyNs()} (unknown: passes);
 *   <li>{@link RefusalReason#FUNDING_WINDOW}: now is within {@link RiskConfig#fundingWindowNs()} (inclusive) before
 *       or after a funding time (unknown: passes);
 *   <li>{@link RefusalReason#COOLDOWN}: {@code nowNs − lastLossExitNs < }{@link RiskConfig#lossCooldownNs()};
 *   <li>{@link RefusalReason#POSITION_OPEN}: the position is not flat;
 *   <li>{@link RefusalReason#ENTRY_WORKING}: an entry order is already working.
 * </ol>
 *
 * <p>Hard stops come first, then market-data health, then market conditions, then our own state, so the counted
 * reason says the most about why the strategy is idle.
 *
 * <p>The ticker only gives the <em>next</em> funding time, and moves it on once funding settles; the previous funding
 * time is taken as next − {@link EntryContext#fundingIntervalHours(long) funding interval} (funding times sit on a fixed
 * grid). Without a known interval only the next funding time is checked.
 *
 * <p>{@code check} allocates nothing. Owned by the engine thread.
 */
public final class RiskGates {
    private static final long NONE = EntryContext.NONE;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NS_PER_HOUR = 3_600_000_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS / 2;
    private static final long MAX_INTERVAL_HOURS = 24 * 366;

    private final RiskConfig config;
    private final long maxSpreadTicks;
    private final double maxLatencyNs;
    private final long fundingWindowNs;
    private final long lossCooldownNs;
    private final long maxBookAgeNs;
    private final RefusalCounters counters = new RefusalCounters();
    private long checks;
    private long allowed;

    public RiskGates(RiskConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.maxSpreadTicks = config.maxSpreadTicks();
        this.maxLatencyNs = config.maxLatencyNs();
        this.fundingWindowNs = config.fundingWindowNs();
        this.lossCooldownNs = config.lossCooldownNs();
        this.maxBookAgeNs = config.maxBookAgeNs();
    }

    public RiskConfig config() {
        return config;
    }

    /**
     * Checks whether an entry is allowed now and counts the refusal, if any.
     *
     * @return {@code null} when allowed, else the first failing reason in the documented order
     */
    public RefusalReason check(EntryContext ctx) {
        checks++;
        final RefusalReason reason = firstFailure(ctx);
        if (reason == null) {
            allowed++;
        } else {
            counters.increment(reason);
        }
        return reason;
    }

    private RefusalReason firstFailure(EntryContext ctx) {
        final long nowNs = ctx.nowNs;
        if (ctx.tradingState != TradingState.ACTIVE) {
            return RefusalReason.KILL_SWITCH;
        }
        if (ctx.dailyLossTripped) {
            return RefusalReason.DAILY_LOSS_LIMIT;
        }
        if (!(ctx.drawdownMultiplier > 0)) {
            return RefusalReason.HALTED_DRAWDOWN;
        }
        if (!ctx.bookSynced || ctx.spreadTicks <= 0) {
            return RefusalReason.BOOK_OUT_OF_SYNC;
        }
        if (ctx.lastBookUpdateNs == NONE || nowNs - ctx.lastBookUpdateNs > maxBookAgeNs) {
            return RefusalReason.BOOK_STALE;
        }
        final Features features = ctx.features;
        if (features != null && features.regime() == VolRegime.EXTREME) {
            return RefusalReason.REGIME_EXTREME;
        }
        if (ctx.spreadTicks > maxSpreadTicks) {
            return RefusalReason.SPREAD_TOO_WIDE;
        }
        if (ctx.latencyNs > maxLatencyNs) {
            return RefusalReason.LATENCY_TOO_HIGH;
        }
        if (nearFunding(nowNs, ctx.nextFundingTimeMs, ctx.fundingIntervalHours)) {
            return RefusalReason.FUNDING_WINDOW;
        }
        if (ctx.lastLossExitNs != NONE && nowNs - ctx.lastLossExitNs < lossCooldownNs) {
            return RefusalReason.COOLDOWN;
        }
        if (ctx.positionLots != 0) {
            return RefusalReason.POSITION_OPEN;
        }
        if (ctx.entryWorking) {
            return RefusalReason.ENTRY_WORKING;
        }
        return null;
    }

    private boolean nearFunding(long nowNs, long nextFundingMs, long intervalHours) {
        if (nextFundingMs == NONE || nextFundingMs > MAX_MS || nextFundingMs < -MAX_MS) {
            return false;
        }
        final long distanceNs = nowNs - nextFundingMs * NS_PER_MS;
        if (distanceNs >= -fundingWindowNs && distanceNs <= fundingWindowNs) {
            return true;
        }
        if (intervalHours <= 0 || intervalHours > MAX_INTERVAL_HOURS) {
            return false;
        }
        final long sincePreviousNs = distanceNs + intervalHours * NS_PER_HOUR;
        return sincePreviousNs >= -fundingWindowNs && sincePreviousNs <= fundingWindowNs;
    }

    /** Refusals counted so far, by reason. */
    public RefusalCounters counters() {
        return counters;
    }

    /** Checks made. */
    public long checks() {
        return checks;
    }

    /** Checks that allowed an entry. */
    public long allowed() {
        return allowed;
    }

    @Override
    public String toString() {
        return "RiskGates[checks=" + checks + " allowed=" + allowed + " " + counters + "]";
    }
}
