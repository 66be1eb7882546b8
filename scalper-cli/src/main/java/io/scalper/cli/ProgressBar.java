package io.scalper.cli;

import io.scalper.core.backtest.BacktestRunner;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long replays, rewritten in place with a carriage return: events replayed, events per
 * second, simulated time reached and, when the end time is known, a bar. Redrawn at most five times a second. Built
 * disabled (and then silent) when the output is not a terminal or the user asked for quiet.
 */
final class ProgressBar implements BacktestRunner.Progress {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long REDRAW_NS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean enabled;
    private final LongSupplier wallClock;
    private final long startNs;
    private long startSim = Long.MIN_VALUE;
    private long endSim = Long.MIN_VALUE;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    ProgressBar(PrintWriter out, boolean enabled, LongSupplier wallClock) {
        this.out = out;
        this.enabled = enabled;
        this.wallClock = wallClock;
        this.startNs = wallClock.getAsLong();
    }

    /** A bar on standard error, enabled only when the process has a terminal and {@code quiet} is false. */
    static ProgressBar forTerminal(PrintWriter err, boolean quiet) {
        return new ProgressBar(err, !quiet && System.console() != null, System::nanoTime);
    }

    /** Sets the expected simulated time span, for the bar and the percentage. */
    void expect(long startSimNs, long endSimNs) {
        this.startSim = startSimNs;
        this.endSim = endSimNs;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void onProgress(long events, long simTimeNs, boolean done) {
        if (!enabled) {
            return;
        }
        final long now = wallClock.getAsLong();
        if (!done && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NS) {
            return;
        }
        lastDraw = now;
        final double seconds = Math.max(1e-9, (now - startNs) / 1e9);
        final StringBuilder line = new StringBuilder(96);
        if (endSim > startSim && startSim != Long.MIN_VALUE) {
            final double f = Math.max(0, Math.min(1, (simTimeNs - startSim) / (double) (endSim - startSim)));
            final double shown = done ? 1 : f;
            final int filled = (int) Math.round(shown * WIDTH);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", Math.round(shown * 100)));
        }
        line.append(String.format(
                Locale.ROOT,
                "%,d events  %s/s  sim %s",
                events,
                rate(events / seconds),
                simTimeNs > 0 ? TIME.format(Instant.ofEpochSecond(0, simTimeNs)) : "-"));
        final int pad = Math.max(0, lastLength - line.length());
        lastLength = line.length();
        out.print('\r');
        out.print(line);
        out.print(" ".repeat(pad));
        if (done) {
            out.println();
        }
        out.flush();
    }

    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
