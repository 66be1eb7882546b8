package io.scalper.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.scalper.core.feature.Features;
import io.scalper.core.testing.MarketScript;
import org.junit.jupiter.api.Test;

class SignalFusionTest {
    /** A signal that returns whatever the test sets. */
    static final class Fixed implements Signal {
        private final String name;
        double value;

        Fixed(String name, double value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double score(Features features) {
            return value;
        }
    }

    private static final FusionConfig STATIC = new FusionConfig(
            0.35, 0.4, 0.3, new FusionConfig.Adaptive(false, 2_000_000_000L, 250_000_000L, 0.02, 2, 0.5, 2, 20));

    private final MarketScript m = new MarketScript();

    private Decision evaluate(SignalFusion fusion) {
        m.flatBook(1000, 10);
        return fusion.evaluate(m.features());
    }

    @Test
    void shouldFuseAWeightNormalisedSumWithConfidenceFromAgreementAndActivity() {
        final Fixed a = new Fixed("a", 0.8);
        final Fixed b = new Fixed("b", 0.4);
        final Fixed c = new Fixed("c", -0.2);
        final SignalFusion fusion =
                SignalFusion.builder(STATIC).add(a, 2).add(b, 1).add(c, 1).build();
        final Decision d = evaluate(fusion);
        assertThat(d.fused()).isCloseTo((2 * 0.8 + 0.4 - 0.2) / 4, offset(1e-12));
        final double activity = (2 * 0.8 + 0.4 + 0.2) / 4;
        assertThat(d.confidence()).isCloseTo(d.fused() / activity * Math.min(1, activity / 0.3), offset(1e-12));
        assertThat(d.weight(0)).isEqualTo(0.5);
        assertThat(d.direction()).isEqualTo(Decision.LONG);
        assertThat(d.name(2)).isEqualTo("c");
        assertThat(d.sequence()).isEqualTo(1);
    }

    @Test
    void shouldStayFlatBelowTheEntryScoreOrWhenSignalsDisagree() {
        final Fixed a = new Fixed("a", 0.9);
        final Fixed b = new Fixed("b", -0.8);
        final SignalFusion fusion =
                SignalFusion.builder(STATIC).add(a, 1).add(b, 1).build();
        final Decision d = evaluate(fusion);
        assertThat(d.fused()).isCloseTo(0.05, offset(1e-12));
        assertThat(d.confidence()).isLessThan(0.1);
        assertThat(d.direction()).isEqualTo(Decision.FLAT);
        a.value = -0.9;
        assertThat(fusion.evaluate(m.features()).direction()).isEqualTo(Decision.SHORT);
    }

    @Test
    void shouldTreatNonFiniteAndOutOfRangeScoresSafely() {
        final Fixed nan = new Fixed("nan", Double.NaN);
        final Fixed inf = new Fixed("inf", Double.POSITIVE_INFINITY);
        final Fixed big = new Fixed("big", -7);
        final Decision d = evaluate(
                SignalFusion.builder(STATIC).add(nan, 1).add(inf, 1).add(big, 1).build());
        assertThat(d.score(0)).isZero();
        assertThat(d.score(1)).isEqualTo(1.0);
        assertThat(d.score(2)).isEqualTo(-1.0);
        assertThat(d.fused()).isZero();
    }

    @Test
    void shouldLetUsersAddTheirOwnSignalBesideTheBuiltIns() {
        final Fixed mine = new Fixed("mine", 1.0);
        final SignalFusion fusion = SignalFusion.builder(FusionConfig.defaults())
                .addBuiltIns(SignalConfig.defaults())
                .add(mine, 0.5)
                .build();
        assertThat(fusion.size()).isEqualTo(9);
        final Decision d = evaluate(fusion);
        assertThat(d.indexOf("mine")).isEqualTo(8);
        assertThat(d.indexOf("obi")).isZero();
        assertThat(d.weight(8)).isCloseTo(0.5 / 1.5, offset(1e-12));
        assertThat(d.score(8)).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseDuplicateNamesNegativeWeightsAndEmptySets() {
        assertThatThrownBy(() -> SignalFusion.builder(STATIC)
                        .addBuiltIns(SignalConfig.defaults())
                        .add(new Fixed("obi", 0), 1))
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> SignalFusion.builder(STATIC).add(new Fixed("x", 0), -1))
                .hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> SignalFusion.builder(STATIC).build()).hasMessageContaining("signals.weights");
        assertThatThrownBy(() ->
                        SignalFusion.builder(STATIC).add(new Fixed("x", 0), 0).build())
                .hasMessageContaining("at least one weight");
    }

    @Test
    void shouldValidateConfigNamingTheKey() {
        assertThatThrownBy(() -> new FusionConfig(1.5, 0.4, 0.3, FusionConfig.Adaptive.defaults()))
                .hasMessageStartingWith("fusion.entryScore");
        assertThatThrownBy(() -> new FusionConfig.Adaptive(true, 0, 1, 0.1, 1, 0.5, 2, 1))
                .hasMessageStartingWith("fusion.adaptive.horizon");
        assertThatThrownBy(() -> new FusionConfig.Adaptive(true, 10, 1, 0.1, 1, 0, 2, 1))
                .hasMessageStartingWith("fusion.adaptive.floor");
        assertThatThrownBy(() -> new SignalConfig.Weights(0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("signals.weights");
        assertThatThrownBy(() -> new VwapSignal.Params(2, 1)).hasMessageStartingWith("signals.vwap.full");
        assertThatThrownBy(() -> new PrtSignal.Params(1, 10, 5)).hasMessageStartingWith("signals.prt.maxAge");
    }
}
