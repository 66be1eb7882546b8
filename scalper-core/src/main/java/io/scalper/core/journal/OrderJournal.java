package io.scalper.core.journal;

import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CSV journal of order commands and every order event, file {@value #FILE_NAME}. One row per command sent
 * ({@link #recordSubmit}, {@link #recordAmend}, {@link #recordCancel}), per event received ({@link #recordEvent}) and
 * per order taken over at start-up ({@link #recordAdopted}).
 * Columns ({@link #COLUMNS}):
 *
 * <pre>
 * time_ms, time_iso, record, client_order_id, symbol, purpose, side, type, tif, price, qty, reduce_only,
 * trigger_price, status, filled_qty, event_price, event_qty, reason, result, venue_order_id, exchange_time_ms
 * </pre>
 *
 * <ul>
 *   <li>{@code time_ms}, {@code time_iso}: the engine time passed in.
 *   <li>{@code record}: the command {@code submit}, {@code amend}, {@code cancel}, or the event {@code accepted},
 *       {@code rejected}, {@code amended}, {@code amend_rejected}, {@code filled}, {@code canceled},
 *       {@code cancel_rejected}, {@code triggered}, {@code expired}; or {@code adopted}: an order found working at the
 *       venue at start-up, tracked from then on ({@link #recordAdopted}).
 *   <li>{@code purpose} … {@code trigger_price}: the order's request as it stands after the record
 *       ({@link io.scalper.core.exec.OrderPurpose}, {@code BUY/SELL}, {@code LIMIT/MARKET}, {@code GTC/POST_ONLY/IOC/FOK},
 *       prices and quantity as decimal text; no price for market orders and no trigger for plain orders: empty).
 *   <li>{@code status}: {@link io.scalper.core.exec.OrderStatus} after the record; {@code filled_qty}: cumulative.
 *   <li>{@code event_price}, {@code event_qty}: the fill's price and quantity ({@code filled}), the new price and
 *       quantity ({@code amended}, or requested by {@code amend}); otherwise empty.
 *   <li>{@code reason}: of {@code rejected}, {@code canceled}, {@code amend_rejected}, {@code cancel_rejected}: the
 *       core reason's code ({@link io.scalper.core.exec.CancelReason}, {@link io.scalper.core.exec.RejectReason}),
 *       then the venue's own words in parentheses when it gave any, e.g. {@code by_client (CancelByUser)} or {@code
 *       insufficient_balance (110007 ab not enough for new order)}.
 *   <li>{@code result}: what applying the event did ({@code APPLIED}, {@code DUPLICATE}, {@code INVALID}), if given.
 *   <li>{@code venue_order_id}: the exchange's id when known; {@code exchange_time_ms}: the event's exchange time
 *       (empty for commands or when unknown).
 * </ul>
 *
 * Not thread-safe; see {@link CsvJournal} for file handling and formatting.
 */
public final class OrderJournal implements Closeable {
    /** Default file name. */
    public static final String FILE_NAME = "orders.csv";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "time_ms",
            "time_iso",
            "record",
            "client_order_id",
            "symbol",
            "purpose",
            "side",
            "type",
            "tif",
            "price",
            "qty",
            "reduce_only",
            "trigger_price",
            "status",
            "filled_qty",
            "event_price",
            "event_qty",
            "reason",
            "result",
            "venue_order_id",
            "exchange_time_ms");

    private final CsvJournal csv;
    private final Instrument instrument;

    private OrderJournal(CsvJournal csv, Instrument instrument) {
        this.csv = csv;
        this.instrument = instrument;
    }

    /** Opens {@value #FILE_NAME} in {@code directory}. */
    public static OrderJournal open(Path directory, Instrument instrument) throws IOException {
        return open(directory, FILE_NAME, instrument);
    }

    /** Opens an order journal for orders in {@code instrument}. */
    public static OrderJournal open(Path directory, String fileName, Instrument instrument) throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        return new OrderJournal(CsvJournal.open(directory, fileName, COLUMNS), instrument);
    }

    /** An order was sent. */
    public void recordSubmit(long timeNs, Order order) throws IOException {
        orderCells(timeNs, "submit", order);
        csv.emptyCell().emptyCell().emptyCell().emptyCell();
        tail(order, 0);
    }

    /** An order found working at the venue was taken over (start-up): the engine tracks it from now. */
    public void recordAdopted(long timeNs, Order order) throws IOException {
        orderCells(timeNs, "adopted", order);
        csv.emptyCell().emptyCell().emptyCell().emptyCell();
        tail(order, 0);
    }

    /** An amend to {@code priceTicks} / {@code qtyLots} was sent. */
    public void recordAmend(long timeNs, Order order, long priceTicks, long qtyLots) throws IOException {
        orderCells(timeNs, "amend", order);
        csv.priceCell(instrument, priceTicks)
                .qtyCell(instrument, qtyLots)
                .emptyCell()
                .emptyCell();
        tail(order, 0);
    }

    /** A cancel was sent. */
    public void recordCancel(long timeNs, Order order) throws IOException {
        orderCells(timeNs, "cancel", order);
        csv.emptyCell().emptyCell().emptyCell().emptyCell();
        tail(order, 0);
    }

    /**
     * An event was received and applied to {@code order}.
     *
     * @param result what {@link Order#apply} returned, or {@code null} if not known
     */
    public void recordEvent(long timeNs, Order order, OrderEvent event, Order.Result result) throws IOException {
        if (!order.clientOrderId().equals(event.clientOrderId())) {
            throw new IllegalArgumentException(
                    "event for " + event.clientOrderId() + " recorded against order " + order.clientOrderId());
        }
        orderCells(timeNs, eventName(event), order);
        if (event instanceof OrderEvent.Filled) {
            final OrderEvent.Filled f = (OrderEvent.Filled) event;
            csv.priceCell(instrument, f.priceTicks()).qtyCell(instrument, f.qtyLots());
        } else if (event instanceof OrderEvent.Amended) {
            final OrderEvent.Amended a = (OrderEvent.Amended) event;
            csv.priceCell(instrument, a.priceTicks() > 0 ? a.priceTicks() : OrderRequest.NO_PRICE);
            if (a.qtyLots() > 0) {
                csv.qtyCell(instrument, a.qtyLots());
            } else {
                csv.emptyCell();
            }
        } else {
            csv.emptyCell().emptyCell();
        }
        csv.cell(reason(event)).cell(result == null ? null : result.name());
        tail(order, event.exchangeTimeNs());
    }

    private void orderCells(long timeNs, String record, Order order) {
        csv.discardRow();
        final OrderRequest r = order.request();
        if (!instrument.symbol().equals(r.symbol())) {
            throw new IllegalArgumentException("order " + r.clientOrderId() + " is for " + r.symbol()
                    + ", the journal for " + instrument.symbol());
        }
        csv.timeCells(timeNs)
                .cell(record)
                .cell(r.clientOrderId())
                .cell(r.symbol())
                .cell(r.purpose().name())
                .cell(r.side().name())
                .cell(r.type().name())
                .cell(r.timeInForce().name())
                .priceCell(instrument, r.priceTicks())
                .qtyCell(instrument, r.qtyLots())
                .cell(r.reduceOnly())
                .priceCell(instrument, r.triggerPriceTicks())
                .cell(order.status().name())
                .qtyCell(instrument, order.filledLots());
    }

    private void tail(Order order, long exchangeTimeNs) throws IOException {
        csv.cell(order.venueOrderId().isEmpty() ? null : order.venueOrderId());
        if (exchangeTimeNs > 0) {
            csv.cell(Math.floorDiv(exchangeTimeNs, 1_000_000L));
        } else {
            csv.emptyCell();
        }
        csv.endRow();
    }

    /** The {@code record} name of an event, e.g. {@code amend_rejected}. */
    static String eventName(OrderEvent event) {
        final String simple = event.getClass().getSimpleName();
        final StringBuilder sb = new StringBuilder(simple.length() + 4);
        for (int i = 0; i < simple.length(); i++) {
            final char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    private static String reason(OrderEvent event) {
        if (event instanceof OrderEvent.Rejected) {
            return ((OrderEvent.Rejected) event).reasonText();
        }
        if (event instanceof OrderEvent.Canceled) {
            return ((OrderEvent.Canceled) event).reasonText();
        }
        if (event instanceof OrderEvent.AmendRejected) {
            return ((OrderEvent.AmendRejected) event).reasonText();
        }
        if (event instanceof OrderEvent.CancelRejected) {
            return ((OrderEvent.CancelRejected) event).reasonText();
        }
        return null;
    }

    /** The file written. */
    public Path path() {
        return csv.path();
    }

    /** Forces the written rows to the storage device. */
    public void sync() throws IOException {
        csv.sync();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
