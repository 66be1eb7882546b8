package io.scalper.core.util;

import static io.scalper.core.util.Decimals.INVALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    private static long parseBoth(String text, int scale) {
        final long fromChars = Decimals.parse(text, 0, text.length(), scale);
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final long fromBytes = Decimals.parse(bytes, 0, bytes.length, scale);
        assertThat(fromBytes).as("byte[] and CharSequence agree for '%s'", text).isEqualTo(fromChars);
        return fromChars;
    }

    @ParameterizedTest(name = "{0} at scale {1} = {2}")
    @CsvSource({
        "65114.20, 2, 6511420",
        "65114.2, 2, 6511420",
        "65114.200, 2, 6511420",
        "0.004, 3, 4",
        "1.9531, 4, 19531",
        "0, 0, 0",
        "0, 8, 0",
        "0.000, 3, 0",
        "0.000, 0, 0",
        "-0, 2, 0",
        "-1.5, 1, -15",
        "+2.25, 2, 225",
        "-0.0001, 8, -10000",
        "007, 0, 7",
        "9223372036854775807, 0, 9223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
        "92233720368.54775807, 8, 9223372036854775807",
        "1999999.80, 2, 199999980",
    })
    void shouldParseExactDecimals(String text, int scale, long expected) {
        assertThat(parseBoth(text, scale)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                "+",
                ".",
                "5.",
                ".5",
                "1.2.3",
                "1e5",
                "3.832e+07",
                " 1",
                "1 ",
                "1,5",
                "abc",
                "--1",
                "0x10",
                "NaN",
                "Infinity",
                "1.-5"
            })
    void shouldRejectTextThatIsNotAPlainDecimal(String text) {
        assertThat(parseBoth(text, 4)).isEqualTo(INVALID);
    }

    @Test
    void shouldRejectMoreNonZeroDecimalsThanTheScaleInsteadOfRounding() {
        assertThat(parseBoth("0.0015", 3)).isEqualTo(INVALID);
        assertThat(parseBoth("65114.21", 1)).isEqualTo(INVALID);
        assertThat(parseBoth("1.000000001", 8)).isEqualTo(INVALID);
        assertThat(parseBoth("1.5", 0)).isEqualTo(INVALID);
    }

    @Test
    void shouldRejectValuesThatOverflowALong() {
        assertThat(parseBoth("9223372036854775808", 0)).isEqualTo(INVALID);
        assertThat(parseBoth("99999999999999999999", 0)).isEqualTo(INVALID);
        assertThat(parseBoth("92233720368.54775808", 8)).isEqualTo(INVALID);
        assertThat(parseBoth("100000000000", 8)).isEqualTo(INVALID); // 1e11 * 1e8 > 2^63
        assertThat(parseBoth("1", 19)).isEqualTo(INVALID); // scale beyond MAX_SCALE
        assertThat(parseBoth("1", -1)).isEqualTo(INVALID);
    }

    @Test
    void shouldParseARangeInsideALargerText() {
        final String frame = "[\"65114.20\",\"0.004\"]";
        assertThat(Decimals.parse(frame, 2, 10, 2)).isEqualTo(6511420);
        assertThat(Decimals.parse(frame, 13, 18, 3)).isEqualTo(4);
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        assertThat(Decimals.parse(bytes, 13, 18, 3)).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0} at scale {1} -> {2}")
    @CsvSource({
        "6511420, 2, 65114.20",
        "4, 3, 0.004",
        "0, 3, 0.000",
        "0, 0, 0",
        "-15, 1, -1.5",
        "-5, 3, -0.005",
        "50, 3, 0.050",
        "9223372036854775807, 8, 92233720368.54775807",
        "123, 0, 123",
    })
    void shouldFormatUnscaledValues(long unscaled, int scale, String expected) {
        assertThat(Decimals.format(unscaled, scale)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseToFormatTheInvalidSentinel() {
        assertThatThrownBy(() -> Decimals.format(INVALID, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decimals.format(1, 19)).hasMessageContaining("scale");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 20240601})
    void shouldRoundTripRandomValuesThroughTextAndAgreeWithBigDecimal(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            final int scale = random.nextInt(0, 11);
            final long value = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            final String text = Decimals.format(value, scale);
            assertThat(new BigDecimal(text)).isEqualByComparingTo(BigDecimal.valueOf(value, scale));
            assertThat(parseBoth(text, scale)).isEqualTo(value);
            // parsing at a larger scale multiplies exactly; at a smaller one only trailing zeros may go
            if (scale < 8) {
                assertThat(parseBoth(text, scale + 1)).isEqualTo(value * 10);
            }
            if (scale > 0) {
                final long coarser = parseBoth(text, scale - 1);
                assertThat(coarser).isEqualTo(value % 10 == 0 ? value / 10 : INVALID);
            }
        }
    }

    @Test
    void shouldReportTheScaleOfDecimalText() {
        assertThat(Decimals.scaleOf("65114.20", 0, 8)).isEqualTo(2);
        assertThat(Decimals.scaleOf("0", 0, 1)).isEqualTo(0);
        assertThat(Decimals.scaleOf("-0.00001", 0, 8)).isEqualTo(5);
        assertThat(Decimals.scaleOf("1.", 0, 2)).isEqualTo(-1);
        assertThat(Decimals.scaleOf("x", 0, 1)).isEqualTo(-1);
        assertThat(Decimals.scaleOf("", 0, 0)).isEqualTo(-1);
    }

    @Test
    void shouldAppendIntoAnExistingBuilder() {
        final StringBuilder sb = new StringBuilder("p=");
        Decimals.append(sb, 19531, 4).append(';');
        assertThat(sb).hasToString("p=1.9531;");
    }
}
