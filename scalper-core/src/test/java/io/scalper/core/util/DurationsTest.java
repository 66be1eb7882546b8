package io.scalper.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "5s, 5000000000",
        "250ms, 250000000",
        "100us, 100000",
        "7ns, 7",
        "2m, 120000000000",
        "1h, 3600000000000",
        "1d, 86400000000000",
        "1m30s, 90000000000",
        "' 60S ', 60000000000",
        "0s, 0",
    })
    void shouldParseDurations(String text, long ns) {
        assertThat(Durations.parseNs(text)).isEqualTo(ns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "5x", "-5s", "1.5s", "99999999999999999999s", "106752d"})
    void shouldRejectBadDurationsWithAMessage(String text) {
        assertThatThrownBy(() -> Durations.parseNs(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"5000000000, 5s", "250000000, 250ms", "90000000000, 90s", "0, 0s", "1500, 1500ns"})
    void shouldFormatInTheLargestExactUnit(long ns, String text) {
        assertThat(Durations.format(ns)).isEqualTo(text);
        assertThat(Durations.parseNs(text)).isEqualTo(ns);
    }
}
