package io.scalper.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.cli.DataFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the Spark runner that need no Spark context. */
class SparkPartsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldFetchALocationThroughTheHadoopFileSystemKeepingItsName() throws IOException {
        final Path src = Files.createDirectories(tmp.resolve("cluster")).resolve("2025-01-01.events");
        Files.write(src, new byte[] {1, 2, 3, 4, 5});
        final Path into = Files.createDirectories(tmp.resolve("executor"));

        // file:// is what every Hadoop file system reads here; hdfs:// and s3a:// go the same way on a cluster
        final Path copy = HadoopDataFiles.copy(src.toUri().toString(), into, new Configuration());

        assertThat(copy.getFileName().toString()).isEqualTo("2025-01-01.events");
        assertThat(copy.startsWith(into)).isTrue();
        assertThat(Files.readAllBytes(copy)).containsExactly(1, 2, 3, 4, 5);
        assertThat(Files.list(copy.getParent())).hasSize(1); // no checksum file beside it
        assertThatThrownBy(() -> HadoopDataFiles.copy(
                        tmp.resolve("missing.events").toUri().toString(), into, new Configuration()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.events");
    }

    @Test
    void shouldTellLocationsOfAClusterFromLocalOnes() throws IOException {
        assertThat(DataFiles.isRemote("hdfs://namenode:8020/scalper/a.events")).isTrue();
        assertThat(DataFiles.isRemote("s3a://bucket/a.events")).isTrue();
        assertThat(DataFiles.isRemote("file:///tmp/a.events")).isFalse();
        assertThat(DataFiles.isRemote("/tmp/a.events")).isFalse();
        assertThat(DataFiles.isRemote("data/a.events")).isFalse();
        assertThat(DataFiles.isRemote("C://a.events")).isFalse();
        assertThat(DataFiles.isRemote("C:/a.events")).isFalse();
        assertThat(DataFiles.isRemote("testfs:/data/a.events")).isTrue();
        final Path local = tmp.resolve("x.events");
        assertThat(HadoopDataFiles.INSTANCE.local(local.toString())).isEqualTo(local);
        assertThat(HadoopDataFiles.INSTANCE.local(local.toUri().toString())).isEqualTo(local);
    }

    @Test
    void shouldAddSparkToSweepAndResearchUnderSparkSubmit() {
        assertThat(SparkMain.withSpark(new String[] {"sweep", "--param", "a.b=1"}))
                .containsExactly("sweep", "--spark=", "--param", "a.b=1");
        assertThat(SparkMain.withSpark(new String[] {"research", "--spark", "local[2]"}))
                .containsExactly("research", "--spark", "local[2]");
        assertThat(SparkMain.withSpark(new String[] {"backtest", "--json"})).containsExactly("backtest", "--json");
        assertThat(SparkMain.withSpark(new String[0])).isEmpty();
    }
}
