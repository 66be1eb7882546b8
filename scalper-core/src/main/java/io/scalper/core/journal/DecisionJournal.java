package io.scalper.core.journal;

import io.scalper.core.feature.VolRegime;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSV journal of fusion {@link Decision}s, file {@value #FILE_NAME}. Columns:
 *
 * <pre>
 * time_ms, time_iso, symbol, sequence, direction, fused, confidence, regime, vetoed, mid_price, outcome,
 * &lt;signal&gt;_score ..., &lt;signal&gt;_weight ...
 * </pre>
 *
 * <ul>
 *   <li>{@code time_ms}, {@code time_iso}: the decision's event time ({@link Decision#timeNs()}).
 *   <li>{@code sequence}: {@link Decision#sequence()}; {@code direction}: {@code long}, {@code short} or {@code flat};
 *       {@code regime}: {@code low}, {@code normal}, {@code high}, {@code extreme}; {@code vetoed}: {@code true/false}.
 *   <li>{@code fused}, {@code confidence}, scores and weights: decimals; {@code mid_price}: decimal price text.
 *   <li>{@code outcome}: what became of the decision — empty for a flat one, {@code entry} when an entry was started,
 *       else the refusal reason code of the gate that refused it (e.g. {@code spread_too_wide}).
 *   <li>One {@code <name>_score} column per signal, then one {@code <name>_weight} per signal, in the order the signal
 *       names were given at {@link #open}.
 * </ul>
 *
 * Not thread-safe; see {@link CsvJournal} for file handling and formatting.
 */
public final class DecisionJournal implements Closeable {
    /** Default file name. */
    public static final String FILE_NAME = "decisions.csv";

    private final CsvJournal csv;
    private final Instrument instrument;
    private final String[] signalNames;

    private DecisionJournal(CsvJournal csv, Instrument instrument, String[] signalNames) {
        this.csv = csv;
        this.instrument = instrument;
        this.signalNames = signalNames;
    }

    /** Opens {@value #FILE_NAME} in {@code directory}. */
    public static DecisionJournal open(Path directory, Instrument instrument, List<String> signalNames)
            throws IOException {
        return open(directory, FILE_NAME, instrument, signalNames);
    }

    /**
     * Opens a decision journal.
     *
     * @param signalNames the fusion's signal names in its order ({@link Decision#name(int)})
     */
    public static DecisionJournal open(Path directory, String fileName, Instrument instrument, List<String> signalNames)
            throws IOException {
        Objects.requireNonNull(instrument, "instrument");
        final String[] names = signalNames.toArray(new String[0]);
        return new DecisionJournal(CsvJournal.open(directory, fileName, columns(names)), instrument, names);
    }

    /** The columns for these signal names. */
    public static List<String> columns(String[] signalNames) {
        final List<String> cols = new ArrayList<>(List.of(
                "time_ms",
                "time_iso",
                "symbol",
                "sequence",
                "direction",
                "fused",
                "confidence",
                "regime",
                "vetoed",
                "mid_price",
                "outcome"));
        for (final String name : signalNames) {
            cols.add(name + "_score");
        }
        for (final String name : signalNames) {
            cols.add(name + "_weight");
        }
        return cols;
    }

    /**
     * Writes one row.
     *
     * @throws IllegalArgumentException if the decision's signals are not the ones given at open, in that order
     */
    public void record(Decision decision) throws IOException {
        record(decision, "");
    }

    /** Appends one row with an outcome ({@code ""}, {@code entry}, or a refusal reason code). */
    public void record(Decision decision, String outcome) throws IOException {
        csv.discardRow();
        final int n = signalNames.length;
        if (decision.signalCount() != n) {
            throw new IllegalArgumentException("decision has " + decision.signalCount() + " signals, the journal " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!signalNames[i].equals(decision.name(i))) {
                throw new IllegalArgumentException("decision signal " + i + " is '" + decision.name(i)
                        + "', the journal has '" + signalNames[i] + "'");
            }
        }
        csv.timeCells(decision.timeNs())
                .cell(instrument.symbol())
                .cell(decision.sequence())
                .cell(Decision.directionName(decision.direction()))
                .cell(decision.fused())
                .cell(decision.confidence())
                .cell(VolRegime.name(decision.regime()))
                .cell(decision.vetoed())
                .priceCell(instrument, decision.mid())
                .cell(outcome == null ? "" : outcome);
        for (int i = 0; i < n; i++) {
            csv.cell(decision.score(i));
        }
        for (int i = 0; i < n; i++) {
            csv.cell(decision.weight(i));
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
