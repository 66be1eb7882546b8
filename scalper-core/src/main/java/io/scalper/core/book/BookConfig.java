package io.scalper.core.book;

/**
 * Order-book settings (YAML section {@code book}).
 *
 * @param maxDepth levels kept per side (1 to 1,000,000); at least the subscribed depth, more leaves room for deltas
 *     that insert a level before deleting the one that falls off
 */
public record BookConfig(int maxDepth) {
    public BookConfig {
        if (maxDepth < 1 || maxDepth > 1_000_000) {
            throw new IllegalArgumentException("book.maxDepth: must be in [1, 1000000], got " + maxDepth);
        }
    }

    public static BookConfig defaults() {
        return new BookConfig(OrderBook.DEFAULT_MAX_DEPTH);
    }
}
