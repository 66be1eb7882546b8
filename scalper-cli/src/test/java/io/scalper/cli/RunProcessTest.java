package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.emulator.BybitEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scalper run} as a real process against an emulator that outlives it: killed with SIGKILL mid-position and
 * restarted, it adopts and protects the position without opening a second one; stopped with SIGTERM, it exits 0 with
 * a summary.
 */
class RunProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Every process started, killed after the test whatever happened (a failed wait must not leave one running). */
    private final List<Process> started = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killWhatIsLeft() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    private Process start(BybitEmulator emulator, Path state, Path out, Path err, String... extra) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ScalperCli.class.getName(),
                "run",
                "--rest-url",
                emulator.restUrl(),
                "--ws-url",
                emulator.wsUrl(),
                "--config",
                tmp.resolve("eager.yaml").toString(),
                "--state-dir",
                state.toString(),
                "--quiet"));
        cmd.addAll(List.of(extra));
        final ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("BYBIT_API_KEY", emulator.apiKey());
        pb.environment().put("BYBIT_API_SECRET", emulator.apiSecret());
        final Process p = pb.start();
        started.add(p);
        return p;
    }

    /**
     * SIGINT, unless this JVM was started with SIGINT ignored (as a background job of a non-interactive shell is): its
     * children inherit that, the JVM then cannot take SIGINT, and a Ctrl-C could not reach them either — SIGTERM, which
     * `scalper run` treats the same way, stands in for it.
     */
    private static String interruptSignal() throws IOException {
        final Path status = Path.of("/proc/self/status");
        if (java.nio.file.Files.isReadable(status)) {
            for (String line : java.nio.file.Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    final long ignored =
                            Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (ignored & 0x2L) != 0 ? "TERM" : "INT";
                }
            }
        }
        return "INT";
    }

    private static void waitFor(String what, long seconds, BooleanSupplier done, Path log) throws Exception {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; log:\n" + tail(log));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path log) throws IOException {
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static long savedPosition(Path state) {
        try {
            return JSON.readTree(state.resolve("state.json").toFile())
                    .get("positionLots")
                    .asLong();
        } catch (IOException | RuntimeException e) {
            return 0; // not written yet, or being replaced
        }
    }

    @Test
    void shouldAdoptThePositionAfterSigkillAndStopCleanlyOnSigtermAndDoubleInterrupt() throws Exception {
        Files.writeString(
                tmp.resolve("eager.yaml"),
                "edge:\n  enabled: false\nfusion:\n  entryScore: 0.15\nrisk:\n  maxLatency: 2s\nexecution:\n  escalateAfter: 300ms\n"
                        + "  escalateScore: 0.1\n  abandonScore: 0.02\n"
                        // brackets far away and no trailing stop: the position must still be open at the restart
                        + "  stopTicks: 3000\n  takeProfitTicks: 6000\n  trailActivationTicks: 100000\n");
        try (BybitEmulator emulator = BybitEmulator.builder()
                .restPort(0)
                .wsPort(0)
                .seed(4)
                .speed(10)
                .build()
                .start()) {
            final Path state = tmp.resolve("state");
            final String key = emulator.apiKey();

            // 1. trade until a position is open at the venue, then SIGKILL
            final Path err1 = tmp.resolve("run1.err");
            final Process first = start(emulator, state, tmp.resolve("run1.out"), err1);
            waitFor(
                    "a position",
                    90,
                    () -> {
                        assertThat(first.isAlive())
                                .as("the first run is still running")
                                .isTrue();
                        return savedPosition(state) != 0 && emulator.positionLots(key, "BTCUSDT") != 0;
                    },
                    err1);
            first.destroyForcibly(); // SIGKILL: no cancel, no final state
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // let the venue settle fills still in flight
            final long lots = emulator.positionLots(key, "BTCUSDT");
            assertThat(lots)
                    .as("a position left at the venue by the killed process")
                    .isNotZero();

            // 2. restart with the same state directory: reconcile, adopt, protect; flatten on the way out
            final Path out2 = tmp.resolve("run2.out");
            final Path err2 = tmp.resolve("run2.err");
            final Process second =
                    start(emulator, state, out2, err2, "--duration", "8s", "--flatten-on-exit", "--json");
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as(tail(err2)).isTrue();
            assertThat(second.exitValue()).as(tail(err2)).isZero();
            final String log = Files.readString(err2);
            assertThat(log).contains("adopted a position of " + lots + " lots");
            assertThat(emulator.positionLots(key, "BTCUSDT"))
                    .as("flattened, no orphan")
                    .isZero();
            final JsonNode summary = JSON.readTree(out2.toFile());
            assertThat(summary.has("venueEndEquity")).isTrue();

            // 3. SIGTERM: a graceful stop with exit code 0 and a summary
            final Path out3 = tmp.resolve("run3.out");
            final Path err3 = tmp.resolve("run3.err");
            final long healthBefore =
                    Files.getLastModifiedTime(state.resolve("health.json")).toMillis();
            final Process third = start(emulator, state, out3, err3);
            waitFor(
                    "the third run to be up",
                    60,
                    () -> {
                        try {
                            return Files.getLastModifiedTime(state.resolve("health.json"))
                                            .toMillis()
                                    > healthBefore + 1000;
                        } catch (IOException e) {
                            return false;
                        }
                    },
                    err3);
            third.destroy(); // SIGTERM
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).as(tail(err3)).isTrue();
            assertThat(third.exitValue()).as(tail(err3)).isZero();
            assertThat(Files.readString(out3)).contains("trades:").contains("equity:");

            // 4. Ctrl-C twice in a row: the second makes the stop quick, still exit 0 with a summary
            final Path out4 = tmp.resolve("run4.out");
            final Path err4 = tmp.resolve("run4.err");
            final long healthBefore4 =
                    Files.getLastModifiedTime(state.resolve("health.json")).toMillis();
            final Process fourth = start(emulator, state, out4, err4);
            waitFor(
                    "the fourth run to be up",
                    60,
                    () -> {
                        try {
                            return Files.getLastModifiedTime(state.resolve("health.json"))
                                            .toMillis()
                                    > healthBefore4 + 1000;
                        } catch (IOException e) {
                            return false;
                        }
                    },
                    err4);
            for (int i = 0; i < 2; i++) {
                new ProcessBuilder("kill", "-" + interruptSignal(), Long.toString(fourth.pid()))
                        .start()
                        .waitFor();
            }
            assertThat(fourth.waitFor(60, TimeUnit.SECONDS)).as(tail(err4)).isTrue();
            assertThat(fourth.exitValue()).as(tail(err4)).isZero();
            assertThat(Files.readString(out4)).contains("trades:");
        }
    }
}
