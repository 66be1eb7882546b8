package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.testing.Allocations;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steady-state path from frame text to book, tape and ticker allocates nothing: measured with the JVM's per-thread
 * allocation counter over tens of thousands of real frames (books, trades, tickers) after warm-up.
 */
class DecoderAllocationTest {

    @Test
    void shouldDecodeAndApplyRealFramesWithoutAllocating() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require("bybit/linear-4sym-2026-08-09.jsonl"));
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        // Each pass re-applies every symbol's snapshot first, so the deltas that follow stay contiguous.
        for (int pass = 0; pass < 30; pass++) {
            decodeAll(decoder, lines);
        }
        final long passes = 20;
        final long allocated = Allocations.bytes(() -> {
            for (int pass = 0; pass < passes; pass++) {
                decodeAll(decoder, lines);
            }
        });
        final long frames = passes * lines.size();

        assertThat(decoder.gaps() + decoder.malformed() + decoder.rejected() + decoder.crossed())
                .as("the measured frames were really applied")
                .isZero();
        assertThat(decoder.bookUpdates()).isEqualTo(50L * 1598);
        // A few hundred bytes of slack for the measurement itself; one allocation per frame would be > 1 MB.
        assertThat(allocated).as("bytes allocated decoding %d frames", frames).isLessThan(4_096);
    }

    private static void decodeAll(BybitMarketDecoder decoder, List<String> lines) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            decoder.decode(lines.get(i), i);
        }
    }
}
