package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Order traffic as received: totals, the busiest rolling second, refusals by code. */
class OrderTrafficMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldFindTheBusiestRollingSecond() {
        final OrderTrafficMeter m = new OrderTrafficMeter();
        for (long t : new long[] {0, 500, 900, 1_200, 1_250, 3_000}) {
            m.received(t * MS);
        }
        final BybitEmulator.OrderTraffic t = m.snapshot();
        assertThat(t.requests()).isEqualTo(6);
        // 500, 900, 1200, 1250 fall within one second; 0 and 1200 do not
        assertThat(t.maxPerSecond()).isEqualTo(4);
    }

    @Test
    void shouldCountRefusalsByCodeAndTellInjectedOnesApart() {
        final OrderTrafficMeter m = new OrderTrafficMeter();
        m.answered(0, false);
        m.answered(10006, true);
        m.answered(10006, false);
        m.answered(110001, false);
        m.answered(110007, true);
        final BybitEmulator.OrderTraffic t = m.snapshot();
        assertThat(t.refusals()).isEqualTo(Map.of(10006, 2L, 110001, 1L, 110007, 1L));
        assertThat(t.injectedRefusals()).isEqualTo(Map.of(10006, 1L, 110007, 1L));
        assertThat(t.refused(10006)).isEqualTo(2);
        assertThat(t.refused(10001)).isZero();
        assertThat(t.rateLimited()).isEqualTo(1);
        m.answered(10006, false);
        assertThat(t.refused(10006)).as("a snapshot does not change").isEqualTo(2);
    }
}
