package io.scalper.bybit.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.market.MarketState;
import io.scalper.core.model.Side;
import io.scalper.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BybitMarketDecoder#decode(byte[], int, int, long)} decodes exactly as {@link BybitMarketDecoder#decode(String,
 * long)}: the same result code and the same books, counters, tapes and tickers, frame after frame, wherever the frame
 * sits in its array and whatever surrounds it.
 */
class DecodeBytesTest {

    @Test
    void shouldDecodeRealFramesFromBytesAsFromStrings() throws IOException {
        final List<String> lines = Files.readAllLines(SharedData.require("bybit/linear-4sym-2026-08-09.jsonl"));
        final BybitMarketDecoder fromText = new BybitMarketDecoder();
        final BybitMarketDecoder fromBytes = new BybitMarketDecoder();
        final byte[] buffer = new byte[1 << 16];
        int frame = 0;
        for (String line : lines) {
            final byte[] b = line.getBytes(StandardCharsets.UTF_8);
            // at a moving offset, between bytes that would change the result if they were read
            final int from = 1 + frame % 37;
            java.util.Arrays.fill(buffer, (byte) '9');
            System.arraycopy(b, 0, buffer, from, b.length);
            final int expected = fromText.decode(line, frame);
            assertThat(fromBytes.decode(buffer, from, from + b.length, frame))
                    .as("frame %d", frame)
                    .isEqualTo(expected);
            frame++;
        }
        assertSame(fromText, fromBytes);
        assertThat(fromBytes.bookUpdates()).isEqualTo(1598);
        assertThat(fromBytes.malformed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"65000.10\",\"1.5\"]],\"a\":[[\"65000.20\",\"0.001\"]],\"u\":1,\"seq\":2,\"note\":\"caf\u00e9 \u20ac \ud83d\ude00\"},\"cts\":1}",
                "{\"topic\":\"orderbook.50.BTC\u00dcSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"s\":\"BTC\u00dcSDT\",\"b\":[],\"a\":[],\"u\":1}}",
                "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"6500\u00e9.10\",\"1.5\"]],\"u\":2}}",
                "{\"op\":\"pong\",\"success\":true,\"ret_msg\":\"\u00e9t\u00e9\"}",
                "{\"op\":\"pong\"\u00a0}",
                "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"ts\":5,\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"65000.10\",\"x\":\"\ud800\"}}"
            })
    void shouldDecodeNonAsciiFramesAsTheirUtf8Bytes(String text) {
        final BybitMarketDecoder fromText = new BybitMarketDecoder();
        final BybitMarketDecoder fromBytes = new BybitMarketDecoder();
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(fromBytes.decode(b, 0, b.length, 7)).isEqualTo(fromText.decode(text, 7));
        assertSame(fromText, fromBytes);
    }

    @Test
    void shouldRefuseARangeOutsideTheArray() {
        final BybitMarketDecoder d = new BybitMarketDecoder();
        assertThatThrownBy(() -> d.decode(new byte[4], 2, 5, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(d.messages()).isZero();
    }

    private static void assertSame(BybitMarketDecoder a, BybitMarketDecoder b) {
        assertThat(b.messages()).isEqualTo(a.messages());
        assertThat(b.bookUpdates()).isEqualTo(a.bookUpdates());
        assertThat(b.trades()).isEqualTo(a.trades());
        assertThat(b.tickerMessages()).isEqualTo(a.tickerMessages());
        assertThat(b.controlFrames()).isEqualTo(a.controlFrames());
        assertThat(b.controlFailures()).isEqualTo(a.controlFailures());
        assertThat(b.unknownTopics()).isEqualTo(a.unknownTopics());
        assertThat(b.malformed()).isEqualTo(a.malformed());
        assertThat(b.ignored()).isEqualTo(a.ignored());
        assertThat(b.gaps()).isEqualTo(a.gaps());
        assertThat(b.marketCount()).isEqualTo(a.marketCount());
        for (int i = 0; i < a.marketCount(); i++) {
            final MarketState x = a.marketAt(i);
            final MarketState y = b.market(x.symbol());
            assertThat(y).as(x.symbol()).isNotNull();
            for (Side side : Side.values()) {
                assertThat(y.book().depth(side)).isEqualTo(x.book().depth(side));
                for (int level = 0; level < x.book().depth(side); level++) {
                    assertThat(y.book().priceAt(side, level)).isEqualTo(x.book().priceAt(side, level));
                    assertThat(y.book().sizeAt(side, level)).isEqualTo(x.book().sizeAt(side, level));
                }
            }
            assertThat(y.book().updateId()).isEqualTo(x.book().updateId());
            assertThat(y.tape().size()).isEqualTo(x.tape().size());
            assertThat(y.ticker().presentFields()).isEqualTo(x.ticker().presentFields());
            assertThat(y.ticker().lastPriceTicks()).isEqualTo(x.ticker().lastPriceTicks());
        }
    }
}
