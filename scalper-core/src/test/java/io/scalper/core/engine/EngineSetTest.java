package io.scalper.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.model.Instrument;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.time.ManualClock;
import io.scalper.core.time.ManualScheduler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one assembly of an account's engines that the live runtime and the backtest runner share. */
class EngineSetTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final Instrument ETH = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    private EngineSet set(int symbols) {
        return new EngineSet(
                ScalperConfig.defaults(), clock, scheduler, 20_000, clock.nowNs(), 1_000_000_000L, null, symbols);
    }

    @Test
    void shouldBuildOneEngineAloneWithoutAnAccount() throws IOException {
        try (EngineSet set = set(1)) {
            final ScalperEngine e = set.add(BTC, new RecordingGateway(clock, true), null);
            assertThat(set.portfolio()).isNull();
            assertThat(e.portfolio()).isNull();
            assertThat(e.initialEquity()).isEqualTo(20_000);
            assertThat(set.equity()).isEqualTo(e.equity());
            final PerformanceStats s = set.stats(clock.nowNs(), List.of(Map.of("events", 3)), Map.of("x", 1));
            assertThat(s.symbols()).as("one symbol: its own statistics").isEmpty();
            assertThat(s.extras()).containsEntry("events", 3).containsEntry("x", 1);
            assertThatThrownBy(() -> set.add(ETH, new RecordingGateway(clock, true), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 symbols announced");
        }
    }

    @Test
    void shouldShareOneAccountBetweenSeveralSymbols() throws IOException {
        try (EngineSet set = set(2)) {
            final ScalperEngine btc = set.add(BTC, new RecordingGateway(clock, true), null);
            final ScalperEngine eth = set.add(ETH, new RecordingGateway(clock, true), b -> b.initialEquity(20_000));
            final Portfolio p = set.portfolio();
            assertThat(p.engines()).containsExactly(btc, eth);
            assertThat(btc.portfolio()).isSameAs(p).isSameAs(eth.portfolio());
            assertThat(btc.dailyLoss()).isSameAs(p.dailyLoss()).isSameAs(eth.dailyLoss());
            assertThat(btc.drawdown()).isSameAs(p.drawdown()).isSameAs(eth.drawdown());
            assertThat(p.equity()).as("flat: the start equity, once").isEqualTo(20_000);
            assertThat(p.notional()).isZero();
            assertThat(p.notionalCap())
                    .as("the total cap and the account's leverage: min(200,000, 20,000 x 10)")
                    .isEqualTo(200_000);

            btc.trip(RefusalReason.UNKNOWN_FILL);
            assertThat(eth.killSwitch().holds(RefusalReason.UNKNOWN_FILL))
                    .as("one symbol's kill switch is the account's")
                    .isTrue();
            eth.shutdown(true, false);
            assertThat(btc.killSwitch().holds(RefusalReason.SHUTDOWN))
                    .as("the end of a run is each symbol's own")
                    .isFalse();

            set.sampleEquity(clock.nowNs() + 1);
            final PerformanceStats s =
                    set.stats(clock.nowNs() + 1, List.of(Map.of("events", 3), Map.of("events", 4)), Map.of());
            assertThat(s.symbols()).containsOnlyKeys("BTCUSDT", "ETHUSDT");
            assertThat(s.symbols().get("ETHUSDT").extras()).containsEntry("events", 4);
            assertThat(s.extras()).containsKey("accountCappedEntries");
        }
    }

    @Test
    void shouldRefuseTwoEnginesOfOneSymbolInAnAccountAndABadStartEquity() {
        final Portfolio p = new Portfolio(1_000, RiskConfig.defaults());
        ScalperEngine.builder()
                .instrument(BTC)
                .clock(clock)
                .gateway(new RecordingGateway(clock, true))
                .portfolio(p)
                .build();
        assertThatThrownBy(() -> ScalperEngine.builder()
                        .instrument(BTC)
                        .clock(clock)
                        .gateway(new RecordingGateway(clock, true))
                        .portfolio(p)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two engines for BTCUSDT");
        assertThatThrownBy(() -> new Portfolio(Double.NaN, RiskConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start equity");
    }
}
