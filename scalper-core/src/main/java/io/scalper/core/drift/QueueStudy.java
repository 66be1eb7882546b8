package io.scalper.core.drift;

import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.backtest.SimulatedExchange;
import io.scalper.core.backtest.SimulatedExchangeConfig;
import io.scalper.core.backtest.events.EventBuffer;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.MessageReader;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketDataListeners;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.session.Session;
import io.scalper.core.time.ManualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fill probability of resting entries by queue position, live against simulated, and the queue model that fits the
 * live fills best. Each resting entry order of the live session (post-only or good-till-cancelled limits the venue
 * accepted) is placed again, at the moments the venue saw it (its commands plus half the round trip measured then),
 * on simulated exchanges over the recorded market — one per candidate queue model — and cancelled when the live one
 * ended (or a grace period after the live one's first fill). An order counts as filled when any of it filled. Orders
 * are independent here: what one filling does to the position does not change the next, unlike in a replay, so the
 * models are compared on the same orders.
 */
final class QueueStudy {
    /** Queue ahead at join, in multiples of the order's own size: the upper bounds of the buckets (the last is open). */
    static final double[] BUCKETS = {0, 1, 3, 10};

    /** After a live fill, how long a simulated order may take to fill and still count as filled alike. */
    static final long GRACE_NS = 250_000_000L;

    /** The shares of {@code backtest.queueAheadShare} tried by the fit (0 is the risk-averse model). */
    static final double[] SHARES = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    /** One bucket of queue positions. */
    record Bucket(String label, long orders, long liveFilled, long simulatedFilled, long fittedFilled) {}

    /** What the study found. */
    record Result(
            long orders,
            long crossedInSimulation,
            long liveFilled,
            long simulatedFilled,
            String simulatedModel,
            double fittedShare,
            long fittedFilled,
            long fittedAgreement,
            long simulatedAgreement,
            double[] shares,
            long[] agreementByShare,
            long[] filledByShare,
            List<Bucket> buckets) {
        static Result empty(String model) {
            return new Result(
                    0,
                    0,
                    0,
                    0,
                    model,
                    Double.NaN,
                    0,
                    0,
                    0,
                    SHARES.clone(),
                    new long[SHARES.length],
                    new long[SHARES.length],
                    List.of());
        }
    }

    /** A live resting order to place again: its venue-side times. */
    private record Probe(
            String id,
            io.scalper.core.model.Side side,
            long priceTicks,
            long qtyLots,
            long placeNs,
            long endNs,
            boolean liveFilled,
            long liveFillNs,
            List<long[]> amends) {}

    private QueueStudy() {}

    static Result run(
            Session.Log log,
            Instrument instrument,
            ScalperConfig config,
            MarketSource market,
            SessionTiming timing,
            String configuredModel,
            QueueModel configured)
            throws IOException {
        final List<Probe> probes = probes(log);
        if (probes.isEmpty()) {
            market.close();
            return Result.empty(configuredModel);
        }
        final int models = SHARES.length + 1;
        final QueueModel[] queue = new QueueModel[models];
        for (int i = 0; i < SHARES.length; i++) {
            queue[i] = QueueModel.probabilistic(SHARES[i]);
        }
        queue[models - 1] = configured;
        final ManualClock clock = new ManualClock(0);
        final MarketState state = new MarketState(instrument, config.book().maxDepth(), config.tape());
        final SimulatedExchange[] exchanges = new SimulatedExchange[models];
        final List<Map<String, Long>> firstFill = new ArrayList<>();
        final SimulatedExchangeConfig ec = new SimulatedExchangeConfig(
                config.backtest().makerFeeRate(), config.backtest().takerFeeRate(), 1e12, 200);
        for (int i = 0; i < models; i++) {
            exchanges[i] = new SimulatedExchange(ec, state, clock, LatencyModel.constant(0, 0), queue[i]);
            final Map<String, Long> fills = new HashMap<>();
            firstFill.add(fills);
            exchanges[i].setListener(new ExecutionListener() {
                @Override
                public void onOrderEvent(OrderEvent event) {
                    if (event instanceof OrderEvent.Filled) {
                        fills.putIfAbsent(event.clientOrderId(), clock.nowNs());
                    }
                }
            });
        }
        final MarketStateSink sink =
                new MarketStateSink(state, MarketDataListeners.fanOut((MarketDataListener[]) exchanges));
        // the actions, in time order: place (0), amend (1), cancel (2)
        final List<long[]> actions = new ArrayList<>();
        for (int p = 0; p < probes.size(); p++) {
            final Probe pr = probes.get(p);
            actions.add(new long[] {pr.placeNs(), 0, p, 0});
            for (long[] a : pr.amends()) {
                actions.add(new long[] {a[0], 1, p, a[1]});
            }
            actions.add(new long[] {pr.endNs(), 2, p, 0});
        }
        actions.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        final double[] aheadAtJoin = new double[probes.size()];
        Arrays.fill(aheadAtJoin, Double.NaN);
        int next = 0;
        final EventBuffer buffer = new EventBuffer(1 << 14);
        final EventEncoder encoder = new EventEncoder(buffer, market::localTimeNs);
        buffer.setRefill(() -> {
            final boolean more = market.next(encoder);
            encoder.endMessage();
            return more;
        });
        final MessageReader reader = new MessageReader(buffer.newReader());
        long last = Long.MIN_VALUE;
        try (market) {
            while (true) {
                final boolean more = reader.peek();
                final long t = more
                        ? Math.max(last, timing.exchangeNs(reader.exchangeTimeNs(), reader.localTimeNs()))
                        : Long.MAX_VALUE;
                while (next < actions.size() && actions.get(next)[0] <= t) {
                    final long[] a = actions.get(next++);
                    if (a[0] > clock.nowNs()) {
                        clock.setNs(a[0]);
                    }
                    final Probe pr = probes.get((int) a[2]);
                    for (SimulatedExchange ex : exchanges) {
                        switch ((int) a[1]) {
                            case 0 ->
                                ex.submit(OrderRequest.limit(
                                        pr.id(),
                                        instrument.symbol(),
                                        pr.side(),
                                        pr.priceTicks(),
                                        pr.qtyLots(),
                                        TimeInForce.POST_ONLY,
                                        false,
                                        OrderPurpose.ENTRY));
                            case 1 -> ex.amend(pr.id(), a[3], 0, OrderRequest.NO_PRICE);
                            default -> ex.cancel(pr.id());
                        }
                        ex.advanceTo(clock.nowNs());
                    }
                    if (a[1] == 0) {
                        aheadAtJoin[(int) a[2]] = exchanges[models - 1].queueAheadLots(pr.id());
                    }
                }
                if (!more) {
                    break;
                }
                last = t;
                if (t > clock.nowNs()) {
                    clock.setNs(t);
                }
                reader.dispatch(sink);
                sink.flush();
                for (SimulatedExchange ex : exchanges) {
                    ex.advanceTo(clock.nowNs());
                }
            }
        }
        // tally
        long crossed = 0;
        long liveFilled = 0;
        final long[] filled = new long[models];
        final long[] agree = new long[models];
        final double[] timeError = new double[models];
        final long[][] bucketCounts = new long[BUCKETS.length + 1][];
        for (int b = 0; b < bucketCounts.length; b++) {
            bucketCounts[b] = new long[2 + models];
        }
        int studied = 0;
        for (int p = 0; p < probes.size(); p++) {
            final Probe pr = probes.get(p);
            if (Double.isNaN(aheadAtJoin[p])) {
                crossed++; // the simulated book crossed it at that instant: post-only refused, not resting
                continue;
            }
            studied++;
            if (pr.liveFilled()) {
                liveFilled++;
            }
            final int b = bucket(aheadAtJoin[p] / pr.qtyLots());
            bucketCounts[b][0]++;
            bucketCounts[b][1] += pr.liveFilled() ? 1 : 0;
            for (int m = 0; m < models; m++) {
                final boolean simFilled = firstFill.get(m).containsKey(pr.id());
                if (simFilled) {
                    filled[m]++;
                    bucketCounts[b][2 + m]++;
                }
                if (simFilled == pr.liveFilled()) {
                    agree[m]++;
                    if (simFilled) {
                        timeError[m] += Math.abs(firstFill.get(m).get(pr.id()) - pr.liveFillNs());
                    }
                }
            }
        }
        // the most orders right (filled or not, as live); then the fill times nearest the live ones
        int best = 0;
        for (int m = 1; m < SHARES.length; m++) {
            if (agree[m] > agree[best] || (agree[m] == agree[best] && timeError[m] < timeError[best])) {
                best = m;
            }
        }
        boolean told = false;
        for (int m = 0; m < SHARES.length; m++) {
            told |= agree[m] != agree[best] || timeError[m] != timeError[best];
        }
        final List<Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < bucketCounts.length; b++) {
            if (bucketCounts[b][0] > 0) {
                buckets.add(new Bucket(
                        bucketLabel(b),
                        bucketCounts[b][0],
                        bucketCounts[b][1],
                        bucketCounts[b][2 + models - 1],
                        bucketCounts[b][2 + best]));
            }
        }
        return new Result(
                studied,
                crossed,
                liveFilled,
                filled[models - 1],
                configuredModel,
                told ? SHARES[best] : Double.NaN,
                filled[best],
                agree[best],
                agree[models - 1],
                SHARES.clone(),
                Arrays.copyOf(agree, SHARES.length),
                Arrays.copyOf(filled, SHARES.length),
                buckets);
    }

    static int bucket(double ratio) {
        for (int b = 0; b < BUCKETS.length; b++) {
            if (ratio <= BUCKETS[b]) {
                return b;
            }
        }
        return BUCKETS.length;
    }

    static String bucketLabel(int b) {
        if (b == 0) {
            return "at the front (nothing ahead)";
        }
        if (b == BUCKETS.length) {
            return "more than " + fmt(BUCKETS[b - 1]) + "× its size ahead";
        }
        return fmt(BUCKETS[b - 1]) + "–" + fmt(BUCKETS[b]) + "× its size ahead";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The live resting entry orders, on the venue's side of the round trip. */
    private static List<Probe> probes(Session.Log log) {
        final Map<String, List<Session.Answer>> answers = new HashMap<>();
        for (Session.Answer a : log.answers()) {
            answers.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
        }
        final Map<String, List<Session.Command>> later = new HashMap<>();
        for (Session.Command c : log.commands()) {
            if (!c.kind().equals("submit")) {
                later.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
            }
        }
        final List<Probe> out = new ArrayList<>();
        for (Session.Command c : log.commands()) {
            if (!c.kind().equals("submit")
                    || !c.purpose().equals("ENTRY")
                    || !c.type().equals("LIMIT")
                    || c.reduceOnly()
                    || !(c.timeInForce().equals("POST_ONLY") || c.timeInForce().equals("GTC"))) {
                continue;
            }
            final List<Session.Answer> as = answers.getOrDefault(c.id(), List.of());
            boolean accepted = false;
            boolean filled = false;
            long fillNs = Long.MAX_VALUE;
            long endNs = Long.MAX_VALUE;
            for (Session.Answer a : as) {
                switch (a.event()) {
                    case "Accepted" -> accepted = true;
                    case "Filled" -> {
                        filled = true;
                        fillNs = Math.min(fillNs, a.timeNs());
                    }
                    case "Canceled", "Expired", "Rejected" -> endNs = Math.min(endNs, a.timeNs());
                    default -> {}
                }
            }
            final boolean refusedAtOnce = as.stream()
                    .anyMatch(a -> a.event().equals("Rejected")
                            || (a.event().equals("Canceled") && a.reason().equals("post_only_would_take")));
            if (!accepted || refusedAtOnce) {
                continue;
            }
            final long half = halfRoundTrip(log, c.timeNs());
            long end = filled ? fillNs - half + GRACE_NS : endNs == Long.MAX_VALUE ? Long.MAX_VALUE : endNs - half;
            final List<long[]> amends = new ArrayList<>();
            for (Session.Command k : later.getOrDefault(c.id(), List.of())) {
                if (k.kind().equals("cancel") && !filled) {
                    end = Math.min(end, k.timeNs() + halfRoundTrip(log, k.timeNs()));
                } else if (k.kind().equals("amend") && k.priceTicks() > 0 && k.priceTicks() != OrderRequest.NO_PRICE) {
                    amends.add(new long[] {k.timeNs() + halfRoundTrip(log, k.timeNs()), k.priceTicks()});
                }
            }
            final long place = c.timeNs() + half;
            out.add(new Probe(
                    c.id(),
                    c.side(),
                    c.priceTicks(),
                    c.qtyLots(),
                    place,
                    Math.max(place, end),
                    filled,
                    filled ? fillNs - half : 0,
                    amends));
        }
        return out;
    }

    /** Half the live order round trip measured nearest to {@code timeNs} (0 when none was measured). */
    static long halfRoundTrip(Session.Log log, long timeNs) {
        final long[] times = log.roundTripTimesNs();
        if (times.length == 0) {
            return 0;
        }
        int i = Arrays.binarySearch(times, timeNs);
        if (i < 0) {
            i = -i - 1;
            if (i == times.length || (i > 0 && timeNs - times[i - 1] <= times[i] - timeNs)) {
                i--;
            }
        }
        return log.roundTripsNs()[i] / 2;
    }
}
