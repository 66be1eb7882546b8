package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int code, List<String> out, String err) {
        JsonNode summary() throws IOException {
            return JSON.readTree(out.get(out.size() - 1)).get("summary");
        }
    }

    private static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        final List<String> lines = Arrays.stream(out.toString().split("\n"))
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
        return new Run(code, lines, err.toString());
    }

    private static final List<String> SMALL = List.of(
            "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c1\",\"req_id\":\"\",\"op\":\"subscribe\"}",
            "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1000,\"data\":{\"s\":\"BTCUSDT\","
                    + "\"b\":[[\"100.10\",\"1.000\"],[\"100.00\",\"2.000\"]],\"a\":[[\"100.20\",\"0.500\"]],\"u\":7,\"seq\":1}}",
            "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1100,\"data\":{\"s\":\"BTCUSDT\","
                    + "\"b\":[[\"100.10\",\"0\"]],\"a\":[[\"100.30\",\"4.000\"]],\"u\":8,\"seq\":2}}",
            "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1150,\"data\":[{\"T\":1149,\"s\":\"BTCUSDT\","
                    + "\"S\":\"Sell\",\"v\":\"1.000\",\"p\":\"100.10\"}]}",
            "this line is garbage",
            "{\"topic\":\"kline.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}",
            "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1200,\"data\":{\"s\":\"BTCUSDT\","
                    + "\"b\":[],\"a\":[[\"100.20\",\"0\"]],\"u\":10,\"seq\":3}}");

    @Test
    void shouldPrintBooksAndASummaryForASmallFile() throws IOException {
        final Path file = tmp.resolve("small.jsonl");
        Files.write(file, SMALL);
        final Run r = run("replay", "--data", file.toString(), "--top", "2");
        assertThat(r.code).isZero();
        assertThat(r.err).isEmpty();
        assertThat(r.out).hasSize(3);
        assertThat(r.out.get(0))
                .isEqualTo(
                        "{\"ts\":1000,\"symbol\":\"BTCUSDT\",\"u\":7,"
                                + "\"bids\":[[\"100.10\",\"1.000\"],[\"100.00\",\"2.000\"]],\"asks\":[[\"100.20\",\"0.500\"]]}");
        assertThat(r.out.get(1))
                .isEqualTo(
                        "{\"ts\":1100,\"symbol\":\"BTCUSDT\",\"u\":8,"
                                + "\"bids\":[[\"100.00\",\"2.000\"]],\"asks\":[[\"100.20\",\"0.500\"],[\"100.30\",\"4.000\"]]}");
        final JsonNode s = r.summary();
        assertThat(s.get("messages").asLong()).isEqualTo(7);
        assertThat(s.get("bookUpdates").asLong()).isEqualTo(2);
        assertThat(s.get("trades").asLong()).isEqualTo(1);
        assertThat(s.get("gaps").asLong()).isEqualTo(1);
        assertThat(s.get("crossed").asLong()).isZero();
        assertThat(s.get("malformed").asLong()).isEqualTo(1);
        assertThat(s.get("unknownTopics").asLong()).isEqualTo(1);
        assertThat(s.get("controlFrames").asLong()).isEqualTo(1);
    }

    @Test
    void shouldReadGzipAndZipFilesAndLinesWithReceiveTimes() throws IOException {
        final Path gz = tmp.resolve("small.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(String.join("\n", SMALL).getBytes(StandardCharsets.UTF_8));
        }
        final Path zip = tmp.resolve("2024-12-01_BTCUSDT_ob50.data.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("2024-12-01_BTCUSDT_ob50.data"));
            out.write(String.join("\n", SMALL).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        final Path stamped = tmp.resolve("stamped.jsonl");
        Files.write(stamped, SMALL.stream().map(l -> "1786310819.526357\t" + l).collect(Collectors.toList()));
        for (Path file : List.of(gz, zip, stamped)) {
            final Run r = run("replay", "--data", file.toString());
            assertThat(r.code).as(file.toString()).isZero();
            assertThat(r.summary().get("bookUpdates").asLong())
                    .as(file.toString())
                    .isEqualTo(2);
            assertThat(r.summary().get("malformed").asLong())
                    .as(file.toString())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldFilterBySymbolAndPrintEveryKthUpdateOfTheRealData() throws IOException {
        final Path file = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final Run r = run("replay", "--data", file.toString(), "--symbol", "btcusdt", "--top", "3", "--every", "10");
        assertThat(r.code).isZero();
        final JsonNode s = r.summary();
        assertThat(s.get("messages").asLong()).isEqualTo(2529);
        assertThat(s.get("bookUpdates").asLong()).isEqualTo(1598);
        assertThat(s.get("trades").asLong()).isEqualTo(327);
        assertThat(s.get("gaps").asLong()
                        + s.get("crossed").asLong()
                        + s.get("malformed").asLong())
                .isZero();
        assertThat(s.get("unknownTopics").asLong()).isEqualTo(71);
        final List<String> books = r.out.subList(0, r.out.size() - 1);
        assertThat(books).hasSize(414 / 10);
        for (String line : books) {
            final JsonNode b = JSON.readTree(line);
            assertThat(b.get("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(b.get("bids")).hasSize(3);
            assertThat(b.get("asks")).hasSize(3);
            final double bid = Double.parseDouble(b.get("bids").get(0).get(0).asText());
            final double ask = Double.parseDouble(b.get("asks").get(0).get(0).asText());
            assertThat(bid).isLessThan(ask);
            assertThat(b.get("bids").get(0).get(0).asText()).matches("\\d+\\.\\d0");
        }
    }

    @Test
    void shouldReplayTheXrpArchive() throws IOException {
        final Path file = SharedData.require("bybit/2024-12-01_XRPUSDT_ob500.data");
        final Run r = run("replay", "--data", file.toString(), "--every", "50", "--top", "1");
        assertThat(r.code).isZero();
        assertThat(r.out).hasSize(2);
        assertThat(JSON.readTree(r.out.get(0)).get("u").asLong()).isEqualTo(20254918);
        assertThat(r.summary().get("bookUpdates").asLong()).isEqualTo(50);
    }

    @Test
    void shouldFailWithOneLineAndExitCodeTwoOnBadInput() {
        final Run missing = run("replay", "--data", tmp.resolve("nope.jsonl").toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err.strip())
                .startsWith("scalper: cannot read data file")
                .doesNotContain("\n");
        assertThat(missing.out).isEmpty();

        final Run badDuration = run("replay", "--duration", "soon");
        assertThat(badDuration.code).isEqualTo(2);
        assertThat(badDuration.err.strip()).startsWith("scalper: --duration").doesNotContain("\n");

        final Run badEvery = run("replay", "--data", "x", "--every", "0");
        assertThat(badEvery.code).isEqualTo(2);
        assertThat(badEvery.err.strip()).isEqualTo("scalper: --every must be >= 1, got 0");

        final Run notANumber = run("replay", "--data", "x", "--top", "many");
        assertThat(notANumber.code).isEqualTo(2);
        assertThat(notANumber.err.strip()).doesNotContain("\n").contains("--top");

        final Run directory = run("replay", "--data", tmp.toString());
        assertThat(directory.code).isEqualTo(2);

        final Run unknown = run("replay", "--data", "x", "--bogus");
        assertThat(unknown.code).isEqualTo(2);
    }

    @Test
    void shouldReadInstrumentRulesFromAFile() throws IOException {
        final Path rules = SharedData.require("bybit/fixtures/rest-instruments-linear-2023.json");
        final Path file = tmp.resolve("small.jsonl");
        Files.write(file, SMALL);
        final Run r = run("replay", "--data", file.toString(), "--instruments", rules.toString());
        assertThat(r.code).isZero();
        assertThat(r.summary().get("bookUpdates").asLong()).isEqualTo(2);
        final Run bad = run("replay", "--data", file.toString(), "--instruments", file.toString());
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).startsWith("scalper: bad instruments file");
    }

    @Test
    void shouldReplayAGeneratedMarketWhenNoFileIsGivenAndPrintSignalsDeterministically() throws IOException {
        final Run first = run("replay", "--duration", "60s", "--seed", "4", "--signals", "--every", "50");
        assertThat(first.code).isZero();
        final JsonNode s = first.summary();
        assertThat(s.get("file").asText()).isEqualTo("generated-seed-4");
        assertThat(s.get("bookUpdates").asLong()).isGreaterThan(1000);
        assertThat(s.get("gaps").asLong()
                        + s.get("crossed").asLong()
                        + s.get("malformed").asLong())
                .isZero();
        assertThat(s.get("nonFiniteScores").asLong()).isZero();
        final JsonNode decision = JSON.readTree(first.out.get(0));
        for (String key : List.of(
                "ts",
                "mid",
                "obi",
                "umom",
                "prt",
                "ltb",
                "sweep",
                "ice",
                "vwap",
                "regime",
                "fused",
                "confidence",
                "regimeClass",
                "weights")) {
            assertThat(decision.has(key)).as(key).isTrue();
        }
        assertThat(decision.get("weights")).hasSize(8);
        final Run second = run("replay", "--duration", "60s", "--seed", "4", "--signals", "--every", "50");
        assertThat(second.out).as("byte-identical").isEqualTo(first.out);
    }

    @Test
    void shouldReplayTheRealDataWithSignalsAllFiniteAndInRange() throws IOException {
        final Path file = SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final Run r = run("replay", "--data", file.toString(), "--signals", "--every", "5");
        assertThat(r.code).isZero();
        assertThat(r.summary().get("nonFiniteScores").asLong()).isZero();
        assertThat(r.summary().get("decisions").asLong()).isGreaterThan(1500);
        for (String line : r.out.subList(0, r.out.size() - 1)) {
            final JsonNode d = JSON.readTree(line);
            for (String key : List.of("obi", "umom", "prt", "ltb", "sweep", "ice", "vwap", "regime", "fused")) {
                assertThat(d.get(key).asDouble()).as(key).isBetween(-1.0, 1.0);
            }
            assertThat(d.get("confidence").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shouldPrintHelpAndVersion() {
        final Run help = run("--help");
        assertThat(help.code).isZero();
        assertThat(String.join("\n", help.out)).contains("replay");
        final Run version = run("--version");
        assertThat(version.code).isZero();
        assertThat(version.out.get(0)).startsWith("scalper ");
    }
}
