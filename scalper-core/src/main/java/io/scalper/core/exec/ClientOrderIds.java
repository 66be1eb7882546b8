package io.scalper.core.exec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Generates client order ids usable as Bybit {@code orderLinkId}: at most 36 characters of {@code [A-Za-z0-9_-]},
 * unique within a run (a counter) and across restarts (the run's start time in milliseconds and a random salt, both in
 * base 36). Format: {@code prefix-<start><salt>-<counter>}, e.g. {@code sc-mc1a2b3cq7zk-1f}. A retried request reuses
 * its id, so it can never open a second position. Not thread-safe: ids are made on the engine thread.
 */
public final class ClientOrderIds {
    /** Most characters an id may have (Bybit {@code orderLinkId}). */
    public static final int MAX_LENGTH = 36;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{1,8}");

    private final String stem;
    private long counter;

    /**
     * @param prefix 1 to 8 of {@code [A-Za-z0-9_]}
     * @param startMs the run's start time, ms since the epoch
     * @param salt a random number for this run (e.g. from {@code SecureRandom}); only its low 20 bits are used
     */
    public ClientOrderIds(String prefix, long startMs, long salt) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "execution.clientIdPrefix: 1 to 8 of [A-Za-z0-9_], got '" + prefix + "'");
        }
        final String saltText = Long.toString((salt & 0xFFFFFL) | 0x100000L, 36).substring(1);
        this.stem = prefix + "-" + Long.toString(startMs, 36).toLowerCase(Locale.ROOT) + saltText + "-";
    }

    /** The next id. */
    public String next() {
        final String id = stem + Long.toString(++counter, 36);
        check(id);
        return id;
    }

    /** Ids made so far. */
    public long issued() {
        return counter;
    }

    /**
     * @throws IllegalArgumentException unless {@code id} is a valid client order id
     */
    public static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("client order id must be 1 to 36 of [A-Za-z0-9_-], got '" + id + "'");
        }
        return id;
    }

    /** Whether {@code id} is 1 to 36 of {@code [A-Za-z0-9_-]} (a loop, not a regex: it runs for every order). */
    static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 36) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            final char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
