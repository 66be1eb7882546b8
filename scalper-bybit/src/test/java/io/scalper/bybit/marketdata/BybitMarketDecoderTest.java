package io.scalper.bybit.marketdata;

import static io.scalper.core.model.Side.BUY;
import static io.scalper.core.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.OrderBook;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.TickerState;
import io.scalper.core.model.Instrument;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BybitMarketDecoderTest {
    private static final String SNAPSHOT =
            "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1773386409389,"
                    + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"71423.80\",\"0.557\"],[\"71423.10\",\"0.102\"]],"
                    + "\"a\":[[\"71423.90\",\"4.669\"],[\"71424.00\",\"0.001\"]],\"u\":10132540,\"seq\":546137962055},"
                    + "\"cts\":1773386409385}";
    private static final String DELTA = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1773386409407,"
            + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"71423.10\",\"0\"],[\"71418.20\",\"0.159\"]],"
            + "\"a\":[[\"71424.00\",\"0\"],[\"71435.40\",\"0.001\"]],\"u\":10132541,\"seq\":546137962186},"
            + "\"cts\":1773386409404}";

    private BybitMarketDecoder decoder;

    @BeforeEach
    void setUp() {
        decoder = new BybitMarketDecoder();
    }

    private MarketState btc() {
        return decoder.market("BTCUSDT");
    }

    @Test
    void shouldApplyASnapshotAndADeltaToTheBook() {
        assertThat(decoder.decode(SNAPSHOT, 5)).isEqualTo(BybitMarketDecoder.BOOK);
        final OrderBook book = btc().book();
        assertThat(btc().instrument()).isEqualTo(BybitInstruments.BTCUSDT);
        assertThat(book.bestBid()).isEqualTo(714238);
        assertThat(book.bestAsk()).isEqualTo(714239);
        assertThat(book.bestAskSize()).isEqualTo(4669);
        assertThat(book.updateId()).isEqualTo(10132540);
        assertThat(book.sequence()).isEqualTo(546137962055L);
        assertThat(book.lastUpdateTimeNs()).isEqualTo(1773386409389_000_000L);
        assertThat(book.lastLocalTimeNs()).isEqualTo(5);
        assertThat(decoder.decode(DELTA, 6)).isEqualTo(BybitMarketDecoder.BOOK);
        assertThat(book.depth(BUY)).isEqualTo(2);
        assertThat(book.priceAt(BUY, 1)).isEqualTo(714182);
        assertThat(book.depth(SELL)).isEqualTo(2);
        assertThat(book.priceAt(SELL, 1)).isEqualTo(714354);
        assertThat(decoder.bookUpdates()).isEqualTo(2);
        assertThat(decoder.malformed()).isZero();
    }

    @Test
    void shouldNotDependOnKeyOrderOrWhitespace() {
        final String reordered = "{ \"cts\" : 1773386409385 ,\n \"data\" : { \"seq\":546137962055, \"u\" : 10132540,"
                + " \"a\":[ [ \"71423.90\" , \"4.669\" ] , [\"71424.00\",\"0.001\"] ], \"b\":[[\"71423.80\",\"0.557\"],"
                + "[\"71423.10\",\"0.102\"]], \"s\":\"BTCUSDT\" },\t\"ts\":1773386409389, \"type\":\"snapshot\","
                + " \"topic\":\"orderbook.50.BTCUSDT\" }\n";
        assertThat(decoder.decode(reordered, 0)).isEqualTo(BybitMarketDecoder.BOOK);
        final BybitMarketDecoder plain = new BybitMarketDecoder();
        plain.decode(SNAPSHOT, 0);
        final OrderBook a = btc().book();
        final OrderBook b = plain.market("BTCUSDT").book();
        for (int i = 0; i < 2; i++) {
            assertThat(a.priceAt(BUY, i)).isEqualTo(b.priceAt(BUY, i));
            assertThat(a.sizeAt(SELL, i)).isEqualTo(b.sizeAt(SELL, i));
        }
        assertThat(a.updateId()).isEqualTo(b.updateId());
        assertThat(a.lastUpdateTimeNs()).isEqualTo(b.lastUpdateTimeNs());
    }

    @Test
    void shouldDecodeTradesIntoTheTape() {
        final String trades = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1758841135824,\"data\":["
                + "{\"T\":1758841135823,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.020\",\"p\":\"109378.90\","
                + "\"L\":\"ZeroPlusTick\",\"i\":\"2a74ac78-691c-5b54-9dbe-5aafe8364627\",\"BT\":false,\"RPI\":false,"
                + "\"seq\":457514743450},"
                + "{\"T\":1758841135824,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.001\",\"p\":\"109378.80\","
                + "\"i\":\"x\",\"BT\":false}]}";
        assertThat(decoder.decode(trades, 0)).isEqualTo(BybitMarketDecoder.TRADES);
        final var tape = btc().tape();
        assertThat(tape.totalTrades()).isEqualTo(2);
        assertThat(tape.lastPriceTicks()).isEqualTo(1093788);
        assertThat(tape.lastSizeLots()).isEqualTo(1);
        assertThat(tape.lastAggressor()).isEqualTo(SELL);
        assertThat(tape.priceTicksAt(1)).isEqualTo(1093789);
        assertThat(tape.aggressorAt(1)).isEqualTo(BUY);
        assertThat(tape.timeNsAt(1)).isEqualTo(1758841135823_000_000L);
        assertThat(decoder.trades()).isEqualTo(2);
    }

    @Test
    void shouldMergeTickerDeltasIntoTheSnapshot() {
        final String snapshot = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"tickDirection\":\"ZeroMinusTick\",\"lastPrice\":\"28550.70\",\"markPrice\":\"28552.81\","
                + "\"indexPrice\":\"28562.25\",\"openInterest\":\"52774.528\",\"nextFundingTime\":\"1680681600000\","
                + "\"fundingRate\":\"0.0001\",\"bid1Price\":\"28550.70\",\"bid1Size\":\"2.049\",\"ask1Price\":\"28550.80\","
                + "\"ask1Size\":\"15.328\",\"fundingIntervalHour\":\"8\"},\"cs\":50193544280,\"ts\":1680673821770}";
        final String delta = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"fundingRate\":\"-0.00005\",\"bid1Price\":\"28560.00\",\"bid1Size\":\"3.5\"},\"cs\":50193544281,"
                + "\"ts\":1680673822776}";
        assertThat(decoder.decode(snapshot, 0)).isEqualTo(BybitMarketDecoder.TICKER);
        assertThat(decoder.decode(delta, 0)).isEqualTo(BybitMarketDecoder.TICKER);
        final TickerState t = btc().ticker();
        assertThat(t.bid1PriceTicks()).isEqualTo(285600);
        assertThat(t.bid1SizeLots()).isEqualTo(3500);
        assertThat(t.ask1PriceTicks()).as("absent in the delta: kept").isEqualTo(285508);
        assertThat(t.ask1SizeLots()).isEqualTo(15328);
        assertThat(t.lastPriceTicks()).isEqualTo(285507);
        assertThat(t.markPriceE8()).isEqualTo(2855281000000L);
        assertThat(t.indexPriceE8()).isEqualTo(2856225000000L);
        assertThat(t.fundingRateE8()).isEqualTo(-5000);
        assertThat(t.fundingRate()).isEqualTo(-0.00005);
        assertThat(t.nextFundingTimeMs()).isEqualTo(1680681600000L);
        assertThat(t.fundingIntervalHours()).isEqualTo(8);
        assertThat(t.openInterestLots()).isEqualTo(52774528);
        assertThat(t.crossSequence()).isEqualTo(50193544281L);
        assertThat(t.exchangeTimeNs()).isEqualTo(1680673822776_000_000L);
        assertThat(t.updates()).isEqualTo(2);
    }

    @Test
    void shouldOnlyEmitEventsAndLeaveApplyingToTheMarketsStep() {
        // the decoder applies nothing itself: a routed symbol's market stays untouched, and what it emits carries
        // everything the apply step needs (a ticker snapshot says so; the end of each message is marked)
        final MarketState btc = decoder.register(BybitInstruments.BTCUSDT);
        final List<String> events = new java.util.ArrayList<>();
        decoder.markets().route("BTCUSDT", new io.scalper.core.market.MarketEventSink() {
            @Override
            public void onBook(io.scalper.core.book.BookUpdate u) {
                events.add("book " + u.isSnapshot() + " " + u.updateId());
            }

            @Override
            public void onTicker(TickerState t) {
                events.add("ticker " + t.snapshot() + " " + t.lastPriceTicks());
            }

            @Override
            public void endOfMessage() {
                events.add("end");
            }
        });
        decoder.decode(SNAPSHOT, 0);
        decoder.decode(
                "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\","
                        + "\"lastPrice\":\"28550.70\"},\"ts\":1}",
                0);
        assertThat(events).containsExactly("book true 10132540", "end", "ticker true 285507", "end");
        assertThat(btc.book().bestBid()).isEqualTo(OrderBook.NONE);
        assertThat(decoder.bookUpdates()).isZero();

        decoder.markets().route("BTCUSDT", null);
        decoder.decode(SNAPSHOT, 0);
        assertThat(btc.book().bestBid()).isEqualTo(714238);
        assertThat(decoder.bookUpdates()).isEqualTo(1);
    }

    @Test
    void shouldTreatEmptyTickerFieldsAsUnknown() {
        decoder.register(BybitInstruments.BTCUSDT);
        final String dated = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"lastPrice\":\"28550.70\",\"fundingRate\":\"\",\"nextFundingTime\":\"\"},\"ts\":1}";
        assertThat(decoder.decode(dated, 0)).isEqualTo(BybitMarketDecoder.TICKER);
        assertThat(btc().ticker().fundingRateE8()).isEqualTo(TickerState.NONE);
        assertThat(btc().ticker().fundingRate()).isNaN();
        assertThat(btc().ticker().has(TickerState.FUNDING_RATE)).isTrue();
    }

    @Test
    void shouldRecogniseControlFramesAndCountRefusals() {
        assertThat(decoder.decode(
                        "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"d6ki1eae0cl5msgggj7g-1uoz2\",\"req_id\":\"\",\"op\":\"subscribe\"}",
                        0))
                .isEqualTo(BybitMarketDecoder.CONTROL);
        assertThat(decoder.decode(
                        "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"465772b1\",\"req_id\":\"\",\"op\":\"ping\"}",
                        0))
                .isEqualTo(BybitMarketDecoder.CONTROL);
        assertThat(decoder.decode(
                        "{\"success\":false,\"ret_msg\":\"error:handler not found,topic:orderbook.500.BTCUSDT\",\"op\":\"subscribe\"}",
                        0))
                .isEqualTo(BybitMarketDecoder.CONTROL);
        assertThat(decoder.controlFrames()).isEqualTo(3);
        assertThat(decoder.controlFailures()).isEqualTo(1);
        assertThat(decoder.malformed()).isZero();
    }

    @Test
    void shouldCountAndIgnoreUnknownTopics() {
        assertThat(decoder.decode(
                        "{\"topic\":\"kline.1.BTCUSDT\",\"data\":[{\"start\":1,\"confirm\":false}],\"ts\":1,\"type\":\"snapshot\"}",
                        0))
                .isEqualTo(BybitMarketDecoder.UNKNOWN_TOPIC);
        assertThat(decoder.decode(
                        "{\"topic\":\"orderbook.rpi.BTCUSDT\",\"data\":{},\"ts\":1,\"type\":\"snapshot\"}", 0))
                .isEqualTo(BybitMarketDecoder.UNKNOWN_TOPIC);
        assertThat(decoder.unknownTopics()).isEqualTo(2);
        assertThat(decoder.marketCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "{",
                "{}",
                "[]",
                "null",
                "{\"topic\":\"orderbook.50.BTCUSDT\"",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"b\":[],\"a\":[]}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"bogus\",\"ts\":1,\"data\":{\"b\":[],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.85\",\"1\"]],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.80\",\"0.0001\"]],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.80\"]],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.80\",\"1\"]],\"a\":[],\"u\":\"x\"}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1.5,\"data\":{\"b\":[],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"s\":\"ETHUSDT\",\"b\":[],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[],\"a\":[],\"u\":1}} trailing",
                "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":\"0.001\"}]}",
                "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Up\",\"v\":\"0.001\",\"p\":\"1.0\"}]}",
                "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":\"0\",\"p\":\"1.0\"}]}",
                "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"bid1Price\":\"abc\"}}",
                "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"bid1Price\":\"1\\u0030\"}}",
                "{\"topic\":\"tickers.\",\"type\":\"delta\",\"ts\":1,\"data\":{}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.80\",\"1\"]],\"a\":[],\"u\":1},}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"b\":[[\"71423.80\",\"1\"]] \"a\":[],\"u\":1}}",
            })
    void shouldCountAndSkipMalformedFramesWithoutThrowingOrApplyingAnything(String frame) {
        decoder.register(BybitInstruments.BTCUSDT);
        decoder.decode(SNAPSHOT, 0);
        final long bidBefore = btc().book().bestBid();
        final long updateBefore = btc().book().updateId();
        assertThat(decoder.decode(frame, 0)).isEqualTo(BybitMarketDecoder.MALFORMED);
        assertThat(decoder.malformed()).isEqualTo(1);
        assertThat(btc().book().bestBid()).isEqualTo(bidBefore);
        assertThat(btc().book().updateId()).isEqualTo(updateBefore);
        assertThat(btc().tape().totalTrades()).isZero();
        assertThat(btc().ticker().updates()).isZero();
        // the stream carries on
        assertThat(decoder.decode(DELTA, 0)).isEqualTo(BybitMarketDecoder.BOOK);
        assertThat(btc().book().isSynced()).isTrue();
    }

    @Test
    void shouldNotApplyAnyLevelOfAFrameWhoseLastLevelIsBad() {
        decoder.decode(SNAPSHOT, 0);
        final String bad =
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\","
                        + "\"b\":[[\"71423.80\",\"9\"],[\"71423.10\",\"0\"]],\"a\":[[\"71424.05\",\"1\"]],\"u\":10132541}}";
        assertThat(decoder.decode(bad, 0)).isEqualTo(BybitMarketDecoder.MALFORMED);
        assertThat(btc().book().bestBidSize()).isEqualTo(557);
        assertThat(btc().book().depth(BUY)).isEqualTo(2);
    }

    @Test
    void shouldDecodeFramesWhoseDataComesBeforeTheirTopic() {
        final String frame = "{\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.5\",\"p\":\"100.1\"}],"
                + "\"type\":\"snapshot\",\"ts\":2,\"topic\":\"publicTrade.BTCUSDT\"}";
        assertThat(decoder.decode(frame, 0)).isEqualTo(BybitMarketDecoder.TRADES);
        assertThat(btc().tape().lastPriceTicks()).isEqualTo(1001);
        assertThat(btc().tape().lastSizeLots()).isEqualTo(500);
    }

    @Test
    void shouldAcceptNumbersWhereBybitUsuallySendsStrings() {
        final String frame =
                "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\","
                        + "\"b\":[[71423.8,0.557]],\"a\":[[71423.9,1]],\"u\":\"7\"}}";
        assertThat(decoder.decode(frame, 0)).isEqualTo(BybitMarketDecoder.BOOK);
        assertThat(btc().book().bestBid()).isEqualTo(714238);
        assertThat(btc().book().bestAskSize()).isEqualTo(1000);
        assertThat(btc().book().updateId()).isEqualTo(7);
    }

    @Test
    void shouldInferInstrumentsOfUnknownSymbolsFromTheirDecimals() {
        final String frame =
                "{\"topic\":\"orderbook.50.DOGEUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"s\":\"DOGEUSDT\","
                        + "\"b\":[[\"0.07053\",\"291246\"]],\"a\":[[\"0.07054\",\"7794\"],[\"0.07055\",\"0\"]],\"u\":3}}";
        assertThat(decoder.decode(frame, 0)).isEqualTo(BybitMarketDecoder.BOOK);
        final Instrument doge = decoder.market("DOGEUSDT").instrument();
        assertThat(doge.tickSize()).isEqualByComparingTo("0.00001");
        assertThat(doge.qtyStep()).isEqualByComparingTo("1");
        assertThat(decoder.market("DOGEUSDT").book().bestBid()).isEqualTo(7053);
    }

    @Test
    void shouldSkipSymbolsTheResolverDeclines() {
        final BybitMarketDecoder strict = new BybitMarketDecoder(
                BybitInstruments.fromTable(List.of(BybitInstruments.BTCUSDT), false), 256, TapeConfig.defaults());
        final String eth = SNAPSHOT.replace("BTCUSDT", "ETHUSDT");
        assertThat(strict.decode(eth, 0)).isEqualTo(BybitMarketDecoder.IGNORED);
        assertThat(strict.ignored()).isEqualTo(1);
        assertThat(strict.decode(SNAPSHOT, 0)).isEqualTo(BybitMarketDecoder.BOOK);
        assertThat(strict.marketCount()).isEqualTo(1);
    }

    @Test
    void shouldDecodeTheCapturedFixturesWithAndWithoutOptionalFields() throws IOException {
        for (String name : List.of("public-2023-04-05-captured.jsonl", "public-2025-09-26-captured.jsonl")) {
            final BybitMarketDecoder d = new BybitMarketDecoder();
            final List<String> lines = Files.readAllLines(SharedData.require("bybit/fixtures/" + name));
            for (String line : lines) {
                if (!line.isBlank()) {
                    assertThat(d.decode(line, 0)).as(line).isNotEqualTo(BybitMarketDecoder.MALFORMED);
                }
            }
            assertThat(d.malformed()).as(name).isZero();
            assertThat(d.bookMessages() + d.trades()).as(name).isPositive();
        }
    }

    @Test
    void shouldReadInstrumentRulesFromAnInstrumentsInfoReply() throws IOException {
        final String json = Files.readString(SharedData.require("bybit/fixtures/rest-instruments-linear-2023.json"));
        final var table = BybitInstruments.parseInstrumentsInfo(json);
        assertThat(table.get("BTCUSDT").tickSize()).isEqualByComparingTo("0.10");
        assertThat(table.get("BTCUSDT").qtyStep()).isEqualByComparingTo("0.001");
        assertThat(table.get("ETHUSDT").tickSize()).isEqualByComparingTo("0.01");
        assertThat(table.get("ETHUSDT").minNotional()).isEqualByComparingTo("5");
    }
}
