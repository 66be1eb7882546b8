package io.scalper.core.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.testing.Allocations;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardReturnsTest {
    private static final long MS = 1_000_000L;

    record Resolved(long index, long timeNs, double score, double bps) {}

    private final List<Resolved> resolved = new ArrayList<>();
    private double sum;

    private ForwardReturns recording(long horizonMs, long intervalMs) {
        return new ForwardReturns(
                horizonMs * MS, intervalMs * MS, (i, t, s, bps) -> resolved.add(new Resolved(i, t, s, bps)));
    }

    @Test
    void shouldMeasureFromTheLastMidAtOrBeforeTheDecisionToTheLastMidAtOrBeforeTheHorizon() {
        final ForwardReturns f = recording(1000, 250);
        f.onMid(0, 100);
        f.onMid(400 * MS, 101);
        assertThat(f.onDecision(500 * MS, 0.7)).isTrue();
        f.onMid(500 * MS, 102); // at the decision time: still "at or before" it
        f.onMid(900 * MS, 103);
        f.onMid(1500 * MS, 104); // at t + h exactly
        assertThat(resolved).isEmpty();
        f.onMid(1501 * MS, 110); // the first mid after t + h resolves it

        assertThat(resolved).hasSize(1);
        final Resolved r = resolved.get(0);
        assertThat(r.index()).isZero();
        assertThat(r.timeNs()).isEqualTo(500 * MS);
        assertThat(r.score()).isEqualTo(0.7);
        assertThat(r.bps()).isCloseTo((104.0 - 102.0) / 102.0 * 1e4, within(1e-9));
    }

    @Test
    void shouldResolveMidsThatArriveAfterTheDecisionWithEarlierExchangeTimes() {
        // exchange-time mids received 100 ms late: the decision at 500 is registered before the mid of 450 arrives
        final ForwardReturns f = recording(250, 250);
        f.onMid(0, 100);
        f.onDecision(500 * MS, -0.4);
        f.onMid(450 * MS, 120);
        f.onMid(700 * MS, 130);
        f.onMid(760 * MS, 140);

        assertThat(resolved)
                .singleElement()
                .satisfies(r -> assertThat(r.bps()).isCloseTo((130.0 - 120.0) / 120.0 * 1e4, within(1e-9)));
    }

    @Test
    void shouldRecordAtMostOneDecisionPerIntervalAndNoNonFiniteScore() {
        final ForwardReturns f = recording(1000, 250);
        assertThat(f.onDecision(0, 0.1)).isTrue();
        assertThat(f.onDecision(249 * MS, 0.2)).isFalse();
        assertThat(f.onDecision(250 * MS, Double.NaN)).isFalse();
        assertThat(f.onDecision(250 * MS, 0.3)).isTrue();
        assertThat(f.recorded()).isEqualTo(2);
        assertThat(f.pending()).isEqualTo(2);
    }

    @Test
    void shouldDropADecisionWithoutAMidBeforeIt() {
        final ForwardReturns f = recording(250, 250);
        f.onDecision(100 * MS, 0.5);
        f.onMid(200 * MS, 100);
        f.onMid(400 * MS, 101);

        assertThat(resolved).isEmpty();
        assertThat(f.dropped()).isEqualTo(1);
        assertThat(f.pending()).isZero();
    }

    @Test
    void shouldStartFromTheLatestMidWhenALaterMidCameFirst() {
        final ForwardReturns f = recording(250, 250);
        f.onMid(0, 100);
        f.onMid(600 * MS, 105); // clocks apart: the mid is "later" than the decision below
        f.onDecision(500 * MS, 0.5);
        f.onMid(700 * MS, 106);
        f.onMid(800 * MS, 107);

        assertThat(resolved)
                .singleElement()
                .satisfies(r -> assertThat(r.bps()).isCloseTo((106.0 - 105.0) / 105.0 * 1e4, within(1e-9)));
    }

    @Test
    void shouldDropTheOldestWhenMidsStopComing() {
        final ForwardReturns f = recording(250, 250);
        f.onMid(0, 100);
        final int n = f.capacity() + 3;
        for (int i = 0; i < n; i++) {
            f.onDecision(i * 250 * MS, 0.1);
        }
        assertThat(f.dropped()).isEqualTo(3);
        assertThat(f.pending()).isEqualTo(f.capacity());
        f.onMid(n * 250 * MS + 1, 101);
        // every waiting decision resolves against the only mid before it and before its horizon: 0 bps
        assertThat(resolved.get(0).index()).isEqualTo(3);
        assertThat(resolved)
                .hasSize(f.capacity())
                .allSatisfy(r -> assertThat(r.bps()).isZero());
    }

    @Test
    void shouldRefuseAHorizonOrIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> recording(0, 250)).hasMessageContaining("horizonNs must be > 0");
        assertThatThrownBy(() -> recording(250, 0)).hasMessageContaining("sampleIntervalNs must be > 0");
    }

    /** Against a brute-force oracle: random decision grids, random mid streams, a constant random feed latency. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void shouldAgreeWithTheDefinitionOnRandomStreams(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final long horizon = (1 + random.nextInt(20)) * 250 * MS;
        final long latency = random.nextLong(200 * MS);
        final int mids = 20_000;
        final long[] midTimes = new long[mids];
        final double[] midValues = new double[mids];
        long t = random.nextLong(500 * MS);
        double m = 1000;
        for (int i = 0; i < mids; i++) {
            midTimes[i] = t;
            midValues[i] = m;
            t += 1 + (long) (random.nextExponential() * 80 * MS);
            m = Math.max(1, m + (random.nextBoolean() ? 0.5 : -0.5));
        }
        final List<long[]> decisions = new ArrayList<>(); // time, and score bits
        for (long d = 0; d < t; d += 250 * MS) {
            if (random.nextInt(5) > 0) {
                decisions.add(new long[] {d, Double.doubleToLongBits(random.nextDouble() * 2 - 1)});
            }
        }
        final ForwardReturns f =
                new ForwardReturns(horizon, 250 * MS, (i, time, s, bps) -> resolved.add(new Resolved(i, time, s, bps)));
        // deliver in arrival order: a mid at time x arrives at x + latency; a decision at its own time
        int mi = 0;
        for (long[] d : decisions) {
            while (mi < mids && midTimes[mi] + latency <= d[0]) {
                f.onMid(midTimes[mi], midValues[mi]);
                mi++;
            }
            f.onDecision(d[0], Double.longBitsToDouble(d[1]));
        }
        while (mi < mids) {
            f.onMid(midTimes[mi], midValues[mi]);
            mi++;
        }

        final List<Resolved> expected = new ArrayList<>();
        for (int k = 0; k < decisions.size(); k++) {
            final long d = decisions.get(k)[0];
            final int start = lastAtOrBefore(midTimes, d);
            final int end = lastAtOrBefore(midTimes, d + horizon);
            if (start < 0 || end == mids - 1) {
                continue; // no mid before it, or no mid after its horizon yet
            }
            expected.add(new Resolved(
                    k,
                    d,
                    Double.longBitsToDouble(decisions.get(k)[1]),
                    (midValues[end] - midValues[start]) / midValues[start] * 1e4));
        }
        assertThat(resolved).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            final Resolved a = resolved.get(k);
            final Resolved e = expected.get(k);
            assertThat(a.index()).isEqualTo(e.index());
            assertThat(a.timeNs()).isEqualTo(e.timeNs());
            assertThat(a.score()).isEqualTo(e.score());
            assertThat(a.bps()).isCloseTo(e.bps(), within(1e-9));
        }
        assertThat(f.resolved()).isEqualTo(expected.size());
    }

    private static int lastAtOrBefore(long[] times, long t) {
        int lo = -1;
        int hi = times.length - 1;
        while (lo < hi) {
            final int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Test
    void shouldAllocateNothingPerDecisionOrMid() {
        final ForwardReturns f = new ForwardReturns(5_000 * MS, 250 * MS, (i, t, s, bps) -> sum += bps);
        final long[] clock = {0};
        final Runnable pass = () -> {
            for (int i = 0; i < 200_000; i++) {
                final long t = clock[0] += 50 * MS;
                f.onMid(t - 30 * MS, 1000 + (i & 7));
                f.onDecision(t, ((i * 37) & 63) / 64.0 - 0.5);
            }
        };
        pass.run();
        final long bytes = Allocations.bytes(pass);

        assertThat(f.resolved()).isGreaterThan(70_000);
        assertThat(bytes).as("bytes allocated over 400,000 calls").isLessThan(1024);
    }
}
