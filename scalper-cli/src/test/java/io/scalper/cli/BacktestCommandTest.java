package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalper backtest}, {@code convert} and {@code sweep} end to end on generated markets. */
class BacktestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static final List<String> REQUIRED_KEYS = List.of(
            "events",
            "eventsPerSecond",
            "trades",
            "wins",
            "losses",
            "winRate",
            "startEquity",
            "endEquity",
            "realizedPnl",
            "fees",
            "funding",
            "sharpe",
            "maxDrawdown",
            "fillRatio",
            "makerFills",
            "takerFills",
            "refusals",
            "signalPnl");

    /**
     * A configuration that enters whenever the signals say so (edge gate off, fixed-tick brackets): these tests are
     * about the command's plumbing and accounting, which need trades on any market.
     */
    static final String PLUMBING = "edge:\n  enabled: false\nexecution:\n  stopVolMultiple: 0\n  stopCostMultiple: 0\n";

    private String plumbing() throws IOException {
        final Path file = tmp.resolve("plumbing.yaml");
        Files.writeString(file, PLUMBING);
        return file.toString();
    }

    @Test
    void shouldPrintOneJsonObjectWithEveryRequiredKeyAndBalancedAccounts() throws IOException {
        final Run r = run("backtest", "--duration", "15m", "--seed", "3", "--json", "--quiet", "--config", plumbing());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        final JsonNode j = JSON.readTree(r.lines().get(0));
        for (String key : REQUIRED_KEYS) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        assertThat(j.get("refusals").isObject()).isTrue();
        assertThat(j.get("signalPnl").isObject()).isTrue();
        assertThat(j.get("signalPnl").has("obi")).isTrue();
        assertThat(j.get("events").asLong()).isGreaterThan(50_000);
        assertThat(j.get("trades").asLong()).isPositive();
        assertThat(j.get("wins").asLong() + j.get("losses").asLong())
                .isLessThanOrEqualTo(j.get("trades").asLong());
        final double end = j.get("startEquity").asDouble()
                + j.get("realizedPnl").asDouble()
                - j.get("fees").asDouble()
                + j.get("funding").asDouble();
        assertThat(end).isCloseTo(j.get("endEquity").asDouble(), within(1e-6));
        assertThat(j.get("exchangeEquity").asDouble())
                .isCloseTo(j.get("endEquity").asDouble(), within(1e-6));
        assertThat(r.err()).as("quiet").isEmpty();
    }

    @Test
    void shouldWriteTheReportSummaryAndJournals() throws IOException {
        final Path dir = tmp.resolve("report");
        final Run r = run("backtest", "--duration", "10m", "--seed", "2", "--report", dir.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trades:").contains("report: ");
        for (String f :
                List.of("report.html", "summary.json", "decisions.csv", "orders.csv", "fills.csv", "trades.csv")) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        final String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("id=\"equity\"")
                .contains("id=\"decision-quality\"")
                .contains("id=\"price\"")
                .contains("generated market, seed 2");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
        final JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("trades").asLong())
                .isEqualTo(Files.readAllLines(dir.resolve("trades.csv")).size() - 1L);
    }

    @Test
    void shouldBacktestAConvertedEventFileLikeItsSource() throws IOException {
        final Path file = tmp.resolve("gen.events");
        final Run c = run("convert", "generated", file.toString(), "--seed", "4", "--duration", "10m");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("messages").contains("events");
        assertThat(file).exists();
        final Run a = run("backtest", "--duration", "10m", "--seed", "4", "--json", "--quiet");
        final Run b = run("backtest", "--data", file.toString(), "--seed", "4", "--json", "--quiet");
        assertThat(b.code()).as(b.err()).isZero();
        final JsonNode ja = JSON.readTree(a.out());
        final JsonNode jb = JSON.readTree(b.out());
        for (String key : List.of("events", "trades", "realizedPnl", "fees", "endEquity", "makerFills", "refusals")) {
            assertThat(jb.get(key)).as(key).isEqualTo(ja.get(key));
        }
    }

    @Test
    void shouldSweepAGridInParallelRankItAndWriteCsv() throws IOException {
        final Path csv = tmp.resolve("sweep.csv");
        final Run r = run(
                "sweep",
                "--param",
                "fusion.entryScore=0.3,0.6",
                "--param",
                "execution.stopTicks=15,25",
                "--duration",
                "8m",
                "--jobs",
                "2",
                "--out",
                csv.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("rank").contains("fusion.entryScore=0.3").contains("csv: ");
        final List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("period,fusion.entryScore,execution.stopTicks,trades");
        // ranked by net PnL, best first
        final List<String> table = r.lines().subList(1, 5);
        double previous = Double.POSITIVE_INFINITY;
        for (String line : table) {
            final String[] cols = line.trim().split("\\s+");
            final double net = Double.parseDouble(cols[cols.length - 4]);
            assertThat(net).isLessThanOrEqualTo(previous);
            previous = net;
        }
    }

    @Test
    void shouldWalkForwardAndReportOutOfSampleWindows() throws IOException {
        final Path csv = tmp.resolve("wf.csv");
        final long minuteNs = 60_000_000_000L;
        final long trainNs = 8 * minuteNs;
        final long testNs = 4 * minuteNs;
        final Run r = run(
                "sweep",
                "--config",
                plumbing(),
                "--param",
                "fusion.entryScore=0.35,0.45",
                "--duration",
                "20m",
                "--train",
                "8m",
                "--test",
                "4m",
                "--jobs",
                "2",
                "--out",
                csv.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();

        // table rows: window, test period (start+length), best on training, train and test netPnl, trades, test netPnl
        final List<String[]> windows = r.lines().stream()
                .filter(l -> Character.isDigit(l.charAt(0)))
                .map(l -> l.trim().split("\\s+"))
                .toList();
        assertThat(windows).hasSize(3);
        // 3 windows x (2 training runs + 1 test run)
        final List<Map<String, String>> rows = csvRows(csv);
        assertThat(rows).hasSize(9);

        long previousEndNs = trainNs; // the first test period follows the first training period
        long totalTrades = 0;
        double totalNet = 0;
        final Set<String> chosen = new TreeSet<>();
        for (int k = 1; k <= windows.size(); k++) {
            final String[] w = windows.get(k - 1);
            assertThat(w).hasSize(7);
            assertThat(w[0]).isEqualTo(String.valueOf(k));

            // the test periods tile the data after the first training period: each starts where the last ended
            final String[] period = w[1].split("\\+");
            final long startNs = Durations.parseNs(period[0]);
            assertThat(startNs)
                    .as("window %d starts where window %d ended", k, k - 1)
                    .isEqualTo(previousEndNs);
            assertThat(Durations.parseNs(period[1])).isEqualTo(testNs);
            previousEndNs = startNs + testNs;

            // the choice is the best of this window's training runs by netPnl (higher first)
            final String window = String.valueOf(k);
            final List<Map<String, String>> training = rows.stream()
                    .filter(row -> row.get("period").equals("train " + window))
                    .toList();
            assertThat(training).hasSize(2);
            final Map<String, String> best = training.stream()
                    .max(Comparator.comparingDouble(row -> Double.parseDouble(row.get("netPnl"))))
                    .orElseThrow();
            assertThat(w[2]).as("window %d choice", k).isEqualTo("fusion.entryScore=" + best.get("fusion.entryScore"));
            assertThat(Double.parseDouble(w[3])).isCloseTo(Double.parseDouble(best.get("netPnl")), within(1e-4));
            chosen.add(w[2]);
            // ... and its in-sample figure a standalone backtest over the training period just before the test period
            assertThat(standalone(best.get("fusion.entryScore"), startNs - trainNs, startNs)
                            .stats()
                            .netPnl())
                    .as("window %d in-sample netPnl", k)
                    .isCloseTo(Double.parseDouble(best.get("netPnl")), within(1e-6));

            // the out-of-sample figure is a standalone backtest of the choice over the test period, with the market
            // before it as warm-up (entries refused)
            final Map<String, String> test = rows.stream()
                    .filter(row -> row.get("period").equals("test " + window))
                    .findFirst()
                    .orElseThrow();
            assertThat(test.get("fusion.entryScore")).isEqualTo(best.get("fusion.entryScore"));
            final BacktestResult standalone = standalone(best.get("fusion.entryScore"), startNs, startNs + testNs);
            assertThat(Long.parseLong(w[5]))
                    .as("window %d trades", k)
                    .isEqualTo(standalone.stats().trades());
            assertThat(Long.parseLong(test.get("trades")))
                    .isEqualTo(standalone.stats().trades());
            assertThat(Double.parseDouble(test.get("netPnl")))
                    .as("window %d out-of-sample netPnl", k)
                    .isCloseTo(standalone.stats().netPnl(), within(1e-6));
            assertThat(Double.parseDouble(w[6])).isCloseTo(standalone.stats().netPnl(), within(0.005));
            for (RoundTrip t : standalone.trades()) {
                assertThat(t.entryTimeNs() - standalone.startTimeNs())
                        .as("entry inside test window %d", k)
                        .isBetween(startNs, startNs + testNs);
            }
            totalTrades += standalone.stats().trades();
            totalNet += standalone.stats().netPnl();
        }
        assertThat(previousEndNs).as("the last test period ends with the data").isEqualTo(20 * minuteNs);
        assertThat(totalTrades).as("out-of-sample trades").isPositive();
        assertThat(chosen).as("choices differ between windows").hasSize(2);

        // the total is the sum over the windows
        final String total = r.lines().stream()
                .filter(l -> l.startsWith("out of sample:"))
                .findFirst()
                .orElseThrow();
        assertThat(total)
                .isEqualTo(String.format(
                        Locale.ROOT, "out of sample: 3 windows, %d trades, net PnL %+.2f", totalTrades, totalNet));
    }

    @Test
    void shouldWalkForwardOnlyOverTheDurationOfDataFiles() throws IOException {
        final Path file = tmp.resolve("gen.events");
        assertThat(run("convert", "generated", file.toString(), "--seed", "1", "--duration", "20m")
                        .code())
                .isZero();
        final Run r = run(
                "sweep",
                "--param",
                "fusion.entryScore=0.35,0.45",
                "--data",
                file.toString(),
                "--duration",
                "12m",
                "--train",
                "8m",
                "--test",
                "4m",
                "--jobs",
                "2",
                "--out",
                tmp.resolve("wf.csv").toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        // 12 minutes hold one 8m + 4m window; the file's other 8 minutes are not walked over
        assertThat(r.out()).contains("out of sample: 1 windows");
    }

    /** The backtest of a fusion.entryScore trading only in [fromNs, toNs) of the 20-minute generated market, seed 1. */
    private static BacktestResult standalone(String entryScore, long fromNs, long toNs) throws IOException {
        final BacktestRunner.Builder b = BacktestRunner.builder()
                .config(ConfigFile.empty()
                        .with("fusion.entryScore", entryScore)
                        .with("edge.enabled", "false")
                        .with("execution.stopVolMultiple", "0")
                        .with("execution.stopCostMultiple", "0")
                        .config())
                .seed(1)
                .tradeFromNs(fromNs)
                .maxDurationNs(toNs);
        BacktestInput.of(List.of(), null, 1, "20m").apply(b);
        return b.build().run();
    }

    /** The CSV as rows of column name to value (no quoted commas in these files). */
    private static List<Map<String, String>> csvRows(Path csv) throws IOException {
        final List<String> lines = Files.readAllLines(csv);
        final String[] header = lines.get(0).split(",", -1);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            final Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void shouldBacktestTheRealRecordingWithItsReceiveTimesAndConvertIt() throws IOException {
        final Path file = io.scalper.core.testing.SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final Run r = run("backtest", "--data", file.toString(), "--symbol", "BTCUSDT", "--json", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());
        // 414 book, 16 trade and 185 ticker messages of BTCUSDT
        assertThat(j.get("messages").asLong()).isEqualTo(615);
        assertThat(j.get("events").asLong()).isGreaterThan(6_780);
        assertThat(j.get("endEquity").asDouble())
                .isCloseTo(j.get("exchangeEquity").asDouble(), within(1e-6));
        // the same market through a binary event file, receive times included
        final Path events = tmp.resolve("btc.events");
        assertThat(run("convert", file.toString(), events.toString(), "--symbol", "BTCUSDT")
                        .code())
                .isZero();
        final JsonNode b = JSON.readTree(run("backtest", "--data", events.toString(), "--json", "--quiet")
                .out());
        for (String key : List.of("messages", "events", "trades", "refusals", "endEquity")) {
            assertThat(b.get(key)).as(key).isEqualTo(j.get(key));
        }
        // and a Bybit archive
        final Path archive = io.scalper.core.testing.SharedData.require("bybit/2024-12-01_XRPUSDT_ob500.data");
        final Run x = run("backtest", "--data", archive.toString(), "--json", "--quiet");
        assertThat(x.code()).as(x.err()).isZero();
        assertThat(JSON.readTree(x.out()).get("messages").asLong()).isEqualTo(50);
    }

    @Test
    void shouldBacktestTheFourSymbolsOfTheRecordingAtOnceOnOneAccount() throws IOException {
        final Path file = io.scalper.core.testing.SharedData.require("bybit/linear-4sym-2026-08-09.jsonl");
        final List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT");
        final List<String> args = new java.util.ArrayList<>(List.of("backtest", "--data", file.toString()));
        for (String s : symbols) {
            args.add("--symbol");
            args.add(s);
        }
        args.addAll(List.of("--json", "--quiet"));
        final Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        final JsonNode j = JSON.readTree(r.out());
        long messages = 0;
        for (String s : symbols) {
            final JsonNode one = j.path("symbols").path(s);
            assertThat(one.path("messages").asLong()).as(s + ": " + r.out()).isPositive();
            messages += one.get("messages").asLong();
        }
        // each symbol sees exactly what it sees alone
        final JsonNode btc =
                JSON.readTree(run("backtest", "--data", file.toString(), "--symbol", "BTCUSDT", "--json", "--quiet")
                        .out());
        assertThat(j.path("symbols").path("BTCUSDT").get("messages")).isEqualTo(btc.get("messages"));
        assertThat(j.get("messages").asLong()).isEqualTo(messages);
        assertThat(j.get("endEquity").asDouble())
                .isCloseTo(j.get("exchangeEquity").asDouble(), within(1e-6));
    }

    @Test
    void shouldBacktestTheConfigsSymbolsOnGeneratedMarketsWithTotalsAndPerSymbolLines() throws IOException {
        final Path config = tmp.resolve("two.yaml");
        Files.writeString(config, PLUMBING + "symbols: [BTCUSDT, ethusdt]\n");
        final Run r = run("backtest", "--config", config.toString(), "--duration", "10m", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(BTCUSDT, ETHUSDT, one account)");
        assertThat(r.out().lines().filter(l -> l.startsWith("  BTCUSDT ") || l.startsWith("  ETHUSDT ")))
                .hasSize(2);
        final Run j = run("backtest", "--config", config.toString(), "--duration", "10m", "--json", "--quiet");
        final JsonNode n = JSON.readTree(j.out());
        assertThat(n.get("trades").asLong())
                .isEqualTo(n.path("symbols").path("BTCUSDT").get("trades").asLong()
                        + n.path("symbols").path("ETHUSDT").get("trades").asLong());
        // --symbol overrides the config's list
        final Run one = run(
                "backtest",
                "--config",
                config.toString(),
                "--symbol",
                "BTCUSDT",
                "--duration",
                "10m",
                "--json",
                "--quiet");
        assertThat(JSON.readTree(one.out()).has("symbols")).isFalse();
        // a bad list names the key
        Files.writeString(config, "symbols: BTCUSDT\n");
        final Run bad = run("backtest", "--config", config.toString(), "--quiet");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("symbols: must be a non-empty list");
    }

    @Test
    void shouldPrintTheProfitFactorForPeople() {
        assertThat(BacktestCommand.profitFactor(Double.NaN)).isEqualTo("n/a");
        assertThat(BacktestCommand.profitFactor(Double.POSITIVE_INFINITY)).isEqualTo("no losses");
        assertThat(BacktestCommand.profitFactor(1.5)).isEqualTo("1.50");
    }

    @Test
    void shouldRejectBadArgumentsInOneLineWithExitCode2() {
        for (String[] args : List.of(
                new String[] {"sweep", "--param", "fusion.entryScore"},
                new String[] {"sweep", "--param", "fusion.nope=1,2"},
                new String[] {"sweep", "--param", "fusion.entryScore=5"},
                new String[] {"sweep", "--param", "fusion.entryScore=0.3", "--rank-by", "luck"},
                new String[] {"sweep", "--param", "fusion.entryScore=0.3", "--train", "1m"},
                new String[] {"sweep", "--param", "fusion.entryScore=0.3", "--spark", "local[2]"},
                new String[] {"sweep", "--param", "fusion.entryScore=0.3", "--data", "hdfs://nn/a.events"},
                new String[] {"sweep", "--param", "fusion.entryScore=0.3", "--symbol", "X", "--symbol", "X"},
                new String[] {"research", "--spark"},
                new String[] {"backtest", "--data", tmp.resolve("missing.jsonl").toString()},
                new String[] {"backtest", "--duration", "soon"},
                new String[] {"convert", "generated", tmp.resolve("out.txt").toString()})) {
            final Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("scalper: ");
        }
    }

    @Test
    void shouldSayWhatIsMissingForSparkWithoutTheModule() {
        // scalper-spark is not on this module's class path: --spark must say so, not fail obscurely
        final Run r = run("sweep", "--param", "fusion.entryScore=0.3", "--duration", "1m", "--spark");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("scalper: --spark: Spark support (the scalper-spark module) is not on the class path; run"
                        + " ./scalper, which builds and adds it when --spark is given, or submit"
                        + " scalper-spark/target/scalper-spark.jar with spark-submit (see the README)\n");
    }

    @Test
    void shouldSweepEachFileAndSymbolAsItsOwnMarketAndKeepTheRowsOfTheOthersWhenOneFails() throws IOException {
        final Path good = tmp.resolve("good.events");
        assertThat(run("convert", "generated", good.toString(), "--seed", "2", "--duration", "3m")
                        .code())
                .isZero();
        final Path broken = tmp.resolve("broken.events");
        Files.writeString(broken, "not events\n");
        final Path csv = tmp.resolve("files.csv");
        final Run r = run(
                "sweep",
                "--config",
                plumbing(),
                "--param",
                "fusion.entryScore=0.3,0.45",
                "--per-file",
                "--data",
                broken.toString(),
                "--data",
                good.toString(),
                "--jobs",
                "2",
                "--out",
                csv.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains("sweep: failed: broken.events fusion.entryScore=0.3 (all): ")
                .contains("sweep: failed: broken.events fusion.entryScore=0.45 (all): ")
                .contains("sweep: 2 run(s) failed; the others' results are in the table and the CSV");
        final List<Map<String, String>> rows = csvRows(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("data")).isEqualTo(good.toString()));
        assertThat(r.out()).contains("good.events fusion.entryScore=0.3").contains("csv: ");
    }

    @Test
    void shouldDrawProgressOnlyWhenEnabled() {
        final StringWriter text = new StringWriter();
        final long[] now = {0};
        final ProgressBar bar = new ProgressBar(new PrintWriter(text), true, () -> now[0]);
        bar.expect(0, 1_000_000_000_000L);
        now[0] = 1_000_000_000L;
        bar.onProgress(2_000_000, 500_000_000_000L, false);
        assertThat(text.toString()).contains("50%").contains("2,000,000 events").contains("2.0M/s");
        now[0] += 10_000_000L; // 10 ms later: not redrawn
        final int length = text.toString().length();
        bar.onProgress(2_100_000, 510_000_000_000L, false);
        assertThat(text.toString()).hasSize(length);
        bar.onProgress(3_000_000, 1_000_000_000_000L, true);
        assertThat(text.toString()).contains("100%").endsWith(System.lineSeparator());

        final StringWriter silent = new StringWriter();
        final ProgressBar off = new ProgressBar(new PrintWriter(silent), false, () -> now[0]);
        off.onProgress(1, 1, true);
        assertThat(silent.toString()).isEmpty();
    }
}
