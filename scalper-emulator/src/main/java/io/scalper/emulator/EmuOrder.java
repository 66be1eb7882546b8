package io.scalper.emulator;

import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;

/** An order as Bybit shows it, and how the core exchange's events change it. Exchange thread. */
final class EmuOrder {
    /** A refusal the core exchange answered a command with. */
    record Refusal(RejectReason reason, String detail) {}

    String orderId;
    String orderLinkId;
    /** The core exchange's client order id: the link id, or a generated one. */
    String coreId;

    Leg leg;
    String side;
    String orderType;
    String timeInForce;
    long priceTicks;
    long qtyLots;
    long triggerTicks = OrderRequest.NO_PRICE;
    String triggerBy = "";
    int triggerDirection;
    boolean reduceOnly;
    boolean closeOnTrigger;
    String status = "New";
    String cancelType = BybitVocabulary.NO_CANCEL_TYPE;
    String rejectReason = BybitVocabulary.NO_REJECT_REASON;
    long cumLots;
    double cumValue;
    double cumFee;
    double closedPnl;
    long createdMs;
    long updatedMs;
    String lastPriceOnCreated = "";
    /** Set while a command is being processed: the refusal the exchange answered with. */
    Refusal refusal;

    boolean isOpen() {
        return status.equals("New") || status.equals("PartiallyFilled") || status.equals("Untriggered");
    }

    /** The refusal a command met, cleared; {@code null} if none. */
    Refusal takeRefusal() {
        final Refusal r = refusal;
        refusal = null;
        return r;
    }

    void rejected(RejectReason reason, String detail) {
        refusal = new Refusal(reason, detail);
        status = "Rejected";
    }

    /** An amend or cancel was refused: the order is unchanged. */
    void refused(RejectReason reason, String detail) {
        refusal = new Refusal(reason, detail);
    }

    void amended(OrderEvent.Amended a) {
        if (orderType.equals("Limit")) {
            priceTicks = a.priceTicks();
        }
        qtyLots = a.qtyLots();
        if (triggerTicks != OrderRequest.NO_PRICE) {
            triggerTicks = a.triggerPriceTicks();
        }
    }

    void triggered() {
        status = "Triggered";
    }

    void cancelled(CancelReason reason) {
        status = "Cancelled";
        final BybitVocabulary.CancelNames names = BybitVocabulary.cancelNames(reason);
        cancelType = names.cancelType();
        rejectReason = names.rejectReason();
    }

    void expired() {
        status = "Cancelled";
    }

    /**
     * A fill of {@code lots} worth {@code value} for {@code fee}, realising {@code pnl}.
     *
     * @param leavesLots what the exchange says is left, or negative if it did not say
     * @return the quantity left open, lots
     */
    long filled(long lots, double value, double fee, double pnl, long leavesLots) {
        cumLots += lots;
        cumValue += value;
        cumFee += fee;
        closedPnl += pnl;
        final long leaves = leavesLots >= 0 ? leavesLots : qtyLots - cumLots;
        status = leaves == 0 ? "Filled" : "PartiallyFilled";
        return leaves;
    }
}
