package io.scalper.core.metrics;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's performance, immutable. Money is in quote currency; a trade's net PnL is gross − fees + funding
 * ({@link RoundTrip#netPnl()}). Made by {@link PerformanceTracker#stats(long)} or {@link #of}.
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li><b>wins / losses</b>: trades with net PnL &gt; 0 / &lt; 0; trades at exactly 0 are {@link #breakevens()};
 *       {@code winRate = wins / trades}.
 *   <li><b>netPnl, grossPnl, fees, funding</b>: sums over the trades. <b>realizedPnl</b> is the PnL locked in by
 *       closed trades before fees and funding (equal to {@code grossPnl}, as an exchange reports it), so that
 *       {@code startEquity + realizedPnl − fees + funding} is the realised equity; <b>endEquity</b> is the last equity-curve sample, which includes
 *       unrealised PnL when an {@linkplain PerformanceTracker#onEquitySample equity sample} came after the last trade.
 *   <li><b>avgR</b>: mean {@link RoundTrip#rMultiple()} over the trades whose risk amount is known (&gt; 0); trades
 *       with an unknown risk (NaN R) are left out.
 *   <li><b>profitFactor</b>: sum of the winning trades' net PnL / |sum of the losing trades' net PnL|; {@code +∞} with
 *       wins and no loss, 0 with losses and no win, {@code NaN} with neither (no trades, or only break-evens).
 *   <li><b>sharpe</b>: per-trade Sharpe ratio annualised by trade frequency: {@code mean / sd × sqrt(N × Y / period)}
 *       where the mean and sample standard deviation (n − 1) are of the N trades' net PnL, {@code Y} is 365 days
 *       ({@link #YEAR_NS}, crypto trades every day) and {@code period} is {@link #periodNs()}. 0 when N &lt; 2, when
 *       sd is 0, or when the period is not positive. No risk-free rate.
 *   <li><b>maxDrawdown, maxDrawdownFraction</b>: of the {@link EquityCurve} that starts at the start equity and has
 *       the realised equity after each trade plus any intermediate equity samples.
 *   <li><b>fillRatio</b>: entry orders filled (at least partly) / entry orders placed; {@code NaN} when none placed.
 *   <li><b>avgSlippageTicks</b>: mean entry slippage (positive = worse) over the trades where it is known.
 *   <li><b>signalPnl</b>: each trade's net PnL split across its signals in proportion to their signed contributions
 *       at entry, {@code net × c_i / Σ c}; a trade whose contributions sum to 0 (or are not finite) is not split.
 *       So a signal that pushed against the fused score gets a share of opposite sign, and the values sum to
 *       {@link #attributedPnl()}, the net PnL of the split trades. Keys in order of first appearance; every signal
 *       seen in any trade appears.
 *   <li><b>refusals</b>: reason code → count, sorted by reason.
 * </ul>
 *
 * <p>Ratios that are undefined are {@code NaN} (written {@code null} in JSON), except Sharpe (0).
 */
public final class PerformanceStats {
    /** One year for annualisation: 365 days, ns. */
    public static final long YEAR_NS = 365L * 86_400_000_000_000L;

    /** The fixed keys of {@link #toJson()}, in order; extras and then {@code refusals}, {@code signalPnl} follow. */
    public static final List<String> JSON_KEYS = List.of(
            "trades",
            "wins",
            "losses",
            "breakevens",
            "winRate",
            "startEquity",
            "endEquity",
            "realizedPnl",
            "netPnl",
            "grossPnl",
            "fees",
            "funding",
            "avgR",
            "profitFactor",
            "sharpe",
            "maxDrawdown",
            "maxDrawdownFraction",
            "periodNs",
            "entriesPlaced",
            "entriesFilled",
            "fillRatio",
            "makerFills",
            "takerFills",
            "orders",
            "cancels",
            "rejects",
            "avgSlippageTicks",
            "attributedPnl");

    private static final Set<String> RESERVED_KEYS = reservedKeys();

    private final long trades;
    private final long wins;
    private final long losses;
    private final double startEquity;
    private final double endEquity;
    private final double netPnl;
    private final double grossPnl;
    private final double fees;
    private final double funding;
    private final double avgR;
    private final double profitFactor;
    private final double sharpe;
    private final double maxDrawdown;
    private final double maxDrawdownFraction;
    private final long periodNs;
    private final long entriesPlaced;
    private final long entriesFilled;
    private final long makerFills;
    private final long takerFills;
    private final long orders;
    private final long cancels;
    private final long rejects;
    private final double avgSlippageTicks;
    private final double attributedPnl;
    private final Map<String, Long> refusals;
    private final Map<String, Double> signalPnl;
    private final Map<String, Number> extras;
    private final Map<String, PerformanceStats> symbols;

    PerformanceStats(PerformanceTracker t, long periodNs) {
        this.trades = t.trades;
        this.wins = t.wins;
        this.losses = t.losses;
        this.startEquity = t.startEquity;
        this.endEquity = t.curve.lastEquity();
        this.netPnl = t.netPnl;
        this.grossPnl = t.grossPnl;
        this.fees = t.fees;
        this.funding = t.funding;
        this.avgR = t.rTrades == 0 ? Double.NaN : t.rSum / t.rTrades;
        this.profitFactor = profitFactor(t.winningPnl, t.losingPnl, t.wins, t.losses);
        this.sharpe = sharpe(t.netPnlMean(), t.netPnlVariance(), t.trades, periodNs);
        this.maxDrawdown = t.curve.maxDrawdown();
        this.maxDrawdownFraction = t.curve.maxDrawdownFraction();
        this.periodNs = periodNs;
        this.entriesPlaced = t.counts.entriesPlaced();
        this.entriesFilled = t.counts.entriesFilled();
        this.makerFills = t.counts.makerFills();
        this.takerFills = t.counts.takerFills();
        this.orders = t.counts.orders();
        this.cancels = t.counts.cancels();
        this.rejects = t.counts.rejects();
        this.avgSlippageTicks = t.slippageTrades == 0 ? Double.NaN : t.slippageSumTicks / t.slippageTrades;
        this.attributedPnl = t.attributedPnl;
        this.refusals = Collections.unmodifiableMap(new TreeMap<>(t.refusals));
        this.signalPnl = Collections.unmodifiableMap(new LinkedHashMap<>(t.signalPnl));
        this.extras = Collections.unmodifiableMap(new TreeMap<>(t.extras));
        this.symbols = Map.of();
    }

    private PerformanceStats(PerformanceStats s, Map<String, Number> extras) {
        this(s, extras, s.symbols);
    }

    private PerformanceStats(PerformanceStats s, Map<String, Number> extras, Map<String, PerformanceStats> symbols) {
        this.trades = s.trades;
        this.wins = s.wins;
        this.losses = s.losses;
        this.startEquity = s.startEquity;
        this.endEquity = s.endEquity;
        this.netPnl = s.netPnl;
        this.grossPnl = s.grossPnl;
        this.fees = s.fees;
        this.funding = s.funding;
        this.avgR = s.avgR;
        this.profitFactor = s.profitFactor;
        this.sharpe = s.sharpe;
        this.maxDrawdown = s.maxDrawdown;
        this.maxDrawdownFraction = s.maxDrawdownFraction;
        this.periodNs = s.periodNs;
        this.entriesPlaced = s.entriesPlaced;
        this.entriesFilled = s.entriesFilled;
        this.makerFills = s.makerFills;
        this.takerFills = s.takerFills;
        this.orders = s.orders;
        this.cancels = s.cancels;
        this.rejects = s.rejects;
        this.avgSlippageTicks = s.avgSlippageTicks;
        this.attributedPnl = s.attributedPnl;
        this.refusals = s.refusals;
        this.signalPnl = s.signalPnl;
        this.extras = Collections.unmodifiableMap(extras);
        this.symbols = symbols;
    }

    /**
     * A copy with the statistics of each symbol, for an account trading several (these statistics are then the
     * account's totals); {@link #toJson()} writes them as {@code "symbols": {"BTCUSDT": {…the same keys…}, …}}.
     */
    public PerformanceStats withSymbols(Map<String, PerformanceStats> bySymbol) {
        final LinkedHashMap<String, PerformanceStats> copy = new LinkedHashMap<>();
        bySymbol.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "symbol"), Objects.requireNonNull(v, k)));
        return new PerformanceStats(this, extras, Collections.unmodifiableMap(copy));
    }

    /** Statistics of each symbol when these are an account's totals over several; empty otherwise. */
    public Map<String, PerformanceStats> symbols() {
        return symbols;
    }

    /**
     * Statistics of a finished list of trades, with no refusals; see {@link #of(List, double, ExecutionCounts, Map,
     * long)}.
     */
    public static PerformanceStats of(
            List<RoundTrip> trades, double startEquity, ExecutionCounts counts, long periodNs) {
        return of(trades, startEquity, counts, Map.of(), periodNs);
    }

    /**
     * Statistics of a finished list of trades, in the order given (the equity curve follows it; it starts at the
     * first trade's entry time).
     *
     * @param trades closed trades
     * @param startEquity equity before the first trade, finite
     * @param counts order activity over the period (copied)
     * @param refusals reason code → count (copied)
     * @param periodNs length of the period the trades come from, ns (annualises the Sharpe ratio)
     */
    public static PerformanceStats of(
            List<RoundTrip> trades,
            double startEquity,
            ExecutionCounts counts,
            Map<String, Long> refusals,
            long periodNs) {
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(refusals, "refusals");
        final PerformanceTracker t = new PerformanceTracker(
                startEquity, trades.isEmpty() ? 0L : trades.get(0).entryTimeNs());
        for (final RoundTrip trade : trades) {
            t.onTrade(trade);
        }
        t.counts.assign(counts);
        for (final Map.Entry<String, Long> e : refusals.entrySet()) {
            t.onRefusals(e.getKey(), Objects.requireNonNull(e.getValue(), "refusal count"));
        }
        return t.statsOverPeriod(periodNs);
    }

    static double profitFactor(double winningPnl, double losingPnl, long wins, long losses) {
        if (losses == 0) {
            return wins == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return winningPnl / -losingPnl;
    }

    static double sharpe(double mean, double variance, long trades, long periodNs) {
        if (trades < 2 || periodNs <= 0 || !(variance > 0)) {
            return 0.0;
        }
        final double tradesPerYear = trades * ((double) YEAR_NS / periodNs);
        return mean / Math.sqrt(variance) * Math.sqrt(tradesPerYear);
    }

    static void checkExtra(String key, Number value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of " + key);
        if (RESERVED_KEYS.contains(key)) {
            throw new IllegalArgumentException("extra key '" + key + "' clashes with a standard key");
        }
    }

    private static Set<String> reservedKeys() {
        final HashSet<String> keys = new HashSet<>(JSON_KEYS);
        keys.add("refusals");
        keys.add("signalPnl");
        keys.add("symbols");
        return Set.copyOf(keys);
    }

    /**
     * A copy with these extra numeric figures (e.g. {@code events}, {@code eventsPerSecond}) added to or replacing the
     * current extras. They are written to JSON after the fixed keys, sorted by key.
     *
     * @throws IllegalArgumentException if a key is one of the standard keys
     */
    public PerformanceStats withExtras(Map<String, Number> more) {
        final TreeMap<String, Number> merged = new TreeMap<>(extras);
        for (final Map.Entry<String, Number> e : more.entrySet()) {
            checkExtra(e.getKey(), e.getValue());
            merged.put(e.getKey(), e.getValue());
        }
        return new PerformanceStats(this, merged);
    }

    public long trades() {
        return trades;
    }

    public long wins() {
        return wins;
    }

    public long losses() {
        return losses;
    }

    /** Trades with net PnL exactly 0. */
    public long breakevens() {
        return trades - wins - losses;
    }

    /** {@code wins / trades}; {@code NaN} with no trades. */
    public double winRate() {
        return trades == 0 ? Double.NaN : (double) wins / trades;
    }

    public double startEquity() {
        return startEquity;
    }

    /** The last equity-curve sample. */
    public double endEquity() {
        return endEquity;
    }

    /** PnL realised by closed trades before fees and funding (same as {@link #grossPnl()}). */
    public double realizedPnl() {
        return grossPnl;
    }

    /** Sum of the trades' net PnL: gross − fees + funding. */
    public double netPnl() {
        return netPnl;
    }

    public double grossPnl() {
        return grossPnl;
    }

    /** Fees paid (negative: rebates). */
    public double fees() {
        return fees;
    }

    /** Funding received (negative: paid). */
    public double funding() {
        return funding;
    }

    /** Mean R multiple of the trades with a known risk; {@code NaN} when there is none. */
    public double avgR() {
        return avgR;
    }

    public double profitFactor() {
        return profitFactor;
    }

    public double sharpe() {
        return sharpe;
    }

    public double maxDrawdown() {
        return maxDrawdown;
    }

    public double maxDrawdownFraction() {
        return maxDrawdownFraction;
    }

    /** The period the statistics cover, ns. */
    public long periodNs() {
        return periodNs;
    }

    public long entriesPlaced() {
        return entriesPlaced;
    }

    public long entriesFilled() {
        return entriesFilled;
    }

    /** {@code entriesFilled / entriesPlaced}; {@code NaN} when no entry was placed. */
    public double fillRatio() {
        return entriesPlaced == 0 ? Double.NaN : (double) entriesFilled / entriesPlaced;
    }

    public long makerFills() {
        return makerFills;
    }

    public long takerFills() {
        return takerFills;
    }

    public long orders() {
        return orders;
    }

    public long cancels() {
        return cancels;
    }

    public long rejects() {
        return rejects;
    }

    /** Mean entry slippage, ticks (positive = worse); {@code NaN} when unknown. */
    public double avgSlippageTicks() {
        return avgSlippageTicks;
    }

    /** Net PnL of the trades whose PnL was split across signals: the sum of {@link #signalPnl()}. */
    public double attributedPnl() {
        return attributedPnl;
    }

    /** Reason code → count, sorted by reason. */
    public Map<String, Long> refusals() {
        return refusals;
    }

    /** Signal name → attributed PnL, in order of first appearance. */
    public Map<String, Double> signalPnl() {
        return signalPnl;
    }

    /** Extra figures, sorted by key. */
    public Map<String, Number> extras() {
        return extras;
    }

    /**
     * The statistics as one line of JSON (no line break): the keys of {@link #JSON_KEYS} in that order, then the
     * extras sorted by key, then {@code refusals} and {@code signalPnl} as objects, and, for an account trading several
     * symbols, {@code symbols}: each symbol's statistics with the same keys. Numbers as {@link JsonWriter} writes them
     * (non-finite → {@code null}). The same statistics always give the same text.
     */
    public String toJson() {
        final JsonWriter w = new JsonWriter(new StringBuilder(1024));
        write(w);
        return w.toString();
    }

    private void write(JsonWriter w) {
        w.beginObject();
        w.name("trades").value(trades);
        w.name("wins").value(wins);
        w.name("losses").value(losses);
        w.name("breakevens").value(breakevens());
        w.name("winRate").value(winRate());
        w.name("startEquity").value(startEquity);
        w.name("endEquity").value(endEquity);
        w.name("realizedPnl").value(realizedPnl());
        w.name("netPnl").value(netPnl);
        w.name("grossPnl").value(grossPnl);
        w.name("fees").value(fees);
        w.name("funding").value(funding);
        w.name("avgR").value(avgR);
        w.name("profitFactor").value(profitFactor);
        w.name("sharpe").value(sharpe);
        w.name("maxDrawdown").value(maxDrawdown);
        w.name("maxDrawdownFraction").value(maxDrawdownFraction);
        w.name("periodNs").value(periodNs);
        w.name("entriesPlaced").value(entriesPlaced);
        w.name("entriesFilled").value(entriesFilled);
        w.name("fillRatio").value(fillRatio());
        w.name("makerFills").value(makerFills);
        w.name("takerFills").value(takerFills);
        w.name("orders").value(orders);
        w.name("cancels").value(cancels);
        w.name("rejects").value(rejects);
        w.name("avgSlippageTicks").value(avgSlippageTicks);
        w.name("attributedPnl").value(attributedPnl);
        for (final Map.Entry<String, Number> e : extras.entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.name("refusals").beginObject();
        for (final Map.Entry<String, Long> e : refusals.entrySet()) {
            w.name(e.getKey()).value(e.getValue().longValue());
        }
        w.endObject();
        w.name("signalPnl").beginObject();
        for (final Map.Entry<String, Double> e : signalPnl.entrySet()) {
            w.name(e.getKey()).value(e.getValue().doubleValue());
        }
        w.endObject();
        if (!symbols.isEmpty()) {
            w.name("symbols").beginObject();
            for (final Map.Entry<String, PerformanceStats> e : symbols.entrySet()) {
                w.name(e.getKey());
                e.getValue().write(w);
            }
            w.endObject();
        }
        w.endObject();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
