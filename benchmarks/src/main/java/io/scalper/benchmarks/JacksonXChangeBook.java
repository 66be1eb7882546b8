package io.scalper.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.derivative.FuturesContract;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.instrument.Instrument;

/**
 * The baseline: what a typical Java bot does with a Bybit {@code orderbook} frame today. Jackson databind turns the
 * frame into a {@code Map<String, Object>}; each level's price and size strings become {@link BigDecimal}s in an
 * XChange {@link LimitOrder}; a snapshot builds a new XChange {@link OrderBook}, a delta calls
 * {@link OrderBook#update(LimitOrder)} per level (a zero size removes the level).
 *
 * <p>To do the same work as the Scalper path it also checks what {@code io.scalper.core.book.OrderBook} checks: update
 * ids must be contiguous after the snapshot (a gap stops applying deltas until the next snapshot) and the book must not
 * be crossed. Not thread-safe.
 */
final class JacksonXChangeBook {
    /** {@link #onFrame} result: applied. */
    static final int OK = 0;
    /** {@link #onFrame} result: refused (gap, duplicate, crossed, out of sync) or malformed. */
    static final int REFUSED = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Instrument instrument = new FuturesContract(CurrencyPair.BTC_USDT, "PERP");
    private OrderBook book;
    private boolean synced;
    private long updateId = -1;
    private long snapshots;
    private long deltas;
    private long refused;

    OrderBook book() {
        return book;
    }

    boolean isSynced() {
        return synced;
    }

    long snapshots() {
        return snapshots;
    }

    long deltas() {
        return deltas;
    }

    /** Frames refused: malformed, duplicate, after a gap, or leaving the book crossed. */
    long refused() {
        return refused;
    }

    /** Decodes one frame and applies it; {@link #OK} or {@link #REFUSED}. */
    int onFrame(String frame) throws IOException {
        return onMessage(MAPPER.readValue(frame, Map.class));
    }

    /** As {@link #onFrame(String)}, from the frame's UTF-8 bytes (Jackson's byte parser). */
    int onFrame(byte[] frame) throws IOException {
        return onMessage(MAPPER.readValue(frame, Map.class));
    }

    private int onMessage(Map<?, ?> message) {
        final Object data = message.get("data");
        if (!(data instanceof Map)) {
            refused++;
            return REFUSED;
        }
        final Map<?, ?> fields = (Map<?, ?>) data;
        final Date time = new Date(((Number) message.get("ts")).longValue());
        final long id = ((Number) fields.get("u")).longValue();
        final List<?> bids = (List<?>) fields.get("b");
        final List<?> asks = (List<?>) fields.get("a");
        if ("snapshot".equals(message.get("type"))) {
            book = new OrderBook(time, orders(asks, OrderType.ASK, time), orders(bids, OrderType.BID, time));
            updateId = id;
            synced = true;
            snapshots++;
            return checkCrossed();
        }
        if (!synced || id != updateId + 1) {
            synced = false;
            refused++;
            return REFUSED;
        }
        for (Object level : bids) {
            book.update(order((List<?>) level, OrderType.BID, time));
        }
        for (Object level : asks) {
            book.update(order((List<?>) level, OrderType.ASK, time));
        }
        updateId = id;
        deltas++;
        return checkCrossed();
    }

    private int checkCrossed() {
        final List<LimitOrder> bids = book.getBids();
        final List<LimitOrder> asks = book.getAsks();
        if (!bids.isEmpty()
                && !asks.isEmpty()
                && bids.get(0).getLimitPrice().compareTo(asks.get(0).getLimitPrice()) >= 0) {
            synced = false;
            refused++;
            return REFUSED;
        }
        return OK;
    }

    private List<LimitOrder> orders(List<?> levels, OrderType type, Date time) {
        final List<LimitOrder> orders = new ArrayList<>(levels.size());
        for (Object level : levels) {
            orders.add(order((List<?>) level, type, time));
        }
        return orders;
    }

    private LimitOrder order(List<?> level, OrderType type, Date time) {
        final BigDecimal price = new BigDecimal((String) level.get(0));
        final BigDecimal amount = new BigDecimal((String) level.get(1));
        return new LimitOrder(type, amount, instrument, null, time, price);
    }
}
