package io.scalper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigTextTest {
    @Test
    void shouldReadBackTheSameConfigurationItWrote() {
        final ScalperConfig changed = ScalperConfig.defaults()
                .with("fusion.entryScore", "0.123456789")
                .with("tape.windows", "250ms,3s")
                .with("execution.clientIdPrefix", "zz")
                .with("edge.calibrationFile", "a path\\with=odd\nbits")
                .with("backtest.latencyModel", "fixed")
                .with("backtest.queueAheadShare", "0.3");
        final String text = ConfigText.write(changed);

        assertThat(ConfigText.read(text)).isEqualTo(changed);
        assertThat(ConfigText.read(ConfigText.write(ScalperConfig.defaults()))).isEqualTo(ScalperConfig.defaults());
        assertThat(text).contains("fusion.entryScore=0.123456789\n", "tape.windows=250ms,3s\n");
        assertThat(ConfigText.keys(changed)).containsKey("backtest.queueAheadShare");
    }

    @Test
    void shouldNameTheKeyOfABadLine() {
        assertThatThrownBy(() -> ConfigText.read("fusion.entryScor=1\n")).hasMessageContaining("fusion.entryScor");
        assertThatThrownBy(() -> ConfigText.read("backtest.queueAheadShare=2\n"))
                .hasMessageContaining("backtest.queueAheadShare");
        assertThatThrownBy(() -> ConfigText.read("no equals sign\n")).hasMessageContaining("key=value");
    }
}
