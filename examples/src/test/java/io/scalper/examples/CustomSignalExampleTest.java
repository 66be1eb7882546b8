package io.scalper.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import io.scalper.core.synthetic.SyntheticMarket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a user tests their own signal: run it over a generated market with a scenario aimed at it. */
class CustomSignalExampleTest {
    @Test
    void customSignalShouldSitBesideTheBuiltInsAndTurnPositiveOnABuyBurst() {
        final ScalperConfig config = ScalperConfig.defaults();
        final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(3).withTrendsPerHour(0);
        final MarketState market =
                new MarketState(gen.instrument(), config.book().maxDepth(), config.tape());
        final SignalPipeline pipeline = CustomSignalExample.pipeline(market, config);
        final double[] maxDuringBurst = {-1};
        final SyntheticMarket generator = new SyntheticMarket(gen, List.of(Scenario.parse("BURST_BUY@60s")));
        pipeline.setListener((d, f) -> {
            final long t = d.timeNs() - gen.startTimeNs();
            if (t >= 60_000_000_000L && t <= 63_000_000_000L) {
                maxDuringBurst[0] = Math.max(maxDuringBurst[0], d.score(d.indexOf("pressure")));
            }
        });
        generator.run(90_000_000_000L, new MarketStateSink(market, pipeline));

        final Decision d = pipeline.decision();
        assertThat(d.signalCount()).isEqualTo(9);
        assertThat(d.name(8)).isEqualTo("pressure");
        double sum = 0;
        for (int i = 0; i < d.signalCount(); i++) {
            sum += d.weight(i);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(maxDuringBurst[0]).as("pressure during the buy burst").isGreaterThan(0.8);
    }
}
