package io.scalper.core.synthetic;

/**
 * What a running scenario forbids the background order flow, per resting side ({@link SyntheticMarket#BID}, {@link
 * SyntheticMarket#ASK}): a guard price the touch may not be taken to or behind, a frozen price nobody may touch, a
 * limit no new or improving order may be placed better than, and marketable orders of one aggressor side suppressed.
 * {@link SimLevels#NONE} (false) means no constraint.
 */
final class FlowConstraints {
    /** Removing the best level may not bring the touch to or behind this price. */
    final long[] guard = {SimLevels.NONE, SimLevels.NONE};
    /** No order may change the size at this price. */
    final long[] frozen = {SimLevels.NONE, SimLevels.NONE};
    /** No new resting order may be better than this price. */
    final long[] addLimit = {SimLevels.NONE, SimLevels.NONE};
    /** Background marketable orders of this aggressor side ({@code Side.ordinal()}) are dropped. */
    final boolean[] suppressTaker = new boolean[2];

    /** Lifts every constraint. */
    void release() {
        for (int s = SyntheticMarket.BID; s <= SyntheticMarket.ASK; s++) {
            guard[s] = SimLevels.NONE;
            frozen[s] = SimLevels.NONE;
            addLimit[s] = SimLevels.NONE;
        }
        suppressTaker[0] = false;
        suppressTaker[1] = false;
    }
}
