package io.scalper.core.exec;

import java.util.Objects;

/**
 * The position of one symbol as the venue reports it — the truth the engine's own position is checked against.
 *
 * @param symbol the symbol
 * @param signedLots size in lots, positive long, negative short, 0 flat
 * @param avgEntryTicks the venue's average entry price in ticks, or {@link OrderRequest#NO_PRICE} when flat or
 *     unknown
 * @param authoritative {@code true} for a report read over REST after every fill the venue had executed up to the
 *     read was delivered (the engine's position must equal it); {@code false} for a push, which may arrive before or
 *     after the fills it reflects
 * @param exchangeTimeNs when the venue's position last changed (exchange clock), 0 when unknown
 * @param localTimeNs when the report arrived (local clock)
 */
public record VenuePosition(
        String symbol,
        long signedLots,
        long avgEntryTicks,
        boolean authoritative,
        long exchangeTimeNs,
        long localTimeNs) {
    public VenuePosition {
        Objects.requireNonNull(symbol, "symbol");
    }
}
