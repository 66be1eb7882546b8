package io.scalper.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a data location given with {@code --data} into a file readable where a task runs. Here: the location is a
 * local path (or a {@code file:} URI). On Spark, a location any Hadoop-compatible file system reads ({@code hdfs://},
 * {@code s3a://}, ...) is first copied to the executor's local disk.
 */
@FunctionalInterface
public interface DataFiles {
    /** Local paths and {@code file:} URIs only. */
    DataFiles LOCAL = DataFiles::localPath;

    /**
     * A local file holding the data at {@code location}.
     *
     * @throws IOException when it cannot be read or fetched
     */
    Path local(String location) throws IOException;

    /** Whether {@code location} is a URI with a scheme other than {@code file} (a file system of a cluster). */
    static boolean isRemote(String location) {
        // a scheme of two letters or more (one is a Windows drive), then ":/"
        final int colon = location.indexOf(":/");
        if (colon < 2) {
            return false;
        }
        final String scheme = location.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")
                && !scheme.toLowerCase(Locale.ROOT).equals("file");
    }

    /** A local path or a {@code file:} URI as a path. */
    static Path localPath(String location) {
        if (location.regionMatches(true, 0, "file:", 0, 5)) {
            return Path.of(URI.create(location));
        }
        return Path.of(location);
    }
}
