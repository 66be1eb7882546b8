package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scalper config --print} and {@code --check}. */
class ConfigCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintEveryKeyInAFormThatReadsBackToTheSameConfiguration() throws IOException {
        final Run printed = run("config", "--print");
        assertThat(printed.code()).isZero();
        assertThat(printed.out())
                .contains("book:")
                .contains("backtest:")
                .contains("queueModel: \"risk-averse\"")
                .contains("orderLatency: \"5ms\"");
        final Path file = tmp.resolve("effective.yaml");
        Files.writeString(file, printed.out());
        assertThat(ConfigFile.load(file).config()).isEqualTo(ConfigFile.empty().config());
        // an override shows in the effective configuration
        final Path mine = tmp.resolve("mine.yaml");
        Files.writeString(mine, "execution:\n  stopTicks: 44\n");
        assertThat(run("config", "--print", "--config", mine.toString()).out()).contains("stopTicks: 44");
    }

    @Test
    void shouldCheckAFileAndNameTheFirstBadKey() throws IOException {
        final Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "fusion:\n  entryScore: 0.4\n");
        final Run ok = run("config", "--check", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out().trim()).isEqualTo(good + ": ok");
        final Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "fusion:\n  entryScore: 7\n");
        final Run refused = run("config", "--check", bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().trim())
                .isEqualTo("scalper: " + bad + ": fusion.entryScore: must be in [0, 1], got 7.0");
        assertThat(run("config").code()).as("one of --print or --check").isEqualTo(2);
    }
}
