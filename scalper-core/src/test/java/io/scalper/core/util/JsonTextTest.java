package io.scalper.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
    @Test
    void shouldReadEveryKindOfValue() {
        final Object v = JsonText.parse(
                " {\"a\": [1, -2.5e3, 0.25, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": []} ");
        assertThat(v)
                .isEqualTo(Map.of(
                        "a", java.util.Arrays.asList(1.0, -2500.0, 0.25, true, false, null),
                        "b", Map.of("c", "x\"é\n"),
                        "d", List.of()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "{\"a\":1} x",
                "{\"a\":1,\"a\":2}",
                "01",
                "1.",
                "-",
                "1e",
                "\"tab\there\"",
                "\"\\x\"",
                "nul",
                "{a:1}",
                "1e999"
            })
    void shouldRefuseWhatIsNotStrictJson(String text) {
        assertThatThrownBy(() -> JsonText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at offset");
    }

    @Test
    void shouldRefuseNestingTooDeep() {
        assertThatThrownBy(() -> JsonText.parse("[".repeat(65) + "]".repeat(65)))
                .hasMessageStartingWith("nested deeper than 64");
    }
}
