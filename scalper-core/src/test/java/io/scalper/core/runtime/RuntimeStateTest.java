package io.scalper.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.journal.StateSnapshotWriter;
import io.scalper.core.model.Instrument;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.TradingState;
import io.scalper.core.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restart restores from {@code state.json}, and what it refuses to guess. */
class RuntimeStateTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    @TempDir
    Path dir;

    private static ScalperEngine engine(ManualClock clock) {
        return ScalperEngine.builder()
                .instrument(BTC)
                .clock(clock)
                .gateway(new RecordingGateway(clock, true))
                .initialEquity(10_000)
                .build();
    }

    private Path write(ScalperEngine e, long nowNs) throws IOException {
        final Path file = dir.resolve("state.json");
        new StateSnapshotWriter(file).write(RuntimeState.snapshot(e, nowNs));
        return file;
    }

    @Test
    void shouldRestoreATrippedKillSwitchButNotTheCleanShutdownThatFollowedIt() throws IOException {
        final ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        final ScalperEngine first = engine(clock);
        first.trip(RefusalReason.SLIPPAGE_BREACHES);
        first.shutdown(true, false); // the clean stop adds SHUTDOWN
        final RuntimeState.Restored r =
                RuntimeState.read(write(first, clock.nowNs()), "BTCUSDT").orElseThrow();
        assertThat(r.kill().reasons()).containsExactly(RefusalReason.SLIPPAGE_BREACHES);
        assertThat(r.kill().reason()).isEqualTo(RefusalReason.SLIPPAGE_BREACHES);
        assertThat(r.kill().tradingState()).isNotEqualTo(TradingState.ACTIVE);
        assertThat(r.peak()).isEqualTo(10_000);

        final ScalperEngine second = engine(clock);
        second.restoreRisk(r.daily(), r.kill(), r.peak());
        assertThat(second.tradingState()).as("still stopped after the restart").isNotEqualTo(TradingState.ACTIVE);
    }

    @Test
    void shouldStartActiveAfterAPlainShutdown() throws IOException {
        final ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        final ScalperEngine first = engine(clock);
        first.shutdown(true, false);
        assertThat(first.tradingState()).isNotEqualTo(TradingState.ACTIVE);
        final RuntimeState.Restored r =
                RuntimeState.read(write(first, clock.nowNs()), "BTCUSDT").orElseThrow();
        assertThat(r.kill().tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(r.kill().reasons()).isEmpty();
        assertThat(r.positionLots()).isZero();
    }

    @Test
    void shouldReadNothingWithoutAFileAndRefuseADamagedOneNamingIt() throws IOException {
        assertThat(RuntimeState.read(dir.resolve("state.json"), "BTCUSDT")).isEmpty();
        final Path bad = dir.resolve("state.json");
        Files.writeString(bad, "{\"killSwitch\":{\"tradingState\":\"MAYBE\"}}");
        assertThatThrownBy(() -> RuntimeState.read(bad, "BTCUSDT"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("move it away");
    }

    @Test
    void shouldRefuseTheStateOfAnotherSymbolNamingBoth() throws IOException {
        final ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        final Path file = write(engine(clock), clock.nowNs());
        assertThatThrownBy(() -> RuntimeState.read(file, "ETHUSDT"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("BTCUSDT")
                .hasMessageContaining("ETHUSDT")
                .hasMessageContaining("--state-dir");
    }

    @Test
    void shouldRecordProtectionAndReconciliationFiguresForAnOperator() throws IOException {
        final ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        final ScalperEngine e = engine(clock);
        e.adoptPosition(300, 650_000);
        final String text = Files.readString(write(e, clock.nowNs()));
        assertThat(text).contains("\"reconciliations\":1", "\"protected\":true", "\"maxUnprotectedMs\"");
    }

    @Test
    void shouldKeepWhatWasLearnedAcrossARestart() throws IOException {
        final ManualClock clock = new ManualClock(1_700_000_000_000_000_000L);
        final ScalperEngine first = engine(clock);
        for (int i = 0; i < 500; i++) {
            first.edgeCalibration().record(0.8, 20.0);
        }
        first.pipeline()
                .fusion()
                .weights()
                .restore(
                        new double[] {0.3, -0.2, 0, 0, 0, 0, 0, 0},
                        new long[] {60, 60, 0, 0, 0, 0, 0, 0},
                        new double[] {12, 9, 0, 0, 0, 0, 0, 0},
                        42);
        LearnedState.write(dir, first);

        final io.scalper.core.config.ScalperConfig config = io.scalper.core.config.ScalperConfig.defaults();
        final var edge =
                LearnedState.readEdge(dir, config, RuntimeLog.system("test")).orElseThrow();
        assertThat(edge.samples()).isEqualTo(500);
        assertThat(edge.expectedMoveBps(0.8)).isCloseTo(first.edgeCalibration().expectedMoveBps(0.8), offset(1e-6));
        final ScalperEngine second = ScalperEngine.builder()
                .instrument(BTC)
                .clock(clock)
                .gateway(new RecordingGateway(clock, true))
                .edgeCalibration(edge)
                .build();
        assertThat(LearnedState.restoreWeights(dir, second)).isTrue();
        assertThat(second.pipeline().fusion().weights().edge(0)).isCloseTo(0.3, offset(1e-9));
        assertThat(second.pipeline().fusion().weights().edge(1)).isCloseTo(-0.2, offset(1e-9));
        assertThat(second.pipeline().fusion().weights().resolved()).isEqualTo(42);
        assertThat(second.pipeline().fusion().weights().samples(0)).isEqualTo(60);
        assertThat(second.pipeline().fusion().weights().moveBps(1)).isCloseTo(9.0, offset(1e-9));
        for (int i = 0; i < 8; i++) {
            assertThat(second.pipeline().fusion().weights().weight(i))
                    .isCloseTo(first.pipeline().fusion().weights().weight(i), offset(1e-12));
        }
        // a changed horizon starts afresh rather than trusting a calibration of another horizon
        assertThat(LearnedState.readEdge(dir, config.with("edge.horizon", "10s"), RuntimeLog.system("test")))
                .isEmpty();
        // a damaged file is refused, naming it
        Files.writeString(dir.resolve("weights.json"), "{nope");
        assertThatThrownBy(() -> LearnedState.restoreWeights(dir, second))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("weights.json");
    }
}
