package io.scalper.core.tape;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.model.Side;
import io.scalper.core.testing.Allocations;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks the no-allocation contract with the JVM's per-thread allocation counter (HotSpot only). */
class TradeTapeAllocationTest {
    private static final int TRADES = 200_000;

    @Test
    void shouldNotAllocateWhenRecordingTradesAdvancingAndQuerying() {
        final TradeTape tape = new TradeTape(new TapeConfig(1024, new long[] {1_000_000L, 50_000_000L}, 512, 0.95, 50));
        final long[] gapsNs = new long[TRADES];
        final long[] sizesLots = new long[TRADES];
        final long[] pricesTicks = new long[TRADES];
        final Side[] sides = new Side[TRADES];
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < TRADES; i++) {
            gapsNs[i] = random.nextLong(200_000);
            sizesLots[i] = random.nextLong(1, 1L << 20);
            pricesTicks[i] = random.nextLong(999_000, 1_001_000);
            sides[i] = random.nextBoolean() ? Side.BUY : Side.SELL;
        }

        final long[] sink = {run(tape, gapsNs, pricesTicks, sizesLots, sides, 1_700_000_000_000_000_000L)};
        final long allocatedBytes =
                Allocations.bytes(() -> sink[0] += run(tape, gapsNs, pricesTicks, sizesLots, sides, tape.nowNs() + 1));

        assertThat(sink[0]).isNotZero();
        assertThat(allocatedBytes).as("bytes allocated over %d trades", TRADES).isLessThan(16_384);
    }

    private static long run(
            TradeTape tape, long[] gapsNs, long[] pricesTicks, long[] sizesLots, Side[] sides, long startNs) {
        long nowNs = startNs;
        long sink = 0;
        for (int i = 0; i < gapsNs.length; i++) {
            nowNs += gapsNs[i];
            tape.onTrade(nowNs, pricesTicks[i], sizesLots[i], sides[i]);
            if ((i & 7) == 0) {
                tape.advanceTo(nowNs + gapsNs[i]);
            }
            sink += tape.sizeQuantileLots((i & 1) == 0 ? 0.99 : 0.5);
            sink += tape.isLarge(sizesLots[i]) ? 1 : 0;
            for (int w = 0; w < tape.windowCount(); w++) {
                final RollingWindow window = tape.window(w);
                sink += window.netVolumeLots() + window.count() + window.highTicks() + window.lowTicks();
                sink += (long) (window.vwapTicks() + window.flowImbalance());
            }
            sink += tape.priceTicksAt(Math.min(i, tape.size() - 1))
                    + tape.aggressorAt(0).ordinal();
        }
        return sink;
    }
}
