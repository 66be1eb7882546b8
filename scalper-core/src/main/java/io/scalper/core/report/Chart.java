package io.scalper.core.report;

/**
 * One inline SVG time chart: a time axis in UTC and a value axis with round ticks. Maps times and values to
 * coordinates of a fixed {@value #WIDTH} × {@value #HEIGHT} view box that the page scales to its width.
 */
final class Chart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 300;
    static final double LEFT = 84;
    static final double RIGHT = 16;
    static final double TOP = 12;
    static final double BOTTOM = 28;
    static final int VALUE_TICKS = 5;
    static final int MAX_TIME_TICKS = 8;

    /** Steps between time labels, ns, smallest first; each divides a day or is whole days. */
    private static final long[] TIME_STEPS_NS = {
        1_000_000L,
        2_000_000L,
        5_000_000L,
        10_000_000L,
        20_000_000L,
        50_000_000L,
        100_000_000L,
        200_000_000L,
        500_000_000L,
        Fmt.SECOND_NS,
        2 * Fmt.SECOND_NS,
        5 * Fmt.SECOND_NS,
        10 * Fmt.SECOND_NS,
        15 * Fmt.SECOND_NS,
        30 * Fmt.SECOND_NS,
        Fmt.MINUTE_NS,
        2 * Fmt.MINUTE_NS,
        5 * Fmt.MINUTE_NS,
        10 * Fmt.MINUTE_NS,
        15 * Fmt.MINUTE_NS,
        30 * Fmt.MINUTE_NS,
        Fmt.HOUR_NS,
        2 * Fmt.HOUR_NS,
        3 * Fmt.HOUR_NS,
        6 * Fmt.HOUR_NS,
        12 * Fmt.HOUR_NS,
        Fmt.DAY_NS,
        2 * Fmt.DAY_NS,
        7 * Fmt.DAY_NS,
        14 * Fmt.DAY_NS,
        28 * Fmt.DAY_NS
    };

    private final long minTimeNs;
    private final long maxTimeNs;
    private final double minValue;
    private final double maxValue;
    private final double valueStep;
    private final int valueDecimals;

    /**
     * A chart over {@code [minTimeNs, maxTimeNs]} and a value range rounded outwards to whole value ticks that holds
     * {@code [lowValue, highValue]}. An empty span is widened.
     */
    Chart(long minTimeNs, long maxTimeNs, double lowValue, double highValue) {
        if (maxTimeNs <= minTimeNs) {
            minTimeNs -= Fmt.SECOND_NS;
            maxTimeNs += Fmt.SECOND_NS;
        }
        this.minTimeNs = minTimeNs;
        this.maxTimeNs = maxTimeNs;
        final ValueAxis axis = ValueAxis.of(lowValue, highValue);
        this.valueStep = axis.step();
        this.valueDecimals = axis.decimals();
        this.minValue = axis.min();
        this.maxValue = axis.max();
    }

    /**
     * A value axis with about {@link #VALUE_TICKS} round ticks (a step of 1, 2 or 5 × 10ⁿ) holding a range, rounded
     * outwards to whole steps; an empty range is widened.
     *
     * @param min lowest tick
     * @param max highest tick
     * @param step between ticks
     * @param decimals that show the ticks
     */
    record ValueAxis(double min, double max, double step, int decimals) {
        static ValueAxis of(double lowValue, double highValue) {
            if (!(highValue > lowValue)) {
                final double pad = lowValue == 0 ? 1 : Math.abs(lowValue) * 0.001;
                lowValue -= pad;
                highValue += pad;
            }
            final double range = highValue - lowValue;
            final int exponent = (int) StrictMath.floor(StrictMath.log10(range / VALUE_TICKS));
            final double magnitude = StrictMath.pow(10, exponent);
            final double fraction = range / VALUE_TICKS / magnitude;
            final int nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            final double step = nice * magnitude;
            return new ValueAxis(
                    StrictMath.floor(lowValue / step) * step,
                    StrictMath.ceil(highValue / step) * step,
                    step,
                    Math.max(0, nice == 10 ? -exponent - 1 : -exponent));
        }
    }

    /** Decimals that show the value ticks. */
    int valueDecimals() {
        return valueDecimals;
    }

    double x(long timeNs) {
        return LEFT + (double) (timeNs - minTimeNs) / (maxTimeNs - minTimeNs) * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
        return TOP + (maxValue - value) / (maxValue - minValue) * (HEIGHT - TOP - BOTTOM);
    }

    /** The bottom of the plot area. */
    double bottom() {
        return HEIGHT - BOTTOM;
    }

    /** Opens the {@code <svg>} element and draws the grid, the axes and their labels. */
    void begin(StringBuilder out, String id, String label) {
        out.append("<svg class=\"chart\" id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"");
        Fmt.escape(out, label).append("\">\n<g class=\"grid\">\n");
        final long steps = Math.round((maxValue - minValue) / valueStep);
        for (long i = 0; i <= steps; i++) {
            final double v = minValue + i * valueStep;
            final double y = y(v);
            out.append("<line x1=\"");
            Fmt.coord(out, LEFT).append("\" x2=\"");
            Fmt.coord(out, WIDTH - RIGHT).append("\" y1=\"");
            Fmt.coord(out, y).append("\" y2=\"");
            Fmt.coord(out, y).append("\"/><text class=\"vlabel\" x=\"");
            Fmt.coord(out, LEFT - 6).append("\" y=\"");
            Fmt.coord(out, y + 4).append("\">");
            out.append(Fmt.num(Math.abs(v) < valueStep / 2 ? 0 : v, valueDecimals))
                    .append("</text>\n");
        }
        final long span = maxTimeNs - minTimeNs;
        long step = TIME_STEPS_NS[TIME_STEPS_NS.length - 1];
        for (final long s : TIME_STEPS_NS) {
            if (span / s <= MAX_TIME_TICKS) {
                step = s;
                break;
            }
        }
        for (long t = Math.floorDiv(minTimeNs, step) * step; t <= maxTimeNs; t += step) {
            if (t < minTimeNs) {
                continue;
            }
            final double x = x(t);
            out.append("<line x1=\"");
            Fmt.coord(out, x).append("\" x2=\"");
            Fmt.coord(out, x).append("\" y1=\"");
            Fmt.coord(out, TOP).append("\" y2=\"");
            Fmt.coord(out, bottom()).append("\"/><text class=\"tlabel\" x=\"");
            Fmt.coord(out, x).append("\" y=\"");
            Fmt.coord(out, HEIGHT - 8).append("\">");
            out.append(step < Fmt.SECOND_NS ? Fmt.timeMs(t) : step >= Fmt.DAY_NS ? Fmt.date(t) : Fmt.time(t))
                    .append("</text>\n");
        }
        out.append("</g>\n<rect class=\"frame\" x=\"");
        Fmt.coord(out, LEFT).append("\" y=\"");
        Fmt.coord(out, TOP).append("\" width=\"");
        Fmt.coord(out, WIDTH - LEFT - RIGHT).append("\" height=\"");
        Fmt.coord(out, bottom() - TOP).append("\"/>\n");
    }

    /** Closes the {@code <svg>} element. */
    void end(StringBuilder out) {
        out.append("</svg>\n");
    }

    /**
     * Appends the points {@code x,y x,y ...} of the samples at {@code indices}; with {@code step}, a horizontal then a
     * vertical segment between samples (the value holds until the next sample).
     */
    void points(StringBuilder out, long[] timesNs, double[] values, int[] indices, boolean step) {
        for (int k = 0; k < indices.length; k++) {
            final int i = indices[k];
            if (k > 0) {
                out.append(' ');
                if (step) {
                    Fmt.coord(out, x(timesNs[i])).append(',');
                    Fmt.coord(out, y(values[indices[k - 1]])).append(' ');
                }
            }
            Fmt.coord(out, x(timesNs[i])).append(',');
            Fmt.coord(out, y(values[i]));
        }
    }

    /** A horizontal line across the plot at {@code value}. */
    void level(StringBuilder out, String cssClass, double value) {
        final double y = y(value);
        out.append("<line class=\"").append(cssClass).append("\" x1=\"");
        Fmt.coord(out, LEFT).append("\" x2=\"");
        Fmt.coord(out, WIDTH - RIGHT).append("\" y1=\"");
        Fmt.coord(out, y).append("\" y2=\"");
        Fmt.coord(out, y).append("\"/>\n");
    }
}
