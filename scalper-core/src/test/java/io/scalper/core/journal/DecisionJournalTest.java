package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.feature.Features;
import io.scalper.core.metrics.JsonWriter;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.FusionConfig;
import io.scalper.core.signal.Signal;
import io.scalper.core.signal.SignalFusion;
import io.scalper.core.testing.MarketScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionJournalTest {
    private static final FusionConfig STATIC = new FusionConfig(
            0.35, 0.4, 0.3, new FusionConfig.Adaptive(false, 2_000_000_000L, 250_000_000L, 0.02, 2, 0.5, 2, 20, 0.2));

    @TempDir
    Path dir;

    private static Signal fixed(String name, double score) {
        return new Signal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double score(Features features) {
                return score;
            }
        };
    }

    private static Decision decide(SignalFusion fusion) {
        final MarketScript m = new MarketScript();
        m.flatBook(1000, 10);
        return fusion.evaluate(m.features());
    }

    @Test
    void shouldBuildTheHeaderFromTheSignalNames() throws IOException {
        try (DecisionJournal j = DecisionJournal.open(dir, MarketScript.INSTRUMENT, List.of("obi", "umom"))) {
            assertThat(j.path()).isEqualTo(dir.resolve(DecisionJournal.FILE_NAME));
        }

        assertThat(Files.readAllLines(dir.resolve("decisions.csv")))
                .containsExactly(
                        "time_ms,time_iso,symbol,sequence,direction,fused,confidence,regime,vetoed,mid_price,outcome,"
                                + "obi_score,umom_score,obi_weight,umom_weight");
    }

    @Test
    void shouldWriteOneRowPerDecisionWithEachSignalsScoreAndWeight() throws IOException {
        final SignalFusion fusion = SignalFusion.builder(STATIC)
                .add(fixed("obi", 0.8), 2)
                .add(fixed("umom", -0.2), 1)
                .build();
        final Decision d = decide(fusion);
        try (DecisionJournal j = DecisionJournal.open(dir, MarketScript.INSTRUMENT, List.of("obi", "umom"))) {
            j.record(d);
            // flushed row by row: readable before close
            assertThat(Csv.records(j.path())).hasSize(1);
        }

        final Map<String, String> row =
                Csv.records(dir.resolve("decisions.csv")).get(0);
        assertThat(row)
                .containsEntry("time_ms", "1767225600000")
                .containsEntry("time_iso", "2026-01-01T00:00:00.000Z")
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("sequence", "1")
                .containsEntry("direction", "long")
                .containsEntry("fused", JsonWriter.decimal(d.fused()))
                .containsEntry("confidence", JsonWriter.decimal(d.confidence()))
                .containsEntry("regime", "normal")
                .containsEntry("vetoed", "false")
                .containsEntry("mid_price", "100.05")
                .containsEntry("obi_score", "0.8")
                .containsEntry("umom_score", "-0.2")
                .containsEntry("obi_weight", JsonWriter.decimal(2.0 / 3))
                .containsEntry("umom_weight", JsonWriter.decimal(1.0 / 3));
        assertThat(row.get("fused")).isEqualTo("0.46666667");
    }

    @Test
    void shouldRefuseADecisionFromOtherSignals() throws IOException {
        final Decision d = decide(SignalFusion.builder(STATIC)
                .add(fixed("obi", 0.1), 1)
                .add(fixed("vwap", 0.1), 1)
                .build());
        try (DecisionJournal j = DecisionJournal.open(dir, MarketScript.INSTRUMENT, List.of("obi", "umom"))) {
            assertThatThrownBy(() -> j.record(d)).hasMessageContaining("vwap");
            final Decision one = decide(
                    SignalFusion.builder(STATIC).add(fixed("obi", 0.1), 1).build());
            assertThatThrownBy(() -> j.record(one)).hasMessageContaining("1 signals");
        }

        assertThat(Files.readAllLines(dir.resolve("decisions.csv"))).hasSize(1);
    }
}
