package io.scalper.core.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The live state directory (journals, {@code state.json}, {@code health.json}) is private to its owner: created, or
 * tightened, to {@code rwx------} on POSIX file systems, so positions, orders and PnL are not readable by other users
 * whatever the files' own modes.
 */
public final class StateDirectory {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private StateDirectory() {}

    /** Creates {@code dir} (and its parents) owner-only, or tightens it; a change is reported to {@code log}. */
    public static void prepare(Path dir, RuntimeLog log) throws IOException {
        Files.createDirectories(dir);
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        final Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (!now.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            log.info(
                    "state directory " + dir + ": permissions " + PosixFilePermissions.toString(now) + " -> rwx------");
        }
    }
}
