package io.scalper.bybit.gateway;

/**
 * The account's budget of order requests, for several {@link BybitGateway}s trading one account (one session per
 * symbol): Bybit counts order requests per UID and endpoint — {@code /v5/order/create}, {@code amend}, {@code cancel},
 * 10 a second each for non-VIP linear accounts, REST and the trade stream alike — so sessions of one account must
 * share one client-side limit, or two of them each keeping under it would together pass it and be refused with 10006.
 * Give every session of the account the same budget ({@link BybitSession#orderBudget}); the first gateway sizes it from
 * its REST client's {@code orderRatePerSecond}, with the gateway's margin. A pause after a 10006 pauses every session.
 *
 * <p>The gateways that share it must run on one thread (the runtime's engine thread), as they do under one
 * {@code TradingLoop}.
 */
public final class BybitOrderBudget {
    private OrderRateLimiter limiter;

    /** An empty budget, sized by the first gateway that takes it. */
    public BybitOrderBudget() {}

    /** The limiter, made at the first call with {@code kinds} kinds of request and {@code perSecond} each. */
    OrderRateLimiter limiter(int kinds, int perSecond) {
        if (limiter == null) {
            limiter = new OrderRateLimiter(kinds, perSecond);
        }
        return limiter;
    }

    /** Requests of one kind allowed in any rolling second, or 0 before a gateway took the budget. */
    public int perSecond() {
        return limiter == null ? 0 : limiter.perSecond();
    }

    @Override
    public String toString() {
        return "BybitOrderBudget[" + perSecond() + "/s per kind]";
    }
}
