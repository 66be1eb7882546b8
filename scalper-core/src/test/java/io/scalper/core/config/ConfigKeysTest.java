package io.scalper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ConfigKeysTest {
    private final ScalperConfig d = ScalperConfig.defaults();

    @Test
    void shouldChangeOneKeyOfEachKindAndNothingElse() {
        final ScalperConfig c = d.with("execution.stopTicks", "60")
                .with("risk.maxLatency", "2s")
                .with("edge.enabled", "false")
                .with("fusion.entryScore", "0.25")
                .with("edge.calibrationFile", "cal.json")
                .with("fusion.adaptive.enabled", "false");
        assertThat(c.execution().stopTicks()).isEqualTo(60);
        assertThat(c.risk().maxLatencyNs()).isEqualTo(2_000_000_000L);
        assertThat(c.edge().enabled()).isFalse();
        assertThat(c.fusion().entryScore()).isEqualTo(0.25);
        assertThat(c.edge().calibrationFile()).isEqualTo("cal.json");
        assertThat(c.fusion().adaptive().enabled()).isFalse();
        assertThat(c.execution().takeProfitTicks()).isEqualTo(d.execution().takeProfitTicks());
        assertThat(c.book()).isEqualTo(d.book());
        assertThat(d.execution().stopTicks()).as("the original is unchanged").isEqualTo(20);
    }

    @Test
    void shouldRefuseAnUnknownKeyOrABadValueNamingTheKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> d.with("execution.stopTick", "60"))
                .withMessageStartingWith("execution.stopTick: unknown key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> d.with("edge.enabled", "yes"))
                .withMessageStartingWith("edge.enabled: must be true or false");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> d.with("execution.stopTicks", "0"))
                .withMessageStartingWith("execution.stopTicks");
        assertThatIllegalArgumentException().isThrownBy(() -> d.with("stopTicks", "1"));
    }
}
