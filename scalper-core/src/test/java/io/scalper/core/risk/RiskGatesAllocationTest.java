package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.testing.Allocations;
import io.scalper.core.testing.MarketScript;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks that {@link RiskGates#check} allocates nothing, with the JVM's per-thread allocation counter (HotSpot only; see {@link Allocations}). */
class RiskGatesAllocationTest {
    private static final int CHECKS = 200_000;
    private static final long MS = 1_000_000L;

    @Test
    void shouldNotAllocateWhenCheckingEntries() {
        final MarketScript market = new MarketScript();
        market.flatBook(1000, 10);
        final RiskGates gates = new RiskGates(RiskConfig.defaults());
        final EntryContext ctx = new EntryContext().features(market.features()).decision(market.decision());
        final long[] spreads = new long[CHECKS];
        final long[] ages = new long[CHECKS];
        final double[] latencies = new double[CHECKS];
        final long[] positions = new long[CHECKS];
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < CHECKS; i++) {
            spreads[i] = random.nextLong(-1, 5);
            ages[i] = random.nextLong(0, 3_000 * MS);
            latencies[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble(0, 120 * MS);
            positions[i] = random.nextInt(8) == 0 ? 1 : 0;
        }

        final long[] sink = {run(gates, ctx, spreads, ages, latencies, positions, MarketScript.START_NS)};
        final long allocatedBytes = Allocations.bytes(() -> sink[0] +=
                run(gates, ctx, spreads, ages, latencies, positions, MarketScript.START_NS + 3_600_000 * MS));

        assertThat(sink[0]).isNotZero();
        assertThat(gates.allowed()).isPositive();
        assertThat(allocatedBytes).as("bytes allocated over %d checks", CHECKS).isLessThan(16_384);
    }

    private static long run(
            RiskGates gates,
            EntryContext ctx,
            long[] spreads,
            long[] ages,
            double[] latencies,
            long[] positions,
            long startNs) {
        long sink = 0;
        long nowNs = startNs;
        for (int i = 0; i < spreads.length; i++) {
            nowNs += 10 * MS;
            ctx.nowNs(nowNs)
                    .spreadTicks(spreads[i])
                    .lastBookUpdateNs(nowNs - ages[i])
                    .latencyNs(latencies[i])
                    .positionLots(positions[i])
                    .nextFundingTimeMs(nowNs / MS + (i & 1023) * 1_000)
                    .fundingIntervalHours(8)
                    .lastLossExitNs((i & 63) == 0 ? nowNs : EntryContext.NONE);
            final RefusalReason r = gates.check(ctx);
            sink += r == null ? 1 : r.ordinal() + 2;
        }
        return sink;
    }
}
