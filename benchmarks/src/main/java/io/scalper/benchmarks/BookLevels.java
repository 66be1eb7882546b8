package io.scalper.benchmarks;

import io.scalper.core.book.OrderBook;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.util.Decimals;
import java.util.List;
import org.knowm.xchange.dto.trade.LimitOrder;

/**
 * Every level of a book, best first, in ticks and lots: lets set-up code check that the three frame paths rebuild the
 * same book after every frame. Set-up only; allocates freely.
 */
final class BookLevels {
    private final long[] bidPrices;
    private final long[] bidSizes;
    private final long[] askPrices;
    private final long[] askSizes;

    private BookLevels(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) {
        this.bidPrices = bidPrices;
        this.bidSizes = bidSizes;
        this.askPrices = askPrices;
        this.askSizes = askSizes;
    }

    /** The levels of a Scalper book. */
    static BookLevels of(OrderBook book) {
        final int bids = book.depth(Side.BUY);
        final int asks = book.depth(Side.SELL);
        final BookLevels levels = new BookLevels(new long[bids], new long[bids], new long[asks], new long[asks]);
        for (int i = 0; i < bids; i++) {
            levels.bidPrices[i] = book.priceAt(Side.BUY, i);
            levels.bidSizes[i] = book.sizeAt(Side.BUY, i);
        }
        for (int i = 0; i < asks; i++) {
            levels.askPrices[i] = book.priceAt(Side.SELL, i);
            levels.askSizes[i] = book.sizeAt(Side.SELL, i);
        }
        return levels;
    }

    /** The levels of an XChange book, converted exactly to the instrument's ticks and lots. */
    static BookLevels of(org.knowm.xchange.dto.marketdata.OrderBook book, Instrument instrument) {
        final List<LimitOrder> bids = book.getBids();
        final List<LimitOrder> asks = book.getAsks();
        final BookLevels levels = new BookLevels(
                new long[bids.size()], new long[bids.size()], new long[asks.size()], new long[asks.size()]);
        for (int i = 0; i < bids.size(); i++) {
            levels.bidPrices[i] = ticks(bids.get(i), instrument);
            levels.bidSizes[i] = lots(bids.get(i), instrument);
        }
        for (int i = 0; i < asks.size(); i++) {
            levels.askPrices[i] = ticks(asks.get(i), instrument);
            levels.askSizes[i] = lots(asks.get(i), instrument);
        }
        return levels;
    }

    private static long ticks(LimitOrder order, Instrument instrument) {
        final long ticks = instrument.priceToTicks(order.getLimitPrice().toPlainString());
        if (ticks == Decimals.INVALID) {
            throw new IllegalStateException("XChange level off the tick grid: " + order);
        }
        return ticks;
    }

    private static long lots(LimitOrder order, Instrument instrument) {
        final long lots = instrument.qtyToLots(order.getOriginalAmount().toPlainString());
        if (lots == Decimals.INVALID) {
            throw new IllegalStateException("XChange level off the quantity step: " + order);
        }
        return lots;
    }

    int depth(Side side) {
        return side == Side.BUY ? bidPrices.length : askPrices.length;
    }

    /** The first difference from {@code other}, or {@code null} when both hold the same levels. */
    String differenceFrom(BookLevels other) {
        final String bids = difference("bid", bidPrices, bidSizes, other.bidPrices, other.bidSizes);
        return bids != null ? bids : difference("ask", askPrices, askSizes, other.askPrices, other.askSizes);
    }

    private static String difference(String side, long[] prices, long[] sizes, long[] otherPrices, long[] otherSizes) {
        if (prices.length != otherPrices.length) {
            return side + " depth " + prices.length + " vs " + otherPrices.length;
        }
        for (int i = 0; i < prices.length; i++) {
            if (prices[i] != otherPrices[i] || sizes[i] != otherSizes[i]) {
                return side + " level " + i + ": " + sizes[i] + " lots @ " + prices[i] + " ticks vs " + otherSizes[i]
                        + " @ " + otherPrices[i];
            }
        }
        return null;
    }
}
