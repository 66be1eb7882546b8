package io.scalper.core.synthetic;

import static io.scalper.core.synthetic.SyntheticMarket.ASK;
import static io.scalper.core.synthetic.SyntheticMarket.BID;

import io.scalper.core.model.Side;

/**
 * A sweep: one marketable order takes {@link Scenario#LEVELS} whole levels of the other side at once. In the legacy
 * model nothing may be placed inside the new touch until the publication that shows the swept levels gone; in the
 * martingale model the sweeping side's quotes follow at once. The drift follows in the sweep's direction.
 */
final class SweepActor extends ScenarioActor {
    private int side;

    SweepActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 5);
    }

    @Override
    void begin() {
        final Side aggressor = scenario.kind() == ScenarioKind.SWEEP_UP ? Side.BUY : Side.SELL;
        side = aggressor == Side.BUY ? ASK : BID;
        final SimLevels l = m.levels(side);
        final int k = (int) Math.min(scenario.longParam(Scenario.LEVELS, 5), l.count - 1);
        epPrice = l.best;
        for (int i = 0; i < k; i++) {
            final long p = l.best;
            final long size = l.size(p);
            m.trade(p, size, aggressor);
            m.setLevel(side, p, 0);
            epVolume += size;
            epLastPrice = p;
        }
        epCount = k;
        if (m.martingale()) {
            closeSweptGap();
            startDrift(m.mid());
            return;
        }
        m.constraints().addLimit[side] = l.best;
        m.releaseAt(m.nowNs() + m.bookIntervalNs() + 1);
        startDrift(l.best);
    }

    /** Martingale model: the sweeping side's quotes follow up to one tick from the new touch. */
    private void closeSweptGap() {
        final int taker = 1 - side;
        final SimLevels t = m.levels(taker);
        final long target = m.levels(side).best - t.dir;
        for (long p = t.best + t.dir; t.dir * (target - p) >= 0; p += t.dir) {
            m.setLevel(taker, p, m.newLevelSize(0));
        }
        m.setFairTicks(m.mid());
    }
}
