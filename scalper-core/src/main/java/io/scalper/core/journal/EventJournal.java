package io.scalper.core.journal;

import io.scalper.core.exec.OrderRequest;
import io.scalper.core.model.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CSV journal of what an operator should know beyond orders and fills, file {@value #FILE_NAME}. Columns ({@link
 * #COLUMNS}):
 *
 * <pre>
 * time_ms, time_iso, symbol, kind, code, engine_qty, venue_qty, venue_avg_price, detail
 * </pre>
 *
 * <ul>
 *   <li>{@code kind} {@code reconcile}: the engine's position was set to the venue's ({@code code}: what followed —
 *       {@code adopt}, {@code flatten}, {@code flat}; {@code detail}: why — {@code startup}, {@code venue_check}), with
 *       both positions before ({@code engine_qty}) and after ({@code venue_qty}), signed, and the venue's average entry;
 *   <li>{@code kind} {@code alert}: a retry budget spent, a forced execution, an unresolved order, a position without
 *       an acknowledged stop, a size cut by a cap ({@code code}, {@code detail});
 *   <li>{@code kind} {@code state}: the trading state changed ({@code code}: the new state, {@code detail}: the reason).
 * </ul>
 *
 * Not thread-safe; see {@link CsvJournal} for file handling and formatting.
 */
public final class EventJournal implements Closeable {
    /** Default file name. */
    public static final String FILE_NAME = "events.csv";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "time_ms", "time_iso", "symbol", "kind", "code", "engine_qty", "venue_qty", "venue_avg_price", "detail");

    private final CsvJournal csv;
    private final Instrument instrument;

    private EventJournal(CsvJournal csv, Instrument instrument) {
        this.csv = csv;
        this.instrument = instrument;
    }

    /** Opens (or continues) {@value #FILE_NAME} in {@code directory}. */
    public static EventJournal open(Path directory, Instrument instrument) throws IOException {
        return new EventJournal(
                CsvJournal.open(directory, FILE_NAME, COLUMNS), Objects.requireNonNull(instrument, "instrument"));
    }

    /** A reconciliation: the engine's position {@code engineLots} became the venue's {@code venueLots}. */
    public void reconciled(
            long timeNs, long engineLots, long venueLots, long venueAvgTicks, String action, String cause)
            throws IOException {
        csv.timeCells(timeNs).cell(instrument.symbol()).cell("reconcile").cell(action);
        csv.qtyCell(instrument, engineLots).qtyCell(instrument, venueLots);
        if (venueAvgTicks == OrderRequest.NO_PRICE || venueAvgTicks <= 0) {
            csv.emptyCell();
        } else {
            csv.priceCell(instrument, venueAvgTicks);
        }
        csv.cell(cause).endRow();
    }

    /** An alert or a trading-state change. */
    public void event(long timeNs, String kind, String code, String detail) throws IOException {
        csv.timeCells(timeNs)
                .cell(instrument.symbol())
                .cell(kind)
                .cell(code)
                .emptyCell()
                .emptyCell()
                .emptyCell()
                .cell(detail == null ? "" : detail)
                .endRow();
    }

    public Path path() {
        return csv.path();
    }

    public void sync() throws IOException {
        csv.sync();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
