package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitOrder;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.OrderType;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.exec.VenueOrder;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a position and orders found at start-up ({@link BybitSession#reconcile} with {@link ReconcilePolicy#ADOPT}) to
 * a {@link ScalperEngine} through its adopt API, {@link ScalperEngine#adopt}:
 *
 * <ul>
 *   <li>each kept order (reduce-only, with a client id) becomes a {@link VenueOrder} the engine registers as an {@link
 *       OrderPurpose#EXTERNAL} order the venue acknowledged (no event is made up), so its fills move the engine's
 *       position instead of tripping the unknown-fill switch; the gateway tracks it so it can be cancelled;
 *   <li>the position is adopted (journalled; an adjustment that never reaches Bybit): the engine's position becomes
 *       Bybit's and its OCO manager brackets it at once;
 *   <li>with {@code cancelKeptOrders}, the kept orders are cancelled afterwards — on the same ordered command path, so
 *       after the new bracket was sent.
 * </ul>
 *
 * Call on the engine thread, before trading starts.
 */
public final class EngineAdoption {
    private EngineAdoption() {}

    /**
     * Adopts what {@code reconciliation} found.
     *
     * @return whether a position was adopted
     */
    public static boolean adopt(
            ScalperEngine engine, BybitGateway gateway, BybitReconciliation reconciliation, boolean cancelKeptOrders) {
        if (reconciliation.policy() != ReconcilePolicy.ADOPT) {
            throw new IllegalArgumentException("reconciliation: policy " + reconciliation.policy() + ", not ADOPT");
        }
        final Instrument instrument = engine.instrument();
        if (!instrument.symbol().equals(reconciliation.symbol())) {
            throw new IllegalArgumentException("reconciliation: symbol " + reconciliation.symbol()
                    + " is not the engine's " + instrument.symbol());
        }
        final List<VenueOrder> kept = new ArrayList<>();
        for (BybitOrder o : reconciliation.keptOrders()) {
            final OrderRequest request = toRequest(o, instrument);
            if (request == null || engine.orders().get(o.orderLinkId()) != null) {
                continue;
            }
            gateway.track(
                    o.orderLinkId(),
                    o.symbol(),
                    o.orderId(),
                    request.priceTicks(),
                    request.qtyLots(),
                    request.triggerPriceTicks());
            kept.add(new VenueOrder(request, o.orderId()));
        }
        engine.adopt(reconciliation.positionLots(), reconciliation.avgEntryTicks(), kept, cancelKeptOrders);
        return reconciliation.positionLots() != 0;
    }

    /** The core request an existing Bybit order corresponds to, or {@code null} if it cannot be expressed. */
    static OrderRequest toRequest(BybitOrder o, Instrument instrument) {
        final Side side = o.toSide();
        final long qty = o.qtyLots(instrument);
        if (side == null || qty == Decimals.INVALID || qty <= 0) {
            return null;
        }
        final long trigger = o.triggerPriceTicks(instrument);
        final long triggerTicks = trigger == Decimals.INVALID || trigger <= 0 ? OrderRequest.NO_PRICE : trigger;
        final boolean limit = "Limit".equals(o.orderType());
        final long price = limit ? o.priceTicks(instrument) : OrderRequest.NO_PRICE;
        if (limit && (price == Decimals.INVALID || price <= 0)) {
            return null;
        }
        final TimeInForce tif;
        switch (o.timeInForce() == null ? "" : o.timeInForce()) {
            case "PostOnly":
                tif = limit ? TimeInForce.POST_ONLY : TimeInForce.IOC;
                break;
            case "IOC":
                tif = TimeInForce.IOC;
                break;
            case "FOK":
                tif = TimeInForce.FOK;
                break;
            default:
                tif = limit ? TimeInForce.GTC : TimeInForce.IOC;
        }
        return new OrderRequest(
                o.orderLinkId(),
                o.symbol(),
                side,
                limit ? OrderType.LIMIT : OrderType.MARKET,
                tif,
                price,
                qty,
                o.reduceOnly(),
                triggerTicks,
                "MarkPrice".equals(o.triggerBy()) ? TriggerSource.MARK_PRICE : TriggerSource.LAST_PRICE,
                OrderPurpose.EXTERNAL);
    }
}
