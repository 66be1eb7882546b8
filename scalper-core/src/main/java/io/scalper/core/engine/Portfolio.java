package io.scalper.core.engine;

import io.scalper.core.model.Instrument;
import io.scalper.core.risk.DailyLossLimit;
import io.scalper.core.risk.DrawdownTiers;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One account traded by several engines — one per symbol, on one thread — and the risk that belongs to the account
 * rather than to a symbol. Give the same portfolio to every engine's builder ({@link ScalperEngine.Builder#portfolio});
 * each engine then:
 *
 * <ul>
 *   <li>measures drawdown on the <b>account's</b> equity ({@link #equity()}: the start equity plus every engine's PnL,
 *       realised and at the mid) through one shared {@link DrawdownTiers}: every symbol's size is cut by the same
 *       tier, and the halting tier halts the account;
 *   <li>adds its realised results to one shared {@link DailyLossLimit}: the daily loss limit is the account's, and
 *       when it trips every engine stops entering (and flattens, with {@code risk.flattenOnKill});
 *   <li>sizes entries on the account's equity;
 *   <li>propagates its kill switch: whatever trips one engine's switch (a fill for an order never sent, a retry budget
 *       spent, slippage, an operator) trips every engine's, with the same reason — the account is stopped, not one
 *       symbol (the end of a run, {@code shutdown}, is each engine's own);
 *   <li>keeps within the account's notional caps: the value of every position and working entry, all symbols
 *       together, at most {@code risk.maxTotalNotional} and at most the account's equity × {@code risk.maxLeverage}
 *       (each symbol's own position stays within {@code risk.maxPositionNotional}, as with one symbol). An entry that
 *       would pass a cap is cut to fit, or refused ({@link RefusalReason#ACCOUNT_NOTIONAL}) when what fits is below
 *       the instrument's minimums.
 * </ul>
 *
 * <p>Not thread-safe: the engines that share it run on one thread, as {@link io.scalper.core.runtime.TradingLoop} and
 * the backtest runner do.
 */
public final class Portfolio {
    private final double startEquity;
    private final RiskConfig risk;
    private final DailyLossLimit dailyLoss;
    private final DrawdownTiers drawdown;
    private final List<ScalperEngine> engines = new ArrayList<>();
    private boolean propagating;
    private long cappedEntries;

    /**
     * @param startEquity the account's equity at the start (every engine starts from it), finite and &gt; 0
     * @param risk the account's limits (the configuration's {@code risk} section)
     */
    public Portfolio(double startEquity, RiskConfig risk) {
        if (!Double.isFinite(startEquity) || startEquity <= 0) {
            throw new IllegalArgumentException("portfolio: start equity must be finite and > 0, got " + startEquity);
        }
        this.startEquity = startEquity;
        this.risk = Objects.requireNonNull(risk, "risk");
        this.dailyLoss = new DailyLossLimit(risk);
        this.drawdown = new DrawdownTiers(risk);
        drawdown.onEquity(startEquity);
    }

    /** Called by the engine's constructor. */
    void register(ScalperEngine engine) {
        for (ScalperEngine e : engines) {
            if (e.instrument().symbol().equals(engine.instrument().symbol())) {
                throw new IllegalArgumentException(
                        "portfolio: two engines for " + engine.instrument().symbol() + " in one account");
            }
        }
        engines.add(engine);
    }

    /** The engines of the account, in the order they were built. */
    public List<ScalperEngine> engines() {
        return Collections.unmodifiableList(engines);
    }

    /** The account's equity at the start. */
    public double startEquity() {
        return startEquity;
    }

    /** The account's equity now: the start equity plus every engine's net PnL, the open positions at the mid. */
    public double equity() {
        double e = startEquity;
        for (int i = 0; i < engines.size(); i++) {
            final ScalperEngine engine = engines.get(i);
            e += engine.equity() - engine.initialEquity();
        }
        return e;
    }

    /** The account's daily loss limit, shared by its engines. */
    public DailyLossLimit dailyLoss() {
        return dailyLoss;
    }

    /** The account's drawdown tiers, measured on {@link #equity()} and shared by its engines. */
    public DrawdownTiers drawdown() {
        return drawdown;
    }

    /**
     * The value of what the account holds or is entering, all symbols, quote currency: each position and working
     * entry at the mid (the entry's price where there is no mid yet).
     */
    public double notional() {
        double n = 0;
        for (int i = 0; i < engines.size(); i++) {
            n += exposure(engines.get(i));
        }
        return n;
    }

    /** The most the account may hold now, quote currency: the total cap and the leverage on the account's equity. */
    public double notionalCap() {
        final double equity = equity();
        final double byLeverage = equity > 0 ? equity * risk.maxLeverage() : 0;
        return Math.min(risk.maxTotalNotional(), byLeverage);
    }

    private static double exposure(ScalperEngine e) {
        final long lots = Math.abs(e.position().qtyLots()) + e.entryLotsWorking();
        if (lots == 0) {
            return 0;
        }
        final Instrument inst = e.instrument();
        double midTicks = e.market().book().mid();
        if (Double.isNaN(midTicks)) {
            midTicks = Math.abs(e.position().avgEntryTicks());
        }
        if (Double.isNaN(midTicks)) {
            return 0;
        }
        return lots * inst.qtyStepDouble() * midTicks * inst.tickSizeDouble();
    }

    /**
     * How many of {@code lots} an entry of {@code engine} at {@code priceTicks} may have within the account's caps:
     * {@code lots} when it fits, fewer when a cap cuts it, 0 when what fits is below the instrument's minimums.
     */
    long fit(ScalperEngine engine, long lots, long priceTicks) {
        final Instrument inst = engine.instrument();
        final double lotValue = priceTicks * inst.tickSizeDouble() * inst.qtyStepDouble();
        if (!(lotValue > 0)) {
            return lots;
        }
        final double room = notionalCap() - notional();
        final long fits = room <= 0 ? 0 : (long) Math.floor(room / lotValue + 1e-9);
        if (fits >= lots) {
            return lots;
        }
        final long minLots = Math.max(1, inst.minQtyLots());
        final double minNotional = inst.minNotional().doubleValue();
        if (fits < minLots || fits * lotValue < minNotional) {
            return 0;
        }
        cappedEntries++;
        return fits;
    }

    /** Entries the account's caps cut to fit so far. */
    public long cappedEntries() {
        return cappedEntries;
    }

    /** One engine's kill switch tripped for {@code reason}: every other engine's trips with it. */
    void onTrip(ScalperEngine source, RefusalReason reason) {
        if (propagating || reason == RefusalReason.SHUTDOWN) {
            return;
        }
        propagating = true;
        try {
            for (int i = 0; i < engines.size(); i++) {
                final ScalperEngine e = engines.get(i);
                if (e != source) {
                    e.trip(reason);
                }
            }
        } finally {
            propagating = false;
        }
    }

    @Override
    public String toString() {
        return "Portfolio[" + engines.size() + " engines, start equity " + startEquity + "]";
    }
}
