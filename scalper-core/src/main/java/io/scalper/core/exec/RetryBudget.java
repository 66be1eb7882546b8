package io.scalper.core.exec;

/**
 * A bounded, backed-off allowance for one automatic action (re-placing a bracket leg, re-sending a cancel, re-trying
 * a flatten, looking up an order). The first attempt is allowed at once; attempt {@code n ≥ 2} only {@code
 * backoff × 2^(n-2)} (capped at {@code maxBackoff}) after the previous one; after {@code maxAttempts} attempts the
 * budget is spent until {@link #reset()} (the action succeeded) — the caller then escalates (kill switch, venue
 * check) instead of trying again.
 *
 * <p>Times are caller-supplied nanoseconds compared by subtraction. Allocation-free. Owned by one thread.
 */
public final class RetryBudget {
    private final int maxAttempts;
    private final long backoffNs;
    private final long maxBackoffNs;
    private int attempts;
    private long nextAllowedNs;
    private long exhaustions;

    /**
     * @param maxAttempts attempts allowed before the budget is spent (≥ 0; 0: always spent)
     * @param backoffNs wait before the second attempt (≥ 0); doubled for each later one
     * @param maxBackoffNs cap of the wait (≥ {@code backoffNs})
     */
    public RetryBudget(int maxAttempts, long backoffNs, long maxBackoffNs) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts: must be >= 0, got " + maxAttempts);
        }
        if (backoffNs < 0 || maxBackoffNs < backoffNs) {
            throw new IllegalArgumentException(
                    "backoff: need 0 <= backoffNs <= maxBackoffNs, got " + backoffNs + " and " + maxBackoffNs);
        }
        this.maxAttempts = maxAttempts;
        this.backoffNs = backoffNs;
        this.maxBackoffNs = maxBackoffNs;
    }

    /** A budget with the retry settings of {@code config}: {@code 1 + maxRetries} attempts. */
    public static RetryBudget of(ExecutionConfig config) {
        return new RetryBudget(1 + config.maxRetries(), config.retryBackoffNs(), config.retryMaxBackoffNs());
    }

    /** Whether an attempt is allowed at {@code nowNs}. */
    public boolean ready(long nowNs) {
        return attempts < maxAttempts && (attempts == 0 || nowNs - nextAllowedNs >= 0);
    }

    /**
     * Takes an attempt if one is allowed now.
     *
     * @return whether the caller may act now
     */
    public boolean tryAcquire(long nowNs) {
        if (!ready(nowNs)) {
            return false;
        }
        attempts++;
        if (attempts == maxAttempts) {
            exhaustions++;
        }
        nextAllowedNs = nowNs + waitAfter(attempts);
        return true;
    }

    private long waitAfter(int attempt) {
        final int shift = Math.min(attempt - 1, 30);
        final long w = backoffNs << shift;
        return w < 0 || w > maxBackoffNs || (shift > 0 && (w >> shift) != backoffNs) ? maxBackoffNs : w;
    }

    /** Whether every attempt has been used: the action must not be tried again until {@link #reset()}. */
    public boolean isSpent() {
        return attempts >= maxAttempts;
    }

    /** Whether at least one attempt was made since the last {@link #reset()}. */
    public boolean isInUse() {
        return attempts > 0;
    }

    /** Attempts made since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** When the next attempt becomes allowed (meaningful while {@link #isInUse()} and not {@link #isSpent()}). */
    public long nextAllowedNs() {
        return nextAllowedNs;
    }

    /** How many times the budget has been spent in full (monotonic, survives {@link #reset()}). */
    public long exhaustions() {
        return exhaustions;
    }

    /** The action succeeded (or its subject changed): attempts start again from zero. */
    public void reset() {
        attempts = 0;
    }

    @Override
    public String toString() {
        return "RetryBudget[" + attempts + "/" + maxAttempts + "]";
    }
}
