package io.scalper.core.synthetic;

import java.util.Objects;

/**
 * What a {@link SyntheticMarket} injected for one {@link Scenario}: the ground truth a detector or a backtest is scored
 * against. Times are ns since the epoch; prices in ticks; sizes in lots.
 *
 * @param kind the pattern
 * @param startNs when the pattern began (the spoof or iceberg level appeared, the sweep or first burst trade printed,
 *     the regime or trend began)
 * @param endNs when the pattern ended (the spoof was removed, the last iceberg refill, the sweep itself, the last burst
 *     trade, the end of the regime shift or trend); the post-episode drift starts here
 * @param driftEndNs when the post-episode drift ends ({@code endNs} for regime shifts and trends)
 * @param direction expected direction of the mid price from {@code endNs} to {@code driftEndNs} (for trends: from
 *     {@code startNs} to {@code endNs}): +1, −1, or 0 for a regime shift
 * @param priceTicks spoof or iceberg price; first price a sweep took; price of the first burst trade; best bid when a
 *     regime shift or trend began
 * @param lastPriceTicks spoof or iceberg price; last price a sweep took; price of the last burst trade; best bid when a
 *     regime shift or trend ended
 * @param sizeLots size added by the spoof, or the iceberg's displayed size; 0 for other kinds
 * @param volumeLots volume traded by the pattern's own orders (iceberg executions, the sweep, the burst trades); 0
 *     for spoofs, regime shifts and trends
 * @param count iceberg executions, levels swept, or burst trades; 0 for other kinds
 * @param regime the regime forced by a regime shift, else the regime in force when the pattern began
 */
public record ScenarioEpisode(
        ScenarioKind kind,
        long startNs,
        long endNs,
        long driftEndNs,
        int direction,
        long priceTicks,
        long lastPriceTicks,
        long sizeLots,
        long volumeLots,
        int count,
        Regime regime) {
    public ScenarioEpisode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(regime, "regime");
    }
}
