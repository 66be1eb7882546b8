package io.scalper.core.backtest;

import io.scalper.core.metrics.EquityCurve;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import java.util.List;
import java.util.Map;

/**
 * What a backtest produced.
 *
 * @param instrument the instrument traded
 * @param source what the market came from
 * @param stats the statistics (with the extras {@code events}, {@code messages}, {@code eventsPerSecond},
 *     {@code wallSeconds})
 * @param trades round trips, in order
 * @param equity the equity curve (marked to market at each sample)
 * @param priceTimesNs times of the mid-price samples
 * @param prices mid prices at those times, in ticks (× the tick size for the price)
 * @param events market event records replayed (book levels, trades, ticker fields)
 * @param messages market messages replayed
 * @param startTimeNs time of the first market event
 * @param endTimeNs simulated time reached
 * @param wallNs wall-clock time the replay took
 * @param exchangeEquity the simulated exchange's account equity at the end
 * @param exchangePositionLots the exchange's position at the end
 * @param enginePositionLots the strategy's position at the end
 * @param invariantViolations steps at which the strategy held a position without protection
 * @param unknownOrders exchange events for orders the strategy did not know
 * @param symbols with several symbols on one account, each symbol's own result (this one then holds the account's
 *     totals: every symbol's trades, the account's equity curve; the instrument, prices and positions are the first
 *     symbol's); empty with one symbol
 */
public record BacktestResult(
        Instrument instrument,
        String source,
        PerformanceStats stats,
        List<RoundTrip> trades,
        EquityCurve equity,
        long[] priceTimesNs,
        double[] prices,
        long events,
        long messages,
        long startTimeNs,
        long endTimeNs,
        long wallNs,
        double exchangeEquity,
        long exchangePositionLots,
        long enginePositionLots,
        long invariantViolations,
        long unknownOrders,
        List<BacktestResult> symbols) {

    /** Events replayed per wall-clock second. */
    public double eventsPerSecond() {
        return wallNs <= 0 ? 0 : events * 1e9 / wallNs;
    }

    /** The summary as one JSON object (the {@code scalper backtest --json} output). */
    public String toJson() {
        return stats.toJson();
    }

    /** Refusals by reason. */
    public Map<String, Long> refusals() {
        return stats.refusals();
    }
}
