package io.scalper.cli;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.metrics.PerformanceStats;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: the base configuration with one combination of {@code --param} values, backtested on one market
 * from {@code fromNs} (trading starts) to {@code toNs} (0: the end), single-threaded.
 *
 * @param name the run, for people
 * @param configSource where the base configuration came from, for messages
 * @param configText the base configuration ({@link ConfigFile#text()})
 * @param params the combination, in {@code --param} order
 * @param market the market
 * @param fromNs market time from the start at which trading starts
 * @param toNs market time from the start at which the run stops; 0 for the whole market
 */
record BacktestTask(
        String name,
        String configSource,
        String configText,
        LinkedHashMap<String, String> params,
        MarketSpec market,
        long fromNs,
        long toNs)
        implements ScalperTask<BacktestTask.Stats> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Stats run(DataFiles files) throws IOException {
        ConfigFile f = ConfigFile.parse(configSource, configText);
        for (Map.Entry<String, String> e : params.entrySet()) {
            f = f.with(e.getKey(), e.getValue());
        }
        final BacktestRunner.Builder b = BacktestRunner.builder()
                .config(f.config())
                .seed(market.seed())
                .tradeFromNs(fromNs)
                .maxDurationNs(toNs);
        market.input(files).apply(b);
        final BacktestResult r = b.build().run();
        return Stats.of(r.stats(), r.events());
    }

    /** What a sweep keeps of a backtest: the columns of its table and CSV. */
    record Stats(
            long trades,
            long wins,
            long losses,
            double winRate,
            double netPnl,
            double realizedPnl,
            double fees,
            double funding,
            double sharpe,
            double maxDrawdown,
            double profitFactor,
            double fillRatio,
            long makerFills,
            long takerFills,
            long events)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        static Stats of(PerformanceStats s, long events) {
            return new Stats(
                    s.trades(),
                    s.wins(),
                    s.losses(),
                    s.winRate(),
                    s.netPnl(),
                    s.realizedPnl(),
                    s.fees(),
                    s.funding(),
                    s.sharpe(),
                    s.maxDrawdown(),
                    s.profitFactor(),
                    s.fillRatio(),
                    s.makerFills(),
                    s.takerFills(),
                    events);
        }
    }
}
