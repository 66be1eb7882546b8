package io.scalper.core.risk;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Stops entries, and then all trading, when something is wrong. {@link #trip} moves an {@link TradingState#ACTIVE}
 * switch to {@link TradingState#REDUCING} (only reducing orders: exits, stops, flattening), or straight to
 * {@link TradingState#HALTED} when there is no position; {@link #onPositionFlat} completes REDUCING → HALTED;
 * {@link #halt} goes to HALTED at once. Nothing un-trips it except an explicit {@link #reset()} or the
 * {@link #release(RefusalReason) release} of every reason that tripped it (e.g. {@link RefusalReason#DAILY_LOSS_LIMIT}
 * when a new UTC day begins).
 *
 * <p>Every reason that tripped it is remembered, so releasing one (the daily loss on a new day) does not resume trading
 * while another (slippage breaches) still holds. The first reason and its time are kept for journals. The
 * {@link State} can be exported and restored across restarts. Owned by the engine thread.
 */
public final class KillSwitch {
    /** Sentinel time: never tripped. */
    public static final long NEVER = Long.MIN_VALUE;

    private static final RefusalReason[] REASONS = RefusalReason.values();

    static {
        if (REASONS.length > Long.SIZE) {
            throw new ExceptionInInitializerError("KillSwitch keeps reasons in a 64-bit mask");
        }
    }

    /**
     * The persistable state.
     *
     * @param tradingState what is allowed
     * @param reason the first reason still holding, {@code null} exactly when ACTIVE
     * @param trippedNs when it tripped, {@link #NEVER} when ACTIVE
     * @param reasons every reason holding, empty exactly when ACTIVE
     */
    public record State(TradingState tradingState, RefusalReason reason, long trippedNs, Set<RefusalReason> reasons) {
        public State {
            Objects.requireNonNull(tradingState, "tradingState");
            reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
            final boolean active = tradingState == TradingState.ACTIVE;
            if (active != (reason == null)
                    || active != reasons.isEmpty()
                    || (reason != null && !reasons.contains(reason))) {
                throw new IllegalArgumentException("kill switch state: " + tradingState + " with reason " + reason
                        + " and reasons " + reasons + " is inconsistent");
            }
        }

        /** The state of a switch that never tripped. */
        public static State active() {
            return new State(TradingState.ACTIVE, null, NEVER, Set.of());
        }
    }

    private final boolean flattenOnKill;
    private TradingState tradingState = TradingState.ACTIVE;
    private RefusalReason reason;
    private long trippedNs = NEVER;
    private long reasonBits;
    private long trips;

    public KillSwitch(RiskConfig config) {
        this.flattenOnKill = Objects.requireNonNull(config, "config").flattenOnKill();
    }

    /**
     * Trips the switch: ACTIVE → REDUCING. When already tripped, {@code reason} is added and the state is unchanged.
     *
     * @return whether this call tripped it (it was ACTIVE)
     */
    public boolean trip(RefusalReason reason, long nowNs) {
        Objects.requireNonNull(reason, "reason");
        reasonBits |= bit(reason);
        if (tradingState != TradingState.ACTIVE) {
            return false;
        }
        tradingState = TradingState.REDUCING;
        this.reason = reason;
        trippedNs = nowNs;
        trips++;
        return true;
    }

    /**
     * Trips the switch knowing the position: REDUCING while {@code positionLots != 0}, HALTED when flat.
     *
     * @return whether this call tripped it (it was ACTIVE)
     */
    public boolean trip(RefusalReason reason, long nowNs, long positionLots) {
        final boolean tripped = trip(reason, nowNs);
        if (positionLots == 0) {
            onPositionFlat(nowNs);
        }
        return tripped;
    }

    /**
     * Halts at once, whatever the position: no new orders, not even reducing ones.
     *
     * @return whether the trading state changed
     */
    public boolean halt(RefusalReason reason, long nowNs) {
        trip(reason, nowNs);
        if (tradingState == TradingState.HALTED) {
            return false;
        }
        tradingState = TradingState.HALTED;
        return true;
    }

    /**
     * Tells the switch the position is flat: REDUCING → HALTED; no effect otherwise.
     *
     * @return whether the state changed
     */
    public boolean onPositionFlat(long nowNs) {
        if (tradingState != TradingState.REDUCING) {
            return false;
        }
        tradingState = TradingState.HALTED;
        return true;
    }

    /**
     * Withdraws one reason. When it was the last, trading resumes (ACTIVE).
     *
     * @return whether this call made the switch ACTIVE again
     */
    public boolean release(RefusalReason reason) {
        Objects.requireNonNull(reason, "reason");
        if ((reasonBits & bit(reason)) == 0) {
            return false;
        }
        reasonBits &= ~bit(reason);
        if (reasonBits == 0) {
            reset();
            return true;
        }
        if (this.reason == reason) {
            this.reason = REASONS[Long.numberOfTrailingZeros(reasonBits)];
        }
        return false;
    }

    /** Un-trips the switch explicitly: ACTIVE, every reason forgotten. */
    public void reset() {
        tradingState = TradingState.ACTIVE;
        reason = null;
        trippedNs = NEVER;
        reasonBits = 0;
    }

    /** What is allowed now. */
    public TradingState tradingState() {
        return tradingState;
    }

    /** Whether the switch is tripped (not ACTIVE). */
    public boolean isTripped() {
        return tradingState != TradingState.ACTIVE;
    }

    /** The first reason still holding, or {@code null} when ACTIVE. */
    public RefusalReason reason() {
        return reason;
    }

    /** Whether {@code reason} is among the reasons holding. */
    public boolean holds(RefusalReason reason) {
        return (reasonBits & bit(reason)) != 0;
    }

    /** When it tripped, or {@link #NEVER} when ACTIVE. */
    public long trippedNs() {
        return trippedNs;
    }

    /** How many times it went from ACTIVE to tripped in this process. */
    public long trips() {
        return trips;
    }

    /** Whether the engine should close the open position now: REDUCING and {@link RiskConfig#flattenOnKill()}. */
    public boolean shouldFlatten() {
        return flattenOnKill && tradingState == TradingState.REDUCING;
    }

    /** Whether a new order is allowed now (see {@link TradingState#allowsOrder(boolean)}). */
    public boolean allowsOrder(boolean reduceOnly) {
        return tradingState.allowsOrder(reduceOnly);
    }

    /** The state to persist. */
    public State state() {
        final EnumSet<RefusalReason> set = EnumSet.noneOf(RefusalReason.class);
        for (RefusalReason r : REASONS) {
            if (holds(r)) {
                set.add(r);
            }
        }
        return new State(tradingState, reason, trippedNs, set);
    }

    /** Restores a persisted state as it is (a tripped switch stays tripped). */
    public void restore(State state) {
        Objects.requireNonNull(state, "state");
        long bits = 0;
        for (RefusalReason r : state.reasons()) {
            bits |= bit(r);
        }
        tradingState = state.tradingState();
        reason = state.reason();
        trippedNs = state.trippedNs();
        reasonBits = bits;
    }

    private static long bit(RefusalReason reason) {
        return 1L << reason.ordinal();
    }

    @Override
    public String toString() {
        return "KillSwitch[" + tradingState.code() + (reason == null ? "" : " reason=" + reason.code()) + "]";
    }
}
