package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.config.ScalperConfig;
import org.junit.jupiter.api.Test;

/** The models {@code scalper drift} calibrates: latencies replayed from sessions, the queue model's share. */
class CalibratedModelsTest {
    @Test
    void replayedShouldTakeTheRoundTripMeasuredNearestInTimeAndCycleOutsideTheRecording() {
        final long s = 1_000_000_000L;
        final LatencyModel m =
                LatencyModel.replayed(new long[] {10 * s, 20 * s, 30 * s}, new long[] {2_000, 6_000, 40});

        assertThat(m.entryNs(19 * s)).isEqualTo(3_000);
        assertThat(m.responseNs(19 * s)).isEqualTo(3_000);
        assertThat(m.entryNs(26 * s) + m.responseNs(26 * s)).isEqualTo(40);
        assertThat(m.entryNs(5 * s) + m.responseNs(5 * s))
                .as("just before the first")
                .isEqualTo(2_000);
        // far outside (a backtest of another day): in order, cycling
        final long day = 86_400 * s;
        assertThat(new long[] {m.entryNs(day), m.entryNs(day), m.entryNs(day), m.entryNs(day)})
                .containsExactly(1_000, 3_000, 20, 1_000);
        assertThatThrownBy(() -> LatencyModel.replayed(new long[] {2, 1}, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordedLatencyShouldNameItsKeysWhenTheyDoNotFit() {
        assertThatThrownBy(() -> ScalperConfig.defaults().with("backtest.latencyModel", "recorded"))
                .hasMessageContaining("backtest.latencyRecording");
        assertThatThrownBy(() -> ScalperConfig.defaults().with("backtest.latencyModel", "measured"))
                .hasMessageContaining("backtest.latencyModel");
        final ScalperConfig c = ScalperConfig.defaults()
                .with("backtest.latencyRecording", "/nowhere")
                .with("backtest.latencyModel", "recorded");
        assertThatThrownBy(() -> LatencyModel.of(c.backtest(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backtest.latencyRecording");
    }

    @Test
    void probabilisticShareShouldRunFromRiskAverseToProbabilistic() {
        // 100 lots ahead in a level of 200 that loses 100 lots to cancels
        final double none = QueueModel.probabilistic(0).onDepthChange(100, 200, 100);
        final double half = QueueModel.probabilistic(0.5).onDepthChange(100, 200, 100);
        final double all = QueueModel.probabilistic(1).onDepthChange(100, 200, 100);

        assertThat(none)
                .isEqualTo(QueueModel.riskAverse().onDepthChange(100, 200, 100))
                .isEqualTo(100);
        assertThat(all)
                .isEqualTo(QueueModel.probabilistic().onDepthChange(100, 200, 100))
                .isEqualTo(50);
        assertThat(half).isEqualTo(75);
        assertThat(QueueModel.of(ScalperConfig.defaults()
                                .with("backtest.queueModel", "probabilistic")
                                .with("backtest.queueAheadShare", "0.5")
                                .backtest())
                        .onDepthChange(100, 200, 100))
                .isEqualTo(75);
        assertThatThrownBy(() -> ScalperConfig.defaults().with("backtest.queueAheadShare", "1.5"))
                .hasMessageContaining("backtest.queueAheadShare");
    }
}
