package io.scalper.benchmarks;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.core.model.Instrument;
import io.scalper.core.util.Decimals;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decimal text to fixed point, in place: one BTCUSDT price or size read from its range inside the real
 * {@code orderbook.200.BTCUSDT} snapshot frame, as the decoder does for every level. Each operation takes the next of
 * {@value #VALUES} real values (8 bids and 8 asks, with their sizes), so the JIT cannot fold a constant.
 * {@link #jdkBigDecimal} is the reference point: what {@code new BigDecimal(String)} costs once a JSON library has
 * already cut the text out into a {@code String}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class DecimalParseBenchmark {
    static final int VALUES = 16;
    private static final int MASK = VALUES - 1;

    private final Instrument instrument = BybitInstruments.BTCUSDT;
    private final int[] priceFrom = new int[VALUES];
    private final int[] priceTo = new int[VALUES];
    private final int[] sizeFrom = new int[VALUES];
    private final int[] sizeTo = new int[VALUES];
    private final String[] priceTexts = new String[VALUES];
    private String text;
    private int priceScale;
    private int next = MASK;

    @Setup
    public void setUp() {
        text = RecordedBookFrames.load()[0];
        priceScale = instrument.priceScale();
        final int asks = text.indexOf("\"a\":[");
        if (asks < 0) {
            throw new IllegalStateException("snapshot frame has no \"a\" array");
        }
        int bidPos = text.indexOf("\"b\":[");
        int askPos = asks;
        for (int k = 0; k < VALUES; k++) {
            // alternate bid and ask levels, best first: [["price","size"],...]
            final int at = text.indexOf("[\"", (k & 1) == 0 ? bidPos : askPos) + 2;
            priceFrom[k] = at;
            priceTo[k] = text.indexOf('"', at);
            sizeFrom[k] = text.indexOf('"', priceTo[k] + 1) + 1;
            sizeTo[k] = text.indexOf('"', sizeFrom[k]);
            priceTexts[k] = text.substring(priceFrom[k], priceTo[k]);
            if ((k & 1) == 0) {
                bidPos = sizeTo[k];
            } else {
                askPos = sizeTo[k];
            }
            if (instrument.priceToTicks(text, priceFrom[k], priceTo[k]) == Decimals.INVALID
                    || instrument.qtyToLots(text, sizeFrom[k], sizeTo[k]) == Decimals.INVALID) {
                throw new IllegalStateException("not a BTCUSDT level: " + text.substring(priceFrom[k], sizeTo[k]));
            }
        }
    }

    /** Price text to ticks on the 0.10 grid (parse at scale 2, then an exact division by the tick). */
    @Benchmark
    public void priceToTicks(Blackhole bh) {
        final int k = next = (next + 1) & MASK;
        bh.consume(instrument.priceToTicks(text, priceFrom[k], priceTo[k]));
    }

    /** Size text to lots on the 0.001 step. */
    @Benchmark
    public void qtyToLots(Blackhole bh) {
        final int k = next = (next + 1) & MASK;
        bh.consume(instrument.qtyToLots(text, sizeFrom[k], sizeTo[k]));
    }

    /** The raw parse of the price text to an unscaled {@code long} at scale 2, without the tick check. */
    @Benchmark
    public void decimalsParse(Blackhole bh) {
        final int k = next = (next + 1) & MASK;
        bh.consume(Decimals.parse(text, priceFrom[k], priceTo[k], priceScale));
    }

    /** Reference: {@code new BigDecimal(String)} over the same prices, already cut out as strings. */
    @Benchmark
    public void jdkBigDecimal(Blackhole bh) {
        final int k = next = (next + 1) & MASK;
        bh.consume(new BigDecimal(priceTexts[k]));
    }
}
