package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.emulator.BybitEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: one long {@code scalper run} (default 10 minutes, {@code -Dsoak.minutes=N}) at market speed 8 against the
 * emulator, every fault at random (seeded) intervals, judged from the venue like {@link LiveChaosTest}. Tagged {@code
 * soak}: not part of {@code ./mvnw verify}; {@code scripts/soak} runs it and prints the figures.
 */
@Tag("soak")
class LiveSoakTest {
    static final String FAULTS = "drop:private~20s,drop:trade~25s,slow:6s:1~40s,storm:1500ms~90s,"
            + "reject:2:110007~45s,skip-delta~30s,restart-book~120s";

    @TempDir
    Path tmp;

    @Test
    void shouldStayConsistentWithTheVenueThroughALongRunWithRandomFaults() throws Exception {
        final long minutes = Long.getLong("soak.minutes", 10);
        final long seed = Long.getLong("soak.seed", 12);
        final ChaosRun.Outcome o;
        try (BybitEmulator emulator = BybitEmulator.builder()
                .restPort(0)
                .wsPort(0)
                .seed(seed)
                .speed(8)
                .build()
                .start()) {
            o = ChaosRun.run(
                    "soak " + minutes + "m seed " + seed,
                    emulator,
                    FAULTS,
                    minutes + "m",
                    tmp.resolve("soak"),
                    ChaosRun.EAGER);
            final BybitEmulator.OrderTraffic traffic = emulator.orderTraffic(emulator.apiKey());
            final String report = o.line() + System.lineSeparator() + "faults: " + FAULTS + System.lineSeparator()
                    + "refusals by retCode: " + traffic.refusals() + " (injected " + traffic.injectedRefusals() + ")"
                    + System.lineSeparator();
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "soak-figures.txt"), report, StandardCharsets.UTF_8);
            System.out.println(report);
        }
        assertThat(o.exitCode()).as("exit code; log:\n%s", o.log()).isZero();
        assertThat(o.engineLots()).as("final position").isEqualTo(o.venueLots());
        assertThat(o.finalCovered()).isTrue();
        assertThat(o.maxUncoveredMs()).isLessThanOrEqualTo(LiveChaosTest.MAX_UNCOVERED_MS);
        assertThat(o.maxDisagreeMs()).isLessThanOrEqualTo(LiveChaosTest.MAX_DISAGREE_MS);
        assertThat(o.maxOrdersPerSecond()).isLessThanOrEqualTo(LiveChaosTest.MAX_ORDERS_PER_SECOND);
        assertThat(o.rateLimited()).isLessThanOrEqualTo(LiveChaosTest.MAX_RATE_LIMITED);
    }
}
