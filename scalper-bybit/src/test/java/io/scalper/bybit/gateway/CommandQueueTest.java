package io.scalper.bybit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandQueueTest {
    private static final long SECOND_NS = 1_000_000_000L;

    private final OrderRateLimiter limiter = new OrderRateLimiter(OrderOp.values().length, 2);
    private final CommandQueue queue = new CommandQueue(limiter);
    private final List<String> sent = new ArrayList<>();

    private void dispatch(OrderOp op, String name, long nowNs) {
        queue.dispatch(op, () -> sent.add(name), nowNs);
    }

    @Test
    void shouldSendWhileTheLimitAllowsThenKeepCommandOrder() {
        dispatch(OrderOp.CREATE, "create-1", 0);
        dispatch(OrderOp.CREATE, "create-2", 0);
        dispatch(OrderOp.CREATE, "create-3", 0);
        // the cancel budget is unused, but a cancel never overtakes a waiting create
        dispatch(OrderOp.CANCEL, "cancel-1", 0);

        assertThat(sent).containsExactly("create-1", "create-2");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.isIdle(0)).isFalse();

        assertThat(queue.drain(SECOND_NS / 2)).isZero();
        assertThat(queue.drain(SECOND_NS)).isEqualTo(2);

        assertThat(sent).containsExactly("create-1", "create-2", "create-3", "cancel-1");
        assertThat(queue.isIdle(SECOND_NS)).isTrue();
        assertThat(limiter.deferrals()).isPositive();
    }

    @Test
    void shouldHoldEveryCommandWhileARateLimitAnswerPausesTheLimiter() {
        limiter.onRateLimited(0);

        dispatch(OrderOp.AMEND, "amend-1", 0);

        assertThat(sent).isEmpty();
        assertThat(queue.isIdle(SECOND_NS / 2)).isFalse();
        assertThat(queue.drain(SECOND_NS / 2)).isZero();
        assertThat(queue.drain(SECOND_NS)).isEqualTo(1);
        assertThat(sent).containsExactly("amend-1");
        assertThat(queue.isIdle(SECOND_NS)).isTrue();
    }
}
