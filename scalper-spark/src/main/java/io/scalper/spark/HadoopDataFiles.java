package io.scalper.spark;

import io.scalper.cli.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Data locations on a Spark executor: a local path as it is; any other URI ({@code hdfs://}, {@code s3a://}, ...)
 * read through the Hadoop file system the cluster configures and copied once per executor process into a temporary
 * folder (the replays read files at random and map them), keeping its file name, which tells its format.
 */
final class HadoopDataFiles implements DataFiles {
    static final HadoopDataFiles INSTANCE = new HadoopDataFiles();

    private final Map<String, Path> copies = new ConcurrentHashMap<>();

    private HadoopDataFiles() {}

    @Override
    public Path local(String location) throws IOException {
        if (!DataFiles.isRemote(location)) {
            return DataFiles.localPath(location);
        }
        try {
            return copies.computeIfAbsent(location, l -> {
                try {
                    return copy(l, Files.createTempDirectory("scalper-data-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Copies {@code location} through the Hadoop file system into {@code dir}; returns the copy. */
    static Path copy(String location, Path dir) throws IOException {
        final org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(location);
        final FileSystem fs = src.getFileSystem(new Configuration());
        // one folder per location: two locations with one file name do not overwrite each other
        final Path into = Files.createDirectories(dir.resolve(digest(location)));
        final Path dst = into.resolve(src.getName());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(dst.toUri()), true);
        if (!Files.isRegularFile(dst)) {
            throw new IOException("cannot read data file: " + location);
        }
        dst.toFile().deleteOnExit();
        into.toFile().deleteOnExit();
        return dst;
    }

    private static String digest(String s) {
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
