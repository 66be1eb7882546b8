package io.scalper.core.synthetic;

/**
 * A trend: for {@link Scenario#DURATION} the fair value drifts at {@link Scenario#RATE} ticks per second in the
 * trend's direction and background takers lean that way. It does not hold the price.
 */
final class TrendActor extends ScenarioActor {
    private static final double TAKER_LEAN = 0.15;

    TrendActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 8);
    }

    @Override
    void begin() {
        final ScenarioKind kind = scenario.kind();
        final double rate = scenario.doubleParam(Scenario.RATE, 1.5);
        final long durationNs = scenario.durationParam(Scenario.DURATION, 60 * NS_PER_S);
        driftPerNs = kind.direction() * rate / NS_PER_S;
        takerLean = kind.direction() * TAKER_LEAN;
        epEndNs = m.nowNs() + durationNs;
        epDriftEndNs = epEndNs;
        m.actionAt(epEndNs);
    }

    @Override
    void act() {
        epLastPrice = m.bestBidTicks();
        m.finishScenario();
    }

    @Override
    boolean holdsPrice() {
        return false;
    }
}
