package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderFixtures;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.Position;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FillJournalTest {
    private static final long T0 = OrderJournalTest.T0;
    private static final long MS = OrderJournalTest.MS;

    @TempDir
    Path dir;

    @Test
    void shouldRecordEachFillWithThePositionAfterIt() throws IOException {
        final Position position = new Position(OrderJournalTest.BTC);
        final Order entry = new Order(
                OrderRequest.limit("e-1", "BTCUSDT", Side.SELL, 651_142, 5, TimeInForce.GTC, false, OrderPurpose.ENTRY),
                T0);
        final OrderEvent.Filled first =
                new OrderEvent.Filled("e-1", "v-1", "f-1", 651_142, 2, 0.026, Liquidity.MAKER, 3, T0 + MS, T0 + 2 * MS);
        final OrderEvent.Filled second =
                new OrderEvent.Filled("e-1", "v-1", "f-2", 651_143, 1, -0.001, Liquidity.TAKER, 2, 0, T0 + 3 * MS);
        try (FillJournal j = FillJournal.open(dir, OrderJournalTest.BTC)) {
            for (final OrderEvent.Filled f : List.of(first, second)) {
                OrderFixtures.apply(entry, f);
                position.onFill(Side.SELL, f.priceTicks(), f.qtyLots(), f.fee(), f.localTimeNs());
                j.record(f.localTimeNs(), entry, f, position);
            }
            assertThat(Csv.records(j.path())).hasSize(2);
        }

        assertThat(Files.readAllLines(dir.resolve("fills.csv")).get(0))
                .isEqualTo("time_ms,time_iso,client_order_id,fill_id,symbol,purpose,side,price,qty,fee,liquidity,"
                        + "position_qty,position_avg_price,position_net_realized,venue_order_id,exchange_time_ms");
        final List<Map<String, String>> rows = Csv.records(dir.resolve("fills.csv"));
        assertThat(rows.get(0))
                .containsEntry("time_ms", "1767225600002")
                .containsEntry("client_order_id", "e-1")
                .containsEntry("fill_id", "f-1")
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("purpose", "ENTRY")
                .containsEntry("side", "SELL")
                .containsEntry("price", "65114.20")
                .containsEntry("qty", "0.002")
                .containsEntry("fee", "0.026")
                .containsEntry("liquidity", "MAKER")
                .containsEntry("position_qty", "-0.002")
                .containsEntry("position_avg_price", "65114.20")
                .containsEntry("position_net_realized", "-0.026")
                .containsEntry("venue_order_id", "v-1")
                .containsEntry("exchange_time_ms", "1767225600001");
        // average of 2 lots at 651142 and 1 at 651143: 651142.3333 ticks
        assertThat(rows.get(1))
                .containsEntry("position_qty", "-0.003")
                .containsEntry("position_avg_price", "65114.233333")
                .containsEntry("fee", "-0.001")
                .containsEntry("liquidity", "TAKER")
                .containsEntry("exchange_time_ms", "");
    }
}
