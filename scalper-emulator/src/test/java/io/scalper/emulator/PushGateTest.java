package io.scalper.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pushes wait for the replies of the commands that caused them, and keep their order. */
class PushGateTest {
    private final List<String> sent = new ArrayList<>();
    private final Account.Subscriber session = new Account.Subscriber() {
        @Override
        public String subscribedAs(String base) {
            return base;
        }

        @Override
        public void send(String text, long madeNanos) {
            sent.add(text);
        }
    };
    private final PushGate gate = new PushGate();

    @Test
    void shouldSendAtOnceWhenNoReplyIsPending() {
        gate.push(session, "a");
        assertThat(sent).containsExactly("a");
    }

    @Test
    void shouldHoldPushesBehindEachPendingReplyInOrder() {
        gate.push(session, "before");
        final PushGate.Barrier first = gate.hold();
        gate.push(session, "of-first");
        final PushGate.Barrier second = gate.hold();
        gate.push(session, "of-second");
        assertThat(sent).containsExactly("before");
        assertThat(gate.heldPushes()).isEqualTo(2);
        // the second reply went out first: its pushes still wait for the first reply
        second.release();
        assertThat(sent).containsExactly("before");
        first.release();
        assertThat(sent).containsExactly("before", "of-first", "of-second");
        first.release();
        gate.push(session, "after");
        assertThat(sent).containsExactly("before", "of-first", "of-second", "after");
    }

    @Test
    void shouldReleaseUpToTheFirstPendingBarrier() {
        final PushGate.Barrier first = gate.hold();
        gate.push(session, "1");
        final PushGate.Barrier second = gate.hold();
        gate.push(session, "2");
        first.release();
        assertThat(sent).containsExactly("1");
        gate.push(session, "3");
        assertThat(sent).containsExactly("1");
        second.release();
        assertThat(sent).containsExactly("1", "2", "3");
    }

    @Test
    void shouldHoldNothingForARequestAbandonedBeforeItRan() {
        final PushGate.Hold hold = new PushGate.Hold();
        hold.release();
        hold.place(gate);
        gate.push(session, "x");
        assertThat(sent).containsExactly("x");
        final PushGate.Hold live = new PushGate.Hold();
        live.place(gate);
        gate.push(session, "y");
        assertThat(sent).containsExactly("x");
        live.release();
        live.release();
        assertThat(sent).containsExactly("x", "y");
    }
}
