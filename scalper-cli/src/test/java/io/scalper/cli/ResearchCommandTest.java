package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code scalper research} end to end; {@code --profile}/{@code --predictability} for generated markets. */
class ResearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HORIZONS = List.of("250ms", "1s", "2s", "5s", "10s", "30s");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> names(JsonNode node) {
        final List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void shouldPrintOneJsonObjectWithExactlyTheAgreedKeys() throws IOException {
        final Run r = run("research", "--duration", "10m", "--seed", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        final JsonNode j = JSON.readTree(r.out());

        assertThat(names(j)).containsExactly("source", "samples", "horizons", "costBps", "signals", "calibration");
        assertThat(j.get("source").asText()).isEqualTo("generated market, seed 2, 10m");
        assertThat(j.get("samples").asLong()).isEqualTo(2400);
        assertThat(j.get("horizons")).hasSize(6);
        assertThat(names(j.get("costBps"))).containsExactly("makerMaker", "makerTaker", "takerTaker");
        assertThat(j.get("costBps").get("makerMaker").asDouble()).isEqualTo(4.0);
        assertThat(names(j.get("signals")))
                .containsExactly("obi", "umom", "prt", "ltb", "sweep", "ice", "vwap", "regime", "fused");
        for (JsonNode signal : j.get("signals")) {
            assertThat(names(signal)).isEqualTo(HORIZONS);
            for (JsonNode h : signal) {
                assertThat(names(h)).containsExactly("ic", "hitRate", "edgeBps", "n", "tStat");
            }
        }
        assertThat(names(j.get("calibration"))).isEqualTo(HORIZONS);
        for (JsonNode bucket : j.get("calibration").get("1s")) {
            assertThat(names(bucket)).containsExactly("lo", "hi", "n", "meanBps");
        }
    }

    @Test
    void shouldWriteTheReportAndTheCalibrationTheEdgeGateStartsFrom() throws IOException {
        final Path dir = tmp.resolve("out");
        final Path calibration = dir.resolve("edge.json");
        final Run r = run(
                "research",
                "--duration",
                "5m",
                "--profile",
                "ethusdt",
                "--predictability",
                "0.5",
                "--horizons",
                "1s,5s",
                "--report",
                dir.toString(),
                "--out",
                calibration.toString());
        assertThat(r.code()).as(r.err()).isZero();

        assertThat(r.out())
                .contains("source:        generated market, seed 1, 5m, profile ethusdt, predictability 0.5, pattern"
                        + " move 10 bps (ETHUSDT)")
                .contains("clears costs:")
                .contains("report:        " + dir.resolve("research.html"))
                .contains("calibration:   " + calibration);
        assertThat(Files.readString(dir.resolve("research.html"))).contains("id=\"calibration-chart\"");
        assertThat(JSON.readTree(dir.resolve("research.json").toFile())
                        .get("horizons")
                        .toString())
                .isEqualTo("[\"1s\",\"5s\"]");
        final List<EdgeCalibration> edge = EdgeCalibration.parseAll(Files.readString(calibration));
        assertThat(edge).extracting(EdgeCalibration::horizonNs).containsExactly(1_000_000_000L, 5_000_000_000L);
        assertThat(edge.get(0).samples()).isGreaterThan(1000);
    }

    @Test
    void shouldRefuseBadArgumentsWithOneLineAndExitCodeTwo() throws IOException {
        final Path data = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        assertThat(run("research", "--horizons", "1s,500ms").err())
                .isEqualTo("scalper: --horizons: must be strictly increasing, got 500ms after 1s\n");
        assertThat(run("research", "--horizons", "1x").err()).startsWith("scalper: --horizons: not a duration");
        assertThat(run("research", "--predictability", "2").err())
                .isEqualTo("scalper: --predictability: must be in [0, 1], got 2.0\n");
        assertThat(run("research", "--profile", "solusdt").err())
                .isEqualTo("scalper: --profile: must be one of [default, btcusdt, ethusdt], got 'solusdt'\n");
        assertThat(run("research", "--data", data.toString(), "--predictability", "0")
                        .err())
                .startsWith(
                        "scalper: --profile, --predictability, --pattern-move-bps and --mix shape a generated market");
        assertThat(run("research", "--mix", "spoofs").err())
                .isEqualTo("scalper: --mix: must be one of [rich, sweeps], got 'spoofs'\n");
        final Run bad =
                run("research", "--out", tmp.resolve("missing/edge.json").toString());
        assertThat(bad.code()).isEqualTo(ScalperCli.EXIT_USAGE);
        assertThat(bad.err()).startsWith("scalper: cannot write ");
    }

    /**
     * The 45 s recording: each symbol runs through research. 45 s show the plumbing (decoding, receive times, the
     * spread in the costs, horizons resolving) — not an edge: a few hundred overlapping decisions, most of them with the
     * mid unchanged (BTCUSDT's never moved), so no IC or edge can be told from noise.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"BTCUSDT,0.1,65114.25", "ETHUSDT,0.01,1922.5", "SOLUSDT,0.01,77.3", "DOGEUSDT,0.00001,0.07054"})
    void shouldResearchTheRealRecording(String symbol, double tick, double price) throws IOException {
        final Path data = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final Run r = run("research", "--data", data.toString(), "--symbol", symbol, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());

        // about 44 s of decisions every 250 ms, once the first book snapshot is in
        assertThat(j.get("samples").asLong()).isBetween(150L, 180L);
        // taker/taker = 2 × 5.5 bps of fees + the spread: one tick, as in every book message of the recording
        final double spreadBps = tick / price * 1e4;
        assertThat(j.get("costBps").get("takerTaker").asDouble() - 11)
                .isCloseTo(spreadBps, org.assertj.core.data.Percentage.withPercentage(5));
        // a 30 s horizon resolves only the first ~14 s of decisions: far fewer than the 250 ms one
        final JsonNode calibration = j.get("calibration");
        assertThat(count(calibration.get("30s"))).isLessThan(count(calibration.get("250ms")) / 2);
        assertThat(count(calibration.get("250ms"))).isGreaterThan(140);
    }

    private static long count(JsonNode buckets) {
        long n = 0;
        for (JsonNode b : buckets) {
            n += b.get("n").asLong();
        }
        return n;
    }

    @Test
    void shouldGenerateACalibratedMarketAsBybitFrames() throws IOException {
        final Path file = tmp.resolve("eth.jsonl");
        final Run r = run(
                "generate",
                "--duration",
                "20s",
                "--profile",
                "ethusdt",
                "--predictability",
                "0",
                "--out",
                file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        final List<String> lines = Files.readAllLines(file);

        assertThat(lines.get(0)).contains("orderbook.200.ETHUSDT");
        // the profile's 100 ms book interval: about 200 book messages in 20 s
        final long books =
                lines.stream().filter(l -> l.contains("\"topic\":\"orderbook.")).count();
        assertThat(books).isBetween(150L, 201L);
        assertThat(run(
                                "generate",
                                "--duration",
                                "20s",
                                "--profile",
                                "ethusdt",
                                "--book-interval",
                                "50ms",
                                "--out",
                                tmp.resolve("eth50.jsonl").toString())
                        .code())
                .isZero();
        assertThat(Files.readAllLines(tmp.resolve("eth50.jsonl")).stream()
                        .filter(l -> l.contains("\"topic\":\"orderbook."))
                        .count())
                .isGreaterThan(300);
    }

    @Test
    void shouldShapeOnlyAGeneratedMarket() throws IOException {
        final BacktestInput.MarketOptions options = new BacktestInput.MarketOptions();
        options.profile = "btcusdt";
        options.predictability = 0.25;
        options.patternMoveBps = 15.0;

        assertThat(options.config(7))
                .isEqualTo(GeneratorConfig.btcusdt()
                        .withSeed(7)
                        .withPredictability(0.25)
                        .withPatternMoveBps(15));
        assertThat(BacktestInput.of(List.of(), null, 7, "5m", options).describe())
                .isEqualTo("generated market, seed 7, 5m, profile btcusdt, predictability 0.25, pattern move 15 bps");
        assertThat(BacktestInput.of(List.of(), null, 7, "5m").describe()).isEqualTo("generated market, seed 7, 5m");
        final Path data = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        assertThatThrownBy(() -> BacktestInput.of(List.of(data), null, 1, null, options))
                .isInstanceOf(ScalperCli.UsageException.class);
    }
}
