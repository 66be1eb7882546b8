package io.scalper.core.journal;

import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.Position;
import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CSV journal of fills, file {@value #FILE_NAME}, one row per fill applied to the position. Columns ({@link #COLUMNS}):
 *
 * <pre>
 * time_ms, time_iso, client_order_id, fill_id, symbol, purpose, side, price, qty, fee, liquidity,
 * position_qty, position_avg_price, position_net_realized, venue_order_id, exchange_time_ms
 * </pre>
 *
 * <ul>
 *   <li>{@code time_ms}, {@code time_iso}: the engine time passed in; {@code exchange_time_ms}: the fill's exchange
 *       time (empty when unknown).
 *   <li>{@code purpose}, {@code side}: of the order ({@code ENTRY}, {@code TAKE_PROFIT}, ...; {@code BUY/SELL}).
 *   <li>{@code price}, {@code qty}: the fill, decimal text; {@code fee}: quote currency, negative for a rebate;
 *       {@code liquidity}: {@code MAKER} or {@code TAKER}.
 *   <li>{@code position_qty}: signed position after the fill (negative short), decimal text;
 *       {@code position_avg_price}: its average entry price (empty when flat; may carry up to 4 decimals more than the
 *       tick); {@code position_net_realized}: the position's realised PnL − fees + funding so far.
 * </ul>
 *
 * Not thread-safe; see {@link CsvJournal} for file handling and formatting.
 */
public final class FillJournal implements Closeable {
    /** Default file name. */
    public static final String FILE_NAME = "fills.csv";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "time_ms",
            "time_iso",
            "client_order_id",
            "fill_id",
            "symbol",
            "purpose",
            "side",
            "price",
            "qty",
            "fee",
            "liquidity",
            "position_qty",
            "position_avg_price",
            "position_net_realized",
            "venue_order_id",
            "exchange_time_ms");

    private final CsvJournal csv;
    private final Instrument instrument;

    private FillJournal(CsvJournal csv, Instrument instrument) {
        this.csv = csv;
        this.instrument = instrument;
    }

    /** Opens {@value #FILE_NAME} in {@code directory}. */
    public static FillJournal open(Path directory, Instrument instrument) throws IOException {
        return open(directory, FILE_NAME, instrument);
    }

    /** Opens a fill journal for {@code instrument}. */
    public static FillJournal open(Path directory, String fileName, Instrument instrument) throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        return new FillJournal(CsvJournal.open(directory, fileName, COLUMNS), instrument);
    }

    /**
     * Writes one fill.
     *
     * @param order the order filled
     * @param fill the fill
     * @param positionAfter the position once the fill is applied
     */
    public void record(long timeNs, Order order, OrderEvent.Filled fill, Position positionAfter) throws IOException {
        if (!instrument.symbol().equals(order.request().symbol())) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " is for "
                    + order.request().symbol() + ", the journal for " + instrument.symbol());
        }
        if (!order.clientOrderId().equals(fill.clientOrderId())) {
            throw new IllegalArgumentException(
                    "fill for " + fill.clientOrderId() + " recorded against order " + order.clientOrderId());
        }
        csv.discardRow();
        csv.timeCells(timeNs)
                .cell(fill.clientOrderId())
                .cell(fill.fillId())
                .cell(instrument.symbol())
                .cell(order.request().purpose().name())
                .cell(order.request().side().name())
                .priceCell(instrument, fill.priceTicks())
                .qtyCell(instrument, fill.qtyLots())
                .cell(fill.fee())
                .cell(fill.liquidity().name())
                .qtyCell(instrument, positionAfter.qtyLots())
                .priceCell(instrument, positionAfter.avgEntryTicks())
                .cell(positionAfter.netRealized())
                .cell(fill.venueOrderId().isEmpty() ? null : fill.venueOrderId());
        if (fill.exchangeTimeNs() > 0) {
            csv.cell(Math.floorDiv(fill.exchangeTimeNs(), 1_000_000L));
        } else {
            csv.emptyCell();
        }
        csv.endRow();
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
