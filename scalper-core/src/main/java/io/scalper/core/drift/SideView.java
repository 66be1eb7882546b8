package io.scalper.core.drift;

import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import io.scalper.core.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a comparison (the live session or its replay) in common terms: entry attempts (the entry orders sent for
 * one decision until the entry filled or was given up), fills, round trips and refusals, on the engine's clock.
 */
final class SideView {
    /** An entry attempt: the first entry order and those sent while it worked (reprices, escalations). */
    static final class Attempt {
        final int index;
        final long decisionSeq;
        final long startNs;
        final Side side;
        final List<String> orderIds = new ArrayList<>();
        final Set<String> open = new LinkedHashSet<>();
        long endNs;
        long firstFillNs;
        String firstFillLiquidity = "";
        long firstFillPriceTicks;
        long filledLots;
        String rejection = "";
        int trade = -1;

        Attempt(int index, long decisionSeq, long startNs, Side side) {
            this.index = index;
            this.decisionSeq = decisionSeq;
            this.startNs = startNs;
            this.side = side;
            this.endNs = startNs;
        }

        boolean filled() {
            return filledLots > 0;
        }

        /** When the attempt stopped mattering: its end, or its trade's exit. */
        long busyUntilNs(List<RoundTrip> trades) {
            return trade >= 0 ? Math.max(endNs, trades.get(trade).exitTimeNs()) : endNs;
        }

        String outcome() {
            if (filled()) {
                return "filled (" + firstFillLiquidity.toLowerCase(java.util.Locale.ROOT) + ")";
            }
            if (!rejection.isEmpty()) {
                return "rejected: " + rejection;
            }
            return open.isEmpty() ? "not filled" : "still working";
        }
    }

    /** A fill, with the purpose of its order and the attempt it belongs to (-1 for exits). */
    record Fill(
            long timeNs,
            String orderId,
            String purpose,
            Side side,
            long priceTicks,
            long qtyLots,
            String liquidity,
            double fee,
            int attempt) {}

    final List<Attempt> attempts = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<RoundTrip> trades;
    final int[] tradeAttempt;
    final Map<Long, String> refusalBySeq = new HashMap<>();
    final List<Session.Note> notes;
    final Map<String, Session.Command> submits = new HashMap<>();
    final Map<String, List<Session.Answer>> answersById = new HashMap<>();
    long makerFills;
    long takerFills;

    SideView(
            List<Session.Command> commands,
            List<Session.Answer> answers,
            List<RoundTrip> trades,
            List<Session.Note> notes,
            long untilNs) {
        this.trades = new ArrayList<>();
        for (RoundTrip t : trades) {
            if (untilNs == 0 || t.entryTimeNs() <= untilNs) {
                this.trades.add(t);
            }
        }
        this.notes = notes;
        for (Session.Note n : notes) {
            if (n.kind().equals("refusal")) {
                refusalBySeq.putIfAbsent(n.decisionSeq(), n.code());
            }
        }
        final List<Object[]> timeline = new ArrayList<>();
        for (Session.Command c : commands) {
            if (c.kind().equals("submit")) {
                submits.put(c.id(), c);
                timeline.add(new Object[] {c.timeNs(), 0, c});
            }
        }
        for (Session.Answer a : answers) {
            answersById.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
            timeline.add(new Object[] {a.timeNs(), 1, a});
        }
        timeline.sort(Comparator.comparingLong((Object[] o) -> (long) o[0]).thenComparingInt(o -> (int) o[1]));
        final Map<String, Attempt> attemptOf = new HashMap<>();
        final Map<String, Long> filledOf = new HashMap<>();
        final Set<String> seenFill = new HashSet<>();
        Attempt current = null;
        for (Object[] o : timeline) {
            if (o[2] instanceof Session.Command c) {
                if (!c.purpose().equals("ENTRY")) {
                    continue;
                }
                if (untilNs != 0 && c.timeNs() > untilNs) {
                    continue;
                }
                if (current == null || current.open.isEmpty() || current.filled()) {
                    current = new Attempt(attempts.size(), c.decisionSeq(), c.timeNs(), c.side());
                    attempts.add(current);
                }
                current.orderIds.add(c.id());
                current.open.add(c.id());
                attemptOf.put(c.id(), current);
                continue;
            }
            final Session.Answer a = (Session.Answer) o[2];
            final Session.Command sub = submits.get(a.id());
            final Attempt at = attemptOf.get(a.id());
            if (a.event().equals("Filled")) {
                if (!a.detail().isEmpty() && !seenFill.add(a.id() + "/" + a.detail())) {
                    continue;
                }
                final Side side = sub == null ? null : sub.side();
                fills.add(new Fill(
                        a.timeNs(),
                        a.id(),
                        sub == null ? "UNKNOWN" : sub.purpose(),
                        side,
                        a.priceTicks(),
                        a.qtyLots(),
                        a.liquidity(),
                        a.fee(),
                        at == null ? -1 : at.index));
                if (a.liquidity().equals("MAKER")) {
                    makerFills++;
                } else {
                    takerFills++;
                }
                final long total = filledOf.merge(a.id(), a.qtyLots(), Long::sum);
                if (at != null) {
                    if (!at.filled()) {
                        at.firstFillNs = a.timeNs();
                        at.firstFillLiquidity = a.liquidity();
                        at.firstFillPriceTicks = a.priceTicks();
                    }
                    at.filledLots += a.qtyLots();
                    at.endNs = Math.max(at.endNs, a.timeNs());
                    if (a.leavesLots() == 0 || (sub != null && total >= sub.qtyLots())) {
                        at.open.remove(a.id());
                    }
                }
            } else if (at != null && isTerminal(a.event())) {
                at.open.remove(a.id());
                at.endNs = Math.max(at.endNs, a.timeNs());
                if (a.event().equals("Rejected") && at.rejection.isEmpty()) {
                    at.rejection = a.reason() + (a.detail().isEmpty() ? "" : " (" + a.detail() + ")");
                }
            }
        }
        this.tradeAttempt = new int[this.trades.size()];
        for (int i = 0; i < this.trades.size(); i++) {
            final RoundTrip t = this.trades.get(i);
            int best = -1;
            for (Attempt a : attempts) {
                if (a.filled() && a.firstFillNs <= t.entryTimeNs() && a.side == t.side() && a.trade < 0) {
                    best = a.index;
                }
            }
            tradeAttempt[i] = best;
            if (best >= 0) {
                attempts.get(best).trade = i;
            }
        }
    }

    private static boolean isTerminal(String event) {
        return event.equals("Canceled") || event.equals("Rejected") || event.equals("Expired");
    }

    /** The attempt that was working, or whose trade was open, at {@code timeNs}; null when neither. */
    Attempt busyAt(long timeNs) {
        for (Attempt a : attempts) {
            if (a.startNs <= timeNs && timeNs <= a.busyUntilNs(trades)) {
                return a;
            }
        }
        return null;
    }

    /** Net PnL of the round trips. */
    double netPnl() {
        double s = 0;
        for (RoundTrip t : trades) {
            s += t.netPnl();
        }
        return s;
    }

    /** Exit reasons and how many round trips ended so. */
    Map<String, Long> exits() {
        final Map<String, Long> out = new java.util.TreeMap<>();
        for (RoundTrip t : trades) {
            out.merge(t.exitReason(), 1L, Long::sum);
        }
        return out;
    }

    /** Refusal codes and how often. */
    Map<String, Long> refusals() {
        final Map<String, Long> out = new java.util.TreeMap<>();
        for (Session.Note n : notes) {
            if (n.kind().equals("refusal")) {
                out.merge(n.code(), 1L, Long::sum);
            }
        }
        return out;
    }
}
