package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalper run} end to end on the embedded emulator, and its start-up errors. */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void noCredentials() {
        RunCommand.environment = Map.of();
        RunCommand.dotEnv = tmp.resolve(".env");
    }

    @AfterEach
    void restore() {
        RunCommand.environment = System.getenv();
        RunCommand.dotEnv = Path.of(".env");
    }

    @Test
    void shouldTradeOnTheEmbeddedEmulatorWriteJournalsAndASummaryThatMatchesTheVenue() throws IOException {
        final Path config = tmp.resolve("run.yaml");
        // more eager entries than the defaults (no edge gate, enter on a weaker score, keep the entry working, take
        // liquidity sooner, fixed brackets), so that a short run trades; the latency gate loose for a loaded machine
        Files.writeString(config, ChaosRun.EAGER);
        final Path state = tmp.resolve("state");
        final Run r = run(
                "run",
                "--speed",
                "10",
                "--duration",
                "25s",
                "--config",
                config.toString(),
                "--state-dir",
                state.toString(),
                "--flatten-on-exit",
                "--json",
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("entriesPlaced").asLong()).as("entries were placed").isPositive();
        assertThat(j.get("trades").asLong()).as("round trips closed").isPositive();
        assertThat(j.get("makerFills").asLong() + j.get("takerFills").asLong()).isPositive();
        // what we booked is what the venue's account shows
        final double venueChange =
                j.get("venueEndEquity").asDouble() - j.get("venueStartEquity").asDouble();
        assertThat(j.get("netPnl").asDouble()).isCloseTo(venueChange, within(1e-6));
        for (String f :
                List.of("decisions.csv", "orders.csv", "fills.csv", "trades.csv", "state.json", "health.json")) {
            assertThat(state.resolve(f)).as(f).exists();
        }
        assertThat(Files.readAllLines(state.resolve("trades.csv")))
                .hasSize(1 + j.get("trades").asInt());
        final JsonNode saved = JSON.readTree(state.resolve("state.json").toFile());
        assertThat(saved.get("positionLots").asLong()).as("flattened on exit").isZero();
        assertThat(r.err()).contains("emulator: rest http://127.0.0.1:");
    }

    @Test
    void shouldTradeWithTheDefaultGatesOnAMarketThatHasAnEdge() throws IOException {
        // the market is chosen, not the strategy: every sweep is followed by a 40 bps move its way, and the defaults
        // (no config file) find it — the adaptive weights from forward returns, the edge gate's calibration from every
        // decision — with the latency, spread, funding and book-age gates, sizing and brackets as they are
        final Path state = tmp.resolve("state");
        final Run r = run(
                "run",
                "--seed",
                "1",
                "--profile",
                "btcusdt",
                "--predictability",
                "1",
                "--pattern-move-bps",
                "40",
                "--mix",
                "sweeps",
                "--speed",
                "30",
                "--duration",
                "40s",
                "--state-dir",
                state.toString(),
                "--flatten-on-exit",
                "--json",
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("trades").asLong())
                .as("round trips with the default gates: %s", r.out())
                .isPositive();
        assertThat(j.path("refusals").path("edge_below_cost").asLong())
                .as("the edge gate refused what did not pay")
                .isPositive();
        final double venueChange =
                j.get("venueEndEquity").asDouble() - j.get("venueStartEquity").asDouble();
        assertThat(j.get("netPnl").asDouble()).isCloseTo(venueChange, within(1e-6));
        assertThat(JSON.readTree(state.resolve("state.json").toFile())
                        .get("positionLots")
                        .asLong())
                .isZero();
        assertThat(state.resolve("edge.json"))
                .as("what the edge gate learned is kept")
                .exists();
        final JsonNode weights = JSON.readTree(state.resolve("weights.json").toFile());
        assertThat(weights.path("edges").path("sweep").asDouble())
                .as("the adaptive weights found the sweep signal's edge: %s", weights)
                .isGreaterThan(0.2);
    }

    @Test
    void shouldTradeTwoSymbolsOnOneAccountInOneRun() throws IOException {
        final Path config = tmp.resolve("run.yaml");
        // eager entries (as above); 20-tick stops size every entry up to the position cap, so the cap is set for two
        // positions to fit the account's leverage, and the daily limit (in R of those capped trades) out of the way
        Files.writeString(
                config,
                ChaosRun.EAGER.replace(
                        "risk:\n  maxLatency: 2s\n",
                        "risk:\n  maxLatency: 2s\n  maxPositionNotional: 30000\n  dailyLossR: 1000\n"));
        final Path state = tmp.resolve("state");
        final Run r = run(
                "run",
                "--symbol",
                "BTCUSDT",
                "--symbol",
                "ethusdt",
                "--speed",
                "10",
                "--duration",
                "25s",
                "--config",
                config.toString(),
                "--state-dir",
                state.toString(),
                "--flatten-on-exit",
                "--json",
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());
        final JsonNode symbols = j.get("symbols");
        assertThat(symbols).as(r.out()).isNotNull();
        final List<String> names = new java.util.ArrayList<>();
        symbols.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("BTCUSDT", "ETHUSDT");
        long trades = 0;
        for (String s : List.of("BTCUSDT", "ETHUSDT")) {
            assertThat(symbols.get(s).get("entriesPlaced").asLong())
                    .as("%s placed entries: %s", s, r.out())
                    .isPositive();
            trades += symbols.get(s).get("trades").asLong();
        }
        assertThat(j.get("trades").asLong()).as("the totals add the symbols").isEqualTo(trades);
        // one account: what both symbols booked is what the venue's wallet shows
        final double venueChange =
                j.get("venueEndEquity").asDouble() - j.get("venueStartEquity").asDouble();
        assertThat(j.get("netPnl").asDouble()).isCloseTo(venueChange, within(1e-6));
        final JsonNode saved = JSON.readTree(state.resolve("state.json").toFile());
        for (String s : List.of("BTCUSDT", "ETHUSDT")) {
            assertThat(saved.path("symbols").path(s).path("positionLots").asLong(-1))
                    .as("%s flattened on exit", s)
                    .isZero();
        }
        assertThat(Files.readAllLines(state.resolve("orders.csv")))
                .as("one journal, both symbols in its symbol column")
                .anyMatch(l -> l.contains(",BTCUSDT,"))
                .anyMatch(l -> l.contains(",ETHUSDT,"));
    }

    @Test
    void shouldFailAtStartWithOneLineAndExitCode2() throws IOException {
        final Run noKeys =
                run("run", "--testnet", "--state-dir", tmp.resolve("s1").toString());
        assertThat(noKeys.code()).isEqualTo(2);
        assertThat(noKeys.err().trim())
                .isEqualTo("scalper: testnet needs BYBIT_API_KEY and BYBIT_API_SECRET"
                        + " (environment or .env); BYBIT_API_KEY is not set");

        Files.writeString(tmp.resolve(".env"), "BYBIT_API_KEY=abcdefgh1234\nBYBIT_API_SECRET=\"0123456789abcdef\"\n");
        java.nio.file.Files.setPosixFilePermissions(
                tmp.resolve(".env"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        final Run readable =
                run("run", "--demo", "--state-dir", tmp.resolve("s0").toString());
        assertThat(readable.code()).as("a secret other users may read").isEqualTo(2);
        assertThat(readable.err())
                .contains("other users may read it (rw-r--r--): run chmod 600")
                .doesNotContain("0123456789abcdef");

        writeEnv("BYBIT_API_KEY=abc\nBYBIT_API_SECRET=\"0123456789abcdef\"\n");
        final Run bad = run("run", "--demo", "--state-dir", tmp.resolve("s2").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("BYBIT_API_KEY is malformed").doesNotContain("0123456789abcdef");

        final Run mainnet =
                run("run", "--mainnet", "--state-dir", tmp.resolve("s3").toString());
        assertThat(mainnet.code()).isEqualTo(2);
        assertThat(mainnet.err()).contains("--i-accept-mainnet-risk").contains("Risk limits in force");

        writeEnv("BYBIT_API_KEY=abcdefgh1234\nBYBIT_API_SECRET=0123456789abcdef\n");
        final Run unreachable = run(
                "run",
                "--rest-url",
                "http://127.0.0.1:1",
                "--ws-url",
                "ws://127.0.0.1:1",
                "--state-dir",
                tmp.resolve("s4").toString());
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.err().trim())
                .startsWith("scalper: cannot start on")
                .doesNotContain("\n");
        assertThat(unreachable.err()).doesNotContain("0123456789abcdef");

        assertThat(run("run", "--reconcile", "maybe").code()).isEqualTo(2);
        assertThat(run("run", "--sim", "--testnet").code()).isEqualTo(2);
        final Run marketOnVenue = run("run", "--testnet", "--profile", "btcusdt");
        assertThat(marketOnVenue.code()).isEqualTo(2);
        assertThat(marketOnVenue.err()).contains("only with --sim");
        final Run badMix =
                run("run", "--mix", "spoofs", "--state-dir", tmp.resolve("s5").toString());
        assertThat(badMix.code()).isEqualTo(2);
        assertThat(badMix.err()).contains("--mix: must be one of [rich, sweeps], got 'spoofs'");
    }

    private void writeEnv(String text) throws IOException {
        final Path env = tmp.resolve(".env");
        Files.writeString(env, text);
        Files.setPosixFilePermissions(env, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
