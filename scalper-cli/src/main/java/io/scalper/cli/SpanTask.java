package io.scalper.cli;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.io.Serial;

/**
 * The market time a market spans, ns: what a walk-forward cuts into windows.
 *
 * @param name the task, for people
 * @param market the market
 */
record SpanTask(String name, MarketSpec market) implements ScalperTask<Long> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Long run(DataFiles files) throws IOException {
        return span(market.input(files), market.seed());
    }

    /** Simulated time spanned by the input, ns. */
    static long span(BacktestInput input, long seed) throws IOException {
        if (input.generatedNs() > 0) {
            return input.generatedNs();
        }
        if (input.isEventFiles()) {
            final BacktestResult r = BacktestCommand.run(ScalperConfig.defaults(), input, seed, 0, null, null);
            return r.endTimeNs() - r.startTimeNs();
        }
        final long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        try (MarketSource s = input.open()) {
            final MarketEventSink sink = new MarketEventSink() {
                void at(long t) {
                    firstLast[0] = Math.min(firstLast[0], t);
                    firstLast[1] = Math.max(firstLast[1], t);
                }

                @Override
                public void onBook(BookUpdate u) {
                    at(u.exchangeTimeNs());
                }

                @Override
                public void onTrade(long t, long p, long z, Side a) {
                    at(t);
                }
            };
            while (s.next(sink)) {
                // scan
            }
        }
        return firstLast[1] > firstLast[0] ? firstLast[1] - firstLast[0] : 0;
    }
}
