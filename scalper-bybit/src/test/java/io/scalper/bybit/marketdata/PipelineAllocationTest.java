package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.testing.Allocations;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole hot path — frame text → book/tape → features → eight signals → fusion — allocates nothing in steady state,
 * measured with the JVM's per-thread allocation counter over real frames.
 */
class PipelineAllocationTest {

    @Test
    void shouldRunFeaturesSignalsAndFusionOnRealFramesWithoutAllocating() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require("bybit/linear-4sym-2026-08-09.jsonl"));
        final ScalperConfig config = ScalperConfig.defaults();
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        final Map<MarketState, SignalPipeline> pipelines = new IdentityHashMap<>();
        final long[] decisions = new long[1];
        decoder.setListener(new MarketDataListener() {
            @Override
            public void onBook(MarketState m, int result) {
                final SignalPipeline p = pipelines.get(m);
                if (p != null) {
                    p.onBook(m, result);
                    decisions[0]++;
                }
            }

            @Override
            public void onTrades(MarketState m, int count) {
                final SignalPipeline p = pipelines.get(m);
                if (p != null) {
                    p.onTrades(m, count);
                    decisions[0]++;
                }
            }
        });
        // create every market and its pipeline up front (the one-off allocations)
        for (String line : lines) {
            decoder.decode(line, 0);
        }
        for (int i = 0; i < decoder.marketCount(); i++) {
            final MarketState m = decoder.marketAt(i);
            pipelines.put(m, SignalPipeline.create(m, config.features(), config.signals(), config.fusion()));
        }
        for (int pass = 0; pass < 30; pass++) {
            decodeAll(decoder, lines);
        }
        final long decisionsBefore = decisions[0];
        final long allocated = Allocations.bytes(() -> {
            for (int pass = 0; pass < 20; pass++) {
                decodeAll(decoder, lines);
            }
        });
        assertThat(decisions[0] - decisionsBefore)
                .as("decisions made while measuring")
                .isGreaterThan(20_000);
        assertThat(decoder.gaps() + decoder.malformed()).isZero();
        assertThat(allocated).as("bytes allocated").isLessThan(4_096);
    }

    private static void decodeAll(BybitMarketDecoder decoder, List<String> lines) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            decoder.decode(lines.get(i), i);
        }
    }
}
