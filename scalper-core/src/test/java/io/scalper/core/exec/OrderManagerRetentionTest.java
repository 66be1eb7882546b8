package io.scalper.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.model.Side;
import org.junit.jupiter.api.Test;

class OrderManagerRetentionTest {
    private static OrderRequest limit(String id) {
        return OrderRequest.limit(id, "BTCUSDT", Side.BUY, 650_000, 1, TimeInForce.GTC, false, OrderPurpose.ENTRY);
    }

    @Test
    void shouldKeepEveryOpenOrderAndOnlyTheLatestFinishedOnes() {
        final OrderManager m = new OrderManager(3);
        final Order keep = m.create(limit("open-0"), 0);
        keep.markSubmitted(0);
        for (int i = 0; i < 10; i++) {
            final String id = "done-" + i;
            m.create(limit(id), i).markSubmitted(i);
            m.apply(new OrderEvent.Canceled(id, "", CancelReason.BY_CLIENT, i, i));
        }
        assertThat(m.get("open-0")).as("open orders are never forgotten").isSameAs(keep);
        assertThat(m.get("done-9")).isNotNull();
        assertThat(m.get("done-7")).isNotNull();
        assertThat(m.get("done-6")).as("beyond the latest three finished").isNull();
        assertThat(m.all()).hasSize(4);
        assertThat(m.created()).isEqualTo(11);
        assertThat(m.forgotten()).isEqualTo(7);
        // a late fill of a recent finished order still finds it
        assertThat(m.apply(new OrderEvent.Filled("done-9", "", "f-1", 650_000, 1, 0.1, Liquidity.MAKER, 0, 10, 10)))
                .isNotNull();
    }

    @Test
    void shouldAcceptOnlyValidBybitClientIds() {
        assertThat(ClientOrderIds.isValid("sc-abc_DEF-123")).isTrue();
        assertThat(ClientOrderIds.isValid("x".repeat(36))).isTrue();
        assertThat(ClientOrderIds.isValid("x".repeat(37))).isFalse();
        assertThat(ClientOrderIds.isValid("")).isFalse();
        assertThat(ClientOrderIds.isValid(null)).isFalse();
        assertThat(ClientOrderIds.isValid("a b")).isFalse();
        assertThat(ClientOrderIds.isValid("é")).isFalse();
        assertThat(ClientOrderIds.isValid("a.b")).isFalse();
    }
}
