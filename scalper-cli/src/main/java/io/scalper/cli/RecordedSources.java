package io.scalper.cli;

import io.scalper.core.backtest.MarketSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Opens recorded and archived Bybit data as one backtest source. */
final class RecordedSources {
    private RecordedSources() {}

    static MarketSource open(List<Path> files, String symbol) throws IOException {
        throw new ScalperCli.UsageException("recorded data files are not supported yet: " + files.get(0));
    }
}
