package io.scalper.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.cli.ScalperCli;
import io.scalper.core.research.ResearchResult;
import io.scalper.core.research.ResearchRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same sweeps and research on Spark {@code local[2]} and on the thread pool give the same rows and statistics:
 * both run the same tasks. A few short runs only: each Spark run starts a Spark context.
 */
class SparkSweepTest {
    @TempDir
    static Path tmp;

    private static Path config;
    private static Path a;
    private static Path b;
    private static Path bad;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void data() throws IOException {
        // enters whenever the signals say so (edge gate off, fixed-tick brackets): rows with trades on any market
        config = tmp.resolve("plumbing.yaml");
        Files.writeString(config, "edge:\n  enabled: false\nexecution:\n  stopVolMultiple: 0\n  stopCostMultiple: 0\n");
        a = tmp.resolve("a.events");
        b = tmp.resolve("b.events");
        for (Object[] f : new Object[][] {{a, "4"}, {b, "5"}}) {
            final Run c = run("convert", "generated", f[0].toString(), "--seed", (String) f[1], "--duration", "4m");
            assertThat(c.code()).as(c.err()).isZero();
        }
        // a stand-in for a cluster's file system, which Spark's Hadoop configuration takes from spark.hadoop.*
        System.setProperty("spark.hadoop.fs.testfs.impl", TestFs.class.getName());
        bad = tmp.resolve("bad.events");
        Files.writeString(bad, "not an event file\n");
    }

    private static List<String> sweep(Path csv, String... more) {
        final List<String> args = new ArrayList<>(List.of(
                "sweep",
                "--config",
                config.toString(),
                "--param",
                "fusion.entryScore=0.3,0.45",
                "--param",
                "execution.stopTicks=15,25",
                "--out",
                csv.toString(),
                "--quiet"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void shouldGiveTheThreadPoolsRowsOnSparkWalkForwardIncluded() throws IOException {
        for (List<String> extra :
                List.of(List.of("--duration", "6m"), List.of("--duration", "9m", "--train", "4m", "--test", "2m"))) {
            final Path pool = tmp.resolve("pool.csv");
            final Path spark = tmp.resolve("spark.csv");
            final List<String> local = sweep(pool, extra.toArray(String[]::new));
            local.addAll(List.of("--jobs", "2"));
            final List<String> onSpark = sweep(spark, extra.toArray(String[]::new));
            onSpark.addAll(List.of("--spark", "local[2]"));

            final Run p = run(local.toArray(String[]::new));
            final Run s = run(onSpark.toArray(String[]::new));

            assertThat(p.code()).as(p.err()).isZero();
            assertThat(s.code()).as(s.err()).isZero();
            final List<String> rows = Files.readAllLines(pool);
            assertThat(Files.readAllLines(spark)).isEqualTo(rows);
            assertThat(s.out().replace("spark.csv", "")).isEqualTo(p.out().replace("pool.csv", ""));
            // not vacuous: the runs trade, and their results differ between combinations
            final List<String> header = List.of(rows.get(0).split(","));
            final int trades = header.indexOf("trades");
            final int net = header.indexOf("netPnl");
            assertThat(rows.stream().skip(1).map(l -> l.split(",")[trades])).doesNotContain("0");
            assertThat(rows.stream().skip(1).map(l -> l.split(",")[net]).distinct())
                    .hasSizeGreaterThan(1);
            if (extra.contains("--train")) {
                // two windows: 4 training runs and the best's test run each
                assertThat(rows).hasSize(1 + 2 * 5);
                assertThat(rows.get(5)).startsWith("test 1,");
            } else {
                assertThat(rows).hasSize(5);
            }
        }
    }

    @Test
    void shouldReportAFailedFileByNameAndKeepTheOthersRows() throws IOException {
        final Path pool = tmp.resolve("pool-files.csv");
        final Path spark = tmp.resolve("spark-files.csv");
        final String[] data = {
            "--per-file", "--data", a.toString(), "--data", bad.toString(), "--data", b.toString(), "--duration", "3m"
        };
        final List<String> local = sweep(pool, data);
        final List<String> onSpark = sweep(spark, data);
        onSpark.addAll(List.of("--spark", "local[2]"));

        final Run p = run(local.toArray(String[]::new));
        final Run s = run(onSpark.toArray(String[]::new));

        for (Run r : List.of(p, s)) {
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err())
                    .contains("sweep: failed: bad.events fusion.entryScore=0.3 execution.stopTicks=15 (all): ")
                    .contains("sweep: 4 run(s) failed; the others' results are in the table and the CSV");
        }
        final List<String> rows = Files.readAllLines(spark);
        assertThat(rows).isEqualTo(Files.readAllLines(pool));
        assertThat(rows.get(0)).startsWith("period,data,symbol,fusion.entryScore,execution.stopTicks,trades");
        assertThat(rows).hasSize(1 + 8);
        assertThat(rows.stream().skip(1).map(l -> l.split(",")[1]).distinct())
                .containsExactlyInAnyOrder(a.toString(), b.toString());
    }

    @Test
    void shouldMergeResearchOverFilesExactlyOnSparkAsOnThePoolAsInTheCore() throws IOException {
        final String[] common = {
            "research", "--data", a.toString(), "--data", b.toString(), "--horizons", "1s,5s", "--json"
        };
        final List<String> local = new ArrayList<>(List.of(common));
        local.add("--per-file");
        final List<String> onSpark = new ArrayList<>(List.of(common));
        onSpark.addAll(List.of("--spark", "local[2]"));

        final Run p = run(local.toArray(String[]::new));
        final Run s = run(onSpark.toArray(String[]::new));

        assertThat(p.code()).as(p.err()).isZero();
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).isEqualTo(p.out());
        // the decisions of the two files pooled: research over their concatenation, as ResearchResult.merge defines it
        final List<ResearchResult> parts = new ArrayList<>();
        for (Path f : List.of(a, b)) {
            parts.add(ResearchRunner.builder()
                    .eventFiles(List.of(f))
                    .horizonsNs(List.of(1_000_000_000L, 5_000_000_000L))
                    .build()
                    .run());
        }
        final ResearchResult merged = ResearchResult.merge(parts, "x");
        final String json = merged.toJson();
        assertThat(s.out().trim().replaceFirst("\"source\":\"[^\"]*\"", ""))
                .isEqualTo(json.replaceFirst("\"source\":\"[^\"]*\"", ""));
        assertThat(s.out())
                .contains(
                        "\"samples\":" + (parts.get(0).samples() + parts.get(1).samples()));

        final Run withBad = run("research", "--data", a.toString(), "--data", bad.toString(), "--spark", "local[2]");
        assertThat(withBad.code()).as(withBad.err()).isEqualTo(1);
        assertThat(withBad.err()).contains("research: failed: research of " + bad + ": ");
        assertThat(withBad.out()).contains("source:        1 of 2 files from " + a);
    }

    @Test
    void shouldListAndFetchDataFromTheClustersFileSystem() throws IOException {
        final Path remote = Files.createDirectories(tmp.resolve("cluster/BTCUSDT"));
        Files.copy(a, remote.resolve("2025-01-01.events"));
        Files.copy(b, remote.resolve("2025-01-02.events"));
        Files.writeString(remote.resolve("notes.txt"), "not data\n");

        final Run local = run("research", "--data", a.toString(), "--data", b.toString(), "--per-file", "--json");
        final Run glob = run("research", "--data", "testfs:" + remote + "/*.events", "--spark", "local[2]", "--json");
        final Run folder = run("research", "--data", "testfs:" + remote, "--spark", "local[2]", "--json");
        final Run alone = run("research", "--data", "testfs:" + remote + "/*.events", "--json");

        assertThat(local.code()).as(local.err()).isZero();
        for (Run r : List.of(glob, folder)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"source\":\"2 files from testfs:" + remote + "/2025-01-01.events");
            assertThat(r.out().replaceFirst("\"source\":\"[^\"]*\"", ""))
                    .isEqualTo(local.out().replaceFirst("\"source\":\"[^\"]*\"", ""));
        }
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("a location of a cluster's file system needs --spark");
    }
}
