package io.scalper.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme, {@code testfs:}: a stand-in for a cluster's file system (hdfs:, s3a:), so that
 * tests go through listing on the driver and fetching on the executors as on a cluster. Registered with
 * {@code spark.hadoop.fs.testfs.impl}.
 */
public final class TestFs extends RawLocalFileSystem {
    @Override
    public URI getUri() {
        return URI.create("testfs:///");
    }

    @Override
    public String getScheme() {
        return "testfs";
    }
}
