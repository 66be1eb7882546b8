package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.report.ChromiumCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scalper run} on the embedded emulator (whose matching engine is the simulated exchange) records its session,
 * with a fault injected live, and {@code scalper drift} replays it through the backtester: the decisions agree bit for
 * bit, the differences are explained, the injected refusal and a deliberately miscalibrated latency show where they
 * happened, {@code --fit} prints configuration that {@code --calibration} takes back, and the report renders in
 * Chromium. One live run of 20 s for the whole class.
 */
class DriftCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Eager entries without loss limits (so a short run trades), small positions, a loose latency gate. */
    static final String CONFIG = "edge:\n  enabled: false\nfusion:\n  entryScore: 0.15\nrisk:\n  maxLatency: 2s\n"
            + "  dailyLossR: 100000\n  drawdownTiers: \"0.5:0\"\n  maxPositionNotional: 10000\nexecution:\n"
            + "  escalateAfter: 300ms\n  escalateScore: 0.1\n  abandonScore: 0.02\n  stopVolMultiple: 0\n"
            + "  stopCostMultiple: 0\n  trailActivationRatio: 0\n  trailDistanceRatio: 0\n";

    /** The venue refuses the next two order creates 8 s into the run. */
    static final long FAULT_AFTER_NS = 8_000_000_000L;

    static Path tmp;
    static Path state;
    static long startNs;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void recordASessionOnTheEmulator() throws IOException {
        tmp = Files.createTempDirectory("drift-command");
        RunCommand.environment = Map.of();
        RunCommand.dotEnv = tmp.resolve(".env");
        final Path config = tmp.resolve("run.yaml");
        Files.writeString(config, CONFIG);
        state = tmp.resolve("state");
        startNs = System.currentTimeMillis() * 1_000_000L;
        final Run r = run(
                "run",
                "--speed",
                "10",
                "--duration",
                "20s",
                "--config",
                config.toString(),
                "--state-dir",
                state.toString(),
                "--faults",
                "reject:2:110007@8s",
                "--json",
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        RunCommand.environment = System.getenv();
        RunCommand.dotEnv = Path.of(".env");
        try (var files = Files.walk(tmp)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static JsonNode drift(String... more) throws IOException {
        final List<String> args = new ArrayList<>(List.of("drift", "--session", state.toString(), "--json"));
        args.addAll(List.of(more));
        final Run r = run(args.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void shouldRecordTheSessionInTheStateDirectoryWithinItsBound() throws IOException {
        final List<Path> sessions;
        try (var s = Files.list(state.resolve("sessions"))) {
            sessions = s.toList();
        }
        assertThat(sessions).hasSize(1);
        final Path session = sessions.get(0);
        for (String f : new String[] {"session.json", "config.properties", "summary.json"}) {
            assertThat(session.resolve(f)).as(f).exists();
        }
        try (var s = Files.list(session)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("market-") && n.endsWith(".jsonl.gz"))
                    .anyMatch(n -> n.startsWith("events-"))
                    .anyMatch(n -> n.startsWith("decisions-"))
                    .anyMatch(n -> n.startsWith("steps-"))
                    .noneMatch(n -> n.endsWith(".part"));
        }
        final JsonNode meta = JSON.readTree(session.resolve("session.json").toFile());
        assertThat(meta.get("venue").asText()).isEqualTo("sim");
        assertThat(meta.get("maxBytes").asLong()).isEqualTo(1024L << 20);
        assertThat(meta.get("frames").asLong()).isGreaterThan(1_000);
        assertThat(meta.get("dropped").asLong()).isZero();
        // the market file is what scalper backtest reads
        final Path market;
        try (var s = Files.list(session)) {
            market = s.filter(p -> p.getFileName().toString().startsWith("market-"))
                    .findFirst()
                    .orElseThrow();
        }
        final Run bt = run("backtest", "--data", market.toString(), "--json", "--quiet");
        assertThat(bt.code()).as(bt.err()).isZero();
        assertThat(JSON.readTree(bt.out()).get("messages").asLong()).isGreaterThan(1_000);
    }

    @Test
    void shouldAgreeOnEveryDecisionAndExplainEveryDifferenceWithTheInjectedRefusalWhereItHappened() throws IOException {
        final JsonNode j = drift();
        for (String key : new String[] {
            "liveTrades",
            "backtestTrades",
            "matchedTrades",
            "liveNetPnl",
            "backtestNetPnl",
            "liveFills",
            "backtestFills",
            "matchedFills",
            "decisionsCompared",
            "decisionAgreement",
            "liveMedianRoundTripMs",
            "modelMedianRoundTripMs"
        }) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        assertThat(j.get("decisionsCompared").asLong()).isGreaterThan(1_000);
        assertThat(j.get("decisionAgreement").asDouble()).isEqualTo(1.0);
        assertThat(j.path("decisions").get("sameScore").asLong())
                .as("the same fused score, bit for bit")
                .isEqualTo(j.get("decisionsCompared").asLong());
        assertThat(j.get("liveEntries").asLong()).as("live entries").isPositive();
        assertThat(j.get("liveMedianRoundTripMs").asDouble()).isPositive();
        assertThat(j.get("modelMedianRoundTripMs").asDouble()).isEqualTo(10.0);
        assertThat(j.get("unexplained").asLong())
                .as("differences without a cause: %s", j.get("differences"))
                .isZero();
        JsonNode refused = null;
        for (JsonNode d : j.get("differences")) {
            if ((d.get("what").asText() + d.get("cause").asText()).contains("insufficient_balance")) {
                refused = d;
                break;
            }
        }
        assertThat(refused)
                .as("the refusals injected live, among %s", j.get("differences"))
                .isNotNull();
        assertThat(Long.parseLong(refused.get("timeNs").asText()))
                .as("after the fault was armed")
                .isGreaterThan(startNs + FAULT_AFTER_NS);
    }

    @Test
    void shouldShowAMiscalibratedLatencyAndTakeBackWhatFitPrints() throws IOException {
        final JsonNode slow = drift("--set", "backtest.orderLatency=500ms", "--set", "backtest.responseLatency=500ms");
        assertThat(slow.get("modelMedianRoundTripMs").asDouble()).isEqualTo(1000.0);
        assertThat(slow.get("decisionAgreement").asDouble()).isEqualTo(1.0);
        assertThat(slow.get("differences").toString())
                .as("the latency named where the backtest parts")
                .contains("latency: the backtest's order round trip 1000.0 ms");

        final Run fit = run("drift", "--session", state.toString(), "--fit");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out())
                .contains("backtest:\n", "latencyModel: fixed", "latencySigma: ", "# scalper drift --fit")
                .contains("#   latencyModel: recorded, latencyRecording: ");
        final Path calibration = tmp.resolve("fit.yaml");
        Files.writeString(calibration, fit.out());
        final JsonNode calibrated = drift("--calibration", calibration.toString());
        assertThat(calibrated.path("run").path("latencyModel").asText()).startsWith("log-normal");
        assertThat(calibrated.get("modelMedianRoundTripMs").asDouble())
                .as("the live round trips, replayed")
                .isCloseTo(
                        calibrated.get("liveMedianRoundTripMs").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(25));
    }

    @Test
    void shouldWriteAReportThatRendersInChromiumAndRefuseStrategyKeys() throws Exception {
        final Path report = tmp.resolve("report");
        final Run r = run("drift", "--session", state.toString(), "--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("decisions:", "trades:", "first parting:");
        assertThat(report.resolve("summary.json")).exists();
        final StringBuilder output = new StringBuilder();
        assertThat(ChromiumCheck.require().check(report.resolve("report.html"), output))
                .as("check-report.sh output:%n%s", output)
                .isZero();

        final Run bad = run("drift", "--session", state.toString(), "--set", "fusion.entryScore=0.5");
        assertThat(bad.code()).isEqualTo(ScalperCli.EXIT_USAGE);
        assertThat(bad.err()).contains("fusion.entryScore: only backtest keys calibrate a replay");
        final Run none = run("drift", "--session", tmp.resolve("nothing").toString());
        assertThat(none.code()).isEqualTo(ScalperCli.EXIT_USAGE);
        assertThat(none.err()).contains("no recorded session");
    }
}
