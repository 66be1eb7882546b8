package io.scalper.core.synthetic;

import static io.scalper.core.synthetic.SyntheticMarket.ASK;
import static io.scalper.core.synthetic.SyntheticMarket.BID;

/**
 * A spoof: a large order appears a few ticks behind the touch ({@link Scenario#DISTANCE}, {@link Scenario#MULTIPLE}
 * times the median level), held for {@link Scenario#HOLD} while the market calms and nothing trades through it, then
 * pulled; the drift follows in the direction the spoof pretended.
 */
final class SpoofActor extends ScenarioActor {
    private int side;
    private long priceTicks;
    private long originalLots;

    SpoofActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 8);
    }

    @Override
    void begin() {
        side = scenario.kind() == ScenarioKind.SPOOF_BID ? BID : ASK;
        final SimLevels l = m.levels(side);
        final long distance = scenario.longParam(Scenario.DISTANCE, 1 + rng.nextInt(3));
        final long multiple = scenario.longParam(Scenario.MULTIPLE, 20);
        priceTicks = l.best - l.dir * distance;
        originalLots = l.size(priceTicks);
        final long added = multiple * Math.max(m.minLots(), m.medianTopLots(side));
        m.setLevel(side, priceTicks, originalLots + added);
        final FlowConstraints c = m.constraints();
        c.guard[side] = priceTicks;
        c.frozen[side] = priceTicks;
        calm = true;
        m.setFairTicks(m.mid());
        final long holdNs = scenario.durationParam(
                Scenario.HOLD,
                Scenario.SPOOF_MIN_HOLD_NS + rng.nextLong(Scenario.SPOOF_MAX_HOLD_NS - Scenario.SPOOF_MIN_HOLD_NS + 1));
        epPrice = priceTicks;
        epLastPrice = priceTicks;
        epSize = added;
        epEndNs = m.nowNs() + holdNs;
        epDriftEndNs = epEndNs + driftTimeNs;
        m.actionAt(epEndNs);
    }

    /** Pulls the spoof; its constraints hold until the publication that shows it gone. */
    @Override
    void act() {
        m.setLevel(side, priceTicks, originalLots);
        m.releaseAt(m.nowNs() + m.bookIntervalNs() + 1);
        startDrift(m.mid());
    }
}
