package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenariosTest {
    private static final long S = 1_000_000_000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldSweepEightLevelsEveryFortySecondsInSeededDirectionsWithinTheDuration(long seed) {
        final List<Scenario> sweeps = Scenarios.sweeps(600 * S, seed);

        assertThat(sweeps).hasSize(14);
        for (int i = 0; i < sweeps.size(); i++) {
            final Scenario s = sweeps.get(i);
            assertThat(s.atNs()).isEqualTo((10 + 40L * i) * S);
            assertThat(s.kind()).isIn(ScenarioKind.SWEEP_UP, ScenarioKind.SWEEP_DOWN);
            assertThat(s.atNs() + s.windowNs()).isLessThanOrEqualTo(600 * S);
        }
        assertThat(sweeps).extracting(Scenario::kind).contains(ScenarioKind.SWEEP_UP, ScenarioKind.SWEEP_DOWN);
        assertThat(Scenarios.sweeps(600 * S, seed)).isEqualTo(sweeps);
        assertThat(Scenarios.sweeps(600 * S, seed + 100))
                .extracting(Scenario::kind)
                .isNotEqualTo(sweeps.stream().map(Scenario::kind).toList());
    }

    @Test
    void shouldNameTheMixes() {
        assertThat(Scenarios.mix("sweeps", 300 * S, 4)).isEqualTo(Scenarios.sweeps(300 * S, 4));
        assertThat(Scenarios.mix(" Rich ", 300 * S, 4)).isEqualTo(Scenarios.rich(300 * S, 4));
        assertThatThrownBy(() -> Scenarios.mix("spoofs", 300 * S, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spoofs")
                .hasMessageContaining("rich")
                .hasMessageContaining("sweeps");
        assertThatThrownBy(() -> Scenarios.sweeps(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
