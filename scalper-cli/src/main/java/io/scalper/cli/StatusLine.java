package io.scalper.cli;

import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.runtime.LoopStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one-line status of a live run, and the same figures as Prometheus text. */
final class StatusLine {
    private StatusLine() {}

    /** One symbol's status, or several side by side (each symbol's part as {@link #render(LoopStatus)} less the venue). */
    static String render(List<io.scalper.core.runtime.LoopStatus> all) {
        if (all.size() == 1) {
            return render(all.get(0));
        }
        final StringBuilder b = new StringBuilder(all.get(0).venue());
        for (io.scalper.core.runtime.LoopStatus s : all) {
            b.append(" | ")
                    .append(s.symbol())
                    .append(" pos ")
                    .append(num(s.positionQty(), 3))
                    .append(String.format(
                            Locale.ROOT,
                            " uPnL %+.2f rPnL %+.2f fused %+.2f ",
                            s.unrealizedPnl(),
                            s.realizedNet(),
                            s.fused()))
                    .append(s.tradingState())
                    .append(s.bookInSync() && s.privateStreamUp() ? "" : " DEGRADED");
        }
        return b.toString();
    }

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
        return prometheus(List.of(s), stats);
    }

    /**
     * The figures of every symbol as Prometheus text: each metric once, with one sample per symbol. {@code stats} is
     * the run's (an account's totals with each symbol's in {@link PerformanceStats#symbols()}, when several trade).
     */
    static String prometheus(List<io.scalper.core.runtime.LoopStatus> all, PerformanceStats stats) {
        final StringBuilder b = new StringBuilder(2048 * all.size());
        metric(b, "counter", "scalper_market_messages_total", "Market data messages received.", all, x -> x.messages());
        metric(b, "counter", "scalper_orders_total", "Orders sent.", all, x -> x.orders());
        metric(b, "counter", "scalper_fills_total", "Fills received.", all, x -> x.fills());
        metric(b, "counter", "scalper_trades_total", "Round trips closed.", all, x -> x.trades());
        metric(b, "counter", "scalper_reconnects_total", "WebSocket reconnections.", all, x -> x.reconnects());
        b.append("# HELP scalper_refusals_total Entries refused by a gate, by reason.\n");
        b.append("# TYPE scalper_refusals_total counter\n");
        for (io.scalper.core.runtime.LoopStatus s : all) {
            final PerformanceStats own = stats.symbols().getOrDefault(s.symbol(), stats);
            for (Map.Entry<String, Long> e : own.refusals().entrySet()) {
                b.append("scalper_refusals_total{symbol=\"")
                        .append(s.symbol())
                        .append("\",reason=\"")
                        .append(e.getKey())
                        .append("\"} ")
                        .append(e.getValue())
                        .append('\n');
            }
        }
        metric(b, "gauge", "scalper_position_lots", "Position in lots (negative: short).", all, x -> x.positionLots());
        metric(b, "gauge", "scalper_equity", "Equity, quote currency, marked to mid.", all, x -> x.equity());
        metric(b, "gauge", "scalper_realized_pnl", "Realised PnL net of fees and funding.", all, x -> x.realizedNet());
        metric(b, "gauge", "scalper_unrealized_pnl", "Unrealised PnL at mid.", all, x -> x.unrealizedPnl());
        metric(b, "gauge", "scalper_fused_score", "Last fused signal score.", all, x -> x.fused());
        metric(
                b,
                "gauge",
                "scalper_feed_age_seconds",
                "Local receive time minus exchange time of the last book message.",
                all,
                x -> x.feedAgeMs() / 1e3);
        metric(
                b,
                "gauge",
                "scalper_order_round_trip_seconds",
                "Last order request to acknowledgement time.",
                all,
                x -> x.roundTripMs() / 1e3);
        metric(
                b,
                "gauge",
                "scalper_book_in_sync",
                "1 when the order book is in sync.",
                all,
                x -> x.bookInSync() ? 1 : 0);
        metric(
                b,
                "gauge",
                "scalper_private_stream_up",
                "1 when the private stream is up.",
                all,
                x -> x.privateStreamUp() ? 1 : 0);
        metric(
                b,
                "gauge",
                "scalper_trading_active",
                "1 when new entries are allowed by the kill switch.",
                all,
                x -> "ACTIVE".equals(x.tradingState()) ? 1 : 0);
        return b.toString();
    }

    private static void metric(
            StringBuilder b,
            String type,
            String name,
            String help,
            List<io.scalper.core.runtime.LoopStatus> all,
            java.util.function.ToDoubleFunction<io.scalper.core.runtime.LoopStatus> value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (io.scalper.core.runtime.LoopStatus s : all) {
            final double v = value.applyAsDouble(s);
            b.append(name)
                    .append("{symbol=\"")
                    .append(s.symbol())
                    .append("\",venue=\"")
                    .append(s.venue())
                    .append("\"} ");
            if (type.equals("counter")) {
                b.append((long) v);
            } else {
                b.append(Double.isNaN(v) ? "NaN" : Double.toString(v));
            }
            b.append('\n');
        }
    }

    static String histograms(
            io.scalper.core.runtime.LoopStatus s,
            io.scalper.core.runtime.LatencyHistogram feed,
            io.scalper.core.runtime.LatencyHistogram rt) {
        return histograms(List.of(s), feed, rt);
    }

    /** The loop's latency histograms (every symbol's messages and orders; labelled {@code symbol="all"} with several). */
    static String histograms(
            List<io.scalper.core.runtime.LoopStatus> all,
            io.scalper.core.runtime.LatencyHistogram feed,
            io.scalper.core.runtime.LatencyHistogram rt) {
        final StringBuilder b = new StringBuilder(2048);
        final LoopStatus s = all.get(0);
        final String l = "symbol=\"" + (all.size() == 1 ? s.symbol() : "all") + "\",venue=\"" + s.venue() + "\"";
        feed.appendPrometheus(b, "scalper_feed_age_seconds", "Feed age of book messages.", l);
        rt.appendPrometheus(b, "scalper_order_round_trip_seconds", "Order request to acknowledgement.", l);
        return b.toString();
    }
}
