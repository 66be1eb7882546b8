package io.scalper.bybit.marketdata;

/**
 * What a {@link BybitMarketDecoder} made of the frames given to it, by outcome; the book outcomes (applied, gaps,
 * duplicates, ...) are counted where books are applied ({@link io.scalper.core.market.Markets}). Counted on the
 * decoding thread and read there.
 */
final class DecoderCounters {
    /** Frames given to the decoder. */
    long messages;
    /** Order-book frames decoded and handed on. */
    long bookMessages;
    /** Trade frames decoded. */
    long tradeMessages;
    /** Trades in them. */
    long trades;
    /** Ticker frames decoded. */
    long tickerMessages;
    /** Control frames (acks, pongs). */
    long controlFrames;
    /** Control frames with {@code success:false}. */
    long controlFailures;
    /** Well-formed frames of topics not decoded. */
    long unknownTopics;
    /** Malformed frames, skipped. */
    long malformed;
    /** Frames for symbols the resolver declined. */
    long ignored;
}
