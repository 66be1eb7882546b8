package io.scalper.bybit.rest;

import java.util.List;

/**
 * One page of a cursor-paginated list.
 *
 * @param list the items, in Bybit's order
 * @param nextPageCursor pass to the same query for the next page; empty when this is the last page
 */
public record BybitPage<T>(List<T> list, String nextPageCursor) {
    public BybitPage {
        list = List.copyOf(list);
        nextPageCursor = nextPageCursor == null ? "" : nextPageCursor;
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return !nextPageCursor.isEmpty();
    }
}
