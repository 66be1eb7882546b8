package io.scalper.bybit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the endpoint groups send and read: queries and bodies scoped to linear contracts, and the {@code result}'s
 * lists, pages and order acknowledgements.
 */
final class Payloads {
    private Payloads() {}

    /** Linear category and a symbol, or every USDT-settled contract. */
    static Params scope(String symbol) {
        final Params q = Params.of("category", "linear");
        return symbol == null ? q.add("settleCoin", "USDT") : q.add("symbol", symbol);
    }

    /** A body for linear {@code symbol}, in order, to which the call adds its fields. */
    static Map<String, Object> body(String symbol) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "linear");
        body.put("symbol", Objects.requireNonNull(symbol, "symbol"));
        return body;
    }

    static BybitOrderAck ack(JsonNode result) {
        return new BybitOrderAck(
                result.path("orderId").asText(""), result.path("orderLinkId").asText(""));
    }

    /** A field's text, {@code ""} when absent or null. */
    static String text(JsonNode node, String field) {
        final JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** The {@code result}'s {@code list}, each item read as {@code type}. */
    static <T> List<T> list(JsonNode result, Class<T> type, Endpoint endpoint) throws IOException {
        final JsonNode list = result.path("list");
        final List<T> out = new ArrayList<>(list.size());
        try {
            for (JsonNode item : list) {
                out.add(BybitTransport.MAPPER.treeToValue(item, type));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("Bybit " + endpoint.label + ": unexpected item: " + e.getMessage(), e);
        }
        return out;
    }

    /** The {@code result}'s {@code list} and {@code nextPageCursor}. */
    static <T> BybitPage<T> page(JsonNode result, Class<T> type, Endpoint endpoint) throws IOException {
        return new BybitPage<>(
                list(result, type, endpoint), result.path("nextPageCursor").asText(""));
    }
}
