package io.scalper.bybit.rest;

import static io.scalper.bybit.rest.Payloads.ack;
import static io.scalper.bybit.rest.Payloads.body;
import static io.scalper.bybit.rest.Payloads.list;
import static io.scalper.bybit.rest.Payloads.page;
import static io.scalper.bybit.rest.Payloads.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order endpoints ({@code /v5/order/*}, {@code /v5/execution/list}, signed): create with its safe retry and the
 * read-back of an order whose creation had an unknown outcome, amend, cancel, cancel-all, open orders, order lookup
 * by client id, executions. Behind {@link BybitRestClient}, which documents each method's contract under the same
 * name; logs under its logger.
 */
final class OrderEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(BybitRestClient.class);

    private final BybitTransport transport;

    OrderEndpoints(BybitTransport transport) {
        this.transport = transport;
    }

    BybitOrderAck createOrder(BybitCreateOrder order) throws IOException {
        final BybitTransport.Attempts attempts = new BybitTransport.Attempts();
        try {
            return ack(transport.post(Endpoint.ORDER_CREATE, order.toBody(), attempts));
        } catch (BybitApiException e) {
            if (attempts.ambiguous && e.category() != BybitErrorCategory.DUPLICATE_ORDER_LINK_ID) {
                throw new BybitOutcomeUnknownException(
                        "Bybit order " + order.orderLinkId() + ": a retry was refused (" + e.retCode()
                                + ") after an attempt whose outcome is unknown; it may have been placed",
                        e);
            }
            if (e.category() != BybitErrorCategory.DUPLICATE_ORDER_LINK_ID || !attempts.ambiguous) {
                throw e;
            }
            LOG.info(
                    "Bybit order {}: a retry was answered 110072, so an earlier attempt placed it; reading it back",
                    order.orderLinkId());
            try {
                final Optional<BybitOrder> placed = findOrder(order.symbol(), order.orderLinkId());
                if (placed.isPresent()) {
                    return placed.get().toAck();
                }
            } catch (IOException readFailure) {
                LOG.warn("Bybit order {}: could not read it back: {}", order.orderLinkId(), readFailure.toString());
            }
            return new BybitOrderAck("", order.orderLinkId());
        }
    }

    BybitOrderAck amendOrder(BybitAmendOrder amend) throws IOException {
        return ack(transport.post(Endpoint.ORDER_AMEND, amend.toBody(), new BybitTransport.Attempts()));
    }

    BybitOrderAck cancelOrder(String symbol, String orderLinkId) throws IOException {
        return cancel(symbol, null, Objects.requireNonNull(orderLinkId, "orderLinkId"));
    }

    BybitOrderAck cancelOrderById(String symbol, String orderId) throws IOException {
        return cancel(symbol, Objects.requireNonNull(orderId, "orderId"), null);
    }

    private BybitOrderAck cancel(String symbol, String orderId, String orderLinkId) throws IOException {
        final Map<String, Object> body = body(symbol);
        if (orderId != null) {
            body.put("orderId", orderId);
        }
        if (orderLinkId != null) {
            body.put("orderLinkId", orderLinkId);
        }
        return ack(transport.post(Endpoint.ORDER_CANCEL, body, new BybitTransport.Attempts()));
    }

    List<BybitOrderAck> cancelAllOrders(String symbol) throws IOException {
        final JsonNode result = transport.post(Endpoint.ORDER_CANCEL_ALL, body(symbol), new BybitTransport.Attempts());
        final List<BybitOrderAck> out = new ArrayList<>();
        for (JsonNode item : result.path("list")) {
            out.add(ack(item));
        }
        return out;
    }

    BybitPage<BybitOrder> openOrders(String symbol, String cursor) throws IOException {
        final Params q = scope(symbol).add("limit", "50").add("cursor", cursor);
        return page(transport.get(Endpoint.ORDER_REALTIME, q), BybitOrder.class, Endpoint.ORDER_REALTIME);
    }

    List<BybitOrder> allOpenOrders(String symbol) throws IOException {
        final List<BybitOrder> out = new ArrayList<>();
        String cursor = "";
        do {
            final BybitPage<BybitOrder> page = openOrders(symbol, cursor);
            out.addAll(page.list());
            cursor = page.nextPageCursor();
        } while (!cursor.isEmpty());
        return out;
    }

    Optional<BybitOrder> findOrder(String symbol, String orderLinkId) throws IOException {
        Objects.requireNonNull(orderLinkId, "orderLinkId");
        final Params open = scope(symbol).add("orderLinkId", orderLinkId);
        Optional<BybitOrder> found = first(transport.get(Endpoint.ORDER_REALTIME, open), Endpoint.ORDER_REALTIME);
        if (found.isEmpty()) {
            final Params closed = scope(symbol).add("orderLinkId", orderLinkId).add("openOnly", "1");
            found = first(transport.get(Endpoint.ORDER_REALTIME, closed), Endpoint.ORDER_REALTIME);
        }
        if (found.isEmpty()) {
            final Params history = scope(symbol).add("orderLinkId", orderLinkId);
            found = first(transport.get(Endpoint.ORDER_HISTORY, history), Endpoint.ORDER_HISTORY);
        }
        return found;
    }

    private Optional<BybitOrder> first(JsonNode result, Endpoint endpoint) throws IOException {
        final List<BybitOrder> orders = list(result, BybitOrder.class, endpoint);
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
    }

    BybitPage<BybitExecution> executions(String symbol, String orderLinkId, long startTimeMs, String cursor)
            throws IOException {
        final Params q = scope(symbol)
                .add("orderLinkId", orderLinkId)
                .addPositive("startTime", startTimeMs)
                .add("limit", "100")
                .add("cursor", cursor);
        return page(transport.get(Endpoint.EXECUTION_LIST, q), BybitExecution.class, Endpoint.EXECUTION_LIST);
    }

    List<BybitExecution> executionsSince(String symbol, long startTimeMs, int maxPages) throws IOException {
        final List<BybitExecution> out = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < maxPages; page++) {
            final BybitPage<BybitExecution> p = executions(symbol, null, startTimeMs, cursor);
            out.addAll(p.list());
            cursor = p.nextPageCursor();
            if (cursor.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
