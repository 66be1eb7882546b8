package io.scalper.core.runtime;

import java.util.Locale;

/**
 * A cumulative latency histogram in Prometheus' shape: fixed bucket bounds in seconds (0.5 ms to 5 s), a count and a
 * sum. Recorded on the engine thread, without allocation; rendered as Prometheus text.
 */
public final class LatencyHistogram {
    /** Upper bounds of the buckets, seconds. */
    public static final double[] BOUNDS_S = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5};

    private final long[] counts = new long[BOUNDS_S.length];
    private long count;
    private double sumS;

    /** Records one observation; negative values (clock skew) count as 0. */
    public void record(long ns) {
        final double s = Math.max(0, ns) / 1e9;
        for (int i = 0; i < BOUNDS_S.length; i++) {
            if (s <= BOUNDS_S[i]) {
                counts[i]++;
            }
        }
        count++;
        sumS += s;
    }

    public long count() {
        return count;
    }

    /** Observations at or below {@code boundS} (one of the bucket bounds). */
    public long countAtOrBelow(double boundS) {
        for (int i = 0; i < BOUNDS_S.length; i++) {
            if (BOUNDS_S[i] == boundS) {
                return counts[i];
            }
        }
        throw new IllegalArgumentException("not a bucket bound: " + boundS);
    }

    /** Appends the histogram as Prometheus text ({@code _bucket}, {@code _sum}, {@code _count}). */
    public void appendPrometheus(StringBuilder b, String name, String help, String labels) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" histogram\n");
        final String inner = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < BOUNDS_S.length; i++) {
            b.append(name)
                    .append("_bucket{")
                    .append(inner)
                    .append("le=\"")
                    .append(String.format(Locale.ROOT, "%s", trim(BOUNDS_S[i])))
                    .append("\"} ")
                    .append(counts[i])
                    .append('\n');
        }
        b.append(name)
                .append("_bucket{")
                .append(inner)
                .append("le=\"+Inf\"} ")
                .append(count)
                .append('\n');
        b.append(name)
                .append("_sum{")
                .append(labels)
                .append("} ")
                .append(String.format(Locale.ROOT, "%.9f", sumS))
                .append('\n');
        b.append(name)
                .append("_count{")
                .append(labels)
                .append("} ")
                .append(count)
                .append('\n');
    }

    private static String trim(double v) {
        final String s = String.format(Locale.ROOT, "%.4f", v);
        return s.indexOf('.') < 0 ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
