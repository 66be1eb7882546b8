package io.scalper.cli;

import io.scalper.core.metrics.PerformanceStats;
import java.util.Locale;
import java.util.Map;

/** The one-line status of a live run, and the same figures as Prometheus text. */
final class StatusLine {
    private StatusLine() {}

    static String render(io.scalper.core.runtime.LoopStatus s) {
        return String.format(
                Locale.ROOT,
                "%s %s mid %s spr %s | pos %s @ %s uPnL %+.2f rPnL %+.2f | fused %+.2f conf %.2f | %s ref %d | feed %s rt %s"
                        + " | recon %d%s",
                s.venue(),
                s.symbol(),
                num(s.mid(), 2),
                s.spreadTicks() < 0 ? "-" : Long.toString(s.spreadTicks()),
                num(s.positionQty(), 3),
                num(s.entryPrice(), 2),
                s.unrealizedPnl(),
                s.realizedNet(),
                s.fused(),
                s.confidence(),
                s.tradingState(),
                s.refusals(),
                ms(s.feedAgeMs()),
                ms(s.roundTripMs()),
                s.reconnects(),
                s.bookInSync() && s.privateStreamUp() ? "" : " DEGRADED");
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0fms", v);
    }

    static String prometheus(io.scalper.core.runtime.LoopStatus s, PerformanceStats stats) {
        final StringBuilder b = new StringBuilder(2048);
        final String l = "{symbol=\"" + s.symbol() + "\",venue=\"" + s.venue() + "\"}";
        counter(b, "scalper_market_messages_total", "Market data messages received.", l, s.messages());
        counter(b, "scalper_orders_total", "Orders sent.", l, s.orders());
        counter(b, "scalper_fills_total", "Fills received.", l, s.fills());
        counter(b, "scalper_trades_total", "Round trips closed.", l, s.trades());
        counter(b, "scalper_reconnects_total", "WebSocket reconnections.", l, s.reconnects());
        b.append("# HELP scalper_refusals_total Entries refused by a gate, by reason.\n");
        b.append("# TYPE scalper_refusals_total counter\n");
        for (Map.Entry<String, Long> e : stats.refusals().entrySet()) {
            b.append("scalper_refusals_total{symbol=\"")
                    .append(s.symbol())
                    .append("\",reason=\"")
                    .append(e.getKey())
                    .append("\"} ")
                    .append(e.getValue())
                    .append('\n');
        }
        gauge(b, "scalper_position_lots", "Position in lots (negative: short).", l, s.positionLots());
        gauge(b, "scalper_equity", "Equity, quote currency, marked to mid.", l, s.equity());
        gauge(b, "scalper_realized_pnl", "Realised PnL net of fees and funding.", l, s.realizedNet());
        gauge(b, "scalper_unrealized_pnl", "Unrealised PnL at mid.", l, s.unrealizedPnl());
        gauge(b, "scalper_fused_score", "Last fused signal score.", l, s.fused());
        gauge(
                b,
                "scalper_feed_age_seconds",
                "Local receive time minus exchange time of the last book message.",
                l,
                s.feedAgeMs() / 1e3);
        gauge(
                b,
                "scalper_order_round_trip_seconds",
                "Last order request to acknowledgement time.",
                l,
                s.roundTripMs() / 1e3);
        gauge(b, "scalper_book_in_sync", "1 when the order book is in sync.", l, s.bookInSync() ? 1 : 0);
        gauge(b, "scalper_private_stream_up", "1 when the private stream is up.", l, s.privateStreamUp() ? 1 : 0);
        gauge(
                b,
                "scalper_trading_active",
                "1 when new entries are allowed by the kill switch.",
                l,
                "ACTIVE".equals(s.tradingState()) ? 1 : 0);
        return b.toString();
    }

    static String histograms(
            io.scalper.core.runtime.LoopStatus s,
            io.scalper.core.runtime.LatencyHistogram feed,
            io.scalper.core.runtime.LatencyHistogram rt) {
        final StringBuilder b = new StringBuilder(2048);
        final String l = "symbol=\"" + s.symbol() + "\",venue=\"" + s.venue() + "\"";
        feed.appendPrometheus(b, "scalper_feed_age_seconds", "Feed age of book messages.", l);
        rt.appendPrometheus(b, "scalper_order_round_trip_seconds", "Order request to acknowledgement.", l);
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, String labels, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(labels).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, String labels, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name)
                .append(labels)
                .append(' ')
                .append(Double.isNaN(v) ? "NaN" : Double.toString(v))
                .append('\n');
    }
}
