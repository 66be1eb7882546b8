package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.exec.CancelReason;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderFixtures;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RejectReason;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.exec.TriggerSource;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderJournalTest {
    static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    static final long T0 = 1_767_225_600_000_000_000L;
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheDocumentedHeader() throws IOException {
        OrderJournal.open(dir, BTC).close();

        assertThat(Files.readAllLines(dir.resolve("orders.csv")))
                .containsExactly("time_ms,time_iso,record,client_order_id,symbol,purpose,side,type,tif,price,qty,"
                        + "reduce_only,trigger_price,status,filled_qty,event_price,event_qty,reason,result,"
                        + "venue_order_id,exchange_time_ms");
    }

    @Test
    void shouldRecordCommandsAndEveryEventOfAnOrdersLife() throws IOException {
        final Order order = new Order(
                OrderRequest.limit(
                        "sc-1", "BTCUSDT", Side.BUY, 651_142, 5, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY),
                T0);
        try (OrderJournal j = OrderJournal.open(dir, BTC)) {
            OrderFixtures.submit(order, T0);
            j.recordSubmit(T0, order);
            final OrderEvent accepted = new OrderEvent.Accepted("sc-1", "v-9", T0 + 2 * MS, T0 + 3 * MS);
            j.recordEvent(T0 + 3 * MS, order, accepted, OrderFixtures.apply(order, accepted));
            OrderFixtures.requestAmend(order);
            j.recordAmend(T0 + 4 * MS, order, 651_140, 4);
            final OrderEvent amended = new OrderEvent.Amended("sc-1", "v-9", 651_140, 4, 0, T0 + 5 * MS, T0 + 6 * MS);
            j.recordEvent(T0 + 6 * MS, order, amended, OrderFixtures.apply(order, amended));
            final OrderEvent fill = new OrderEvent.Filled(
                    "sc-1", "v-9", "f-1", 651_140, 1, 0.013, Liquidity.MAKER, 3, T0 + 7 * MS, T0 + 8 * MS);
            j.recordEvent(T0 + 8 * MS, order, fill, OrderFixtures.apply(order, fill));
            j.recordEvent(T0 + 9 * MS, order, fill, OrderFixtures.apply(order, fill));
            OrderFixtures.requestCancel(order);
            j.recordCancel(T0 + 10 * MS, order);
            final OrderEvent canceled =
                    new OrderEvent.Canceled("sc-1", "v-9", CancelReason.BY_CLIENT, T0 + 11 * MS, T0 + 12 * MS);
            j.recordEvent(T0 + 12 * MS, order, canceled, null);
        }

        final List<Map<String, String>> rows = Csv.records(dir.resolve("orders.csv"));
        assertThat(rows)
                .extracting(r -> r.get("record"))
                .containsExactly("submit", "accepted", "amend", "amended", "filled", "filled", "cancel", "canceled");
        assertThat(rows.get(0))
                .containsEntry("time_ms", "1767225600000")
                .containsEntry("client_order_id", "sc-1")
                .containsEntry("symbol", "BTCUSDT")
                .containsEntry("purpose", "ENTRY")
                .containsEntry("side", "BUY")
                .containsEntry("type", "LIMIT")
                .containsEntry("tif", "POST_ONLY")
                .containsEntry("price", "65114.20")
                .containsEntry("qty", "0.005")
                .containsEntry("reduce_only", "false")
                .containsEntry("trigger_price", "")
                .containsEntry("status", "SUBMITTED")
                .containsEntry("filled_qty", "0.000")
                .containsEntry("event_price", "")
                .containsEntry("venue_order_id", "")
                .containsEntry("exchange_time_ms", "");
        assertThat(rows.get(1))
                .containsEntry("status", "ACCEPTED")
                .containsEntry("result", "APPLIED")
                .containsEntry("venue_order_id", "v-9")
                .containsEntry("exchange_time_ms", "1767225600002");
        assertThat(rows.get(2))
                .containsEntry("status", "PENDING_UPDATE")
                .containsEntry("price", "65114.20")
                .containsEntry("event_price", "65114.00")
                .containsEntry("event_qty", "0.004");
        assertThat(rows.get(3))
                .containsEntry("price", "65114.00")
                .containsEntry("qty", "0.004")
                .containsEntry("event_price", "65114.00");
        assertThat(rows.get(4))
                .containsEntry("status", "PARTIALLY_FILLED")
                .containsEntry("filled_qty", "0.001")
                .containsEntry("event_price", "65114.00")
                .containsEntry("event_qty", "0.001")
                .containsEntry("result", "APPLIED");
        assertThat(rows.get(5)).containsEntry("result", "DUPLICATE").containsEntry("filled_qty", "0.001");
        assertThat(rows.get(6)).containsEntry("status", "PENDING_CANCEL");
        assertThat(rows.get(7))
                .containsEntry("reason", "by_client")
                .containsEntry("result", "")
                .containsEntry("time_iso", "2026-01-01T00:00:00.012Z");
    }

    @Test
    void shouldLeaveThePriceEmptyForMarketOrdersAndShowTheTriggerOfStops() throws IOException {
        final Order market =
                new Order(OrderRequest.market("m-1", "BTCUSDT", Side.SELL, 3, true, OrderPurpose.EXIT), T0);
        final Order stop = new Order(
                OrderRequest.stopMarket(
                        "s-1",
                        "BTCUSDT",
                        Side.SELL,
                        650_000,
                        3,
                        true,
                        TriggerSource.MARK_PRICE,
                        OrderPurpose.STOP_LOSS),
                T0);
        OrderFixtures.submit(market, T0);
        try (OrderJournal j = OrderJournal.open(dir, BTC)) {
            j.recordSubmit(T0, market);
            j.recordSubmit(T0, stop);
            final OrderEvent rejected =
                    new OrderEvent.Rejected("m-1", "", RejectReason.REDUCE_ONLY, "reduce-only, \"no position\"", 0, T0);
            j.recordEvent(T0, market, rejected, OrderFixtures.apply(market, rejected));
        }

        final List<Map<String, String>> rows = Csv.records(dir.resolve("orders.csv"));
        assertThat(rows.get(0))
                .containsEntry("type", "MARKET")
                .containsEntry("tif", "IOC")
                .containsEntry("price", "")
                .containsEntry("reduce_only", "true")
                .containsEntry("purpose", "EXIT");
        assertThat(rows.get(1)).containsEntry("trigger_price", "65000.00").containsEntry("purpose", "STOP_LOSS");
        assertThat(rows.get(2))
                .containsEntry("record", "rejected")
                .containsEntry("reason", "reduce_only (reduce-only, \"no position\")")
                .containsEntry("status", "REJECTED");
    }

    @Test
    void shouldNameEveryEventType() {
        assertThat(OrderJournal.eventName(new OrderEvent.AmendRejected("a", "", RejectReason.UNKNOWN, 0, 0)))
                .isEqualTo("amend_rejected");
        assertThat(OrderJournal.eventName(new OrderEvent.CancelRejected("a", "", RejectReason.UNKNOWN, 0, 0)))
                .isEqualTo("cancel_rejected");
        assertThat(OrderJournal.eventName(new OrderEvent.Triggered("a", "", 0, 0)))
                .isEqualTo("triggered");
        assertThat(OrderJournal.eventName(new OrderEvent.Expired("a", "", 0, 0)))
                .isEqualTo("expired");
    }

    @Test
    void shouldRefuseOrdersOfAnotherSymbolOrMismatchedEvents() throws IOException {
        final Order eth = new Order(OrderRequest.market("e-1", "ETHUSDT", Side.BUY, 3, false, OrderPurpose.ENTRY), T0);
        final Order btc = new Order(OrderRequest.market("b-1", "BTCUSDT", Side.BUY, 3, false, OrderPurpose.ENTRY), T0);
        try (OrderJournal j = OrderJournal.open(dir, BTC)) {
            assertThatThrownBy(() -> j.recordSubmit(T0, eth)).hasMessageContaining("ETHUSDT");
            assertThatThrownBy(() -> j.recordEvent(T0, btc, new OrderEvent.Accepted("x-1", "", 0, 0), null))
                    .hasMessageContaining("x-1");
            j.recordSubmit(T0, btc);
        }

        assertThat(Csv.records(dir.resolve("orders.csv"))).hasSize(1);
    }
}
