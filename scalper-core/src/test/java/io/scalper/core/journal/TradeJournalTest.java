package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeJournalTest {
    private static final long T0 = OrderJournalTest.T0;
    private static final List<String> SIGNALS = List.of("obi", "umom", "vwap");

    @TempDir
    Path dir;

    private static RoundTrip trade(long id, String symbol, String[] names, double[] contributions) {
        return new RoundTrip(
                id,
                symbol,
                id % 2 == 1 ? Side.BUY : Side.SELL,
                T0 + 1_500_000L,
                T0 + 2_750_000_000L,
                651_142.5,
                651_150,
                12,
                0.9,
                0.05,
                -0.01,
                0.5,
                1,
                "take_profit",
                names,
                contributions);
    }

    @Test
    void shouldRecordOneRowPerTradeWithEachSignalsContribution() throws IOException {
        try (TradeJournal j = TradeJournal.open(dir, OrderJournalTest.BTC, SIGNALS)) {
            j.record(trade(1, "BTCUSDT", new String[] {"umom", "obi"}, new double[] {0.25, -0.125}));
            j.record(new RoundTrip(
                    2,
                    "BTCUSDT",
                    Side.SELL,
                    T0,
                    T0,
                    651_150,
                    651_140,
                    1,
                    1,
                    0,
                    0,
                    Double.NaN,
                    Double.NaN,
                    "stop_loss, \"hard\"",
                    null,
                    null));
        }

        assertThat(Files.readAllLines(dir.resolve("trades.csv")).get(0))
                .isEqualTo("id,symbol,side,entry_time_ms,entry_time_iso,exit_time_ms,exit_time_iso,duration_ms,"
                        + "entry_price,exit_price,qty,gross_pnl,fees,funding,net_pnl,risk,r_multiple,"
                        + "entry_slippage_ticks,exit_reason,obi_contribution,umom_contribution,vwap_contribution");
        final List<Map<String, String>> rows = Csv.records(dir.resolve("trades.csv"));
        assertThat(rows.get(0))
                .containsEntry("id", "1")
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("side", "long")
                .containsEntry("entry_time_ms", "1767225600001")
                .containsEntry("entry_time_iso", "2026-01-01T00:00:00.001Z")
                .containsEntry("exit_time_ms", "1767225602750")
                .containsEntry("exit_time_iso", "2026-01-01T00:00:02.750Z")
                .containsEntry("duration_ms", "2748.5")
                .containsEntry("entry_price", "65114.25")
                .containsEntry("exit_price", "65115.00")
                .containsEntry("qty", "0.012")
                .containsEntry("gross_pnl", "0.9")
                .containsEntry("fees", "0.05")
                .containsEntry("funding", "-0.01")
                .containsEntry("net_pnl", "0.84")
                .containsEntry("risk", "0.5")
                .containsEntry("r_multiple", "1.68")
                .containsEntry("entry_slippage_ticks", "1")
                .containsEntry("exit_reason", "take_profit")
                .containsEntry("obi_contribution", "-0.125")
                .containsEntry("umom_contribution", "0.25")
                .containsEntry("vwap_contribution", "");
        assertThat(rows.get(1))
                .containsEntry("side", "short")
                .containsEntry("risk", "")
                .containsEntry("r_multiple", "")
                .containsEntry("entry_slippage_ticks", "")
                .containsEntry("exit_reason", "stop_loss, \"hard\"")
                .containsEntry("obi_contribution", "");
    }

    @Test
    void shouldContinueTheSameFileAfterARestartWithTheSameSignals() throws IOException {
        try (TradeJournal j = TradeJournal.open(dir, OrderJournalTest.BTC, SIGNALS)) {
            j.record(trade(1, "BTCUSDT", null, null));
        }
        try (TradeJournal j = TradeJournal.open(dir, OrderJournalTest.BTC, SIGNALS)) {
            j.record(trade(2, "BTCUSDT", null, null));
        }
        try (TradeJournal j = TradeJournal.open(dir, OrderJournalTest.BTC, List.of("obi"))) {
            assertThat(j.path()).isEqualTo(dir.resolve("trades-2.csv"));
        }

        assertThat(Csv.records(dir.resolve("trades.csv")))
                .extracting(r -> r.get("id"))
                .containsExactly("1", "2");
    }

    @Test
    void shouldRefuseTradesOfAnotherSymbolOrWithAnUnknownSignal() throws IOException {
        try (TradeJournal j = TradeJournal.open(dir, OrderJournalTest.BTC, SIGNALS)) {
            assertThatThrownBy(() -> j.record(trade(1, "ETHUSDT", null, null))).hasMessageContaining("ETHUSDT");
            assertThatThrownBy(() -> j.record(trade(1, "BTCUSDT", new String[] {"ice"}, new double[] {0.1})))
                    .hasMessageContaining("ice");
            j.record(trade(3, "BTCUSDT", null, null));
        }

        assertThat(Csv.records(dir.resolve("trades.csv")))
                .extracting(r -> r.get("id"))
                .containsExactly("3");
    }
}
