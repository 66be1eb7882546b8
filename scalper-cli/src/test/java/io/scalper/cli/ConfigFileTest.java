package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.tape.TapeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path tmp;

    private static Path projectRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private Path yaml(String text) throws IOException {
        final Path file = tmp.resolve("c.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldDocumentExactlyTheCodeDefaultsInConfigDefaultYaml() {
        final Path file = projectRoot().resolve("config/default.yaml");
        assertThat(file).exists();
        assertThat(ConfigFile.load(file).marketData()).isEqualTo(ConfigFile.MarketData.defaults());
    }

    @Test
    void shouldOverrideOnlyTheKeysGiven() throws IOException {
        final ConfigFile.MarketData md = ConfigFile.load(
                        yaml("book:\n  maxDepth: 256\ntape:\n  windows: [500ms, 2s]\n"))
                .marketData();
        assertThat(md.bookMaxDepth()).isEqualTo(256);
        assertThat(md.tape().windowsNs()).containsExactly(500_000_000L, 2_000_000_000L);
        assertThat(md.tape().capacity()).isEqualTo(TapeConfig.DEFAULT_CAPACITY);
    }

    @Test
    void shouldTreatAnEmptyFileAsAllDefaults() throws IOException {
        assertThat(ConfigFile.load(yaml("")).marketData()).isEqualTo(ConfigFile.MarketData.defaults());
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValuesNamingTheKey() throws IOException {
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capasity: 10\n")).marketData())
                .hasMessageContaining("unknown key tape.capasity")
                .hasMessageContaining("tape.capacity");
        assertThatThrownBy(() -> ConfigFile.load(yaml("bok: {}\n")).marketData())
                .hasMessageContaining("unknown key bok");
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capacity: 1000\n")).marketData())
                .hasMessageContaining("tape.capacity: must be a power of two");
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capacity: lots\n")).marketData())
                .hasMessageContaining("tape.capacity: must be an integer");
        assertThatThrownBy(() -> ConfigFile.load(yaml("book:\n  maxDepth: 0\n")).marketData())
                .hasMessageContaining("book.maxDepth: must be in");
        assertThatThrownBy(() ->
                        ConfigFile.load(yaml("tape:\n  windows: [5 seconds]\n")).marketData())
                .hasMessageContaining("tape.windows");
        assertThatThrownBy(() ->
                        ConfigFile.load(yaml("tape:\n  largeQuantile: 1.5\n")).marketData())
                .hasMessageContaining("tape.largeQuantile");
        assertThatThrownBy(() -> ConfigFile.load(yaml("- a\n- b\n"))).hasMessageContaining("mapping");
        assertThatThrownBy(() -> ConfigFile.load(yaml("tape: [\n"))).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFile.load(tmp.resolve("none.yaml"))).hasMessageContaining("cannot read");
    }

    @Test
    void shouldFailReplayAtStartWithExitCodeTwoOnABadConfig() throws IOException {
        final Path data = tmp.resolve("d.jsonl");
        Files.writeString(data, "{}\n");
        final java.io.StringWriter err = new java.io.StringWriter();
        final int code = ScalperCli.execute(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err),
                "replay",
                "--data",
                data.toString(),
                "--config",
                yaml("tape:\n  capacity: 3\n").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).contains("tape.capacity").doesNotContain("\n");
    }
}
