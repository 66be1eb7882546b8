package io.scalper.core.drift;

import io.scalper.core.backtest.ReplayTiming;

/**
 * The clock of a session replay, that of the live loop. The strategy takes each message at the time of the turn of
 * the loop that handled it (the session's turns: the receive time of each turn's first frame and the turn's time; the
 * engine clock stays at a turn's time while the turn drains what keeps arriving, so a slow turn handles later frames
 * at an earlier clock); the simulated exchange takes it earlier by the message's feed age (receive time + the venue's
 * clock offset − exchange time) when that age is plausible — between {@value #MAX_JITTER_NS} ns below zero and {@value
 * #MAX_AGE_NS} ns — and at its receive time otherwise (a market replayed faster than real time stamps its messages
 * ahead of the wall clock: the emulator's at {@code --speed 5}), but never after the strategy. The engine starts when
 * the live engine started, so its timers fall due at the same instants, and each runs in the turn that ran it live
 * (the first recorded turn that ran timers at or after its deadline), after that turn's messages. The engine is told the same feed ages as live (none for an
 * implausible one), message by message (live, once a turn, for the turn's last book message).
 */
final class SessionTiming implements ReplayTiming {
    /** A feed age this far below zero is a clock problem, not jitter (as the live session treats it). */
    static final long MAX_JITTER_NS = 50_000_000L;

    /** A feed age above this is not believed (a recording's clock problem). */
    static final long MAX_AGE_NS = 10_000_000_000L;

    private final long offsetNs;
    private final long startNs;
    private final long firstTurnNs;
    private final long[] turnFirstReceivedNs;
    private final long[] turnNs;
    private final long[] timerTurnNs;
    private final Distribution feedAges = new Distribution();
    private long implausible;

    /**
     * @param offsetNs the venue's clock minus the local clock
     * @param startNs the engine clock when the live engine was built
     * @param firstTurnNs the loop's first turn (0: unknown)
     * @param turnFirstReceivedNs receive time of the first frame of each turn that handled frames, ascending
     * @param turnNs those turns' times
     * @param timerTurnNs the times of the turns that ran the engine's timers, ascending
     */
    SessionTiming(
            long offsetNs,
            long startNs,
            long firstTurnNs,
            long[] turnFirstReceivedNs,
            long[] turnNs,
            long[] timerTurnNs) {
        this.offsetNs = offsetNs;
        this.startNs = startNs;
        this.firstTurnNs = firstTurnNs;
        this.turnFirstReceivedNs = turnFirstReceivedNs.clone();
        this.turnNs = turnNs.clone();
        this.timerTurnNs = timerTurnNs.clone();
    }

    /** The feed age of a message, or {@link Long#MIN_VALUE} when the clocks cannot vouch for one. */
    long age(long exchangeTimeNs, long localTimeNs) {
        if (localTimeNs == 0) {
            return Long.MIN_VALUE;
        }
        final long raw = localTimeNs + offsetNs - exchangeTimeNs;
        return raw < -MAX_JITTER_NS || raw > MAX_AGE_NS ? Long.MIN_VALUE : Math.max(0, raw);
    }

    @Override
    public long exchangeNs(long exchangeTimeNs, long localTimeNs) {
        if (localTimeNs == 0) {
            return exchangeTimeNs;
        }
        final long age = age(exchangeTimeNs, localTimeNs);
        final long seen = age == Long.MIN_VALUE ? localTimeNs : localTimeNs - age;
        // never after the strategy's turn: a long turn handles later frames at its own (earlier) clock
        return Math.min(seen, strategyNs(exchangeTimeNs, localTimeNs));
    }

    @Override
    public long strategyNs(long exchangeTimeNs, long localTimeNs) {
        if (localTimeNs == 0) {
            return exchangeTimeNs;
        }
        final int k = lastAtOrBefore(turnFirstReceivedNs, localTimeNs);
        // the turn that handled it: the engine clock stays at the turn's time while the turn drains what arrives
        return k >= 0 ? turnNs[k] : Math.max(localTimeNs, firstTurnNs);
    }

    @Override
    public long timerNs(long deadlineNs) {
        final long d = Math.max(deadlineNs, firstTurnNs);
        // the first turn at or after the deadline that ran timers live (after the frames it handled)
        final int k = lastAtOrBefore(timerTurnNs, d - 1) + 1;
        return k < timerTurnNs.length ? timerTurnNs[k] : d;
    }

    /** Index of the last element at or below {@code v} in an ascending array, or -1. */
    static int lastAtOrBefore(long[] a, long v) {
        int i = java.util.Arrays.binarySearch(a, v);
        if (i >= 0) {
            while (i + 1 < a.length && a[i + 1] == v) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    @Override
    public long feedAgeNs(long exchangeTimeNs, long localTimeNs, long arrivalNs) {
        final long age = age(exchangeTimeNs, localTimeNs);
        if (age == Long.MIN_VALUE) {
            implausible++;
        } else {
            feedAges.add(age);
        }
        return age;
    }

    @Override
    public long startNs(long firstExchangeNs) {
        return startNs == 0 ? firstExchangeNs : Math.min(startNs, firstExchangeNs);
    }

    /** The plausible feed ages of the messages the strategy took. */
    Distribution feedAges() {
        return feedAges;
    }

    /** Messages whose feed age the clocks could not vouch for. */
    long implausible() {
        return implausible;
    }
}
