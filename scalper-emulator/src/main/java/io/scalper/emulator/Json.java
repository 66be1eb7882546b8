package io.scalper.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** JSON helpers of the emulator (control paths only, not the market hot path). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses text, or returns null when it is not a JSON object. */
    static ObjectNode parseObject(String text) {
        try {
            final JsonNode n = MAPPER.readTree(text);
            return n instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** A field as text ("" for numbers' text form), or null when absent or null. */
    static String str(JsonNode node, String field) {
        final JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static boolean bool(JsonNode node, String field) {
        final JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        return v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText());
    }
}
