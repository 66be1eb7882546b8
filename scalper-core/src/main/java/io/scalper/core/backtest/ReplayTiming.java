package io.scalper.core.backtest;

/**
 * How a {@link BacktestRunner} places each market message on its clock when it replays a recorded live session rather
 * than a market: on the session's own clock (the local receive times), so that the strategy sees every message when
 * the live engine did, whatever the exchange times say (a market replayed faster than real time stamps them ahead of
 * the wall clock). See {@link BacktestRunner.Builder#timing}.
 */
public interface ReplayTiming {
    /** The run's clock when the simulated exchange takes a message with these exchange and local receive times. */
    long exchangeNs(long exchangeTimeNs, long localTimeNs);

    /** When the strategy takes it; never before {@link #exchangeNs} of the same message. */
    long strategyNs(long exchangeTimeNs, long localTimeNs);

    /**
     * The feed age the engine is told when the strategy takes the message at {@code arrivalNs}, or {@link
     * Long#MIN_VALUE} to tell it nothing (as live, where an age the clocks cannot vouch for is not reported).
     */
    default long feedAgeNs(long exchangeTimeNs, long localTimeNs, long arrivalNs) {
        return arrivalNs - exchangeTimeNs;
    }

    /**
     * When a timer due at {@code deadlineNs} runs (at the same time, after the strategy's messages); the deadline by
     * default. A live loop runs timers once per turn, after the messages it handled in that turn.
     */
    default long timerNs(long deadlineNs) {
        return deadlineNs;
    }

    /** The clock when the run starts (the engine is built then), given the first message's {@link #exchangeNs}. */
    default long startNs(long firstExchangeNs) {
        return firstExchangeNs;
    }
}
