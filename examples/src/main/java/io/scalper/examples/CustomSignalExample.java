package io.scalper.examples;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.feature.FeatureEngine;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Side;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.Signal;
import io.scalper.core.signal.SignalFusion;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import io.scalper.core.tape.TradeTape;

/**
 * A signal of your own beside the built-in eight, run over a generated market: "last-trade pressure", the direction of
 * the last few trades weighted by size, read straight from the tape. Run with {@code java -cp ...
 * io.scalper.examples.CustomSignalExample}; prints a line every 30 s of market time.
 */
public final class CustomSignalExample {
    /** Net aggressor direction of the last {@code trades} trades, by size: +1 all buys, -1 all sells. */
    public static final class LastTradePressure implements Signal {
        private final int trades;

        public LastTradePressure(int trades) {
            this.trades = trades;
        }

        @Override
        public String name() {
            return "pressure";
        }

        @Override
        public double score(Features f) {
            final TradeTape tape = f.tape();
            final int n = Math.min(trades, tape.size());
            long net = 0;
            long total = 0;
            for (int back = 0; back < n; back++) {
                final long size = tape.sizeLotsAt(back);
                net += tape.aggressorAt(back) == Side.BUY ? size : -size;
                total += size;
            }
            return total == 0 ? 0.0 : (double) net / total;
        }
    }

    private CustomSignalExample() {}

    /** Builds a pipeline with the built-in signals plus {@link LastTradePressure} at weight 0.1. */
    public static SignalPipeline pipeline(MarketState market, ScalperConfig config) {
        final SignalFusion fusion = SignalFusion.builder(config.fusion())
                .addBuiltIns(config.signals())
                .add(new LastTradePressure(20), 0.10)
                .build();
        return new SignalPipeline(market, new FeatureEngine(config.features(), market), fusion);
    }

    public static void main(String[] args) {
        final ScalperConfig config = ScalperConfig.defaults();
        final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(42);
        final MarketState market =
                new MarketState(gen.instrument(), config.book().maxDepth(), config.tape());
        final SignalPipeline pipeline = pipeline(market, config);
        final long[] nextPrint = {0};
        pipeline.setListener((Decision d, Features f) -> {
            if (d.timeNs() >= nextPrint[0] && f.bookValid()) {
                nextPrint[0] = d.timeNs() + 30_000_000_000L;
                final int i = d.indexOf("pressure");
                System.out.printf(
                        "mid=%.1f pressure=%+.2f (weight %.3f) fused=%+.3f confidence=%.2f %s%n",
                        f.mid() * gen.instrument().tickSizeDouble(),
                        d.score(i),
                        d.weight(i),
                        d.fused(),
                        d.confidence(),
                        Decision.directionName(d.direction()));
            }
        });
        final long tenMinutes = 600_000_000_000L;
        new SyntheticMarket(gen, Scenarios.rich(tenMinutes, 42)).run(tenMinutes, new MarketStateSink(market, pipeline));
    }
}
