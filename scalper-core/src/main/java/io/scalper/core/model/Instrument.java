package io.scalper.core.model;

import io.scalper.core.util.Decimals;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Trading rules of one contract: tick size, quantity step, minimum quantity and minimum notional, as exact
 * decimals (for example from Bybit's {@code instruments-info}: BTCUSDT linear is tick 0.10, step 0.001, minimum
 * 0.001, minimum notional 5).
 *
 * <p>Core code works in {@code long} <em>ticks</em> (price / tick size) and <em>lots</em> (quantity / step).
 * This class converts exchange decimal text to ticks and lots without allocation, refusing values that are not
 * exact multiples of the tick or step (the caller sees {@link Decimals#INVALID}, nothing is rounded), and formats
 * ticks and lots back to the exchange's decimal text for outgoing orders. Immutable and thread-safe.
 */
public final class Instrument {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9_\\-]{0,63}");

    private final String symbol;
    private final BigDecimal tickSize;
    private final BigDecimal qtyStep;
    private final BigDecimal minQty;
    private final BigDecimal minNotional;
    private final int priceScale;
    private final int qtyScale;
    private final long tickUnscaled;
    private final long stepUnscaled;
    private final long minQtyLots;
    private final int priceTextScale;
    private final long priceDivisor;
    private final int qtyTextScale;
    private final long qtyDivisor;
    private final double tickDouble;
    private final double stepDouble;
    private final double minNotionalDouble;

    /**
     * @param symbol exchange symbol, upper case, e.g. {@code BTCUSDT}
     * @param tickSize price increment, &gt; 0, at most 18 decimals
     * @param qtyStep quantity increment, &gt; 0, at most 18 decimals
     * @param minQty minimum order quantity, &ge; 0 and a multiple of {@code qtyStep}
     * @param minNotional minimum order value in quote currency, &ge; 0
     * @throws IllegalArgumentException naming the offending field
     */
    public Instrument(
            String symbol, BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minQty, BigDecimal minNotional) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol: must be upper-case letters and digits, got '" + symbol + "'");
        }
        this.tickSize = positive("tickSize", tickSize);
        this.qtyStep = positive("qtyStep", qtyStep);
        this.minQty = nonNegative("minQty", minQty);
        this.minNotional = nonNegative("minNotional", minNotional);
        this.priceScale = Math.max(0, tickSize.scale());
        this.qtyScale = Math.max(0, qtyStep.scale());
        this.tickUnscaled = unscaled("tickSize", tickSize, priceScale);
        this.stepUnscaled = unscaled("qtyStep", qtyStep, qtyScale);
        final BigDecimal[] lots = minQty.divideAndRemainder(qtyStep);
        if (lots[1].signum() != 0) {
            throw new IllegalArgumentException(
                    "minQty: " + minQty.toPlainString() + " is not a multiple of qtyStep " + qtyStep.toPlainString());
        }
        this.minQtyLots = lots[0].longValueExact();
        // When the tick (step) is a power of ten, text is parsed straight at the tick's own scale: no division, and
        // an off-grid value shows up as a non-zero extra decimal, which the parser already refuses.
        final int pricePow = powerOfTen(tickUnscaled);
        final boolean priceFast = pricePow >= 0 && pricePow <= priceScale;
        this.priceTextScale = priceFast ? priceScale - pricePow : priceScale;
        this.priceDivisor = priceFast ? 1 : tickUnscaled;
        final int qtyPow = powerOfTen(stepUnscaled);
        final boolean qtyFast = qtyPow >= 0 && qtyPow <= qtyScale;
        this.qtyTextScale = qtyFast ? qtyScale - qtyPow : qtyScale;
        this.qtyDivisor = qtyFast ? 1 : stepUnscaled;
        this.tickDouble = tickSize.doubleValue();
        this.stepDouble = qtyStep.doubleValue();
        this.minNotionalDouble = minNotional.doubleValue();
    }

    /** Convenience factory from decimal strings, e.g. {@code of("BTCUSDT", "0.10", "0.001", "0.001", "5")}. */
    public static Instrument of(String symbol, String tickSize, String qtyStep, String minQty, String minNotional) {
        return new Instrument(
                symbol,
                decimal("tickSize", tickSize),
                decimal("qtyStep", qtyStep),
                decimal("minQty", minQty),
                decimal("minNotional", minNotional));
    }

    /** k if {@code v == 10^k}, else -1. */
    private static int powerOfTen(long v) {
        int k = 0;
        while (v > 1 && v % 10 == 0) {
            v /= 10;
            k++;
        }
        return v == 1 ? k : -1;
    }

    private static BigDecimal decimal(String key, String text) {
        try {
            return new BigDecimal(Objects.requireNonNull(text, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a decimal: '" + text + "'", e);
        }
    }

    private static BigDecimal positive(String key, BigDecimal v) {
        Objects.requireNonNull(v, key);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + v.toPlainString());
        }
        if (v.scale() > Decimals.MAX_SCALE) {
            throw new IllegalArgumentException(
                    key + ": at most " + Decimals.MAX_SCALE + " decimals, got " + v.toPlainString());
        }
        return v;
    }

    private static BigDecimal nonNegative(String key, BigDecimal v) {
        Objects.requireNonNull(v, key);
        if (v.signum() < 0) {
            throw new IllegalArgumentException(key + ": must be >= 0, got " + v.toPlainString());
        }
        return v;
    }

    private static long unscaled(String key, BigDecimal v, int scale) {
        try {
            return v.setScale(scale).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(key + ": too large: " + v.toPlainString(), e);
        }
    }

    public String symbol() {
        return symbol;
    }

    public BigDecimal tickSize() {
        return tickSize;
    }

    public BigDecimal qtyStep() {
        return qtyStep;
    }

    public BigDecimal minQty() {
        return minQty;
    }

    public BigDecimal minNotional() {
        return minNotional;
    }

    /** Decimals used for prices: the tick size's scale (2 for a tick of {@code 0.10}). */
    public int priceScale() {
        return priceScale;
    }

    /** Decimals used for quantities: the step's scale (3 for a step of {@code 0.001}). */
    public int qtyScale() {
        return qtyScale;
    }

    /** Minimum order quantity in lots. */
    public long minQtyLots() {
        return minQtyLots;
    }

    /**
     * Price text {@code text[from, to)} in ticks, or {@link Decimals#INVALID} if the text is not a decimal or is not
     * an exact multiple of the tick size. Allocates nothing.
     */
    public long priceToTicks(CharSequence text, int from, int to) {
        return toUnits(Decimals.parse(text, from, to, priceTextScale), priceDivisor);
    }

    /** As {@link #priceToTicks(CharSequence, int, int)} over ASCII bytes. */
    public long priceToTicks(byte[] text, int from, int to) {
        return toUnits(Decimals.parse(text, from, to, priceTextScale), priceDivisor);
    }

    /** Whole-string form of {@link #priceToTicks(CharSequence, int, int)}. */
    public long priceToTicks(CharSequence text) {
        return priceToTicks(text, 0, text.length());
    }

    /**
     * Quantity text {@code text[from, to)} in lots, or {@link Decimals#INVALID} if the text is not a decimal or is
     * not an exact multiple of the quantity step. Allocates nothing.
     */
    public long qtyToLots(CharSequence text, int from, int to) {
        return toUnits(Decimals.parse(text, from, to, qtyTextScale), qtyDivisor);
    }

    /** As {@link #qtyToLots(CharSequence, int, int)} over ASCII bytes. */
    public long qtyToLots(byte[] text, int from, int to) {
        return toUnits(Decimals.parse(text, from, to, qtyTextScale), qtyDivisor);
    }

    /**
     * The scale at which price text is parsed: decimal text parsed with {@link Decimals} at this scale, then passed
     * to {@link #ticksFromUnscaled(long)}, gives the same result as {@link #priceToTicks(CharSequence, int, int)} (for
     * parsers that read numbers themselves).
     */
    public int priceTextScale() {
        return priceTextScale;
    }

    /** Ticks from a value parsed at {@link #priceTextScale()}; {@link Decimals#INVALID} when off the tick grid. */
    public long ticksFromUnscaled(long unscaled) {
        return toUnits(unscaled, priceDivisor);
    }

    /** The scale at which quantity text is parsed; see {@link #priceTextScale()}. */
    public int qtyTextScale() {
        return qtyTextScale;
    }

    /** Lots from a value parsed at {@link #qtyTextScale()}; {@link Decimals#INVALID} when off the step grid. */
    public long lotsFromUnscaled(long unscaled) {
        return toUnits(unscaled, qtyDivisor);
    }

    /** Whole-string form of {@link #qtyToLots(CharSequence, int, int)}. */
    public long qtyToLots(CharSequence text) {
        return qtyToLots(text, 0, text.length());
    }

    /**
     * Parses a price and fails with a message when it is not exact; for configuration and tests, not the hot path.
     *
     * @throws IllegalArgumentException if the text is not a decimal on this instrument's tick
     */
    public long parsePrice(String text) {
        final long ticks = priceToTicks(text);
        if (ticks == Decimals.INVALID) {
            throw new IllegalArgumentException(
                    symbol + ": price '" + text + "' is not a multiple of tick " + tickSize.toPlainString());
        }
        return ticks;
    }

    /**
     * Parses a quantity and fails with a message when it is not exact; for configuration and tests.
     *
     * @throws IllegalArgumentException if the text is not a decimal on this instrument's step
     */
    public long parseQty(String text) {
        final long lots = qtyToLots(text);
        if (lots == Decimals.INVALID) {
            throw new IllegalArgumentException(
                    symbol + ": quantity '" + text + "' is not a multiple of step " + qtyStep.toPlainString());
        }
        return lots;
    }

    private static long toUnits(long unscaled, long unit) {
        if (unit == 1 || unscaled == Decimals.INVALID) {
            return unscaled;
        }
        final long units = unscaled / unit;
        return units * unit == unscaled ? units : Decimals.INVALID;
    }

    /** Ticks as the exchange's decimal text, e.g. 651142 → {@code "65114.20"}. */
    public String formatPrice(long ticks) {
        return Decimals.format(Math.multiplyExact(ticks, tickUnscaled), priceScale);
    }

    /** Lots as the exchange's decimal text, e.g. 4 → {@code "0.004"}. */
    public String formatQty(long lots) {
        return Decimals.format(Math.multiplyExact(lots, stepUnscaled), qtyScale);
    }

    /** Appends {@link #formatPrice(long)} without allocating when {@code out} has room. */
    public StringBuilder appendPrice(StringBuilder out, long ticks) {
        return Decimals.append(out, ticks * tickUnscaled, priceScale);
    }

    /** Appends {@link #formatQty(long)} without allocating when {@code out} has room. */
    public StringBuilder appendQty(StringBuilder out, long lots) {
        return Decimals.append(out, lots * stepUnscaled, qtyScale);
    }

    /** Ticks as a {@code double} price (for features, never for orders). */
    public double priceOf(long ticks) {
        return ticks * tickDouble;
    }

    /** Lots as a {@code double} quantity (for features, never for orders). */
    public double qtyOf(long lots) {
        return lots * stepDouble;
    }

    /** Tick size as a {@code double}. */
    public double tickSizeDouble() {
        return tickDouble;
    }

    /** Quantity step as a {@code double}. */
    public double qtyStepDouble() {
        return stepDouble;
    }

    /** Order value {@code price × quantity} in quote currency, as a {@code double}. */
    public double notional(long priceTicks, long lots) {
        return priceOf(priceTicks) * qtyOf(lots);
    }

    /**
     * Whether an order of {@code lots} at {@code priceTicks} meets the minimum quantity and minimum notional. The
     * notional is compared exactly when the product fits a {@code long}.
     */
    public boolean meetsMinimums(long priceTicks, long lots) {
        if (lots < minQtyLots || lots <= 0 || priceTicks <= 0) {
            return false;
        }
        final long a = priceTicks * tickUnscaled;
        final long b = lots * stepUnscaled;
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        if (hi == 0 && lo >= 0 && priceScale + qtyScale <= Decimals.MAX_SCALE) {
            return BigDecimal.valueOf(lo, priceScale + qtyScale).compareTo(minNotional) >= 0;
        }
        return priceOf(priceTicks) * qtyOf(lots) >= minNotionalDouble;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Instrument)) {
            return false;
        }
        final Instrument other = (Instrument) o;
        return symbol.equals(other.symbol)
                && tickSize.compareTo(other.tickSize) == 0
                && qtyStep.compareTo(other.qtyStep) == 0
                && minQty.compareTo(other.minQty) == 0
                && minNotional.compareTo(other.minNotional) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, tickSize.stripTrailingZeros(), qtyStep.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return "Instrument[" + symbol + " tick=" + tickSize.toPlainString() + " step=" + qtyStep.toPlainString()
                + " minQty=" + minQty.toPlainString() + " minNotional=" + minNotional.toPlainString() + "]";
    }
}
