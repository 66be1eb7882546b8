package io.scalper.bybit.gateway;

import io.scalper.bybit.rest.BybitApiException;
import io.scalper.bybit.rest.BybitCreateOrder;
import io.scalper.bybit.rest.BybitErrorCategory;
import io.scalper.bybit.rest.BybitOrderAck;
import io.scalper.bybit.rest.BybitRestClient;
import io.scalper.bybit.rest.BybitVocabulary;
import io.scalper.bybit.ws.BybitTradeStream;
import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order commands out and their answers back. Routing: over the trade stream when there is one and it is up, else over
 * REST on the {@link RestWorker}; every command behind the {@link CommandQueue}'s rate limit; cancel-all always over
 * REST. Answers: an ack becomes {@code Accepted}, {@code Amended} or {@code Canceled}; a refusal the rejection {@link
 * BybitVocabulary} maps its code to; an answer that leaves the outcome unknown (a transport failure, an unanswered
 * trade-stream request, {@link #isOutcomeUnknown the codes listed there}) an {@link OrderLookUps look-up}; a
 * rate-limit answer pauses the limiter; a timestamp refusal on the trade stream re-synchronises the clock and sends the
 * request again over REST. Events go through the {@link OrderEventFilter}. Engine thread (REST calls on the worker).
 */
final class OrderCommands {
    private static final Logger LOG = LoggerFactory.getLogger(BybitGateway.class);

    private final BybitRestClient rest;
    private final Clock clock;
    private final RestWorker worker;
    private final OrderEventFilter events;
    private final CommandQueue queue;
    private final OrderLookUps lookUps;
    private final VenueChecks venueChecks;
    private final BybitTradeStream tradeStream;
    /** Amends in flight on the trade stream, by request id. */
    private final Map<String, AmendValues> wsAmends = new HashMap<>();

    private long wsCommands;
    private long restCommands;
    private long rateLimitedAnswers;
    private long timestampResyncs;
    private long outcomeUnknown;

    /**
     * @param tradeStreams makes the trade stream that answers to the listener given, or {@code null}: every command
     *     over REST
     */
    OrderCommands(
            BybitRestClient rest,
            Clock clock,
            RestWorker worker,
            OrderEventFilter events,
            CommandQueue queue,
            OrderLookUps lookUps,
            VenueChecks venueChecks,
            Function<BybitTradeStream.ResponseListener, BybitTradeStream> tradeStreams) {
        this.rest = rest;
        this.clock = clock;
        this.worker = worker;
        this.events = events;
        this.queue = queue;
        this.lookUps = lookUps;
        this.venueChecks = venueChecks;
        this.tradeStream = tradeStreams == null ? null : tradeStreams.apply(new TradeResponses());
    }

    /** The trade stream, or {@code null} when commands go over REST only. */
    BybitTradeStream tradeStream() {
        return tradeStream;
    }

    // ------------------------------------------------------------------ commands

    void create(String id, BybitCreateOrder body) {
        queue.dispatch(OrderOp.CREATE, () -> sendCreate(id, body), clock.nowNs());
    }

    void amend(String id, AmendValues v) {
        queue.dispatch(OrderOp.AMEND, () -> sendAmend(id, v), clock.nowNs());
    }

    void cancel(String id, String symbol) {
        queue.dispatch(OrderOp.CANCEL, () -> sendCancel(id, symbol), clock.nowNs());
    }

    /** Cancels every open order of {@code symbol} over REST; if that fails, the venue is read. */
    void cancelAll(String symbol) {
        queue.dispatch(OrderOp.CANCEL, () -> restCancelAll(symbol), clock.nowNs());
    }

    /** Sends a create again over REST (same {@code orderLinkId}), behind the rate limit. */
    void resendCreate(String id, BybitCreateOrder body) {
        queue.dispatch(OrderOp.CREATE, () -> restCreate(id, body), clock.nowNs());
    }

    private void sendCreate(String id, BybitCreateOrder body) {
        if (tradeStream != null && tradeStream.isUp() && tradeStream.create(body) != null) {
            wsCommands++;
            return;
        }
        restCreate(id, body);
    }

    private void sendAmend(String clientOrderId, AmendValues v) {
        if (tradeStream != null && tradeStream.isUp()) {
            final String reqId = tradeStream.amend(v.body());
            if (reqId != null) {
                wsCommands++;
                wsAmends.put(reqId, v);
                return;
            }
        }
        restAmend(clientOrderId, v);
    }

    private void sendCancel(String clientOrderId, String symbol) {
        if (tradeStream != null && tradeStream.isUp() && tradeStream.cancel(symbol, clientOrderId) != null) {
            wsCommands++;
            return;
        }
        restCancel(clientOrderId, symbol);
    }

    // ------------------------------------------------------------------ REST paths

    private void restCreate(String id, BybitCreateOrder body) {
        final long sentNs = clock.nowNs();
        restCommands++;
        worker.submit(() -> {
            try {
                final BybitOrderAck ack = rest.createOrder(body);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(OrderOp.CREATE, id, ack.orderId(), rtNs, null);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(OrderOp.CREATE, id, e, null);
            } catch (IOException | RuntimeException e) {
                LOG.warn("bybit gateway: create {} outcome unknown ({}): looking it up", id, e.toString());
                return () -> onOutcomeUnknown(OrderOp.CREATE, id, null);
            }
        });
    }

    private void restAmend(String clientOrderId, AmendValues v) {
        final long sentNs = clock.nowNs();
        restCommands++;
        worker.submit(() -> {
            try {
                final BybitOrderAck ack = rest.amendOrder(v.body());
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(OrderOp.AMEND, clientOrderId, ack.orderId(), rtNs, v);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(OrderOp.AMEND, clientOrderId, e, v);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: amend {} failed in transport ({}): looking it up", clientOrderId, e.toString());
                return () -> onOutcomeUnknown(OrderOp.AMEND, clientOrderId, v);
            }
        });
    }

    private void restCancel(String clientOrderId, String symbol) {
        final long sentNs = clock.nowNs();
        restCommands++;
        worker.submit(() -> {
            try {
                final BybitOrderAck ack = rest.cancelOrder(symbol, clientOrderId);
                final long rtNs = clock.nowNs() - sentNs;
                return () -> onAck(OrderOp.CANCEL, clientOrderId, ack.orderId(), rtNs, null);
            } catch (BybitApiException e) {
                return () -> onRestRefusal(OrderOp.CANCEL, clientOrderId, e, null);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "bybit gateway: cancel {} failed in transport ({}): looking it up",
                        clientOrderId,
                        e.toString());
                return () -> onOutcomeUnknown(OrderOp.CANCEL, clientOrderId, null);
            }
        });
    }

    private void restCancelAll(String symbol) {
        restCommands++;
        worker.submit(() -> {
            try {
                final List<BybitOrderAck> acks = rest.cancelAllOrders(symbol);
                return () -> {
                    final long nowNs = clock.nowNs();
                    for (BybitOrderAck ack : acks) {
                        if (!ack.orderLinkId().isEmpty()) {
                            events.deliver(new OrderEvent.Canceled(
                                    ack.orderLinkId(), ack.orderId(), CancelReason.BY_CLIENT, 0, nowNs));
                        }
                    }
                };
            } catch (IOException | RuntimeException e) {
                LOG.error("bybit gateway: cancel-all {} failed: {}; reading the venue", symbol, e.toString());
                return () -> venueChecks.request(symbol);
            }
        });
    }

    // ------------------------------------------------------------------ answers

    /** A REST refusal: a rate limit pauses the limiter; an ambiguous one is looked up; the rest are refusals. */
    private void onRestRefusal(OrderOp op, String id, BybitApiException e, AmendValues amend) {
        if (e.category() == BybitErrorCategory.RATE_LIMIT) {
            rateLimitedAnswers++;
            queue.limiter().onRateLimited(clock.nowNs());
        }
        onRefusal(op, id, e.retCode(), e.retMsg(), amend);
    }

    /** A refusal that is not a rate limit's or a timestamp's concern any more: look it up, or report it. */
    private void onRefusal(OrderOp op, String id, int retCode, String retMsg, AmendValues amend) {
        if (isOutcomeUnknown(op, retCode) && !knownFinished(id, retCode)) {
            if (retCode == 110072) {
                markExists(id);
            }
            onOutcomeUnknown(op, id, amend);
        } else {
            onRefused(op, id, retCode, retMsg);
        }
    }

    /**
     * "No such order" or "already finished" for an order we already know is finished (filled, cancelled, rejected):
     * nothing to look up.
     */
    private boolean knownFinished(String id, int retCode) {
        if (retCode != 110001 && retCode != 110008 && retCode != 110010) {
            return false;
        }
        final TrackedOrder t = events.get(id);
        return t == null || t.terminal;
    }

    /**
     * Codes after which a request may or may not have taken effect (or the order's state is not what we think): look,
     * do not guess.
     */
    static boolean isOutcomeUnknown(OrderOp op, int retCode) {
        switch (retCode) {
            case BybitApiException.NO_RET_CODE: // HTTP-level failure
            case 10000: // server timeout
            case 10016: // internal error
            case 10019: // service restarting
                return true;
            case 110072: // duplicate orderLinkId: the order exists
                return op == OrderOp.CREATE;
            case 110001: // order does not exist (or too late: it finished)
            case 110008: // order already completed or cancelled
            case 110010: // order already cancelled
                return op != OrderOp.CREATE;
            default:
                return false;
        }
    }

    private void markExists(String id) {
        final TrackedOrder t = events.get(id);
        if (t != null) {
            t.existsProven = true;
        }
    }

    private void onOutcomeUnknown(OrderOp op, String id, AmendValues amend) {
        outcomeUnknown++;
        lookUps.lookUp(op, id, amend);
    }

    private void onAck(OrderOp op, String id, String orderId, long roundTripNs, AmendValues amend) {
        events.listener().onLatency(roundTripNs);
        queue.limiter().onAccepted();
        final long nowNs = clock.nowNs();
        final TrackedOrder t = events.get(id);
        if (t != null && orderId != null && !orderId.isEmpty()) {
            t.venueOrderId = orderId;
        }
        switch (op) {
            case CREATE:
                events.deliver(new OrderEvent.Accepted(id, orderId, 0, nowNs));
                break;
            case AMEND:
                if (amend != null) {
                    events.deliver(new OrderEvent.Amended(
                            id, orderId, amend.priceTicks(), amend.qtyLots(), amend.triggerTicks(), 0, nowNs));
                }
                break;
            case CANCEL:
                events.deliver(new OrderEvent.Canceled(id, orderId, CancelReason.BY_CLIENT, 0, nowNs));
                break;
            default:
                break;
        }
    }

    private void onRefused(OrderOp op, String id, int retCode, String retMsg) {
        final long nowNs = clock.nowNs();
        final RejectReason reason = BybitVocabulary.rejectReason(retCode);
        final String detail = BybitVocabulary.refusalDetail(retCode, retMsg);
        final String venueId = events.venueOrderId(id);
        switch (op) {
            case CREATE:
                events.deliver(new OrderEvent.Rejected(id, venueId, reason, detail, 0, nowNs));
                break;
            case AMEND:
                events.deliver(new OrderEvent.AmendRejected(id, venueId, reason, detail, 0, nowNs));
                break;
            case CANCEL:
                events.deliver(new OrderEvent.CancelRejected(id, venueId, reason, detail, 0, nowNs));
                break;
            default:
                break;
        }
    }

    /** Trade-stream outcomes, on the engine thread during the gateway's poll. */
    private final class TradeResponses implements BybitTradeStream.ResponseListener {
        @Override
        public void onAck(String reqId, String op, String orderId, String orderLinkId, long roundTripNs) {
            final OrderOp o = OrderOp.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o != null) {
                OrderCommands.this.onAck(o, orderLinkId, orderId, roundTripNs, v);
            }
        }

        @Override
        public void onRejected(String reqId, String op, String orderLinkId, int retCode, String retMsg) {
            final OrderOp o = OrderOp.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o == null) {
                return;
            }
            final BybitErrorCategory category = BybitErrorCategory.of(retCode);
            if (category == BybitErrorCategory.RATE_LIMIT) {
                rateLimitedAnswers++;
                queue.limiter().onRateLimited(clock.nowNs());
            }
            if (category == BybitErrorCategory.TIMESTAMP) {
                resyncClockAndResend(o, orderLinkId, v);
            } else {
                onRefusal(o, orderLinkId, retCode, retMsg, v);
            }
        }

        @Override
        public void onUnknown(String reqId, String op, String orderLinkId) {
            final OrderOp o = OrderOp.of(op);
            final AmendValues v = wsAmends.remove(reqId);
            if (o != null) {
                LOG.warn("bybit gateway: {} {} unanswered on the trade stream: looking it up", op, orderLinkId);
                onOutcomeUnknown(o, orderLinkId, v);
            }
        }
    }

    /**
     * The trade stream refused a request's timestamp (10002: nothing happened): measure the venue's clock again over
     * REST, then send the same request over REST (same {@code orderLinkId}).
     */
    private void resyncClockAndResend(OrderOp op, String id, AmendValues amend) {
        timestampResyncs++;
        final TrackedOrder t = events.get(id);
        if (t == null) {
            return;
        }
        LOG.warn("bybit gateway: {} {} refused for its timestamp (10002): resynchronising the clock", op.wsName, id);
        worker.submit(() -> {
            try {
                rest.syncTime();
            } catch (IOException | RuntimeException e) {
                LOG.warn("bybit gateway: clock resync failed: {}", e.toString());
            }
            return null;
        });
        switch (op) {
            case CREATE:
                if (t.create != null) {
                    restCreate(id, t.create);
                }
                break;
            case AMEND:
                if (amend != null) {
                    restAmend(id, amend);
                }
                break;
            case CANCEL:
                restCancel(id, t.symbol);
                break;
            default:
                break;
        }
    }

    // ------------------------------------------------------------------ counters

    /** Commands sent over the trade stream. */
    long wsCommands() {
        return wsCommands;
    }

    /** Commands sent over REST. */
    long restCommands() {
        return restCommands;
    }

    /** Commands Bybit refused as over its rate limit. */
    long rateLimitedAnswers() {
        return rateLimitedAnswers;
    }

    /** Clock resynchronisations after a 10002 on the trade stream. */
    long timestampResyncs() {
        return timestampResyncs;
    }

    /** Commands whose outcome was unknown and had to be looked up. */
    long outcomesUnknown() {
        return outcomeUnknown;
    }
}
