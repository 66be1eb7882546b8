package io.scalper.core.risk;

/**
 * The outcome of {@link PositionSizer#size}: either a quantity or a refusal.
 *
 * @param lots order quantity in lots (a whole number of quantity steps), &gt; 0 when accepted, 0 when refused
 * @param riskAmount the R of the trade actually sized, quote currency: lots × stop distance × value of one tick on
 *     one lot; 0 when refused
 * @param refusal why no order should be placed, or {@code null} when accepted
 * @param uncappedLots the size the risk budget asked for, before the position and leverage caps (0 when refused)
 * @param cappedBy {@link RefusalReason#MAX_POSITION} or {@link RefusalReason#MAX_LEVERAGE} when that cap cut the size
 *     (the trade then risks {@link #riskAmount()}, less than the budget), else {@code null}
 */
public record SizingResult(
        long lots, double riskAmount, RefusalReason refusal, long uncappedLots, RefusalReason cappedBy) {
    public SizingResult {
        if (refusal == null ? lots <= 0 : lots != 0) {
            throw new IllegalArgumentException(
                    "sizing: an accepted size needs lots > 0 and a refusal needs 0 lots, got " + lots + " / "
                            + refusal);
        }
    }

    /** An accepted size that no cap cut, or a refusal. */
    public SizingResult(long lots, double riskAmount, RefusalReason refusal) {
        this(lots, riskAmount, refusal, lots, null);
    }

    private static final SizingResult[] REFUSED = refusals();

    /** A refusal: 0 lots, no risk. One shared instance per reason, so refusing allocates nothing. */
    public static SizingResult refused(RefusalReason reason) {
        if (reason == null) {
            throw new IllegalArgumentException("sizing: a refusal needs a reason");
        }
        return REFUSED[reason.ordinal()];
    }

    private static SizingResult[] refusals() {
        final RefusalReason[] reasons = RefusalReason.values();
        final SizingResult[] out = new SizingResult[reasons.length];
        for (final RefusalReason r : reasons) {
            out[r.ordinal()] = new SizingResult(0, 0.0, r);
        }
        return out;
    }

    /** Whether an order of {@link #lots()} may be placed. */
    public boolean accepted() {
        return refusal == null;
    }
}
