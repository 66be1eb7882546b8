package io.scalper.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonWriterTest {
    @Test
    void shouldWriteDecimalsPlainRoundedAndWithoutTrailingZeros() {
        assertThat(JsonWriter.decimal(0.1)).isEqualTo("0.1");
        assertThat(JsonWriter.decimal(-12.5)).isEqualTo("-12.5");
        assertThat(JsonWriter.decimal(3.0)).isEqualTo("3");
        assertThat(JsonWriter.decimal(-0.0)).isEqualTo("0");
        assertThat(JsonWriter.decimal(1e-9)).isEqualTo("0");
        assertThat(JsonWriter.decimal(-1e-9)).isEqualTo("0");
        assertThat(JsonWriter.decimal(0.00330066)).isEqualTo("0.00330066");
        assertThat(JsonWriter.decimal(1.23456789012)).isEqualTo("1.23456789");
        assertThat(JsonWriter.decimal(2.0 / 3)).isEqualTo("0.66666667");
        assertThat(JsonWriter.decimal(1e20)).isEqualTo("100000000000000000000");
        assertThat(JsonWriter.decimal(1.5e-7)).isEqualTo("0.00000015");
        assertThat(JsonWriter.decimal(Double.NaN)).isEmpty();
        assertThat(JsonWriter.decimal(Double.NEGATIVE_INFINITY)).isEmpty();
    }

    @Test
    void shouldEscapeStringsAsJsonRequires() {
        final String json = new JsonWriter()
                .beginObject()
                .name("k\"ey")
                .value("a\\b\"c\nd\re\tf\u0001g\u2028h/é")
                .endObject()
                .toString();

        assertThat(json).isEqualTo("{\"k\\\"ey\":\"a\\\\b\\\"c\\nd\\re\\tf\\u0001g\\u2028h/é\"}");
        assertThat(MiniJson.parseObject(json)).containsEntry("k\"ey", "a\\b\"c\nd\re\tf\u0001g\u2028h/é");
    }

    @Test
    void shouldWriteNestedValuesWithCommasInTheRightPlaces() {
        final String json = new JsonWriter()
                .beginObject()
                .name("a")
                .beginArray()
                .value(1)
                .value(2.5)
                .value(true)
                .nullValue()
                .value((String) null)
                .beginObject()
                .endObject()
                .endArray()
                .name("b")
                .value(Double.POSITIVE_INFINITY)
                .name("c")
                .value(Integer.valueOf(7))
                .name("d")
                .value(Float.valueOf(0.5f))
                .endObject()
                .toString();

        assertThat(json).isEqualTo("{\"a\":[1,2.5,true,null,null,{}],\"b\":null,\"c\":7,\"d\":0.5}");
        assertThat(MiniJson.parse(json)).isInstanceOf(Map.class);
    }

    @Test
    void shouldRefuseMisuse() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("x").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNestDeeperThanItsInitialStack() {
        final JsonWriter w = new JsonWriter();
        for (int i = 0; i < 40; i++) {
            w.beginArray();
        }
        for (int i = 0; i < 40; i++) {
            w.endArray();
        }
        assertThat(MiniJson.parse(w.toString())).isInstanceOf(List.class);
    }

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 6).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldAgreeWithExactDecimalRoundingOnRandomDoubles(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            final double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-10, 16));
            final String text = JsonWriter.decimal(v);
            final BigDecimal expected =
                    new BigDecimal(v).setScale(JsonWriter.DECIMALS, java.math.RoundingMode.HALF_EVEN);
            assertThat(new BigDecimal(text).compareTo(expected))
                    .as("%s → %s", v, text)
                    .isZero();
            assertThat(text).doesNotContain("E", "e").doesNotEndWith(".");
            if (text.contains(".")) {
                assertThat(text).doesNotEndWith("0");
            }
            assertThat(text).isNotEqualTo("-0");
        }
    }
}
