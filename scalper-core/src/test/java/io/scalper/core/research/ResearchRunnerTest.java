package io.scalper.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileWriter;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.testing.MarketScript;
import io.scalper.core.util.JsonText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResearchRunnerTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = MarketScript.START_NS;

    /** Book snapshots every 100 ms for 10 s, and one at 5.245 s where the touch jumps 10 ticks up. */
    static final class JumpSource implements MarketSource {
        private final long latencyNs;
        private final long[] times = new long[102];
        private final BookUpdate update = new BookUpdate();
        private int next;
        private long local;

        /** @param latencyNs recorded receive time after the exchange time; 0: none recorded */
        JumpSource(long latencyNs) {
            this.latencyNs = latencyNs;
            for (int k = 0; k <= 100; k++) {
                times[k] = T0 + (1 + 100 * k) * MS;
            }
            times[101] = T0 + 5_245 * MS;
            java.util.Arrays.sort(times);
        }

        @Override
        public Instrument instrument() {
            return MarketScript.INSTRUMENT;
        }

        @Override
        public boolean next(MarketEventSink sink) {
            if (next == times.length) {
                return false;
            }
            final long t = times[next++];
            final long bid = t < T0 + 5_245 * MS ? 10_000 : 10_010;
            update.clear().snapshot(true).updateId(next).exchangeTimeNs(t);
            for (int i = 0; i < 5; i++) {
                update.addBid(bid - i, 5);
                update.addAsk(bid + 1 + i, 5);
            }
            local = latencyNs == 0 ? 0 : t + latencyNs;
            sink.onBook(update);
            return true;
        }

        @Override
        public long localTimeNs() {
            return local;
        }
    }

    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    private static int at(ResearchResult r, long offsetMs) {
        final long[] times = r.decisionTimesNs();
        for (int i = 0; i < times.length; i++) {
            if (times[i] == T0 + offsetMs * MS) {
                return i;
            }
        }
        throw new AssertionError("no decision at +" + offsetMs + "ms");
    }

    @Test
    void shouldScoreOnWhatWasReceivedAndMeasureFromTheExchangeTimeMid() throws IOException {
        // no recorded receive times: messages arrive backtest.feedLatency (10 ms) after their exchange time
        final ResearchResult r =
                ResearchRunner.builder().source(new JumpSource(0)).build().run();
        final double[] mids = r.decisionMids();
        final double[] forward = r.forwardReturnsBps(0); // 250 ms

        // at 5.250 s the jump (exchange 5.245 s) has happened but not arrived: the decision still sees the old mid ...
        assertThat(mids[at(r, 5_250)]).isEqualTo(10_000.5);
        assertThat(mids[at(r, 5_500)]).isEqualTo(10_010.5);
        // ... and the move belongs to the decision before it, whose scores could not know it; none after it
        assertThat(forward[at(r, 5_000)]).isCloseTo(10 / 10_000.5 * 1e4, within(1e-9));
        assertThat(forward[at(r, 5_250)]).isZero();
        assertThat(forward[at(r, 4_750)]).isZero();
    }

    @Test
    void shouldUseRecordedReceiveTimes() throws IOException {
        final ResearchResult r = ResearchRunner.builder()
                .source(new JumpSource(300 * MS))
                .build()
                .run();
        final double[] mids = r.decisionMids();
        final double[] forward = r.forwardReturnsBps(0);

        assertThat(mids[at(r, 5_500)]).as("arrives at 5.545 s").isEqualTo(10_000.5);
        assertThat(mids[at(r, 5_750)]).isEqualTo(10_010.5);
        assertThat(forward[at(r, 5_000)]).isCloseTo(10 / 10_000.5 * 1e4, within(1e-9));
        assertThat(forward[at(r, 5_500)]).isZero();
    }

    @Test
    void shouldPrintExactlyTheAgreedKeys() throws IOException {
        final long duration = 10 * 60_000 * MS;
        final ResearchResult r = ResearchRunner.builder()
                .source(GeneratedSource.rich(2, duration))
                .build()
                .run();
        final Map<?, ?> json = (Map<?, ?>) JsonText.parse(r.toJson());

        assertThat(keys(json)).containsExactly("source", "samples", "horizons", "costBps", "signals", "calibration");
        assertThat(json.get("samples")).isEqualTo((double) r.samples());
        assertThat(json.get("horizons")).isEqualTo(List.of("250ms", "1s", "2s", "5s", "10s", "30s"));
        assertThat(keys(json.get("costBps"))).containsExactly("makerMaker", "makerTaker", "takerTaker");
        final Map<?, ?> signals = (Map<?, ?>) json.get("signals");
        assertThat(keys(signals))
                .containsExactly("obi", "umom", "prt", "ltb", "sweep", "ice", "vwap", "regime", "fused");
        for (Object perSignal : signals.values()) {
            assertThat(keys(perSignal)).containsExactly("250ms", "1s", "2s", "5s", "10s", "30s");
            for (Object perHorizon : ((Map<?, ?>) perSignal).values()) {
                assertThat(keys(perHorizon)).containsExactly("ic", "hitRate", "edgeBps", "n", "tStat");
            }
        }
        final Map<?, ?> calibration = (Map<?, ?>) json.get("calibration");
        assertThat(keys(calibration)).containsExactly("250ms", "1s", "2s", "5s", "10s", "30s");
        int h = 0;
        for (Object buckets : calibration.values()) {
            double n = 0;
            for (Object b : (List<?>) buckets) {
                assertThat(keys(b)).containsExactly("lo", "hi", "n", "meanBps");
                n += (Double) ((Map<?, ?>) b).get("n");
            }
            // every resolved decision is in one bucket of the calibration
            assertThat(n).isEqualTo((double) r.stats(ResearchResult.FUSED, h++).icSamples());
        }
        final Map<?, ?> obi1s = (Map<?, ?>) ((Map<?, ?>) signals.get("obi")).get("1s");
        assertThat((Double) obi1s.get("ic")).isCloseTo(r.stats("obi", 1).ic(), within(1e-8));
        assertThat((Double) obi1s.get("n")).isEqualTo((double) r.stats("obi", 1).n());
    }

    @Test
    void shouldPriceRoundTripsFromTheConfiguredFeesAndTheMedianSpread() throws IOException {
        final BacktestConfig fees = ScalperConfig.defaults().backtest();
        final ResearchResult r =
                ResearchRunner.builder().source(new JumpSource(0)).build().run();

        // the spread is one tick: 1 / 10000.5 of the price, about 1 bp
        assertThat(r.medianSpreadBps()).isCloseTo(1 / 10_000.5 * 1e4, within(1e-3));
        assertThat(r.costs())
                .isEqualTo(RoundTripCosts.of(fees.makerFeeRate(), fees.takerFeeRate(), r.medianSpreadBps()));
        final RoundTripCosts c = RoundTripCosts.of(-0.0001, 0.0004, 2);
        assertThat(c.makerMakerBps()).isCloseTo(-2, within(1e-9));
        assertThat(c.bps("makerTaker")).isCloseTo(3 + 1, within(1e-9));
        assertThat(c.bps("takerTaker")).isCloseTo(8 + 2, within(1e-9));
        assertThatThrownBy(() -> c.bps("maker")).hasMessageStartingWith("unknown execution path 'maker'");
    }

    @Test
    void shouldGiveTheSameResultFromEventFilesAsFromTheirSource(@TempDir Path dir) throws IOException {
        final long duration = 5 * 60_000 * MS;
        final GeneratorConfig g = GeneratorConfig.btcusdt().withSeed(4);
        final Path file = dir.resolve("market.events");
        try (GeneratedSource source = new GeneratedSource(g, Scenarios.rich(duration, 4), duration);
                EventFileWriter w = new EventFileWriter(file, source.instrument())) {
            final EventEncoder enc = new EventEncoder(w, source::localTimeNs);
            while (source.next(enc)) {
                enc.endMessage();
            }
            enc.endMessage();
        }
        final ResearchResult fromSource = ResearchRunner.builder()
                .source(new GeneratedSource(g, Scenarios.rich(duration, 4), duration))
                .description("x")
                .build()
                .run();
        final ResearchResult fromFile = ResearchRunner.builder()
                .eventFiles(List.of(file))
                .description("x")
                .build()
                .run();

        assertThat(fromFile.toJson()).isEqualTo(fromSource.toJson());
        assertThat(fromFile.samples()).isGreaterThan(1000);
    }

    @Test
    void shouldRefuseBadHorizonsNamingThem() {
        assertThatThrownBy(() -> ResearchRunner.builder().horizonsNs(List.of(1_000 * MS, 500 * MS)))
                .hasMessage("horizons: must be strictly increasing, got 500ms after 1s");
        assertThatThrownBy(() -> ResearchRunner.builder().horizonsNs(List.of(0L)))
                .hasMessageStartingWith("horizons: each must be in (0, 1d]");
        assertThatThrownBy(() -> ResearchRunner.builder().horizonsNs(new ArrayList<>()))
                .hasMessageStartingWith("horizons: between 1 and 16 horizons");
        assertThatThrownBy(() -> ResearchRunner.builder().build()).hasMessageContaining("a source or event files");
    }
}
