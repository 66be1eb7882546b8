package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_MS = 1_767_225_600_000L;

    @TempDir
    Path tmp;

    private record Run(int code, List<String> out, String err) {
        JsonNode last(String key) throws IOException {
            return JSON.readTree(out.get(out.size() - 1)).get(key);
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

    @Test
    void shouldGenerateAFileThatReplaysWithoutGapsCrossingsOrMalformedFrames() throws IOException {
        final Path file = tmp.resolve("synthetic.jsonl.gz");
        final Run g = run(
                "generate",
                "--seed",
                "7",
                "--duration",
                "60s",
                "--out",
                file.toString(),
                "--scenario",
                "SPOOF_ASK@10s",
                "--scenario",
                "sweep_down@30s:levels=6");
        assertThat(g.code).isZero();
        assertThat(g.err).isEmpty();
        assertThat(g.out).hasSize(1);
        final JsonNode generated = g.last("generated");
        assertThat(generated.get("file").asText()).isEqualTo(file.toString());
        assertThat(generated.get("bookUpdates").asLong()).isBetween(1100L, 1201L);
        assertThat(generated.get("trades").asLong()).isGreaterThan(200);
        assertThat(generated.get("frames").asLong())
                .isGreaterThan(generated.get("bookUpdates").asLong());
        final JsonNode episodes = generated.get("episodes");
        assertThat(episodes).hasSize(2);
        assertThat(episodes.get(0).get("kind").asText()).isEqualTo("SPOOF_ASK");
        assertThat(episodes.get(0).get("startMs").asLong()).isEqualTo(START_MS + 10_000);
        assertThat(episodes.get(0).get("endMs").asLong()).isBetween(START_MS + 12_000, START_MS + 14_000);
        assertThat(episodes.get(0).get("direction").asInt()).isEqualTo(1);
        assertThat(episodes.get(1).get("kind").asText()).isEqualTo("SWEEP_DOWN");
        assertThat(episodes.get(1).get("startMs").asLong()).isEqualTo(START_MS + 30_000);
        assertThat(episodes.get(1).get("direction").asInt()).isEqualTo(-1);

        final Run r = run("replay", "--data", file.toString(), "--every", "100000");
        assertThat(r.code).isZero();
        final JsonNode s = r.last("summary");
        assertThat(s.get("gaps").asLong()).isZero();
        assertThat(s.get("crossed").asLong()).isZero();
        assertThat(s.get("malformed").asLong()).isZero();
        assertThat(s.get("rejected").asLong()).isZero();
        assertThat(s.get("duplicates").asLong()).isZero();
        assertThat(s.get("unknownTopics").asLong()).isZero();
        assertThat(s.get("messages").asLong()).isEqualTo(generated.get("frames").asLong());
        assertThat(s.get("bookUpdates").asLong())
                .isEqualTo(generated.get("bookUpdates").asLong());
        assertThat(s.get("trades").asLong()).isEqualTo(generated.get("trades").asLong());
        assertThat(s.get("tickers").asLong()).isBetween(550L, 601L);
    }

    @Test
    void shouldWritePlainTextOnePerLineAndTheSameBytesForTheSameSeed() throws IOException {
        final Path a = tmp.resolve("a.jsonl");
        final Path b = tmp.resolve("b.jsonl");
        final Path c = tmp.resolve("c.jsonl.gz");
        assertThat(run("generate", "--duration", "20s", "--out", a.toString(), "--depth", "50", "--rich").code)
                .isZero();
        assertThat(run("generate", "--duration", "20s", "--out", b.toString(), "--depth", "50", "--rich").code)
                .isZero();
        assertThat(run("generate", "--duration", "20s", "--out", c.toString(), "--depth", "50", "--rich").code)
                .isZero();

        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(c))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(a, StandardCharsets.UTF_8));
        }
        final List<String> lines = Files.readAllLines(a);
        assertThat(lines.get(0)).startsWith("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\"");
        assertThat(JSON.readTree(lines.get(0)).get("data").get("b")).hasSize(50);
    }

    @Test
    void shouldListGenerateInTheHelp() {
        final Run r = run("--help");
        assertThat(String.join("\n", r.out)).contains("generate").contains("replay");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--duration 0s|--duration must be in (0, 24h], got 0s",
                "--duration 2d|--duration must be in (0, 24h], got 2d",
                "--duration soon|--duration: not a duration: 'soon' (use e.g. 500ms, 5s, 2m, 1h)",
                "--duration 60s --depth 7|--depth must be one of [1, 50, 200, 500, 1000], got 7",
                "--duration 60s --book-interval 5s|--book-interval must be in [1ms, 1s], got 5s",
                "--duration 60s --scenario SPOOF@10s|--scenario: scenario 'SPOOF@10s': unknown kind 'SPOOF' (one of"
                        + " [SPOOF_BID, SPOOF_ASK, ICEBERG_BID, ICEBERG_ASK, SWEEP_UP, SWEEP_DOWN, BURST_BUY,"
                        + " BURST_SELL, REGIME_SHIFT, TREND_UP, TREND_DOWN])",
                "--duration 60s --scenario SWEEP_UP@10s:levels=99|--scenario: scenario 'SWEEP_UP@10s:levels=99':"
                        + " levels: must be an integer in [1, 50], got '99'",
                "--duration 60s --scenario SPOOF_ASK@2m|--scenario SPOOF_ASK@2m starts after the end of the 60s session",
                "--duration 60s --scenario SPOOF_ASK@10s --scenario BURST_BUY@12s|--scenario: scenarios overlap:"
                        + " SPOOF_ASK@10s controls the market for 8s, so BURST_BUY@12s must start at or after 18s"
            })
    void shouldRefuseBadArgumentsWithExitCodeTwoAndOneLine(String args, String message) {
        final Path file = tmp.resolve("x.jsonl");
        final String[] argv = (("generate --out " + file) + " " + args).split(" ");
        final Run r = run(argv);
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).isEqualTo("scalper: " + message + System.lineSeparator());
        assertThat(r.out).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRefuseAMissingOutputOrAnUnwritableDirectory() {
        final Run missing = run("generate", "--duration", "1s");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).startsWith("scalper: Missing required option: '--out=FILE'");

        final Path nowhere = tmp.resolve("no/such/dir/x.jsonl");
        final Run r = run("generate", "--duration", "1s", "--out", nowhere.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err)
                .isEqualTo("scalper: cannot write " + nowhere + ": no such directory or a directory"
                        + System.lineSeparator());
    }
}
