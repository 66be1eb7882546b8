package io.scalper.core.engine;

import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.risk.SizingResult;
import io.scalper.core.signal.Decision;
import java.util.ArrayList;
import java.util.List;

/** Tells several {@link EngineListener}s everything, the first first ({@link ScalperEngine.Builder#addListener}). */
final class FanOutListener implements EngineListener {
    private final EngineListener[] listeners;

    FanOutListener(EngineListener first, List<EngineListener> more) {
        final List<EngineListener> all = new ArrayList<>();
        all.add(first);
        all.addAll(more);
        this.listeners = all.toArray(new EngineListener[0]);
    }

    @Override
    public void onDecision(Decision decision) {
        for (EngineListener l : listeners) {
            l.onDecision(decision);
        }
    }

    @Override
    public void onRefusal(String reason, Decision decision) {
        for (EngineListener l : listeners) {
            l.onRefusal(reason, decision);
        }
    }

    @Override
    public void onOrderSubmitted(Order order) {
        for (EngineListener l : listeners) {
            l.onOrderSubmitted(order);
        }
    }

    @Override
    public void onOrderAdopted(Order order) {
        for (EngineListener l : listeners) {
            l.onOrderAdopted(order);
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event, Order order) {
        for (EngineListener l : listeners) {
            l.onOrderEvent(event, order);
        }
    }

    @Override
    public void onFill(OrderEvent.Filled fill, Order order, long positionLots) {
        for (EngineListener l : listeners) {
            l.onFill(fill, order, positionLots);
        }
    }

    @Override
    public void onRoundTrip(RoundTrip trade) {
        for (EngineListener l : listeners) {
            l.onRoundTrip(trade);
        }
    }

    @Override
    public void onTradingState(String state, String reason) {
        for (EngineListener l : listeners) {
            l.onTradingState(state, reason);
        }
    }

    @Override
    public void onReconciled(
            String symbol, long engineLots, long venueLots, long venueAvgEntryTicks, String action, String cause) {
        for (EngineListener l : listeners) {
            l.onReconciled(symbol, engineLots, venueLots, venueAvgEntryTicks, action, cause);
        }
    }

    @Override
    public void onSizeCapped(SizingResult size) {
        for (EngineListener l : listeners) {
            l.onSizeCapped(size);
        }
    }

    @Override
    public void onAlert(String code, String detail) {
        for (EngineListener l : listeners) {
            l.onAlert(code, detail);
        }
    }
}
