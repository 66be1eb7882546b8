package io.scalper.core.risk;

import java.util.Objects;

/**
 * Shrinks position size as equity falls from its peak. Feed it equity with {@link #onEquity(double)} (the caller decides
 * what equity means: usually wallet balance plus unrealised PnL, in quote currency); it tracks the running peak, the
 * drawdown fraction {@code (peak − equity) / peak} and the size multiplier of the tier that drawdown falls in (see
 * {@link RiskConfig#drawdownTiers()}). A multiplier of 0 means halted: no new entries.
 *
 * <p>A tier applies from its threshold inclusive; thresholds are compared with an absolute tolerance of 1e-12 so a
 * drawdown that is exactly 2 % up to floating-point rounding counts as 2 %. Owned by the engine thread.
 */
public final class DrawdownTiers {
    /** Most tiers a table may have. */
    public static final int MAX_TIERS = 16;

    private static final double TOLERANCE = 1e-12;
    private static final String KEY = "risk.drawdownTiers";

    private final double[] thresholds;
    private final double[] multipliers;
    private double peakEquity = Double.NaN;
    private double equity = Double.NaN;
    private double drawdown;
    private double multiplier = 1.0;

    public DrawdownTiers(RiskConfig config) {
        final Table table = parse(Objects.requireNonNull(config, "config").drawdownTiers());
        this.thresholds = table.thresholds;
        this.multipliers = table.multipliers;
    }

    /**
     * Records the current equity, raising the peak when it is higher.
     *
     * @param equity current equity, quote currency; {@code NaN} or infinite values are ignored
     * @return the multiplier now in force
     */
    public double onEquity(double equity) {
        if (!Double.isFinite(equity)) {
            return multiplier;
        }
        this.equity = equity;
        if (!(peakEquity >= equity)) {
            peakEquity = equity;
        }
        update();
        return multiplier;
    }

    /**
     * Sets the peak, e.g. restored after a restart, or lowered by an operator who accepts the loss and wants full size
     * again. The drawdown is recomputed against the last equity seen.
     *
     * @throws IllegalArgumentException if {@code peakEquity} is not finite
     */
    public void restorePeak(double peakEquity) {
        if (!Double.isFinite(peakEquity)) {
            throw new IllegalArgumentException("peak equity must be finite, got " + peakEquity);
        }
        this.peakEquity = peakEquity;
        if (Double.isFinite(equity) && equity > peakEquity) {
            this.peakEquity = equity;
        }
        update();
    }

    private void update() {
        drawdown = peakEquity > 0 && Double.isFinite(equity) ? Math.max(0.0, (peakEquity - equity) / peakEquity) : 0.0;
        multiplier = multiplierAt(drawdown);
    }

    /** The size multiplier of the tier {@code drawdown} (a fraction, 0.02 = 2 %) falls in. */
    public double multiplierAt(double drawdown) {
        double m = 1.0;
        for (int i = 0; i < thresholds.length; i++) {
            if (drawdown >= thresholds[i] - TOLERANCE) {
                m = multipliers[i];
            } else {
                break;
            }
        }
        return m;
    }

    /** Highest equity seen (or restored), {@code NaN} before the first. */
    public double peakEquity() {
        return peakEquity;
    }

    /** Last equity seen, {@code NaN} before the first. */
    public double equity() {
        return equity;
    }

    /** Current drawdown from the peak as a fraction in [0, ∞): 0.02 = 2 %; 0 before the first equity. */
    public double drawdown() {
        return drawdown;
    }

    /** Current size multiplier in [0, 1]; 1 before the first equity. */
    public double multiplier() {
        return multiplier;
    }

    /** Whether the current tier halts entries (multiplier 0). */
    public boolean isHalted() {
        return multiplier <= 0.0;
    }

    /** Number of tiers configured. */
    public int tierCount() {
        return thresholds.length;
    }

    /** Drawdown at which tier {@code i} starts. */
    public double threshold(int i) {
        return thresholds[i];
    }

    /** Size multiplier of tier {@code i}. */
    public double tierMultiplier(int i) {
        return multipliers[i];
    }

    @Override
    public String toString() {
        return "DrawdownTiers[peak=" + peakEquity + " equity=" + equity + " drawdown=" + drawdown + " multiplier="
                + multiplier + "]";
    }

    /** A parsed tier table. */
    static final class Table {
        final double[] thresholds;
        final double[] multipliers;

        Table(double[] thresholds, double[] multipliers) {
            this.thresholds = thresholds;
            this.multipliers = multipliers;
        }
    }

    /**
     * Parses and validates a tier table such as {@code "0.02:0.5, 0.04:0.25, 0.06:0"}.
     *
     * @throws IllegalArgumentException starting with {@code risk.drawdownTiers:}
     */
    static Table parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException(KEY + ": must not be null");
        }
        if (spec.isBlank()) {
            return new Table(new double[0], new double[0]);
        }
        final String[] parts = spec.split(",", -1);
        if (parts.length > MAX_TIERS) {
            throw new IllegalArgumentException(KEY + ": at most " + MAX_TIERS + " tiers, got " + parts.length);
        }
        final double[] thresholds = new double[parts.length];
        final double[] multipliers = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            final String part = parts[i].trim();
            final int colon = part.indexOf(':');
            if (colon < 0 || colon != part.lastIndexOf(':')) {
                throw new IllegalArgumentException(
                        KEY + ": each tier must be drawdown:multiplier (e.g. 0.02:0.5), got '" + part + "'");
            }
            final double t = number(part.substring(0, colon), part);
            final double m = number(part.substring(colon + 1), part);
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException(
                        KEY + ": drawdown must be in (0, 1), got " + t + " in '" + part + "'");
            }
            if (!(m >= 0 && m <= 1)) {
                throw new IllegalArgumentException(
                        KEY + ": multiplier must be in [0, 1], got " + m + " in '" + part + "'");
            }
            if (i > 0 && t <= thresholds[i - 1]) {
                throw new IllegalArgumentException(
                        KEY + ": drawdowns must increase, got " + t + " after " + thresholds[i - 1]);
            }
            if (i > 0 && m > multipliers[i - 1]) {
                throw new IllegalArgumentException(KEY + ": multipliers must not increase with drawdown, got " + m
                        + " after " + multipliers[i - 1]);
            }
            thresholds[i] = t;
            multipliers[i] = m;
        }
        return new Table(thresholds, multipliers);
    }

    private static double number(String text, String part) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY + ": not a number: '" + text.trim() + "' in '" + part + "'", e);
        }
    }
}
