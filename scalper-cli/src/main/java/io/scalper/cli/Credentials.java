package io.scalper.cli;

import io.scalper.bybit.auth.BybitCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API credentials from the environment ({@code BYBIT_API_KEY}, {@code BYBIT_API_SECRET}) or, for what the environment
 * does not set, a {@code .env} file in the working directory ({@code KEY=value} lines; {@code #} comments; optional
 * quotes). Errors name the variable, never its value.
 */
final class Credentials {
    static final String KEY = "BYBIT_API_KEY";
    static final String SECRET = "BYBIT_API_SECRET";
    static final String TESTNET = "BYBIT_TESTNET";

    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The environment over the {@code .env} file (if any).
     *
     * @throws ScalperCli.UsageException if the file cannot be read, or holds a secret while other users may read it
     */
    static Credentials load(Map<String, String> env, Path dotEnv) {
        final Map<String, String> v = new HashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            try {
                for (String line : Files.readAllLines(dotEnv, StandardCharsets.UTF_8)) {
                    parse(line, v);
                }
                if (v.containsKey(SECRET)) {
                    requirePrivate(dotEnv);
                }
            } catch (IOException e) {
                throw new ScalperCli.UsageException("cannot read " + dotEnv + ": " + e.getMessage());
            }
        }
        for (String k : List.of(KEY, SECRET, TESTNET)) {
            final String e = env.get(k);
            if (e != null && !e.isBlank()) {
                v.put(k, e.trim());
            }
        }
        return new Credentials(v);
    }

    /** A file holding a secret must not be readable or writable by the group or others (as ssh insists for keys). */
    static void requirePrivate(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        final Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        for (PosixFilePermission bad : List.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE)) {
            if (p.contains(bad)) {
                throw new ScalperCli.UsageException(file + " holds " + SECRET + " but other users may read it ("
                        + PosixFilePermissions.toString(p) + "): run chmod 600 " + file);
            }
        }
    }

    private static void parse(String line, Map<String, String> out) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return;
        }
        if (s.startsWith("export ")) {
            s = s.substring(7).strip();
        }
        final int eq = s.indexOf('=');
        if (eq <= 0) {
            return;
        }
        final String k = s.substring(0, eq).strip();
        String val = s.substring(eq + 1).strip();
        if (val.length() >= 2
                && ((val.startsWith("\"") && val.endsWith("\"")) || (val.startsWith("'") && val.endsWith("'")))) {
            val = val.substring(1, val.length() - 1);
        }
        out.put(k, val);
    }

    /** Whether {@code BYBIT_TESTNET} is true. */
    boolean testnet() {
        return Boolean.parseBoolean(values.getOrDefault(TESTNET, "false"));
    }

    /**
     * The key pair.
     *
     * @throws ScalperCli.UsageException naming the missing or malformed variable
     */
    BybitCredentials require(String venue) {
        final String key = values.get(KEY);
        final String secret = values.get(SECRET);
        if (key == null || key.isBlank()) {
            throw new ScalperCli.UsageException(
                    venue + " needs " + KEY + " and " + SECRET + " (environment or .env); " + KEY + " is not set");
        }
        if (secret == null || secret.isBlank()) {
            throw new ScalperCli.UsageException(venue + " needs " + SECRET + " (environment or .env); it is not set");
        }
        if (!key.matches("[A-Za-z0-9]{8,64}")) {
            throw new ScalperCli.UsageException(KEY + " is malformed (expected 8 to 64 letters and digits)");
        }
        if (!secret.matches("[A-Za-z0-9]{8,128}")) {
            throw new ScalperCli.UsageException(SECRET + " is malformed (expected 8 to 128 letters and digits)");
        }
        return new BybitCredentials(key, secret);
    }
}
