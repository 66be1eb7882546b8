package io.scalper.spark;

import io.scalper.cli.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

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
                    return copy(l, Files.createTempDirectory("scalper-data-"), hadoopConf());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The job's Hadoop configuration where a task runs: the cluster's, with the job's {@code spark.hadoop.*} settings
     * (credentials, file system implementations).
     */
    private static Configuration hadoopConf() {
        final SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    /** Copies {@code location} through the Hadoop file system into {@code dir}; returns the copy. */
    static Path copy(String location, Path dir, Configuration conf) throws IOException {
        final org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(location);
        final FileSystem fs = src.getFileSystem(conf);
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

    /**
     * The files at {@code location}: a file itself; a folder's {@code .events} files; a glob's matching files; in name
     * order.
     *
     * @throws IOException when nothing is there
     */
    static List<String> list(String location, Configuration conf) throws IOException {
        final org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        final FileSystem fs = p.getFileSystem(conf);
        final FileStatus[] matches = fs.globStatus(p);
        final List<String> out = new ArrayList<>();
        if (matches != null) {
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    for (FileStatus f : fs.listStatus(m.getPath())) {
                        if (f.isFile() && f.getPath().getName().endsWith(".events")) {
                            out.add(f.getPath().toString());
                        }
                    }
                } else {
                    out.add(m.getPath().toString());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no data file at " + location);
        }
        Collections.sort(out);
        return out;
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
