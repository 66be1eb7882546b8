package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.metrics.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSnapshotWriterTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadNothingBeforeTheFirstWrite() throws IOException {
        assertThat(new StateSnapshotWriter(dir.resolve("state.json")).read()).isEmpty();
    }

    @Test
    void shouldReplaceTheContentAndLeaveNoTemporaryFile() throws IOException {
        final StateSnapshotWriter w = new StateSnapshotWriter(dir.resolve("run").resolve("state.json"));
        final String first = new JsonWriter()
                .beginObject()
                .name("positionQty")
                .value("0.004")
                .name("killSwitch")
                .value(false)
                .endObject()
                .toString();
        w.write(first);
        assertThat(w.read()).contains(first);
        w.write("{\"positionQty\":\"0\"}");

        assertThat(w.read()).contains("{\"positionQty\":\"0\"}");
        assertThat(Files.exists(w.tempFile())).isFalse();
        assertThat(w.tempFile().getParent()).isEqualTo(w.file().getParent());
    }

    @Test
    void shouldKeepTheOldContentWhenAWriteFails() throws IOException {
        final StateSnapshotWriter w = new StateSnapshotWriter(dir.resolve("state.json"));
        w.write("old");
        Files.createDirectories(w.tempFile().resolve("blocker")); // the temporary file cannot be created

        assertThatThrownBy(() -> w.write("new")).isInstanceOf(IOException.class);
        assertThat(w.read()).contains("old");
    }

    @Test
    void shouldOverwriteATemporaryFileLeftByACrash() throws IOException {
        final StateSnapshotWriter w = new StateSnapshotWriter(dir.resolve("state.json"));
        w.write("old");
        Files.writeString(w.tempFile(), "half-written garbage that is much longer than the new content");

        w.write("new");
        assertThat(w.read()).contains("new");
        assertThat(Files.exists(w.tempFile())).isFalse();
    }

    @Test
    void shouldLetAConcurrentReaderSeeOnlyWholeVersions() throws Exception {
        final StateSnapshotWriter w = new StateSnapshotWriter(dir.resolve("state.json"));
        final List<String> versions = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            versions.add(String.valueOf((char) ('a' + v)).repeat(64 * 1024 + v * 4096));
        }
        w.write(versions.get(0));
        final AtomicBoolean done = new AtomicBoolean();
        final List<String> seen = new ArrayList<>();
        final Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    seen.add(w.read().orElseThrow());
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        for (int i = 1; i <= 200; i++) {
            w.write(versions.get(i % versions.size()));
        }
        done.set(true);
        reader.join();

        assertThat(seen).isNotEmpty().allMatch(versions::contains);
        assertThat(w.read()).contains(versions.get(0));
    }
}
