package io.scalper.bybit.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instrument rules for Bybit linear contracts: parsing a {@code /v5/market/instruments-info} reply, a small built-in
 * table, and resolvers for {@link BybitMarketDecoder}.
 */
public final class BybitInstruments {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** BTCUSDT linear perpetual: tick 0.10, step 0.001, minimum 0.001, minimum notional 5. */
    public static final Instrument BTCUSDT = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    /** ETHUSDT linear perpetual: tick 0.01, step 0.01, minimum 0.01, minimum notional 5. */
    public static final Instrument ETHUSDT = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");

    private BybitInstruments() {}

    /** The built-in instruments, by symbol. Live code should load the exchange's current rules instead. */
    public static Map<String, Instrument> builtIn() {
        final Map<String, Instrument> m = new LinkedHashMap<>();
        m.put(BTCUSDT.symbol(), BTCUSDT);
        m.put(ETHUSDT.symbol(), ETHUSDT);
        return m;
    }

    /**
     * Resolves built-in symbols from the table and any other symbol by {@link #inferred} — what a replay of recorded
     * data without instrument rules needs.
     */
    public static InstrumentResolver defaultResolver() {
        return fromTable(builtIn().values(), true);
    }

    /**
     * A resolver over known instruments.
     *
     * @param infer whether a symbol missing from {@code known} is inferred from the feed's decimals ({@code true}) or
     *     ignored ({@code false})
     */
    public static InstrumentResolver fromTable(Collection<Instrument> known, boolean infer) {
        final Map<String, Instrument> table = new LinkedHashMap<>();
        for (Instrument i : known) {
            table.put(i.symbol(), i);
        }
        return (symbol, priceScale, qtyScale) -> {
            final Instrument i = table.get(symbol);
            if (i != null || !infer) {
                return i;
            }
            return inferred(symbol, priceScale, qtyScale);
        };
    }

    /**
     * An instrument whose tick and step are one unit of the last decimal the feed shows (Bybit keeps each instrument's
     * scale in its decimal text, so {@code "0.07056"} means a grid of 0.00001 or coarser). The inferred grid may be finer
     * than the real one (BTCUSDT prints 2 decimals on a 0.10 tick); prices are still exact. Minimum quantity is one
     * step, minimum notional 0.
     *
     * @return the instrument, or {@code null} when the scales are unknown (-1)
     */
    public static Instrument inferred(String symbol, int priceScale, int qtyScale) {
        if (priceScale < 0 || qtyScale < 0) {
            return null;
        }
        final BigDecimal tick = BigDecimal.ONE.movePointLeft(priceScale);
        final BigDecimal step = BigDecimal.ONE.movePointLeft(qtyScale);
        return new Instrument(symbol, tick, step, step, BigDecimal.ZERO);
    }

    /** Parses a {@code /v5/market/instruments-info} reply (the whole envelope, or just its {@code result}). */
    public static Map<String, Instrument> parseInstrumentsInfo(String json) throws IOException {
        return parse(MAPPER.readTree(json));
    }

    /** Reads a file holding a {@code /v5/market/instruments-info} reply. */
    public static Map<String, Instrument> readInstrumentsInfo(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(MAPPER.readTree(in));
        }
    }

    private static Map<String, Instrument> parse(JsonNode root) throws IOException {
        if (root == null) {
            throw new IOException("instruments-info: empty document");
        }
        JsonNode result = root.has("result") ? root.get("result") : root;
        if (root.has("retCode") && root.get("retCode").asInt(-1) != 0) {
            throw new IOException("instruments-info: retCode "
                    + root.get("retCode").asText() + " " + root.path("retMsg").asText());
        }
        final JsonNode list = result.get("list");
        if (list == null || !list.isArray()) {
            throw new IOException("instruments-info: no result.list array");
        }
        final Map<String, Instrument> out = new LinkedHashMap<>();
        for (JsonNode item : list) {
            final String symbol = text(item, "symbol");
            try {
                out.put(
                        symbol,
                        Instrument.of(
                                symbol,
                                text(item.path("priceFilter"), "tickSize"),
                                text(item.path("lotSizeFilter"), "qtyStep"),
                                text(item.path("lotSizeFilter"), "minOrderQty"),
                                item.path("lotSizeFilter")
                                        .path("minNotionalValue")
                                        .asText("0")));
            } catch (IllegalArgumentException e) {
                throw new IOException("instruments-info: " + symbol + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) throws IOException {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IOException("instruments-info: missing field '" + field + "'");
        }
        return v.asText();
    }
}
