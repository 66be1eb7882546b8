package io.scalper.cli;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The market a task replays, as data locations rather than open files, so that it can be rebuilt wherever the task
 * runs: {@link #input} gives the same {@link BacktestInput} the command would have built.
 *
 * @param data data locations, played in order (empty: the generated market)
 * @param symbol symbol of multi-symbol recordings, or {@code null} for the first
 * @param seed seed of the generated market (and of the backtests)
 * @param duration {@code --duration} as given, or {@code null}
 * @param options the generated market's options
 * @param label how the market is named in tables and messages
 */
record MarketSpec(
        List<String> data, String symbol, long seed, String duration, BacktestInput.MarketOptions options, String label)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    MarketSpec {
        data = List.copyOf(data);
    }

    /** The input, its data fetched through {@code files}. */
    BacktestInput input(DataFiles files) throws IOException {
        final List<Path> paths = new ArrayList<>(data.size());
        for (String d : data) {
            paths.add(files.local(d));
        }
        return BacktestInput.of(paths, symbol, seed, duration, options);
    }
}
