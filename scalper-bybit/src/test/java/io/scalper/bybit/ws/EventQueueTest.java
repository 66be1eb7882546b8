package io.scalper.bybit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.marketdata.BybitMarketDecoder;
import io.scalper.core.testing.Allocations;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-off from the socket's read thread to the engine thread: events come out in order, across the ring's wrap,
 * from concurrent producers, a full queue drops and counts; and from the frame the WebSocket library delivers to the
 * applied book, our side of the read path allocates nothing.
 */
class EventQueueTest {

    @Test
    void shouldHandOverInOrderAcrossTheWrapAndDropWhenFull() {
        final EventQueue q = new EventQueue(3);
        final List<String> seen = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            assertThat(q.offer(EventQueue.TEXT, "a" + round, round)).isTrue();
            assertThat(q.offer(EventQueue.TEXT, "b" + round, round)).isTrue();
            assertThat(q.drain((k, t, ns) -> seen.add(t + "@" + ns), 1)).isEqualTo(1);
            assertThat(q.offer(EventQueue.DISCONNECTED, null, round)).isTrue();
            assertThat(q.offer(EventQueue.TEXT, "c" + round, round)).isTrue();
            assertThat(q.offer(EventQueue.TEXT, "lost", round)).isFalse();
            assertThat(q.size()).isEqualTo(3);
            assertThat(q.drain((k, t, ns) -> seen.add(k + ":" + t + "@" + ns), 10))
                    .isEqualTo(3);
        }
        assertThat(q.dropped()).isEqualTo(5);
        // the first round: a0 alone, then b0, the disconnect (its null text made empty), c0; then the next round
        assertThat(seen.subList(0, 5)).containsExactly("a0@0", "2:b0@0", "3:@0", "2:c0@0", "a1@1");
        assertThat(seen).hasSize(20).doesNotContain("2:lost@0");
    }

    @Test
    void shouldKeepTheEventsAfterOneWhoseConsumerThrew() {
        final EventQueue q = new EventQueue(8);
        for (int i = 0; i < 5; i++) {
            q.offer(EventQueue.TEXT, "f" + i, i);
        }
        final List<String> seen = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.drain(
                        (k, t, ns) -> {
                            seen.add(t);
                            if (ns == 1) {
                                throw new IllegalStateException("boom");
                            }
                        },
                        10))
                .hasMessage("boom");
        assertThat(q.size()).isEqualTo(3);
        q.drain((k, t, ns) -> seen.add(t), 10);
        assertThat(seen).containsExactly("f0", "f1", "f2", "f3", "f4");
        assertThat(q.dropped()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 64, 4096})
    void shouldKeepEachProducersOrderAndCountEveryEvent(int capacity) throws InterruptedException {
        final EventQueue q = new EventQueue(capacity);
        final int perProducer = 50_000;
        final String[] texts = new String[perProducer];
        for (int i = 0; i < perProducer; i++) {
            texts[i] = Integer.toString(i);
        }
        final Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++) {
            final int kind = p + 1;
            producers[p] = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.offer(kind, texts[i], i);
                }
            });
            producers[p].start();
        }
        final long[] last = {-1, -1, -1};
        final long[] received = {0};
        final boolean[] ordered = {true};
        final EventQueue.Consumer consumer = (kind, text, ns) -> {
            ordered[0] &= ns > last[kind] && Long.parseLong(text) == ns;
            last[kind] = ns;
            received[0]++;
        };
        while (producers[0].isAlive() || producers[1].isAlive()) {
            q.drain(consumer, 100);
        }
        for (Thread t : producers) {
            t.join();
        }
        q.drain(consumer, Integer.MAX_VALUE);
        assertThat(ordered[0]).as("each producer's events in the order offered").isTrue();
        assertThat(received[0] + q.dropped()).isEqualTo(2L * perProducer);
        assertThat(q.size()).isZero();
    }

    @Test
    void shouldHandOverAndDecodeRealFramesWithoutAllocating() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require("bybit/linear-4sym-2026-08-09.jsonl"));
        final EventQueue q = new EventQueue(1024);
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        final EventQueue.Consumer toDecoder = (kind, text, ns) -> decoder.decode(text, ns);
        // as the socket's read thread and the engine thread would, here on one thread: offer a batch, drain it
        final Runnable pass = () -> {
            for (int i = 0, n = lines.size(); i < n; i += 64) {
                for (int k = i; k < Math.min(n, i + 64); k++) {
                    q.offer(EventQueue.TEXT, lines.get(k), k);
                }
                q.drain(toDecoder, 64);
            }
        };
        for (int warm = 0; warm < 30; warm++) {
            pass.run();
        }
        final int passes = 20;
        final long allocated = Allocations.bytes(() -> {
            for (int p = 0; p < passes; p++) {
                pass.run();
            }
        });
        assertThat(decoder.gaps() + decoder.malformed()).isZero();
        assertThat(q.dropped()).isZero();
        // one 24-byte holder per frame, as before the ring, would be over 1 MB here
        assertThat(allocated)
                .as("bytes allocated handing over %d frames", passes * lines.size())
                .isLessThan(4_096);
    }
}
