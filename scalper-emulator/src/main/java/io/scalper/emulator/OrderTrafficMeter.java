package io.scalper.emulator;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts one account's order-entry requests (create, amend, cancel, cancel-all; REST and WS trade) as they are
 * received, the most received within any rolling 1-second window, and the refusals by retCode. Thread-safe (called
 * from the HTTP and WebSocket threads).
 */
final class OrderTrafficMeter {
    private long requests;
    private int maxPerSecond;
    /** Receive times (ns) within the last second, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    private final Map<Integer, Long> refusals = new TreeMap<>();
    private final Map<Integer, Long> injected = new TreeMap<>();

    /** One request received at {@code nowNs} (monotonic). */
    synchronized void received(long nowNs) {
        requests++;
        while (!recent.isEmpty() && nowNs - recent.peekFirst() >= RateLimits.WINDOW_NS) {
            recent.pollFirst();
        }
        recent.addLast(nowNs);
        maxPerSecond = Math.max(maxPerSecond, recent.size());
    }

    /** The request was answered with {@code retCode} (0 is not a refusal); {@code byFault} when a fault refused it. */
    synchronized void answered(int retCode, boolean byFault) {
        if (retCode == 0) {
            return;
        }
        refusals.merge(retCode, 1L, Long::sum);
        if (byFault) {
            injected.merge(retCode, 1L, Long::sum);
        }
    }

    synchronized BybitEmulator.OrderTraffic snapshot() {
        return new BybitEmulator.OrderTraffic(requests, maxPerSecond, refusals, injected);
    }
}
