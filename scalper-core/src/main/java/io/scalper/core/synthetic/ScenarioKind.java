package io.scalper.core.synthetic;

/**
 * A market pattern the {@link SyntheticMarket} can inject. What each kind produces — in the event stream a downstream
 * detector sees — is specified on each constant; {@link Scenario} lists the parameters each kind takes.
 *
 * <p>Spoofs, icebergs, sweeps and bursts end with a <em>post-episode drift</em>: the fair value moves {@code drift}
 * ticks (defaults: spoof and iceberg 8, sweep 5, burst 6) in the {@link #direction()} over {@code driftTime} (sweep 2 s,
 * others 3 s), with background volatility damped to a quarter from the start of the pattern to the end of the drift;
 * the mid follows through the ordinary order flow (with the defaults it covers about three quarters of the drift: a
 * mean of 4–6 ticks, in the expected direction in 18–20 of 20 seeds).
 */
public enum ScenarioKind {
    /**
     * A large bid ({@code multiple} × the median size of the 20 best bid levels, default 20×) appears 1–3 ticks below the
     * best bid, stays 2–4 s while the best bid is kept strictly above it (nothing trades at that price), then is
     * removed, the level returning to its previous size (and untouched until the next book publication shows it). Then
     * the price drifts down (−1).
     */
    SPOOF_BID(-1),
    /** Mirror of {@link #SPOOF_BID} on the ask side; the price then drifts up (+1). */
    SPOOF_ASK(+1),
    /**
     * The best bid shows a small displayed size (a third of the median of the 20 best bid levels, at least 4 lots); over
     * {@code duration} (5 s) 8–15 market sells trade at that price, each for 50–95 % of the displayed size, and after each
     * the level is refilled to its displayed size one book interval later (so the dip and the refill are both
     * published). The best bid holds at that price throughout, until one book interval after the last refill; then the
     * price drifts up (+1).
     */
    ICEBERG_BID(+1),
    /** Mirror of {@link #ICEBERG_BID} on the ask side (market buys absorbed); the price then drifts down (−1). */
    ICEBERG_ASK(-1),
    /**
     * One market buy takes the {@code levels} (default 5) best ask levels whole: that many trades at distinct rising
     * prices, all with the same match time; those levels are published as deletions and no ask is placed below the
     * new best ask until the next book publication. Then the price keeps rising (+1).
     */
    SWEEP_UP(+1),
    /** Mirror of {@link #SWEEP_UP}: one market sell takes the best bid levels; the price keeps falling (−1). */
    SWEEP_DOWN(-1),
    /**
     * Within {@code duration} (2 s), 6–12 market buys, each of 2–3.5 × the 99th percentile of the base market's order
     * size, each printing as one trade that takes out the best ask. The price drifts up (+1).
     */
    BURST_BUY(+1),
    /** Mirror of {@link #BURST_BUY} with market sells; the price drifts down (−1). */
    BURST_SELL(-1),
    /**
     * The volatility regime is forced to {@code regime} (default HIGH) for {@code duration} (60 s), then the regime in
     * force before returns and Markov switching resumes. No direction (0).
     */
    REGIME_SHIFT(0),
    /**
     * For {@code duration} (60 s) the fair value drifts up by {@code rate} ticks per second (1.5) and market orders lean
     * 15 % toward buying (+1).
     */
    TREND_UP(+1),
    /** Mirror of {@link #TREND_UP} (−1). */
    TREND_DOWN(-1);

    private final int direction;

    ScenarioKind(int direction) {
        this.direction = direction;
    }

    /** Expected direction of the price after (or, for trends, during) the episode: +1 up, −1 down, 0 none. */
    public int direction() {
        return direction;
    }
}
