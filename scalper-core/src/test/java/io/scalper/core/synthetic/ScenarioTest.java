package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {
    private static final long S = 1_000_000_000L;

    @Test
    void shouldParseNameAndTime() {
        final Scenario s = Scenario.parse("SPOOF_ASK@30s");
        assertThat(s.kind()).isEqualTo(ScenarioKind.SPOOF_ASK);
        assertThat(s.atNs()).isEqualTo(30 * S);
        assertThat(s.params()).isEmpty();
        assertThat(s.spec()).isEqualTo("SPOOF_ASK@30s");
    }

    @Test
    void shouldParseParametersIgnoringCaseOfNamesAndKeys() {
        final Scenario s = Scenario.parse(" sweep_up@1m30s:LEVELS=7 ");
        assertThat(s.kind()).isEqualTo(ScenarioKind.SWEEP_UP);
        assertThat(s.atNs()).isEqualTo(90 * S);
        assertThat(s.params()).isEqualTo(Map.of("levels", "7"));
        assertThat(s.param("Levels")).isEqualTo("7");
        assertThat(s.spec()).isEqualTo("SWEEP_UP@90s:levels=7");
        assertThat(Scenario.parse(s.spec())).isEqualTo(s);

        final Scenario shift = Scenario.parse("regime_shift@2m:regime=extreme,duration=30s");
        assertThat(shift.regimeParam(Regime.HIGH)).isEqualTo(Regime.EXTREME);
        assertThat(shift.durationParam(Scenario.DURATION, 0)).isEqualTo(30 * S);
        assertThat(Scenario.parse("TREND_DOWN@0s:rate=2.5,duration=1m").doubleParam(Scenario.RATE, 0))
                .isEqualTo(2.5);
        assertThat(Scenario.parse("SPOOF_BID@5s:hold=3s,distance=2,multiple=30,drift=0,drifttime=1s")
                        .params())
                .containsOnlyKeys("hold", "distance", "multiple", "drift", "driftTime");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SPOOF_ASK|scenario 'SPOOF_ASK': expected NAME@TIME[:key=value,...], e.g. SPOOF_ASK@30s",
                "@30s|scenario '@30s': expected NAME@TIME[:key=value,...], e.g. SPOOF_ASK@30s",
                "SPOOF@30s|scenario 'SPOOF@30s': unknown kind 'SPOOF' (one of [SPOOF_BID, SPOOF_ASK, ICEBERG_BID,"
                        + " ICEBERG_ASK, SWEEP_UP, SWEEP_DOWN, BURST_BUY, BURST_SELL, REGIME_SHIFT, TREND_UP, TREND_DOWN])",
                "SPOOF_ASK@soon|scenario 'SPOOF_ASK@soon': bad start time: not a duration: 'soon' (use e.g. 500ms, 5s,"
                        + " 2m, 1h)",
                "SPOOF_ASK@|scenario 'SPOOF_ASK@': bad start time: empty duration",
                "SWEEP_UP@1m:levels|scenario 'SWEEP_UP@1m:levels': expected key=value, got 'levels'",
                "SWEEP_UP@1m:levels=0|scenario 'SWEEP_UP@1m:levels=0': levels: must be an integer in [1, 50], got '0'",
                "SWEEP_UP@1m:levels=x|scenario 'SWEEP_UP@1m:levels=x': levels: must be an integer in [1, 50], got 'x'",
                "SWEEP_UP@1m:hold=3s|scenario 'SWEEP_UP@1m:hold=3s': unknown parameter 'hold' (allowed: levels, drift,"
                        + " driftTime)",
                "SWEEP_UP@1m:levels=3,levels=4|scenario 'SWEEP_UP@1m:levels=3,levels=4': parameter 'levels' given twice",
                "SPOOF_BID@1m:multiple=10|scenario 'SPOOF_BID@1m:multiple=10': multiple: must be an integer in [15,"
                        + " 100], got '10'",
                "SPOOF_BID@1m:hold=20s|scenario 'SPOOF_BID@1m:hold=20s': hold: must be a duration in [1s, 10s], got"
                        + " '20s'",
                "REGIME_SHIFT@1m:regime=wild|scenario 'REGIME_SHIFT@1m:regime=wild': regime: must be one of [LOW,"
                        + " NORMAL, HIGH, EXTREME], got 'wild'",
                "TREND_UP@1m:rate=0|scenario 'TREND_UP@1m:rate=0': rate: must be a number in [0.1, 100.0], got '0'",
                "BURST_BUY@1m:duration=1m|scenario 'BURST_BUY@1m:duration=1m': duration: must be a duration in [100ms,"
                        + " 30s], got '1m'"
            })
    void shouldRefuseBadTextWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> Scenario.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void shouldRefuseANegativeStartAndUnknownParametersWhenBuiltDirectly() {
        assertThatThrownBy(() -> Scenario.of(ScenarioKind.BURST_BUY, -1))
                .hasMessage("scenario BURST_BUY: start must be >= 0, got -1ns");
        assertThatThrownBy(() -> Scenario.of(ScenarioKind.REGIME_SHIFT, 0, Map.of("levels", "3")))
                .hasMessage("scenario REGIME_SHIFT: unknown parameter 'levels' (allowed: duration, regime)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SPOOF_ASK@0s, 8",
        "SPOOF_ASK@0s:hold=10s, 14",
        "ICEBERG_BID@0s, 12",
        "SWEEP_DOWN@0s, 4",
        "BURST_SELL@0s, 6",
        "BURST_SELL@0s:drifttime=10s, 13",
        "REGIME_SHIFT@0s, 61",
        "TREND_UP@0s:duration=2m, 121"
    })
    void shouldReportTheWindowEachScenarioOccupies(String text, long seconds) {
        assertThat(Scenario.parse(text).windowNs()).isEqualTo(seconds * S);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldSpaceARichMixOfEveryKindWithoutOverlap(long seed) {
        final long duration = 600 * S;
        final List<Scenario> rich = Scenarios.rich(duration, seed);
        final Set<ScenarioKind> kinds = rich.stream()
                .map(Scenario::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ScenarioKind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(ScenarioKind.values());
        for (int i = 1; i < rich.size(); i++) {
            assertThat(rich.get(i).atNs())
                    .isGreaterThanOrEqualTo(
                            rich.get(i - 1).atNs() + rich.get(i - 1).windowNs());
        }
        final Scenario last = rich.get(rich.size() - 1);
        assertThat(last.atNs() + last.windowNs()).isLessThanOrEqualTo(duration);
        assertThat(Scenarios.rich(duration, seed)).isEqualTo(rich);
        assertThat(new SyntheticMarket(GeneratorConfig.defaults(), rich).scenarios())
                .isEqualTo(rich);
    }

    @Test
    void shouldGiveNoScenariosWhenTheSessionIsTooShort() {
        assertThat(Scenarios.rich(5 * S, 1)).isEmpty();
    }
}
