package io.scalper.core.risk;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each {@link RefusalReason} occurred: a {@code long[]} indexed by ordinal, so counting allocates nothing.
 * Owned by the engine thread; not thread-safe.
 */
public final class RefusalCounters {
    private static final RefusalReason[] REASONS = RefusalReason.values();

    private final long[] counts = new long[REASONS.length];

    /** Counts one occurrence of {@code reason}. Allocates nothing. */
    public void increment(RefusalReason reason) {
        counts[reason.ordinal()]++;
    }

    /** Occurrences of {@code reason} so far. */
    public long count(RefusalReason reason) {
        return counts[reason.ordinal()];
    }

    /** Occurrences of every reason together. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Sets every count to 0. */
    public void reset() {
        Arrays.fill(counts, 0);
    }

    /**
     * An immutable copy of every count, keyed by {@link RefusalReason#code()}, in declaration order, including the
     * reasons that never occurred (so reports have a stable shape). Allocates; for reports, not the hot path.
     */
    public Map<String, Long> snapshot() {
        final Map<String, Long> out = new LinkedHashMap<>();
        for (RefusalReason r : REASONS) {
            out.put(r.code(), counts[r.ordinal()]);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("RefusalCounters[");
        boolean first = true;
        for (RefusalReason r : REASONS) {
            final long c = counts[r.ordinal()];
            if (c != 0) {
                b.append(first ? "" : " ").append(r.code()).append('=').append(c);
                first = false;
            }
        }
        return b.append(']').toString();
    }
}
