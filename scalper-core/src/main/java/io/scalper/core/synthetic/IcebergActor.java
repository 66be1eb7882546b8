package io.scalper.core.synthetic;

import static io.scalper.core.synthetic.SyntheticMarket.BID;

import io.scalper.core.model.Side;

/**
 * An iceberg: the touch shows a small size ({@link Scenario#FILLS} times over {@link Scenario#DURATION}) that takers
 * hit, and after each fill it is shown again at the same price one publication later; the price neither moves nor
 * can be improved meanwhile. The drift follows in the iceberg's direction.
 */
final class IcebergActor extends ScenarioActor {
    private int side;
    private Side aggressor;
    private long priceTicks;
    private long displayLots;
    private int fills;
    private final long[] fillTimesNs = new long[64];

    IcebergActor(Scenario scenario, SyntheticMarket market) {
        super(scenario, market, 8);
    }

    @Override
    void begin() {
        side = scenario.kind() == ScenarioKind.ICEBERG_BID ? BID : SyntheticMarket.ASK;
        aggressor = side == BID ? Side.SELL : Side.BUY;
        final SimLevels l = m.levels(side);
        priceTicks = l.best;
        displayLots = Math.max(4 * m.minLots(), m.medianTopLots(side) / 3);
        m.setLevel(side, priceTicks, displayLots);
        final FlowConstraints c = m.constraints();
        c.frozen[side] = priceTicks;
        c.addLimit[side] = priceTicks;
        c.suppressTaker[aggressor.ordinal()] = true;
        calm = true;
        m.setFairTicks(m.mid());
        fills = (int) scenario.longParam(Scenario.FILLS, 8 + rng.nextInt(8));
        final long durationNs = scenario.durationParam(Scenario.DURATION, 5 * NS_PER_S);
        final long spacing = durationNs / fills;
        final long now = m.nowNs();
        for (int i = 0; i < fills; i++) {
            fillTimesNs[i] = now + m.bookIntervalNs() + 1 + i * spacing + (long) (rng.nextDouble() * spacing / 2);
        }
        epPrice = priceTicks;
        epLastPrice = priceTicks;
        epSize = displayLots;
        epEndNs = fillTimesNs[fills - 1] + 2 * m.bookIntervalNs() + 1;
        epDriftEndNs = epEndNs + driftTimeNs;
        m.actionAt(fillTimesNs[0]);
    }

    @Override
    void act() {
        if (phase == PHASE_PATTERN) {
            fill();
        } else {
            m.releaseConstraints();
            startDrift(m.mid());
        }
    }

    /** A taker hits the shown size; it is shown again one publication later. */
    private void fill() {
        if (m.refillPending()) {
            refill();
        }
        final long shown = m.levels(side).size(priceTicks);
        final long lo = Math.max(1, (shown + 1) / 2);
        final long hi = Math.max(lo, Math.min(shown - 1, shown * 95 / 100));
        final long x = lo + rng.nextLong(hi - lo + 1);
        m.trade(priceTicks, x, aggressor);
        m.setLevel(side, priceTicks, shown - x);
        epVolume += x;
        epCount++;
        final long refillNs = m.nowNs() + m.bookIntervalNs() + 1;
        m.refillAt(refillNs);
        if (epCount < fills) {
            m.actionAt(fillTimesNs[epCount]);
        } else {
            phase = PHASE_END;
            m.actionAt(refillNs + m.bookIntervalNs());
        }
        recordEpisode();
    }

    @Override
    void refill() {
        m.setLevel(side, priceTicks, displayLots);
        m.refillAt(SyntheticMarket.NEVER);
    }
}
