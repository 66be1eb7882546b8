package io.scalper.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need something the repository does not hold (the shared recorded data, a browser): on a
 * developer's machine a missing prerequisite skips the test (JUnit assumption), so a fresh clone still builds; with the
 * environment variable {@code CI} set (non-empty and not {@code false}) it fails the test instead, so a CI run can never
 * pass by skipping. {@code .ci/run} sets {@code CI} and provides the prerequisites, or fails first.
 */
public final class Ci {
    private Ci() {}

    /** Whether this JVM runs under CI ({@code CI} set, non-empty and not {@code false}). */
    public static boolean active() {
        return active(System.getenv("CI"));
    }

    static boolean active(String ciValue) {
        return ciValue != null && !ciValue.isBlank() && !ciValue.trim().equalsIgnoreCase("false");
    }

    /**
     * Returns when {@code present}; otherwise skips the calling test, or fails it under CI, with {@code missing} (what
     * is missing and how to provide it) as the message.
     */
    public static void require(boolean present, String missing) {
        require(present, missing, System.getenv("CI"));
    }

    static void require(boolean present, String missing, String ciValue) {
        if (present) {
            return;
        }
        if (active(ciValue)) {
            Assertions.fail(missing + " [CI is set, so this test fails instead of being skipped]");
        }
        Assumptions.abort(missing + "; skipping (with CI set this test would fail)");
    }
}
