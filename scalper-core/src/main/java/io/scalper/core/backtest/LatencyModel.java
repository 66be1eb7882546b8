package io.scalper.core.backtest;

/**
 * Latency between the strategy and the simulated exchange: how long a command takes to reach the matching engine
 * ({@link #entryNs}) and how long an answer takes to come back ({@link #responseNs}).
 */
public interface LatencyModel {
    /** Time for a command sent at {@code nowNs} to reach the matching engine, ns (≥ 0). */
    long entryNs(long nowNs);

    /** Time for an answer produced at {@code nowNs} to reach the strategy, ns (≥ 0). */
    long responseNs(long nowNs);

    /** Fixed latencies. */
    static LatencyModel constant(long entryNs, long responseNs) {
        if (entryNs < 0 || responseNs < 0) {
            throw new IllegalArgumentException("latencies must be >= 0, got " + entryNs + " and " + responseNs);
        }
        return new LatencyModel() {
            @Override
            public long entryNs(long nowNs) {
                return entryNs;
            }

            @Override
            public long responseNs(long nowNs) {
                return responseNs;
            }

            @Override
            public String toString() {
                return "constant(" + entryNs + "ns, " + responseNs + "ns)";
            }
        };
    }
}
