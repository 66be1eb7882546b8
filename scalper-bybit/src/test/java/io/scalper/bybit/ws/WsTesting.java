package io.scalper.bybit.ws;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/** Poll-until for asynchronous tests: generous deadline, never an assertion on elapsed time. */
final class WsTesting {
    static final long DEADLINE_NS = 10_000_000_000L;

    private WsTesting() {}

    /** Runs {@code pump} and checks {@code condition} until it holds; fails naming {@code what} after 10 s. */
    static void until(String what, Runnable pump, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (true) {
            pump.run();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    /** As {@link #until(String, Runnable, BooleanSupplier)} with nothing to pump. */
    static void until(String what, BooleanSupplier condition) {
        until(what, () -> {}, condition);
    }

    /** Short timings for tests: pings every 100 ms, stale after 5 s, backoff 10..40 ms, request timeout 5 s. */
    static BybitWsConfig fastConfig() {
        return new BybitWsConfig(100, 5_000, 10, 40, 10_000, 5_000, 5_000, 1024);
    }
}
