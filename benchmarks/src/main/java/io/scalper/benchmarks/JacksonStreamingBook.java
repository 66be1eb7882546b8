package io.scalper.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.io.IOException;

/**
 * Bybit {@code orderbook} frames of one topic through Jackson's streaming {@link JsonParser} into a Scalper
 * {@link OrderBook}: the same book and the same in-place decimal parsing as {@code BybitMarketDecoder}, with Jackson
 * doing the tokenising. Decimal strings are read from the parser's own buffer ({@link JsonParser#getTextCharacters()}),
 * never materialised as {@code String}s, so what this adds over the decoder is the parser itself. Field order does not
 * matter. Not thread-safe.
 */
final class JacksonStreamingBook {
    /** {@link #onFrame} result for a frame that could not be decoded (the book's own codes are non-negative). */
    static final int MALFORMED = -1;

    private static final long NS_PER_MS = 1_000_000L;

    private final JsonFactory factory = new JsonFactory();
    private final BookUpdate update = new BookUpdate(1024);
    private final CharArrayView text = new CharArrayView();
    private final String topic;
    private final String symbol;
    private final Instrument instrument;
    private final OrderBook book;
    private long malformed;

    /** A book of {@code maxDepth} levels per side fed from frames of {@code orderbook.{depth}.{symbol}} {@code topic}. */
    JacksonStreamingBook(String topic, Instrument instrument, int maxDepth) {
        this.topic = topic;
        this.symbol = instrument.symbol();
        this.instrument = instrument;
        this.book = new OrderBook(instrument, maxDepth);
    }

    OrderBook book() {
        return book;
    }

    /** Frames that were not well-formed frames of the topic, skipped. */
    long malformed() {
        return malformed;
    }

    /**
     * Decodes one frame and applies it.
     *
     * @return the book's {@link OrderBook#apply} result, or {@link #MALFORMED}
     */
    int onFrame(String frame, long localTimeNs) {
        try (JsonParser p = factory.createParser(frame)) {
            if (parseFrame(p)) {
                return book.apply(update.localTimeNs(localTimeNs));
            }
        } catch (IOException e) {
            // falls through: counted as malformed like any other undecodable frame
        }
        malformed++;
        return MALFORMED;
    }

    private boolean parseFrame(JsonParser p) throws IOException {
        final BookUpdate u = update.clear();
        boolean topicSeen = false;
        boolean typeSeen = false;
        boolean dataSeen = false;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken value = p.nextToken();
            switch (name) {
                case "topic":
                    topicSeen = value == JsonToken.VALUE_STRING && textEquals(p, topic);
                    if (!topicSeen) {
                        return false;
                    }
                    break;
                case "type":
                    if (value == JsonToken.VALUE_STRING && textEquals(p, "snapshot")) {
                        u.snapshot(true);
                        typeSeen = true;
                    } else {
                        typeSeen = value == JsonToken.VALUE_STRING && textEquals(p, "delta");
                    }
                    break;
                case "ts":
                    u.exchangeTimeNs(p.getLongValue() * NS_PER_MS);
                    break;
                case "cts":
                    u.matchTimeNs(p.getLongValue() * NS_PER_MS);
                    break;
                case "data":
                    dataSeen = value == JsonToken.START_OBJECT && parseData(p, u);
                    if (!dataSeen) {
                        return false;
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return topicSeen && typeSeen && dataSeen && p.currentToken() == JsonToken.END_OBJECT;
    }

    private boolean parseData(JsonParser p, BookUpdate u) throws IOException {
        boolean idSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken value = p.nextToken();
            switch (name) {
                case "s":
                    if (value != JsonToken.VALUE_STRING || !textEquals(p, symbol)) {
                        return false;
                    }
                    break;
                case "b":
                    if (!parseLevels(p, u, Side.BUY)) {
                        return false;
                    }
                    break;
                case "a":
                    if (!parseLevels(p, u, Side.SELL)) {
                        return false;
                    }
                    break;
                case "u":
                    u.updateId(p.getLongValue());
                    idSeen = u.updateId() >= 0;
                    if (!idSeen) {
                        return false;
                    }
                    break;
                case "seq":
                    u.sequence(p.getLongValue());
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return idSeen;
    }

    /** {@code [["price","size"],...]}: the parser is on the outer {@code START_ARRAY}. */
    private boolean parseLevels(JsonParser p, BookUpdate u, Side side) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return false;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return false;
            }
            final CharArrayView price = view(p);
            final long priceTicks = instrument.priceToTicks(price, 0, price.length());
            if (priceTicks == Decimals.INVALID || priceTicks <= 0 || p.nextToken() != JsonToken.VALUE_STRING) {
                return false;
            }
            final CharArrayView size = view(p);
            final long sizeLots = instrument.qtyToLots(size, 0, size.length());
            if (sizeLots == Decimals.INVALID || sizeLots < 0) {
                return false;
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    return false;
                }
                p.skipChildren();
            }
            u.add(side, priceTicks, sizeLots);
        }
        return t == JsonToken.END_ARRAY;
    }

    private CharArrayView view(JsonParser p) throws IOException {
        return text.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private boolean textEquals(JsonParser p, String expected) throws IOException {
        final int n = p.getTextLength();
        if (n != expected.length()) {
            return false;
        }
        final char[] chars = p.getTextCharacters();
        final int offset = p.getTextOffset();
        for (int i = 0; i < n; i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
