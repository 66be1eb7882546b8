package io.scalper.core.risk;

import io.scalper.core.feature.Features;
import io.scalper.core.signal.Decision;

/**
 * Everything {@link RiskGates#check} looks at before an entry: a mutable holder the engine owns, refills before each
 * check and reuses (nothing is allocated per check). Setters return {@code this}. {@link #clear()} restores the
 * defaults, under which every gate passes. Owned by the engine thread.
 *
 * <p>Times are ns on the engine's clock (the same clock as {@link #nowNs(long)}), except the funding time, which is
 * exchange epoch ms as {@link io.scalper.core.market.TickerState#nextFundingTimeMs()} gives it.
 */
public final class EntryContext {
    /** Sentinel for a time or size that is unknown or absent (same value as {@code OrderBook.NONE}). */
    public static final long NONE = Long.MIN_VALUE;

    long nowNs;
    Features features;
    Decision decision;
    long positionLots;
    boolean entryWorking;
    long spreadTicks;
    boolean bookSynced;
    long lastBookUpdateNs;
    double latencyNs;
    long nextFundingTimeMs;
    long fundingIntervalHours;
    long lastLossExitNs;
    TradingState tradingState;
    double drawdownMultiplier;
    boolean dailyLossTripped;

    public EntryContext() {
        clear();
    }

    /**
     * Resets every field: time 0, no features or decision, flat, no working entry, spread 1 tick, book synced and
     * updated at time 0, latency unknown, no funding time or interval, no losing trade, ACTIVE, multiplier 1, daily loss not
     * tripped. Every gate passes on a cleared context as long as the book update time keeps up with the time.
     */
    public EntryContext clear() {
        nowNs = 0;
        features = null;
        decision = null;
        positionLots = 0;
        entryWorking = false;
        spreadTicks = 1;
        bookSynced = true;
        lastBookUpdateNs = 0;
        latencyNs = Double.NaN;
        nextFundingTimeMs = NONE;
        fundingIntervalHours = NONE;
        lastLossExitNs = NONE;
        tradingState = TradingState.ACTIVE;
        drawdownMultiplier = 1.0;
        dailyLossTripped = false;
        return this;
    }

    /** Current time, ns. */
    public EntryContext nowNs(long nowNs) {
        this.nowNs = nowNs;
        return this;
    }

    /** Current features; the regime gate reads {@link Features#regime()} ({@code null}: no regime gate). */
    public EntryContext features(Features features) {
        this.features = features;
        return this;
    }

    /** The decision that wants the entry; carried for the caller and custom gates, not read by the built-in gates. */
    public EntryContext decision(Decision decision) {
        this.decision = decision;
        return this;
    }

    /** Signed position in lots (0 = flat). */
    public EntryContext positionLots(long positionLots) {
        this.positionLots = positionLots;
        return this;
    }

    /** Whether an entry order is already working (placed, not yet filled or cancelled). */
    public EntryContext entryWorking(boolean entryWorking) {
        this.entryWorking = entryWorking;
        return this;
    }

    /** Best ask minus best bid, ticks; {@link #NONE} (a side empty) or &le; 0 (crossed) count as a book out of sync. */
    public EntryContext spreadTicks(long spreadTicks) {
        this.spreadTicks = spreadTicks;
        return this;
    }

    /** Whether the book is in sync ({@code OrderBook.isSynced()}). */
    public EntryContext bookSynced(boolean bookSynced) {
        this.bookSynced = bookSynced;
        return this;
    }

    /** When the book last changed, ns on the engine's clock (local receive time); {@link #NONE} = never. */
    public EntryContext lastBookUpdateNs(long lastBookUpdateNs) {
        this.lastBookUpdateNs = lastBookUpdateNs;
        return this;
    }

    /** Measured latency, ns; {@code NaN} or negative = unknown (the gate passes). */
    public EntryContext latencyNs(double latencyNs) {
        this.latencyNs = latencyNs;
        return this;
    }

    /**
     * Latency as the larger of the feed age (now minus the exchange time of the last market event) and the order
     * round-trip, ignoring whichever is unknown ({@code NaN} or negative); unknown when both are.
     */
    public EntryContext latencyNs(double feedAgeNs, double roundTripNs) {
        final boolean feedKnown = feedAgeNs >= 0;
        final boolean roundTripKnown = roundTripNs >= 0;
        this.latencyNs = feedKnown && roundTripKnown
                ? Math.max(feedAgeNs, roundTripNs)
                : feedKnown ? feedAgeNs : roundTripKnown ? roundTripNs : Double.NaN;
        return this;
    }

    /** Next funding time, epoch ms ({@code TickerState.nextFundingTimeMs()}); {@link #NONE} = unknown (passes). */
    public EntryContext nextFundingTimeMs(long nextFundingTimeMs) {
        this.nextFundingTimeMs = nextFundingTimeMs;
        return this;
    }

    /**
     * Funding interval in hours ({@code TickerState.fundingIntervalHours()}), from which the previous funding time is
     * next − interval; {@link #NONE} = unknown (only the next funding time is checked).
     */
    public EntryContext fundingIntervalHours(long fundingIntervalHours) {
        this.fundingIntervalHours = fundingIntervalHours;
        return this;
    }

    /** When the last losing trade closed, ns; {@link #NONE} = none. */
    public EntryContext lastLossExitNs(long lastLossExitNs) {
        this.lastLossExitNs = lastLossExitNs;
        return this;
    }

    /** The kill switch's state ({@link KillSwitch#tradingState()}); {@code null} counts as tripped. */
    public EntryContext tradingState(TradingState tradingState) {
        this.tradingState = tradingState;
        return this;
    }

    /** Size multiplier from {@link DrawdownTiers#multiplier()}; 0 (or NaN) = halted. */
    public EntryContext drawdownMultiplier(double drawdownMultiplier) {
        this.drawdownMultiplier = drawdownMultiplier;
        return this;
    }

    /** Whether the daily loss limit is tripped ({@link DailyLossLimit#isTripped()}). */
    public EntryContext dailyLossTripped(boolean dailyLossTripped) {
        this.dailyLossTripped = dailyLossTripped;
        return this;
    }

    public long nowNs() {
        return nowNs;
    }

    public Features features() {
        return features;
    }

    public Decision decision() {
        return decision;
    }

    public long positionLots() {
        return positionLots;
    }

    public boolean entryWorking() {
        return entryWorking;
    }

    public long spreadTicks() {
        return spreadTicks;
    }

    public boolean bookSynced() {
        return bookSynced;
    }

    public long lastBookUpdateNs() {
        return lastBookUpdateNs;
    }

    public double latencyNs() {
        return latencyNs;
    }

    public long nextFundingTimeMs() {
        return nextFundingTimeMs;
    }

    public long fundingIntervalHours() {
        return fundingIntervalHours;
    }

    public long lastLossExitNs() {
        return lastLossExitNs;
    }

    public TradingState tradingState() {
        return tradingState;
    }

    public double drawdownMultiplier() {
        return drawdownMultiplier;
    }

    public boolean dailyLossTripped() {
        return dailyLossTripped;
    }

    @Override
    public String toString() {
        return "EntryContext[now=" + nowNs + " position=" + positionLots + " entryWorking=" + entryWorking + " spread="
                + spreadTicks + " synced=" + bookSynced + " lastBook=" + lastBookUpdateNs + " latencyNs=" + latencyNs
                + " nextFundingMs=" + nextFundingTimeMs + " fundingIntervalH=" + fundingIntervalHours + " lastLossExit="
                + lastLossExitNs + " state=" + tradingState
                + " multiplier=" + drawdownMultiplier + " dailyLossTripped=" + dailyLossTripped + "]";
    }
}
