package io.scalper.bybit.rest;

import static io.scalper.bybit.rest.Payloads.list;
import static io.scalper.bybit.rest.Payloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Market data endpoints ({@code /v5/market/*}, unsigned): instruments and their trading rules, tickers, order book
 * snapshots, recent trades and funding history, for linear contracts. Behind {@link BybitRestClient}, which documents
 * each method's contract under the same name.
 */
final class MarketEndpoints {
    private final BybitTransport transport;

    MarketEndpoints(BybitTransport transport) {
        this.transport = transport;
    }

    List<BybitInstrumentInfo> instrumentsInfo(String symbol) throws IOException {
        final List<BybitInstrumentInfo> out = new ArrayList<>();
        String cursor = "";
        do {
            final Params q = Params.of("category", "linear")
                    .add("symbol", symbol)
                    .add("limit", "1000")
                    .add("cursor", cursor);
            final JsonNode result = transport.get(Endpoint.INSTRUMENTS_INFO, q);
            for (JsonNode item : result.path("list")) {
                out.add(parseInstrument(item));
            }
            cursor = result.path("nextPageCursor").asText("");
        } while (!cursor.isEmpty());
        return out;
    }

    List<Instrument> instruments(String symbol) throws IOException {
        final List<Instrument> out = new ArrayList<>();
        for (BybitInstrumentInfo info : instrumentsInfo(symbol)) {
            try {
                out.add(info.toInstrument());
            } catch (IllegalArgumentException e) {
                throw new IOException("instruments-info: " + info.symbol() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static BybitInstrumentInfo parseInstrument(JsonNode item) {
        final JsonNode price = item.path("priceFilter");
        final JsonNode lot = item.path("lotSizeFilter");
        final JsonNode lev = item.path("leverageFilter");
        return new BybitInstrumentInfo(
                text(item, "symbol"),
                text(item, "contractType"),
                text(item, "status"),
                text(item, "baseCoin"),
                text(item, "quoteCoin"),
                text(item, "settleCoin"),
                text(item, "priceScale"),
                text(price, "tickSize"),
                text(price, "minPrice"),
                text(price, "maxPrice"),
                text(lot, "qtyStep"),
                text(lot, "minOrderQty"),
                text(lot, "maxOrderQty"),
                text(lot, "maxMktOrderQty"),
                lot.hasNonNull("minNotionalValue") ? text(lot, "minNotionalValue") : "0",
                text(lev, "maxLeverage"),
                text(lev, "leverageStep"),
                item.path("fundingInterval").asInt(0),
                text(item, "upperFundingRate"),
                text(item, "lowerFundingRate"));
    }

    List<BybitTicker> tickers(String symbol) throws IOException {
        final JsonNode result =
                transport.get(Endpoint.TICKERS, Params.of("category", "linear").add("symbol", symbol));
        return list(result, BybitTicker.class, Endpoint.TICKERS);
    }

    BybitOrderbook orderbook(String symbol, int limit) throws IOException {
        final JsonNode r = transport.get(
                Endpoint.ORDERBOOK,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("limit", limit));
        return new BybitOrderbook(
                r.path("s").asText(symbol),
                levels(r.path("b")),
                levels(r.path("a")),
                r.path("ts").asLong(),
                r.path("u").asLong(),
                r.path("seq").asLong(),
                r.path("cts").asLong());
    }

    private static List<BybitOrderbook.Level> levels(JsonNode side) {
        final List<BybitOrderbook.Level> out = new ArrayList<>(side.size());
        for (JsonNode level : side) {
            out.add(new BybitOrderbook.Level(
                    level.path(0).asText(), level.path(1).asText()));
        }
        return out;
    }

    List<BybitPublicTrade> recentTrades(String symbol, int limit) throws IOException {
        final JsonNode result = transport.get(
                Endpoint.RECENT_TRADES,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("limit", limit));
        return list(result, BybitPublicTrade.class, Endpoint.RECENT_TRADES);
    }

    List<BybitFundingRate> fundingHistory(String symbol, long startTimeMs, long endTimeMs, int limit)
            throws IOException {
        final JsonNode result = transport.get(
                Endpoint.FUNDING_HISTORY,
                Params.of("category", "linear")
                        .add("symbol", Objects.requireNonNull(symbol, "symbol"))
                        .addPositive("startTime", startTimeMs)
                        .addPositive("endTime", endTimeMs)
                        .addPositive("limit", limit));
        return list(result, BybitFundingRate.class, Endpoint.FUNDING_HISTORY);
    }
}
