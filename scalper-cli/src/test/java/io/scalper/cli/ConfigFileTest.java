package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.config.ScalperConfig;
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
        assertThat(ConfigFile.load(file).config()).isEqualTo(ScalperConfig.defaults());
    }

    @Test
    void shouldOverrideOnlyTheKeysGiven() throws IOException {
        final ScalperConfig md = ConfigFile.load(yaml("book:\n  maxDepth: 256\ntape:\n  windows: [500ms, 2s]\n"))
                .config();
        assertThat(md.book().maxDepth()).isEqualTo(256);
        assertThat(md.tape().windowsNs()).containsExactly(500_000_000L, 2_000_000_000L);
        assertThat(md.tape().capacity()).isEqualTo(TapeConfig.DEFAULT_CAPACITY);
    }

    @Test
    void shouldTreatAnEmptyFileAsAllDefaults() throws IOException {
        assertThat(ConfigFile.load(yaml("")).config()).isEqualTo(ScalperConfig.defaults());
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValuesNamingTheKey() throws IOException {
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capasity: 10\n")).config())
                .hasMessageContaining("unknown key tape.capasity")
                .hasMessageContaining("known here: capacity, largeQuantile");
        assertThatThrownBy(() -> ConfigFile.load(yaml("bok: {}\n")).config()).hasMessageContaining("unknown key bok");
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capacity: 1000\n")).config())
                .hasMessageContaining("tape.capacity: must be a power of two");
        assertThatThrownBy(
                        () -> ConfigFile.load(yaml("tape:\n  capacity: lots\n")).config())
                .hasMessageContaining("tape.capacity: must be an integer");
        assertThatThrownBy(() -> ConfigFile.load(yaml("book:\n  maxDepth: 0\n")).config())
                .hasMessageContaining("book.maxDepth: must be in");
        assertThatThrownBy(() ->
                        ConfigFile.load(yaml("tape:\n  windows: [5 seconds]\n")).config())
                .hasMessageContaining("tape.windows");
        assertThatThrownBy(() ->
                        ConfigFile.load(yaml("tape:\n  largeQuantile: 1.5\n")).config())
                .hasMessageContaining("tape.largeQuantile");
        assertThatThrownBy(() -> ConfigFile.load(yaml("- a\n- b\n"))).hasMessageContaining("mapping");
        assertThatThrownBy(() -> ConfigFile.load(yaml("tape: [\n"))).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFile.load(tmp.resolve("none.yaml"))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ConfigFile.load(yaml("features:\n  emaFastHalfLife: 1000\n"))
                        .config())
                .hasMessageContaining("features.emaFastHalfLife: must be a duration");
        assertThatThrownBy(() -> ConfigFile.load(yaml("features:\n  emaSlowHalfLife: 500ms\n"))
                        .config())
                .hasMessageContaining("features.emaSlowHalfLife: must be longer");
        assertThatThrownBy(() -> ConfigFile.load(yaml("signals:\n  weights:\n    obi: -1\n"))
                        .config())
                .hasMessageContaining("signals.weights.obi: must be >= 0");
        assertThatThrownBy(() -> ConfigFile.load(yaml("signals:\n  prt:\n    fullMagnitud: 3\n"))
                        .config())
                .hasMessageContaining("unknown key signals.prt.fullMagnitud");
        assertThatThrownBy(() -> ConfigFile.load(yaml("fusion:\n  adaptive:\n    enabled: yes please\n"))
                        .config())
                .hasMessageContaining("fusion.adaptive.enabled: must be true or false");
        assertThatThrownBy(() -> ConfigFile.load(yaml("fusion: 3\n")).config())
                .hasMessageContaining("fusion: must be a mapping");
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
