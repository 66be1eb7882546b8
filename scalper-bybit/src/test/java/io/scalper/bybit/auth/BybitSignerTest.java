package io.scalper.bybit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reference's signature vectors and the credential-hiding rules. */
class BybitSignerTest {
    private static final BybitCredentials CREDENTIALS = new BybitCredentials("test-key", "test-secret");
    private static final long TS = 1_700_000_000_000L;

    @Test
    void shouldSignGetQueryStringAsInReferenceVector() {
        assertThat(new BybitSigner(CREDENTIALS).signRest(TS, 5000, "category=linear&symbol=BTCUSDT"))
                .isEqualTo("9a7c8cfd6ba1a7c498aa4dd5a7f9cfbba01fcb6eebae734ffe0d775870a1a3fb");
    }

    @Test
    void shouldSignPostBodyAsInReferenceVector() {
        final String body = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\","
                + "\"qty\":\"0.001\",\"price\":\"60000\",\"timeInForce\":\"PostOnly\",\"orderLinkId\":\"t-0001\"}";
        assertThat(new BybitSigner(CREDENTIALS).signRest(TS, 5000, body))
                .isEqualTo("7c9afd4cb3272524a35af6546993e0cc06a2cb682c19f1c61af3252ac6a292c8");
    }

    @Test
    void shouldSignWebSocketAuthAsInReferenceVector() {
        final String expected = "4343ac53a3dafc0ec96562c63a7899f56be48a0e2ab052e07ae410e8f5472338";
        assertThat(BybitSigner.signWebSocket("test-secret", 1_700_000_005_000L)).isEqualTo(expected);
        assertThat(new BybitSigner(CREDENTIALS).signWebSocket(1_700_000_005_000L))
                .isEqualTo(expected);
    }

    @Test
    void shouldSignTheConcatenationOfTimestampKeyWindowAndPayload() {
        assertThat(new BybitSigner(CREDENTIALS).signRest(TS, 5000, "a=1"))
                .isEqualTo(BybitSigner.hmacSha256Hex("test-secret", TS + "test-key5000a=1"));
    }

    @Test
    void shouldNeverPrintTheSecretAndOnlyPartOfTheKey() {
        final BybitCredentials c = new BybitCredentials("ABCDEFGHIJKL", "super-secret-value");
        assertThat(c.toString()).isEqualTo("BybitCredentials[apiKey=ABCD…]");
        assertThat(new BybitSigner(c).toString())
                .doesNotContain("super-secret-value")
                .doesNotContain("ABCDEFGHIJKL");
        assertThat(c.redact("origin_string[1700000000000ABCDEFGHIJKL5000x] super-secret-value"))
                .isEqualTo("origin_string[1700000000000ABCD…5000x] ***");
    }

    @Test
    void shouldNameTheFieldButNotTheValueWhenBlank() {
        assertThatThrownBy(() -> new BybitCredentials("key-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiSecret: must not be blank");
        assertThatThrownBy(() -> new BybitCredentials("", "secret-1")).hasMessage("apiKey: must not be blank");
    }
}
