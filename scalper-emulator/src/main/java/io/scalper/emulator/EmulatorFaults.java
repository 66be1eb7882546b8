package io.scalper.emulator;

import io.scalper.core.util.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Faults the emulator injects, scriptable from tests (call the methods) or from text ({@link #apply(String)}, the CLI's
 * {@code --faults}). Every fault that takes effect is counted, so a test can assert it happened. Thread-safe.
 *
 * <p>Text form: comma-separated items, each optionally followed by {@code @TIME} (run TIME after the emulator
 * started, e.g. {@code @5s}) or {@code ~MEAN} (repeat at random intervals of mean MEAN, seeded):
 *
 * <ul>
 *   <li>{@code drop:public|private|trade} — close every connection of that socket abruptly (no close frame: the client
 *       sees 1006); orders keep matching meanwhile, and pushes made while no private session is connected are lost;
 *   <li>{@code delay:200ms} — delay every push (public and private) by that much ({@code delay:0} ends it);
 *   <li>{@code stall:2s} — hold every push for that long, then release them in order;
 *   <li>{@code skip-delta} — drop the next delta of each book topic of every symbol (its {@code u} is used up:
 *       clients see a gap);
 *   <li>{@code restart-book} — restart each book topic of every symbol at {@code u=1} with a fresh snapshot;
 *   <li>{@code reject:N:CODE} — refuse the next N order creates (REST and WS trade) with retCode CODE, without
 *       processing them;
 *   <li>{@code slow:DELAY:N} — hold the next N REST and WS-trade replies for DELAY (past a client's timeout): the
 *       request takes effect at once and its private pushes go at the normal time, only the answer is late;
 *   <li>{@code storm:DURATION} — answer every signed REST request and WS-trade order with 10006 for DURATION, without
 *       processing it.
 * </ul>
 *
 * Example: {@code drop:public@5s,skip-delta@2s,reject:2:110007,slow:3s:1@10s,drop:private~30s}.
 */
public final class EmulatorFaults {
    /** The WebSocket a drop applies to. */
    public enum Channel {
        PUBLIC,
        PRIVATE,
        TRADE
    }

    private final AtomicLong[] drops = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong delayedPushes = new AtomicLong();
    private final AtomicLong stalledPushes = new AtomicLong();
    private final AtomicLong skippedDeltas = new AtomicLong();
    private final AtomicLong bookRestarts = new AtomicLong();
    private final AtomicLong rejectedOrders = new AtomicLong();
    private final AtomicLong slowedResponses = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();

    /** Requests of {@link #skipBookDelta} so far; each market acts once on every increase. */
    private final AtomicLong skipRequests = new AtomicLong();
    /** Requests of {@link #restartBook} so far; each market acts once on every increase. */
    private final AtomicLong restartRequests = new AtomicLong();

    private final AtomicInteger rejectsLeft = new AtomicInteger();
    private volatile int rejectCode;
    private final AtomicInteger slowLeft = new AtomicInteger();
    private volatile long slowDelayMs;
    private volatile long pushDelayMs;
    private volatile long stallUntilNanos = Long.MIN_VALUE;
    private volatile long stormUntilNanos;
    private volatile boolean storming;
    private volatile boolean stalled;

    private volatile ToIntFunction<Channel> dropper = c -> 0;
    private volatile ScheduledExecutorService scheduler;
    private volatile java.util.Random random = new java.util.Random(1);

    EmulatorFaults() {}

    void bind(ToIntFunction<Channel> dropper, ScheduledExecutorService scheduler, long seed) {
        this.dropper = dropper;
        this.scheduler = scheduler;
        this.random = new java.util.Random(seed);
    }

    // ------------------------------------------------------------------ commands

    /** Closes every connection of {@code channel} now, abruptly (no close handshake). Returns how many. */
    public int drop(Channel channel) {
        final int n = dropper.applyAsInt(Objects.requireNonNull(channel, "channel"));
        if (n > 0) {
            drops[channel.ordinal()].addAndGet(n);
        }
        return n;
    }

    /** Delays every push by {@code delayMs} from now on ({@code 0} ends it). */
    public void delayPushes(long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0, got " + delayMs);
        }
        pushDelayMs = delayMs;
    }

    /** Holds every push for {@code durationMs}, then releases them in order. */
    public void stallPushes(long durationMs) {
        if (durationMs <= 0) {
            throw new IllegalArgumentException("durationMs must be > 0, got " + durationMs);
        }
        stallUntilNanos = System.nanoTime() + durationMs * 1_000_000L;
        stalled = true;
        stalls.incrementAndGet();
    }

    /**
     * Drops the next delta of each subscribed book topic of every symbol without sending it: the next one's {@code u}
     * jumps by 2.
     */
    public void skipBookDelta() {
        skipRequests.incrementAndGet();
    }

    /** Restarts every subscribed book topic of every symbol: a snapshot with {@code u=1}, then deltas from there. */
    public void restartBook() {
        restartRequests.incrementAndGet();
    }

    /** Refuses the next {@code count} order creates (REST and WS trade) with {@code retCode}. */
    public void rejectNextOrders(int count, int retCode) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        rejectCode = retCode;
        rejectsLeft.set(count);
    }

    /** Holds the next {@code count} REST and WS-trade replies for {@code delayMs}. */
    public void slowResponses(long delayMs, int count) {
        if (delayMs < 0 || count < 0) {
            throw new IllegalArgumentException("delayMs and count must be >= 0");
        }
        slowDelayMs = delayMs;
        slowLeft.set(count);
    }

    /** Answers every signed REST request and WS-trade order with retCode 10006 for {@code durationMs}. */
    public void rateLimitStorm(long durationMs) {
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must be >= 0, got " + durationMs);
        }
        stormUntilNanos = System.nanoTime() + durationMs * 1_000_000L;
        storming = durationMs > 0;
    }

    /** Applies a fault spec (see the class comment); timed items are scheduled relative to now. */
    public void apply(String spec) {
        for (Item item : parse(spec)) {
            if (item.atMs < 0 && item.meanMs < 0) {
                item.run(this);
            } else if (item.atMs >= 0) {
                requireScheduler().schedule(() -> item.run(this), item.atMs, TimeUnit.MILLISECONDS);
            } else {
                scheduleRandom(item);
            }
        }
    }

    private void scheduleRandom(Item item) {
        final double u = random.nextDouble();
        final long wait = Math.max(1, (long) (-Math.log(1 - u) * item.meanMs));
        requireScheduler()
                .schedule(
                        () -> {
                            item.run(this);
                            scheduleRandom(item);
                        },
                        wait,
                        TimeUnit.MILLISECONDS);
    }

    private ScheduledExecutorService requireScheduler() {
        final ScheduledExecutorService s = scheduler;
        if (s == null) {
            throw new IllegalStateException("timed faults need a started emulator");
        }
        return s;
    }

    /** Checks a fault spec's syntax. */
    public static void validate(String spec) {
        parse(spec);
    }

    private record Item(String kind, String[] args, long atMs, long meanMs) {
        void run(EmulatorFaults f) {
            switch (kind) {
                case "drop" -> f.drop(Channel.valueOf(args[0].toUpperCase(Locale.ROOT)));
                case "delay" -> f.delayPushes(ms(args[0]));
                case "stall" -> f.stallPushes(ms(args[0]));
                case "skip-delta" -> f.skipBookDelta();
                case "restart-book" -> f.restartBook();
                case "reject" -> f.rejectNextOrders(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
                case "slow" -> f.slowResponses(ms(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1);
                case "storm" -> f.rateLimitStorm(ms(args[0]));
                default -> throw new IllegalArgumentException("unknown fault: " + kind);
            }
        }
    }

    private static long ms(String text) {
        if (text.equals("0")) {
            return 0;
        }
        return Durations.parseNs(text) / 1_000_000L;
    }

    private static List<Item> parse(String spec) {
        final List<Item> items = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return items;
        }
        for (String raw : spec.split(",")) {
            final String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            String body = s;
            long at = -1;
            long mean = -1;
            final int atPos = s.indexOf('@');
            final int tildePos = s.indexOf('~');
            try {
                if (atPos >= 0) {
                    at = ms(s.substring(atPos + 1));
                    body = s.substring(0, atPos);
                } else if (tildePos >= 0) {
                    mean = ms(s.substring(tildePos + 1));
                    body = s.substring(0, tildePos);
                    if (mean <= 0) {
                        throw new IllegalArgumentException("mean must be > 0");
                    }
                }
                final String[] parts = body.split(":");
                final String kind = parts[0].toLowerCase(Locale.ROOT);
                final String[] args = java.util.Arrays.copyOfRange(parts, 1, parts.length);
                final int need = switch (kind) {
                    case "drop", "delay", "stall", "storm" -> 1;
                    case "skip-delta", "restart-book" -> 0;
                    case "reject" -> 2;
                    case "slow" -> args.length >= 2 ? 2 : 1;
                    default -> throw new IllegalArgumentException("unknown fault '" + kind + "'");
                };
                if (args.length != need) {
                    throw new IllegalArgumentException("expected " + need + " argument(s)");
                }
                if (kind.equals("drop")) {
                    Channel.valueOf(args[0].toUpperCase(Locale.ROOT));
                } else if (kind.equals("reject")) {
                    Integer.parseInt(args[0]);
                    Integer.parseInt(args[1]);
                } else if (kind.equals("slow")) {
                    ms(args[0]);
                    if (args.length > 1) {
                        Integer.parseInt(args[1]);
                    }
                } else if (need == 1) {
                    ms(args[0]);
                }
                items.add(new Item(kind, args, at, mean));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--faults: bad item '" + s + "': " + e.getMessage(), e);
            }
        }
        return items;
    }

    // ------------------------------------------------------------------ consumed by the emulator

    /** How long to hold a push sent now, ns (0 = send at once); counts the delayed/stalled push. */
    long pushHoldNanos(long nowNanos) {
        long hold = 0;
        if (stalled) {
            final long left = stallUntilNanos - nowNanos;
            if (left > 0) {
                hold = left;
                stalledPushes.incrementAndGet();
            } else {
                stalled = false;
            }
        }
        final long delay = pushDelayMs;
        if (delay > 0) {
            delayedPushes.incrementAndGet();
            hold = Math.max(hold, delay * 1_000_000L);
        }
        return hold;
    }

    /** The retCode to refuse an order create with, or 0. */
    int takeOrderRejection() {
        while (true) {
            final int left = rejectsLeft.get();
            if (left <= 0) {
                return 0;
            }
            if (rejectsLeft.compareAndSet(left, left - 1)) {
                rejectedOrders.incrementAndGet();
                return rejectCode;
            }
        }
    }

    /** How long to hold this reply, ms (0 = none). */
    long takeSlowDelayMs() {
        while (true) {
            final int left = slowLeft.get();
            if (left <= 0) {
                return 0;
            }
            if (slowLeft.compareAndSet(left, left - 1)) {
                slowedResponses.incrementAndGet();
                return slowDelayMs;
            }
        }
    }

    /** Whether a rate-limit storm is on (counts the refused request when it is). */
    boolean stormRefuses() {
        // no storm unless one was started: System.nanoTime() has an arbitrary origin, so comparing it with a
        // sentinel such as Long.MIN_VALUE overflows
        if (storming && System.nanoTime() - stormUntilNanos < 0) {
            rateLimited.incrementAndGet();
            return true;
        }
        return false;
    }

    /** {@link #skipBookDelta} requests so far (a market compares it with the count it last acted on). */
    long skipRequests() {
        return skipRequests.get();
    }

    /** {@link #restartBook} requests so far. */
    long restartRequests() {
        return restartRequests.get();
    }

    void countSkippedDelta() {
        skippedDeltas.incrementAndGet();
    }

    void countBookRestart() {
        bookRestarts.incrementAndGet();
    }

    // ------------------------------------------------------------------ counters

    /** Connections of {@code channel} closed by {@link #drop}. */
    public long drops(Channel channel) {
        return drops[channel.ordinal()].get();
    }

    /** Pushes sent late because of {@link #delayPushes}. */
    public long delayedPushes() {
        return delayedPushes.get();
    }

    /** Stalls started by {@link #stallPushes}. */
    public long stalls() {
        return stalls.get();
    }

    /** Pushes held by a stall. */
    public long stalledPushes() {
        return stalledPushes.get();
    }

    /** Book deltas not sent ({@link #skipBookDelta}), one per topic. */
    public long skippedDeltas() {
        return skippedDeltas.get();
    }

    /** Book topics restarted at {@code u=1}. */
    public long bookRestarts() {
        return bookRestarts.get();
    }

    /** Order creates refused by {@link #rejectNextOrders}. */
    public long rejectedOrders() {
        return rejectedOrders.get();
    }

    /** Replies held by {@link #slowResponses}. */
    public long slowedResponses() {
        return slowedResponses.get();
    }

    /** Requests refused with 10006 by a {@link #rateLimitStorm}. */
    public long rateLimited() {
        return rateLimited.get();
    }
}
