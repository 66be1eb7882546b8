package io.scalper.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The CI rule: a missing prerequisite skips a test on a developer's machine and fails it when {@code CI} is set. Driven
 * through the package-private overloads that take the {@code CI} value and the folders, so the real environment is
 * never touched.
 */
class SharedDataTest {

    @Test
    void shouldTreatCiAsSetOnlyWhenNonEmptyAndNotFalse() {
        assertThat(Ci.active(null)).isFalse();
        assertThat(Ci.active("")).isFalse();
        assertThat(Ci.active("  ")).isFalse();
        assertThat(Ci.active("false")).isFalse();
        assertThat(Ci.active("FALSE")).isFalse();
        assertThat(Ci.active("true")).isTrue();
        assertThat(Ci.active("1")).isTrue();
    }

    @Test
    void shouldFailRatherThanSkipUnderCiWhenTheConfiguredFolderIsMissing(@TempDir Path tmp) {
        final String missing = tmp.resolve("no-such-folder").toString();

        assertThatThrownBy(() -> SharedData.require("bybit/x.jsonl", missing, tmp, "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("SCALPER_SHARED_DATA")
                .hasMessageContaining(missing)
                .hasMessageContaining("CI is set");
    }

    @Test
    void shouldFailUnderCiNamingTheExpectedFolderBesideTheProjectRoot(@TempDir Path tmp) throws Exception {
        final Path project = Files.createDirectories(tmp.resolve("repo"));
        Files.createFile(project.resolve("mvnw"));
        final Path module = Files.createDirectories(project.resolve("scalper-core"));

        assertThatThrownBy(() -> SharedData.require("bybit/x.jsonl", null, module, "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("../shared/data beside the project root")
                .hasMessageContaining(tmp.resolve("shared").resolve("data").toString())
                .hasMessageContaining("SCALPER_SHARED_DATA");
    }

    @Test
    void shouldSkipWithoutCiWhenTheFolderIsMissing(@TempDir Path tmp) {
        final String missing = tmp.resolve("no-such-folder").toString();

        assertThatThrownBy(() -> SharedData.require("bybit/x.jsonl", missing, tmp, null))
                .isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> SharedData.require("bybit/x.jsonl", missing, tmp, "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void shouldFailUnderCiWhenAFileIsMissingFromAPresentFolder(@TempDir Path tmp) {
        assertThatThrownBy(() -> SharedData.require("bybit/absent.jsonl", tmp.toString(), tmp, "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("bybit/absent.jsonl");
        assertThatThrownBy(() -> SharedData.require("bybit/absent.jsonl", tmp.toString(), tmp, null))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void shouldFindTheFolderBesideTheProjectRootAndReturnThePresentFile(@TempDir Path tmp) throws Exception {
        final Path project = Files.createDirectories(tmp.resolve("repo"));
        Files.createFile(project.resolve("mvnw"));
        final Path module = Files.createDirectories(project.resolve("scalper-cli"));
        final Path data = Files.createDirectories(tmp.resolve("shared/data/bybit"));
        final Path file = Files.writeString(data.resolve("x.jsonl"), "{}\n");

        assertThat(SharedData.require("bybit/x.jsonl", null, module, "true")).isEqualTo(file);
        assertThat(SharedData.root(null, module)).isEqualTo(tmp.resolve("shared/data"));
    }
}
