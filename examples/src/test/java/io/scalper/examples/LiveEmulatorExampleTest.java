package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.emulator.BybitEmulator;
import io.scalper.bybit.live.LiveTrader;
import io.scalper.bybit.rest.BybitEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded live engine with a custom signal, against the emulator over real sockets. */
class LiveEmulatorExampleTest {
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
                LiveTrader trader = LiveEmulatorExample.trader(
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
}
