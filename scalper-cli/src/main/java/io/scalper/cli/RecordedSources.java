package io.scalper.cli;

import io.scalper.bybit.data.MarketSources;
import io.scalper.bybit.data.RecordedFrameSource;
import io.scalper.bybit.data.SourceOptions;
import io.scalper.core.backtest.MarketSource;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Opens recorded and archived Bybit data as one backtest source (files played in order). */
final class RecordedSources {
    private RecordedSources() {}

    /**
     * @param symbol the symbol to replay, or {@code null} for the first one in the first file (the symbol in an
     *     archive's name, or the first symbol in a recording)
     */
    static MarketSource open(List<Path> files, String symbol) throws IOException {
        try {
            final String s = symbol != null ? symbol : firstSymbol(files.get(0));
            return MarketSources.open(files, s, SourceOptions.defaults());
        } catch (IllegalArgumentException | NoSuchFileException e) {
            throw new ScalperCli.UsageException(
                    e instanceof NoSuchFileException ? "cannot read data file: " + e.getMessage() : e.getMessage());
        }
    }

    private static String firstSymbol(Path file) throws IOException {
        if (MarketSources.formatOf(file) == MarketSources.Format.FRAMES) {
            final List<String> symbols = RecordedFrameSource.symbols(file);
            if (symbols.isEmpty()) {
                throw new ScalperCli.UsageException(file + ": no market data frames");
            }
            return symbols.get(0);
        }
        return MarketSources.symbolOf(file);
    }
}
