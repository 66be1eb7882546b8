package io.scalper.core.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures what a piece of code allocates on the calling thread, with the JVM's per-thread allocation counter. Skips
 * the calling test (JUnit assumption) on a JVM without that counter, and fails it there under CI (see {@link Ci}).
 */
public final class Allocations {
    private Allocations() {}

    /** Bytes allocated on this thread while {@code work} ran. */
    public static long bytes(Runnable work) {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Ci.require(
                mx instanceof com.sun.management.ThreadMXBean,
                "per-thread allocation counter not available on this JVM (use a HotSpot-based JDK 17)");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Ci.require(
                threads.isThreadAllocatedMemorySupported(),
                "per-thread allocation counter not supported by this JVM (use a HotSpot-based JDK 17)");
        threads.setThreadAllocatedMemoryEnabled(true);
        final long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
