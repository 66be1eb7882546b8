package io.scalper.core.drift;

import io.scalper.core.engine.EngineListener;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.session.Session;
import io.scalper.core.signal.Decision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replay's side of the comparison: what its engine sent and was answered, in the terms of a recorded session's log
 * ({@link Session.Command}, {@link Session.Answer}), with its decisions compared to the live ones as they come.
 */
final class ReplayListener implements EngineListener {
    private final DecisionComparison decisions;
    final List<Session.Command> commands = new ArrayList<>();
    final List<Session.Answer> answers = new ArrayList<>();
    final List<RoundTrip> trades = new ArrayList<>();
    final List<Session.Note> notes = new ArrayList<>();
    final Distribution roundTrips = new Distribution();
    private final Set<String> answered = new HashSet<>();
    private ScalperEngine engine;
    private long lastSeq;

    ReplayListener(DecisionComparison decisions) {
        this.decisions = decisions;
    }

    void attach(ScalperEngine engine) {
        this.engine = engine;
    }

    private long now() {
        return engine == null ? 0 : engine.nowNs();
    }

    @Override
    public void onDecision(Decision d) {
        lastSeq = d.sequence();
        decisions.onReplay(d.sequence(), d.timeNs(), now(), d.fused(), d.direction());
    }

    @Override
    public void onRefusal(String reason, Decision d) {
        notes.add(new Session.Note("refusal", now(), d.sequence(), reason, ""));
    }

    @Override
    public void onOrderSubmitted(Order order) {
        final OrderRequest r = order.request();
        commands.add(new Session.Command(
                "submit",
                order.submittedNs(),
                lastSeq,
                r.clientOrderId(),
                r.side(),
                r.type().name(),
                r.timeInForce().name(),
                r.priceTicks(),
                r.qtyLots(),
                r.reduceOnly(),
                r.triggerPriceTicks(),
                r.purpose().name()));
    }

    @Override
    public void onOrderEvent(OrderEvent e, Order order) {
        if (order != null && answered.add(e.clientOrderId())) {
            roundTrips.add(now() - order.submittedNs());
        }
        long px = 0;
        long qty = 0;
        double fee = Double.NaN;
        String liq = "";
        long leaves = -1;
        String reason = "";
        String detail = "";
        if (e instanceof OrderEvent.Filled f) {
            px = f.priceTicks();
            qty = f.qtyLots();
            fee = f.fee();
            liq = f.liquidity().name();
            leaves = f.leavesQtyLots();
            detail = f.fillId();
        } else if (e instanceof OrderEvent.Rejected r) {
            reason = r.reason().code();
            detail = r.detail();
        } else if (e instanceof OrderEvent.Canceled c) {
            reason = c.reason().code();
        }
        answers.add(new Session.Answer(
                now(),
                e.getClass().getSimpleName(),
                e.clientOrderId(),
                e.exchangeTimeNs(),
                0,
                false,
                px,
                qty,
                fee,
                liq,
                leaves,
                reason,
                detail));
    }

    @Override
    public void onRoundTrip(RoundTrip trade) {
        trades.add(trade);
    }

    @Override
    public void onTradingState(String state, String reason) {
        notes.add(new Session.Note("state", now(), 0, state, reason));
    }

    @Override
    public void onAlert(String code, String detail) {
        notes.add(new Session.Note("alert", now(), 0, code, detail));
    }
}
