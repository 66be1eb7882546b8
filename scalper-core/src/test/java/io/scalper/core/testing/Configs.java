package io.scalper.core.testing;

import io.scalper.core.config.ScalperConfig;

/** Configurations for tests of the plumbing (accounting, determinism, allocation, protection), not of the edge. */
public final class Configs {
    private Configs() {}

    /**
     * The defaults with the expected-edge gate off and fixed-tick brackets (a 20-tick stop, a 30-tick take-profit, a
     * 15/10-tick trailing stop, no volatility or cost terms): a strategy that enters whenever the signals say so, so that tests of how trading works
     * see trades on any market. Not a strategy to trade with.
     */
    public static ScalperConfig plumbing() {
        final ScalperConfig d = ScalperConfig.defaults();
        return d.withEdge(d.edge().withEnabled(false))
                .withExecution(Records.with(
                        d.execution(),
                        "stopVolMultiple",
                        0.0,
                        "stopCostMultiple",
                        0.0,
                        "trailActivationRatio",
                        0.0,
                        "trailDistanceRatio",
                        0.0));
    }
}
