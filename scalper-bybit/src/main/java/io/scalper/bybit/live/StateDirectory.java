package io.scalper.bybit.live;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state directory (journals, {@code state.json}, {@code health.json}) is private to its owner: created, or
 * tightened, to {@code rwx------} on POSIX file systems, so positions, orders and PnL are not readable by other users
 * whatever the files' own modes.
 */
final class StateDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private StateDirectory() {}

    static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        final Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (!now.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            LOG.info("state directory {}: permissions {} -> rwx------", dir, PosixFilePermissions.toString(now));
        }
    }
}
