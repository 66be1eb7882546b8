package io.scalper.bybit.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BybitWsConnectionTest {

    @Test
    void shouldDrawBackoffBetweenHalfAndFullExponentialDelayUpToCap() {
        final SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            assertThat(BybitWsConnection.backoffMs(0, 500, 30_000, random)).isBetween(250L, 500L);
            assertThat(BybitWsConnection.backoffMs(1, 500, 30_000, random)).isBetween(500L, 1_000L);
            assertThat(BybitWsConnection.backoffMs(3, 500, 30_000, random)).isBetween(2_000L, 4_000L);
            assertThat(BybitWsConnection.backoffMs(6, 500, 30_000, random)).isBetween(15_000L, 30_000L);
            assertThat(BybitWsConnection.backoffMs(63, 500, 30_000, random)).isBetween(15_000L, 30_000L);
        }
    }

    @Test
    void shouldDrawSameDelaysFromSameSeed() {
        final SplittableRandom a = new SplittableRandom(9);
        final SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 10; i++) {
            assertThat(BybitWsConnection.backoffMs(i, 500, 30_000, a))
                    .isEqualTo(BybitWsConnection.backoffMs(i, 500, 30_000, b));
        }
    }

    @Test
    void shouldRejectInvalidConfigNamingTheKey() {
        assertThatThrownBy(() -> BybitWsConfig.defaults().withHeartbeat(0, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pingIntervalMs");
        assertThatThrownBy(() -> BybitWsConfig.defaults().withBackoff(1000, 10)).hasMessageStartingWith("backoffMaxMs");
    }

    @Test
    void shouldDrainEventsInOrderAndCountDropsWhenFull() {
        final EventQueue q = new EventQueue(2);
        assertThat(q.offer(EventQueue.CONNECTED, null, 1)).isTrue();
        assertThat(q.offer(EventQueue.TEXT, "a", 2)).isTrue();
        assertThat(q.offer(EventQueue.TEXT, "b", 3)).isFalse();
        assertThat(q.dropped()).isEqualTo(1);
        final StringBuilder seen = new StringBuilder();
        assertThat(q.drain(
                        (kind, text, t) ->
                                seen.append(kind).append(text).append(t).append(';'),
                        10))
                .isEqualTo(2);
        assertThat(seen.toString()).isEqualTo("11;2a2;");
    }
}
