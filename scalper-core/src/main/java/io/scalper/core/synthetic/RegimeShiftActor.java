package io.scalper.core.synthetic;

/**
 * A regime shift: the market is held in {@link Scenario#REGIME} for {@link Scenario#DURATION}, then returns to the
 * regime it had and resumes switching. It does not hold the price and has no drift.
 */
final class RegimeShiftActor extends ScenarioActor {
    private Regime previous;

    RegimeShiftActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 8);
    }

    @Override
    void begin() {
        final Regime r = scenario.regimeParam(Regime.HIGH);
        final long durationNs = scenario.durationParam(Scenario.DURATION, 60 * NS_PER_S);
        previous = m.regime();
        m.forceRegime(r);
        epRegime = r;
        epEndNs = m.nowNs() + durationNs;
        epDriftEndNs = epEndNs;
        m.actionAt(epEndNs);
    }

    @Override
    void act() {
        m.restoreRegime(previous);
        epLastPrice = m.bestBidTicks();
        m.finishScenario();
    }

    @Override
    boolean holdsPrice() {
        return false;
    }
}
