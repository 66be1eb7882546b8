package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.live.LiveTrader;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.emulator.BybitEmulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a bot tests its live path with no keys and no network: the emulator ({@code io.scalper:scalper-emulator}, a
 * test-scoped dependency of this module) runs a Bybit v5 venue on free loopback ports, and the bot's own trader, with
 * its custom signal, trades against it over real sockets.
 */
class LiveBotExampleTest {
    @TempDir
    Path state;

    @Test
    void embeddedTraderShouldConnectSyncAndScoreWithTheCustomSignal() throws Exception {
        try (BybitEmulator emulator = BybitEmulator.builder()
                        .restPort(0)
                        .wsPort(0)
                        .seed(3)
                        .build()
                        .start();
                LiveTrader trader = LiveBotExample.trader(
                        BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl()),
                        new BybitCredentials(emulator.apiKey(), emulator.apiSecret()),
                        state)) {
            trader.start();
            final long end = System.nanoTime() + 30_000_000_000L;
            while (!(trader.status().bookInSync()
                    && trader.engine().lastDecision().signalCount() == 9
                    && trader.status().messages() > 50)) {
                assertThat(System.nanoTime()).as("synced within 30 s").isLessThan(end);
                trader.step();
            }
            assertThat(trader.engine().lastDecision().name(8)).isEqualTo("pressure");
            assertThat(trader.status().mid()).isPositive();
            assertThat(trader.status().privateStreamUp()).isTrue();
            trader.stop(false, true);
            assertThat(trader.engine().position().isFlat()).isTrue();
        }
    }

    @Test
    void mainShouldNameTheMissingCredential() {
        assertThatThrownBy(() -> LiveBotExample.credentials(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BYBIT_API_KEY");
        assertThatThrownBy(() -> LiveBotExample.credentials(Map.of("BYBIT_API_KEY", "abcdefgh1234")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BYBIT_API_SECRET");
        final BybitCredentials c =
                LiveBotExample.credentials(Map.of("BYBIT_API_KEY", "abcdefgh1234", "BYBIT_API_SECRET", "s3cretS3cret"));
        assertThat(c.apiKey()).isEqualTo("abcdefgh1234");
    }
}
