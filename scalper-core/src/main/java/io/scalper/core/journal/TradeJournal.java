package io.scalper.core.journal;

import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CSV journal of closed trades ({@link RoundTrip}), file {@value #FILE_NAME}, one row per trade. Columns:
 *
 * <pre>
 * id, symbol, side, entry_time_ms, entry_time_iso, exit_time_ms, exit_time_iso, duration_ms, entry_price, exit_price,
 * qty, gross_pnl, fees, funding, net_pnl, risk, r_multiple, entry_slippage_ticks, exit_reason,
 * &lt;signal&gt;_contribution ...
 * </pre>
 *
 * <ul>
 *   <li>{@code side}: {@code long} or {@code short}; {@code duration_ms}: exit − entry, decimal milliseconds.
 *   <li>{@code entry_price}, {@code exit_price}: average fill prices as decimal text (a price between ticks keeps up
 *       to 4 more decimals); {@code qty}: the largest position size, decimal text.
 *   <li>{@code gross_pnl}, {@code fees}, {@code funding}, {@code net_pnl} (= gross − fees + funding), {@code risk}
 *       (1 R): quote currency; {@code r_multiple}: net / risk, empty when the risk is unknown;
 *       {@code entry_slippage_ticks}: positive = worse.
 *   <li>One {@code <name>_contribution} column (weight × score at entry) per signal named at {@link #open}, in that
 *       order; a signal the trade does not carry is an empty cell.
 * </ul>
 *
 * Not thread-safe; see {@link CsvJournal} for file handling and formatting.
 */
public final class TradeJournal implements Closeable {
    /** Default file name. */
    public static final String FILE_NAME = "trades.csv";

    private final CsvJournal csv;
    private final Instrument instrument;
    private final String[] signalNames;
    private final double[] contributions;

    private TradeJournal(CsvJournal csv, Instrument instrument, String[] signalNames) {
        this.csv = csv;
        this.instrument = instrument;
        this.signalNames = signalNames;
        this.contributions = new double[signalNames.length];
    }

    /** Opens {@value #FILE_NAME} in {@code directory}. */
    public static TradeJournal open(Path directory, Instrument instrument, List<String> signalNames)
            throws IOException {
        return open(directory, FILE_NAME, instrument, signalNames);
    }

    /**
     * Opens a trade journal.
     *
     * @param signalNames the signals whose contributions get a column
     */
    public static TradeJournal open(Path directory, String fileName, Instrument instrument, List<String> signalNames)
            throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        final String[] names = signalNames.toArray(new String[0]);
        return new TradeJournal(CsvJournal.open(directory, fileName, columns(names)), instrument, names);
    }

    /** The columns for these signal names. */
    public static List<String> columns(String[] signalNames) {
        final List<String> cols = new ArrayList<>(List.of(
                "id",
                "symbol",
                "side",
                "entry_time_ms",
                "entry_time_iso",
                "exit_time_ms",
                "exit_time_iso",
                "duration_ms",
                "entry_price",
                "exit_price",
                "qty",
                "gross_pnl",
                "fees",
                "funding",
                "net_pnl",
                "risk",
                "r_multiple",
                "entry_slippage_ticks",
                "exit_reason"));
        for (final String name : signalNames) {
            cols.add(name + "_contribution");
        }
        return cols;
    }

    /**
     * Writes one trade.
     *
     * @throws IllegalArgumentException if the trade is for another symbol or carries a signal with no column
     */
    public void record(RoundTrip trade) throws IOException {
        if (!instrument.symbol().equals(trade.symbol())) {
            throw new IllegalArgumentException(
                    "trade " + trade.id() + " is for " + trade.symbol() + ", the journal for " + instrument.symbol());
        }
        csv.discardRow();
        Arrays.fill(contributions, Double.NaN);
        final String[] names = trade.signalNames();
        final double[] values = trade.signalContributions();
        for (int i = 0; i < names.length; i++) {
            final int column = indexOf(names[i]);
            if (column < 0) {
                throw new IllegalArgumentException(
                        "trade " + trade.id() + " carries signal '" + names[i] + "', which has no journal column");
            }
            contributions[column] = values[i];
        }
        csv.cell(trade.id())
                .cell(instrument.symbol())
                .cell(trade.side() == Side.BUY ? "long" : "short")
                .timeCells(trade.entryTimeNs())
                .timeCells(trade.exitTimeNs())
                .cell(trade.durationNs() / 1e6)
                .priceCell(instrument, trade.entryPriceTicks())
                .priceCell(instrument, trade.exitPriceTicks())
                .qtyCell(instrument, trade.qtyLots())
                .cell(trade.grossPnl())
                .cell(trade.fees())
                .cell(trade.funding())
                .cell(trade.netPnl())
                .cell(trade.riskAmount())
                .cell(trade.rMultiple())
                .cell(trade.entrySlippageTicks())
                .cell(trade.exitReason());
        for (final double c : contributions) {
            csv.cell(c);
        }
        csv.endRow();
    }

    private int indexOf(String name) {
        for (int i = 0; i < signalNames.length; i++) {
            if (signalNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
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
