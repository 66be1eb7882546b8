package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalper.core.book.BookUpdate;
import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BybitFrameWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instrument BTC = BybitInstruments.BTCUSDT;
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_767_225_600_000_000_000L;

    /** Collects lines, optionally decoding each as it is completed. */
    private static final class Lines implements Appendable {
        final List<String> lines = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        final BybitMarketDecoder decoder;
        Runnable afterBookFrame = () -> {};

        Lines(BybitMarketDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public Appendable append(CharSequence csq) {
            for (int i = 0; i < csq.length(); i++) {
                append(csq.charAt(i));
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return append(csq.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            if (c != '\n') {
                current.append(c);
                return this;
            }
            final String line = current.toString();
            current.setLength(0);
            lines.add(line);
            if (decoder != null && decoder.decode(line, 0) == BybitMarketDecoder.BOOK) {
                afterBookFrame.run();
            }
            return this;
        }
    }

    private static BookUpdate snapshot() {
        return new BookUpdate()
                .snapshot(true)
                .updateId(1)
                .sequence(7)
                .exchangeTimeNs(T0 + 5_000_000)
                .matchTimeNs(T0 + 3_000_000)
                .addBid(650_001, 1_234)
                .addBid(650_000, 5)
                .addAsk(650_002, 10);
    }

    @Test
    void shouldWriteABookSnapshotAndDeltaShapedLikeBybits() {
        final Lines out = new Lines(null);
        final BybitFrameWriter w = new BybitFrameWriter(BTC, 200, out);
        w.onBook(snapshot());
        w.onBook(new BookUpdate()
                .updateId(2)
                .exchangeTimeNs(T0 + 55_000_000)
                .matchTimeNs(0)
                .addBid(650_001, 0)
                .addAsk(650_003, 2_000));
        assertThat(out.lines)
                .containsExactly(
                        "{\"topic\":\"orderbook.200.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1767225600005,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"65000.10\",\"1.234\"],[\"65000.00\",\"0.005\"]],"
                                + "\"a\":[[\"65000.20\",\"0.010\"]],\"u\":1,\"seq\":7},\"cts\":1767225600003}",
                        "{\"topic\":\"orderbook.200.BTCUSDT\",\"type\":\"delta\",\"ts\":1767225600055,"
                                + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"65000.10\",\"0\"]],\"a\":[[\"65000.30\",\"2.000\"]],"
                                + "\"u\":2,\"seq\":8},\"cts\":1767225600055}");
        assertThat(w.bookFrames()).isEqualTo(2);
        assertThat(w.frames()).isEqualTo(2);
    }

    @Test
    void shouldGroupTradesWithTheSameTimeIntoOneFrameWithOneSeq() throws IOException {
        final Lines out = new Lines(null);
        final BybitFrameWriter w = new BybitFrameWriter(BTC, out);
        w.onTrade(T0 + 1_000_000, 650_002, 10, Side.BUY);
        w.onTrade(T0 + 1_000_000, 650_003, 5, Side.BUY);
        assertThat(out.lines).isEmpty();
        w.onTrade(T0 + 2_000_000, 650_003, 1, Side.SELL);
        w.onTrade(T0 + 3_000_000, 650_001, 1, Side.SELL);
        w.flush();

        assertThat(out.lines).hasSize(3);
        final JsonNode first = JSON.readTree(out.lines.get(0));
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("data").get(0).get("seq").asLong())
                .isEqualTo(first.get("data").get(1).get("seq").asLong());
        assertThat(out.lines.get(0))
                .startsWith("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1767225600001,\"data\":"
                        + "[{\"T\":1767225600001,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.010\",\"p\":\"65000.20\","
                        + "\"L\":\"ZeroPlusTick\",\"i\":\"");
        final List<String> directions = new ArrayList<>();
        for (String line : out.lines) {
            for (JsonNode t : JSON.readTree(line).get("data")) {
                directions.add(t.get("L").asText());
            }
        }
        assertThat(directions).containsExactly("ZeroPlusTick", "PlusTick", "ZeroPlusTick", "MinusTick");
        assertThat(w.trades()).isEqualTo(4);
        assertThat(w.tradeFrames()).isEqualTo(3);
    }

    @Test
    void shouldSplitAMatchOfMoreThan1024TradesKeepingItsSeq() throws IOException {
        final Lines out = new Lines(null);
        final BybitFrameWriter w = new BybitFrameWriter(BTC, out);
        for (int i = 0; i < 1500; i++) {
            w.onTrade(T0, 650_000 + i, 1, Side.BUY);
        }
        w.flush();
        assertThat(out.lines).hasSize(2);
        final JsonNode a = JSON.readTree(out.lines.get(0)).get("data");
        final JsonNode b = JSON.readTree(out.lines.get(1)).get("data");
        assertThat(a).hasSize(1024);
        assertThat(b).hasSize(476);
        assertThat(b.get(0).get("seq").asLong()).isEqualTo(a.get(0).get("seq").asLong());
    }

    @Test
    void shouldWriteTradesBeforeTheNextBookOrTicker() {
        final Lines out = new Lines(null);
        final BybitFrameWriter w = new BybitFrameWriter(BTC, out);
        w.onTrade(T0, 650_002, 10, Side.BUY);
        w.onBook(snapshot());
        assertThat(out.lines).hasSize(2);
        assertThat(out.lines.get(0)).startsWith("{\"topic\":\"publicTrade.BTCUSDT\"");
        assertThat(out.lines.get(1)).startsWith("{\"topic\":\"orderbook.200.BTCUSDT\"");
    }

    @Test
    void shouldWriteAFullTickerSnapshotThenOnlyTheFieldsOfEachUpdate() {
        final Lines out = new Lines(null);
        final BybitFrameWriter w = new BybitFrameWriter(BTC, out);
        final TickerState first = new TickerState()
                .lastPriceTicks(650_001)
                .markPriceE8(6_500_015_000_000L)
                .indexPriceE8(6_500_000_000_000L)
                .fundingRateE8(10_000)
                .nextFundingTimeMs(1_767_254_400_000L)
                .bid1PriceTicks(650_001)
                .bid1SizeLots(1_500)
                .ask1PriceTicks(650_002)
                .ask1SizeLots(7)
                .fundingIntervalHours(8)
                .exchangeTimeNs(T0)
                .crossSequence(100);
        final TickerState merged = new TickerState();
        merged.merge(first);
        w.onTicker(merged);
        final TickerState delta =
                new TickerState().fundingRateE8(-5_000).bid1SizeLots(2).exchangeTimeNs(T0 + 100_000_000);
        merged.merge(delta);
        w.onTicker(merged);

        assertThat(out.lines)
                .containsExactly(
                        "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\","
                                + "\"lastPrice\":\"65000.10\",\"markPrice\":\"65000.15\",\"indexPrice\":\"65000.00\","
                                + "\"nextFundingTime\":\"1767254400000\",\"fundingRate\":\"0.0001\","
                                + "\"bid1Price\":\"65000.10\",\"bid1Size\":\"1.500\",\"ask1Price\":\"65000.20\","
                                + "\"ask1Size\":\"0.007\",\"fundingIntervalHour\":\"8\"},\"cs\":100,\"ts\":1767225600000}",
                        "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\","
                                + "\"fundingRate\":\"-0.00005\",\"bid1Size\":\"0.002\"},\"cs\":101,\"ts\":1767225600100}");
        assertThat(w.tickerFrames()).isEqualTo(2);
    }

    @Test
    void shouldWriteTheSameBytesForTheSameEvents() {
        final Lines a = new Lines(null);
        final Lines b = new Lines(null);
        final GeneratorConfig config = GeneratorConfig.defaults();
        final BybitFrameWriter wa = new BybitFrameWriter(BTC, a);
        new SyntheticMarket(config, Scenarios.rich(60 * S, 3)).run(60 * S, wa);
        wa.flush();
        final BybitFrameWriter wb = new BybitFrameWriter(BTC, b);
        new SyntheticMarket(config, Scenarios.rich(60 * S, 3)).run(60 * S, wb);
        wb.flush();
        assertThat(b.lines).isEqualTo(a.lines);
    }

    /** Feeds the generator's events both to an order book directly and through the writer and the decoder. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldRoundTripTheGeneratedMarketThroughTheDecoderExactly(long seed) {
        final GeneratorConfig config = GeneratorConfig.defaults().withSeed(seed);
        final SyntheticMarket market = new SyntheticMarket(config, Scenarios.rich(300 * S, seed));
        final BybitMarketDecoder decoder = new BybitMarketDecoder();
        final Lines out = new Lines(decoder);
        final BybitFrameWriter writer = new BybitFrameWriter(config.instrument(), 200, out);
        final OrderBook direct = new OrderBook(config.instrument());
        final TickerState directTicker = new TickerState();
        final List<String> mismatches = new ArrayList<>();
        final long[] generatedTrades = new long[1];
        out.afterBookFrame = () -> {
            final OrderBook decoded = decoder.market("BTCUSDT").book();
            if (!sameBook(decoded, direct)) {
                mismatches.add("u=" + decoded.updateId());
            }
        };
        market.run(300 * S, new MarketEventSink() {
            @Override
            public void onBook(BookUpdate update) {
                direct.apply(update);
                writer.onBook(update);
            }

            @Override
            public void onTrade(long timeNs, long priceTicks, long sizeLots, Side aggressor) {
                generatedTrades[0]++;
                writer.onTrade(timeNs, priceTicks, sizeLots, aggressor);
            }

            @Override
            public void onTicker(TickerState ticker) {
                directTicker.merge(ticker);
                writer.onTicker(ticker);
            }
        });
        writer.flush();

        assertThat(mismatches).isEmpty();
        assertThat(decoder.malformed()).isZero();
        assertThat(decoder.gaps()).isZero();
        assertThat(decoder.crossed()).isZero();
        assertThat(decoder.duplicates()).isZero();
        assertThat(decoder.rejected()).isZero();
        assertThat(decoder.unknownTopics()).isZero();
        assertThat(decoder.bookUpdates()).isEqualTo(market.bookUpdates());
        assertThat(decoder.trades()).isEqualTo(generatedTrades[0]).isEqualTo(market.trades());
        assertThat(decoder.tickerMessages()).isEqualTo(market.tickers());
        assertThat(out.lines).hasSize((int) writer.frames());

        final MarketState m = decoder.market("BTCUSDT");
        final OrderBook book = m.book();
        for (Side side : Side.values()) {
            assertThat(book.depth(side)).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                assertThat(book.sizeAt(side, i)).isEqualTo(market.publishedSizeLots(side, book.priceAt(side, i)));
            }
        }
        final TickerState t = m.ticker();
        assertThat(t.lastPriceTicks()).isEqualTo(directTicker.lastPriceTicks());
        assertThat(t.markPriceE8()).isEqualTo(directTicker.markPriceE8());
        assertThat(t.indexPriceE8()).isEqualTo(directTicker.indexPriceE8());
        assertThat(t.fundingRateE8()).isEqualTo(directTicker.fundingRateE8());
        assertThat(t.nextFundingTimeMs()).isEqualTo(directTicker.nextFundingTimeMs());
        assertThat(t.bid1PriceTicks()).isEqualTo(directTicker.bid1PriceTicks());
        assertThat(t.bid1SizeLots()).isEqualTo(directTicker.bid1SizeLots());
        assertThat(t.ask1PriceTicks()).isEqualTo(directTicker.ask1PriceTicks());
        assertThat(t.ask1SizeLots()).isEqualTo(directTicker.ask1SizeLots());
        assertThat(t.fundingIntervalHours()).isEqualTo(8);
        assertThat(m.tape().totalTrades()).isEqualTo(market.trades());
    }

    private static boolean sameBook(OrderBook a, OrderBook b) {
        if (a.updateId() != b.updateId() || !a.isSynced() || !b.isSynced()) {
            return false;
        }
        for (Side side : Side.values()) {
            if (a.depth(side) != b.depth(side)) {
                return false;
            }
            for (int i = 0; i < a.depth(side); i++) {
                if (a.priceAt(side, i) != b.priceAt(side, i) || a.sizeAt(side, i) != b.sizeAt(side, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final Pattern PRICE = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern SIZE = Pattern.compile("0|\\d+\\.\\d{3}");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    @Test
    void shouldShapeEveryFrameAsTheReferenceSays() throws IOException {
        final GeneratorConfig config = GeneratorConfig.defaults();
        final Lines out = new Lines(null);
        final BybitFrameWriter writer = new BybitFrameWriter(config.instrument(), 200, out);
        new SyntheticMarket(config, Scenarios.rich(60 * S, 1)).run(60 * S, writer);
        writer.flush();

        long lastSeq = -1;
        long lastU = 0;
        int books = 0;
        int trades = 0;
        int tickers = 0;
        for (String line : out.lines) {
            final JsonNode f = JSON.readTree(line);
            final String topic = f.get("topic").asText();
            final long seq;
            if (topic.startsWith("orderbook.")) {
                assertThat(fieldNames(f)).containsExactly("topic", "type", "ts", "data", "cts");
                assertThat(topic).isEqualTo("orderbook.200.BTCUSDT");
                assertThat(f.get("type").asText()).isEqualTo(books == 0 ? "snapshot" : "delta");
                assertThat(f.get("ts").isIntegralNumber()).isTrue();
                assertThat(f.get("cts").asLong())
                        .isLessThanOrEqualTo(f.get("ts").asLong());
                final JsonNode d = f.get("data");
                assertThat(fieldNames(d)).containsExactly("s", "b", "a", "u", "seq");
                assertThat(d.get("s").asText()).isEqualTo("BTCUSDT");
                for (String side : List.of("b", "a")) {
                    assertThat(d.get(side).isArray()).isTrue();
                    for (JsonNode level : d.get(side)) {
                        assertThat(level).hasSize(2);
                        assertThat(level.get(0).isTextual() && level.get(1).isTextual())
                                .isTrue();
                        assertThat(level.get(0).asText()).matches(PRICE);
                        assertThat(level.get(1).asText()).matches(SIZE);
                    }
                }
                if (books == 0) {
                    assertThat(d.get("b")).hasSize(200);
                    assertThat(d.get("a")).hasSize(200);
                    assertThat(d.get("b").get(0).get(0).asDouble())
                            .isGreaterThan(d.get("b").get(1).get(0).asDouble());
                    assertThat(d.get("a").get(0).get(0).asDouble())
                            .isLessThan(d.get("a").get(1).get(0).asDouble());
                }
                assertThat(d.get("u").asLong()).isEqualTo(lastU + 1);
                lastU = d.get("u").asLong();
                seq = d.get("seq").asLong();
                books++;
            } else if (topic.startsWith("publicTrade.")) {
                assertThat(fieldNames(f)).containsExactly("topic", "type", "ts", "data");
                assertThat(f.get("type").asText()).isEqualTo("snapshot");
                final JsonNode data = f.get("data");
                assertThat(data.isArray()).isTrue();
                seq = data.get(0).get("seq").asLong();
                for (JsonNode t : data) {
                    assertThat(fieldNames(t)).containsExactly("T", "s", "S", "v", "p", "L", "i", "BT", "RPI", "seq");
                    assertThat(t.get("T").asLong())
                            .isEqualTo(data.get(0).get("T").asLong());
                    assertThat(t.get("S").asText()).isIn("Buy", "Sell");
                    assertThat(t.get("v").asText()).matches(SIZE).isNotEqualTo("0");
                    assertThat(t.get("p").asText()).matches(PRICE);
                    assertThat(t.get("L").asText()).isIn("PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick");
                    assertThat(t.get("i").asText()).matches(UUID);
                    assertThat(t.get("BT").isBoolean() && t.get("RPI").isBoolean())
                            .isTrue();
                    assertThat(t.get("seq").asLong()).isEqualTo(seq);
                    trades++;
                }
            } else {
                assertThat(topic).isEqualTo("tickers.BTCUSDT");
                assertThat(fieldNames(f)).containsExactly("topic", "type", "data", "cs", "ts");
                assertThat(f.get("type").asText()).isEqualTo(tickers == 0 ? "snapshot" : "delta");
                final JsonNode d = f.get("data");
                assertThat(d.get("symbol").asText()).isEqualTo("BTCUSDT");
                if (tickers == 0) {
                    assertThat(fieldNames(d))
                            .containsExactly(
                                    "symbol",
                                    "lastPrice",
                                    "markPrice",
                                    "indexPrice",
                                    "nextFundingTime",
                                    "fundingRate",
                                    "bid1Price",
                                    "bid1Size",
                                    "ask1Price",
                                    "ask1Size",
                                    "fundingIntervalHour");
                    assertThat(d.get("fundingRate").asText()).isEqualTo("0.0001");
                    assertThat(d.get("fundingIntervalHour").asText()).isEqualTo("8");
                } else {
                    assertThat(fieldNames(d)).hasSizeLessThan(11).doesNotContain("fundingRate");
                }
                d.fields()
                        .forEachRemaining(e -> assertThat(e.getValue().isTextual())
                                .as(e.getKey())
                                .isTrue());
                if (d.has("nextFundingTime")) {
                    assertThat(d.get("nextFundingTime").asText()).matches(DIGITS);
                }
                for (String p : List.of("lastPrice", "markPrice", "indexPrice", "bid1Price", "ask1Price")) {
                    if (d.has(p)) {
                        assertThat(d.get(p).asText()).matches(PRICE);
                    }
                }
                seq = f.get("cs").asLong();
                tickers++;
            }
            assertThat(seq).as("seq increases across frames").isGreaterThan(lastSeq);
            lastSeq = seq;
        }
        assertThat(books).isGreaterThan(1000);
        assertThat(trades).isGreaterThan(200);
        assertThat(tickers).isGreaterThan(500);
    }

    private static List<String> fieldNames(JsonNode node) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
