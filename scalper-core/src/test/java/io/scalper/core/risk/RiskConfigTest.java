package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiskConfigTest {
    @Test
    void shouldUseDocumentedDefaults() {
        final RiskConfig c = RiskConfig.defaults();

        assertThat(c.riskPerTrade()).isEqualTo(0.005);
        assertThat(c.drawdownTiers()).isEqualTo("0.02:0.5,0.04:0.25,0.06:0");
        assertThat(c.dailyLossR()).isEqualTo(10.0);
        assertThat(c.slippageBreachBps()).isEqualTo(5.0);
        assertThat(c.slippageBreachesToKill()).isEqualTo(3);
        assertThat(c.maxSpreadTicks()).isEqualTo(2);
        assertThat(c.maxLatencyNs()).isEqualTo(80_000_000L);
        assertThat(c.fundingWindowNs()).isEqualTo(180_000_000_000L);
        assertThat(c.lossCooldownNs()).isEqualTo(5_000_000_000L);
        assertThat(c.maxBookAgeNs()).isEqualTo(2_000_000_000L);
        assertThat(c.maxPositionNotional()).isEqualTo(100_000.0);
        assertThat(c.maxLeverage()).isEqualTo(10.0);
        assertThat(c.flattenOnKill()).isTrue();
        assertThat(c.fundingClose()).isTrue();
    }

    @Test
    void shouldComputeOneRFromEquity() {
        assertThat(RiskConfig.defaults().riskUnit(10_000)).isEqualTo(50.0);
    }

    @Test
    void shouldNameRiskPerTradeWhenOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with("riskPerTrade", 2.0))
                .withMessage("risk.riskPerTrade: must be in (0, 0.1], got 2.0");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("riskPerTrade", 0.0, "risk.riskPerTrade: must be in (0, 0.1], got 0.0"),
                Arguments.of("riskPerTrade", Double.NaN, "risk.riskPerTrade: must be in (0, 0.1], got NaN"),
                Arguments.of("riskPerTrade", 0.1000001, "risk.riskPerTrade: must be in (0, 0.1], got 0.1000001"),
                Arguments.of("dailyLossR", 0.0, "risk.dailyLossR: must be > 0, got 0.0"),
                Arguments.of("dailyLossR", Double.POSITIVE_INFINITY, "risk.dailyLossR: must be > 0, got Infinity"),
                Arguments.of("slippageBreachBps", -1.0, "risk.slippageBreachBps: must be >= 0, got -1.0"),
                Arguments.of("slippageBreachBps", Double.NaN, "risk.slippageBreachBps: must be >= 0, got NaN"),
                Arguments.of("slippageBreachesToKill", 0, "risk.slippageBreachesToKill: must be >= 1, got 0"),
                Arguments.of("maxSpreadTicks", 0L, "risk.maxSpreadTicks: must be >= 1, got 0"),
                Arguments.of("maxLatencyNs", 0L, "risk.maxLatency: must be > 0, got 0ns"),
                Arguments.of("fundingWindowNs", -1L, "risk.fundingWindow: must be >= 0, got -1ns"),
                Arguments.of("lossCooldownNs", -5L, "risk.lossCooldown: must be >= 0, got -5ns"),
                Arguments.of("maxBookAgeNs", 0L, "risk.maxBookAge: must be > 0, got 0ns"),
                Arguments.of("maxPositionNotional", -1.0, "risk.maxPositionNotional: must be > 0, got -1.0"),
                Arguments.of("maxLeverage", 0.0, "risk.maxLeverage: must be in (0, 200], got 0.0"),
                Arguments.of("maxLeverage", 201.0, "risk.maxLeverage: must be in (0, 200], got 201.0"),
                Arguments.of("drawdownTiers", null, "risk.drawdownTiers: must not be null (use \"\" for no tiers)"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void shouldRejectBadValuesWithAMessageNamingTheKey(String component, Object value, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with(component, value))
                .withMessage(message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.02",
                "0.02:0.5:1",
                "0.02:0.5,",
                "x:0.5",
                "0.02:half",
                "0:0.5",
                "1:0.5",
                "-0.02:0.5",
                "0.02:1.5",
                "0.02:-0.1",
                "0.04:0.5,0.02:0.25",
                "0.02:0.5,0.02:0.25",
                "0.02:0.25,0.04:0.5",
                "0.01:1,0.02:1,0.03:1,0.04:1,0.05:1,0.06:1,0.07:1,0.08:1,0.09:1,0.10:1,0.11:1,0.12:1,0.13:1,0.14:1,"
                        + "0.15:1,0.16:1,0.17:1"
            })
    void shouldRejectMalformedDrawdownTiersNamingTheKey(String tiers) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with("drawdownTiers", tiers))
                .withMessageStartingWith("risk.drawdownTiers: ");
    }

    @Test
    void shouldExplainWhyDrawdownTiersAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with("drawdownTiers", "0.04:0.5,0.02:0.25"))
                .withMessage("risk.drawdownTiers: drawdowns must increase, got 0.02 after 0.04");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with("drawdownTiers", "0.02:0.25,0.04:0.5"))
                .withMessage("risk.drawdownTiers: multipliers must not increase with drawdown, got 0.5 after 0.25");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RiskConfigs.with("drawdownTiers", "0.02:half"))
                .withMessage("risk.drawdownTiers: not a number: 'half' in '0.02:half'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0.05:0", " 0.02 : 0.5 , 0.04:0.25, 0.06:0 ", "0.1:0.5,0.2:0.5"})
    void shouldAcceptWellFormedDrawdownTiers(String tiers) {
        assertThat(RiskConfigs.with("drawdownTiers", tiers).drawdownTiers()).isEqualTo(tiers);
    }

    @Test
    void shouldAcceptBoundaryValues() {
        final RiskConfig c = RiskConfigs.with(
                "riskPerTrade",
                0.1,
                "slippageBreachBps",
                0.0,
                "slippageBreachesToKill",
                1,
                "maxSpreadTicks",
                1L,
                "fundingWindowNs",
                0L,
                "lossCooldownNs",
                0L,
                "maxLeverage",
                200.0,
                "flattenOnKill",
                false);

        assertThat(c.riskPerTrade()).isEqualTo(0.1);
        assertThat(c.flattenOnKill()).isFalse();
    }
}
