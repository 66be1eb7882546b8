package io.scalper.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's orders, by Bybit's order id, by the core exchange's id and by {@code orderLinkId}, in the order they
 * were placed. An order is {@linkplain #placing placing} while the core exchange decides on it (its events find it by
 * core id), then {@linkplain #placed placed} (Bybit's ids find it) or {@linkplain #refused forgotten}. Exchange thread.
 */
final class AccountOrders {
    private final Map<String, EmuOrder> byOrderId = new LinkedHashMap<>();
    private final Map<String, EmuOrder> byCoreId = new LinkedHashMap<>();
    private final Map<String, EmuOrder> byLinkId = new LinkedHashMap<>();

    void placing(EmuOrder o) {
        byCoreId.put(o.coreId, o);
    }

    void refused(EmuOrder o) {
        byCoreId.remove(o.coreId);
    }

    void placed(EmuOrder o) {
        byOrderId.put(o.orderId, o);
        if (!o.orderLinkId.isEmpty()) {
            byLinkId.put(o.orderLinkId, o);
        }
    }

    /** The order the core exchange calls {@code coreId}, or {@code null}. */
    EmuOrder byCoreId(String coreId) {
        return byCoreId.get(coreId);
    }

    /** Whether a placed order has this {@code orderLinkId}. */
    boolean hasLinkId(String orderLinkId) {
        return byLinkId.containsKey(orderLinkId);
    }

    /** The order a request names by {@code orderId}, else by {@code orderLinkId}; {@code null} if none. */
    EmuOrder find(JsonNode p) {
        final String orderId = Json.str(p, "orderId");
        if (orderId != null && !orderId.isEmpty()) {
            return byOrderId.get(orderId);
        }
        final String link = Json.str(p, "orderLinkId");
        return link == null || link.isEmpty() ? null : byLinkId.get(link);
    }

    /** The placed orders, oldest first (a live view: copy before changing orders while iterating). */
    Collection<EmuOrder> all() {
        return Collections.unmodifiableCollection(byOrderId.values());
    }

    /** The placed orders, oldest first, as a copy. */
    List<EmuOrder> snapshot() {
        return new ArrayList<>(byOrderId.values());
    }
}
