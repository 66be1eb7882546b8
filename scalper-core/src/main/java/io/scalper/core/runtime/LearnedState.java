package io.scalper.core.runtime;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.journal.StateSnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the engine learns while it runs, kept in the state directory across restarts: {@value #EDGE_FILE} (the
 * expected-edge calibration, in the {@code scalper research --out} format, so it can also start a backtest) and
 * {@value #WEIGHTS_FILE} (the adaptive weights' per-signal edges). Written atomically.
 */
public final class LearnedState {
    public static final String EDGE_FILE = "edge.json";
    public static final String WEIGHTS_FILE = "weights.json";

    private LearnedState() {}

    /**
     * The calibration saved by a previous run for {@code edge.horizon}, if any. A file for another horizon (the
     * configuration changed) is not used (logged).
     *
     * @throws IOException when the file exists but cannot be understood (a restart must not guess)
     */
    public static Optional<EdgeCalibration> readEdge(Path dir, ScalperConfig config, RuntimeLog log)
            throws IOException {
        final Path file = dir.resolve(EDGE_FILE);
        final Optional<String> text = new StateSnapshotWriter(file).read();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EdgeCalibration.parse(text.get(), config.edge().horizonNs()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("no calibration for horizon")) {
                log.warn(file + ": " + e.getMessage() + "; starting from the configuration's calibration");
                return Optional.empty();
            }
            throw new IOException(
                    file + ": cannot read the learned edge (" + e.getMessage() + "); move it away to start afresh", e);
        }
    }

    /** Restores the adaptive weights saved by a previous run; false when there is none. */
    public static boolean restoreWeights(Path dir, ScalperEngine engine) throws IOException {
        final Path file = dir.resolve(WEIGHTS_FILE);
        final Optional<String> text = new StateSnapshotWriter(file).read();
        if (text.isEmpty()) {
            return false;
        }
        try {
            engine.pipeline().fusion().restoreWeights(text.get());
            return true;
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": cannot read the learned weights (" + e.getMessage() + "); move it away to start afresh",
                    e);
        }
    }

    /** Saves both files. */
    public static void write(Path dir, ScalperEngine engine) {
        try {
            new StateSnapshotWriter(dir.resolve(EDGE_FILE))
                    .write(engine.edgeCalibration().toJson() + "\n");
            new StateSnapshotWriter(dir.resolve(WEIGHTS_FILE))
                    .write(engine.pipeline().fusion().weightsToJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write what was learned in " + dir, e);
        }
    }
}
