package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitOrder;
import io.scalper.core.exec.ReconcilePolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BybitSession#reconcile} found and did. Immutable.
 *
 * @param symbol the symbol
 * @param policy the policy applied
 * @param positionLots the position found, in lots: positive long, negative short, 0 flat
 * @param avgEntryPrice its average entry price as Bybit reports it ({@code null} when flat)
 * @param avgEntryTicks the same in ticks, rounded to the nearest tick (0 when flat)
 * @param keptOrders open orders left working: under {@link ReconcilePolicy#ADOPT}, reduce-only orders with a client id
 *     (brackets or exits of a previous run), for {@link EngineAdoption} to hand to the engine
 * @param cancelledOrders open orders cancelled (entries of a previous run and orders without a client id under ADOPT;
 *     every order under FLATTEN)
 * @param flattenOrderLinkId the client id of the reduce-only market order that closed the position, or {@code null}
 */
public record BybitReconciliation(
        String symbol,
        ReconcilePolicy policy,
        long positionLots,
        BigDecimal avgEntryPrice,
        long avgEntryTicks,
        List<BybitOrder> keptOrders,
        List<BybitOrder> cancelledOrders,
        String flattenOrderLinkId) {

    public BybitReconciliation {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(policy, "policy");
        keptOrders = List.copyOf(keptOrders);
        cancelledOrders = List.copyOf(cancelledOrders);
    }

    /** Whether a position was found. */
    public boolean hadPosition() {
        return positionLots != 0;
    }
}
