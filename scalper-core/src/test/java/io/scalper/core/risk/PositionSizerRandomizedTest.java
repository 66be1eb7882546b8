package io.scalper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.scalper.core.model.Instrument;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sizes seeded random trades on random instruments and configurations and checks the contract: an accepted size
 * risks no more than the budget and breaks no cap, one more lot would, and every refusal is the right one.
 */
class PositionSizerRandomizedTest {
    private static final String[] TICKS = {"0.10", "0.01", "0.5", "1", "0.0001"};
    private static final String[] STEPS = {"0.001", "0.01", "0.1", "1"};
    private static final String[] MIN_NOTIONALS = {"0", "5", "10", "100"};
    private static final double SLACK = 1e-9;

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldHonourTheSizingContractOnRandomInputs(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            final Instrument instrument = instrument(random);
            final RiskConfig config = RiskConfigs.with(
                    "riskPerTrade",
                    random.nextDouble(0.0001, 0.1),
                    "maxPositionNotional",
                    Math.pow(10, random.nextDouble(1, 7)),
                    "maxLeverage",
                    random.nextDouble(0.01, 200));
            final double equity = Math.pow(10, random.nextDouble(0, 7));
            final long entryTicks = random.nextLong(1, 10_000_000);
            final long stopTicks = random.nextLong(1, 20_000);
            final double multiplier =
                    random.nextInt(4) == 0 ? random.nextDouble(0.01, 1) : 1.0 / (1 << random.nextInt(3));

            final SizingResult r =
                    new PositionSizer(config).size(equity, entryTicks, stopTicks, instrument, multiplier);

            check(r, instrument, config, equity, entryTicks, stopTicks, multiplier);
        }
    }

    private static void check(
            SizingResult r,
            Instrument instrument,
            RiskConfig config,
            double equity,
            long entryTicks,
            long stopTicks,
            double multiplier) {
        final double budget = equity * config.riskPerTrade() * multiplier;
        final double perLotRisk = stopTicks * PositionSizer.valuePerTickLot(instrument);
        final double cap = Math.min(config.maxPositionNotional(), equity * config.maxLeverage());
        final long minLots = Math.max(1, instrument.minQtyLots());
        final String context = instrument + " equity=" + equity + " entry=" + entryTicks + " stop=" + stopTicks
                + " multiplier=" + multiplier + " " + config + " → " + r;
        if (r.accepted()) {
            final long lots = r.lots();
            assertThat(lots).as(context).isGreaterThanOrEqualTo(minLots);
            assertThat(instrument.meetsMinimums(entryTicks, lots)).as(context).isTrue();
            assertThat(r.riskAmount()).as(context).isCloseTo(lots * perLotRisk, withinPercentage(1e-9));
            assertThat(r.riskAmount()).as(context).isLessThanOrEqualTo(budget * (1 + SLACK));
            assertThat(instrument.notional(entryTicks, lots)).as(context).isLessThanOrEqualTo(cap * (1 + SLACK));
            final boolean oneMoreBreaks = (lots + 1) * perLotRisk > budget * (1 - SLACK)
                    || instrument.notional(entryTicks, lots + 1) > cap * (1 - SLACK);
            assertThat(oneMoreBreaks)
                    .as("one more lot stays within limits: " + context)
                    .isTrue();
            return;
        }
        assertThat(r.lots()).as(context).isZero();
        assertThat(r.riskAmount()).as(context).isZero();
        final long riskLots = (long) Math.floor(budget / perLotRisk * (1 + SLACK));
        switch (r.refusal()) {
            case SIZE_BELOW_MINIMUM:
                assertThat(minLots * perLotRisk).as(context).isGreaterThan(budget * (1 - SLACK));
                break;
            case SIZE_BELOW_MIN_NOTIONAL:
                assertThat(riskLots).as(context).isGreaterThanOrEqualTo(minLots);
                assertThat(instrument.meetsMinimums(entryTicks, riskLots))
                        .as(context)
                        .isFalse();
                break;
            case MAX_POSITION:
            case MAX_LEVERAGE:
                final long capLots = (long) Math.floor(cap / instrument.notional(entryTicks, 1) * (1 + SLACK));
                assertThat(capLots).as(context).isLessThan(riskLots);
                assertThat(instrument.meetsMinimums(entryTicks, capLots))
                        .as(context)
                        .isFalse();
                break;
            default:
                throw new AssertionError("unexpected refusal: " + context);
        }
    }

    private static Instrument instrument(SplittableRandom random) {
        final String tick = TICKS[random.nextInt(TICKS.length)];
        final String step = STEPS[random.nextInt(STEPS.length)];
        final BigDecimal minQty = new BigDecimal(step).multiply(BigDecimal.valueOf(random.nextInt(1, 11)));
        return Instrument.of(
                "TESTUSDT", tick, step, minQty.toPlainString(), MIN_NOTIONALS[random.nextInt(MIN_NOTIONALS.length)]);
    }

    @Test
    void shouldRejectAnInconsistentResult() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SizingResult(0, 0, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SizingResult(5, 1.0, RefusalReason.MAX_POSITION));
        assertThatIllegalArgumentException().isThrownBy(() -> SizingResult.refused(null));
    }
}
