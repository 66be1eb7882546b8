package io.scalper.core.report;

/**
 * One inline SVG chart with a numeric x axis (labelled at given positions) and a round value axis
 * ({@link Chart.ValueAxis}), in the same {@value Chart#WIDTH} × {@value Chart#HEIGHT} view box and style as
 * {@link Chart}. For values by horizon or by score, where {@link Chart} plots values by time.
 */
final class XyChart {
    private final double minX;
    private final double maxX;
    private final double[] xTicks;
    private final String[] xLabels;
    private final Chart.ValueAxis axis;

    /**
     * @param minX left edge of the plot, in x units
     * @param maxX right edge (&gt; minX)
     * @param xTicks where to draw vertical grid lines and labels
     * @param xLabels their labels (already escaped)
     * @param lowValue lowest value to show
     * @param highValue highest value to show
     */
    XyChart(double minX, double maxX, double[] xTicks, String[] xLabels, double lowValue, double highValue) {
        this.minX = minX;
        this.maxX = maxX > minX ? maxX : minX + 1;
        this.xTicks = xTicks.clone();
        this.xLabels = xLabels.clone();
        this.axis = Chart.ValueAxis.of(lowValue, highValue);
    }

    double x(double v) {
        return Chart.LEFT + (v - minX) / (maxX - minX) * (Chart.WIDTH - Chart.LEFT - Chart.RIGHT);
    }

    double y(double value) {
        return Chart.TOP + (axis.max() - value) / (axis.max() - axis.min()) * (Chart.HEIGHT - Chart.TOP - Chart.BOTTOM);
    }

    /** Opens the {@code <svg>} element and draws the grid, the axes and their labels. */
    void begin(StringBuilder out, String id, String label) {
        out.append("<svg class=\"chart\" id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 ")
                .append(Chart.WIDTH)
                .append(' ')
                .append(Chart.HEIGHT)
                .append("\" role=\"img\" aria-label=\"");
        Fmt.escape(out, label).append("\">\n<g class=\"grid\">\n");
        final long steps = Math.round((axis.max() - axis.min()) / axis.step());
        for (long i = 0; i <= steps; i++) {
            final double v = axis.min() + i * axis.step();
            final double y = y(v);
            out.append("<line x1=\"");
            Fmt.coord(out, Chart.LEFT).append("\" x2=\"");
            Fmt.coord(out, Chart.WIDTH - Chart.RIGHT).append("\" y1=\"");
            Fmt.coord(out, y).append("\" y2=\"");
            Fmt.coord(out, y).append("\"/><text class=\"vlabel\" x=\"");
            Fmt.coord(out, Chart.LEFT - 6).append("\" y=\"");
            Fmt.coord(out, y + 4).append("\">");
            out.append(Fmt.num(Math.abs(v) < axis.step() / 2 ? 0 : v, axis.decimals()))
                    .append("</text>\n");
        }
        for (int i = 0; i < xTicks.length; i++) {
            final double x = x(xTicks[i]);
            out.append("<line x1=\"");
            Fmt.coord(out, x).append("\" x2=\"");
            Fmt.coord(out, x).append("\" y1=\"");
            Fmt.coord(out, Chart.TOP).append("\" y2=\"");
            Fmt.coord(out, Chart.HEIGHT - Chart.BOTTOM).append("\"/><text class=\"tlabel\" x=\"");
            Fmt.coord(out, x).append("\" y=\"");
            Fmt.coord(out, Chart.HEIGHT - 8).append("\">").append(xLabels[i]).append("</text>\n");
        }
        out.append("</g>\n<rect class=\"frame\" x=\"");
        Fmt.coord(out, Chart.LEFT).append("\" y=\"");
        Fmt.coord(out, Chart.TOP).append("\" width=\"");
        Fmt.coord(out, Chart.WIDTH - Chart.LEFT - Chart.RIGHT).append("\" height=\"");
        Fmt.coord(out, Chart.HEIGHT - Chart.BOTTOM - Chart.TOP).append("\"/>\n");
    }

    /** Closes the {@code <svg>} element. */
    void end(StringBuilder out) {
        out.append("</svg>\n");
    }

    /**
     * A line through the finite points, in order (a point with a non-finite value is left out).
     *
     * @return whether anything was drawn (at least one point)
     */
    boolean line(StringBuilder out, String cssClass, double[] xs, double[] ys) {
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) {
                continue;
            }
            if (points.length() > 0) {
                points.append(' ');
            }
            Fmt.coord(points, x(xs[i])).append(',');
            Fmt.coord(points, y(ys[i]));
        }
        if (points.length() == 0) {
            return false;
        }
        out.append("<polyline class=\"series ")
                .append(cssClass)
                .append("\" points=\"")
                .append(points)
                .append("\"/>\n");
        return true;
    }

    /** A dot (class {@code marker}) at each finite point, with a tooltip. */
    void dots(StringBuilder out, String cssClass, double[] xs, double[] ys, String[] titles) {
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) {
                continue;
            }
            out.append("<circle class=\"marker ").append(cssClass).append("\" cx=\"");
            Fmt.coord(out, x(xs[i])).append("\" cy=\"");
            Fmt.coord(out, y(ys[i])).append("\" r=\"4\"><title>");
            Fmt.escape(out, titles[i]).append("</title></circle>\n");
        }
    }

    /** A closed band between two lines (finite points only). */
    void band(StringBuilder out, String cssClass, double[] xs, double[] low, double[] high) {
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(high[i])) {
                points.append(points.length() == 0 ? "" : " ");
                Fmt.coord(points, x(xs[i])).append(',');
                Fmt.coord(points, y(high[i]));
            }
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            if (Double.isFinite(low[i])) {
                points.append(points.length() == 0 ? "" : " ");
                Fmt.coord(points, x(xs[i])).append(',');
                Fmt.coord(points, y(low[i]));
            }
        }
        if (points.length() > 0) {
            out.append("<polygon class=\"")
                    .append(cssClass)
                    .append("\" points=\"")
                    .append(points)
                    .append("\"/>\n");
        }
    }

    /** A horizontal line across the plot at {@code value}, with a label at its right end. */
    void level(StringBuilder out, String cssClass, double value, String label) {
        final double y = y(value);
        out.append("<line class=\"").append(cssClass).append("\" x1=\"");
        Fmt.coord(out, Chart.LEFT).append("\" x2=\"");
        Fmt.coord(out, Chart.WIDTH - Chart.RIGHT).append("\" y1=\"");
        Fmt.coord(out, y).append("\" y2=\"");
        Fmt.coord(out, y).append("\"/>\n");
        if (!label.isEmpty()) {
            out.append("<text class=\"levellabel\" x=\"");
            Fmt.coord(out, Chart.WIDTH - Chart.RIGHT - 4).append("\" y=\"");
            Fmt.coord(out, y - 3).append("\">");
            Fmt.escape(out, label).append("</text>\n");
        }
    }
}
