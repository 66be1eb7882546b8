package io.scalper.core.backtest;

import io.scalper.core.market.MarketEventSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import java.util.List;
import java.util.Objects;

/**
 * The synthetic generator as a backtest source: a seeded market of a given length, with scenarios injected. The same
 * configuration and seed always give the same events.
 */
public final class GeneratedSource implements MarketSource {
    private final SyntheticMarket market;
    private final long endNs;
    private final String description;

    /**
     * @param config generator settings (seed, instrument, start time, regimes)
     * @param scenarios scenarios to inject (times relative to the start)
     * @param durationNs how much market to generate
     */
    public GeneratedSource(GeneratorConfig config, List<Scenario> scenarios, long durationNs) {
        Objects.requireNonNull(config, "config");
        if (durationNs <= 0) {
            throw new IllegalArgumentException("durationNs must be > 0, got " + durationNs);
        }
        this.market = new SyntheticMarket(config, scenarios);
        this.endNs = config.startTimeNs() + durationNs;
        this.description = "generated market, seed " + config.seed() + ", "
                + io.scalper.core.util.Durations.format(durationNs) + ", " + scenarios.size() + " scenarios";
    }

    /** A scenario-rich generated market ({@link Scenarios#rich}) with the default generator settings. */
    public static GeneratedSource rich(long seed, long durationNs) {
        return new GeneratedSource(
                GeneratorConfig.defaults().withSeed(seed), Scenarios.rich(durationNs, seed), durationNs);
    }

    @Override
    public Instrument instrument() {
        return market.config().instrument();
    }

    @Override
    public boolean next(MarketEventSink sink) {
        while (market.nextEventNs() <= endNs) {
            if (market.step(sink)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return description;
    }
}
