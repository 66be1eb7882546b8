package io.scalper.bybit.gateway;

/** The order commands the gateway sends, by their trade-stream names; also the rate limiter's kinds. */
enum OrderOp {
    CREATE("order.create"),
    AMEND("order.amend"),
    CANCEL("order.cancel");

    final String wsName;

    OrderOp(String wsName) {
        this.wsName = wsName;
    }

    /** The command named {@code wsName} on the trade stream, or {@code null}. */
    static OrderOp of(String wsName) {
        for (OrderOp op : values()) {
            if (op.wsName.equals(wsName)) {
                return op;
            }
        }
        return null;
    }
}
