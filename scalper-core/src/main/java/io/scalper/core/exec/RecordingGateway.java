package io.scalper.core.exec;

import io.scalper.core.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ExchangeGateway} for tests and examples: records every command in order and lets the test answer with
 * exchange events ({@link #accept}, {@link #fill}, {@link #cancelled}, ...). With {@code autoAcknowledge} it answers
 * submits with {@code Accepted}, amends with {@code Amended} and cancels with {@code Canceled} at once, like a
 * friendly exchange, leaving fills to the test. Single-threaded; events are delivered synchronously to the listener.
 */
public final class RecordingGateway implements ExchangeGateway {
    /** One recorded command. */
    public record Command(
            String kind,
            String clientOrderId,
            OrderRequest request,
            long priceTicks,
            long qtyLots,
            long triggerPriceTicks,
            long timeNs) {}

    private final Clock clock;
    private ExecutionListener listener;
    private boolean supportsAmend = true;
    private boolean answerSubmits;
    private boolean answerAmends;
    private boolean answerCancels;
    private boolean readyForEntries = true;
    private final List<Command> commands = new ArrayList<>();
    private final Map<String, OrderRequest> requests = new LinkedHashMap<>();
    private long fillSeq;

    public RecordingGateway(Clock clock, boolean autoAcknowledge) {
        this.clock = clock;
        this.answerSubmits = autoAcknowledge;
        this.answerAmends = autoAcknowledge;
        this.answerCancels = autoAcknowledge;
    }

    /**
     * Chooses which commands are answered at once; the others wait for the test's answer.
     */
    public RecordingGateway answering(boolean submits, boolean amends, boolean cancels) {
        this.answerSubmits = submits;
        this.answerAmends = amends;
        this.answerCancels = cancels;
        return this;
    }

    /** What {@link #isReadyForEntries()} answers from now on. */
    public RecordingGateway readyForEntries(boolean ready) {
        this.readyForEntries = ready;
        return this;
    }

    /** Makes {@link #supportsAmend()} answer {@code false} (the engine then cancels and replaces). */
    public RecordingGateway withoutAmend() {
        this.supportsAmend = false;
        return this;
    }

    @Override
    public void setListener(ExecutionListener listener) {
        this.listener = listener;
    }

    @Override
    public void submit(OrderRequest request) {
        commands.add(new Command(
                "submit",
                request.clientOrderId(),
                request,
                request.priceTicks(),
                request.qtyLots(),
                request.triggerPriceTicks(),
                clock.nowNs()));
        requests.put(request.clientOrderId(), request);
        if (answerSubmits) {
            accept(request.clientOrderId());
        }
    }

    @Override
    public void amend(String clientOrderId, long newPriceTicks, long newQtyLots, long newTriggerPriceTicks) {
        commands.add(new Command(
                "amend",
                clientOrderId,
                requests.get(clientOrderId),
                newPriceTicks,
                newQtyLots,
                newTriggerPriceTicks,
                clock.nowNs()));
        if (answerAmends) {
            amended(clientOrderId, newPriceTicks, newQtyLots, newTriggerPriceTicks);
        }
    }

    @Override
    public void cancel(String clientOrderId) {
        commands.add(new Command("cancel", clientOrderId, requests.get(clientOrderId), 0, 0, 0, clock.nowNs()));
        if (answerCancels) {
            cancelled(clientOrderId, CancelReason.BY_CLIENT);
        }
    }

    @Override
    public void cancelAll(String symbol) {
        commands.add(new Command("cancelAll", "", null, 0, 0, 0, clock.nowNs()));
    }

    @Override
    public boolean supportsAmend() {
        return supportsAmend;
    }

    /** Recorded as a {@code venueCheck} command (client id = the symbol); the test answers with {@link #venuePosition}. */
    @Override
    public void requestVenueCheck(String symbol) {
        commands.add(new Command("venueCheck", symbol, null, 0, 0, 0, clock.nowNs()));
    }

    @Override
    public boolean isReadyForEntries() {
        return readyForEntries;
    }

    /** Reports the venue's position of {@code symbol}. */
    public void venuePosition(String symbol, long signedLots, long avgEntryTicks, boolean authoritative) {
        listener.onVenuePosition(new VenuePosition(symbol, signedLots, avgEntryTicks, authoritative, now(), now()));
    }

    /** Reports a venue alert. */
    public void venueAlert(String symbol, String code, String detail) {
        listener.onVenueAlert(symbol, code, detail);
    }

    // ------------------------------------------------------------------ answers

    private long now() {
        return clock.nowNs();
    }

    public void accept(String id) {
        listener.onOrderEvent(new OrderEvent.Accepted(id, "v-" + id, now(), now()));
    }

    public void reject(String id, RejectReason reason) {
        listener.onOrderEvent(new OrderEvent.Rejected(id, "", reason, now(), now()));
    }

    public void amended(String id, long priceTicks, long qtyLots, long triggerTicks) {
        listener.onOrderEvent(new OrderEvent.Amended(id, "v-" + id, priceTicks, qtyLots, triggerTicks, now(), now()));
    }

    public void amendRejected(String id, RejectReason reason) {
        listener.onOrderEvent(new OrderEvent.AmendRejected(id, "v-" + id, reason, now(), now()));
    }

    public void cancelled(String id, CancelReason reason) {
        listener.onOrderEvent(new OrderEvent.Canceled(id, "v-" + id, reason, now(), now()));
    }

    /** A cancel with the venue's own words alongside the reason. */
    public void cancelled(String id, CancelReason reason, String detail) {
        listener.onOrderEvent(new OrderEvent.Canceled(id, "v-" + id, reason, detail, now(), now()));
    }

    public void cancelRejected(String id, RejectReason reason) {
        listener.onOrderEvent(new OrderEvent.CancelRejected(id, "v-" + id, reason, now(), now()));
    }

    public void triggered(String id) {
        listener.onOrderEvent(new OrderEvent.Triggered(id, "v-" + id, now(), now()));
    }

    /** A fill with a fresh fill id; fee = notional × rate is up to the caller. */
    public void fill(String id, long priceTicks, long qtyLots, double fee, Liquidity liquidity) {
        listener.onOrderEvent(new OrderEvent.Filled(
                id, "v-" + id, "f-" + (++fillSeq), priceTicks, qtyLots, fee, liquidity, -1, now(), now()));
    }

    /** Delivers an arbitrary event (duplicates, out-of-order cases). */
    public void deliver(OrderEvent event) {
        listener.onOrderEvent(event);
    }

    public void funding(String symbol, double amount, double rate) {
        listener.onFunding(symbol, amount, rate, now());
    }

    // ------------------------------------------------------------------ inspection

    public List<Command> commands() {
        return Collections.unmodifiableList(commands);
    }

    /** Commands of one kind ({@code submit}, {@code amend}, {@code cancel}, {@code cancelAll}). */
    public List<Command> commands(String kind) {
        final List<Command> out = new ArrayList<>();
        for (Command c : commands) {
            if (c.kind().equals(kind)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The last submit of a purpose, or {@code null}. */
    public OrderRequest lastSubmitted(OrderPurpose purpose) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            final Command c = commands.get(i);
            if (c.kind().equals("submit") && c.request().purpose() == purpose) {
                return c.request();
            }
        }
        return null;
    }

    public OrderRequest request(String id) {
        return requests.get(id);
    }

    public void clear() {
        commands.clear();
    }
}
