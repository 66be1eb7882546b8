package io.scalper.core.backtest;

import io.scalper.core.config.BacktestConfig;

/**
 * Latency between the strategy and the simulated exchange: how long a command takes to reach the matching engine
 * ({@link #entryNs}) and how long an answer takes to come back ({@link #responseNs}).
 */
public interface LatencyModel {
    /** Time for a command sent at {@code nowNs} to reach the matching engine, ns (≥ 0). */
    long entryNs(long nowNs);

    /** Time for an answer produced at {@code nowNs} to reach the strategy, ns (≥ 0). */
    long responseNs(long nowNs);

    /**
     * The latency model of a backtest section: with {@code latencyModel: fixed}, fixed, or log-normal around its
     * medians ({@code latencySigma} above 0) drawn from {@code seed}; with {@code latencyModel: recorded}, the round
     * trips recorded in the sessions at {@code latencyRecording} ({@link #replayed}).
     *
     * @throws IllegalArgumentException naming {@code backtest.latencyRecording} when it holds no recorded round trip
     */
    static LatencyModel of(BacktestConfig backtest, long seed) {
        if (backtest.latencyModel().equals(BacktestConfig.RECORDED)) {
            final long[][] recorded;
            try {
                recorded =
                        io.scalper.core.session.Session.roundTrips(java.nio.file.Path.of(backtest.latencyRecording()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("backtest.latencyRecording: " + e.getMessage(), e);
            }
            return replayed(recorded[0], recorded[1]);
        }
        return backtest.latencySigma() == 0
                ? constant(backtest.orderLatencyNs(), backtest.responseLatencyNs())
                : logNormal(backtest.orderLatencyNs(), backtest.responseLatencyNs(), backtest.latencySigma(), seed);
    }

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

    /**
     * Latencies drawn from a log-normal distribution (the usual shape of network delays: a floor-ish median and a long
     * right tail), from a seeded generator so that a backtest stays reproducible.
     *
     * @param medianEntryNs median order entry latency
     * @param medianResponseNs median response latency
     * @param sigma shape: the standard deviation of the log (0.3 is a mild tail, 1.0 a heavy one)
     * @param seed the generator's seed
     */
    static LatencyModel logNormal(long medianEntryNs, long medianResponseNs, double sigma, long seed) {
        if (medianEntryNs <= 0 || medianResponseNs <= 0) {
            throw new IllegalArgumentException(
                    "median latencies must be > 0, got " + medianEntryNs + " and " + medianResponseNs);
        }
        if (!(sigma >= 0 && sigma <= 5)) {
            throw new IllegalArgumentException("sigma must be in [0, 5], got " + sigma);
        }
        final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        return new LatencyModel() {
            private long draw(long median) {
                final double z = gaussian();
                return Math.max(0, Math.round(median * Math.exp(sigma * z)));
            }

            // Box-Muller on the seeded generator (SplittableRandom has no nextGaussian in Java 17)
            private double gaussian() {
                final double u1 = 1.0 - random.nextDouble();
                final double u2 = random.nextDouble();
                return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }

            @Override
            public long entryNs(long nowNs) {
                return draw(medianEntryNs);
            }

            @Override
            public long responseNs(long nowNs) {
                return draw(medianResponseNs);
            }

            @Override
            public String toString() {
                return "logNormal(median " + medianEntryNs + "ns / " + medianResponseNs + "ns, sigma " + sigma + ")";
            }
        };
    }

    /**
     * Order round trips measured live, replayed: a command sent at t reaches the exchange after half of the round trip
     * measured nearest to t, and its answer comes back after the other half (measured nearest to when it leaves), so
     * that a replay of the same session meets the latencies its live run met, where and when it met them. When the
     * run's clock is outside the measurements' span (more than a minute before the first or after the last: a backtest
     * of another period), they are taken in order instead, cycling.
     *
     * @param timesNs when each round trip was measured, ascending
     * @param roundTripsNs the round trips, ns (&ge; 0)
     */
    static LatencyModel replayed(long[] timesNs, long[] roundTripsNs) {
        if (timesNs.length == 0 || timesNs.length != roundTripsNs.length) {
            throw new IllegalArgumentException("replayed latencies: as many times as round trips, at least one");
        }
        for (int i = 0; i < timesNs.length; i++) {
            if (roundTripsNs[i] < 0 || (i > 0 && timesNs[i] < timesNs[i - 1])) {
                throw new IllegalArgumentException("replayed latencies: round trips >= 0 in time order");
            }
        }
        final long[] times = timesNs.clone();
        final long[] rtts = roundTripsNs.clone();
        final long margin = 60_000_000_000L;
        return new LatencyModel() {
            private int next;

            private long at(long nowNs) {
                if (nowNs < times[0] - margin || nowNs > times[times.length - 1] + margin) {
                    final long v = rtts[next];
                    next = (next + 1) % rtts.length;
                    return v;
                }
                int i = java.util.Arrays.binarySearch(times, nowNs);
                if (i < 0) {
                    i = -i - 1;
                    if (i == times.length || (i > 0 && nowNs - times[i - 1] <= times[i] - nowNs)) {
                        i--;
                    }
                }
                return rtts[i];
            }

            @Override
            public long entryNs(long nowNs) {
                return at(nowNs) / 2;
            }

            @Override
            public long responseNs(long nowNs) {
                final long rt = at(nowNs);
                return rt - rt / 2;
            }

            @Override
            public String toString() {
                return "replayed(" + rtts.length + " round trips)";
            }
        };
    }

    /**
     * Latencies replayed from recorded measurements (e.g. order round-trips from a live run's journal), in order and
     * then again from the start: each command takes the next entry latency, each answer the next response latency.
     */
    static LatencyModel recorded(long[] entryNs, long[] responseNs) {
        if (entryNs.length == 0 || responseNs.length == 0) {
            throw new IllegalArgumentException("recorded latencies: at least one of each");
        }
        for (long v : entryNs) {
            if (v < 0) {
                throw new IllegalArgumentException("recorded latencies must be >= 0, got " + v);
            }
        }
        for (long v : responseNs) {
            if (v < 0) {
                throw new IllegalArgumentException("recorded latencies must be >= 0, got " + v);
            }
        }
        final long[] entries = entryNs.clone();
        final long[] responses = responseNs.clone();
        return new LatencyModel() {
            private int nextEntry;
            private int nextResponse;

            @Override
            public long entryNs(long nowNs) {
                final long v = entries[nextEntry];
                nextEntry = (nextEntry + 1) % entries.length;
                return v;
            }

            @Override
            public long responseNs(long nowNs) {
                final long v = responses[nextResponse];
                nextResponse = (nextResponse + 1) % responses.length;
                return v;
            }

            @Override
            public String toString() {
                return "recorded(" + entries.length + " entry, " + responses.length + " response latencies)";
            }
        };
    }
}
