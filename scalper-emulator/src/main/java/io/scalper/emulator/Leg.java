package io.scalper.emulator;

import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.exec.Position;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import io.scalper.core.model.Instrument;
import java.math.BigDecimal;

/** One account's side of a symbol: its simulated exchange over the shared market, and the position's settings. */
final class Leg {
    final Market market;
    final Instrument instrument;
    final SimulatedExchange exchange;
    String leverage;
    String takeProfit = "0";
    String stopLoss = "0";
    String trailingStop = "0";
    long createdMs;
    long updatedMs;
    /** Realised PnL net of fees, plus funding, as of the last fill or funding. */
    double cumRealised;

    Leg(Market market, SimulatedExchangeConfig config) {
        this.market = market;
        this.instrument = market.instrument;
        this.exchange = new SimulatedExchange(
                config, market.state, market.clock, LatencyModel.constant(0, 0), QueueModel.probabilistic());
        this.leverage = BybitViews.trimZeros(BigDecimal.valueOf(config.leverage()));
    }

    String symbol() {
        return market.symbol;
    }

    Position position() {
        return exchange.position();
    }

    /** The market's time, ms. */
    long nowMs() {
        return market.clock.nowNs() / 1_000_000L;
    }

    /** Lets the exchange act on everything up to the market's time (after a command or a market event). */
    void catchUp() {
        exchange.advanceTo(market.clock.nowNs());
    }

    /** Feeds the market's book, trades and ticker to the exchange. */
    MarketDataListener marketListener() {
        return new MarketDataListener() {
            @Override
            public void onBook(MarketState ms, int result) {
                exchange.onBook(ms, result);
                catchUp();
            }

            @Override
            public void onTrades(MarketState ms, int count) {
                exchange.onTrades(ms, count);
                catchUp();
            }

            @Override
            public void onTicker(MarketState ms) {
                exchange.onTicker(ms);
                catchUp();
            }
        };
    }
}
