package io.scalper.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.model.Instrument;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorConfigTest {
    private static final GeneratorConfig D = GeneratorConfig.defaults();

    @Test
    void shouldDefaultToABtcUsdtLikeMarket() {
        assertThat(D.instrument().symbol()).isEqualTo("BTCUSDT");
        assertThat(D.instrument().formatPrice(D.startPriceTicks())).isEqualTo("65000.00");
        assertThat(D.instrument().qtyStep()).isEqualByComparingTo("0.001");
        assertThat(D.startTimeNs())
                .isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);
        assertThat(D.levelsPerSide()).isEqualTo(200);
        assertThat(D.bookIntervalNs()).isEqualTo(50_000_000L);
        assertThat(D.tickerIntervalNs()).isEqualTo(100_000_000L);
        assertThat(D.fundingRateE8()).isEqualTo(10_000L);
        assertThat(D.startRegime()).isEqualTo(Regime.NORMAL);
    }

    @Test
    void shouldComputeTheOrderSizeNinetyNinthPercentileFromTheLogNormal() {
        assertThat(D.orderSizeP99Lots()).isEqualTo((long) Math.ceil(10 * Math.exp(2.326 * 1.4)));
    }

    @Test
    void shouldChangeOnlyTheNamedFieldInWithers() {
        final Instrument eth = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");
        assertThat(D.withSeed(7)).isEqualTo(withSeedByHand(7));
        assertThat(D.withInstrument(eth, 300_000).instrument()).isEqualTo(eth);
        assertThat(D.withLevelsPerSide(50).levelsPerSide()).isEqualTo(50);
        assertThat(D.withBookIntervalNs(100_000_000L).bookIntervalNs()).isEqualTo(100_000_000L);
        assertThat(D.withFixedRegime(Regime.HIGH))
                .extracting(
                        GeneratorConfig::startRegime,
                        GeneratorConfig::regimeMeanDwellNs,
                        GeneratorConfig::trendsPerHour)
                .containsExactly(Regime.HIGH, 0L, 0.0);
        assertThat(D.withMarketOrdersPerS(3).marketOrdersPerS()).isEqualTo(3.0);
        assertThat(D.withVolatilityTicksPerSqrtS(9).volatilityTicksPerSqrtS()).isEqualTo(9.0);
        assertThat(D.withTrendsPerHour(0).trendsPerHour()).isZero();
        assertThat(D.withStartTimeNs(5).startTimeNs()).isEqualTo(5);
    }

    private static GeneratorConfig withSeedByHand(long seed) {
        return new GeneratorConfig(
                D.instrument(),
                seed,
                D.startTimeNs(),
                D.startPriceTicks(),
                D.levelsPerSide(),
                D.bookIntervalNs(),
                D.tickerIntervalNs(),
                D.marketOrdersPerS(),
                D.tradeSizeMedianLots(),
                D.tradeSizeSigma(),
                D.limitOrdersPerS(),
                D.touchOrderLifetimeNs(),
                D.restingOrderMedianLots(),
                D.volatilityTicksPerSqrtS(),
                D.startRegime(),
                D.regimeMeanDwellNs(),
                D.trendsPerHour(),
                D.trendMeanDurationNs(),
                D.trendTicksPerS(),
                D.fundingRateE8());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("generator.bookIntervalNs: must be in [1ms, 1s], got 0ns", c -> c.withBookIntervalNs(0)),
                bad(
                        "generator.bookIntervalNs: must be in [1ms, 1s], got 2000000000ns",
                        c -> c.withBookIntervalNs(2_000_000_000L)),
                bad("generator.levelsPerSide: must be in [1, 1000], got 0", c -> c.withLevelsPerSide(0)),
                bad("generator.levelsPerSide: must be in [1, 1000], got 1001", c -> c.withLevelsPerSide(1001)),
                bad("generator.startPriceTicks: must be in [14000, 10^12]", c -> c.withInstrument(c.instrument(), 100)),
                bad("generator.startTimeNs: must be >= 0, got -1", c -> c.withStartTimeNs(-1)),
                bad("generator.marketOrdersPerS: must be in (0, 1000.0], got 0.0", c -> c.withMarketOrdersPerS(0)),
                bad(
                        "generator.marketOrdersPerS: must be in (0, 1000.0], got NaN",
                        c -> c.withMarketOrdersPerS(Double.NaN)),
                bad(
                        "generator.volatilityTicksPerSqrtS: must be in [0.0, 1000.0], got -1.0",
                        c -> c.withVolatilityTicksPerSqrtS(-1)),
                bad("generator.regimeMeanDwellNs: must be >= 0", c -> c.withRegimes(Regime.LOW, -1)),
                bad("generator.trendsPerHour: must be in [0.0, 3600.0], got 5000.0", c -> c.withTrendsPerHour(5000)),
                bad(
                        "generator.instrument: tick size must have at most 8 decimals",
                        c -> c.withInstrument(Instrument.of("TINYUSDT", "0.000000001", "1", "1", "0"), 100_000)));
    }

    private static Arguments bad(String message, UnaryOperator<GeneratorConfig> change) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void shouldRefuseABadValueNamingTheKey(String message, UnaryOperator<GeneratorConfig> change) {
        assertThatThrownBy(() -> change.apply(D))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldRefuseOtherBadKeysByName() {
        assertThatThrownBy(() -> new GeneratorConfig(
                        D.instrument(),
                        1,
                        D.startTimeNs(),
                        D.startPriceTicks(),
                        200,
                        D.bookIntervalNs(),
                        5_000_000L,
                        6,
                        10,
                        1.4,
                        80,
                        500_000_000L,
                        20,
                        4,
                        Regime.NORMAL,
                        0,
                        0,
                        60_000_000_000L,
                        1,
                        10_000))
                .hasMessageStartingWith("generator.tickerIntervalNs:");
        assertThatThrownBy(() -> new GeneratorConfig(
                        D.instrument(),
                        1,
                        D.startTimeNs(),
                        D.startPriceTicks(),
                        200,
                        D.bookIntervalNs(),
                        100_000_000L,
                        6,
                        0,
                        1.4,
                        80,
                        500_000_000L,
                        20,
                        4,
                        Regime.NORMAL,
                        0,
                        0,
                        60_000_000_000L,
                        1,
                        10_000))
                .hasMessageStartingWith("generator.tradeSizeMedianLots:");
        assertThatThrownBy(() -> new GeneratorConfig(
                        D.instrument(),
                        1,
                        D.startTimeNs(),
                        D.startPriceTicks(),
                        200,
                        D.bookIntervalNs(),
                        100_000_000L,
                        6,
                        10,
                        1.4,
                        80,
                        0,
                        20,
                        4,
                        Regime.NORMAL,
                        0,
                        0,
                        60_000_000_000L,
                        1,
                        10_000))
                .hasMessageStartingWith("generator.touchOrderLifetimeNs:");
        assertThatThrownBy(() -> new GeneratorConfig(
                        D.instrument(),
                        1,
                        D.startTimeNs(),
                        D.startPriceTicks(),
                        200,
                        D.bookIntervalNs(),
                        100_000_000L,
                        6,
                        10,
                        1.4,
                        80,
                        500_000_000L,
                        20,
                        4,
                        Regime.NORMAL,
                        0,
                        0,
                        60_000_000_000L,
                        1,
                        6_000_000))
                .hasMessageStartingWith("generator.fundingRateE8:");
        assertThatThrownBy(() -> new GeneratorConfig(
                        D.instrument(),
                        1,
                        D.startTimeNs(),
                        D.startPriceTicks(),
                        200,
                        D.bookIntervalNs(),
                        100_000_000L,
                        6,
                        10,
                        1.4,
                        80,
                        500_000_000L,
                        20,
                        4,
                        null,
                        0,
                        0,
                        60_000_000_000L,
                        1,
                        10_000))
                .hasMessage("generator.startRegime");
    }
}
