package io.scalper.core.exec;

import static io.scalper.core.exec.OrderStatus.ACCEPTED;
import static io.scalper.core.exec.OrderStatus.CANCELED;
import static io.scalper.core.exec.OrderStatus.EXPIRED;
import static io.scalper.core.exec.OrderStatus.FILLED;
import static io.scalper.core.exec.OrderStatus.INITIALIZED;
import static io.scalper.core.exec.OrderStatus.PARTIALLY_FILLED;
import static io.scalper.core.exec.OrderStatus.PENDING_CANCEL;
import static io.scalper.core.exec.OrderStatus.PENDING_UPDATE;
import static io.scalper.core.exec.OrderStatus.REJECTED;
import static io.scalper.core.exec.OrderStatus.SUBMITTED;
import static io.scalper.core.exec.OrderStatus.TRIGGERED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one transition table for order status. A transition not listed is invalid: {@link Order#apply} reports it and
 * leaves the order as it was, it is never thrown. Real-world cases are listed explicitly:
 * <ul>
 *   <li>a fill after a cancel was requested (PENDING_CANCEL → PARTIALLY_FILLED/FILLED);
 *   <li>a fill after the order was reported cancelled (CANCELED → PARTIALLY_FILLED/FILLED: Bybit can push a late
 *       {@code Filled} after a {@code Cancelled} in a cancel/fill race) — the position must reflect it;
 *   <li>a fill or a cancel arriving before the acknowledgement (SUBMITTED → PARTIALLY_FILLED/FILLED/CANCELED);
 *   <li>a refusal arriving after a cancel was sent for the order it refused (PENDING_CANCEL → REJECTED: the order
 *       never worked; left pending, its cancel's "unknown order" would make it look working for good);
 *   <li>a cancel refused because the order already filled (FILLED stays FILLED);
 *   <li>a partial fill followed by a cancel (PARTIALLY_FILLED → CANCELED).
 * </ul>
 * Repeated events that change nothing (a second {@code Accepted}) are duplicates, not invalid.
 */
public final class OrderStateMachine {
    /** Kinds of input, events and local commands. */
    public enum Input {
        SUBMIT,
        ACCEPTED,
        REJECTED,
        AMEND_REQUESTED,
        AMENDED,
        AMEND_REJECTED,
        CANCEL_REQUESTED,
        CANCELED,
        CANCEL_REJECTED,
        TRIGGERED,
        EXPIRED,
        PARTIAL_FILL,
        FULL_FILL,
        /** An order found working at the venue is taken over (start-up): acknowledged without being sent. */
        ADOPTED
    }

    private static final Map<OrderStatus, Map<Input, OrderStatus>> TABLE = new EnumMap<>(OrderStatus.class);

    static {
        final Set<OrderStatus> working = EnumSet.of(ACCEPTED, TRIGGERED, PARTIALLY_FILLED, PENDING_UPDATE);
        on(INITIALIZED, Input.SUBMIT, SUBMITTED);
        on(INITIALIZED, Input.REJECTED, REJECTED);
        on(INITIALIZED, Input.ADOPTED, ACCEPTED);
        on(SUBMITTED, Input.ACCEPTED, ACCEPTED);
        on(SUBMITTED, Input.REJECTED, REJECTED);
        on(SUBMITTED, Input.CANCEL_REQUESTED, PENDING_CANCEL);
        on(SUBMITTED, Input.CANCELED, CANCELED);
        on(SUBMITTED, Input.EXPIRED, EXPIRED);
        on(SUBMITTED, Input.TRIGGERED, TRIGGERED);
        on(SUBMITTED, Input.PARTIAL_FILL, PARTIALLY_FILLED);
        on(SUBMITTED, Input.FULL_FILL, FILLED);
        for (OrderStatus s : working) {
            on(s, Input.AMEND_REQUESTED, PENDING_UPDATE);
            on(s, Input.CANCEL_REQUESTED, PENDING_CANCEL);
            on(s, Input.CANCELED, CANCELED);
            on(s, Input.EXPIRED, EXPIRED);
            on(s, Input.PARTIAL_FILL, PARTIALLY_FILLED);
            on(s, Input.FULL_FILL, FILLED);
        }
        on(ACCEPTED, Input.TRIGGERED, TRIGGERED);
        on(PENDING_UPDATE, Input.TRIGGERED, TRIGGERED);
        on(PENDING_UPDATE, Input.AMENDED, ACCEPTED);
        on(PENDING_UPDATE, Input.AMEND_REJECTED, ACCEPTED);
        on(ACCEPTED, Input.AMENDED, ACCEPTED);
        on(TRIGGERED, Input.AMENDED, TRIGGERED);
        on(PARTIALLY_FILLED, Input.AMENDED, PARTIALLY_FILLED);
        on(PENDING_CANCEL, Input.CANCELED, CANCELED);
        on(PENDING_CANCEL, Input.REJECTED, REJECTED);
        on(PENDING_CANCEL, Input.CANCEL_REJECTED, ACCEPTED);
        on(PENDING_CANCEL, Input.PARTIAL_FILL, PENDING_CANCEL);
        on(PENDING_CANCEL, Input.FULL_FILL, FILLED);
        on(PENDING_CANCEL, Input.EXPIRED, EXPIRED);
        on(PENDING_CANCEL, Input.AMENDED, PENDING_CANCEL);
        on(PENDING_CANCEL, Input.AMEND_REJECTED, PENDING_CANCEL);
        on(CANCELED, Input.PARTIAL_FILL, CANCELED);
        on(CANCELED, Input.FULL_FILL, FILLED);
        on(FILLED, Input.CANCEL_REJECTED, FILLED);
        on(FILLED, Input.AMEND_REJECTED, FILLED);
        on(CANCELED, Input.CANCEL_REJECTED, CANCELED);
        on(CANCELED, Input.AMEND_REJECTED, CANCELED);
        on(REJECTED, Input.CANCEL_REJECTED, REJECTED);
        on(EXPIRED, Input.CANCEL_REJECTED, EXPIRED);
    }

    private OrderStateMachine() {}

    private static void on(OrderStatus from, Input input, OrderStatus to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(Input.class)).put(input, to);
    }

    /** The status after {@code input} in {@code from}, or {@code null} if the transition is invalid. */
    public static OrderStatus next(OrderStatus from, Input input) {
        final Map<Input, OrderStatus> row = TABLE.get(from);
        return row == null ? null : row.get(input);
    }

    /** Whether {@code input} is allowed in {@code from}. */
    public static boolean allows(OrderStatus from, Input input) {
        return next(from, input) != null;
    }
}
