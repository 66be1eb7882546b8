package io.scalper.core.tape;

import io.scalper.core.model.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Brute-force model of {@link TradeTape} for tests: keeps every trade and recomputes everything on demand. */
final class ReferenceTape {
    record Trade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {}

    record WindowState(
            long buyVolumeLots,
            long sellVolumeLots,
            int buyCount,
            int sellCount,
            BigInteger notional,
            long highTicks,
            long lowTicks) {

        double vwapTicks() {
            final long volume = buyVolumeLots + sellVolumeLots;
            if (volume == 0) {
                return Double.NaN;
            }
            return new BigDecimal(notional)
                    .divide(BigDecimal.valueOf(volume), MathContext.DECIMAL128)
                    .doubleValue();
        }
    }

    private final TapeConfig config;
    private final List<Trade> trades = new ArrayList<>();
    private final long[] overflows;
    private long nowNs = TradeTape.NONE;
    private long outOfOrder;
    private long rejected;

    ReferenceTape(TapeConfig config) {
        this.config = config;
        this.overflows = new long[config.windowCount()];
    }

    void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
        if (sizeLots <= 0 || priceTicks <= 0 || aggressor == null) {
            rejected++;
            return;
        }
        long time = timeNs;
        if (!trades.isEmpty() && time < last().timeNs()) {
            time = last().timeNs();
            outOfOrder++;
        }
        final long now = Math.max(nowNs, time);
        if (trades.size() >= config.capacity()) {
            final Trade overwritten = trades.get(trades.size() - config.capacity());
            for (int w = 0; w < overflows.length; w++) {
                if (now - overwritten.timeNs() < config.windowNs(w)) {
                    overflows[w]++;
                }
            }
        }
        trades.add(new Trade(time, priceTicks, sizeLots, aggressor));
        nowNs = now;
    }

    void advanceTo(long timeNs) {
        nowNs = Math.max(nowNs, timeNs);
    }

    Trade last() {
        return trades.get(trades.size() - 1);
    }

    List<Trade> trades() {
        return trades;
    }

    long nowNs() {
        return nowNs;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long rejected() {
        return rejected;
    }

    long overflows(int window) {
        return overflows[window];
    }

    int size() {
        return Math.min(trades.size(), config.capacity());
    }

    Trade at(int back) {
        return trades.get(trades.size() - 1 - back);
    }

    WindowState window(int index) {
        final long lengthNs = config.windowNs(index);
        long buy = 0;
        long sell = 0;
        int buys = 0;
        int sells = 0;
        BigInteger notional = BigInteger.ZERO;
        long high = TradeTape.NONE;
        long low = TradeTape.NONE;
        for (int back = 0; back < size(); back++) {
            final Trade t = at(back);
            if (nowNs - t.timeNs() >= lengthNs) {
                break; // times are non-decreasing, so every older trade is out too
            }
            if (t.aggressor() == Side.BUY) {
                buy += t.sizeLots();
                buys++;
            } else {
                sell += t.sizeLots();
                sells++;
            }
            notional = notional.add(BigInteger.valueOf(t.priceTicks()).multiply(BigInteger.valueOf(t.sizeLots())));
            high = high == TradeTape.NONE ? t.priceTicks() : Math.max(high, t.priceTicks());
            low = low == TradeTape.NONE ? t.priceTicks() : Math.min(low, t.priceTicks());
        }
        return new WindowState(buy, sell, buys, sells, notional, high, low);
    }

    /** Exact nearest-rank quantile of the last {@code sizeSampleCount} sizes, or NONE. */
    long exactSizeQuantile(double q) {
        final int n = Math.min(trades.size(), config.sizeSampleCount());
        if (n == 0) {
            return TradeTape.NONE;
        }
        final long[] sample = new long[n];
        for (int i = 0; i < n; i++) {
            sample[i] = at(i).sizeLots();
        }
        Arrays.sort(sample);
        return sample[(int) SizeHistogram.rank(q, n) - 1];
    }
}
