package io.scalper.core.report;

import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an {@link HtmlReport} shows, immutable: made by {@link #builder(String, PerformanceStats)}, which copies
 * what it is given (lists, maps, arrays and the equity curve), so later changes to the originals do not show.
 *
 * <p>Units: prices are in ticks, like {@link RoundTrip#entryPriceTicks()}; the report multiplies them by
 * {@link #tickSize()} to display them. Times are ns since the epoch, shown in UTC. Money is in quote currency.
 *
 * <p>Defaults: no run info, no trades, an empty equity curve, no price series, tick size 1 (prices shown in ticks),
 * and the refusals, signal PnL and extras of the statistics.
 *
 * <pre>{@code
 * ReportData data = ReportData.builder("BTCUSDT backtest", stats)
 *         .runInfo("data", "generated, seed 42")
 *         .trades(trades)
 *         .equityCurve(curve)
 *         .prices(midTimesNs, midTicks)
 *         .tickSize(instrument.tickSize())
 *         .build();
 * }</pre>
 */
public final class ReportData {
    private final String title;
    private final Map<String, String> runInfo;
    private final PerformanceStats stats;
    private final List<RoundTrip> trades;
    private final EquityCurve equityCurve;
    private final long[] priceTimesNs;
    private final double[] pricesTicks;
    private final BigDecimal tickSize;
    private final Map<String, Long> refusals;
    private final Map<String, Double> signalPnl;
    private final Map<String, Number> extras;
    private final io.scalper.core.research.ResearchResult research;

    private ReportData(Builder b) {
        this.title = b.title;
        this.runInfo = Collections.unmodifiableMap(new LinkedHashMap<>(b.runInfo));
        this.stats = b.stats;
        this.trades = List.copyOf(b.trades);
        this.equityCurve = b.equityCurve.copy();
        this.priceTimesNs = b.priceTimesNs.clone();
        this.pricesTicks = b.pricesTicks.clone();
        this.tickSize = b.tickSize;
        this.refusals = copy(b.refusals == null ? b.stats.refusals() : b.refusals, "refusal count of ");
        this.signalPnl = copy(b.signalPnl == null ? b.stats.signalPnl() : b.signalPnl, "signal PnL of ");
        this.extras = copy(b.extras == null ? b.stats.extras() : b.extras, "extra ");
        this.research = b.research;
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        final LinkedHashMap<String, V> out = new LinkedHashMap<>();
        for (final Map.Entry<String, V> e : map.entrySet()) {
            final String key = Objects.requireNonNull(e.getKey(), "null key in " + what.trim());
            out.put(key, Objects.requireNonNull(e.getValue(), what + key));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A builder with the required parts.
     *
     * @param title page title and heading
     * @param stats the run's statistics
     */
    public static Builder builder(String title, PerformanceStats stats) {
        return new Builder(title, stats);
    }

    /** Page title and heading. */
    public String title() {
        return title;
    }

    /** Label → text shown under the heading (data source, seed, config path, ...), in insertion order. */
    public Map<String, String> runInfo() {
        return runInfo;
    }

    public PerformanceStats stats() {
        return stats;
    }

    /** Closed trades, in the order given. */
    public List<RoundTrip> trades() {
        return trades;
    }

    /** A copy of the equity curve. */
    public EquityCurve equityCurve() {
        return equityCurve.copy();
    }

    /** Number of price samples. */
    public int priceCount() {
        return pricesTicks.length;
    }

    /** A copy of the price sample times, ns, non-decreasing. */
    public long[] priceTimesNs() {
        return priceTimesNs.clone();
    }

    /** A copy of the price samples, ticks, finite. */
    public double[] pricesTicks() {
        return pricesTicks.clone();
    }

    /** Price of one tick, used to display prices. */
    public BigDecimal tickSize() {
        return tickSize;
    }

    /** Gate reason → number of refusals. */
    public Map<String, Long> refusals() {
        return refusals;
    }

    /** Signal name → attributed net PnL. */
    public Map<String, Double> signalPnl() {
        return signalPnl;
    }

    /** Extra figures (events, events per second, ...), shown with the statistics in insertion order. */
    public Map<String, Number> extras() {
        return extras;
    }

    /**
     * What {@code scalper research} measured on the same market (the report's decision-quality section), or null.
     */
    public io.scalper.core.research.ResearchResult research() {
        return research;
    }

    EquityCurve curveView() {
        return equityCurve;
    }

    long[] timesView() {
        return priceTimesNs;
    }

    double[] pricesView() {
        return pricesTicks;
    }

    /** Collects the parts of a {@link ReportData}; not thread-safe, reusable (each {@link #build()} copies). */
    public static final class Builder {
        private final String title;
        private final PerformanceStats stats;
        private final LinkedHashMap<String, String> runInfo = new LinkedHashMap<>();
        private List<RoundTrip> trades = List.of();
        private EquityCurve equityCurve = new EquityCurve(1);
        private long[] priceTimesNs = new long[0];
        private double[] pricesTicks = new double[0];
        private BigDecimal tickSize = BigDecimal.ONE;
        private Map<String, Long> refusals;
        private Map<String, Double> signalPnl;
        private Map<String, Number> extras;
        private io.scalper.core.research.ResearchResult research;

        private Builder(String title, PerformanceStats stats) {
            this.title = Objects.requireNonNull(title, "title");
            this.stats = Objects.requireNonNull(stats, "stats");
        }

        /** Adds (or replaces) one line of run info, e.g. {@code ("seed", "42")}. */
        public Builder runInfo(String label, String text) {
            runInfo.put(Objects.requireNonNull(label, "runInfo label"), Objects.requireNonNull(text, label));
            return this;
        }

        /** Adds (or replaces) these lines of run info, in the map's iteration order. */
        public Builder runInfo(Map<String, String> lines) {
            for (final Map.Entry<String, String> e : lines.entrySet()) {
                runInfo(e.getKey(), e.getValue());
            }
            return this;
        }

        /** The closed trades (no null element). */
        public Builder trades(List<RoundTrip> trades) {
            this.trades = List.copyOf(trades);
            return this;
        }

        /** The equity curve (copied at {@link #build()}). */
        public Builder equityCurve(EquityCurve curve) {
            this.equityCurve = Objects.requireNonNull(curve, "equityCurve");
            return this;
        }

        /**
         * The price series (e.g. the mid price, sampled), copied.
         *
         * @param timesNs sample times, ns since the epoch, non-decreasing
         * @param pricesTicks prices in ticks, finite, one per time
         * @throws IllegalArgumentException if the lengths differ, a time decreases or a price is not finite
         */
        public Builder prices(long[] timesNs, double[] pricesTicks) {
            Objects.requireNonNull(timesNs, "timesNs");
            Objects.requireNonNull(pricesTicks, "pricesTicks");
            if (timesNs.length != pricesTicks.length) {
                throw new IllegalArgumentException(
                        "prices: " + timesNs.length + " times but " + pricesTicks.length + " prices");
            }
            for (int i = 0; i < timesNs.length; i++) {
                if (i > 0 && timesNs[i] < timesNs[i - 1]) {
                    throw new IllegalArgumentException("prices: time " + i + " is earlier than time " + (i - 1));
                }
                if (!Double.isFinite(pricesTicks[i])) {
                    throw new IllegalArgumentException("prices: price " + i + " is not finite: " + pricesTicks[i]);
                }
            }
            this.priceTimesNs = Arrays.copyOf(timesNs, timesNs.length);
            this.pricesTicks = Arrays.copyOf(pricesTicks, pricesTicks.length);
            return this;
        }

        /**
         * Price of one tick (e.g. {@code Instrument.tickSize()}); prices are displayed as ticks × tick size, with the
         * tick size's decimals.
         *
         * @throws IllegalArgumentException if not &gt; 0
         */
        public Builder tickSize(BigDecimal tickSize) {
            Objects.requireNonNull(tickSize, "tickSize");
            if (tickSize.signum() <= 0) {
                throw new IllegalArgumentException("tickSize must be > 0, got " + tickSize);
            }
            this.tickSize = tickSize;
            return this;
        }

        /** Gate reason → refusals; replaces the default, {@link PerformanceStats#refusals()}. */
        public Builder refusals(Map<String, Long> refusals) {
            this.refusals = Objects.requireNonNull(refusals, "refusals");
            return this;
        }

        /** Signal name → attributed PnL; replaces the default, {@link PerformanceStats#signalPnl()}. */
        public Builder signalPnl(Map<String, Double> signalPnl) {
            this.signalPnl = Objects.requireNonNull(signalPnl, "signalPnl");
            return this;
        }

        /** Extra figures; replace the default, {@link PerformanceStats#extras()}. */
        public Builder extras(Map<String, Number> extras) {
            this.extras = Objects.requireNonNull(extras, "extras");
            return this;
        }

        /**
         * Research over the same market, shown as the decision-quality section: how well the fused score and each
         * signal predicted the mid, against the round-trip costs ({@code null}: no such section).
         */
        public Builder research(io.scalper.core.research.ResearchResult research) {
            this.research = research;
            return this;
        }

        /**
         * The report data.
         *
         * @throws NullPointerException if a map holds a null key or value
         */
        public ReportData build() {
            return new ReportData(this);
        }
    }
}
