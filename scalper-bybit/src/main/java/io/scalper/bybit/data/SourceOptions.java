package io.scalper.bybit.data;

import io.scalper.bybit.marketdata.BybitInstruments;
import io.scalper.bybit.marketdata.InstrumentResolver;
import java.util.Objects;

/**
 * How {@link MarketSources} and the sources of this package open files. Immutable; start from {@link #defaults()}.
 *
 * @param resolver turns a symbol given without instrument rules into an {@link io.scalper.core.model.Instrument}
 *     (asked first without decimals, then with those of the symbol's first message in the file)
 * @param recvSidecar whether a recorded {@code NAME.jsonl} is read with the local receive times of a
 *     {@code NAME.recv.tsv} (or {@code .recv.tsv.gz}) beside it, when one exists
 * @param findTradeFile whether a Bybit order-book archive {@code DATE_SYMBOL_obN.data[.zip]} is merged with the trade
 *     archive {@code SYMBOLDATE.csv[.gz]} of the same folder, when one exists
 */
public record SourceOptions(InstrumentResolver resolver, boolean recvSidecar, boolean findTradeFile) {
    /** @throws NullPointerException if {@code resolver} is null */
    public SourceOptions {
        Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Built-in instruments with inference of unknown symbols from the feed's decimals
     * ({@link BybitInstruments#defaultResolver()}), receive-time sidecars and trade archives used when present.
     */
    public static SourceOptions defaults() {
        return new SourceOptions(BybitInstruments.defaultResolver(), true, true);
    }

    /** A copy with another instrument resolver. */
    public SourceOptions withResolver(InstrumentResolver r) {
        return new SourceOptions(r, recvSidecar, findTradeFile);
    }

    /** A copy that uses ({@code true}) or ignores receive-time sidecar files. */
    public SourceOptions withRecvSidecar(boolean use) {
        return new SourceOptions(resolver, use, findTradeFile);
    }

    /** A copy that looks for ({@code true}) or ignores the trade archive matching an order-book archive. */
    public SourceOptions withFindTradeFile(boolean find) {
        return new SourceOptions(resolver, recvSidecar, find);
    }
}
