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
            0.35, 0.4, 0.3, new FusionConfig.Adaptive(false, 2_000_000_000L, 250_000_000L, 0.02, 2, 0.5, 2, 20, 0.2));

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
        // weights 2, 1, 1 normalise to 0.5, 0.25, 0.25
        // fused    = 0.5 × 0.8 + 0.25 × 0.4 + 0.25 × (−0.2) = 0.4 + 0.1 − 0.05 = 0.45
        // activity = 0.5 × 0.8 + 0.25 × 0.4 + 0.25 × 0.2    = 0.4 + 0.1 + 0.05 = 0.55
        // agreement = 0.45 / 0.55 = 9/11; activity ≥ 0.3, so confidence = 9/11 × 1 = 0.818181…
        assertThat(d.fused()).isCloseTo(0.45, offset(1e-12));
        assertThat(d.confidence()).isCloseTo(0.8181818181818182, offset(1e-12));
        assertThat(d.weight(0)).isEqualTo(0.5);
        assertThat(d.weight(1)).isEqualTo(0.25);
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
        // fused = (0.9 − 0.8) / 2 = 0.05; activity = (0.9 + 0.8) / 2 = 0.85; confidence = 0.05 / 0.85 = 1/17
        assertThat(d.fused()).isCloseTo(0.05, offset(1e-12));
        assertThat(d.confidence()).isCloseTo(0.058823529411764705, offset(1e-12));
        assertThat(d.direction()).isEqualTo(Decision.FLAT);
        a.value = -0.9;
        assertThat(fusion.evaluate(m.features()).direction()).isEqualTo(Decision.SHORT);
    }

    @Test
    void shouldScaleConfidenceDownWhenActivityIsBelowFullActivity() {
        final Fixed a = new Fixed("a", 0.3);
        final Fixed b = new Fixed("b", -0.2);
        final SignalFusion fusion =
                SignalFusion.builder(STATIC).add(a, 3).add(b, 1).build();
        final Decision d = evaluate(fusion);
        // weights 3, 1 normalise to 0.75, 0.25
        // fused    = 0.75 × 0.3 − 0.25 × 0.2 = 0.225 − 0.05 = 0.175
        // activity = 0.75 × 0.3 + 0.25 × 0.2 = 0.225 + 0.05 = 0.275  (below fullActivity 0.3)
        // confidence = (0.175 / 0.275) × (0.275 / 0.3) = 7/11 × 11/12 = 7/12 = 0.583333…
        assertThat(d.fused()).isCloseTo(0.175, offset(1e-12));
        assertThat(d.confidence()).isCloseTo(0.5833333333333334, offset(1e-12));

        // all agreeing but quiet: fused = activity = (0.2 + 0.1) / 2 = 0.15, agreement 1, confidence = 0.15 / 0.3 = 0.5
        final SignalFusion quiet = SignalFusion.builder(STATIC)
                .add(new Fixed("a", 0.2), 1)
                .add(new Fixed("b", 0.1), 1)
                .build();
        final Decision q = quiet.evaluate(m.features());
        assertThat(q.fused()).isCloseTo(0.15, offset(1e-12));
        assertThat(q.confidence()).isCloseTo(0.5, offset(1e-12));
        assertThat(q.direction()).isEqualTo(Decision.FLAT);
    }

    @Test
    void shouldStayFlatWhenConfidenceIsBelowTheMinimumThoughTheScoreIsAboveTheEntryScore() {
        final Fixed up = new Fixed("up", 1.0);
        final Fixed down = new Fixed("down", -1.0);
        final SignalFusion fusion =
                SignalFusion.builder(STATIC).add(up, 11).add(down, 5).build();
        final Decision d = evaluate(fusion);
        // weights 11/16, 5/16: fused = (11 − 5) / 16 = 0.375 ≥ entryScore 0.35; activity = 1;
        // confidence = 0.375 / 1 = 0.375 < minConfidence 0.4 → flat
        assertThat(d.fused()).isCloseTo(0.375, offset(1e-12));
        assertThat(d.confidence()).isCloseTo(0.375, offset(1e-12));
        assertThat(d.direction()).isEqualTo(Decision.FLAT);

        // weights 12/16, 4/16: fused = (12 − 4) / 16 = 0.5, confidence 0.5 ≥ 0.4 → long
        final SignalFusion stronger = SignalFusion.builder(STATIC)
                .add(new Fixed("up", 1.0), 12)
                .add(new Fixed("down", -1.0), 4)
                .build();
        final Decision s = stronger.evaluate(m.features());
        assertThat(s.fused()).isCloseTo(0.5, offset(1e-12));
        assertThat(s.confidence()).isCloseTo(0.5, offset(1e-12));
        assertThat(s.direction()).isEqualTo(Decision.LONG);
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
        assertThatThrownBy(() -> new FusionConfig.Adaptive(true, 0, 1, 0.1, 1, 0.5, 2, 1, 0.2))
                .hasMessageStartingWith("fusion.adaptive.horizon");
        assertThatThrownBy(() -> new FusionConfig.Adaptive(true, 10, 1, 0.1, 1, 0, 2, 1, 0.2))
                .hasMessageStartingWith("fusion.adaptive.floor");
        assertThatThrownBy(() -> new SignalConfig.Weights(0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("signals.weights");
        assertThatThrownBy(() -> new VwapSignal.Params(2, 1)).hasMessageStartingWith("signals.vwap.full");
        assertThatThrownBy(() -> new PrtSignal.Params(1, 10, 5)).hasMessageStartingWith("signals.prt.maxAge");
    }
}
