package io.scalper.core.synthetic;

import static io.scalper.core.synthetic.SyntheticMarket.ASK;
import static io.scalper.core.synthetic.SyntheticMarket.BID;

import io.scalper.core.model.Side;

/**
 * A burst: {@link Scenario#TRADES} large marketable orders of one side (2 to 3.5 times the base market's 99th
 * percentile) within {@link Scenario#DURATION}, each taking the touch whole (legacy model) or printing against it
 * (martingale model). The drift follows in the burst's direction.
 */
final class BurstActor extends ScenarioActor {
    private Side aggressor;
    private int side;
    private int total;
    private final long[] tradeTimesNs = new long[64];

    BurstActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 6);
    }

    @Override
    void begin() {
        aggressor = scenario.kind() == ScenarioKind.BURST_BUY ? Side.BUY : Side.SELL;
        side = aggressor == Side.BUY ? ASK : BID;
        total = (int) scenario.longParam(Scenario.TRADES, 6 + rng.nextInt(7));
        final long durationNs = scenario.durationParam(Scenario.DURATION, 2 * NS_PER_S);
        final long spacing = durationNs / total;
        final long now = m.nowNs();
        for (int i = 0; i < total; i++) {
            tradeTimesNs[i] = now + i * spacing + (i == 0 ? 0 : (long) (rng.nextDouble() * spacing * 0.8));
        }
        calm = true;
        m.setFairTicks(m.mid());
        epEndNs = tradeTimesNs[total - 1];
        epDriftEndNs = epEndNs + driftTimeNs;
        act();
    }

    /** The next trade of the burst. */
    @Override
    void act() {
        final SimLevels l = m.levels(side);
        final long p = l.best;
        final long size = Math.round(m.orderSizeP99Lots() * (2.0 + 1.5 * rng.nextDouble()));
        if (m.martingale()) {
            m.trade(p, size, aggressor); // absorbed: the touch stays
        } else {
            m.setLevel(side, p, size);
            m.trade(p, size, aggressor);
            m.setLevel(side, p, 0);
        }
        if (epCount == 0) {
            epPrice = p;
        }
        epLastPrice = p;
        epVolume += size;
        epCount++;
        m.setFairTicks(m.mid());
        if (epCount < total) {
            m.actionAt(tradeTimesNs[epCount]);
            recordEpisode();
        } else {
            startDrift(m.mid());
        }
    }
}
