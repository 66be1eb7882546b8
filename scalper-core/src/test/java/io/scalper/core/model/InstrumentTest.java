package io.scalper.core.model;

import static io.scalper.core.util.Decimals.INVALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InstrumentTest {
    private final Instrument btc = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private final Instrument xrp = Instrument.of("XRPUSDT", "0.0001", "1", "1", "5");
    private final Instrument halfTick = Instrument.of("TESTUSDT", "0.5", "0.01", "0.02", "0");

    @Test
    void shouldConvertPriceTextToTicks() {
        assertThat(btc.priceToTicks("65114.20")).isEqualTo(651142);
        assertThat(btc.priceToTicks("65114.2")).isEqualTo(651142);
        assertThat(btc.priceToTicks("65114")).isEqualTo(651140);
        assertThat(xrp.priceToTicks("1.9531")).isEqualTo(19531);
        assertThat(halfTick.priceToTicks("10.5")).isEqualTo(21);
        final byte[] bytes = "x65114.20x".getBytes(StandardCharsets.US_ASCII);
        assertThat(btc.priceToTicks(bytes, 1, 9)).isEqualTo(651142);
    }

    @Test
    void shouldRefusePricesOffTheTickGrid() {
        assertThat(btc.priceToTicks("65114.25")).isEqualTo(INVALID);
        assertThat(btc.priceToTicks("65114.21")).isEqualTo(INVALID);
        assertThat(halfTick.priceToTicks("10.2")).isEqualTo(INVALID);
        assertThat(btc.priceToTicks("abc")).isEqualTo(INVALID);
        assertThatThrownBy(() -> btc.parsePrice("65114.25"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65114.25")
                .hasMessageContaining("tick 0.10");
    }

    @Test
    void shouldConvertQuantityTextToLotsAndRefuseOffStepValues() {
        assertThat(btc.qtyToLots("0.004")).isEqualTo(4);
        assertThat(btc.qtyToLots("1")).isEqualTo(1000);
        assertThat(btc.qtyToLots("0")).isEqualTo(0);
        assertThat(btc.qtyToLots("0.0005")).isEqualTo(INVALID);
        assertThat(xrp.qtyToLots("6203")).isEqualTo(6203);
        assertThat(xrp.qtyToLots("6203.5")).isEqualTo(INVALID);
        assertThatThrownBy(() -> btc.parseQty("0.0005")).hasMessageContaining("step 0.001");
    }

    @Test
    void shouldFormatTicksAndLotsAsExchangeText() {
        assertThat(btc.formatPrice(651142)).isEqualTo("65114.20");
        assertThat(btc.formatQty(4)).isEqualTo("0.004");
        assertThat(xrp.formatPrice(19531)).isEqualTo("1.9531");
        assertThat(xrp.formatQty(6203)).isEqualTo("6203");
        assertThat(halfTick.formatPrice(21)).isEqualTo("10.5");
        assertThat(btc.appendPrice(new StringBuilder(), 651142)).hasToString("65114.20");
    }

    @Test
    void shouldExposeScalesAndDoubles() {
        assertThat(btc.priceScale()).isEqualTo(2);
        assertThat(btc.qtyScale()).isEqualTo(3);
        assertThat(btc.minQtyLots()).isEqualTo(1);
        assertThat(halfTick.minQtyLots()).isEqualTo(2);
        assertThat(btc.priceOf(651142)).isCloseTo(65114.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(btc.qtyOf(4)).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldCheckMinimumQuantityAndNotional() {
        // 0.001 BTC at 65114.20 = 65.11 USDT >= 5
        assertThat(btc.meetsMinimums(651142, 1)).isTrue();
        // 0.001 BTC at 4000.00 = 4 USDT < 5
        assertThat(btc.meetsMinimums(40000, 1)).isFalse();
        // exactly 5 USDT is enough
        assertThat(btc.meetsMinimums(50000, 1)).isTrue();
        assertThat(btc.meetsMinimums(651142, 0)).isFalse();
        assertThat(halfTick.meetsMinimums(21, 1)).isFalse(); // below min qty of 2 lots
    }

    @Test
    void shouldFailConstructionNamingTheBadField() {
        assertThatThrownBy(() -> Instrument.of("BTCUSDT", "0", "0.001", "0.001", "5"))
                .hasMessageStartingWith("tickSize");
        assertThatThrownBy(() -> Instrument.of("BTCUSDT", "0.1", "-1", "0.001", "5"))
                .hasMessageStartingWith("qtyStep");
        assertThatThrownBy(() -> Instrument.of("BTCUSDT", "0.1", "0.001", "0.0015", "5"))
                .hasMessageStartingWith("minQty");
        assertThatThrownBy(() -> Instrument.of("BTCUSDT", "0.1", "0.001", "0.001", "-5"))
                .hasMessageStartingWith("minNotional");
        assertThatThrownBy(() -> Instrument.of("btc usdt", "0.1", "0.001", "0.001", "5"))
                .hasMessageStartingWith("symbol");
        assertThatThrownBy(() -> Instrument.of("BTCUSDT", "x", "0.001", "0.001", "5"))
                .hasMessageStartingWith("tickSize");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "0.10, 0.001",
        "0.5, 0.01",
        "0.25, 1",
        "0.01, 0.1",
        "1, 10",
        "10, 5",
        "0.0001, 1",
        "0.00005, 0.002"
    })
    void shouldAgreeWithExactDecimalArithmeticForAnyGrid(String tick, String step) {
        final Instrument inst = Instrument.of("TESTUSDT", tick, step, step, "0");
        final java.util.SplittableRandom random =
                new java.util.SplittableRandom(tick.hashCode() * 31L + step.hashCode());
        for (int i = 0; i < 2_000; i++) {
            final BigDecimal value = BigDecimal.valueOf(random.nextLong(0, 100_000_000), random.nextInt(0, 6));
            final String text = value.toPlainString();
            final BigDecimal[] ticks = value.divideAndRemainder(new BigDecimal(tick));
            final long expected = ticks[1].signum() == 0 ? ticks[0].longValueExact() : INVALID;
            assertThat(inst.priceToTicks(text))
                    .as("price %s on tick %s", text, tick)
                    .isEqualTo(expected);
            assertThat(inst.ticksFromUnscaled(io.scalper.core.util.Decimals.parse(text, inst.priceTextScale())))
                    .isEqualTo(expected);
            final BigDecimal[] lots = value.divideAndRemainder(new BigDecimal(step));
            final long expectedLots = lots[1].signum() == 0 ? lots[0].longValueExact() : INVALID;
            assertThat(inst.qtyToLots(text)).as("qty %s on step %s", text, step).isEqualTo(expectedLots);
            if (expected != INVALID) {
                assertThat(new BigDecimal(inst.formatPrice(expected))).isEqualByComparingTo(value);
            }
        }
    }

    @Test
    void shouldCompareByValueIgnoringTrailingZeros() {
        final Instrument same = new Instrument(
                "BTCUSDT",
                new BigDecimal("0.1"),
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                BigDecimal.valueOf(5));
        assertThat(same).isEqualTo(btc).hasSameHashCodeAs(btc);
        assertThat(btc).isNotEqualTo(xrp);
        assertThat(btc.toString()).contains("BTCUSDT", "0.10", "0.001");
    }
}
