package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.Position;
import io.scalper.core.model.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * One account's orders, positions and wallet as Bybit's JSON shows them, over REST and in private pushes (which differ
 * in a few fields), and Bybit's number formats and paging. Exchange thread.
 */
final class BybitViews {
    private final SimulatedExchangeConfig config;
    private final Collection<Leg> legs;
    private final AccountOrders orders;

    /** @param legs the account's symbols (a live view) */
    BybitViews(SimulatedExchangeConfig config, Collection<Leg> legs, AccountOrders orders) {
        this.config = config;
        this.legs = legs;
        this.orders = orders;
    }

    /** An order as {@code /v5/order/realtime} and {@code /v5/order/history} list it, or as the {@code order} topic pushes it ({@code ws}). */
    ObjectNode order(EmuOrder o, boolean ws) {
        final Instrument inst = o.leg.instrument;
        final long leaves = o.isOpen() ? o.qtyLots - o.cumLots : 0;
        final ObjectNode r = Json.obj();
        if (ws) {
            r.put("category", "linear");
        }
        r.put("orderId", o.orderId);
        r.put("orderLinkId", o.orderLinkId);
        if (ws) {
            r.put("parentOrderLinkId", "");
        }
        r.put("blockTradeId", "");
        r.put("symbol", o.leg.symbol());
        r.put("price", o.priceTicks > 0 ? inst.formatPrice(o.priceTicks) : "0");
        r.put("qty", inst.formatQty(o.qtyLots));
        r.put("side", o.side);
        r.put("isLeverage", "");
        r.put("positionIdx", 0);
        r.put("orderStatus", o.status);
        r.put("createType", o.triggerTicks != OrderRequest.NO_PRICE ? "CreateByStopOrder" : "CreateByUser");
        r.put("cancelType", o.cancelType);
        r.put("rejectReason", o.rejectReason);
        r.put("avgPrice", o.cumLots == 0 ? (ws ? "" : "0") : avgPrice(o));
        r.put("leavesQty", inst.formatQty(leaves));
        r.put("leavesValue", num(o.priceTicks > 0 ? inst.notional(o.priceTicks, leaves) : 0));
        r.put("cumExecQty", inst.formatQty(o.cumLots));
        r.put("cumExecValue", num(o.cumValue));
        r.put("cumExecFee", num(o.cumFee));
        r.put("closedPnl", num(o.closedPnl));
        r.put("feeCurrency", "");
        r.put("timeInForce", o.timeInForce);
        r.put("orderType", o.orderType);
        r.put("stopOrderType", o.triggerTicks != OrderRequest.NO_PRICE ? "Stop" : (ws ? "" : "UNKNOWN"));
        r.put("orderIv", "");
        r.put("marketUnit", "");
        r.put("triggerPrice", o.triggerTicks != OrderRequest.NO_PRICE ? inst.formatPrice(o.triggerTicks) : "0.00");
        r.put("takeProfit", "");
        r.put("stopLoss", "");
        r.put("tpslMode", "");
        r.put("tpLimitPrice", "");
        r.put("slLimitPrice", "");
        r.put("tpTriggerBy", "");
        r.put("slTriggerBy", "");
        r.put("triggerDirection", o.triggerDirection);
        r.put("triggerBy", o.triggerBy.isEmpty() ? (ws ? "" : "UNKNOWN") : o.triggerBy);
        r.put("lastPriceOnCreated", o.lastPriceOnCreated);
        r.put("reduceOnly", o.reduceOnly);
        r.put("closeOnTrigger", o.closeOnTrigger);
        r.put("placeType", "");
        r.put("smpType", "None");
        r.put("smpGroup", 0);
        r.put("smpOrderId", "");
        r.put("createdTime", Long.toString(o.createdMs));
        r.put("updatedTime", Long.toString(o.updatedMs));
        final ObjectNode fee = Json.obj();
        if (o.cumLots > 0) {
            fee.put("USDT", num(o.cumFee));
        }
        r.set("cumFeeDetail", fee);
        r.put("rpiTakerAccess", false);
        r.put("rpiMatchedQty", "0");
        return r;
    }

    private static String avgPrice(EmuOrder o) {
        final double qty = o.cumLots * o.leg.instrument.qtyStepDouble();
        final BigDecimal avg =
                BigDecimal.valueOf(o.cumValue / qty).setScale(o.leg.instrument.priceScale() + 2, RoundingMode.HALF_UP);
        return trimZeros(avg);
    }

    /**
     * A position as {@code /v5/position/list} lists it, or as the {@code position} topic pushes it ({@code ws}); marks
     * the leg updated now (and created, the first time).
     *
     * @param seq the account's cross sequence
     */
    ObjectNode position(Leg leg, boolean ws, long seq) {
        final Instrument inst = leg.instrument;
        final Position pos = leg.position();
        final long qty = pos.qtyLots();
        final double mark = leg.market.markPrice();
        final double lev = Double.parseDouble(leg.leverage);
        final double entry = qty == 0 ? 0 : pos.avgEntryTicks() * inst.tickSizeDouble();
        final double value = Math.abs(qty) * inst.qtyStepDouble() * entry;
        final double upl = qty == 0 || Double.isNaN(mark) ? 0 : pos.unrealizedPnl(mark / inst.tickSizeDouble());
        final double im = value / lev;
        final double mm = value * 0.005;
        final ObjectNode r = Json.obj();
        r.put("positionIdx", 0);
        r.put("riskId", 1);
        r.put("riskLimitValue", "2000000");
        r.put("symbol", leg.symbol());
        r.put("side", qty > 0 ? "Buy" : qty < 0 ? "Sell" : "");
        r.put("size", inst.formatQty(Math.abs(qty)));
        r.put(ws ? "entryPrice" : "avgPrice", qty == 0 ? "0" : price(entry, inst));
        r.put("positionValue", num(value));
        r.put("tradeMode", 0);
        r.put("positionStatus", "Normal");
        r.put("autoAddMargin", 0);
        r.put("adlRankIndicator", qty == 0 ? 0 : 2);
        r.put("leverage", leg.leverage);
        r.put("breakEvenPrice", qty == 0 ? "0" : price(entry, inst));
        r.put("positionBalance", num(im));
        r.put("markPrice", markText(leg));
        r.put("liqPrice", "");
        r.put("bustPrice", "");
        r.put("positionMM", num(mm));
        r.put("positionMMByMp", num(mm));
        r.put("positionIM", num(im));
        r.put("positionIMByMp", num(im));
        r.put("tpslMode", "Full");
        r.put("takeProfit", leg.takeProfit);
        r.put("stopLoss", leg.stopLoss);
        r.put("trailingStop", leg.trailingStop);
        r.put("unrealisedPnl", num(upl));
        r.put("curRealisedPnl", num(leg.cumRealised));
        r.put("cumRealisedPnl", num(leg.cumRealised));
        r.put("seq", seq);
        r.put("isReduceOnly", false);
        r.put(ws ? "mmrSysUpdatedTime" : "mmrSysUpdateTime", "");
        r.put("leverageSysUpdatedTime", "");
        r.put("sessionAvgPrice", "");
        r.put("createdTime", Long.toString(leg.createdMs == 0 ? (leg.createdMs = leg.nowMs()) : leg.createdMs));
        leg.updatedMs = leg.nowMs();
        r.put("updatedTime", Long.toString(leg.updatedMs));
        if (ws) {
            r.put("category", "linear");
        }
        return r;
    }

    /** Wallet figures: balance, unrealised PnL, margins. */
    double[] walletFigures() {
        double balance = config.initialBalance();
        double upl = 0;
        double positionIm = 0;
        double positionMm = 0;
        double orderIm = 0;
        double cumRealised = 0;
        for (Leg leg : legs) {
            final Position pos = leg.position();
            final Instrument inst = leg.instrument;
            balance += pos.netRealized();
            cumRealised += pos.netRealized();
            final double mark = leg.market.markPrice();
            if (!pos.isFlat() && !Double.isNaN(mark)) {
                upl += pos.unrealizedPnl(mark / inst.tickSizeDouble());
            }
            final double lev = Double.parseDouble(leg.leverage);
            if (!pos.isFlat()) {
                final double value =
                        Math.abs(pos.qtyLots()) * inst.qtyStepDouble() * pos.avgEntryTicks() * inst.tickSizeDouble();
                positionIm += value / lev;
                positionMm += value * 0.005;
            }
        }
        for (EmuOrder o : orders.all()) {
            if (o.isOpen() && !o.reduceOnly && o.priceTicks > 0 && o.triggerTicks == OrderRequest.NO_PRICE) {
                orderIm += o.leg.instrument.notional(o.priceTicks, o.qtyLots - o.cumLots)
                        / Double.parseDouble(o.leg.leverage);
            }
        }
        return new double[] {balance, upl, positionIm, positionMm, orderIm, cumRealised};
    }

    /** The unified account as {@code /v5/account/wallet-balance} lists it and the {@code wallet} topic pushes it. */
    ObjectNode wallet() {
        final double[] f = walletFigures();
        final double balance = f[0];
        final double upl = f[1];
        final double equity = balance + upl;
        final double im = f[2] + f[4];
        final double mm = f[3];
        final ObjectNode r = Json.obj();
        r.put("accountType", "UNIFIED");
        r.put("accountIMRate", num(equity > 0 ? im / equity : 0));
        r.put("accountIMRateByMp", num(equity > 0 ? im / equity : 0));
        r.put("accountMMRate", num(equity > 0 ? mm / equity : 0));
        r.put("accountMMRateByMp", num(equity > 0 ? mm / equity : 0));
        r.put("totalEquity", num(equity));
        r.put("totalWalletBalance", num(balance));
        r.put("totalMarginBalance", num(equity));
        r.put("totalAvailableBalance", num(Math.max(0, equity - im)));
        r.put("totalPerpUPL", num(upl));
        r.put("totalInitialMargin", num(im));
        r.put("totalInitialMarginByMp", num(im));
        r.put("totalMaintenanceMargin", num(mm));
        r.put("totalMaintenanceMarginByMp", num(mm));
        r.put("accountLTV", "0");
        final ObjectNode c = Json.obj();
        c.put("coin", "USDT");
        c.put("equity", num(equity));
        c.put("usdValue", num(equity));
        c.put("walletBalance", num(balance));
        c.put("availableToWithdraw", "");
        c.put("availableToBorrow", "");
        c.put("borrowAmount", "0");
        c.put("accruedInterest", "0");
        c.put("totalOrderIM", num(f[4]));
        c.put("totalPositionIM", num(f[2]));
        c.put("totalPositionMM", num(mm));
        c.put("unrealisedPnl", num(upl));
        c.put("cumRealisedPnl", num(f[5]));
        c.put("bonus", "0");
        c.put("collateralSwitch", true);
        c.put("marginCollateral", true);
        c.put("locked", "0");
        c.put("spotHedgingQty", "0");
        c.put("spotBorrow", "0");
        r.set("coin", Json.arr().add(c));
        return r;
    }

    /** The mark price on the tick, or empty before the first ticker. */
    static String markText(Leg leg) {
        final double mark = leg.market.markPrice();
        return Double.isNaN(mark) ? "" : price(mark, leg.instrument);
    }

    private static String price(double value, Instrument inst) {
        return BigDecimal.valueOf(value)
                .setScale(inst.priceScale(), RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** A decimal as Bybit prints amounts: up to 8 decimals, no trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return "0";
        }
        return trimZeros(BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_UP));
    }

    static String trimZeros(BigDecimal v) {
        final String s = v.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** {@code s} as a long; {@code dflt} when absent, empty or not a number. */
    static long parseLong(String s, long dflt) {
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** A page of rows with an offset cursor. */
    static ObjectNode page(List<ObjectNode> rows, JsonNode p, int dflt, int max, boolean category) {
        int limit = (int) parseLong(Json.str(p, "limit"), dflt);
        limit = Math.max(1, Math.min(max, limit));
        final int from = (int) Math.max(0, parseLong(Json.str(p, "cursor"), 0));
        final ArrayNode list = Json.arr();
        for (int i = from; i < rows.size() && i < from + limit; i++) {
            list.add(rows.get(i));
        }
        final ObjectNode r = Json.obj();
        r.set("list", list);
        r.put("nextPageCursor", from + limit < rows.size() ? Integer.toString(from + limit) : "");
        if (category) {
            r.put("category", "linear");
        }
        return r;
    }
}
